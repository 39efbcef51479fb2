# Plain verbs. Every target sets up what it needs: a fresh clone runs `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := .node/.installed-stamp
LOCALES := src/skolemiljo/locales

.PHONY: demo test lint typecheck l10n l10n-check snapshots bench serve clean test-py313

# Python 3.13, where durable-rules does not import: the first candidate that actually runs
# (pyenv's shim on PATH may exist without 3.13 being selected).
PY313_CANDIDATES := $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13 /root/.pyenv/versions/3.13*/bin/python3.13 $(PYENV_ROOT)/versions/3.13*/bin/python3.13) python3.13
PY313 ?= $(firstword $(foreach p,$(PY313_CANDIDATES),$(shell $(p) -c 'import sys; assert sys.version_info[:2] == (3, 13)' >/dev/null 2>&1 && echo $(p))))

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# durable-rules' setup.py drops CFLAGS; CPPFLAGS=-O2 still reaches its C core.
	CPPFLAGS=-O2 $(BIN)/python -m pip install -q -e '.[test,server]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/skolemiljo demo

# Compile the .po catalogs into the committed .mo files.
l10n: $(STAMP)
	$(BIN)/pybabel -q compile --statistics -d $(LOCALES) -D skolemiljo

# Fail when a catalog is fuzzy, incomplete or its .mo is stale (also covered by tests/test_l10n.py).
l10n-check: $(STAMP)
	$(BIN)/python scripts/check_catalogs.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# TypeScript, to compile and run the client example in docs/ (tests/test_docs.py).
$(NODE_STAMP):
	npm install --prefix .node --no-audit --no-fund --silent typescript@5 @types/node@20
	touch $(NODE_STAMP)

# The catalog check runs first (a stale committed .mo fails), then the catalogs are compiled.
test: $(STAMP) $(NODE_STAMP) l10n-check l10n lint typecheck test-py313
	$(BIN)/python -m pytest -q

# The package must install and work on Python 3.13+ (reference evaluator, with a warning).
test-py313:
	@test -n "$(PY313)" || { echo "test-py313: no python3.13 found (set PY313=...)"; exit 1; }
	rm -rf .venv313 && $(PY313) -m venv .venv313
	.venv313/bin/python -m pip install -q .
	cd /tmp && $(CURDIR)/.venv313/bin/python $(CURDIR)/scripts/check_py313.py $(CURDIR)

snapshots: $(STAMP)
	$(BIN)/python scripts/generate_snapshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/load.py

serve: $(STAMP)
	$(BIN)/skolemiljo serve --host 127.0.0.1 --port 8000

clean:
	rm -rf $(VENV) .venv313 .node .mypy_cache .ruff_cache .hypothesis
