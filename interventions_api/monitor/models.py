"""What ``POST /v1/monitor`` accepts and returns.

``Survey`` (one year of pupil-survey results) is the model the match profile's ``monitor``
field uses; it lives with the match profile (``match/profile.py``) because its results
share the profile's age and school-year types, and is named here as the monitor's input.

The request is checked in two passes, both ending in one 422: pydantic checks structure
and the intervention ids against the loaded catalogue (as the match checks
``current_interventions``); ``consistency_errors`` then checks what spans fields (distinct
years, no year of use after the last survey), so each of those errors names its own field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from ..errors import FieldError, Say
from ..match.profile import (
    MAX_LIST,
    Indicator,
    InterventionId,
    Lang,
    MatchModel,
    MonitorResult,
    Survey,
    _whole,
    parse_body,
)

__all__ = ["MAX_SURVEYS", "MIN_SINCE", "InterventionInUse", "MonitorRequest", "MonitorReport",
           "Survey", "parse_request"]

MAX_SURVEYS = 10
# Before the first Dutch anti-bullying programmes a year of use says nothing; it also
# catches two-digit years ("23").
MIN_SINCE = 1990


class InterventionInUse(MatchModel):
    id: InterventionId = Field(description="Catalogue id of an intervention the school runs.")
    # The range inside the Annotated and before the validator, as in the match profile: on
    # the optional field the schema would not carry it.
    since: Annotated[int, Field(ge=MIN_SINCE, le=2100), BeforeValidator(_whole)] | None = Field(
        default=None,
        description="Calendar year the school started with it; at most the latest survey's "
                    "year. Null when not known.")


class MonitorRequest(MatchModel):
    """One or more years of pupil-survey results and the interventions in use."""

    lang: Lang = Field(default="nl", description="Language of the texts and charts.")
    surveys: list[Survey] = Field(
        min_length=1, max_length=MAX_SURVEYS,
        description="One survey per year (distinct years), in any order.")
    interventions: list[InterventionInUse] = Field(
        default_factory=list, max_length=MAX_LIST,
        description="The interventions the school runs, each once, with the year it began.")

    @property
    def latest_year(self) -> int:
        return max(survey.year for survey in self.surveys)


def group_key(result: MonitorResult) -> tuple[Any, ...]:
    """Which pupils a result is about: the same school years or ages in two surveys are
    the same group; no group given is the whole school."""
    if result.school_years is not None:
        years = result.school_years
        return ("school_years", years.system, years.min, years.max)
    if result.ages is not None:
        return ("ages", result.ages.min, result.ages.max)
    return ()


def survey_errors(survey: Survey, field: str) -> list[FieldError]:
    """An indicator given twice for the same pupils in one survey (two shares for one
    point of a trend); ``field`` is where the survey sits in the request."""
    errors = []
    seen: set[tuple[Any, ...]] = set()
    for j, result in enumerate(survey.results):
        key = (result.indicator, *group_key(result))
        if key in seen:
            errors.append(FieldError(
                f"{field}.results.{j}.indicator",
                Say("error.indicator_twice", {"value": result.indicator, "year": survey.year}),
                result.indicator))
        seen.add(key)
    return errors


def consistency_errors(request: MonitorRequest) -> list[FieldError]:
    """What spans fields: each year once, each indicator once per group and year, each
    intervention once, and no year of use after the latest survey."""
    errors: list[FieldError] = []
    first_of_year: dict[int, int] = {}
    for i, survey in enumerate(request.surveys):
        if survey.year in first_of_year:
            errors.append(FieldError(
                f"surveys.{i}.year",
                Say("error.survey_year_twice", {"year": survey.year,
                                                "other": f"surveys.{first_of_year[survey.year]}"}),
                survey.year))
        first_of_year.setdefault(survey.year, i)
        errors += survey_errors(survey, f"surveys.{i}")
    latest = request.latest_year
    listed: set[str] = set()
    for i, item in enumerate(request.interventions):
        if item.id in listed:
            errors.append(FieldError(f"interventions.{i}.id",
                                     Say("error.listed_twice", {"value": item.id}), item.id))
        listed.add(item.id)
        if item.since is not None and item.since > latest:
            errors.append(FieldError(
                f"interventions.{i}.since",
                Say("error.since_after_survey", {"since": item.since, "latest": latest}),
                item.since))
    return errors


def parse_request(raw: bytes | str, context: dict[str, Any] | None = None) -> MonitorRequest:
    """Validate a JSON body; every problem becomes one FieldError of one InvalidInput."""
    return parse_body(MonitorRequest, raw, context, "the monitor results",
                      Say("problem.monitor_invalid"), consistency_errors)


# --- the report ----------------------------------------------------------------------------
Verdict = Literal["positive", "mixed", "no_effect", "negative", "not_studied"]


class Point(BaseModel):
    year: int
    share: float = Field(description="Share of pupils, 0–1.")
    reference: float | None = Field(description="The comparison share given for that year.")
    respondents: int | None = None


class Expected(BaseModel):
    """What research found about one of the school's interventions on the concern behind
    the indicator (the effect verdict of docs/evidence.md)."""

    id: str
    name: str
    since: int | None
    concern: str = Field(description="Theme key the indicator points to, e.g. bullying.")
    verdict: Verdict
    label: str = Field(description="The verdict in words, e.g. 'Gunstig effect op pesten'.")


class IndicatorReport(BaseModel):
    indicator: Indicator
    label: str = Field(description="What was measured, in a few words ('gepest').")
    group: str | None = Field(description="The school years or ages measured, e.g. "
                                           "'groep 5–8'; null for the whole school.")
    points: list[Point] = Field(description="One per survey year that has this indicator "
                                            "for this group, oldest first.")
    change_per_year: float | None = Field(
        description="Least-squares change of the share per year (-0.025 = 2.5 percentage "
                    "points down a year); null with one year.")
    versus_reference: Literal["above", "below", "level"] | None = Field(
        description="The latest share against its reference (within one percentage point: "
                    "level); null when the latest year has none.")
    expected: list[Expected] = Field(description="Every intervention in use, with its "
                                                 "verdict on the concern behind the indicator.")
    moved_as_expected: Literal["yes", "no", "unclear"] | None = Field(
        description="Whether the share went down since the interventions shown to work on "
                    "the concern were in use; null when none is or with one year.")
    text: list[str] = Field(description="The development in plain sentences; no causal "
                                        "claims.")
    svg: str = Field(description="A standalone SVG chart (role img, with title and desc).")


class Summary(BaseModel):
    heading: str
    paragraphs: list[str]


class MonitorMeta(BaseModel):
    catalogue_version: str


class MonitorReport(BaseModel):
    lang: Lang
    indicators: list[IndicatorReport]
    summary: Summary = Field(description="For the school's public accountability page: "
                                         "which interventions since when, how each "
                                         "indicator developed.")
    meta: MonitorMeta
