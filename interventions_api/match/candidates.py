"""Catalogue entries as the match sees them, and the hard constraints that rule them out.

Each excluded entry is counted once, under the FIRST constraint it fails in the order of
``CONSTRAINTS``; so ``sum(excluded) + eligible == entries in the catalogue``. The school's
current interventions are exempt from the budget and training constraints (they are
already paid for and trained in) but not from the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import EvidenceScale
from .profile import Budget, MatchProfile, SchoolSize

CONSTRAINTS: tuple[str, ...] = (
    "status", "school_type", "ages", "min_evidence", "budget", "max_training_hours",
)
EXEMPT_WHEN_CURRENT = frozenset({"budget", "max_training_hours"})

# Cost basis -> the school_size field that converts it to and from a whole-school amount.
SIZE_FIELD = {"pupil": "pupils", "class": "classes", "teacher": "teachers"}


@dataclass(frozen=True)
class Cost:
    amount_eur: float
    per: str
    period: str
    year: int | None


@dataclass
class Candidate:
    id: str
    name: str
    status: str
    age_min: int | None
    age_max: int | None
    evidence_level: str
    evidence_rank: int
    training_hours: float | None
    cost: Cost | None
    serves_school_type: bool
    current: bool = False
    levels: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    approaches: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    failed: str | None = None  # the first hard constraint it fails

    @classmethod
    def from_row(cls, row: dict[str, Any], current: bool) -> Candidate:
        cost = None
        if row["cost_amount_eur"] is not None:
            cost = Cost(row["cost_amount_eur"], row["cost_per"], row["cost_period"],
                        row["cost_year"])
        return cls(
            id=row["id"], name=row["name"], status=row["status"], age_min=row["age_min"],
            age_max=row["age_max"], evidence_level=row["evidence_level"],
            evidence_rank=row["evidence_rank"], training_hours=row["training_hours"],
            cost=cost, serves_school_type=bool(row["serves_school_type"]), current=current,
        )

    @property
    def has_age_range(self) -> bool:
        return self.age_min is not None and self.age_max is not None

    def overlaps(self, low: int, high: int) -> bool:
        """True when its age range overlaps low..high; an unknown range overlaps."""
        if not self.has_age_range:
            return True
        assert self.age_min is not None and self.age_max is not None
        return self.age_min <= high and self.age_max >= low

    def set_terms(self, terms: dict[str, list[str]]) -> None:
        self.levels = terms.get("level", [])
        self.themes = terms.get("theme", [])
        self.approaches = terms.get("approach", [])


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


def first_failed(candidate: Candidate, profile: MatchProfile, scale: EvidenceScale) -> str | None:
    """The first hard constraint the candidate fails, or None."""
    for constraint in CONSTRAINTS:
        if candidate.current and constraint in EXEMPT_WHEN_CURRENT:
            continue
        if not _passes(constraint, candidate, profile, scale):
            return constraint
    return None


def _passes(constraint: str, candidate: Candidate, profile: MatchProfile,
            scale: EvidenceScale) -> bool:
    if constraint == "status":
        return candidate.status == "active"
    if constraint == "school_type":
        return candidate.serves_school_type
    if constraint == "ages":
        return profile.ages is None or candidate.overlaps(profile.ages.min, profile.ages.max)
    if constraint == "min_evidence":
        return (profile.min_evidence is None
                or candidate.evidence_rank >= scale.rank(profile.min_evidence))
    if constraint == "budget":
        if profile.budget is None:
            return True
        check = cost_in_budget_terms(candidate.cost, profile.budget, profile.school_size)
        # Unknown or incomparable cost passes, with a warning.
        return check.converted is None or check.converted <= profile.budget.max_eur + 1e-9
    if constraint == "max_training_hours":
        return (profile.max_training_hours is None or candidate.training_hours is None
                or candidate.training_hours <= profile.max_training_hours + 1e-9)
    raise ValueError(f"unknown constraint {constraint}")
