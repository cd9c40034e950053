"""POST /v1/plan: the school's safety-plan chapter on social safety, as a document."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...errors import NotAcceptable
from ...plan.docx import FILENAME, render_docx
from ...plan.docx import MEDIA_TYPE as DOCX
from ...plan.html import render_html
from ...plan.markdown import render_markdown
from ...plan.request import PlanRequest
from ...plan.service import plan as write_plan
from ..content import json_body, negotiate, read_json_body
from ..deps import SettingsDep
from ..schemas import PlanDocument, Problem

router = APIRouter(prefix="/v1", tags=["plan"])

JSON, MARKDOWN, HTML = "application/json", "text/markdown", "text/html"
OFFERED = (JSON, MARKDOWN, HTML, DOCX)  # JSON when the client does not mind

# A school in its third year of monitoring: two earlier surveys and the latest one.
PLAN_EXAMPLE: dict[str, Any] = {
    "school_type": "po", "ages": {"min": 8, "max": 12},
    "concerns": ["bullying", "cyberbullying"], "approaches": ["restorative"],
    "school_concept": "jenaplan",
    "current_interventions": ["kanjertraining"], "in_use_since": {"kanjertraining": 2019},
    "school_size": {"pupils": 240, "classes": 10, "teachers": 14},
    "monitor": {"year": 2025, "source": "Vensters leerlingvragenlijst", "results": [
        {"indicator": "bullied", "share": 0.15, "reference": 0.1,
         "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 112},
        {"indicator": "cyberbullied", "share": 0.08, "reference": 0.05,
         "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 112}]},
    "earlier_surveys": [
        {"year": 2023, "source": "Vensters leerlingvragenlijst", "results": [
            {"indicator": "bullied", "share": 0.12, "reference": 0.1,
             "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 108},
            {"indicator": "cyberbullied", "share": 0.05, "reference": 0.05,
             "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 108}]},
        {"year": 2024, "source": "Vensters leerlingvragenlijst", "results": [
            {"indicator": "bullied", "share": 0.13, "reference": 0.1,
             "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 115},
            {"indicator": "cyberbullied", "share": 0.07, "reference": 0.05,
             "school_years": {"system": "groep", "min": 5, "max": 8}, "respondents": 115}]}],
    "lang": "nl",
}
OPENAPI_BODY = json_body(PlanRequest, PLAN_EXAMPLE)
TEXT = {"schema": {"type": "string"}}


@router.post(
    "/plan",
    response_model=PlanDocument,
    openapi_extra=OPENAPI_BODY,
    responses={
        200: {"content": {MARKDOWN: TEXT, HTML: TEXT,
                          DOCX: {"schema": {"type": "string", "format": "binary"}}},
              "description": "The plan: JSON (the document), Markdown, a standalone "
                             "printable HTML page, or a Word file, by `Accept`."},
        406: {"model": Problem, "description": "`Accept` names none of the four formats."},
        413: {"model": Problem, "description": "The body is larger than 64 KiB."},
        415: {"model": Problem, "description": "The body is not `application/json`."},
        422: {"model": Problem, "description": "The profile is not valid; `errors` names "
                                               "each bad field and what is allowed."},
    },
)
async def plan(request: Request, response: Response, settings: SettingsDep) -> Any:
    """The school's safety-plan chapter on social safety (veiligheidsplan).

    The body is the profile of `POST /v1/match`, plus the school's `earlier_surveys`
    (pupil surveys of years before `monitor`, which they need) and `in_use_since` (since
    which year it runs each of its `current_interventions`). The plan follows the four
    points of the sector's action plan — a school-wide approach on three levels (pupil,
    class, school) with who monitors the policy and who is the contact person; norms and
    values; teachers' skills (the training the chosen programmes ask); interventions that
    fit the school, with why and what research says about its concerns — then the legal
    duties of the Wet veiligheid op school, the monitor results, and the sources. It is
    written in the school's own voice, in `lang`; what only the school knows is a
    placeholder to fill in. A programme the school runs that research found no effect of
    on one of its concerns gets advice.

    By `Accept`: `application/json` (default; the document, block by block),
    `text/markdown`, `text/html` (a standalone printable page), or
    `application/vnd.openxmlformats-officedocument.wordprocessingml.document` (Word).
    For schools: docs/plan.md.

    Refused (422) beyond what the schema says, because JSON Schema cannot state it:
    `earlier_surveys` without `monitor`, or with a year not before `monitor.year` or given
    twice; an indicator given twice for the same group in one survey; an `in_use_since`
    key not in `current_interventions`, or a year after `monitor.year`.
    """
    media = negotiate(request.headers.get("accept"), OFFERED)
    if media is None:
        raise NotAcceptable(OFFERED)
    body = await read_json_body(request, "the school profile")
    document = await run_in_threadpool(write_plan, settings.db_path, body)
    headers = {"Vary": "Accept"}
    if media == MARKDOWN:
        return Response(render_markdown(document), media_type=f"{MARKDOWN}; charset=utf-8",
                        headers=headers)
    if media == HTML:
        return Response(render_html(document), media_type=f"{HTML}; charset=utf-8",
                        headers=headers)
    if media == DOCX:
        content = await run_in_threadpool(render_docx, document)
        return Response(content, media_type=DOCX, headers={
            **headers, "Content-Disposition": f'attachment; filename="{FILENAME}"'})
    response.headers.update(headers)
    return document
