# The one task runner, for people and CI. Every target sets up .venv itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The routine steps take the month and the formats from the command line: make pdf MAAND=2018-07.
MAAND  ?=
FORMAT ?= md,html

# Debian packages the browser test, PDF and benchmark need (Chromium, WeasyPrint's Pango, pandoc),
# and rsvg-convert, with which pandoc adds a PNG to each chart of a DOCX (for Word without SVG).
SYSTEM_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 pandoc poppler-utils librsvg2-bin

.PHONY: install system-deps lint test build build-all pdf validate new list bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,office]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Every month, or only MAAND.
validate: $(STAMP)
	$(BIN)/maandmonitor validate $(MAAND)

# One month (MAAND=2018-06 by default): validated and built; other months are not looked at.
# It ends by saying how to go on, since the tool itself is in .venv, not on the PATH.
build: $(STAMP)
	$(BIN)/maandmonitor build $(or $(MAAND),2018-06) --format $(FORMAT)
	@echo "Verder: make validate, make new MAAND=JJJJ-MM, make list, make pdf MAAND=JJJJ-MM"
	@echo "Elk commando zelf: $(BIN)/maandmonitor -h (of eerst: source $(BIN)/activate)"

# The same with the PDF (needs Pango: sudo make system-deps).
pdf: FORMAT = md,html,pdf
pdf: build

# The next month's file from the one before it; never overwrites. Without MAAND it says so before
# anything is installed: the prerequisite is chosen when the Makefile is read (an order of
# prerequisites would not hold under make -j).
new: $(if $(MAAND),$(STAMP),maand-ontbreekt)
	$(BIN)/maandmonitor new $(MAAND)

.PHONY: maand-ontbreekt
maand-ontbreekt:
	@echo "geef de maand: make new MAAND=JJJJ-MM" >&2; exit 2

list: $(STAMP)
	$(BIN)/maandmonitor list

# Every month and year; only what changed since the last run (cache in build/.cache).
build-all: $(STAMP)
	$(BIN)/maandmonitor build --all --format $(FORMAT)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	cd bench && ../$(BIN)/python run.py

# What CI checks: .ci/run and .github/workflows/maandmonitor.yml both run exactly this.
# build-all validates every month first and builds nothing when one has an error.
.PHONY: ci
ci: test build-all
