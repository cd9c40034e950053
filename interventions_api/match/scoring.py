"""The soft criteria: each scores a candidate 0–1 and explains itself in one sentence.

Whether a criterion applies depends on the profile only (never on the candidate), so every
candidate is scored on the same rescaled weights and scores are comparable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from math import fsum
from typing import Any

from ..schema.intervention import UNFAVOURABLE_FINDINGS
from ..texts import Texts, capitalised, study_reference
from .candidates import Candidate, cost_in_budget_terms
from .needs import SchoolNeeds
from .weights import (
    AVAILABILITY_SCORE,
    COST_SLOPE,
    CRITERIA,
    EVIDENCE_ZERO_LEVELS,
    NOT_APPLICABLE_SCORE,
    OUT_OF_REACH_CREDIT,
    TRAINING_SLOPE,
    UNKNOWN_COST_SCORE,
    UNKNOWN_TRAINING_SCORE,
    VERDICT_SCORE,
    WEIGHTS,
)

# Scores are published with this many decimals. The ranking compares them at the same
# precision, so two matches that show the same score are ordered by id, as documented,
# and not by rounding noise the reader cannot see.
SCORE_DECIMALS = 4


@dataclass
class Fit:
    criterion: str
    applies: bool
    score: float
    text: str
    weight: float = 0.0  # rescaled over the criteria that apply

    def as_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "weight": round(self.weight, SCORE_DECIMALS),
                "score": round(self.score, SCORE_DECIMALS), "applies": self.applies,
                "text": self.text}


@dataclass
class Scored:
    candidate: Candidate
    score: float
    fit: list[Fit]
    warnings: list[dict[str, Any]]
    explained: bool = True


def applicable(needs: SchoolNeeds) -> dict[str, bool]:
    profile = needs.profile
    return {
        "concern_themes": bool(needs.concerns),
        "concern_evidence": any(needs.concern_outcomes.get(c) for c in needs.concerns),
        "evidence_level": True,
        "pedagogical_fit": bool(profile.approaches) or needs.concept_approaches is not None,
        "levels": True,
        "cost": profile.budget is not None,
        "training": profile.max_training_hours is not None,
        "availability": True,
    }


def effective_weights(needs: SchoolNeeds) -> dict[str, float]:
    applies = needs.applies or applicable(needs)
    total = fsum(WEIGHTS[c] for c in CRITERIA if applies[c])
    return {c: (WEIGHTS[c] / total if applies[c] else 0.0) for c in CRITERIA}


# --- helpers ---------------------------------------------------------------------------
def reaches(candidate: Candidate, needs: SchoolNeeds, concern: str) -> bool:
    spans = needs.reach.get(concern)
    return not spans or any(candidate.overlaps(s.min, s.max) for s in spans)


def unfavourable_findings(candidate: Candidate,
                          needs: SchoolNeeds) -> list[tuple[dict[str, Any], str]]:
    """(finding, heaviest concern behind its outcome) for every no_effect/negative finding."""
    found = []
    for finding in candidate.findings:
        if finding["finding"] in UNFAVOURABLE_FINDINGS:
            concerns = needs.outcome_concerns(finding["outcome"])
            if concerns:
                found.append((finding, concerns[0]))
    return found


def _ages_text(candidate: Candidate, t: Texts) -> str:
    return t.ages(candidate.age_min, candidate.age_max)


# --- the criteria ----------------------------------------------------------------------
def concern_themes(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    weights = needs.concern_weights
    themes = c.themes
    credits: list[float] = []
    halved = []
    for concern, weight in weights.items():
        if concern in themes:
            if not needs.reach or reaches(c, needs, concern):
                credits.append(weight)
            else:
                credits.append(weight * OUT_OF_REACH_CREDIT)
                halved.append(concern)
    # fsum: exactly rounded, so the order of the concerns cannot change a score.
    score = fsum(credits) / needs.total_concern_weight
    if t is None:
        return score, ""
    matched = [concern for concern in weights if concern in themes]
    missing = [concern for concern in weights if concern not in themes]
    if matched:
        parts = [t.say("themes.some", matched=t.labels("themes", matched), k=len(matched),
                       n=len(weights))]
        if missing:
            parts.append(t.say("themes.missing", missing=t.labels("themes", missing)))
    else:
        parts = [t.say("themes.none", missing=t.labels("themes", missing))]
    for concern in halved:
        groups = _signal_groups(needs, concern, t)
        parts.append(t.say("themes.out_of_reach", ages=_ages_text(c, t), group=groups,
                           concern=t.label("themes", concern)))
    parts += signal_sentences(needs, t)
    return score, " ".join(parts)


def _signal_groups(needs: SchoolNeeds, concern: str, t: Texts) -> str:
    labels = [s.result.group_label(t.lang) for s in needs.signals.get(concern, [])
              if s.strength > 0]
    return t.join(list(dict.fromkeys(label for label in labels if label)))


def signal_sentences(needs: SchoolNeeds, t: Texts) -> list[str]:
    """How the monitor changed the concern weights (the same for every match)."""
    if needs.monitor is None:
        return []
    sentences = []
    source = t.say("signal.source", source=needs.monitor.source) if needs.monitor.source else ""
    for concern, signals in needs.signals.items():
        for signal in signals:
            result = signal.result
            group = result.group_label(t.lang)
            values = {
                "year": needs.monitor.year, "source": source, "share": t.pct(result.share),
                "indicator": t.say("indicator." + result.indicator),
                "group": t.say("signal.group", group=group) if group else "",
                "reference": (t.say("signal.reference", reference=t.pct(result.reference))
                              if result.reference is not None else ""),
                "concern": t.label("themes", concern),
            }
            if signal.strength > 0:
                sentences.append(t.say(
                    "signal.raised", weight=t.number(needs.concern_weights[concern]),
                    base=t.number(needs.base_weights[concern]), **values))
            else:
                sentences.append(t.say("signal.not_raised", **values))
    return sentences


def concern_evidence(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    """The concern-weighted mean of the effect verdicts on the school's concerns."""
    concerns = needs.evidence_concerns
    score = fsum(w * VERDICT_SCORE[c.verdict(k)] for k, w in concerns) / needs.evidence_weight
    if t is None:
        return score, ""
    parts = []
    for concern, _weight in concerns:
        effect = c.effects.get(concern) or {"verdict": "not_studied", "studies": 0}
        label = t.say("verdict." + effect["verdict"],
                      concern=t.label("themes", concern).lower())
        if effect["studies"]:
            count = t.say(f"count.studies.{'one' if effect['studies'] == 1 else 'other'}",
                          n=effect["studies"])
            label = t.say("evidence.verdict", label=label, studies=count,
                          design=t.label("study_designs", effect["best_design"]).lower())
        parts.append(label)
    return score, t.say("evidence.verdicts", verdicts="; ".join(parts))


