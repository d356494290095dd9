# The one task runner, for people and CI. Every target sets up .venv itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
MAAND  ?= 2018-06

# Debian packages the browser test, PDF and benchmark need (Chromium, WeasyPrint's Pango, pandoc).
SYSTEM_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 pandoc poppler-utils

.PHONY: install system-deps lint test build build-all validate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

validate: $(STAMP)
	$(BIN)/maandmonitor validate

# One month (MAAND=2018-06 by default): validated and built; other months are not looked at.
build: $(STAMP)
	$(BIN)/maandmonitor build $(MAAND)

# Every month and year; only what changed since the last run (cache in build/.cache).
build-all: $(STAMP)
	$(BIN)/maandmonitor build --all

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	cd bench && ../$(BIN)/python run.py

# What CI checks: .ci/run and .github/workflows/maandmonitor.yml both run exactly this.
# build-all validates every month first and builds nothing when one has an error.
.PHONY: ci
ci: test build-all
