"""Every eligible entry scored (numbers only) and ranked, without an object per entry.

A criterion's score depends on one field of the entry (``CRITERION_FEATURES``), and the
cached index interns each field, so each criterion runs once per distinct value among
the eligible entries (or per distinct part of it that the profile reads, ``KEYS``),
through the same function that explains it; every entry's score is ``fsum`` of its
looked-up parts: exactly rounded, so the same number as ``scoring.score`` gives it.
``Scored`` objects are made only for the entries that are looked at (returned, planned,
named in a note).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from math import fsum
from typing import overload

from .candidates import Candidate
from .index import IndexedEntry, MatchIndex
from .needs import SchoolNeeds
from .scoring import CRITERION_FUNCTIONS, Scored
from .weights import CRITERIA

# Criterion -> the feature of the index its score reads.
CRITERION_FEATURES: dict[str, str] = {
    "concern_themes": "themes",  # and the ages, when a signal locates a concern
    "concern_evidence": "findings",
    "evidence_level": "evidence_rank",
    "pedagogical_fit": "approaches",
    "levels": "levels",
    "cost": "cost",
    "training": "training_hours",
}
assert set(CRITERION_FEATURES) == set(CRITERIA)


def _concern_themes_keys(index: MatchIndex, needs: SchoolNeeds,
                         eligible: list[int]) -> list[Hashable]:
    """Which of the concerns the entry addresses (and its ages, when a signal locates a
    concern: the out-of-reach credit reads them)."""
    bits = index.theme_bits
    concerns = bits.mask(needs.concern_weights)
    if needs.reach:
        ages, width = index.features["ages"].keys, bits.width
        return [bits.of[p] & concerns | ages[p] << width for p in eligible]
    return [bits.of[p] & concerns for p in eligible]


def _pedagogical_fit_keys(index: MatchIndex, needs: SchoolNeeds,
                          eligible: list[int]) -> list[Hashable]:
    """Which of the wanted and the concept's approaches the entry has, and how many it has."""
    bits = index.approach_bits
    relevant = bits.mask([*needs.profile.approaches, *(needs.concept_approaches or ())])
    counts, width = index.approach_counts, bits.width
    return [bits.of[p] & relevant | counts[p] << width for p in eligible]


def _concern_evidence_keys(index: MatchIndex, needs: SchoolNeeds,
                           eligible: list[int]) -> list[Hashable]:
    """The entry's findings on outcomes behind a concern, in catalogue order (the penalty
    is a product taken in that order)."""
    feature = index.features["findings"]
    behind = needs.concerns_by_outcome
    outcomes, wanted = index.outcome_bits.of, index.outcome_bits.mask(behind)
    # Most entries have no finding behind a concern: those share the key -1 at once.
    keys = [feature.keys[p] if outcomes[p] & wanted else -1 for p in eligible]
    ids: dict[Hashable, int] = {(): -1}
    relevant = {-1: -1}
    for key in set(keys) - {-1}:
        pairs = feature.values[key]
        assert isinstance(pairs, tuple)
        relevant[key] = ids.setdefault(tuple([pair for pair in pairs if pair[0] in behind]),
                                       len(ids))
    return list(map(relevant.__getitem__, keys))


# Criterion -> the key of each eligible entry, such that entries with equal keys score the
# same: for the criteria whose feature has many distinct values, what THIS profile reads of
# it (e.g. only the themes the school is concerned about), so that the criterion runs once
# per distinct key; the other criteria use the feature's own keys.
KEYS: dict[str, Callable[[MatchIndex, SchoolNeeds, list[int]], list[Hashable]]] = {
    "concern_themes": _concern_themes_keys,
    "concern_evidence": _concern_evidence_keys,
    "pedagogical_fit": _pedagogical_fit_keys,
}


def _keys(index: MatchIndex, criterion: str, needs: SchoolNeeds,
          eligible: list[int]) -> list[Hashable]:
    """Per eligible entry, the key its score of ``criterion`` depends on."""
    if criterion in KEYS:
        return KEYS[criterion](index, needs, eligible)
    keys = index.features[CRITERION_FEATURES[criterion]].keys
    return [keys[p] for p in eligible]


def weighted_column(index: MatchIndex, criterion: str, needs: SchoolNeeds, weight: float,
                    eligible: list[int]) -> list[float]:
    """``weight * score`` of one criterion for every eligible entry."""
    keys = _keys(index, criterion, needs, eligible)
    representative = dict(zip(keys, eligible, strict=True))  # one entry per distinct key
    function = CRITERION_FUNCTIONS[criterion]
    parts = {key: weight * function(Candidate(index.entries[position]), needs, None)[0]
             for key, position in representative.items()}
    return list(map(parts.__getitem__, keys))


def fast_scores(index: MatchIndex, eligible: list[int], needs: SchoolNeeds,
                weights: dict[str, float]) -> list[float]:
    """The score of every eligible entry, as ``scoring.score`` computes it."""
    columns = [weighted_column(index, criterion, needs, weights[criterion], eligible)
               for criterion in CRITERIA if needs.applies[criterion]]
    return list(map(fsum, zip(*columns, strict=True)))


class Ranking(Sequence[Scored]):
    """Every eligible entry, best first (ties by id): a sequence of ``Scored`` made on
    first access and kept, so the explained one a caller fills in is the one it sees."""

    def __init__(self, index: MatchIndex, eligible: list[int], scores: list[float],
                 current: set[str]) -> None:
        # ``eligible`` is in id order and the sort is stable: ties stay in id order.
        negated = [-s for s in scores]
        order = sorted(range(len(eligible)), key=negated.__getitem__)
        self._entries = index.entries
        self._position = index.position
        self._order = [eligible[i] for i in order]        # index positions, best first
        self._scores = [scores[i] for i in order]
        self._current = current
        self._made: dict[int, Scored] = {}                # rank - 1 -> its Scored

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, i: int) -> Scored: ...

    @overload
    def __getitem__(self, i: slice) -> list[Scored]: ...

    def __getitem__(self, i: int | slice) -> Scored | list[Scored]:
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._at(i)

    def _at(self, i: int) -> Scored:
        scored = self._made.get(i)
        if scored is None:
            entry = self._entries[self._order[i]]
            scored = Scored(Candidate(entry, entry.id in self._current), self._scores[i],
                            [], [], explained=False)
            self._made[i] = scored
        return scored

    def __iter__(self) -> Iterator[Scored]:
        return (self._at(i) for i in range(len(self)))

    def entries(self) -> Iterator[tuple[int, IndexedEntry]]:
        """(rank - 1, entry), best first, without making a ``Scored`` for each."""
        entries = self._entries
        return ((i, entries[position]) for i, position in enumerate(self._order))

    def rank_of(self, entry_id: str) -> int | None:
        """1 for the best; None when the entry is not eligible."""
        position = self._position.get(entry_id)
        if position is None:
            return None
        try:
            return self._order.index(position) + 1
        except ValueError:
            return None

    def get(self, entry_id: str) -> Scored | None:
        rank = self.rank_of(entry_id)
        return None if rank is None else self._at(rank - 1)
