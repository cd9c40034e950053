"""The body of ``POST /v1/plan``: the match profile plus what the monitor needs.

The fields between them (``earlier_surveys`` before ``monitor``, ``in_use_since`` only
for programmes in ``current_interventions``) are checked after the structure, and each
problem names its field like any other (``earlier_surveys.1.year``).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..errors import FieldError, Say
from ..match.profile import InterventionId, MatchProfile, Survey, _whole, parse_body
from ..monitor.models import InterventionInUse, MonitorRequest, survey_errors

MAX_EARLIER_SURVEYS = 9
Year = Annotated[int, Field(ge=1990, le=2100), BeforeValidator(_whole)]


class PlanRequest(MatchProfile):
    """A school profile, as for the match, and the school's earlier surveys."""

    earlier_surveys: list[Survey] = Field(
        default_factory=list, max_length=MAX_EARLIER_SURVEYS,
        description="Pupil surveys of earlier years, each before `monitor.year` and each "
                    "year once; they need `monitor` (the latest survey).")
    in_use_since: dict[InterventionId, Year] = Field(
        default_factory=dict,
        description="Since which year the school runs each of its current interventions "
                    "(keys from `current_interventions`).")

    def monitor_request(self) -> MonitorRequest | None:
        """What ``POST /v1/monitor`` would be asked for this school: every survey, oldest
        first, and the programmes in use since when (None: not given)."""
        if self.monitor is None:
            return None
        surveys = sorted([*self.earlier_surveys, self.monitor], key=lambda s: s.year)
        return MonitorRequest(lang=self.lang, surveys=surveys, interventions=[
            InterventionInUse(id=i, since=self.in_use_since.get(i))
            for i in self.current_interventions])


def relation_errors(request: PlanRequest) -> list[FieldError]:
    """What spans fields (JSON Schema cannot state it): earlier surveys before the latest
    and each year once, each indicator once per group in a survey, ``in_use_since`` only
    for programmes in use and not after the latest survey."""
    errors = []
    if request.earlier_surveys and request.monitor is None:
        errors.append(FieldError("earlier_surveys", Say("error.earlier_needs_monitor"),
                                 [s.year for s in request.earlier_surveys]))
    if request.monitor is not None:
        errors += survey_errors(request.monitor, "monitor")
    seen: set[int] = set()
    for i, survey in enumerate(request.earlier_surveys):
        errors += survey_errors(survey, f"earlier_surveys.{i}")
        if request.monitor is not None and survey.year >= request.monitor.year:
            errors.append(FieldError(f"earlier_surveys.{i}.year",
                                     Say("error.before_monitor", {"year": request.monitor.year}),
                                     survey.year))
        elif survey.year in seen:
            errors.append(FieldError(f"earlier_surveys.{i}.year",
                                     Say("error.survey_year_twice",
                                         {"year": survey.year, "other": "earlier_surveys"}),
                                     survey.year))
        seen.add(survey.year)
    latest = request.monitor.year if request.monitor is not None else None
    for key, year in request.in_use_since.items():
        if key not in request.current_interventions:
            errors.append(FieldError(f"in_use_since.{key}", Say("error.not_current"),
                                     key, list(request.current_interventions)))
        elif latest is not None and year > latest:
            errors.append(FieldError(f"in_use_since.{key}", Say(
                "error.since_after_survey", {"since": year, "latest": latest}), year))
    return errors


def parse_plan_request(raw: bytes | str, context: dict[str, Any] | None = None) -> PlanRequest:
    """Validate a JSON body; every problem becomes one FieldError of one InvalidInput."""
    return parse_body(PlanRequest, raw, context, "the school profile",
                      Say("problem.profile_invalid"), relation_errors)
