"""What the school needs, derived once per request from its profile and the vocabularies:
the weight of each concern (raised by monitor signals), the outcomes behind each concern,
the approaches that fit its school concept."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum

from ..schema import Vocabularies
from .profile import AgeSpan, MatchProfile, MonitorResult, Survey
from .weights import (
    CONCERN_OUTCOMES,
    FULL_SIGNAL_SHARE,
    MONITOR_INDICATORS,
    SIGNAL_BOOST,
)


@dataclass(frozen=True)
class Signal:
    """One monitor result, as it bears on one concern."""

    result: MonitorResult
    concern: str
    strength: float  # 0..1

    @property
    def ages(self) -> AgeSpan | None:
        return self.result.group_ages()


@dataclass
class SchoolNeeds:
    profile: MatchProfile
    concern_weights: dict[str, float]           # in profile order, then signal-only concerns
    base_weights: dict[str, float]              # 1 for named concerns, 0 for signal-only ones
    signals: dict[str, list[Signal]]            # concern -> the results that point at it
    concern_outcomes: dict[str, tuple[str, ...]]  # only outcome keys the vocabulary knows
    concept_approaches: list[str] | None
    wanted_levels: list[str]
    evidence_top: int                            # index of the highest evidence level
    monitor: Survey | None = None
    reach: dict[str, list[AgeSpan]] = field(default_factory=dict)
    applies: dict[str, bool] = field(default_factory=dict)  # per criterion; set by scoring
    # Derived lookups for scoring thousands of entries quickly:
    concerns_by_outcome: dict[str, tuple[str, ...]] = field(default_factory=dict)
    evidence_concerns: tuple[tuple[str, float], ...] = ()  # concerns with outcomes, weights
    evidence_weight: float = 0.0                             # their total weight

    @property
    def concerns(self) -> list[str]:
        return list(self.concern_weights)

    @property
    def total_concern_weight(self) -> float:
        return fsum(self.concern_weights.values())

    @property
    def max_weight(self) -> float:
        return max(self.concern_weights.values(), default=0.0)

    def outcome_concerns(self, outcome: str) -> list[str]:
        """The concerns an outcome stands behind, heaviest first (ties by key)."""
        found = [c for c, outcomes in self.concern_outcomes.items() if outcome in outcomes]
        return sorted(found, key=lambda c: (-self.concern_weights[c], c))

    def index_outcomes(self) -> None:
        """Outcome -> its concerns (heaviest first), and the concerns with outcomes."""
        self.evidence_concerns = tuple((c, self.concern_weights[c])
                                       for c, items in self.concern_outcomes.items() if items)
        self.evidence_weight = fsum(w for _, w in self.evidence_concerns)
        outcomes = {o for items in self.concern_outcomes.values() for o in items}
        for outcome in sorted(outcomes):
            self.concerns_by_outcome[outcome] = tuple(self.outcome_concerns(outcome))


def signal_strength(result: MonitorResult) -> float:
    if result.reference is not None:
        raw = (result.share - result.reference) / result.reference
    else:
        raw = result.share / FULL_SIGNAL_SHARE
    return min(1.0, max(0.0, raw))


def derive_needs(profile: MatchProfile, vocabularies: Vocabularies,
                 evidence_levels: int) -> SchoolNeeds:
    themes = vocabularies.section("themes")
    signals: dict[str, list[Signal]] = {}
    if profile.monitor is not None:
        for result in profile.monitor.results:
            for concern in MONITOR_INDICATORS[result.indicator]:
                if concern in themes:  # editors may have renamed a theme
                    signals.setdefault(concern, []).append(
                        Signal(result, concern, signal_strength(result)))

    base = dict.fromkeys(profile.concerns, 1.0)
    weights: dict[str, float] = {}
    for concern in [*profile.concerns, *sorted(set(signals) - set(profile.concerns))]:
        strength = max((s.strength for s in signals.get(concern, [])), default=0.0)
        weight = base.get(concern, 0.0) + SIGNAL_BOOST * strength
        if weight > 0:
            weights[concern] = weight
            base.setdefault(concern, 0.0)

    outcomes_known = vocabularies.section("outcomes")
    concern_outcomes = {
        concern: tuple(o for o in CONCERN_OUTCOMES.get(concern, ()) if o in outcomes_known)
        for concern in weights
    }

    # Where a concern's raising signals all name an age group, the concern is located there.
    reach: dict[str, list[AgeSpan]] = {}
    for concern, items in signals.items():
        raising = [s for s in items if s.strength > 0]
        spans = [s.ages for s in raising]
        if concern in weights and raising and all(span is not None for span in spans):
            reach[concern] = [span for span in spans if span is not None]

    concept_approaches = None
    if profile.school_concept:
        term = vocabularies.section("school_concepts")[profile.school_concept]
        concept_approaches = list(term.approaches or [])

    needs = SchoolNeeds(
        profile=profile,
        concern_weights=weights,
        base_weights={c: base[c] for c in weights},
        signals=signals,
        concern_outcomes=concern_outcomes,
        concept_approaches=concept_approaches,
        wanted_levels=profile.wanted_levels,
        evidence_top=evidence_levels - 1,
        monitor=profile.monitor,
        reach=reach,
    )
    needs.index_outcomes()
    return needs
