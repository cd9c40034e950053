"""The match ranks by what works on the school's concerns (issue 20, item 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .helpers import post_match

JENAPLAN_BULLYING = {"school_type": "po", "school_concept": "jenaplan",
                     "concerns": ["bullying"], "limit": 100}


def test_jenaplan_bullying_ranks_kiva_above_kanjertraining_and_pad(client: TestClient) -> None:
    matches = post_match(client, JENAPLAN_BULLYING).json()["matches"]
    rank = {m["id"]: m["rank"] for m in matches}
    assert rank["kiva"] < rank["kanjertraining"]
    assert rank["kiva"] < rank["pad"]


def test_the_match_shows_the_verdict_first_and_warns_about_it(client: TestClient) -> None:
    matches = post_match(client, JENAPLAN_BULLYING).json()["matches"]
    by_id = {m["id"]: m for m in matches}
    assert by_id["kiva"]["effects"]["bullying"]["verdict"] == "positive"
    pad = by_id["pad"]
    assert pad["effects"]["bullying"]["label"] == "Ongunstig effect op pesten"
    assert list(pad["effects"]) == ["bullying"]  # only the school's concerns
    assert pad["warnings"][0]["code"] == "negative_verdict_on_concern"
    notes = [r["scope_note"] for r in pad["ratings"] if r["scope_note"]]
    assert notes == ["erkend voor gedragsproblemen, niet voor pesten"]
    keys = list(pad)
    assert keys.index("effects") < keys.index("evidence_level")
    assert not any(w["code"].endswith("_verdict_on_concern") for w in by_id["kiva"]["warnings"])