def evidence_level(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    top = needs.evidence_top
    zero = EVIDENCE_ZERO_LEVELS - 1
    score = max(0, c.evidence_rank - zero) / (top - zero) if top > zero else 1.0
    if t is None:
        return score, ""
    key = "level.known" if score > 0 else "level.zero"
    return score, t.say(key, label=t.level_label(c.evidence_level))


def pedagogical_fit(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    components: list[float] = []
    wanted = needs.profile.approaches
    shared = [a for a in wanted if a in c.approaches]
    if wanted:
        components.append(len(shared) / len(wanted))
    fitting: list[str] = []
    if needs.concept_approaches is not None:
        if c.approaches:
            fitting = [a for a in c.approaches if a in needs.concept_approaches]
            components.append(len(fitting) / len(c.approaches))
        else:
            components.append(NOT_APPLICABLE_SCORE)
    score = fsum(components) / len(components)
    if t is None:
        return score, ""
    parts: list[str] = []
    if wanted and shared:
        parts.append(t.say("pedagogy.shared", shared=t.labels("approaches", shared),
                           k=len(shared), n=len(wanted)))
    elif wanted:
        parts.append(t.say("pedagogy.not_shared", wanted=t.labels("approaches", list(wanted))))
    if needs.concept_approaches is not None:
        concept = t.label("school_concepts", needs.profile.school_concept or "")
        if c.approaches:
            parts.append(t.say(
                "pedagogy.concept", k=len(fitting), n=len(c.approaches), concept=concept,
                fitting=f" ({t.labels('approaches', fitting)})" if fitting else ""))
        else:
            parts.append(t.say("pedagogy.concept_unknown", concept=concept))
    return score, " ".join(parts)


def levels(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    wanted = needs.wanted_levels
    covered = [lvl for lvl in wanted if lvl in c.levels]
    score = len(covered) / len(wanted)
    if t is None:
        return score, ""
    if not covered:
        return score, t.say("levels.none", wanted=t.labels("levels", wanted))
    missing = [lvl for lvl in wanted if lvl not in c.levels]
    text = t.say("levels.some", levels=t.labels("levels", covered), k=len(covered),
                 n=len(wanted))
    if missing:
        text += " " + t.say("levels.missing", missing=t.labels("levels", missing))
    return score, text


def cost(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    budget = needs.profile.budget
    assert budget is not None
    check = cost_in_budget_terms(c.cost, budget, needs.profile.school_size)
    ratio: float | None = None
    if check.converted is None:
        score = UNKNOWN_COST_SCORE
    elif budget.max_eur > 0:
        ratio = check.converted / budget.max_eur
        score = max(0.0, 1 - COST_SLOPE * ratio)
    else:
        score = 1.0 if check.converted == 0 else 0.0
    if t is None:
        return score, ""
    budget_text = t.cost(budget.max_eur, budget.per, budget.period)
    if c.cost is None:
        return score, t.say("cost.fit_on_request" if c.price_on_request else "cost.unknown")
    cost_text = t.cost(c.cost.amount_eur, c.cost.per, c.cost.period)
    if check.converted is None:
        return score, t.say("cost.incomparable", cost=cost_text, year=c.cost.year,
                            budget=budget_text, missing=f"'{check.missing_size}'")
    text = t.say("cost.known", cost=cost_text, year=c.cost.year,
                 converted=t.eur(check.converted),
                 share=t.pct(ratio) if ratio is not None else "—", budget=budget_text)
    if c.cost.period == "year":
        text += " " + t.say("cost.recurring")
    return score, text


def training(c: Candidate, needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    limit = needs.profile.max_training_hours
    assert limit is not None
    hours = c.training_hours
    if hours is None:
        score = UNKNOWN_TRAINING_SCORE
    elif limit > 0:
        score = max(0.0, 1 - TRAINING_SLOPE * hours / limit)
    else:
        score = 1.0 if hours == 0 else 0.0
    if t is None:
        return score, ""
    if hours is None:
        return score, t.say("training.unknown")
    return score, t.say("training.known", hours=t.number(hours), max=t.number(limit))


def availability(c: Candidate, _needs: SchoolNeeds, t: Texts | None) -> tuple[float, str]:
    """Prefers what a Dutch school can get now; unknown is neither preferred nor excluded."""
    score = AVAILABILITY_SCORE[c.available_nl]
    if t is None:
        return score, ""
    key = "unknown" if c.available_nl is None else str(c.available_nl).lower()
    return score, t.say("availability_fit." + key)


CRITERION_FUNCTIONS: dict[str, Callable[[Candidate, SchoolNeeds, Texts | None],
                                         tuple[float, str]]] = {
    "concern_themes": concern_themes,
    "concern_evidence": concern_evidence,
    "evidence_level": evidence_level,
    "pedagogical_fit": pedagogical_fit,
    "levels": levels,
    "cost": cost,
    "training": training,
    "availability": availability,
}
NOT_APPLICABLE_TEXT = {
    "concern_themes": "themes.na", "concern_evidence": "evidence.na",
    "pedagogical_fit": "pedagogy.na", "cost": "cost.na", "training": "training.na",
}
assert set(CRITERION_FUNCTIONS) == set(CRITERIA)


def warnings_for(c: Candidate, needs: SchoolNeeds, t: Texts) -> list[dict[str, Any]]:
    profile = needs.profile
    warnings: list[dict[str, Any]] = []
    # The verdict first: it is what the school asked; the findings behind it follow.
    for concern in needs.concerns:
        verdict = c.verdict(concern)
        if verdict in ("no_effect", "negative"):
            warnings.append({"code": f"{verdict}_verdict_on_concern", "concern": concern,
                             "verdict": verdict,
                             "message": t.say(f"warn.verdict.{verdict}",
                                              concern=t.label("themes", concern).lower())})
    for finding, concern in unfavourable_findings(c, needs):
        kind = finding["finding"]
        warnings.append({
            "code": f"{kind}_on_concern_outcome", "finding": kind,
            "outcome": finding["outcome"], "study": finding["study"], "concern": concern,
            "message": t.say(f"warn.{kind}", study=capitalised(study_reference(
                                 finding["citation"], finding["year"], t.lang)),
                             outcome=t.label("outcomes", finding["outcome"]).lower(),
                             concern=t.label("themes", concern).lower()),
        })
    if profile.budget is not None:
        check = cost_in_budget_terms(c.cost, profile.budget, profile.school_size)
        if not check.known:
            code = "cost_on_request" if c.price_on_request else "cost_unknown"
            warnings.append({"code": code, "message": t.say("warn." + code)})
        elif check.converted is None and c.cost is not None:
            warnings.append({"code": "cost_not_comparable", "missing": check.missing_size,
                             "message": t.say("warn.cost_not_comparable",
                                              cost=t.cost(c.cost.amount_eur, c.cost.per,
                                                          c.cost.period),
                                              missing=f"'{check.missing_size}'")})
    if c.available_nl is False:
        warnings.append({"code": "not_available_in_nl",
                         "message": t.say("warn.not_available_in_nl")})
    if profile.max_training_hours is not None and c.training_hours is None:
        warnings.append({"code": "training_unknown", "message": t.say("warn.training_unknown")})
    if profile.pupil_ages is not None and not c.has_age_range:
        warnings.append({"code": "age_range_unknown",
                         "message": t.say("warn.age_range_unknown")})
    for concern in needs.concerns:
        if concern in c.themes and not reaches(c, needs, concern):
            warnings.append({"code": "signal_out_of_reach", "concern": concern,
                             "message": t.say("warn.signal_out_of_reach",
                                              concern=t.label("themes", concern),
                                              group=_signal_groups(needs, concern, t),
                                              ages=_ages_text(c, t))})
    return warnings


def score(c: Candidate, needs: SchoolNeeds, weights: dict[str, float],
          t: Texts | None = None) -> Scored:
    """Score a candidate; with ``t`` also explain it (sentences and warnings).

    Ranking needs only the numbers, so the service scores every eligible entry without
    texts and explains only the ones it returns or plans (same function, same numbers).
    """
    applies = needs.applies or applicable(needs)
    fits: list[Fit] = []
    parts: list[float] = []
    for criterion in CRITERIA:
        if applies[criterion]:
            value, text = CRITERION_FUNCTIONS[criterion](c, needs, t)
            fit = Fit(criterion, True, value, text, weights[criterion])
            parts.append(weights[criterion] * value)
        else:
            fit = Fit(criterion, False, NOT_APPLICABLE_SCORE,
                      t.say(NOT_APPLICABLE_TEXT[criterion]) if t else "", 0.0)
        fits.append(fit)
    warnings = warnings_for(c, needs, t) if t else []
    return Scored(c, fsum(parts), fits if t else [], warnings, explained=t is not None)


class Ranking(list[Scored]):
    """Every eligible entry scored, best first; ties by id, so the order is deterministic."""

    def __init__(self, scored: Iterable[Scored]) -> None:
        super().__init__(sorted(scored, key=lambda s: (-round(s.score, SCORE_DECIMALS),
                                                       s.candidate.id)))
        self._rank = {s.candidate.id: rank for rank, s in enumerate(self, start=1)}

    def rank_of(self, entry_id: str) -> int | None:
        """1 for the best; None when the entry is not eligible."""
        return self._rank.get(entry_id)

    def get(self, entry_id: str) -> Scored | None:
        rank = self._rank.get(entry_id)
        return None if rank is None else self[rank - 1]
