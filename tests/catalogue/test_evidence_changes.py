"""The shortcuts of compare_evidence give what the general comparison gives."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import generate
from interventions_api.catalogue import Catalogue
from interventions_api.catalogue.evidence_changes import (
    EvidenceState,
    assessed_text,
    assessment_date_text,
    compare_evidence,
    compare_evidence_in_general,
)
from interventions_api.db.history import catalogue_states
from tests.conftest import read_ok


def states(real_catalogue: Catalogue, tmp_path: Path) -> list[EvidenceState]:
    synthetic = read_ok(generate(tmp_path / "synthetic", 200, seed=3))
    return [*catalogue_states(real_catalogue).values(), *catalogue_states(synthetic).values()]


def test_a_new_entry_and_an_unchanged_one(real_catalogue: Catalogue, tmp_path: Path) -> None:
    all_states = states(real_catalogue, tmp_path)
    assert any(len(state.ratings) > 1 for state in all_states)
    for state in all_states:
        assert compare_evidence(None, state) == compare_evidence_in_general(None, state)
        assert compare_evidence(state, state) == compare_evidence_in_general(state, state)
        assert not compare_evidence(state, state).changes
        # Ratings in another order: the general case, which finds nothing either.
        turned = EvidenceState(state.level, tuple(reversed(state.ratings)))
        assert compare_evidence(state, turned).changes == []


def test_the_assessment_date_text_is_that_of_the_dumped_assessment(
        real_catalogue: Catalogue) -> None:
    for entry in real_catalogue.entries:
        for assessment in entry.intervention.evidence.assessments:
            assert assessment_date_text(assessment) == assessed_text(
                assessment.model_dump(mode="json"))
