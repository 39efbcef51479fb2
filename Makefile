# Plain verbs. Every target sets up what it needs: a fresh clone runs `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := .node/.installed-stamp-clients
CLIENTS_STAMP := .venv-clients/.installed-stamp
LOCALES := src/skolemiljo/locales

.PHONY: docs demo test check lint typecheck l10n l10n-check snapshots bench serve clean test-py313 test-wheel system

# Another Python X.Y: the first candidate that actually runs (pyenv's shim on PATH may exist
# without that version being selected).
find_python = $(firstword $(foreach p,$(wildcard $(HOME)/.pyenv/versions/$(1)*/bin/python$(1) /root/.pyenv/versions/$(1)*/bin/python$(1) $(PYENV_ROOT)/versions/$(1)*/bin/python$(1)) python$(1),$(shell $(p) -c 'import sys; assert sys.version_info[:2] == tuple(map(int, "$(1)".split(".")))' >/dev/null 2>&1 && echo $(p))))
# Python 3.13, where durable-rules does not import; 3.11 and 3.12 for the wheel check.
PY313 ?= $(call find_python,3.13)
PY312 ?= $(call find_python,3.12)
PY311 ?= $(call find_python,3.11)

# The system packages pip cannot bring: Pango and HarfBuzz-Subset for WeasyPrint (letters as PDF, the [pdf] extra)
# and pdftoppm for the PNG pages of `make snapshots`. Installed with apt-get where missing (as
# root); elsewhere the names are printed and the target fails.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
system:
	@command -v dpkg-query >/dev/null || { echo "system: not Debian; install Pango and poppler (pdftoppm) yourself"; exit 0; }; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || printf '%s ' $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "system: apt-get install $$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; }; \
	  else echo "system: please install $$missing (apt-get install $$missing)"; exit 1; fi; \
	fi

$(STAMP): pyproject.toml | system
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

# Fail when a catalog is fuzzy, incomplete or its .mo is stale (also covered by tests/i18n/test_l10n.py).
l10n-check: $(STAMP)
	$(BIN)/python scripts/check_catalogs.py

# The guides and the API reference from the docstrings, into .site/ (strict: a broken
# reference or link fails).
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# TypeScript, to compile and run the client example in docs/ (tests/package/test_docs.py), and
# openapi-typescript with openapi-fetch, the client generated from the service's OpenAPI
# document (tests/server/test_generated_clients.py).
$(NODE_STAMP):
	npm install --prefix .node --no-audit --no-fund --silent typescript@5 @types/node@20 \
	  openapi-typescript@7.13.0 openapi-fetch@0.17.0
	touch $(NODE_STAMP)

# openapi-python-client in a virtualenv of its own (it pins httpx below the service's), to
# generate the Python client the same test calls.
$(CLIENTS_STAMP):
	$(PY) -m venv .venv-clients
	.venv-clients/bin/python -m pip install -q 'openapi-python-client==0.29.1'
	touch $(CLIENTS_STAMP)

# The catalog check runs first (a stale committed .mo fails), then the catalogs are compiled.
# The whole suite runs on the main Python (with durable-rules, which it must find: the
# differential tests between the engines run here) and on Python 3.13 (without it); then the
# wheel is installed, without a compiler, on 3.11, 3.12 and 3.13.
test: system $(STAMP) $(NODE_STAMP) $(CLIENTS_STAMP) l10n-check l10n lint typecheck docs
	SKOLEMILJO_REQUIRE_DURABLE=1 SKOLEMILJO_REQUIRE_CLIENTS=1 $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory test-py313
	$(MAKE) --no-print-directory test-wheel

# The inner loop for developers: lint, types, the catalogs and the whole suite on the main
# Python (with durable-rules), spread over the machine's cores (pytest-xdist). `make test` stays
# the full gate CI runs (3.13, the wheel on 3.11-3.13, the docs site).
check: $(STAMP) lint typecheck l10n-check
	SKOLEMILJO_REQUIRE_DURABLE=1 $(BIN)/python -m pytest -q -n auto

# The whole suite on Python 3.13+, where durable-rules does not import (reference evaluator).
test-py313: $(NODE_STAMP) $(CLIENTS_STAMP)
	@test -n "$(PY313)" || { echo "test-py313: no python3.13 found (set PY313=...)"; exit 1; }
	test -f .venv313/.installed-stamp -a .venv313/.installed-stamp -nt pyproject.toml || { \
	  rm -rf .venv313 && $(PY313) -m venv .venv313 && \
	  .venv313/bin/python -m pip install -q --upgrade pip && \
	  .venv313/bin/python -m pip install -q -e '.[test,server]' && touch .venv313/.installed-stamp; }
	SKOLEMILJO_REQUIRE_CLIENTS=1 .venv313/bin/python -m pytest -q

# The wheel, installed on 3.11, 3.12 and 3.13 with no C compiler and binary packages only;
# there the README's examples run under -W error and `skolemiljo demo` runs outside the checkout.
test-wheel: $(STAMP)
	$(BIN)/python scripts/check_wheel.py $(PY311) $(PY312) $(PY313)

# The letters' and case files' snapshots, and the first page of each letter as a PNG under
# docs/letters/ (WeasyPrint, then pdftoppm).
# LibreOffice (to look at the DOCX as a person opening it would) and the fonts it substitutes
# for Arial: only for the pictures, not for the tests.
DOC_PACKAGES := libreoffice-writer-nogui fonts-liberation2
snapshots: system $(STAMP)
	@missing=$$(for p in $(DOC_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || printf '%s ' $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; }; \
	  else echo "snapshots: please install $$missing"; exit 1; fi; \
	fi
	$(BIN)/python scripts/generate_snapshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/load.py

serve: $(STAMP)
	$(BIN)/skolemiljo serve --host 127.0.0.1 --port 8000

clean:
	rm -rf $(VENV) .venv313 .venv-clients .node .mypy_cache .ruff_cache .hypothesis dist .site
