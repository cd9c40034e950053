"""Every tunable number and editorial mapping of the match, in ONE place.

``docs/matching.md`` explains each of them; a test checks that the document's worked
example was produced by this code, so change the numbers here and regenerate the example
(``python -m devtools.match_example --write``), never by hand.
"""

from __future__ import annotations

from typing import Final

from ..effects import CONCERN_OUTCOMES as EFFECT_CONCERN_OUTCOMES

# --- soft criteria -------------------------------------------------------------------
# Base weight of each criterion. A criterion the profile gives no input for (no concerns,
# no approaches and no school concept, no budget, no training limit) does not apply; the
# weights of the criteria that apply are rescaled to sum to 1, so a match's score is
# always sum(weight * score) over its fit entries.
WEIGHTS: Final[dict[str, float]] = {
    "concern_themes": 0.25,     # does it address what worries the school?
    "concern_evidence": 0.20,   # was an effect shown on the outcomes behind those worries?
    "evidence_level": 0.15,     # the common evidence level (registries' verdicts)
    "pedagogical_fit": 0.15,    # approaches and school concept
    "levels": 0.15,             # individual / class / school, as the school wants them
    "cost": 0.05,               # only with a budget
    "training": 0.05,           # only with max_training_hours
    "availability": 0.05,       # can a Dutch school get it now (availability.nl)?
}
CRITERIA: Final[tuple[str, ...]] = tuple(WEIGHTS)

# Score given to a criterion that does not apply (weight 0, so it never counts).
NOT_APPLICABLE_SCORE: Final = 0.5

# --- concern evidence ------------------------------------------------------------------
# The criterion's score is the concern-weighted mean of the entry's effect verdicts on the
# school's concerns (effects.py, computed at load): a programme shown to work scores 1, one
# that was not studied sits between, and one where studies found no effect or harm scores
# below it — being studied more never lowers a score as long as the body of evidence says
# it works.
VERDICT_SCORE: Final[dict[str, float]] = {
    "positive": 1.0, "mixed": 0.6, "not_studied": 0.35, "no_effect": 0.15, "negative": 0.0,
}

# --- concern themes ---------------------------------------------------------------------
# A concern the intervention addresses counts this much when a monitor signal locates the
# concern in an age group that the intervention's age range does not reach.
OUT_OF_REACH_CREDIT: Final = 0.5

# --- monitor signals ---------------------------------------------------------------------
# A concern named in the profile weighs 1. A monitor result raises the weight of the
# concerns it points to by SIGNAL_BOOST * strength, strength in 0..1:
# - with a reference share (e.g. the national or the school board's figure):
#   (share - reference) / reference, clipped to 0..1 (at twice the reference: full);
# - without one: share / FULL_SIGNAL_SHARE, clipped to 0..1.
# A concern that only the monitor points to is added with weight SIGNAL_BOOST * strength.
SIGNAL_BOOST: Final = 2.0
FULL_SIGNAL_SHARE: Final = 0.5

# --- cost and training ---------------------------------------------------------------------
# Known cost within budget: 1 - COST_SLOPE * cost / budget (free = 1, the whole budget =
# 1 - COST_SLOPE). Unknown or incomparable cost: UNKNOWN_COST_SCORE, a little below the
# dearest known cost within budget, because the school cannot plan with it.
COST_SLOPE: Final = 0.5
UNKNOWN_COST_SCORE: Final = 0.4
TRAINING_SLOPE: Final = 0.5
UNKNOWN_TRAINING_SCORE: Final = 0.4
# availability.nl true / unknown / false. Unknown sits between: most entries do not say yet,
# and "unknown" must not read as "not available".
AVAILABILITY_SCORE: Final[dict[bool | None, float]] = {True: 1.0, None: 0.5, False: 0.0}

# --- evidence level -------------------------------------------------------------------------
# The common scale is ordered lowest first. Its two lowest levels (not assessed,
# insufficient) both score 0: neither says that the intervention works. Above them the
# score rises linearly to 1 at the highest level.
EVIDENCE_ZERO_LEVELS: Final = 2

# --- what counts as evidence for a concern --------------------------------------------------
# The outcomes behind each concern are those of the effect verdicts (effects.py), so the
# match and the verdicts a school sees read the same findings.
CONCERN_OUTCOMES: Final[dict[str, tuple[str, ...]]] = EFFECT_CONCERN_OUTCOMES

# --- monitor indicators ---------------------------------------------------------------------
# What a yearly pupil survey reports, and the concerns (theme keys) each indicator points to.
MONITOR_INDICATORS: Final[dict[str, tuple[str, ...]]] = {
    "bullied": ("bullying",),
    "bullying_others": ("bullying",),
    "cyberbullied": ("cyberbullying",),
    "cyberbullying_others": ("cyberbullying",),
    "unsafe": ("school_climate",),
    "low_wellbeing": ("wellbeing",),
    "discriminated": ("discrimination",),
    "physical_violence": ("violence_prevention",),
    "sexual_harassment": ("sexual_boundaries",),
}

# --- the plan -----------------------------------------------------------------------------
PLAN_LEVELS: Final[tuple[str, ...]] = ("school", "class", "individual")  # order of filling
OUTPUT_LEVELS: Final[tuple[str, ...]] = ("individual", "class", "school")
# At most this many new interventions are added per level (the plan stays small).
MAX_NEW_PER_LEVEL: Final = 2
# An intervention is a whole-school programme when it has this approach and works at the
# school level; two of them "do the same job" when they share a theme the school is
# concerned about (or, without concerns, any theme).
WHOLE_SCHOOL_APPROACH: Final = "whole_school"
