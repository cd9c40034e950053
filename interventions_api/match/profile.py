"""The school profile that ``POST /v1/match`` accepts: strict, and checked against the catalogue.

Structure (types, ranges, unknown fields) is checked by pydantic; vocabulary keys, evidence
levels and intervention ids are checked against the loaded catalogue through the
validation context, in the same pass, so one 422 names every bad field at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from ..errors import FieldError, InvalidInput, Say, field_errors
from ..texts import age_range
from .weights import MONITOR_INDICATORS

Lang = Literal["nl", "en"]
CostPer = Literal["school", "pupil", "teacher", "class"]
Indicator = Literal[
    "bullied", "bullying_others", "cyberbullied", "cyberbullying_others", "unsafe",
    "low_wellbeing", "discriminated", "physical_violence", "sexual_harassment",
]
assert set(Indicator.__args__) == set(MONITOR_INDICATORS)  # type: ignore[attr-defined]

MAX_LIST = 30
# Beyond this many ids, an unknown-id error points to the listing instead of listing all.
MAX_ALLOWED_IDS_LISTED = 200


def _whole(value: object) -> object:
    # JSON Schema (hence the OpenAPI) counts 70.0 as an integer; strict mode would not.
    return int(value) if isinstance(value, float) and value.is_integer() else value


Whole = Annotated[int, BeforeValidator(_whole)]


class MatchModel(BaseModel):
    """Strict: unknown fields, strings for numbers and the like are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True,
                              frozen=True)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _known(section: str) -> AfterValidator:
    """A key of a vocabulary section; checked when the catalogue is in the context."""

    def check(value: str, info: ValidationInfo) -> str:
        vocabularies = (info.context or {}).get("vocabularies")
        if vocabularies is None:
            return value
        allowed = sorted(vocabularies.section(section))
        if value not in allowed:
            raise PydanticCustomError("vocabulary", "unknown {section} key '{value}'",
                                      {"section": section, "value": value, "allowed": allowed})
        return value

    return AfterValidator(check)


def _evidence_level(value: str, info: ValidationInfo) -> str:
    levels = (info.context or {}).get("evidence_levels")
    if levels is not None and value not in levels:
        raise PydanticCustomError("evidence_level", "unknown evidence level '{value}'",
                                  {"value": value, "allowed": list(levels)})
    return value


def _intervention_id(value: str, info: ValidationInfo) -> str:
    ids = (info.context or {}).get("intervention_ids")
    if ids is not None and value not in ids:
        allowed = sorted(ids) if len(ids) <= MAX_ALLOWED_IDS_LISTED else None
        raise PydanticCustomError(
            "intervention_id",
            "no intervention with id '{value}' in the catalogue (ids: GET /v1/interventions)",
            {"value": value, "allowed": allowed},
        )
    return value


def _vocab_field(section: str) -> Any:
    return Field(min_length=1, max_length=80, json_schema_extra={"x-vocabulary": section})


SchoolType = Annotated[str, _vocab_field("school_types"), _known("school_types")]
Theme = Annotated[str, _vocab_field("themes"), _known("themes")]
Approach = Annotated[str, _vocab_field("approaches"), _known("approaches")]
LevelKey = Annotated[str, _vocab_field("levels"), _known("levels")]
SchoolConcept = Annotated[str, _vocab_field("school_concepts"), _known("school_concepts")]
# x-vocabulary: the OpenAPI lists the loaded catalogue's keys as an enum (api/openapi.py).
EvidenceLevel = Annotated[str, Field(min_length=1, max_length=80,
                                     json_schema_extra={"x-vocabulary": "evidence_levels"}),
                          AfterValidator(_evidence_level)]
InterventionId = Annotated[str, Field(min_length=1, max_length=120,
                                      json_schema_extra={"x-vocabulary": "interventions"}),
                           AfterValidator(_intervention_id)]


def _low_to_high(data: Any) -> Any:
    """A span given high to low ("groep 8 tot 5") is the same span: the schema cannot
    say that max is at least min, so the service does not demand it either."""
    if (isinstance(data, dict) and isinstance(data.get("min"), int | float)
            and isinstance(data.get("max"), int | float) and data["max"] < data["min"]):
        return {**data, "min": data["max"], "max": data["min"]}
    return data


