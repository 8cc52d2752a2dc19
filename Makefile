# The two commands a newcomer needs: `make site` and `make test`.
# Every target that runs Python depends on `setup`, so each works on a fresh machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: setup browser libreoffice figures site serve test bench slides clean

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# KaTeX and the iframe-worker shim, pinned by package-lock.json, copied into the site at build time.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (a browser download is impossible here).
browser:
	@test -x /usr/bin/chromium || bash scripts/install_chromium.sh

# Debian's LibreOffice Impress and poppler-utils: the deck test converts every deck to PDF.
libreoffice:
	@command -v soffice >/dev/null && command -v pdfinfo >/dev/null || bash scripts/install_libreoffice.sh

figures: setup
	$(PY) -m nnviz figures

site: figures slides
	$(PY) -m nnviz site

serve: site
	$(PY) -m nnviz.site.serve --directory site --port 8000

test: setup browser libreoffice site
	$(PY) -m pytest

bench: setup browser site
	$(PY) scripts/bench_engine.py
	$(PY) scripts/bench_figures.py
	$(PY) scripts/bench_fit.py
	$(PY) scripts/bench_build.py
	$(PY) scripts/bench_lighthouse.py

# Slide versions of every figure, then each chapter's teacher's pack (decks and zip), which
# needs the site's figures: their captions and alt text.
slides: setup figures
	$(PY) -m nnviz slides

clean:
	rm -rf site slides docs/figures docs/explorables .nnviz-cache
