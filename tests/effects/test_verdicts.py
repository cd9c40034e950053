"""The effect verdict per concern (interventions_api/effects.py), on the real catalogue and
on small made-up bodies of evidence that pin each rule."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.evidence_example import example_documents
from interventions_api import effects


@pytest.fixture(scope="module")
def real() -> dict[str, dict[str, Any]]:
    return example_documents()


def test_kiva_works_against_bullying_kanjertraining_and_pad_do_not(real: dict) -> None:
    verdicts = {entry: doc["evidence"]["effects"]["bullying"]["verdict"]
                for entry, doc in real.items()}
    assert verdicts["kiva"] == "positive"
    assert verdicts["kanjertraining"] == "no_effect"
    assert verdicts["pad"] == "negative"
    assert verdicts["taakspel"] == "positive"


def test_kiva_keeps_the_null_trial_in_view(real: dict) -> None:
    effect = real["kiva"]["evidence"]["effects"]["bullying"]
    assert effect["studies"] == 2 and effect["best_design"] == "cluster_rct"
    assert {r["study"]: r["result"] for r in effect["results"]} == {
        "huitsing-2020": "positive", "axford-2020": "no_effect"}


def _evidence(*studies: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    """(key, finding on bullying_victimisation, study fields) → an evidence object."""
    return {
        "outcomes": [{"outcome": "bullying_victimisation", "finding": finding, "study": key}
                     for key, finding, _ in studies],
        "studies": {key: {"citation": f"Someone ({fields.pop('year', 2020)}).", **fields}
                    for key, _, fields in studies},
    }


def _verdict(evidence: dict[str, Any], concern: str = "bullying") -> str:
    return str(effects.concern_effect(evidence, concern, 2026)["verdict"])


BIG_NL_TRIAL = {"design": "cluster_rct", "country": "NL", "n": 4000}
SMALL_TRIAL = {"design": "rct", "country": "US", "n": 200}


def test_a_well_powered_positive_trial_is_not_cancelled_by_a_smaller_null_one() -> None:
    assert _verdict(_evidence(("a", "positive", dict(BIG_NL_TRIAL)),
                              ("b", "no_effect", dict(SMALL_TRIAL)))) == "positive"


def test_a_small_positive_study_does_not_outweigh_a_large_null_trial() -> None:
    assert _verdict(_evidence(("a", "positive", dict(SMALL_TRIAL)),
                              ("b", "no_effect", dict(BIG_NL_TRIAL)))) == "no_effect"


def test_harm_is_never_outweighed_into_positive() -> None:
    evidence = _evidence(("a", "positive", dict(BIG_NL_TRIAL)),
                         ("b", "negative", dict(SMALL_TRIAL)))
    assert _verdict(evidence) == "mixed"
    assert _verdict(_evidence(("a", "negative", dict(SMALL_TRIAL)))) == "negative"


def test_one_unfavourable_finding_makes_the_study_s_result_negative() -> None:
    assert effects.study_result(["positive", "negative"]) == "negative"
    assert effects.study_result(["positive", "no_effect"]) == "mixed"
    assert effects.study_result(["no_effect", "no_effect"]) == "no_effect"


def test_a_dutch_study_weighs_more_than_the_same_study_abroad() -> None:
    dutch = effects.study_weight({"design": "rct", "country": "NL", "n": 500}, 2026)
    abroad = effects.study_weight({"design": "rct", "country": "US", "n": 500}, 2026)
    assert dutch["weight"] > abroad["weight"]


def test_stronger_designs_and_newer_studies_weigh_more() -> None:
    weights = [effects.study_weight({"design": d, "n": 1000, "country": "NL"}, 2026)["weight"]
               for d in ("cluster_rct", "rct", "quasi_experimental", "pre_post")]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == 4
    assert effects.recency_factor(1995, 2026) < effects.recency_factor(2015, 2026)


def test_without_findings_on_the_concern_it_is_not_studied() -> None:
    evidence = _evidence(("a", "positive", dict(BIG_NL_TRIAL)))
    assert _verdict(evidence, "sexual_boundaries") == "not_studied"
    assert effects.concern_effect(evidence, "sexual_boundaries", 2026)["best_design"] is None
