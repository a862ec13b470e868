# Two commands for a newcomer: `make run` starts the tool, `make test` runs the whole suite.
# Both create .venv on first use and bring it up to date when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test lint bench data matching completions docs clean help

help:
	@echo "make run    set up .venv and start protocol ask (ARGS='...' for other arguments)"
	@echo "make test   set up .venv with the test tools and run lint, protocol data check and the suite"
	@echo "make lint   ruff, and the layer contract (lint-imports; see ARCHITECTURE.md)"
	@echo "make bench  start-up and command timings, as ratios to 'python -c pass'"
	@echo "make data   rebuild data/clauses/ from ../shared/seeds/ (tools/build_clauses.py)"
	@echo "make matching  rebuild the question ranker (data/matching/model.json) and show its figures"
	@echo "make completions  regenerate completions/ and the fast path's command table"
	@echo "make docs   regenerate the README's pictures and its console examples (what each command prints now)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "protocol needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)"; exit 2; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null \
		|| { echo "Python's venv module is missing; on Debian: sudo apt-get install python3-venv"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[documents]'
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/protocol $(if $(ARGS),$(ARGS),ask)

test: $(VENV)/.installed-test lint
	$(BIN)/protocol data check
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check protocol_cli tests tools
	$(BIN)/lint-imports --no-cache

bench: $(VENV)/.installed-test
	$(BIN)/python tools/bench.py

data: $(VENV)/.installed-test
	$(BIN)/python tools/build_clauses.py

matching: $(VENV)/.installed-test
	$(BIN)/python tools/train_matcher.py

completions: $(VENV)/.installed-test
	$(BIN)/python tools/generate.py

docs: $(VENV)/.installed-test
	$(BIN)/python tools/docs.py
	$(BIN)/python tools/readme_examples.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
