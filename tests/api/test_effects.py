"""The effect verdicts and rating scopes as the API shows them (SQLite engine)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _item(client: TestClient, entry: str, query: str = "") -> dict:
    body = client.get(f"/v1/interventions?per_page=100&{query}").json()
    return next(item for item in body["data"] if item["id"] == entry)


def test_items_carry_a_worded_verdict_per_concern(client: TestClient) -> None:
    kiva = _item(client, "kiva")
    bullying = kiva["effects"]["bullying"]
    assert bullying["verdict"] == "positive" and bullying["studies"] == 2
    assert bullying["best_design"] == "cluster_rct"
    assert bullying["label"] == "Gunstig effect op pesten"
    # The null trial in Wales is not hidden behind the positive verdict.
    # Named as a reader finds it under the sources, not by its catalogue key.
    assert "geen effect in het onderzoek van Axford e.a. (2020)" in bullying["summary"]
    assert "axford-2020" not in bullying["summary"]
    assert "Verenigd Koninkrijk" in bullying["summary"]
    assert "gunstig effect in het onderzoek van Huitsing e.a. (2020)" in bullying["summary"]
    english = _item(client, "kiva", "lang=en")["effects"]["bullying"]
    assert english["label"] == "Favourable effect on bullying"
    assert "no effect in the study by Axford et al. (2020)" in english["summary"]


def test_pad_and_kanjertraining_are_not_positive_on_bullying(client: TestClient) -> None:
    assert _item(client, "pad")["effects"]["bullying"]["verdict"] == "negative"
    assert _item(client, "kanjertraining")["effects"]["bullying"]["verdict"] == "no_effect"


def test_a_rating_about_something_else_says_so(client: TestClient) -> None:
    ratings = {r["registry"]: r for r in _item(client, "pad")["ratings"]}
    assert ratings["nji"]["scope"] == ["behaviour_problems"]
    assert ratings["nji"]["scope_note"] == "erkend voor gedragsproblemen, niet voor pesten"
    # The NRO trial judged bullying itself; a rating without a scope says nothing.
    assert ratings["nro_trial"]["scope_note"] is None
    assert ratings["commissie_antipest"]["scope_note"] is None
    english = {r["registry"]: r for r in _item(client, "pad", "lang=en")["ratings"]}
    assert english["nji"]["scope_note"] == (
        "recognised for behaviour problems, not for bullying")


def test_the_scope_note_follows_the_concern_asked_about(client: TestClient) -> None:
    # One theme filtered on is the concern; behaviour problems are behind classroom
    # behaviour, so the recognition does cover it.
    ratings = {r["registry"]: r for r in
               _item(client, "pad", "theme=classroom_behaviour")["ratings"]}
    assert ratings["nji"]["scope_note"] is None
    ratings = {r["registry"]: r for r in _item(client, "pad", "theme=bullying")["ratings"]}
    assert ratings["nji"]["scope_note"] == "erkend voor gedragsproblemen, niet voor pesten"


def test_the_detail_carries_effects_and_scoped_ratings(client: TestClient) -> None:
    detail = client.get("/v1/interventions/kanjertraining").json()
    assert detail["effects"]["bullying"]["verdict"] == "no_effect"
    notes = [r["scope_note"] for r in detail["ratings"] if r["scope_note"]]
    assert notes == ["erkend voor gedragsproblemen en welbevinden, niet voor pesten"]


def test_effect_on_rejects_an_unknown_concern(client: TestClient) -> None:
    response = client.get("/v1/interventions?effect_on=homework")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["effect_on"]
