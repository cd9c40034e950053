"""Hard constraints on a small temp catalogue whose costs, training hours, statuses and
school types the test sets itself (TEST values in tmp, not facts about the programmes)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .helpers import client_for, copy_catalogue, post_match, set_cost, set_field, set_training_hours

ENTRIES = ["kiva", "prima", "taakspel", "kanjertraining", "olweus", "pad", "swpbs",
           "fairplayer-manual", "notrap"]


@pytest.fixture(scope="module")
def shaped_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("match")
    root = copy_catalogue(folder / "catalogue", ENTRIES)
    for entry in ENTRIES:
        set_field(root, entry, "status", "active")
        set_field(root, entry, "age_range", "{min: 4, max: 12}")
        set_field(root, entry, "school_types", "[po]")
    for entry in ("fairplayer-manual", "notrap"):
        set_field(root, entry, "school_types", "[vo]")
        set_field(root, entry, "age_range", "{min: 12, max: 16}")
    set_field(root, "pad", "status", "discontinued")
    set_field(root, "swpbs", "age_range", "{min: 4, max: 6}")
    set_cost(root, "kiva", 5200, "school", "once")
    set_cost(root, "prima", 900, "school", "year")
    set_cost(root, "taakspel", 450, "class", "once")
    set_cost(root, "kanjertraining", 12, "pupil", "year")
    set_training_hours(root, "kanjertraining", 20)
    set_training_hours(root, "prima", 3)
    return client_for(root, folder / "match.db")


BASE: dict[str, Any] = {
    "school_type": "po", "ages": {"min": 8, "max": 12}, "concerns": ["bullying"],
    "budget": {"max_eur": 3000, "per": "school", "period": "year"},
    "school_size": {"pupils": 200}, "max_training_hours": 16, "limit": 100,
}


def _answer(client: TestClient, **changes: Any) -> dict[str, Any]:
    response = post_match(client, {**BASE, **changes})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _warnings(match: dict[str, Any]) -> set[str]:
    return {w["code"] for w in match["warnings"]}


def test_each_entry_is_counted_under_the_first_constraint_it_fails(
        shaped_client: TestClient) -> None:
    answer = _answer(shaped_client)
    assert answer["excluded"] == {"status": 1, "school_type": 2, "ages": 1, "min_evidence": 0,
                                  "budget": 1, "max_training_hours": 1}
    ids = {m["id"] for m in answer["matches"]}
    # pad discontinued; fairplayer/notrap vo; swpbs 4-6; kiva 5200 > 3000;
    # kanjertraining 20 h > 16 h (its 12 × 200 pupils = 2400 would fit the budget).
    assert ids == {"prima", "taakspel", "olweus"}


def test_unknown_or_incomparable_cost_passes_with_a_warning(shaped_client: TestClient) -> None:
    by_id = {m["id"]: m for m in _answer(shaped_client)["matches"]}
    assert "cost_unknown" in _warnings(by_id["olweus"])
    # €450 per class cannot be turned into a school amount without the number of classes.
    assert "cost_not_comparable" in _warnings(by_id["taakspel"])
    assert not _warnings(by_id["prima"]) & {"cost_unknown", "cost_not_comparable"}
    cost_fit = next(f for f in by_id["prima"]["fit"] if f["criterion"] == "cost")
    assert cost_fit["applies"] and cost_fit["score"] == pytest.approx(1 - 0.5 * 900 / 3000)


def test_a_cost_per_class_is_converted_with_the_number_of_classes(
        shaped_client: TestClient) -> None:
    answer = _answer(shaped_client, school_size={"pupils": 200, "classes": 8})
    assert "taakspel" not in {m["id"] for m in answer["matches"]}  # 8 × 450 = 3600 > 3000
    assert answer["excluded"]["budget"] == 2
    answer = _answer(shaped_client, school_size={"pupils": 200, "classes": 6})
    taakspel = next(m for m in answer["matches"] if m["id"] == "taakspel")  # 2700 fits
    assert "cost_not_comparable" not in _warnings(taakspel)


def test_a_budget_per_pupil_compares_per_pupil(shaped_client: TestClient) -> None:
    answer = _answer(shaped_client, budget={"max_eur": 10, "per": "pupil"},
                     max_training_hours=40)
    ids = {m["id"] for m in answer["matches"]}
    assert "kanjertraining" not in ids  # €12 per pupil > €10 per pupil
    assert "prima" in ids               # €900 / 200 pupils = €4.50 per pupil
    assert "kiva" not in ids            # €5200 / 200 = €26 per pupil


def test_training_hours_above_the_maximum_rule_an_entry_out(shaped_client: TestClient) -> None:
    assert "kanjertraining" in {m["id"] for m in _answer(
        shaped_client, max_training_hours=20)["matches"]}
    answer = _answer(shaped_client, max_training_hours=2)
    ids = {m["id"] for m in answer["matches"]}
    assert "prima" not in ids and "olweus" in ids  # unknown hours pass
    olweus = next(m for m in answer["matches"] if m["id"] == "olweus")
    assert "training_unknown" in _warnings(olweus)


def test_current_interventions_are_exempt_from_budget_and_training_only(
        shaped_client: TestClient) -> None:
    answer = _answer(shaped_client, current_interventions=["kiva", "kanjertraining", "pad"])
    ids = {m["id"] for m in answer["matches"]}
    assert {"kiva", "kanjertraining"} <= ids and "pad" not in ids
    assert answer["excluded"]["budget"] == 0 and answer["excluded"]["status"] == 1
    class_level = answer["plan"]["class"]["interventions"]
    pad = next(item for item in class_level if item["id"] == "pad")
    assert pad["current"] and pad["rank"] is None
    # Objects like matches[].warnings (the reference page reads w.message):
    assert [w["code"] for w in pad["warnings"]][:1] == ["discontinued"]
    assert "aangeboden" in pad["warnings"][0]["message"]  # nl: no longer offered


def test_age_overlap_and_minimum_evidence(shaped_client: TestClient,
                                          evidence_order: list[str]) -> None:
    answer = _answer(shaped_client, ages={"min": 4, "max": 5})
    assert "swpbs" in {m["id"] for m in answer["matches"]}
    answer = _answer(shaped_client, min_evidence=evidence_order[-1])
    assert all(m["evidence_level"] == evidence_order[-1] for m in answer["matches"])
    assert answer["excluded"]["min_evidence"] + answer["meta"]["eligible"] + sum(
        n for k, n in answer["excluded"].items() if k != "min_evidence") == 9


def test_when_nothing_passes_each_level_says_which_constraints_ruled_out_what(
        shaped_client: TestClient) -> None:
    answer = _answer(shaped_client, ages={"min": 13, "max": 18}, lang="en")
    assert answer["matches"] == [] and answer["meta"]["eligible"] == 0
    for level in ("individual", "class", "school"):
        entry = answer["plan"][level]
        assert entry["interventions"] == [] and not entry["covered"]
        assert "requirements rule them out" in entry["reason"]
        assert "ages: " in entry["reason"] and "school type: " in entry["reason"]


def test_a_price_on_request_is_told_apart_from_an_unknown_one(client: TestClient) -> None:
    """The real catalogue: KiVa's provider gives its price on request, Olweus has no price
    in the catalogue at all; with a budget both pass, each with its own words."""
    cost = client.get("/v1/interventions/kiva").json()["implementation"]["cost"]
    assert cost["on_request"]
    assert "cost" not in client.get("/v1/interventions/olweus").json().get(
        "implementation", {})
    answer = _answer(client, school_size={"pupils": 200}, max_training_hours=None)
    found = {m["id"]: m for m in answer["matches"]}
    kiva, olweus = found["kiva"], found["olweus"]
    assert "cost_on_request" in _warnings(kiva) and "cost_unknown" not in _warnings(kiva)
    assert "cost_unknown" in _warnings(olweus) and "cost_on_request" not in _warnings(olweus)
    fit = {f["criterion"]: f["text"] for f in kiva["fit"]}
    assert fit["cost"].startswith("Prijs op aanvraag")
    assert {f["criterion"]: f["text"] for f in olweus["fit"]}["cost"].startswith(
        "Kosten onbekend")
