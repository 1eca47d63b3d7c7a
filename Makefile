# newsledger: set-up and main jobs. Every target creates .venv and installs first if needed.
PYTHON ?= python3
VENV ?= .venv
SHARED ?= ../shared
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test eval eval-heldout calibrate-events bench profile lock lint clean browser screenshots fuzz soak load postgres postgres-stop

install: $(STAMP)

# Installs exactly the versions pinned in constraints.txt (the lock), then compiles the
# offline gazetteer so the first run does not pay for it.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[eval,dev,spark]'
	$(BIN)/newsledger gazetteer build
	touch $(STAMP)

demo: install
	$(BIN)/newsledger show src/newsledger/examples/seed/article.txt --json demo-record.json

test: install browser
	$(BIN)/python -m pytest

# Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded
# by Playwright). Installed when missing and we may (root); otherwise those tests skip.
browser:
	@[ -x /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Screenshots of every view of the web app (docs/web-*.png, shown in the README).
screenshots: install browser
	$(BIN)/python scripts/web_screenshots.py docs

eval: install
	$(BIN)/newsledger eval all --shared $(SHARED) --json eval-report.json

# The events stage's confidence calibration (data/event_calibration.json), refitted on the
# document-level gold in $(SHARED)/eval/events/doc-gold (Platt scaling, cross-validated by halves).
calibrate-events: install
	$(BIN)/python scripts/calibrate_events.py --shared $(SHARED)

# The held-out sets in evaldata/heldout (written for the project, not in ../shared).
eval-heldout: install
	$(BIN)/python scripts/eval_heldout.py --json heldout-report.json

bench: install
	$(BIN)/newsledger bench --json bench-report.json
	$(BIN)/newsledger bench-store --json bench-store-report.json
	$(BIN)/python -m newsledger.bench.web --events 100000 --json bench-web-report.json

# Where the time goes: pyinstrument over the bench corpus (text to the terminal, profile.html).
profile: install
	$(BIN)/python scripts/profile_pipeline.py --html profile.html

# ruff over the code, and mypy over the modules pyproject.toml's [tool.mypy] lists.
lint: install
	$(BIN)/ruff check src tests scripts fuzz
	$(BIN)/mypy

# Bounded fuzzing of ingest + extract: the bad-input corpus, every regex's attack strings in
# articles (six per pattern), the property tests with FUZZ_EXAMPLES examples each, and atheris for FUZZ_SECONDS.
# Report: fuzz-report.json (inputs tried, crashes, timeouts); atheris corpus and log in fuzz-out/.
FUZZ_SECONDS ?= 300
FUZZ_EXAMPLES ?= 300
fuzz: install
	$(BIN)/python -m fuzz.run --seconds $(FUZZ_SECONDS) --examples $(FUZZ_EXAMPLES) --json fuzz-report.json

# Soak: SOAK_ARTICLES synthetic articles ingested while the process is killed SOAK_KILLS times
# at random points and resumed; then nothing lost or duplicated and the integrity check clean.
# SOAK_DB=postgresql://... runs it on PostgreSQL. Report: soak-report.json.
SOAK_ARTICLES ?= 10000
SOAK_KILLS ?= 20
soak: install
	$(BIN)/python scripts/soak.py --articles $(SOAK_ARTICLES) --kills $(SOAK_KILLS) --json soak-report.json $(if $(SOAK_DB),--db $(SOAK_DB))

# Load: `newsledger serve` on 127.0.0.1, LOAD_CLIENTS concurrent clients on the timeline and
# search endpoints for LOAD_SECONDS over a store of LOAD_EVENTS events. Report: load-report.json.
LOAD_EVENTS ?= 100000
LOAD_CLIENTS ?= 8
LOAD_SECONDS ?= 30
load: install
	$(BIN)/python scripts/load.py --events $(LOAD_EVENTS) --clients $(LOAD_CLIENTS) --seconds $(LOAD_SECONDS) --json load-report.json

# A private PostgreSQL server for trying the ledger on PostgreSQL, started the way the CI
# starts its own (.ci/postgres.sh: a Unix socket inside PGDATA, no TCP port; Debian's
# postgresql is installed if missing). Prints the NEWSLEDGER_DB to use:
#   eval "$$(make -s postgres)"      then newsledger ingest / query / serve use it
PGDATA ?= .postgres
postgres:
	@bash .ci/postgres.sh start $(PGDATA) | sed 's/NEWSLEDGER_TEST_PG/NEWSLEDGER_DB/'
	@echo "# newsledger now uses this server; stop it with: make postgres-stop" >&2

postgres-stop:
	@bash .ci/postgres.sh stop $(PGDATA)

# Re-pin every dependency to what a fresh resolve gives today (developers only).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet -e '.[eval,dev,spark]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^newsledger' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) demo-record.json eval-report.json bench-report.json bench-store-report.json bench-web-report.json .pytest_cache fuzz-report.json fuzz-out soak-report.json load-report.json profile.html
