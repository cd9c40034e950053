# Task runner for people and CI alike (.ci/run calls `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test install meilisearch browser-deps lint typecheck unit validate load index clean

# Set up everything and serve the API from the bundled catalogue (SQLite search).
serve: install
	$(BIN)/interventions validate
	$(BIN)/interventions load
	$(BIN)/interventions serve --host 127.0.0.1 --port 8000

# Set up everything and run every check and test.
test: install meilisearch browser-deps
	$(MAKE) lint
	$(BIN)/interventions validate --format text
	$(BIN)/pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

meilisearch:
	./search/install-meilisearch.sh

# Headless Chromium for the browser tests (Debian packages), and axe-core from npm.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Debian chromium + chromium-driver"; \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@if [ -f tests/browser/package-lock.json ]; then \
		cd tests/browser && npm ci --silent --no-audit --no-fund; \
	fi

lint: install
	$(BIN)/ruff check interventions_api tests migrations
	$(BIN)/mypy interventions_api
	$(BIN)/hadolint --failure-threshold style Dockerfile

unit: install
	$(BIN)/pytest -q -m "not meili and not browser"

validate: install
	$(BIN)/interventions validate

load: install
	$(BIN)/interventions load

index: install
	$(BIN)/interventions index

clean:
	rm -rf $(VENV) var search/bin search/.cache .pytest_cache .mypy_cache .ruff_cache
