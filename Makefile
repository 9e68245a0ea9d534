# Bootstrap only: create .venv and node_modules, then hand over to the
# invoke tasks in tasks.py. `make serve` and `make test` work on a fresh
# Debian machine with Python 3.11 and Node 20.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INVOKE := $(VENV)/bin/invoke
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: setup serve build publish test check lint clean

setup: $(PY_STAMP) $(NPM_STAMP)

# The Thai search is a package of its own, installed as any site would
# (newsroom/search_package.py keeps the copy current after edits).
$(PY_STAMP): pyproject.toml packages/pelican-thai-search/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	$(VENV)/bin/python -m pip install --quiet --no-build-isolation ./packages/pelican-thai-search
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: setup
	$(INVOKE) serve

build: setup
	$(INVOKE) build

publish: setup
	$(INVOKE) publish

test: setup
	$(INVOKE) test

check: setup
	$(INVOKE) check

lint: setup
	$(INVOKE) lint

clean:
	rm -rf output cache
