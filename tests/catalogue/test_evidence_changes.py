"""compare_evidence on the evidence of real and synthetic entries: a new entry, an
unchanged one, and the date text a load and a file read from git agree on."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import generate
from interventions_api.catalogue import Catalogue
from interventions_api.catalogue.evidence_changes import (
    EvidenceState,
    assessed_text,
    compare_evidence,
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
        added = compare_evidence(None, state).changes
        assert [(c.kind, c.change, c.new) for c in added if c.kind == "evidence_level"] == [
            ("evidence_level", "added", state.level)]
        assert sorted((c.registry, c.new) for c in added if c.kind == "rating") == sorted(
            (r.registry, r.rating) for r in state.ratings)
        assert all(c.change == "added" for c in added)
        assert not compare_evidence(state, state).changes
        # Ratings in another order are the same ratings.
        turned = EvidenceState(state.level, tuple(reversed(state.ratings)))
        assert compare_evidence(state, turned).changes == []


def test_the_assessment_date_text_is_that_of_the_dumped_assessment(
        real_catalogue: Catalogue) -> None:
    for entry in real_catalogue.entries:
        for assessment in entry.intervention.evidence.assessments:
            dumped = assessment.model_dump(mode="json")
            assert assessed_text(assessment.date, assessment.year) == assessed_text(
                dumped.get("date"), dumped.get("year"))
