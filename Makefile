# Task runner for people and CI alike (.ci/run calls `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test install meilisearch browser-deps lint typecheck unit validate load index clean \
	bench-deps bench load-test fuzz

# Set up everything and serve the API from the bundled catalogue (SQLite search), on
# http://127.0.0.1:8000 unless told otherwise: `make serve PORT=8080 HOST=0.0.0.0`.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: install
	$(BIN)/interventions validate
	$(BIN)/interventions load
	$(BIN)/interventions serve --host $(HOST) --port $(PORT)

# Set up everything and run every check and test.
test: install meilisearch browser-deps
	$(MAKE) lint
	$(BIN)/interventions validate --format text
	$(BIN)/pytest -q

install: $(STAMP)

# Exactly the lock (requirements/dev.txt: the dependencies with the dev tools, every file
# checked against its hash), then the package itself without resolving anything: what runs
# here is what the lock says. A changed lock starts from an empty .venv, so a package that
# left the lock leaves the environment too.
$(STAMP): pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# The lock, from pyproject.toml: requirements/dev.txt (`make install`, hence CI) and
# requirements/runtime.txt (the image: the same versions without the dev tools), for
# every platform from Python 3.11 on. Run it after changing a dependency in
# pyproject.toml; it keeps every pin that still fits. `make lock LOCK_FLAGS=--upgrade`
# moves every pin to the newest release.
LOCK_FLAGS ?=
LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_FLAGS)

.PHONY: lock
lock: install
	$(LOCK) --extra dev -o requirements/dev.txt
	$(LOCK) --constraint requirements/dev.txt -o requirements/runtime.txt

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
	$(BIN)/ruff check interventions_api devtools tests migrations bench
	$(BIN)/mypy interventions_api devtools bench
	$(BIN)/hadolint --failure-threshold style Dockerfile

unit: install
	$(BIN)/pytest -q -m "not meili and not browser"

validate: install
	$(BIN)/interventions validate

load: install
	$(BIN)/interventions load

index: install
	$(BIN)/interventions index

# Development tools (devtools/; never in the package or the image).
.PHONY: docs relevance

# The generated parts of the docs: docs/configuration.md from the settings, and the
# parameter table and worked example of docs/matching.md from the match, and those of
# docs/evidence.md from the effect verdicts, the example and chart of docs/monitor.md from
# the monitor, and the example of docs/plan.md from the plan (tests check all five).
docs: install
	$(BIN)/python -m devtools.config_doc --write
	$(BIN)/python -m devtools.match_example --write
	$(BIN)/python -m devtools.evidence_example --write
	$(BIN)/python -m devtools.monitor_example --write
	$(BIN)/python -m devtools.plan_example --write

# The per-query relevance table of tests/search/judgments.yaml on SQLite and Meilisearch.
relevance: install meilisearch
	$(BIN)/python -m devtools.relevance

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

clean:
	rm -rf $(VENV) var search/bin search/.cache .pytest_cache .mypy_cache .ruff_cache
