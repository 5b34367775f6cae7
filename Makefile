# selon — set-up and everyday commands.  Everything installs into .venv/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint typecheck check clean services

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The main job on the bundled demo corpus, into the embedded (SQLite) store.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/selon ingest src/selon/demo --db $(DEMO_DB)
	$(BIN)/selon stats --db $(DEMO_DB)

# System services the tests use (PostgreSQL, Chromium), installed from Debian when missing.
services:
	@sh scripts/test-services.sh

test: install services
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench scripts

typecheck: install
	$(BIN)/mypy src

check: lint typecheck test

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
