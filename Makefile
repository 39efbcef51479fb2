# Plain verbs. Every target sets up what it needs: a fresh clone runs `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCALES := src/skolemiljo/locales

.PHONY: demo test lint typecheck l10n l10n-check snapshots bench serve clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# durable-rules' setup.py drops CFLAGS; CPPFLAGS=-O2 still reaches its C core.
	CPPFLAGS=-O2 $(BIN)/python -m pip install -q -e '.[test]'
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

test: $(STAMP) l10n-check lint typecheck
	$(BIN)/python -m pytest -q

snapshots: $(STAMP)
	$(BIN)/python scripts/generate_snapshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis
