"""Does it work on what worries the school? One verdict per concern, from the findings.

A *concern* is a theme key (bullying, cyberbullying, school_climate, …); the outcomes
whose findings speak to it are in ``CONCERN_OUTCOMES``. For each concern every entry gets
``positive``, ``mixed``, ``no_effect``, ``negative`` or ``not_studied``, with the number of
studies and the strongest design behind it. The load computes it once and stores it in
the entry's document (``evidence.effects``), in SQLite (``intervention_effects``) and in
the Meilisearch document; nothing here runs per request except the wording.

The rules follow how clearinghouses weigh a body of evidence (What Works Clearinghouse,
EIF, Blueprints; see docs/evidence.md, whose worked examples this code generates):

1. Each study counts once per concern. Its result on the concern is the combination of
   its findings on the concern's outcomes: any unfavourable finding makes it
   ``negative`` (harm is never averaged away); all favourable: ``positive``; all null:
   ``no_effect``; anything else: ``mixed``.
2. Each study has a weight: design × sample size × country × recency (the tables below).
   A stronger, larger, Dutch, recent study counts more than a weaker, smaller, foreign or
   old one, so one well-powered positive trial is not cancelled by a smaller null one.
3. The verdict compares the summed weights per result:
   - ``negative`` when the weight of harmful results is at least that of favourable ones;
   - ``positive`` when favourable results outweigh all others together and no study found
     harm (Blueprints asks for "no evidence of harmful effects");
   - ``no_effect`` when null results outweigh favourable and mixed ones together (and
     none found harm);
   - ``mixed`` otherwise;
   - ``not_studied`` without any finding on the concern's outcomes.
   The studies behind every result stay listed, so a null or harmful finding shows in the
   summary even when the verdict is positive.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from .freshness import study_year

_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

VERDICTS: Final[tuple[str, ...]] = ("positive", "mixed", "no_effect", "negative",
                                    "not_studied")
# Order of ``sort=effect`` and of the match: positive first, then mixed; an entry that was
# not studied ranks above one where a study found no effect or harm.
VERDICT_RANK: Final[dict[str, int]] = {
    "positive": 4, "mixed": 3, "not_studied": 2, "no_effect": 1, "negative": 0,
}

# Editorial mapping from a concern (a theme key) to the outcome keys whose findings show
# whether an intervention helps with it. Keys missing from the loaded vocabularies never
# match a finding, so editors can rename terms without breaking anything. Cyberbullying is
# a form of bullying, so a bullying concern also looks at cyberbullying outcomes.
CONCERN_OUTCOMES: Final[dict[str, tuple[str, ...]]] = {
    "bullying": ("bullying_victimisation", "bullying_perpetration",
                 "cyberbullying_victimisation", "cyberbullying_perpetration"),
    "cyberbullying": ("cyberbullying_victimisation", "cyberbullying_perpetration"),
    "social_emotional_skills": ("social_emotional_skills",),
    "classroom_behaviour": ("behaviour_problems", "task_behaviour"),
    "resilience": ("internalising_problems", "help_seeking"),
    "sexual_boundaries": ("sexual_violence",),
    "relationships_sexuality": ("sexual_health", "dating_violence", "sexual_violence"),
    "discrimination": ("social_acceptance",),
    "trauma": ("internalising_problems",),
    "conflict_resolution": ("aggression",),
    "school_climate": ("class_climate", "wellbeing"),
    "group_dynamics": ("class_climate", "social_acceptance", "bystander_behaviour"),
    "wellbeing": ("wellbeing", "internalising_problems"),
    "violence_prevention": ("aggression", "behaviour_problems"),
}
CONCERNS: Final[tuple[str, ...]] = tuple(CONCERN_OUTCOMES)

# --- the weight of one study ----------------------------------------------------------------
# Design, strongest first (the order also picks ``best_design``). A meta-analysis of the
# programme's own trials counts like the best trial; designs that cannot show an effect
# (no comparison at all) weigh nothing but are still counted and listed.
DESIGN_WEIGHT: Final[dict[str, float]] = {
    "meta_analysis": 1.0,
    "cluster_rct": 1.0,
    "rct": 0.9,
    "quasi_experimental": 0.6,
    "pre_post": 0.25,
    "single_case": 0.2,
    "cross_sectional": 0.1,
    "case_study": 0.0,
    "qualitative": 0.0,
}
DESIGN_ORDER: Final[tuple[str, ...]] = tuple(DESIGN_WEIGHT)
# Sample size: sqrt(n / FULL_POWER_N), between MIN_SIZE_FACTOR and 1 — a trial of about
# a thousand pupils is well powered for school outcomes; an unpublished n counts as a
# middling study, neither rewarded nor punished much.
FULL_POWER_N: Final = 1000
MIN_SIZE_FACTOR: Final = 0.3
UNKNOWN_SIZE_FACTOR: Final = 0.6
# Country: a Dutch study tells most about Dutch schools.
HOME_COUNTRY: Final = "NL"
HOME_COUNTRY_FACTOR: Final = 1.0
OTHER_COUNTRY_FACTOR: Final = 0.7
UNKNOWN_COUNTRY_FACTOR: Final = 0.6
# Recency, counted from the entry's last review (so that a verdict does not change by
# itself while nobody looked): full weight up to RECENT_YEARS old, then down linearly to
# OLD_FACTOR at OLD_YEARS; undated studies count as old.
RECENT_YEARS: Final = 10
OLD_YEARS: Final = 25
OLD_FACTOR: Final = 0.5


def design_rank(design: str) -> int:
    """Lower is stronger; unknown designs rank last."""
    return DESIGN_ORDER.index(design) if design in DESIGN_ORDER else len(DESIGN_ORDER)


def size_factor(n: int | None) -> float:
    if n is None:
        return UNKNOWN_SIZE_FACTOR
    return max(MIN_SIZE_FACTOR, min(1.0, math.sqrt(n / FULL_POWER_N)))


def country_factor(country: str | None) -> float:
    if country is None:
        return UNKNOWN_COUNTRY_FACTOR
    return HOME_COUNTRY_FACTOR if country == HOME_COUNTRY else OTHER_COUNTRY_FACTOR


def recency_factor(year: int | None, reviewed_year: int) -> float:
    if year is None:
        return OLD_FACTOR
    age = reviewed_year - year
    if age <= RECENT_YEARS:
        return 1.0
    if age >= OLD_YEARS:
        return OLD_FACTOR
    return 1.0 - (1.0 - OLD_FACTOR) * (age - RECENT_YEARS) / (OLD_YEARS - RECENT_YEARS)


def study_weight(study: Mapping[str, Any], reviewed_year: int) -> dict[str, float]:
    """The factors of one study's weight and their product (``weight``)."""
    year, _source = study_year(dict(study))
    factors = {
        "design": DESIGN_WEIGHT.get(study.get("design", ""), 0.0),
        "size": size_factor(study.get("n")),
        "country": country_factor(study.get("country")),
        "recency": recency_factor(year, reviewed_year),
    }
    factors["weight"] = round(math.prod(factors.values()), 4)
    return factors


def study_result(findings: list[str]) -> str:
    """One study's result on a concern, from its findings on the concern's outcomes."""
    kinds = set(findings)
    if "negative" in kinds:
        return "negative"
    if kinds == {"positive"}:
        return "positive"
    if kinds == {"no_effect"}:
        return "no_effect"
    return "mixed"


def verdict_of(weights: Mapping[str, float], studied: bool) -> str:
    """The verdict from the summed study weights per result (rule 3 of the module)."""
    if not studied:
        return "not_studied"
    positive, mixed = weights.get("positive", 0.0), weights.get("mixed", 0.0)
    null, negative = weights.get("no_effect", 0.0), weights.get("negative", 0.0)
    has_harm = "negative" in weights
    if has_harm and negative >= positive:
        return "negative"
    if not has_harm and positive > mixed + null:
        return "positive"
    if not has_harm and null > positive + mixed:
        return "no_effect"
    return "mixed"


def concern_effect(evidence: Mapping[str, Any], concern: str,
                   reviewed_year: int) -> dict[str, Any]:
    """The stored effect of one entry on one concern.

    ``evidence`` is the ``evidence`` of a stored document (outcomes and studies, as JSON).
    Keys: verdict, rank, studies (count), best_design (or None), weights (summed per
    result) and results (each study behind the verdict, strongest first).
    """
    outcomes = set(CONCERN_OUTCOMES.get(concern, ()))
    studies: Mapping[str, Mapping[str, Any]] = evidence.get("studies", {})
    per_study: dict[str, list[str]] = {}
    for finding in evidence.get("outcomes", []):
        if finding["outcome"] in outcomes:
            per_study.setdefault(finding["study"], []).append(finding["finding"])
    results: list[dict[str, Any]] = []
    weights: dict[str, float] = {}
    for key, findings in per_study.items():
        study = studies.get(key, {})
        factors = study_weight(study, reviewed_year)
        result = study_result(findings)
        weights[result] = round(weights.get(result, 0.0) + factors["weight"], 4)
        results.append({"study": key, "result": result, "design": study.get("design"),
                        "country": study.get("country"), "n": study.get("n"),
                        "year": study_year(dict(study))[0], "weight": factors["weight"]})
    results.sort(key=lambda r: (design_rank(r["design"] or ""), -r["weight"], r["study"]))
    verdict = verdict_of(weights, bool(results))
    return {
        "verdict": verdict,
        "rank": VERDICT_RANK[verdict],
        "studies": len(results),
        "best_design": results[0]["design"] if results else None,
        "weights": dict(sorted(weights.items())),
        "results": results,
    }


def entry_effects(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every concern's effect for one stored document (what the load stores)."""
    reviewed_year = int(str(document["reviewed"])[:4])
    evidence = document.get("evidence", {})
    return {concern: concern_effect(evidence, concern, reviewed_year) for concern in CONCERNS}


def verdict(document: Mapping[str, Any], concern: str) -> str:
    """The stored verdict of a document on a concern (``not_studied`` when absent)."""
    effect = document.get("evidence", {}).get("effects", {}).get(concern)
    return str(effect["verdict"]) if effect else "not_studied"


def topic_concern(text: str, theme_labels: Mapping[str, tuple[str, ...]],
                  synonyms: Mapping[str, list[str]]) -> str | None:
    """The concern a search query is about, when the whole query names one: a theme's
    label in either language ("pesten", "Online pesten") or a synonym of one
    ("cyberpesten"). ``theme_labels``: concern → its labels. A programme's name is never a
    topic, so a name query keeps its own order."""
    words = " ".join(_WORDS.findall(text.casefold()))
    if not words:
        return None
    candidates = {words, *(term.casefold() for term in synonyms.get(words, []))}
    for concern in CONCERNS:
        labels = {" ".join(_WORDS.findall(label.casefold()))
                  for label in theme_labels.get(concern, ())}
        if candidates & labels:
            return concern
    return None
