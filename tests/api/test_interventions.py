"""GET /v1/interventions and /v1/interventions/{id} on the SQLite engine."""

from __future__ import annotations

from fastapi.testclient import TestClient


def all_items(client: TestClient, query: str) -> list[dict]:
    body = client.get(f"/v1/interventions?per_page=100&{query}").json()
    assert body["meta"]["total"] == len(body["data"])
    return body["data"]


def test_filters_school_type_and_min_evidence(client: TestClient, real_catalogue) -> None:
    items = all_items(client, "school_type=po&min_evidence=good_indications")
    scale = real_catalogue.evidence_scale
    expected = {
        e.id for e in real_catalogue.entries
        if "po" in e.intervention.school_types
        and scale.rank(e.evidence_level) >= scale.rank("good_indications")
    }
    assert {item["id"] for item in items} == expected
    assert expected, "the catalogue should hold PO entries with good or strong indications"
    assert all(item["evidence_level"] in ("good_indications", "strong_indications")
               for item in items)


def test_any_within_a_parameter_all_across(client: TestClient, real_catalogue) -> None:
    items = all_items(client, "level=individual&level=class&theme=bullying")
    expected = {
        e.id for e in real_catalogue.entries
        if {"individual", "class"} & set(e.intervention.levels)
        and "bullying" in e.intervention.themes
    }
    assert {item["id"] for item in items} == expected


def test_age_filter(client: TestClient, real_catalogue) -> None:
    items = all_items(client, "age=15")
    expected = {e.id for e in real_catalogue.entries
                if e.intervention.age_range
                and e.intervention.age_range.min <= 15 <= e.intervention.age_range.max}
    assert {item["id"] for item in items} == expected


def test_default_sort_is_evidence_then_name(client: TestClient, real_catalogue) -> None:
    items = all_items(client, "")
    rank = real_catalogue.evidence_scale.rank
    keys = [(-rank(i["evidence_level"]), i["name"].casefold(), i["id"]) for i in items]
    assert keys == sorted(keys)


def test_sort_by_name(client: TestClient) -> None:
    names = [i["name"].casefold() for i in all_items(client, "sort=name")]
    assert names == sorted(names)


def test_paging_and_links(client: TestClient) -> None:
    first = client.get("/v1/interventions?per_page=2").json()
    second = client.get(first["links"]["next"]).json()
    assert first["links"]["prev"] is None
    assert second["meta"]["page"] == 2 and second["links"]["prev"]
    assert not {i["id"] for i in first["data"]} & {i["id"] for i in second["data"]}


def test_text_search_finds_by_name(client: TestClient) -> None:
    body = client.get("/v1/interventions?q=kiva").json()
    assert body["data"][0]["id"] == "kiva"
    assert body["meta"]["search_backend"] == "sqlite"
    assert "<mark>" in body["data"][0]["highlight"]["name"]


def test_facets_count_what_the_filters_leave(client: TestClient, real_catalogue) -> None:
    body = client.get("/v1/interventions?school_type=vo&facets=theme&facets=school_type").json()
    vo = [e for e in real_catalogue.entries if "vo" in e.intervention.school_types]
    bullying = sum("bullying" in e.intervention.themes for e in vo)
    assert body["meta"]["facets"]["theme"].get("bullying", 0) == bullying
    # the school_type facet ignores its own filter (disjunctive facets)
    po = sum("po" in e.intervention.school_types for e in real_catalogue.entries)
    assert body["meta"]["facets"]["school_type"]["po"] == po


def test_detail_has_every_field_and_derived_level(client: TestClient, real_catalogue) -> None:
    entry = real_catalogue.by_id()["kiva"]
    body = client.get("/v1/interventions/kiva?lang=en").json()
    assert body["evidence"]["level"] == entry.evidence_level
    assert body["summary_text"] == entry.intervention.summary.en
    assert body["sources"] == entry.intervention.sources
    assert [a["level"] for a in body["evidence"]["assessments"]] == entry.assessment_levels


def test_lang_switches_labels(client: TestClient) -> None:
    nl = client.get("/v1/interventions/kiva").json()["labels"]["levels"]
    en = client.get("/v1/interventions/kiva?lang=en").json()["labels"]["levels"]
    assert nl != en


def test_etag_and_if_none_match(client: TestClient) -> None:
    first = client.get("/v1/interventions?theme=bullying")
    etag = first.headers["etag"]
    again = client.get("/v1/interventions?theme=bullying", headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = client.get("/v1/interventions?theme=cyberbullying")
    assert other.headers["etag"] != etag


def test_vocabularies_and_catalogue(client: TestClient, real_catalogue) -> None:
    vocab = client.get("/v1/vocabularies?lang=en").json()["data"]
    themes = {t["key"]: t for t in vocab["themes"]}
    assert set(themes) == set(real_catalogue.vocabularies.themes)
    assert themes["bullying"]["label"] == real_catalogue.vocabularies.themes["bullying"].label.en
    catalogue = client.get("/v1/catalogue").json()["data"]
    assert catalogue["version"] == real_catalogue.version
    assert catalogue["entry_count"] == len(real_catalogue.entries)


def test_cors_is_open_for_reading(client: TestClient) -> None:
    response = client.get("/v1/interventions", headers={"Origin": "https://portal.example"})
    assert response.headers["access-control-allow-origin"] == "*"
