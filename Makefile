# newsledger: set-up and main jobs. Every target creates .venv and installs first if needed.
PYTHON ?= python3
VENV ?= .venv
SHARED ?= ../shared
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test eval bench lock lint clean

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

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/newsledger eval all --shared $(SHARED) --json eval-report.json

bench: install
	$(BIN)/newsledger bench --json bench-report.json

lint: install
	$(BIN)/ruff check src tests scripts

# Re-pin every dependency to what a fresh resolve gives today (developers only).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet -e '.[eval,dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^newsledger' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) demo-record.json eval-report.json bench-report.json .pytest_cache
