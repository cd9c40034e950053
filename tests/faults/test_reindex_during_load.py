"""A full reindex (build, swap, drop) while searches run: nothing fails, nothing empty."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench.driver import Request
from bench.harness import ApiServer, api_env
from interventions_api.search.sync import sync_index
from interventions_api.settings import Settings

from .conftest import BackgroundLoad, describe
from .requests import traffic

pytestmark = pytest.mark.meili


def test_full_reindex_during_load(meili_settings: Callable[..., Settings], loaded_db: Path,
                                  start_api: Callable[..., ApiServer]) -> None:
    settings = meili_settings(loaded_db)
    sync_index(settings)
    api = start_api(api_env(loaded_db, meili_url=settings.meili_url,
                            meili_key=settings.meili_api_key, meili_index=settings.meili_index,
                            meili_timeout_ms=2000))
    requests = [r for r in traffic() if r.name != "detail"]
    expected = {r.path: httpx.get(api.url + r.path).json()["meta"]["total"] for r in requests}
    assert all(expected.values()), f"a request of the test has no results: {expected}"

    def check(request: Request, response: httpx.Response) -> str | None:
        if response.status_code != 200:
            return f"status {response.status_code}"
        body = response.json()
        if not body["data"]:
            return f"empty answer (total {body['meta']['total']})"
        if body["meta"]["search_backend"] != "meilisearch":
            return "answered from SQLite: the index was unavailable during the reindex"
        if body["meta"]["total"] != expected[request.path]:
            return f"total {body['meta']['total']}, expected {expected[request.path]}"
        return None

    load = BackgroundLoad(api.url, requests, clients=8, duration=60.0, check=check)
    # Two full rebuilds back to back while the load runs; the load stops soon after.
    time.sleep(0.5)
    reports = [sync_index(settings) for _ in range(2)]
    time.sleep(0.5)
    result = load.result(stop=True)
    assert all(report.unchanged == report.documents > 0 for report in reports)

    assert len(result.outcomes) > 20, describe(result)
    assert not result.failures, describe(result)
