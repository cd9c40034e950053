"""Issue 21 / 20: availability in the Netherlands, ratings "as listed on" a day, and an
assessment without a label, as the API shows them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .test_interventions import all_items


def test_available_in_nl_filters_on_what_the_catalogue_knows(client: TestClient,
                                                              real_catalogue) -> None:
    expected = {e.id for e in real_catalogue.entries
                if e.intervention.availability and e.intervention.availability.nl}
    assert expected, "the catalogue marks some entries as available"
    items = all_items(client, "available_in_nl=true")
    assert {item["id"] for item in items} == expected
    assert all(item["availability"]["nl"] is True for item in items)
    assert items[0]["availability"]["label"] == "beschikbaar in Nederland"


def test_unknown_availability_is_said_as_unknown(client: TestClient) -> None:
    item = client.get("/v1/interventions?q=olweus&lang=en").json()["data"][0]
    assert item["id"] == "olweus" and item["origin_country"] == "NO"
    assert item["availability"] == {"nl": None, "label": "availability in the Netherlands "
                                                          "unknown", "note": None,
                                    "sources": []}


def test_a_rating_read_from_a_page_without_a_date_says_as_listed(client: TestClient) -> None:
    for lang, words in (("nl", "zoals vermeld op 4 december 2026"),
                        ("en", "as listed on 4 December 2026")):
        item = client.get(f"/v1/interventions?q=olweus&lang={lang}").json()["data"][0]
        [blueprints] = [r for r in item["ratings"] if r["registry"] == "blueprints"]
        assert blueprints["checked"] == "2026-12-04" and blueprints["as_listed"] == words
        detail = client.get(f"/v1/interventions/olweus?lang={lang}").json()
        [assessment] = [a for a in detail["evidence"]["assessments"]
                        if a["registry"] == "blueprints"]
        assert assessment["as_listed"] == words
    compare = client.get("/v1/compare?ids=olweus,kiva").json()
    assert "zoals vermeld op 4 december 2026" in str(compare)


def test_an_outcome_without_a_label_has_no_level(client: TestClient) -> None:
    detail = client.get("/v1/interventions/plezier-op-school").json()
    [outcome] = [a for a in detail["evidence"]["assessments"] if a.get("outcome")]
    assert outcome["outcome"] == "not_judged" and "level" not in outcome
    assert outcome["outcome_label"] == "geen oordeel"
    item = client.get("/v1/interventions?q=plezier").json()["data"][0]
    assert any(r["outcome"] == "not_judged" and r["rating"] is None for r in item["ratings"])
