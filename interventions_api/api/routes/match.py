"""POST /v1/match: which interventions fit this school."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...errors import NotAcceptable
from ...match.profile import MatchProfile
from ...match.service import match as run_match
from ..content import json_body, negotiate, read_json_body
from ..deps import SettingsDep
from ..schemas import MatchResponse, Problem

router = APIRouter(prefix="/v1", tags=["match"])

# One representation: the plan as a document (Markdown, HTML, Word) is POST /v1/plan.
OFFERED = ("application/json",)


PROFILE_EXAMPLE = {
    "school_type": "po", "ages": {"min": 8, "max": 12},
    "concerns": ["bullying", "cyberbullying"],
    "approaches": ["restorative", "democratic_citizenship"], "school_concept": "jenaplan",
    "levels": ["individual", "class", "school"], "current_interventions": ["taakspel"],
    "min_evidence": "first_indications",
    "budget": {"max_eur": 3000, "per": "school", "period": "year"},
    "max_training_hours": 16,
    "monitor": {"year": 2025, "source": "leerlingvragenlijst",
                "results": [{"indicator": "cyberbullied", "share": 0.14, "reference": 0.08,
                             "school_years": {"system": "groep", "min": 7, "max": 8}}]},
    "lang": "nl", "limit": 10,
}
OPENAPI_BODY = json_body(MatchProfile, PROFILE_EXAMPLE)


@router.post(
    "/match",
    response_model=MatchResponse,
    openapi_extra=OPENAPI_BODY,
    responses={
        200: {"description": "Ranked, explained matches and a plan per level."},
        406: {"model": Problem, "description": "`Accept` does not allow JSON (the plan "
                                               "as Markdown, HTML or Word: POST /v1/plan)."},
        413: {"model": Problem, "description": "The body is larger than 64 KiB."},
        415: {"model": Problem, "description": "The body is not `application/json`."},
        422: {"model": Problem, "description": "The profile is not valid; `errors` names "
                                               "each bad field and what is allowed."},
    },
)
async def match(request: Request, response: Response, settings: SettingsDep) -> Any:
    """Match a school profile against the catalogue.

    The body is a school profile; only `school_type` is required. Hard constraints
    (status active, school type, age overlap, `min_evidence`, `budget` where the cost is
    known, `max_training_hours`) rule entries out, and `excluded` counts each entry under
    the first constraint it fails. The rest are scored on weighted criteria (concerns
    against themes and against study outcomes, evidence level, pedagogical fit with the
    approaches and school concept, levels, cost, training); `fit` explains each in `lang`,
    `warnings` flag no-effect or unfavourable findings on the outcomes behind a concern,
    unknown cost and more. Monitor results (`monitor.results`: share of pupils bullied,
    cyberbullied, feeling unsafe, … per age group or school year) raise the weight of the
    concerns they point to. `plan` says for each level — `individual`, `class`, `school` —
    what covers it, the school's current interventions first, or why nothing fits. The
    same profile always gives the same answer (ties broken by id).

    The answer is JSON only (an `Accept` without it is a 406); the same profile as the
    school's safety-plan chapter (Markdown, HTML or Word) is `POST /v1/plan`. Weights and
    a worked example: docs/matching.md.
    """
    if negotiate(request.headers.get("accept"), OFFERED) is None:
        raise NotAcceptable(OFFERED)
    body = await read_json_body(request, "the school profile")
    result = await run_in_threadpool(run_match, settings.db_path, body)
    response.headers["Vary"] = "Accept"
    return result.as_dict()
