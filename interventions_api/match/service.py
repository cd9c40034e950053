"""The match: a school profile in; ranked, explained matches and a three-level plan out.

Reads only through ``db.repository`` (never the YAML). Deterministic: every list is built
in a fixed order and ties are broken by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db.repository import Repository, connect
from ..query import DEFAULT_CONCERN
from ..services.catalogue_context import CatalogueContext, catalogue_context
from ..services.presenters import present_effects, present_ratings
from ..texts import Texts
from . import plan as plan_module
from .candidates import CONSTRAINTS, Candidate, first_failed
from .index import MatchIndex, match_index
from .needs import SchoolNeeds, derive_needs
from .profile import MatchProfile, parse_profile
from .scoring import SCORE_DIGITS, Ranking, Scored, applicable, effective_weights, score
from .weights import WEIGHTS


@dataclass
class MatchResult:
    profile: MatchProfile
    needs: SchoolNeeds
    texts: Texts
    context: CatalogueContext
    ranked: Ranking                       # every eligible entry, best first
    current: list[Scored]                 # the school's current interventions, profile order
    choice: plan_module.PlanChoice
    plan: dict[str, Any]
    excluded: dict[str, int]
    total_entries: int
    weights: dict[str, float]
    documents: dict[str, dict[str, Any]]  # of returned matches and of the plan

    def as_dict(self) -> dict[str, Any]:
        matches = [present_match(s, rank, self) for rank, s in
                   enumerate(self.ranked[: self.profile.limit], start=1)]
        return {
            "matches": matches,
            "plan": self.plan,
            "excluded": self.excluded,
            "meta": {
                "catalogue_version": self.context.version,
                "lang": self.profile.lang,
                "total_entries": self.total_entries,
                "eligible": len(self.ranked),
                "returned": len(matches),
                "weights": {k: round(v, 4) for k, v in self.weights.items()},
                "base_weights": dict(WEIGHTS),
                "concern_weights": {k: round(v, 4)
                                    for k, v in self.needs.concern_weights.items()},
                "profile": self.profile.model_dump(mode="json", exclude_none=True),
            },
        }


def present_match(s: Scored, rank: int, result: MatchResult) -> dict[str, Any]:
    c = s.candidate
    document = result.documents.get(c.id, {})
    summary = document.get("summary", {})
    lang = result.profile.lang
    effects = present_effects(document, result.context, lang)
    concern = next(iter(result.needs.concerns), DEFAULT_CONCERN)
    return {
        "id": c.id,
        "name": c.name,
        "score": round(s.score, SCORE_DIGITS),
        "rank": rank,
        "current": c.current,
        "summary": summary.get(lang) or summary.get("nl"),
        "status": c.status,
        # The verdicts on the school's concerns first: they answer its question; the
        # registries' rating follows, with what it was about when that is not the concern.
        "effects": {k: effects[k] for k in result.needs.concerns if k in effects},
        "ratings": present_ratings(document, result.context, lang, concern),
        "evidence_level": c.evidence_level,
        "evidence_level_label": result.texts.level_label(c.evidence_level),
        "school_types": document.get("school_types", []),
        "levels": c.levels,
        "themes": c.themes,
        "approaches": c.approaches,
        "age_range": ({"min": c.age_min, "max": c.age_max} if c.has_age_range else None),
        "training_hours": c.training_hours,
        "cost": document.get("implementation", {}).get("cost"),
        "fit": [fit.as_dict() for fit in s.fit],
        "warnings": s.warnings,
        "url": f"/v1/interventions/{c.id}",
    }


def validation_context(index: MatchIndex, context: CatalogueContext) -> dict[str, Any]:
    return {
        "vocabularies": context.vocabularies,
        "evidence_levels": context.evidence_scale.order,
        "intervention_ids": index.ids,
    }


def match(db_path: Path, body: bytes | str) -> MatchResult:
    """Validate the profile against the loaded catalogue, then match."""
    context = catalogue_context(db_path)
    index = match_index(db_path)
    profile = parse_profile(body, validation_context(index, context))
    with connect(db_path) as conn:
        return run_match(index, Repository(conn), context, profile)


def run_match(index: MatchIndex, repo: Repository, context: CatalogueContext,
              profile: MatchProfile) -> MatchResult:
    scale = context.evidence_scale
    current_ids = set(profile.current_interventions)
    min_rank = scale.rank(profile.min_evidence) if profile.min_evidence else None
    candidates = [Candidate(entry, entry.id in current_ids,
                            first_failed(entry, entry.id in current_ids, profile, min_rank))
                  for entry in index.entries]

    needs = derive_needs(profile, context.vocabularies, len(scale.order))
    needs.applies = applicable(needs)
    texts = Texts(profile.lang, context.vocabularies, scale)
    weights = effective_weights(needs)
    ranked = Ranking(score(c, needs, weights) for c in candidates if c.failed is None)
    # The school's current interventions, in profile order; those that fail a constraint
    # are scored too (they are in the plan all the same).
    by_id = {c.id: c for c in candidates}
    current_scored = [ranked.get(cid) or score(by_id[cid], needs, weights)
                      for cid in profile.current_interventions if cid in by_id]
    choice = plan_module.choose(ranked, current_scored, needs)
    shown = ranked[: profile.limit]

    # Explain (sentences, warnings) only what is returned or planned.
    for target in {s.candidate.id: s for s in [*shown, *choice.selected]}.values():
        explained = score(target.candidate, needs, weights, texts)
        target.fit, target.warnings, target.explained = (explained.fit, explained.warnings,
                                                         True)
    for s in current_scored:
        _current_warnings(s, texts)

    documents = repo.documents(sorted({s.candidate.id for s in [*shown, *choice.selected]}))
    view = plan_module.CatalogueView(candidates)
    plan = plan_module.render(choice, ranked, needs, texts, documents, view)
    return MatchResult(
        profile=profile, needs=needs, texts=texts, context=context, ranked=ranked,
        current=current_scored, choice=choice, plan=plan,
        excluded={name: sum(1 for c in candidates if c.failed == name)
                  for name in CONSTRAINTS},
        total_entries=len(index.entries), weights=weights, documents=documents,
    )


def _current_warnings(s: Scored, t: Texts) -> None:
    c = s.candidate
    if c.failed == "status":
        s.warnings.insert(0, {"code": "discontinued", "message": t.say("warn.discontinued")})
    elif c.failed:
        s.warnings.insert(0, {"code": "not_eligible", "constraint": c.failed,
                              "message": t.say("warn.not_eligible",
                                               constraint=t.say("constraint." + c.failed))})