class AgeSpan(MatchModel):
    min: Whole = Field(ge=0, le=30, description="Youngest age in years.")
    max: Whole = Field(ge=0, le=30, description="Oldest age in years (a span given high "
                                                "to low is read low to high).")

    _ordered = model_validator(mode="before")(_low_to_high)


class _SchoolYears(MatchModel):
    """Dutch school years: ``groep`` 1–8 (primary) or ``leerjaar`` 1–6 (secondary)."""

    system: str
    min: int
    max: int

    _ordered = model_validator(mode="before")(_low_to_high)

    def ages(self) -> AgeSpan:
        """Usual ages: groep 1 starts at 4, leerjaar 1 at 12 (an approximation)."""
        start = 3 if self.system == "groep" else 11
        return AgeSpan(min=self.min + start, max=self.max + start + 1)

    def label(self) -> str:
        span = str(self.min) if self.min == self.max else f"{self.min}–{self.max}"
        return f"{self.system} {span}"


class Groepen(_SchoolYears):
    system: Literal["groep"]
    min: Whole = Field(ge=1, le=8)
    max: Whole = Field(ge=1, le=8)


class Leerjaren(_SchoolYears):
    system: Literal["leerjaar"]
    min: Whole = Field(ge=1, le=6)
    max: Whole = Field(ge=1, le=6)


# The range of each system in the schema itself, so that what it calls valid is accepted.
SchoolYears = Annotated[Groepen | Leerjaren, Field(discriminator="system")]


# The schema says what the models' _one_group checks: ages or school years, not both.
ONE_GROUP: JsonDict = {"not": {"required": ["ages", "school_years"],
                     "properties": {"ages": {"type": "object"},
                                    "school_years": {"type": "object"}}}}


class MonitorResult(MatchModel):
    model_config = ConfigDict(**MatchModel.model_config, json_schema_extra=ONE_GROUP)
    indicator: Indicator = Field(description=(
        "What the pupil survey measured: bullied, bullying_others, cyberbullied, "
        "cyberbullying_others, unsafe, low_wellbeing, discriminated, physical_violence, "
        "sexual_harassment."))
    share: float = Field(ge=0, le=1, description="Share of pupils, 0–1 (0.12 = 12%).")
    reference: float | None = Field(
        default=None, gt=0, le=1,
        description="A comparison share, e.g. the national or the school board's figure.")
    ages: AgeSpan | None = Field(default=None, description="The age group it was measured in.")
    school_years: SchoolYears | None = Field(
        default=None, description="Or the school years it was measured in (not both).")
    respondents: Annotated[int, Field(ge=1, le=100_000), BeforeValidator(_whole)] | None = None

    @model_validator(mode="after")
    def _one_group(self) -> MonitorResult:
        if self.ages is not None and self.school_years is not None:
            raise PydanticCustomError("one_group", "give ages or school_years, not both", {})
        return self

    def group_ages(self) -> AgeSpan | None:
        if self.school_years is not None:
            return self.school_years.ages()
        return self.ages

    def group_label(self, lang: str) -> str | None:
        if self.school_years is not None:
            return self.school_years.label()
        if self.ages is not None:
            return age_range(self.ages.min, self.ages.max, lang)
        return None


class Survey(MatchModel):
    """The yearly pupil survey of social safety, as the law asks for."""

    year: Whole = Field(ge=2000, le=2100, description="School year's calendar year of the survey.")
    source: str | None = Field(default=None, max_length=120,
                               description="The instrument, e.g. the name of the survey.")
    results: list[MonitorResult] = Field(min_length=1, max_length=50)


class Budget(MatchModel):
    max_eur: float = Field(ge=0, le=10_000_000, description="Maximum amount in euros.")
    per: CostPer = Field(default="school", description="Basis of the amount.")
    period: Literal["once", "year"] = Field(
        default="year", description="'year': per school year; 'once': one-off.")


class SchoolSize(MatchModel):
    """Lets the match compare a cost per pupil, class or teacher with a school budget."""

    pupils: Annotated[int, Field(ge=1, le=100_000), BeforeValidator(_whole)] | None = None
    classes: Annotated[int, Field(ge=1, le=5_000), BeforeValidator(_whole)] | None = None
    teachers: Annotated[int, Field(ge=1, le=10_000), BeforeValidator(_whole)] | None = None


