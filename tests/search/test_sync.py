"""`sync_index`: a full rebuild with an atomic swap every time, and failures that change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.load import load_catalogue
from interventions_api.errors import LoadFailed
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.search.index_settings import index_settings
from interventions_api.search.sync import build_prefix, sync_index
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.settings import Settings
from tests.conftest import read_ok
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili

SMALL = ["kiva", "taakspel", "prima"]


def live_ids(server: MeiliServer, index: str) -> set[str]:
    with server.client() as http:
        page = http.get(f"/indexes/{index}/documents", params={"fields": "id", "limit": 1000})
        return {d["id"] for d in page.raise_for_status().json()["results"]}


def index_names(server: MeiliServer) -> set[str]:
    with server.client() as http:
        return {i["uid"] for i in http.get("/indexes", params={"limit": 1000}).json()["results"]}


def test_index_then_search_q_kivva_finds_kiva_on_meilisearch(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
) -> None:
    db_path = make_db(make_catalogue(only=SMALL))
    settings = meili.settings(db_path)
    messages: list[str] = []
    report = sync_index(settings, progress=messages.append)
    assert report.documents == 3
    assert report.added == sorted(SMALL) and "swapped in atomically" in report.summary()
    assert any("adding 3 documents" in m for m in messages)  # progress was reported
    assert live_ids(meili, settings.meili_index) == set(SMALL)
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(meili))
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/interventions", params={"q": "kivva"})
    body = response.json()
    assert response.status_code == 200 and "x-search-degraded" not in response.headers
    assert body["meta"]["search_backend"] == "meilisearch"
    assert body["data"][0]["id"] == "kiva"
    assert "<mark>" in body["data"][0]["highlight"]["name"]


def test_a_rebuild_reports_what_changed_against_the_previous_index(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
) -> None:
    db_path = make_db(make_catalogue(only=SMALL))
    settings = meili.settings(db_path)
    sync_index(settings)

    changed = make_catalogue(only=["kiva", "taakspel", "pad"])  # prima out, pad in
    kiva = changed / "interventions" / "kiva.yaml"
    kiva.write_text(kiva.read_text(encoding="utf-8").replace(
        "Schoolbreed programma uit Finland", "Schoolbreed zeldzaamwoord programma uit Finland"),
        encoding="utf-8")
    load_catalogue(read_ok(changed), db_path)
    report = sync_index(settings)
    assert (report.added, report.updated, report.removed, report.unchanged) == (
        ["pad"], ["kiva"], ["prima"], 1)
    assert "1 added, 1 changed, 1 removed, 1 unchanged" in report.summary()
    assert live_ids(meili, settings.meili_index) == {"kiva", "taakspel", "pad"}
    context = catalogue_context(db_path)
    found = meili_search(settings, InterventionQuery(q="zeldzaamwoord"), context)
    assert found.ids == ["kiva"]

    again = sync_index(settings)
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 3)
    assert live_ids(meili, settings.meili_index) == {"kiva", "taakspel", "pad"}


def test_changed_settings_rebuild_the_index(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
) -> None:
    root = make_catalogue(only=SMALL)
    db_path = make_db(root)
    settings = meili.settings(db_path)
    sync_index(settings)
    synonyms = root / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8")
                        + "  - [zeldzaamwoord, kiusaamista]\n", encoding="utf-8")
    load_catalogue(read_ok(root), db_path)
    report = sync_index(settings)
    assert report.unchanged == 3  # the documents themselves did not change
    with meili.client() as http:
        live = http.get(f"/indexes/{settings.meili_index}/settings/synonyms").json()
    assert live["zeldzaamwoord"] == ["kiusaamista"]
    result = meili_search(settings, InterventionQuery(q="zeldzaamwoord"),
                          catalogue_context(db_path))
    assert result.ids == ["kiva"]  # through the new synonym


def test_a_rejected_rebuild_leaves_the_live_index_serving(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
) -> None:
    db_path = make_db(make_catalogue(only=SMALL))
    settings = meili.settings(db_path)
    sync_index(settings)
    context = catalogue_context(db_path)
    before = meili_search(settings, InterventionQuery(sort="name"), context)
    with meili.client() as http:
        settings_before = http.get(f"/indexes/{settings.meili_index}/settings").json()
    bad = {**index_settings({}), "rankingRules": ["words", "evidence_rank:sideways"]}
    with pytest.raises(LoadFailed) as failure:
        sync_index(settings, settings_body=bad)
    assert "evidence_rank:sideways" in failure.value.detail  # Meilisearch's own message
    after = meili_search(settings, InterventionQuery(sort="name"), context)
    assert (after.ids, after.total) == (before.ids, before.total) == (sorted(SMALL), 3)
    with meili.client() as http:
        assert http.get(f"/indexes/{settings.meili_index}/settings").json() == settings_before
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(meili))


def test_a_server_killed_mid_rebuild_leaves_the_live_index_serving(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path],
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    db_path = make_db(make_catalogue(only=SMALL))
    settings = server.settings(db_path)
    sync_index(settings)
    load_catalogue(read_ok(make_catalogue(only=[*SMALL, "pad"])), db_path)

    def kill_while_adding(message: str) -> None:
        if message.startswith("adding"):
            server.kill()

    with pytest.raises(LoadFailed, match="unreachable"):
        sync_index(settings, progress=kill_while_adding)
    server.start()
    assert live_ids(server, settings.meili_index) == set(SMALL)  # the old index, whole
    leftovers = {n for n in index_names(server)
                 if n.startswith(build_prefix(settings.meili_index))}
    assert leftovers  # the half-built index is still there …
    report = sync_index(settings)  # … and the next rebuild clears it
    assert report.added == ["pad"]
    assert live_ids(server, settings.meili_index) == {*SMALL, "pad"}
    assert not (index_names(server) & leftovers)


def test_an_unreachable_server_is_a_load_failure(loaded_db: Path) -> None:
    settings = Settings(_env_file=None, db_path=loaded_db, meili_url="http://127.0.0.1:9",
                        meili_api_key="x" * 16)
    with pytest.raises(LoadFailed, match="unreachable"):
        sync_index(settings)
