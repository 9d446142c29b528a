# The two commands: `make lab` (set up if needed, open JupyterLab) and `make test` (every check).
# Only Python 3.11+, git and make are assumed; everything else is installed here.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8888
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: lab test lint typecheck unit integration notebooks browser hub docs-images benchmarks notebooks-build clean help

help:
	@echo "make lab   - set up (first time only) and open JupyterLab on the first notebook"
	@echo "make test  - set up test tools (first time only) and run every check"

$(PY):
	$(PYTHON) -m venv $(VENV)

# Stamps make re-running cheap: nothing is reinstalled unless pyproject.toml (or, for the
# runtime, the server setting below) changed.
# The server setting lets the upload button take files up to the 20 MB limit (servers cap
# one message at 10 MB unless told otherwise); Jupyter reads it from <venv>/etc/jupyter.
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.json

$(VENV)/.runtime-installed: pyproject.toml helpers/jupyter_server_config.json | $(PY)
	$(PIP) install -e .
	mkdir -p $(dir $(SERVER_CONFIG)) && cp helpers/jupyter_server_config.json $(SERVER_CONFIG)
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.runtime-installed
	$(PIP) install -e ".[test]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

lab: $(VENV)/.runtime-installed
	@echo "Starting JupyterLab. Open the address printed below (it starts with http://127.0.0.1)."
	$(VENV)/bin/jupyter lab notebooks/00_start_here.ipynb --ServerApp.ip=127.0.0.1 \
		--ServerApp.port=$(PORT) $(ALLOW_ROOT)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check helpers tests tools benchmarks data
	$(PY) tools/build_notebooks.py --check

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy helpers

# Fast tests: none starts a Jupyter kernel (a test that needs one belongs in tests/integration).
unit: $(VENV)/.test-installed
	$(VENV)/bin/pytest -q tests/unit

# Tests that start kernels: whole exports, export-cohort, notebooks run top to bottom.
integration: $(VENV)/.test-installed
	$(VENV)/bin/pytest -q tests/integration

notebooks: $(VENV)/.test-installed
	COURSEWORK_DIR=$$(mktemp -d) $(VENV)/bin/pytest -q --nbval-lax -p no:cacheprovider notebooks \
		--nbval-current-env

browser: $(VENV)/.test-installed /usr/bin/chromium $(if $(wildcard package.json),node_modules/.installed)
	$(VENV)/bin/pytest -q tests/browser

# The tutor guide's pictures: the browser tests save them under test-artifacts/ on every run;
# this rewrites docs/images/ instead (review the result with git diff before committing).
docs-images: $(VENV)/.test-installed /usr/bin/chromium $(if $(wildcard package.json),node_modules/.installed)
	COURSEWORK_DOCS_IMAGES=1 $(VENV)/bin/pytest -q tests/browser/test_tutor_docs.py

# A real JupyterHub (tests/hub): learners' servers run as system accounts made for the test, and
# those accounts cannot run a Python under /root (where pyenv puts $(PYTHON)). So the hub and the
# servers use their own environment, made from the system's Python, which every account can run;
# configurable-http-proxy comes from package.json. The test skips, saying why, where it cannot
# make accounts (not root, no useradd) or the repository is not readable by other accounts.
HUB_PYTHON ?= /usr/bin/python3
HUB_VENV := .venv-hub

$(HUB_PYTHON):
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 python3-venv >/dev/null

$(HUB_VENV)/.installed: pyproject.toml helpers/jupyter_server_config.json | $(HUB_PYTHON)
	$(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip --disable-pip-version-check -q install -e ".[hub]"
	mkdir -p $(HUB_VENV)/etc/jupyter && cp helpers/jupyter_server_config.json $(HUB_VENV)/etc/jupyter/
	@touch $@

hub: $(VENV)/.test-installed $(HUB_VENV)/.installed node_modules/.installed
	$(VENV)/bin/pytest -q -rs tests/hub

test: lint typecheck unit integration notebooks browser hub
	@echo "All checks passed."

benchmarks: $(VENV)/.test-installed
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

notebooks-build: $(VENV)/.runtime-installed
	$(PY) tools/build_notebooks.py

clean:
	rm -rf $(VENV) $(HUB_VENV) node_modules test-artifacts
