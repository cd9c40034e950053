"""Catalogue entries as the match sees them, and the hard constraints that rule them out.

Each excluded entry is counted once, under the FIRST constraint it fails in the order of
``CHECKS``; so ``sum(excluded) + eligible == entries in the catalogue``. The school's
current interventions are exempt from the budget and training constraints (they are
already paid for and trained in) but not from the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .index import Cost, IndexedEntry
from .profile import Budget, MatchProfile, SchoolSize

EXEMPT_WHEN_CURRENT = frozenset({"budget", "max_training_hours"})

# Cost basis -> the school_size field that converts it to and from a whole-school amount.
SIZE_FIELD = {"pupil": "pupils", "class": "classes", "teacher": "teachers"}


class Candidate:
    """One catalogue entry (cached, shared between requests) plus this request's view of
    it: whether the school runs it now, and the first hard constraint it fails."""

    __slots__ = ("entry", "current", "failed")

    def __init__(self, entry: IndexedEntry, current: bool = False,
                 failed: str | None = None) -> None:
        self.entry = entry
        self.current = current
        self.failed = failed

    # The entry's fields, read-only, so scoring code reads ``c.themes`` and the like.
    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def status(self) -> str:
        return self.entry.status

    @property
    def age_min(self) -> int | None:
        return self.entry.age_min

    @property
    def age_max(self) -> int | None:
        return self.entry.age_max

    @property
    def evidence_level(self) -> str:
        return self.entry.evidence_level

    @property
    def evidence_rank(self) -> int:
        return self.entry.evidence_rank

    @property
    def training_hours(self) -> float | None:
        return self.entry.training_hours

    @property
    def available_nl(self) -> bool | None:
        return self.entry.available_nl

    @property
    def cost(self) -> Cost | None:
        return self.entry.cost

    @property
    def price_on_request(self) -> bool:
        return self.entry.price_on_request

    @property
    def levels(self) -> tuple[str, ...]:
        return self.entry.levels

    @property
    def themes(self) -> tuple[str, ...]:
        return self.entry.themes

    @property
    def approaches(self) -> tuple[str, ...]:
        return self.entry.approaches

    @property
    def findings(self) -> tuple[dict[str, Any], ...]:
        return self.entry.findings

    @property
    def effects(self) -> dict[str, dict[str, Any]]:
        return self.entry.effects

    def verdict(self, concern: str) -> str:
        effect = self.entry.effects.get(concern)
        return str(effect["verdict"]) if effect else "not_studied"

    @property
    def has_age_range(self) -> bool:
        return self.entry.has_age_range

    def overlaps(self, low: int, high: int) -> bool:
        return self.entry.overlaps(low, high)


@dataclass(frozen=True)
class CostCheck:
    """A cost in the terms of the school's budget (first-year amount), or why it cannot be."""

    known: bool
    converted: float | None = None   # first-year cost on the budget's basis
    missing_size: str | None = None  # school_size field needed for the conversion


def cost_in_budget_terms(cost: Cost | None, budget: Budget,
                         size: SchoolSize | None) -> CostCheck:
    """Convert a cost to the budget's basis (school, pupil, class, teacher).

    The first-year cost is compared, one-off or yearly alike: a one-off cost is due in
    full in the first year, and a yearly cost recurs (the fit text says so).
    """
    if cost is None:
        return CostCheck(known=False)
    amount = cost.amount_eur
    if cost.per == budget.per:
        return CostCheck(True, amount)
    # Via a whole-school amount.
    if cost.per != "school":
        count_field = SIZE_FIELD[cost.per]
        count = getattr(size, count_field, None) if size else None
        if count is None:
            return CostCheck(True, None, count_field)
        amount *= count
    if budget.per != "school":
        count_field = SIZE_FIELD[budget.per]
        count = getattr(size, count_field, None) if size else None
        if count is None:
            return CostCheck(True, None, count_field)
        amount /= count
    return CostCheck(True, amount)


# --- the hard constraints ---------------------------------------------------------------
def _fails_status(entry: IndexedEntry, _profile: MatchProfile, _rank: int | None) -> bool:
    return entry.status != "active"


def _fails_school_type(entry: IndexedEntry, profile: MatchProfile, _rank: int | None) -> bool:
    return profile.school_type not in entry.school_types


def _fails_ages(entry: IndexedEntry, profile: MatchProfile, _rank: int | None) -> bool:
    ages = profile.pupil_ages
    return ages is not None and not entry.overlaps(ages.min, ages.max)


def _fails_min_evidence(entry: IndexedEntry, _profile: MatchProfile,
                        scale_rank: int | None) -> bool:
    return scale_rank is not None and entry.evidence_rank < scale_rank


def _fails_budget(entry: IndexedEntry, profile: MatchProfile, _rank: int | None) -> bool:
    if profile.budget is None:
        return False
    check = cost_in_budget_terms(entry.cost, profile.budget, profile.school_size)
    # Unknown or incomparable cost passes, with a warning.
    return check.converted is not None and check.converted > profile.budget.max_eur + 1e-9


def _fails_training(entry: IndexedEntry, profile: MatchProfile, _rank: int | None) -> bool:
    limit = profile.max_training_hours
    return (limit is not None and entry.training_hours is not None
            and entry.training_hours > limit + 1e-9)


Check = Callable[[IndexedEntry, MatchProfile, "int | None"], bool]
CHECKS: dict[str, Check] = {
    "status": _fails_status,
    "school_type": _fails_school_type,
    "ages": _fails_ages,
    "min_evidence": _fails_min_evidence,
    "budget": _fails_budget,
    "max_training_hours": _fails_training,
}
CONSTRAINTS: tuple[str, ...] = tuple(CHECKS)


def first_failed(entry: IndexedEntry, current: bool, profile: MatchProfile,
                 scale_rank: int | None) -> str | None:
    """The first hard constraint the entry fails, or None. ``scale_rank`` is the rank of
    ``profile.min_evidence`` on the common scale (None: no minimum)."""
    for name, check in CHECKS.items():
        if current and name in EXEMPT_WHEN_CURRENT:  # already paid for and trained in
            continue
        if check(entry, profile, scale_rank):
            return name
    return None
