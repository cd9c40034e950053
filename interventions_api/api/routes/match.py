"""POST /v1/match: which interventions fit this school."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...match.markdown import render_markdown
from ...match.profile import MatchProfile
from ...match.service import match as run_match
from ..bodies import json_body, read_json_body
from ..deps import SettingsDep
from ..schemas import MatchResponse, Problem

router = APIRouter(prefix="/v1", tags=["match"])

MARKDOWN = "text/markdown"


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


def _quality(accept: str, media_types: tuple[str, ...]) -> float:
    best = 0.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0].lower() not in media_types:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def wants_markdown(accept: str | None) -> bool:
    """Markdown only when asked for by name and preferred over JSON."""
    if not accept:
        return False
    markdown = _quality(accept, (MARKDOWN, "text/*"))
    json = _quality(accept, ("application/json", "application/*", "*/*"))
    return markdown > 0 and markdown >= json and _quality(accept, (MARKDOWN,)) > 0


@router.post(
    "/match",
    response_model=MatchResponse,
    openapi_extra=OPENAPI_BODY,
    responses={
        200: {"content": {MARKDOWN: {"schema": {"type": "string"}}},
              "description": "Ranked, explained matches and a plan per level; with "
                             "`Accept: text/markdown` the plan as a safety-plan section."},
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

    Send `Accept: text/markdown` for the plan as a section to paste into the school's
    safety plan (veiligheidsplan). Weights and a worked example: docs/matching.md.
    """
    body = await read_json_body(request, "the school profile")
    result = await run_in_threadpool(run_match, settings.db_path, body)
    if wants_markdown(request.headers.get("accept")):
        return Response(render_markdown(result), media_type=f"{MARKDOWN}; charset=utf-8",
                        headers={"Vary": "Accept"})
    response.headers["Vary"] = "Accept"
    return result.as_dict()
