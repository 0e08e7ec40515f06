# Quick start: `make demo` (set up + morning plan on a demo database), `make test` (set up + whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo/salesvisit.db

.PHONY: demo test lint bench clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $@

demo: $(VENV)/.installed
	rm -rf demo && mkdir -p demo
	$(BIN)/salesvisit demo --db $(DEMO) --seed 7
	$(BIN)/salesvisit --db $(DEMO) --rep demo visit plan

test: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

# Extract every message, update the Chinese catalog (src/salesvisit_cli/locale), compile it.
i18n: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) demo build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
