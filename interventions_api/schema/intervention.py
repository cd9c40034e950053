"""The intervention as editors write it: the schema of ``catalogue/interventions/*.yaml``.

These models are the one schema owner. The JSON Schema for editors, the SQLite tables and
the Meilisearch settings are derived from them (see ``schema/derived.py`` and the drift
tests). Fields that take a vocabulary key are marked with ``x-vocabulary`` and checked
against ``catalogue/vocabularies.yaml`` passed in the validation context.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .common import Localized, StrictModel

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"

Finding = Literal["positive", "no_effect", "mixed", "negative"]
Status = Literal["active", "discontinued"]
CostPer = Literal["school", "pupil", "teacher", "class"]
CostPeriod = Literal["once", "year"]
LessonsPer = Literal["year", "total"]

FINDINGS: tuple[str, ...] = ("positive", "no_effect", "mixed", "negative")
UNFAVOURABLE_FINDINGS = frozenset({"no_effect", "negative"})


def _vocabulary_check(section: str) -> AfterValidator:
    def check(value: str, info: ValidationInfo) -> str:
        vocabularies = (info.context or {}).get("vocabularies")
        if vocabularies is None:
            return value
        allowed = vocabularies.section(section)
        if value not in allowed:
            raise PydanticCustomError(
                "vocabulary",
                "unknown {section} key '{value}'; allowed: {allowed}",
                {"section": section, "value": value, "allowed": ", ".join(sorted(allowed))},
            )
        return value

    return AfterValidator(check)


def _vocabulary_marker(section: str) -> Any:
    """Marks the field for the JSON Schema generator, which injects the allowed keys."""
    return Field(json_schema_extra={"x-vocabulary": section})


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError(
            "date_format", "a date is written as \"YYYY-MM-DD\" (quoted), got {value!r}",
            {"value": value},
        )
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Url = Annotated[str, Field(pattern=URL_PATTERN, examples=["https://www.nji.nl/interventies"])]

SchoolType = Annotated[str, _vocabulary_check("school_types"), _vocabulary_marker("school_types")]
LevelKey = Annotated[str, _vocabulary_check("levels"), _vocabulary_marker("levels")]
Theme = Annotated[str, _vocabulary_check("themes"), _vocabulary_marker("themes")]
Approach = Annotated[str, _vocabulary_check("approaches"), _vocabulary_marker("approaches")]
OutcomeKey = Annotated[str, _vocabulary_check("outcomes"), _vocabulary_marker("outcomes")]
RegistryKey = Annotated[str, _vocabulary_check("registries"), _vocabulary_marker("registries")]
DeliveredBy = Annotated[str, _vocabulary_check("delivered_by"), _vocabulary_marker("delivered_by")]
StudyDesign = Annotated[
    str, _vocabulary_check("study_designs"), _vocabulary_marker("study_designs")
]


class Provider(StrictModel):
    name: str = Field(min_length=1, description="Organisation that owns or licenses it.")
    url: Url | None = None


class AgeRange(StrictModel):
    min: int = Field(ge=0, le=30, description="Youngest age in years.")
    max: int = Field(ge=0, le=30, description="Oldest age in years.")

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise PydanticCustomError(
                "age_range", "max ({value}) is below min ({low})", {"value": value, "low": low}
            )
        return value


class Lessons(StrictModel):
    number: int = Field(ge=1, le=1000)
    per: LessonsPer = Field(description="'year': lessons per school year; 'total': overall.")


class Delivery(StrictModel):
    lessons: Lessons | None = None
    duration: str | None = Field(default=None, description="Free text, e.g. 'two school years'.")
    delivered_by: list[DeliveredBy] = Field(default_factory=list)


class Cost(StrictModel):
    amount_eur: float = Field(ge=0, description="Amount in euros, as published.")
    per: CostPer
    period: CostPeriod
    year: int = Field(ge=1990, le=2100, description="Price year.")
    note: str | None = None


class Implementation(StrictModel):
    training_hours: float | None = Field(default=None, ge=0, le=2000)
    requirements: str | None = None
    cost: Cost | None = Field(default=None, description="Absent when unknown; never guessed.")


class Assessment(StrictModel):
    registry: RegistryKey
    rating: str = Field(min_length=1, description="The registry's own label, verbatim.")
    date: IsoDate | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    url: Url
    note: str | None = None

    @field_validator("rating")
    @classmethod
    def _rating_known_to_scale(cls, value: str, info: ValidationInfo) -> str:
        scale = (info.context or {}).get("evidence_scale")
        registry = info.data.get("registry")
        if scale is None or registry is None:
            return value
        registry_scale = scale.registries.get(registry)
        if registry_scale is None:
            raise PydanticCustomError(
                "rating_registry",
                "registry '{registry}' has no scale in evidence-scale.yaml",
                {"registry": registry},
            )
        if value not in registry_scale.labels:
            raise PydanticCustomError(
                "rating_label",
                "'{value}' is not a {registry} label in evidence-scale.yaml; allowed: {allowed}",
                {"value": value, "registry": registry,
                 "allowed": " | ".join(registry_scale.labels)},
            )
        return value


class OutcomeFinding(StrictModel):
    outcome: OutcomeKey
    finding: Finding
    study: str = Field(description="A key into evidence.studies of the same entry.")
    effect: str | None = Field(default=None, description="Only as published, e.g. 'OR 1.29'.")
    note: str | None = None


class Study(StrictModel):
    citation: str = Field(min_length=1)
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    url: Url | None = None
    design: StudyDesign
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    n: int | None = Field(default=None, ge=1)


class Evidence(StrictModel):
    assessments: list[Assessment] = Field(default_factory=list)
    outcomes: list[OutcomeFinding] = Field(default_factory=list)
    studies: dict[str, Study] = Field(default_factory=dict)


class Intervention(StrictModel):
    """One intervention, as in ``catalogue/interventions/<id>.yaml``."""

    id: str = Field(pattern=ID_PATTERN, description="Equals the file name; never reused.")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    summary: Localized
    provider: Provider | None = None
    origin_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    status: Status = "active"
    school_types: list[SchoolType] = Field(min_length=1)
    age_range: AgeRange | None = None
    levels: dict[LevelKey, Localized] = Field(
        min_length=1, description="The levels it works on, with what it does there."
    )
    themes: list[Theme] = Field(min_length=1)
    approaches: list[Approach] = Field(default_factory=list)
    delivery: Delivery = Field(default_factory=Delivery)
    implementation: Implementation = Field(default_factory=Implementation)
    evidence: Evidence = Field(default_factory=Evidence)
    sources: list[Url] = Field(min_length=1)
    reviewed: IsoDate