class MatchProfile(MatchModel):
    """A school profile. Every field is optional except ``school_type``."""

    model_config = ConfigDict(**MatchModel.model_config, json_schema_extra=ONE_GROUP)
    school_type: SchoolType = Field(description="School type key (vocabulary school_types).")
    ages: AgeSpan | None = Field(default=None, description="Ages of the pupils, in years.")
    school_years: SchoolYears | None = Field(
        default=None, description="Or the school years the approach is for, in the school's "
                                  "terms: groep 1–8 or leerjaar 1–6 (not both with ages).")
    concerns: Annotated[list[Theme], AfterValidator(_unique)] = Field(
        default_factory=list, max_length=MAX_LIST,
        description="What worries the school: theme keys (vocabulary themes).")
    approaches: Annotated[list[Approach], AfterValidator(_unique)] = Field(
        default_factory=list, max_length=MAX_LIST,
        description="Ways of working the school prefers (vocabulary approaches).")
    school_concept: SchoolConcept | None = Field(
        default=None, description="Educational concept (vocabulary school_concepts).")
    # The limit inside the Annotated: on the optional field, pydantic applies it to nothing.
    levels: Annotated[list[LevelKey], Field(max_length=3), AfterValidator(_unique)] | None = (
        Field(default=None, description="Levels the school wants covered; default all three."))
    current_interventions: Annotated[list[InterventionId], AfterValidator(_unique)] = Field(
        default_factory=list, max_length=MAX_LIST,
        description="Ids of interventions the school already runs.")
    min_evidence: EvidenceLevel | None = Field(
        default=None, description="Lowest common evidence level to consider.")
    budget: Budget | None = None
    school_size: SchoolSize | None = None
    max_training_hours: float | None = Field(
        default=None, ge=0, le=2000, description="Most training hours per teacher.")
    monitor: Survey | None = Field(default=None, description="The latest pupil survey.")
    lang: Lang = Field(default="nl", description="Language of the explanations.")
    limit: Whole = Field(default=10, ge=1, le=100, description="How many matches to return.")

    @model_validator(mode="after")
    def _one_group(self) -> MatchProfile:
        if self.ages is not None and self.school_years is not None:
            raise PydanticCustomError("one_group", "give ages or school_years, not both", {})
        return self

    @property
    def pupil_ages(self) -> AgeSpan | None:
        """The ages the match works with: given, or the usual ages of the school years."""
        if self.school_years is not None:
            return self.school_years.ages()
        return self.ages

    @property
    def wanted_levels(self) -> list[str]:
        return list(self.levels) if self.levels else ["individual", "class", "school"]


def asked_lang(raw: bytes | str) -> str | None:
    """The ``lang`` a body asks for, read even from a profile that is not valid, so that
    its errors come in that language; None when it names none."""
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) else None


Body = TypeVar("Body", bound=BaseModel)


def parse_body(model: type[Body], raw: bytes | str, context: dict[str, Any] | None,
               what: str, say: Say,
               checks: Callable[[Body], list[FieldError]] | None = None) -> Body:
    """Validate a JSON body as ``model``, then ``checks`` (rules between fields); every
    problem becomes one FieldError of one InvalidInput, in the language the body asks.
    ``what`` names the body in the English detail for logs."""
    try:
        body = model.model_validate_json(raw, context=context)
    except ValidationError as exc:
        errors = field_errors(exc.errors(include_url=False), whole="body")
        # A whole-body error (not JSON, not an object) carries the body as its value.
        for error in errors:
            if error.field == "body" and isinstance(error.value, str) and len(error.value) > 200:
                error.value = error.value[:200] + "…"
    else:
        errors = checks(body) if checks else []
        if not errors:
            return body
    detail = "; ".join(f"{e.field}: {e.message.render('en')}" for e in errors)
    raise InvalidInput(f"{what} is not valid: {detail}", errors, asked_lang(raw), say)


def parse_profile(raw: bytes | str, context: dict[str, Any] | None = None) -> MatchProfile:
    """Validate a JSON body; every problem becomes one FieldError of one InvalidInput."""
    return parse_body(MatchProfile, raw, context, "the school profile",
                      Say("problem.profile_invalid"))
