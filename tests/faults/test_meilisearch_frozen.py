"""Meilisearch freezes (SIGSTOP) in the middle of traffic: after a few timeouts the API
stops waiting for it (the breaker in search/meili.py) and answers from SQLite at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench.driver import percentile
from bench.harness import ApiServer, api_env
from interventions_api.search.sync import sync_index

from .conftest import BackgroundLoad, describe
from .requests import traffic

pytestmark = pytest.mark.meili
CLIENTS = 8
FREEZE_S = 4.0


def test_a_frozen_meilisearch_costs_no_timeout_per_search(
        make_meili_server: Callable[..., object], loaded_db: Path,
        start_api: Callable[..., ApiServer]) -> None:
    sqlite_api = start_api(api_env(loaded_db))
    # In a thread, as all load here: the test's own thread may already run an event loop.
    normal = BackgroundLoad(sqlite_api.url, traffic(), clients=CLIENTS, duration=3.0).result()
    assert not normal.failures, describe(normal)
    sqlite_p99 = normal.p(99)
    sqlite_api.stop()

    server = make_meili_server()
    settings = server.settings(loaded_db)  # type: ignore[attr-defined]
    sync_index(settings)
    api = start_api(api_env(loaded_db, meili_url=settings.meili_url,
                            meili_key=settings.meili_api_key,
                            meili_index=settings.meili_index, meili_timeout_ms=300))
    load = BackgroundLoad(api.url, traffic(), clients=CLIENTS, duration=2.0 + FREEZE_S)
    time.sleep(1.5)
    server.pause()  # type: ignore[attr-defined]
    frozen_at = time.monotonic()
    try:
        time.sleep(FREEZE_S)
        ready = httpx.get(api.url + "/readyz", timeout=5).json()
    finally:
        server.resume()  # type: ignore[attr-defined]
    result = load.result()
    frozen_from = result.elapsed - (time.monotonic() - frozen_at)

    assert not result.failures, describe(result)
    during = [o for o in result.outcomes
              if frozen_from + 1.0 <= o.started <= frozen_from + FREEZE_S - 0.5]
    assert len(during) > 20, "too few requests during the freeze"
    assert all(o.degraded for o in during if o.request.name in ("search", "list"))
    p99 = percentile([o.seconds for o in during], 99)
    assert p99 < 3 * max(sqlite_p99, 0.01), (
        f"p99 {p99 * 1000:.0f} ms during the freeze, SQLite p99 {sqlite_p99 * 1000:.0f} ms")
    assert ready["status"] == "degraded"
    assert settings.meili_url not in str(ready)
