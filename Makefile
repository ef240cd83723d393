# Business corner — `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PUBLIC_URL ?= http://127.0.0.1:$(PORT)
FLASK := $(BIN)/flask --app business_corner
PYBABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2

.PHONY: run test setup translations compile-translations db demo clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Business corner needs Python 3.11 or newer (set PYTHON=python3.12, for example)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pinned dependencies change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

compile-translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations

setup: compile-translations

db: setup
	$(FLASK) db upgrade

demo: db
	$(FLASK) demo --if-empty

run: demo
	$(FLASK) run --port $(PORT)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

# How good and how fast the table planner is (docs/tables.md); about a minute.
.PHONY: bench-tables
bench-tables: setup
	$(BIN)/python -m benchmarks.tables

# Extract messages, merge them into the catalogues, compile.
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(PYBABEL_KEYWORDS) --no-location --sort-output \
		--project "Business corner" -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d translations

clean:
	rm -rf $(VENV) .pytest_cache
