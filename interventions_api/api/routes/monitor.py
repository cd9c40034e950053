"""POST /v1/monitor: how a school's pupil-survey figures developed over the years."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from ...monitor.models import MonitorReport, MonitorRequest
from ...monitor.service import monitor as run_monitor
from ..content import json_body, read_json_body
from ..deps import SettingsDep
from ..schemas import Problem

router = APIRouter(prefix="/v1", tags=["monitor"])

# Three years of a primary school's survey (groep 5–8) with the national figure as the
# reference, and two programmes with the year they came into use. Shares are made up for
# the example; the ids are catalogue entries.
MONITOR_EXAMPLE: dict[str, Any] = {
    "lang": "nl",
    "surveys": [
        {"year": 2023, "source": "Vensters leerlingvragenlijst", "results": [
            {"indicator": "bullied", "share": 0.14, "reference": 0.09, "respondents": 212,
             "school_years": {"system": "groep", "min": 5, "max": 8}},
            {"indicator": "unsafe", "share": 0.06, "reference": 0.05, "respondents": 212,
             "school_years": {"system": "groep", "min": 5, "max": 8}}]},
        {"year": 2024, "source": "Vensters leerlingvragenlijst", "results": [
            {"indicator": "bullied", "share": 0.12, "reference": 0.09, "respondents": 205,
             "school_years": {"system": "groep", "min": 5, "max": 8}},
            {"indicator": "unsafe", "share": 0.07, "reference": 0.05, "respondents": 205,
             "school_years": {"system": "groep", "min": 5, "max": 8}}]},
        {"year": 2025, "source": "Vensters leerlingvragenlijst", "results": [
            {"indicator": "bullied", "share": 0.09, "reference": 0.08, "respondents": 219,
             "school_years": {"system": "groep", "min": 5, "max": 8}},
            {"indicator": "unsafe", "share": 0.06, "reference": 0.05, "respondents": 219,
             "school_years": {"system": "groep", "min": 5, "max": 8}}]},
    ],
    "interventions": [{"id": "kiva", "since": 2023}, {"id": "taakspel", "since": 2024}],
}


@router.post(
    "/monitor",
    response_model=MonitorReport,
    openapi_extra=json_body(MonitorRequest, MONITOR_EXAMPLE),
    responses={
        413: {"model": Problem, "description": "The body is larger than 64 KiB."},
        415: {"model": Problem, "description": "The body is not `application/json`."},
        422: {"model": Problem, "description": "The request is not valid; `errors` names "
                                               "each bad field and what is allowed."},
    },
)
async def monitor(request: Request, settings: SettingsDep) -> Any:
    """How the school's pupil-survey figures developed, and what to make of it.

    The body holds one to ten surveys (one per year: the indicators the match knows —
    bullied, cyberbullied, unsafe, … — as shares of pupils, with an optional reference
    such as the national figure, per school year or age group) and the interventions the
    school runs with the year each came into use. For each indicator and group the answer
    gives the points by year, the change per year (least squares, in shares), the latest
    share against its reference, each intervention's effect verdict on the concern behind
    the indicator, whether the share went down since the ones shown to work came into use
    (`moved_as_expected`), plain sentences in `lang` that make no causal claim, and an SVG
    chart. `summary` is a heading and paragraphs for the school's public page. How to
    read it: docs/monitor.md.

    Refused (422) beyond what the schema says, because JSON Schema cannot state it: a
    year given in two surveys, an indicator given twice for the same group in one survey,
    an intervention listed twice, and a `since` after the latest survey.
    """
    body = await read_json_body(request, "the monitor results")
    return await run_in_threadpool(run_monitor, settings.db_path, body)
