# Quick start: `make demo` (set up + morning plan on a demo database), `make test` (set up + whole suite),
# `make check` (the edit loop: lint + every test not marked slow), `make tables` (regenerate store/tables.py).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo/salesvisit.db

.PHONY: demo test check lint tables bench clean i18n

LINTED := src tests benchmarks scripts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $@

demo: $(VENV)/.installed
	rm -rf demo && mkdir -p demo
	$(BIN)/salesvisit demo --db $(DEMO) --seed 7
	printf '[route]\nstart = "31.2304,121.4737"\n[pool]\nrelease_days = 60\n' > demo/config.toml
	SALESVISIT_CONFIG=demo/config.toml $(BIN)/salesvisit --db $(DEMO) --rep demo visit plan --route
	SALESVISIT_CONFIG=demo/config.toml $(BIN)/salesvisit --db $(DEMO) --rep demo customer pool

test: $(VENV)/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest -n 2 -q

check: $(VENV)/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest -m "not slow" -n 2 -q

lint: $(VENV)/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

tables: $(VENV)/.installed
	$(BIN)/python scripts/gen_tables.py

# Extract every message, update the Chinese catalog (src/salesvisit_cli/locale), compile it.
i18n: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py

# The route benchmark also measures the solvers not chosen (OR-Tools, pyvroom): the bench extra.
$(VENV)/.bench: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres,bench]'
	touch $@

# `make bench QUICK=1`: without the biggest builds (no 500-salesperson file, a 21-salesperson team);
# the built databases are cached in ~/.cache/salesvisit-bench ($SALESVISIT_BENCH_CACHE) for the day.
bench: $(VENV)/.installed $(VENV)/.bench
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/route.py
	$(BIN)/python benchmarks/team_pg.py $(if $(QUICK),--skip-big)
	$(BIN)/python benchmarks/growth.py $(if $(QUICK),--skip-big)
	$(BIN)/python benchmarks/languages.py

clean:
	rm -rf $(VENV) demo build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
