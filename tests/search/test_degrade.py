"""Degrade, never fail: with Meilisearch down, hung or behind, the API answers from SQLite.

The faults are real: the server is stopped, frozen (SIGSTOP, so connections hang until
the 300 ms timeout) or left with an index of another catalogue version.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.load import load_catalogue
from interventions_api.search.meili import Breaker
from interventions_api.search.sync import sync_index
from interventions_api.settings import Settings
from tests.conftest import read_ok
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili

TIMEOUT_MS = 300  # the production default: the most a search waits for Meilisearch


@pytest.fixture(autouse=True)
def short_cool_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """After repeated failures the API leaves Meilisearch alone for a cool-down before it
    tries again (search/meili.py); short here, so that recovery is seen at once."""
    monkeypatch.setattr(Breaker, "COOL_DOWN_S", 0.2)


@pytest.fixture
def server(make_meili_server: Callable[[], MeiliServer]) -> MeiliServer:
    return make_meili_server()


@pytest.fixture
def app_settings(server: MeiliServer, loaded_db: Path) -> Settings:
    settings = server.settings(loaded_db, meili_timeout_ms=TIMEOUT_MS)
    sync_index(settings)
    return settings


@pytest.fixture
def client(app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings)) as test_client:
        yield test_client


def search(client: TestClient, **params: object) -> tuple[dict, dict]:
    response = client.get("/v1/interventions", params={"q": "kiva", **params})
    assert response.status_code == 200, response.text
    return response.json(), dict(response.headers)


def assert_meilisearch(client: TestClient) -> None:
    time.sleep(0.3)  # past the breaker's cool-down, should it be open
    body, headers = search(client)
    assert body["meta"]["search_backend"] == "meilisearch"
    assert "x-search-degraded" not in headers
    assert body["data"][0]["id"] == "kiva"
    ready = client.get("/readyz").json()
    assert ready["status"] == "ok" and ready["checks"]["search"]["status"] == "ok"


def assert_degraded(client: TestClient) -> dict:
    body, headers = search(client, facets=["theme"])
    assert body["meta"]["search_backend"] == "sqlite"
    assert headers["x-search-degraded"] == "true"
    assert body["data"][0]["id"] == "kiva"
    assert body["meta"]["facets"]["theme"]  # a full answer, facets included
    ready = client.get("/readyz")
    assert ready.status_code == 200  # still ready: SQLite serves
    check = ready.json()
    assert check["status"] == "degraded" and check["checks"]["search"]["status"] == "degraded"
    return dict(check["checks"]["search"])


def test_a_stopped_server_degrades_to_sqlite_and_recovers_when_back(
    client: TestClient, server: MeiliServer,
) -> None:
    assert_meilisearch(client)
    server.stop()
    check = assert_degraded(client)
    assert "unreachable" in check["detail"]
    listing = client.get("/v1/interventions", params={"school_type": "po", "sort": "name"})
    assert listing.status_code == 200 and listing.json()["meta"]["search_backend"] == "sqlite"
    server.start()
    assert_meilisearch(client)


def test_a_hung_server_costs_one_timeout_then_sqlite_answers(
    client: TestClient, server: MeiliServer,
) -> None:
    assert_meilisearch(client)
    server.pause()
    try:
        started = time.monotonic()
        body, headers = search(client)
        elapsed = time.monotonic() - started
        assert headers["x-search-degraded"] == "true"
        assert body["meta"]["search_backend"] == "sqlite"
        # The timeout bounds the wait (generous margin for a loaded CI machine).
        assert elapsed < TIMEOUT_MS / 1000 + 1.5, elapsed
        assert "did not answer in time" in assert_degraded(client)["detail"]
    finally:
        server.resume()
    assert_meilisearch(client)


def test_an_index_behind_the_database_degrades_until_reindexed(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], server: MeiliServer,
) -> None:
    db_path = make_db(make_catalogue(only=["kiva", "taakspel"]))
    # The fixture's generous timeout, not the 300 ms one: this is about the catalogue
    # version, and on a loaded machine the first search of a new index took longer. The
    # sync state is read again on every search (by default at most every few seconds):
    # the test reindexes and expects the next search on Meilisearch.
    settings = server.settings(db_path, meili_sync_check_s=0)
    sync_index(settings)
    with TestClient(create_app(settings)) as client:
        assert_meilisearch(client)
        load_catalogue(read_ok(make_catalogue(only=["kiva", "prima"])), db_path)
        check = assert_degraded(client)
        assert "run 'interventions index'" in check["detail"]
        sync_index(settings)
        assert_meilisearch(client)


def test_readiness_works_with_a_search_only_key(app_settings: Settings,
                                                server: MeiliServer) -> None:
    with server.client() as http:
        response = http.post("/keys", json={
            "actions": ["search"], "expiresAt": None,
            "indexes": [app_settings.meili_index, f"{app_settings.meili_index}_sync"]})
        key = response.raise_for_status().json()["key"]
    settings = app_settings.model_copy(update={"meili_api_key": key})
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz").json()
        assert ready["checks"]["search"]["status"] == "ok", ready
        assert ready["checks"]["search"]["documents"] > 0
        assert_meilisearch(client)
