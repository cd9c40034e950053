"""What a search costs Meilisearch: one request, and the sync state read once per catalogue
version of the database (and again at most every INTERVENTIONS_MEILI_SYNC_CHECK_S)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.load import load_catalogue
from interventions_api.search import engine
from interventions_api.search.sync import state_index, sync_index
from tests.conftest import read_ok
from tests.fixtures.meilisearch import MeiliServer

from .test_sync import SMALL

pytestmark = pytest.mark.meili


def test_a_search_is_one_request_and_the_sync_state_is_read_once_per_version(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path = make_db(make_catalogue(only=SMALL))
    settings = meili.settings(db_path, meili_sync_check_s=600)
    sync_index(settings)
    sent: list[str] = []
    post = engine.post

    async def recorded(url: str, api_key: str | None, path: str, body: Any,
                       timeout_s: float) -> Any:
        sent.append(path)
        return await post(url, api_key, path, body, timeout_s)

    monkeypatch.setattr(engine, "post", recorded)
    state = f"/indexes/{state_index(settings.meili_index)}/search"

    def backend(client: TestClient, q: str) -> str:
        response = client.get("/v1/interventions", params={"q": q, "facets": ["theme"],
                                                           "theme": "bullying"})
        assert response.status_code == 200, response.text
        return str(response.json()["meta"]["search_backend"])

    with TestClient(create_app(settings)) as client:
        assert [backend(client, q) for q in ("kiva", "taakspel", "prima")] == \
            ["meilisearch"] * 3
        # Facet counts included: each search is one multi-search request.
        assert sent == [state, "/multi-search", "/multi-search", "/multi-search"]

        sent.clear()
        load_catalogue(read_ok(make_catalogue(only=["kiva", "pad"])), db_path)
        assert backend(client, "kiva") == "sqlite"  # the index is behind the database
        assert sent == [state]  # the new version was checked at once
        sync_index(settings)
        sent.clear()
        # Until the check interval has passed, the worker keeps what it read.
        assert backend(client, "kiva") == "sqlite"
        assert sent == []


def test_searches_ask_meilisearch_for_uncompressed_answers(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A compressed answer from Meilisearch reaches the client only after a delayed
    acknowledgement, tens of milliseconds on every search: the API asks for none."""
    settings = meili.settings(make_db(make_catalogue(only=SMALL)))
    sync_index(settings)
    encodings: list[str | None] = []
    send = httpx.AsyncClient.send

    async def recorded(self: httpx.AsyncClient, request: httpx.Request,
                       **kwargs: Any) -> httpx.Response:
        encodings.append(request.headers.get("accept-encoding"))
        return await send(self, request, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "send", recorded)
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/interventions", params={"q": "kiva"})
    assert response.json()["meta"]["search_backend"] == "meilisearch"
    assert encodings and set(encodings) == {"identity"}
