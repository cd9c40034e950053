"""What changed in an entry's evidence between two versions of the catalogue.

One comparison, used three ways: the change report of a pull request
(``interventions diff``), the history the load records, and the history rebuilt from
git (``interventions backfill-history``). A version of an entry's evidence is an
``EvidenceState``: its derived common level and its registry ratings.

Ratings are matched per registry: a rating present in both versions (same registry,
label and date) is unchanged; what disappeared and what appeared for the same registry
are paired as "changed" (an editor replaced the verdict), the rest are "added" or
"removed".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Change = Literal["added", "removed", "changed"]


@dataclass(frozen=True, order=True)
class Rating:
    registry: str
    rating: str
    assessed: str | None = None  # the date ("2022-12-15") or year ("2014") of the verdict
    level: str | None = None  # the common level it maps to, in that version's scale

    @property
    def identity(self) -> tuple[str, str, str | None]:
        # The mapped level is not part of a rating's identity: a re-mapping in the scale
        # shows as an evidence-level change, not as a new verdict.
        return (self.registry, self.rating, self.assessed)


@dataclass(frozen=True)
class EvidenceState:
    level: str
    ratings: tuple[Rating, ...] = ()


@dataclass(frozen=True)
class EvidenceChange:
    kind: Literal["evidence_level", "rating"]
    change: Change
    registry: str | None = None
    old: str | None = None  # level key, or the rating label
    new: str | None = None
    old_rating: Rating | None = None
    new_rating: Rating | None = None


@dataclass
class EvidenceDiff:
    changes: list[EvidenceChange] = field(default_factory=list)

    @property
    def level_change(self) -> EvidenceChange | None:
        return next((c for c in self.changes if c.kind == "evidence_level"), None)

    @property
    def rating_changes(self) -> list[EvidenceChange]:
        return [c for c in self.changes if c.kind == "rating"]


def assessed_text(date: object, year: object, checked: object = None) -> str | None:
    """The date or, failing that, the year of an assessment as text ("2022-12-15",
    "2014"), of a validated assessment or of one as written in a file; for a registry
    page without a date, the day it was read ("listed 2026-12-04")."""
    if date:
        return str(date)  # a ``datetime.date`` gives its ISO form, as written
    if year is not None:
        return str(year)
    return f"listed {checked}" if checked else None


def _pair(removed: list[Rating], added: list[Rating]) -> tuple[
        list[tuple[Rating, Rating]], list[Rating], list[Rating]]:
    """Pair removed and added ratings of the same registry (the earliest with each other)."""
    pairs: list[tuple[Rating, Rating]] = []
    left = sorted(removed, key=_pairing_order)
    right = sorted(added, key=_pairing_order)
    for old in list(left):
        match = next((new for new in right if new.registry == old.registry), None)
        if match is not None:
            pairs.append((old, match))
            left.remove(old)
            right.remove(match)
    return pairs, left, right


def _pairing_order(rating: Rating) -> tuple[str, str, str]:
    return (rating.registry, rating.assessed or "", rating.rating)


def _multiset_minus(a: Iterable[Rating], b: Iterable[Rating]) -> list[Rating]:
    remaining = Counter(r.identity for r in b)
    result = []
    for rating in a:
        if remaining[rating.identity] > 0:
            remaining[rating.identity] -= 1
        else:
            result.append(rating)
    return result


def compare_evidence(old: EvidenceState | None, new: EvidenceState | None) -> EvidenceDiff:
    """The changes from ``old`` to ``new``; None is an entry that does not exist."""
    diff = EvidenceDiff()
    old_level = old.level if old else None
    new_level = new.level if new else None
    if old_level != new_level:
        change: Change = ("added" if old_level is None else
                          "removed" if new_level is None else "changed")
        diff.changes.append(EvidenceChange("evidence_level", change, None, old_level, new_level))
    old_ratings = list(old.ratings) if old else []
    new_ratings = list(new.ratings) if new else []
    removed = _multiset_minus(old_ratings, new_ratings)
    added = _multiset_minus(new_ratings, old_ratings)
    pairs, only_removed, only_added = _pair(removed, added)
    for before, after in pairs:
        diff.changes.append(EvidenceChange("rating", "changed", before.registry, before.rating,
                                           after.rating, before, after))
    for before in only_removed:
        diff.changes.append(EvidenceChange("rating", "removed", before.registry, before.rating,
                                           None, before, None))
    for after in only_added:
        diff.changes.append(EvidenceChange("rating", "added", after.registry, None,
                                           after.rating, None, after))
    diff.changes.sort(key=_change_order)
    return diff


def _change_order(change: EvidenceChange) -> tuple[bool, str, str, str, str]:
    return (change.kind != "evidence_level", change.registry or "", change.change,
            change.old or "", change.new or "")
