"""Prometheus metrics: requests and latency by route, search engine used, degradations,
and the catalogue being served.

With several worker processes each has its own counters; ``interventions serve`` then
points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before the workers start, and a
scrape of any worker adds up the files of all of them. The catalogue metrics are read at
scrape time from the database file, so they are right whichever worker answers.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from .. import __version__
from ..errors import InterventionsError
from ..services.catalogue_context import catalogue_context

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST
UNMATCHED_ROUTE = "<unmatched>"
SEARCH_BACKENDS = ("meilisearch", "sqlite")

# The ``*_created`` series double the output and no dashboard here uses them.
disable_created_metrics()
REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "interventions_http_requests", "HTTP requests answered, by route template and status.",
    ["method", "route", "status"], registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "interventions_http_request_duration_seconds",
    "Time from request to the end of the response, by route template.",
    ["method", "route"], registry=REGISTRY,
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SEARCHES = Counter(
    "interventions_search_requests", "Searches answered, by the engine that answered them.",
    ["backend"], registry=REGISTRY,
)
DEGRADED = Counter(
    "interventions_search_degraded",
    "Searches that fell back to SQLite because Meilisearch failed or was too slow.",
    registry=REGISTRY,
)


# Both backends' series exist from the start, at zero.
_search_series = {backend: SEARCHES.labels(backend) for backend in SEARCH_BACKENDS}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_LATENCY.labels(method, route).observe(seconds)


def record_search(backend: str, degraded: bool) -> None:
    """Called once per search by the service that ran it."""
    _search_series[backend].inc()
    if degraded:
        DEGRADED.inc()


class _CatalogueCollector(Collector):
    """What the database file serves right now (read at scrape time)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def collect(self) -> Iterable[Metric]:
        build = GaugeMetricFamily("interventions_build_info", "Version of the service.",
                                  labels=["version"])
        build.add_metric([__version__], 1)
        yield build
        loaded = GaugeMetricFamily("interventions_catalogue_loaded",
                                   "1 when the database holds a catalogue.")
        try:
            context = catalogue_context(self.db_path)
        except InterventionsError:
            loaded.add_metric([], 0)
            yield loaded
            return
        loaded.add_metric([], 1)
        yield loaded
        load = context.load
        info = GaugeMetricFamily("interventions_catalogue_info",
                                 "The catalogue version being served (value is always 1).",
                                 labels=["version", "git_commit"])
        info.add_metric([context.version, str(load.get("git_commit") or "")], 1)
        yield info
        entries = GaugeMetricFamily("interventions_catalogue_interventions",
                                    "Interventions in the served catalogue.")
        entries.add_metric([], float(load.get("entry_count") or 0))
        yield entries
        loaded_at = _timestamp(load.get("loaded_at"))
        if loaded_at is not None:
            stamp = GaugeMetricFamily("interventions_catalogue_loaded_timestamp_seconds",
                                      "When the served catalogue was loaded (Unix time).")
            stamp.add_metric([], loaded_at)
            yield stamp


def _timestamp(value: object) -> float | None:
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None


class _Forward(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterator[Metric]:
        yield from self.registry.collect()


def render(db_path: Path) -> bytes:
    """The text exposition of every metric, for ``GET /metrics``."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get(MULTIPROC_ENV):
        MultiProcessCollector(registry)
    else:
        registry.register(_Forward(REGISTRY))
    registry.register(_CatalogueCollector(db_path))
    return generate_latest(registry)


def prepare_multiprocess() -> Path:
    """Give the workers about to start one fresh folder for their metric files."""
    existing = os.environ.get(MULTIPROC_ENV)
    if existing:
        folder = Path(existing)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):  # files of a previous run would be added up
            stale.unlink()
    else:
        folder = Path(tempfile.mkdtemp(prefix="interventions-metrics-"))
        os.environ[MULTIPROC_ENV] = str(folder)
    return folder
