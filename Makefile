# Business corner — `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Where the site is served. Written to instance/public-url, which every process reads (the
# web server, the mail sender, commands run by hand), so links in mail lead here.
SITE_URL := $(or $(PUBLIC_URL),http://127.0.0.1:$(PORT))
FLASK := $(BIN)/flask --app business_corner
PYBABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2

.PHONY: run site-address test lint test-browser setup translations compile-translations db demo clean bench bench-feeds bench-load bench-messages bench-mail bench-tables bench-tickets bench-tandems screenshots fuzz race-trials

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

site-address:
	@mkdir -p instance
	@[ "$$(cat instance/public-url 2>/dev/null)" = "$(SITE_URL)" ] || \
		{ printf '%s\n' "$(SITE_URL)" > instance/public-url; echo "site address: $(SITE_URL)"; }

demo: db site-address
	$(FLASK) demo --if-empty

# The development server and the mail sender beside it, stopped together (Ctrl-C).
run: demo
	FLASK="$(FLASK)" PORT=$(PORT) sh scripts/serve-dev.sh

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

# Style (ruff), formatting (ruff format), types (mypy on business_corner/) and the layering
# contracts (import-linter): all configured in pyproject.toml. Every check runs, then the
# target fails if any of them did.
lint: $(VENV)/.installed
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy || status=1; \
	$(BIN)/lint-imports || status=1; \
	exit $$status

# Only the tests in a real browser (Debian's Chromium, /usr/bin/chromium; skipped without it).
test-browser: setup
	$(BIN)/pytest tests/browser $(PYTEST_ARGS)

# How good and how fast the table planner is (README, "Planner: measured"); about a minute.
bench-tables: setup
	$(BIN)/python -m benchmarks.tables

# How good and how fast the tandem planner is (README, "Tandems: measured"); seconds.
bench-tandems: setup
	$(BIN)/python -m benchmarks.tandems

# Extract messages, merge them into the catalogues, compile.
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(PYBABEL_KEYWORDS) --no-location --sort-output \
		--project "Business corner" -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel compile -d translations

# docs/screenshots/: the main pages at 375 and 1440 px, in French and English, on demo data
# (ONLY="check-in ticket-scanned" for some pages only).
# chromium-l10n gives Chromium its French interface, so French date pickers read dd/mm/yyyy.
screenshots: setup
	@[ -e /usr/lib/chromium/locales/fr.pak ] || { \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium-l10n >/dev/null; }
	$(BIN)/python scripts/screenshots.py $(if $(ONLY),--only $(ONLY))

# Benchmarks print figures; they are not tests.
bench: bench-load bench-feeds bench-messages bench-mail bench-tables bench-tickets bench-tandems

# The site under wrk against a hello-world ceiling, on SQLite and PostgreSQL (installs wrk).
BENCH_SECONDS ?= 10
bench-load: setup
	$(BIN)/python benchmarks/load.py --seconds $(BENCH_SECONDS)

bench-feeds: setup
	$(BIN)/python benchmarks/feeds.py

# Queueing a message to 1,000 attendees, and the sender's cost per mail (README, "Messages").
bench-messages: setup
	$(BIN)/python benchmarks/attendee_messages.py

# What one confirmation with its invite costs the sender, in CPU (README, "Mail: measured").
bench-mail: setup
	$(BIN)/python benchmarks/mail_cost.py

# What a ticket (QR code) costs a reminder.
bench-tickets: setup
	$(BIN)/python benchmarks/tickets.py

# Many more fuzzing examples than CI runs (0 answers ≥ 500 expected).
FUZZ_EXAMPLES ?= 5000
fuzz: setup
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/security/test_fuzz_forms.py

# A thousand races for the last seat against gunicorn on PostgreSQL (CI runs a few).
TRIALS ?= 1000
RACE_DATABASE ?= postgresql://postgres@127.0.0.1:5432/test
race-trials: setup
	$(BIN)/python benchmarks/race_trials.py --trials $(TRIALS) --database $(RACE_DATABASE)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
