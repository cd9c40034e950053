# Task runner for people and CI alike (.ci/run calls `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test install meilisearch browser-deps lint typecheck unit validate load index clean \
	bench-deps bench load-test fuzz fuzz-yaml

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
	$(BIN)/ruff check interventions_api tests migrations bench
	$(BIN)/mypy interventions_api bench
	$(BIN)/hadolint --failure-threshold style Dockerfile

unit: install
	$(BIN)/pytest -q -m "not meili and not browser"

validate: install
	$(BIN)/interventions validate

load: install
	$(BIN)/interventions load

index: install
	$(BIN)/interventions index

# Measuring (bench/): datasette and psutil on top of the dev install, and autocannon (npm)
# as the load generator.
BENCH_STAMP := $(VENV)/.bench-installed

bench-deps: $(BENCH_STAMP)

$(BENCH_STAMP): pyproject.toml bench/package-lock.json $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	npm ci --prefix bench --silent --no-audit --no-fund
	touch $(BENCH_STAMP)

# The API beside raw Meilisearch and datasette, on the real catalogue and on 10,000
# synthetic entries; writes docs/benchmarks.md (up to 15 minutes). BENCH_QUICK=1: the real
# catalogue only, one short round, writes nothing (about a minute).
bench: bench-deps meilisearch
	$(BIN)/python -m bench.run

# 32 clients for 60 s of mixed queries against the API on a synthetic catalogue.
load-test: bench-deps meilisearch
	$(BIN)/python -m bench.load

# schemathesis against /openapi.json of a running API: at least 2,000 generated requests.
fuzz: bench-deps meilisearch
	$(BIN)/python -m bench.fuzz

# The YAML readers compared at length: yaml-rs against PyYAML on 1.1 million short
# values and 240,000 edited entry files (tests/catalogue/test_native_yaml.py).
fuzz-yaml: install
	NATIVE_YAML_FUZZ=long $(BIN)/pytest -q tests/catalogue/test_native_yaml.py

clean:
	rm -rf $(VENV) var search/bin search/.cache .pytest_cache .mypy_cache .ruff_cache
