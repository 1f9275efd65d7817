# Set-up and everyday commands. `make serve` installs only what building needs; `make test` installs everything.
VENV := .venv
BIN := $(VENV)/bin
PROPERDOCS_VENV := .venv-properdocs
PYTHON ?= python3
# The venv holds what the site needs and no installer: the system's pip installs into it, without
# writing bytecode ahead of time (about 50 MB of the venv for a writer's set-up).
PIP := $(PYTHON) -m pip --python $(BIN)/python install --quiet --no-compile

.PHONY: install install-test debian-packages serve build check test linkcheck

install: $(VENV)/.installed-build node_modules/.installed-build
install-test: $(VENV)/.installed-test node_modules/.installed-test debian-packages $(PROPERDOCS_VENV)/.installed

$(VENV)/.installed-build: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-build requirements-test.txt requirements-linkcheck.txt requirements-bench.txt
	$(PIP) -r requirements-test.txt
	touch $@ $(VENV)/.installed-linkcheck

$(VENV)/.installed-linkcheck: $(VENV)/.installed-build requirements-linkcheck.txt
	$(PIP) -r requirements-linkcheck.txt
	touch $@

# The second engine (tests/test_second_engine.py): ProperDocs in a venv of its own, held to the versions of
# the build's venv, so that the two sites differ by their engine alone.
$(PROPERDOCS_VENV)/.installed: $(VENV)/.installed-build requirements-properdocs.txt
	test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv --without-pip $(PROPERDOCS_VENV)
	$(PYTHON) -m pip --python $(BIN)/python freeze --exclude-editable > $(PROPERDOCS_VENV)/constraints.txt
	$(PYTHON) -m pip --python $(PROPERDOCS_VENV)/bin/python install --quiet --no-compile -r requirements-properdocs.txt -c $(PROPERDOCS_VENV)/constraints.txt
	$(PYTHON) -m pip --python $(PROPERDOCS_VENV)/bin/python install --quiet --no-compile --no-deps -e .
	touch $@

# Readers' libraries only (3Dmol.js, ...): the audit tools are devDependencies.
node_modules/.installed-build: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

node_modules/.installed-test: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ node_modules/.installed-build

# Debian's Chromium for the browser tests (Playwright cannot download a browser here), Noto Sans CJK for the
# figures' Japanese text and for Japanese pages in Chromium, and Java for the Nu Html Checker (npm vnu-jar).
# Each is checked on its own: a machine that has Chromium may still lack the fonts.
debian-packages:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# --dirty: rebuild only what changed (our listings are always regenerated): 1.1 s instead of 1.7 s
# from saving a post to the reloaded page on this site, 2.4 s instead of 9.8 s with 500 posts.
serve: install
	$(BIN)/mkdocs serve --dirty

build: install
	$(BIN)/mkdocs build --strict

# The fast tier, in under a minute: ruff, and the unit tests of the core, the adapter's shared build,
# the authoring commands and the link check (tests/unit/), with no MkDocs build and no browser.
RUFF_PATHS := plugins tests benchmarks scripts
check: $(VENV)/.installed-test node_modules/.installed-build
	$(BIN)/ruff check $(RUFF_PATHS)
	$(BIN)/ruff format --check $(RUFF_PATHS)
	$(BIN)/python -m pytest -q tests/unit

# Two workers, each taking whole modules, so a module builds its site once (tests/conftest.py).
test: install install-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup

linkcheck: build $(VENV)/.installed-linkcheck
	$(BIN)/fieldnotes linkcheck site

# Every notebook at full size, asserting its article's numbers (`make test` runs the slowest ones shortened).
.PHONY: notebooks-full
notebooks-full: $(VENV)/.installed-test
	NOTEBOOKS_FULL=1 $(BIN)/python -m pytest tests/test_notebooks.py

# Every article's figures, drawn by scripts/figures/<slug>.py into posts/assets/<slug>/ for every language of
# mkdocs.yml and both colour schemes; Japanese text is laid out with Debian's fonts-noto-cjk.
FIGURE_SCRIPTS := $(filter-out scripts/figures/figure_style.py,$(wildcard scripts/figures/*.py))
.PHONY: figures
figures: $(VENV)/.installed-test debian-packages
	@set -e; for script in $(FIGURE_SCRIPTS); do $(BIN)/python $$script; done
