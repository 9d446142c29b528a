# The two commands: `make lab` (set up if needed, open JupyterLab) and `make test` (every check).
# Only Python 3.11+, git and make are assumed; everything else is installed here.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8888
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: lab lock labextension test lint typecheck unit integration notebooks browser hub docs-images benchmarks notebooks-build clean help

help:
	@echo "make lab   - set up (first time only) and open JupyterLab on the first notebook"
	@echo "make test  - set up test tools (first time only) and run every check"

# The venv is made without pip: bootstrapping pip into it (ensurepip) takes seconds, and uv
# does the installing.
$(PY):
	$(PYTHON) -m venv --without-pip $(VENV)

# Every Python package comes at the version pinned in a lock (a first start takes seconds, and
# every machine runs what the tests ran): requirements.lock for the notebooks, and
# requirements-test.lock for the test tools too (made with requirements.lock as constraints, so
# the two agree). `make lock` remakes both after a change to pyproject.toml's dependencies;
# tests/unit/test_lock.py fails until it is run.
# uv installs them. It comes at the version below from the package index, installed into the
# venv by this Python's pip (or, where this Python has no pip, by pip bootstrapped into the
# venv). If uv cannot be installed or fails, pip installs the same lock, only more slowly.
UV_VERSION ?= 0.13.9
UV := $(VENV)/bin/uv
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
ensure_pip = { $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null; }
install_uv = { $(UV) --version >/dev/null 2>&1 \
	|| $(PYTHON) -m pip --disable-pip-version-check -q --python $(PY) install "uv==$(UV_VERSION)" 2>/dev/null \
	|| { $(ensure_pip) && $(PIP) install "uv==$(UV_VERSION)" 2>/dev/null; }; }
# $(call install_locked,lock file): exactly the lock's packages, and this project (editable).
install_locked = { $(install_uv) && $(UV) pip install --python $(PY) -q --no-deps -r $(1) -e . ; } \
	|| { echo "uv was not available or failed: installing with pip instead (slower)." \
	  && $(ensure_pip) && $(PIP) install -r $(1) && $(PIP) install --no-deps -e . ; }

# Stamps make re-running cheap: nothing is reinstalled unless a lock (or, for the runtime, the
# server setting below) changed.
# The server setting lets the upload button take files up to the 20 MB limit (servers cap
# one message at 10 MB unless told otherwise) and keeps the course notebooks clean on save
# (helpers.presave.scrub); Jupyter reads it from <venv>/etc/jupyter.
# overrides.json turns off JupyterLab's "get news?" pop-up for everyone using this venv.
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.json
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json

$(VENV)/.runtime-installed: $(LOCK) pyproject.toml helpers/jupyter_server_config.json | $(PY)
	$(call install_locked,$(LOCK))
	mkdir -p $(dir $(SERVER_CONFIG)) && cp helpers/jupyter_server_config.json $(SERVER_CONFIG)
	rm -rf $(LABEXT_LINK) && mkdir -p $(dir $(LABEXT_LINK)) && ln -s ../../../../helpers/labextension $(LABEXT_LINK)
	mkdir -p $(dir $(LAB_OVERRIDES)) && printf '%s\n' \
		'{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
		> $(LAB_OVERRIDES)
	@touch $@

$(VENV)/.test-installed: $(TEST_LOCK) $(VENV)/.runtime-installed
	$(call install_locked,$(TEST_LOCK))
	@touch $@

# Remake the locks from pyproject.toml (newest versions that fit; needs uv, installed above).
lock: $(VENV)/.runtime-installed
	$(UV) pip compile -q --upgrade pyproject.toml --universal --python-version 3.11 -o $(LOCK)
	$(UV) pip compile -q --upgrade pyproject.toml --universal --python-version 3.11 \
		--extra test --extra hub -c $(LOCK) -o $(TEST_LOCK)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The JupyterLab extension that runs course notebooks when they open and keeps their code out of
# sight. Its source is labextension/; the built files in helpers/labextension/ are committed, so
# no learner needs node. The runtime install above links them into the venv (a rebuild shows at
# once); an ordinary install copies them (pyproject.toml's data-files). After changing
# labextension/, run `make labextension` (tests/unit/test_labextension.py fails until you do).
LABEXT_LINK := $(VENV)/share/jupyter/labextensions/customer-service-coursework-lab
LAB_CORE = $$($(PY) -c 'import jupyterlab, pathlib; print(pathlib.Path(jupyterlab.__file__).parent / "staging" / "package.json")')

labextension: $(VENV)/.runtime-installed
	cd labextension && npm ci --no-audit --no-fund --loglevel=error && npx tsc
	rm -rf helpers/labextension
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter-builder build \
		--core-package-file="$(LAB_CORE)" labextension
	$(PY) labextension/source_digest.py --write

/usr/bin/chromium:
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

# The server's root is the project folder, so coursework/ (answers, exports) can be browsed and
# the pack opened from notebook 07; the printed address opens notebook 00 itself.
lab: $(VENV)/.runtime-installed
	@echo "Starting JupyterLab. Open the address printed below (it starts with http://127.0.0.1)."
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb --ServerApp.ip=127.0.0.1 \
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

$(HUB_VENV)/.installed: pyproject.toml $(TEST_LOCK) helpers/jupyter_server_config.json | $(HUB_PYTHON)
	$(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip --disable-pip-version-check -q install -c $(TEST_LOCK) -e ".[hub]"
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
