"""Properties every match answer must have, for every realistic profile, on the real
catalogue: constraints hold, scores add up, explanations exist in both languages, the plan
covers three levels or says why, the same profile gives the same answer."""

from __future__ import annotations

import json
import math

import pytest
from fastapi.testclient import TestClient

from .conftest import Answers
from .helpers import CRITERIA, LEVELS, constraint_violations, post_match
from .profiles import PROFILES

NAMES = sorted(PROFILES)


@pytest.mark.parametrize("name", NAMES)
def test_returned_matches_respect_every_hard_constraint(name: str, answers: Answers,
                                                        evidence_order: list[str]) -> None:
    profile = PROFILES[name]
    current = set(profile.get("current_interventions", []))
    for match in answers.json(name)["matches"]:
        detail = answers.detail(match["id"])
        broken = constraint_violations(profile, detail, evidence_order,
                                       current=match["id"] in current)
        assert not broken, f"{name}: {match['id']} breaks {broken}"


@pytest.mark.parametrize("name", NAMES)
def test_excluded_counts_add_up_to_the_catalogue(name: str, answers: Answers,
                                                 catalogue_size: int) -> None:
    answer = answers.json(name)
    excluded = answer["excluded"]
    assert set(excluded) == {"status", "school_type", "ages", "min_evidence", "budget",
                             "max_training_hours"}
    assert all(isinstance(n, int) and n >= 0 for n in excluded.values())
    assert sum(excluded.values()) + answer["meta"]["eligible"] == catalogue_size
    assert answer["meta"]["total_entries"] == catalogue_size
    assert len(answer["matches"]) == min(PROFILES[name].get("limit", 10),
                                         answer["meta"]["eligible"])


