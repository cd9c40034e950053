"""Meilisearch dies in the middle of traffic: every request is still answered."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.harness import ApiServer, api_env
from interventions_api.search.sync import sync_index

from .conftest import BackgroundLoad, describe
from .requests import traffic

pytestmark = pytest.mark.meili


def test_meilisearch_killed_during_load(make_meili_server: Callable[..., object],
                                        loaded_db: Path,
                                        start_api: Callable[..., ApiServer]) -> None:
    server = make_meili_server()
    settings = server.settings(loaded_db)  # type: ignore[attr-defined]
    sync_index(settings)
    api = start_api(api_env(loaded_db, meili_url=settings.meili_url,
                            meili_key=settings.meili_api_key, meili_index=settings.meili_index,
                            meili_timeout_ms=1000))

    load = BackgroundLoad(api.url, traffic(), clients=8, duration=4.0, keep_bodies=True)
    time.sleep(1.5)
    killed_at = time.monotonic()
    server.kill()  # type: ignore[attr-defined]
    result = load.result()
    seconds_killed = time.monotonic() - killed_at

    assert result.outcomes, "no traffic was sent"
    assert not result.failures, describe(result)
    assert {o.status for o in result.outcomes} == {200}, describe(result)
    backends = [(o.started, o.body["meta"]["search_backend"]) for o in result.outcomes
                if o.request.name in ("search", "list")]
    assert "meilisearch" in {backend for _, backend in backends[:5]}, \
        "Meilisearch answered nothing before it was killed"
    # Requests that began well after the kill were answered from SQLite.
    late = [backend for started, backend in backends
            if started > result.elapsed - seconds_killed + 0.5]
    assert late, "no requests after the kill"
    assert set(late) == {"sqlite"}
