# Bootstrap only: create .venv and node_modules, then hand over to the
# invoke tasks in tasks.py. `make serve` and `make test` work on a fresh
# Debian machine with Python 3.11 and Node 20 or 22.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INVOKE := $(VENV)/bin/invoke
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
# Every Python distribution, indirect ones too, at one version with its
# hashes: for Python 3.11 on Linux x86_64, made from both pyproject.toml
# files by `make lock`.
LOCK := requirements.lock
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml packages/pelican-thai-search/pyproject.toml \
	--extra dev --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--custom-compile-command "make lock" --quiet

.PHONY: setup serve edit build publish test check lint clean lock

setup: $(PY_STAMP) $(NPM_STAMP)

# A new venv holds exactly the lock: pip checks every file against its hash
# and builds nothing (wheels only). The site itself (editable) and the Thai
# search, a package of its own installed as any site would
# (newsroom/search_package.py keeps the copy current after edits), come
# without dependencies and build with the locked setuptools.
$(PY_STAMP): $(LOCK) pyproject.toml packages/pelican-thai-search/pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/python -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation ./packages/pelican-thai-search
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: setup
	$(INVOKE) serve

# The web editor at http://localhost:8000/admin/: decap-server (the local
# backend, files written in content/) and the development server.
edit: setup
	$(INVOKE) edit

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

# Write requirements.lock again after a change to either pyproject.toml;
# versions already locked stay unless asked:
#   make lock UPGRADE="--upgrade-package soupsieve"   (one indirect dependency)
#   make lock UPGRADE=--upgrade                       (every unpinned one)
# An unchanged lock keeps its date, so the venv is not made again for nothing.
lock: $(PY_STAMP)
	cp $(LOCK) $(LOCK).new
	$(UV_COMPILE) $(UPGRADE) --output-file $(LOCK).new
	if cmp -s $(LOCK) $(LOCK).new; then rm $(LOCK).new; else mv $(LOCK).new $(LOCK); fi
