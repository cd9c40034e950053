"""The fast path of the match agrees with the plain one, entry by entry.

The service decides the hard constraints on bitmasks (``failing``), scores every eligible
entry once per distinct field value (``fast_scores``) and answers the plan's questions
from bitmasks (``CatalogueView``). Here each of them is checked against the plain
per-entry computation (``first_failed``, the explained ``score``, a sort by score and id,
a walk over every entry) for many seeded profiles, on the real catalogue and on random
entries that also have costs, signals located in an age group and the like.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from interventions_api.match.candidates import (
    CONSTRAINTS,
    Candidate,
    Eligibility,
    failing,
    first_failed,
    positions,
)
from interventions_api.match.index import Cost, IndexedEntry, MatchIndex, match_index
from interventions_api.match.needs import SchoolNeeds, derive_needs
from interventions_api.match.plan import CatalogueView
from interventions_api.match.profile import MatchProfile, parse_profile
from interventions_api.match.ranking import Ranking, fast_scores
from interventions_api.match.scoring import applicable, effective_weights, score
from interventions_api.match.service import validation_context
from interventions_api.match.texts import Texts
from interventions_api.services.catalogue_context import CatalogueContext, catalogue_context

from .helpers import LEVELS

PROFILES_PER_CATALOGUE = 120
INDICATORS = ("bullied", "bullying_others", "cyberbullied", "cyberbullying_others", "unsafe",
              "low_wellbeing", "discriminated", "physical_violence", "sexual_harassment")
FINDINGS = ("positive", "mixed", "no_effect", "negative")
BASES = ("school", "pupil", "class", "teacher")


@pytest.fixture(scope="module")
def context(loaded_db: Path) -> CatalogueContext:
    return catalogue_context(loaded_db)


def keys(context: CatalogueContext, section: str) -> list[str]:
    return sorted(context.vocabularies.section(section))


def some(rng: random.Random, items: list[str], most: int) -> list[str]:
    return rng.sample(items, rng.randint(0, min(most, len(items))))


def random_entry(rng: random.Random, context: CatalogueContext, number: int) -> IndexedEntry:
    """Entries drawn from a few values per field, so that many share each value."""
    levels = context.evidence_scale.order
    level = rng.choice(levels)
    low = rng.choice([None, 4, 6, 8, 12, 16])
    cost = None
    if rng.random() < 0.6:
        cost = Cost(rng.choice([0.0, 50.0, 120.0, 800.0, 2500.0]), rng.choice(BASES),
                    rng.choice(["once", "year"]), rng.choice([None, 2023]))
    return IndexedEntry(
        id=f"entry-{number:04d}", name=f"Entry {number}",
        status=rng.choice(["active"] * 5 + ["discontinued"]),
        age_min=low, age_max=None if low is None else low + rng.choice([0, 2, 6]),
        evidence_level=level, evidence_rank=levels.index(level),
        training_hours=rng.choice([None, 0.0, 2.0, 8.0, 30.0]), cost=cost,
        school_types=frozenset(some(rng, keys(context, "school_types"), 3)),
        levels=tuple(sorted(some(rng, list(LEVELS), 3))),
        themes=tuple(sorted(some(rng, keys(context, "themes"), 4))),
        approaches=tuple(sorted(some(rng, keys(context, "approaches"), 3))),
        findings=tuple({"outcome": rng.choice(keys(context, "outcomes")),
                        "finding": rng.choice(FINDINGS), "study": f"Study {i}"}
                       for i in range(rng.choice([0, 0, 1, 2, 4]))),
    )


def random_index(context: CatalogueContext, size: int, seed: int) -> MatchIndex:
    rng = random.Random(seed)
    entries = [random_entry(rng, context, number) for number in range(size)]
    return MatchIndex(tuple(entries), {e.id: e for e in entries})


def random_profile(rng: random.Random, context: CatalogueContext,
                   ids: list[str]) -> dict[str, Any]:
    profile: dict[str, Any] = {"school_type": rng.choice(keys(context, "school_types"))}
    if rng.random() < 0.6:
        low = rng.randint(4, 18)
        profile["ages"] = {"min": low, "max": low + rng.randint(0, 6)}
    if rng.random() < 0.8:
        profile["concerns"] = rng.sample(keys(context, "themes"), rng.randint(1, 4))
    if rng.random() < 0.4:
        profile["approaches"] = rng.sample(keys(context, "approaches"), rng.randint(1, 3))
    if rng.random() < 0.4:
        profile["school_concept"] = rng.choice(keys(context, "school_concepts"))
    if rng.random() < 0.3:
        profile["levels"] = rng.sample(list(LEVELS), rng.randint(1, 3))
    if rng.random() < 0.4:
        profile["current_interventions"] = rng.sample(ids, rng.randint(1, 3))
    if rng.random() < 0.3:
        profile["min_evidence"] = rng.choice(context.evidence_scale.order)
    if rng.random() < 0.5:
        profile["budget"] = {"max_eur": rng.choice([0, 100, 500, 3000]),
                             "per": rng.choice(BASES)}
    if rng.random() < 0.5:
        fields = rng.sample(["pupils", "classes", "teachers"], rng.randint(1, 3))
        profile["school_size"] = {name: rng.randint(1, 300) for name in fields}
    if rng.random() < 0.4:
        profile["max_training_hours"] = rng.choice([0, 2, 8, 24])
    if rng.random() < 0.5:
        profile["monitor"] = {"year": 2025, "results": [
            random_result(rng) for _ in range(rng.randint(1, 3))]}
    return profile


def random_result(rng: random.Random) -> dict[str, Any]:
    result: dict[str, Any] = {"indicator": rng.choice(INDICATORS),
                              "share": round(rng.random() * 0.4, 2)}
    if rng.random() < 0.5:
        result["reference"] = round(0.01 + rng.random() * 0.2, 2)
    if rng.random() < 0.6:  # locates the concern, so the out-of-reach credit applies
        low = rng.randint(6, 16)
        result["ages"] = {"min": low, "max": low + rng.randint(0, 3)}
    return result


def profiles(index: MatchIndex, context: CatalogueContext,
             seed: int) -> list[tuple[str, MatchProfile]]:
    rng = random.Random(seed)
    ids = sorted(index.by_id)
    bodies = [json.dumps(random_profile(rng, context, ids))
              for _ in range(PROFILES_PER_CATALOGUE)]
    return [(body, parse_profile(body, validation_context(index, context))) for body in bodies]


def needs_of(profile: MatchProfile, context: CatalogueContext) -> SchoolNeeds:
    needs = derive_needs(profile, context.vocabularies, len(context.evidence_scale.order))
    needs.applies = applicable(needs)
    return needs


def min_rank(profile: MatchProfile, context: CatalogueContext) -> int | None:
    scale = context.evidence_scale
    return scale.rank(profile.min_evidence) if profile.min_evidence else None


def first_failed_by_mask(eligibility: Eligibility, position: int) -> str | None:
    found = [name for name, mask in eligibility.failed.items() if mask >> position & 1]
    assert len(found) + (eligibility.eligible >> position & 1) == 1, found
    return found[0] if found else None


def check_profile(index: MatchIndex, context: CatalogueContext, body: str,
                  profile: MatchProfile) -> None:
    rank = min_rank(profile, context)
    current = set(profile.current_interventions)
    eligibility = failing(index, profile, rank, index.mask_of(current))

    # The hard constraints: the first one failed, entry by entry.
    expected = [first_failed(e, e.id in current, profile, rank) for e in index.entries]
    actual = [first_failed_by_mask(eligibility, i) for i in range(len(index.entries))]
    assert actual == expected, body
    assert eligibility.excluded() == {name: expected.count(name) for name in CONSTRAINTS}

    # The scores: the explained score of every eligible entry, to the last bit.
    eligible = positions(eligibility.eligible)
    assert [index.entries[i].id for i in eligible] == [
        e.id for e, reason in zip(index.entries, expected, strict=True) if reason is None]
    needs = needs_of(profile, context)
    weights = effective_weights(needs)
    texts = Texts(profile.lang, context.vocabularies, context.evidence_scale)
    candidates = [Candidate(index.entries[i], index.entries[i].id in current)
                  for i in eligible]
    explained = [score(c, needs, weights, texts).score for c in candidates]
    fast = fast_scores(index, eligible, needs, weights)
    assert fast == explained, body
    assert fast == [score(c, needs, weights).score for c in candidates], body

    # The ranking: by score, ties by id; ranks and lookups agree with the order.
    ranked = Ranking(index, eligible, fast, current)
    order = sorted(zip(explained, candidates, strict=True), key=lambda p: (-p[0], p[1].id))
    assert [(s.candidate.id, s.score) for s in ranked] == [
        (c.id, value) for value, c in order], body
    assert [entry.id for _, entry in ranked.entries()] == [c.id for _, c in order]
    for number, (_, c) in enumerate(order[:5], start=1):
        assert ranked.rank_of(c.id) == number
        assert ranked.get(c.id) is ranked[number - 1]
        assert ranked[number - 1].candidate.current == (c.id in current)

    check_view(CatalogueView(index, eligibility), index, expected, needs.concerns, body)


def check_view(view: CatalogueView, index: MatchIndex, failed: list[str | None],
               concerns: list[str], body: str) -> None:
    """The plan's questions, answered by walking every entry."""
    for level in LEVELS:
        for concern in [None, *concerns]:
            at = [(e, reason) for e, reason in zip(index.entries, failed, strict=True)
                  if level in e.levels and (concern is None or concern in e.themes)]
            assert view.count(level, concern) == len(at), body
            assert view.excluded(level, concern) == Counter(
                reason for _, reason in at if reason), body
        eligible = [e for e, reason in zip(index.entries, failed, strict=True)
                    if reason is None and level in e.levels]
        assert view.eligible(level) == len(eligible), body
        assert view.eligible_addressing(level, concerns) == any(
            set(concerns) & set(e.themes) for e in eligible), body