@pytest.mark.parametrize("name", NAMES)
def test_excluded_entries_really_fail_a_constraint(name: str, answers: Answers,
                                                   client: TestClient,
                                                   evidence_order: list[str]) -> None:
    """Every entry left out of the full ranking breaks a constraint (checked independently)."""
    profile = {**PROFILES[name], "limit": 100}
    answer = post_match(client, profile).json()
    if answer["meta"]["eligible"] > 100:
        pytest.skip("more than 100 eligible entries")
    returned = {m["id"] for m in answer["matches"]}
    current = set(profile.get("current_interventions", []))
    listing = client.get("/v1/interventions", params={"per_page": 100, "sort": "name"}).json()
    pages = -(-listing["meta"]["total"] // 100)
    ids = [item["id"] for item in listing["data"]]
    for page in range(2, pages + 1):
        ids += [item["id"] for item in client.get(
            "/v1/interventions", params={"per_page": 100, "sort": "name", "page": page}
        ).json()["data"]]
    for intervention_id in ids:
        broken = constraint_violations(profile, answers.detail(intervention_id),
                                       evidence_order, current=intervention_id in current)
        assert (intervention_id in returned) == (not broken), (intervention_id, broken)


@pytest.mark.parametrize("name", NAMES)
def test_scores_add_up_and_are_ranked_with_ties_by_id(name: str, answers: Answers) -> None:
    matches = answers.json(name)["matches"]
    for match in matches:
        fit = match["fit"]
        assert [f["criterion"] for f in fit] == list(CRITERIA)
        assert 0 <= match["score"] <= 1
        assert all(0 <= f["score"] <= 1 and 0 <= f["weight"] <= 1 for f in fit)
        assert math.isclose(sum(f["weight"] for f in fit if f["applies"]), 1, abs_tol=1e-3)
        assert all(f["weight"] == 0 for f in fit if not f["applies"])
        assert math.isclose(sum(f["weight"] * f["score"] for f in fit), match["score"],
                            abs_tol=2e-3)
    keys = [(-m["score"], m["id"]) for m in matches]
    assert keys == sorted(keys)
    assert [m["rank"] for m in matches] == list(range(1, len(matches) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_every_criterion_is_explained_in_dutch_and_in_english(name: str,
                                                              answers: Answers) -> None:
    dutch, english = answers.json(name, "nl"), answers.json(name, "en")
    assert [m["id"] for m in dutch["matches"]] == [m["id"] for m in english["matches"]]
    for nl_match, en_match in zip(dutch["matches"], english["matches"], strict=True):
        assert nl_match["score"] == en_match["score"]
        for nl_fit, en_fit in zip(nl_match["fit"], en_match["fit"], strict=True):
            assert nl_fit["text"].strip() and en_fit["text"].strip()
            assert nl_fit["text"] != en_fit["text"], (nl_match["id"], nl_fit["criterion"])
        for nl_warning, en_warning in zip(nl_match["warnings"], en_match["warnings"],
                                          strict=True):
            assert nl_warning["code"] == en_warning["code"]
            assert nl_warning["message"] != en_warning["message"]


@pytest.mark.parametrize("name", NAMES)
def test_the_plan_covers_three_levels_or_says_why(name: str, answers: Answers) -> None:
    profile = PROFILES[name]
    for lang in ("nl", "en"):
        plan = answers.json(name, lang)["plan"]
        assert set(plan) == set(LEVELS)
        for level in LEVELS:
            entry = plan[level]
            assert entry["interventions"] or (entry["reason"] and entry["reason"].strip()), (
                f"{name}/{level}: neither interventions nor a reason")
            assert entry["covered"] == bool(entry["interventions"])
            for item in entry["interventions"]:
                assert item["why"].strip()
                # A person reads "why": the score is a field for programs, not a sentence.
                assert "score" not in item["why"].lower()
                assert f"{item['score']}".replace(".", ",") not in item["why"]
            wanted = profile.get("levels") or list(LEVELS)
            if level not in wanted and not entry["interventions"]:
                assert entry["reason"]


@pytest.mark.parametrize("name", NAMES)
def test_current_interventions_come_first_in_the_plan(name: str, answers: Answers) -> None:
    current = PROFILES[name].get("current_interventions", [])
    plan = answers.json(name)["plan"]
    for level in LEVELS:
        flags = [item["current"] for item in plan[level]["interventions"]]
        assert flags == sorted(flags, reverse=True), f"{level}: current ones not first"
        for item in plan[level]["interventions"]:
            assert item["current"] == (item["id"] in current)
    for intervention_id in current:
        levels_of = answers.detail(intervention_id)["levels"]
        for level in levels_of:
            ids = [item["id"] for item in plan[level]["interventions"]]
            assert intervention_id in ids, f"current {intervention_id} missing at {level}"


@pytest.mark.parametrize("name", NAMES)
def test_the_plan_never_adds_a_second_whole_school_programme_for_the_same_job(
        name: str, answers: Answers) -> None:
    profile = PROFILES[name]
    answer = answers.json(name)
    concerns = set(answer["meta"]["concern_weights"])
    planned = {item["id"]: item for level in LEVELS
               for item in answer["plan"][level]["interventions"]}
    whole = [i for i, item in planned.items() if item["whole_school"]]
    for a in whole:
        for b in whole:
            if a >= b or (planned[a]["current"] and planned[b]["current"]):
                continue
            themes_a = set(answers.detail(a)["themes"])
            themes_b = set(answers.detail(b)["themes"])
            shared = themes_a & themes_b & concerns if concerns else themes_a & themes_b
            assert not shared, f"{name}: {a} and {b} both do {shared}"
    if len([i for i in whole if planned[i]["current"]]) >= 2 and profile.get("concerns"):
        assert answer["plan"]["school"]["notes"], "two current programmes: a note is expected"


@pytest.mark.parametrize("name", NAMES)
def test_the_same_profile_gives_the_same_answer(name: str, client: TestClient,
                                                answers: Answers) -> None:
    first = post_match(client, PROFILES[name], "nl").content
    again = post_match(client, PROFILES[name], "nl").content
    assert first == again
    assert json.loads(again) == answers.json(name, "nl")
    # Reordered keys and reordered concerns are the same school: same ranking and scores.
    profile = dict(reversed(list(PROFILES[name].items())))
    if "concerns" in profile:
        profile["concerns"] = list(reversed(profile["concerns"]))
    reordered = post_match(client, profile, "nl").json()
    assert [(m["id"], m["score"]) for m in reordered["matches"]] == [
        (m["id"], m["score"]) for m in answers.json(name, "nl")["matches"]]