def test_the_fast_path_agrees_on_the_real_catalogue(loaded_db: Path,
                                                     context: CatalogueContext) -> None:
    index = match_index(loaded_db)
    for body, profile in profiles(index, context, seed=1):
        check_profile(index, context, body, profile)


@pytest.mark.parametrize("seed", [2, 3])
def test_the_fast_path_agrees_on_random_entries(seed: int, context: CatalogueContext) -> None:
    index = random_index(context, 400, seed)
    for body, profile in profiles(index, context, seed):
        check_profile(index, context, body, profile)


def test_the_random_entries_reach_every_branch(context: CatalogueContext) -> None:
    """Guards the test above: its entries and profiles exercise what the fast path skips."""
    index = random_index(context, 400, 2)
    seen: Counter[str] = Counter()
    for _, profile in profiles(index, context, 2):
        rank = min_rank(profile, context)
        current = set(profile.current_interventions)
        eligibility = failing(index, profile, rank, index.mask_of(current))
        seen.update(name for name, mask in eligibility.failed.items() if mask)
        needs = needs_of(profile, context)
        seen.update(criterion for criterion, applies in needs.applies.items() if applies)
        seen["reach"] += bool(needs.reach)
    assert set(CONSTRAINTS) <= set(seen)
    assert set(applicable(needs)) <= set(seen)
    assert seen["reach"] >= 5
