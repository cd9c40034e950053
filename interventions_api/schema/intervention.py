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

from .common import (
    ALIASES_MAX,
    ITEMS_MAX,
    KEY_MAX,
    KEYS_MAX,
    NAME_MAX,
    ONE_LINE,
    URL_MAX,
    Key,
    Localized,
    Name,
    Note,
    StrictModel,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"

Finding = Literal["positive", "no_effect", "mixed", "negative"]
Status = Literal["active", "discontinued"]
CostPer = Literal["school", "pupil", "teacher", "class"]
CostPeriod = Literal["once", "year"]
LessonsPer = Literal["year", "total"]
# An assessment that records an outcome without a verdict label (see Assessment.outcome).
AssessmentOutcome = Literal["not_judged"]

FINDINGS: tuple[str, ...] = ("positive", "no_effect", "mixed", "negative")
UNFAVOURABLE_FINDINGS = frozenset({"no_effect", "negative"})


def _vocabulary_check(section: str) -> AfterValidator:
    def check(value: str, info: ValidationInfo) -> str:
        vocabularies = (info.context or {}).get("vocabularies")
        if vocabularies is None:
            return value
        allowed = vocabularies.section(section)
        if value not in allowed:
            # Editors often type the label they see on the site ("pesten") for its key.
            by_label = {label.casefold(): key for key, term in allowed.items()
                        for label in (term.label.nl, term.label.en) if label}
            suggestion = by_label.get(value.casefold(), "")
            raise PydanticCustomError(
                "vocabulary",
                "unknown {section} key '{value}'; allowed: {allowed}",
                {"section": section, "value": value, "allowed": ", ".join(sorted(allowed)),
                 "suggestion": suggestion},
            )
        return value

    return AfterValidator(check)


def _vocabulary_marker(section: str) -> Any:
    """Marks the field for the JSON Schema generator, which injects the allowed keys.
    The length is checked first, so that a long unknown key is not repeated in the error."""
    return Field(max_length=KEY_MAX, json_schema_extra={"x-vocabulary": section})


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        # pydantic fills only plain "{name}" placeholders, so the repr is made here.
        raise PydanticCustomError(
            "date_format", "a date is written as \"YYYY-MM-DD\" (quoted), got {value}",
            {"value": repr(value)},
        )
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=URL_MAX,
                           examples=["https://www.nji.nl/interventies"]), ONE_LINE]

Doi = Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$", max_length=NAME_MAX), ONE_LINE]

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
    """The organisation that owns or licenses the intervention."""

    name: Name = Field(min_length=1, description="Organisation that owns or licenses it.",
                      examples=["KiVa Nederland"])
    url: Url | None = Field(default=None, description="Its website.",
                            examples=["https://www.kivaschool.nl/"])


class AgeRange(StrictModel):
    """The ages of the pupils it is meant for, in years."""

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
    """How many lessons pupils get."""

    number: int = Field(ge=1, le=1000, description="Number of lessons.", examples=[10])
    per: LessonsPer = Field(description="'year': lessons per school year; 'total': overall.")


class Delivery(StrictModel):
    """How it is delivered; every sub-field is optional."""

    lessons: Lessons | None = None
    duration: Localized | None = Field(
        default=None, description="How long it runs, e.g. 'two school years', in Dutch and "
                                  "English.")
    delivered_by: list[DeliveredBy] = Field(
        default_factory=list, max_length=KEYS_MAX,
        description="Who delivers it (vocabulary: delivered_by).",
        examples=[["teacher", "school_team"]],
    )


class Cost(StrictModel):
    """A published price, or "op aanvraag" (on request), always with its source.

    A price has amount_eur, per, period and year; ``on_request: true`` has none of them
    (the rule ``cost-form`` checks which). Leave the whole cost out when it is unknown.
    """

    on_request: bool = Field(default=False,
                             description='true: the provider publishes no price, only '
                                         '"op aanvraag" (on request).')
    amount_eur: float | None = Field(default=None, ge=0,
                                     description="Amount in euros, as published.")
    per: CostPer | None = Field(default=None, description="What the amount is for: a school, "
                                                          "pupil, teacher or class.")
    period: CostPeriod | None = Field(default=None, description="'once', or every 'year'.")
    year: int | None = Field(default=None, ge=1990, le=2100, description="Price year.")
    source: Url | None = Field(default=None,
                               description="Where the price or 'op aanvraag' is published.")
    note: Localized | None = Field(default=None,
                                   description="What the price includes, in Dutch and English.")


class Availability(StrictModel):
    """Whether a Dutch school can get it now. Leave it out when no source says."""

    nl: bool = Field(description="true: a provider or licensee in the Netherlands offers it "
                                 "with Dutch materials; false: not available there.")
    note: Localized | None = Field(default=None, description="Who offers it, or why not.")
    sources: list[Url] = Field(min_length=1, max_length=KEYS_MAX,
                              description="Where that is stated.")


class Implementation(StrictModel):
    """What a school needs to run it; every sub-field optional, unknown is absent."""

    training_hours: float | None = Field(default=None, ge=0, le=2000,
                                         description="Training hours for one teacher.")
    requirements: Localized | None = Field(
        default=None, description="What it asks of a school (training, staff, …), in Dutch "
                                  "and English.")
    cost: Cost | None = Field(default=None, description="Absent when unknown; never guessed.")


class Assessment(StrictModel):
    """One registry's verdict: a rating, or an outcome without a label; exactly one of
    date, year or checked (the rules ``assessment-rating`` and ``assessment-date``)."""

    registry: RegistryKey = Field(description="Who judged it (vocabulary: registries).",
                                  examples=["nji"])
    rating: Name | None = Field(default=None, min_length=1,
                               description="The registry's own label, verbatim.",
                               examples=["Effectief volgens sterke aanwijzingen"])
    outcome: AssessmentOutcome | None = Field(
        default=None,
        description="Instead of a rating, when the source records no verdict label: "
                    "'not_judged' (e.g. not judged again); the note says what the source "
                    "says. It has no evidence level.")
    date: IsoDate | None = Field(default=None, description='Date of the verdict, "YYYY-MM-DD".',
                                 examples=["2022-12-15"])
    year: int | None = Field(default=None, ge=1990, le=2100,
                             description="Year of the verdict, when no exact date is known.")
    checked: IsoDate | None = Field(
        default=None, examples=["2026-12-04"],
        description='For a registry that shows no date: the day its page was read, '
                    '"YYYY-MM-DD"; shown as "as listed on <date>".')
    url: Url = Field(description="Where the verdict is published.")
    note: Localized | None = Field(default=None, description="E.g. the scope of the verdict, in "
                                                             "Dutch and English.")
    scope: list[OutcomeKey] = Field(
        default_factory=list, max_length=KEYS_MAX,
        description="The outcomes the registry judged (vocabulary: outcomes), only where "
                    "the registry or the note says so; empty when not stated. Where the "
                    "scope misses a school's concern, the rating is shown with that said.",
        examples=[["behaviour_problems"]])

    @field_validator("rating")
    @classmethod
    def _rating_known_to_scale(cls, value: str | None, info: ValidationInfo) -> str | None:
        scale = (info.context or {}).get("evidence_scale")
        registry = info.data.get("registry")
        if scale is None or registry is None or value is None:
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
    """What one study found on one outcome; no-effect and negative findings belong here too."""

    outcome: OutcomeKey = Field(description="The outcome measured (vocabulary: outcomes).",
                                examples=["bullying_victimisation"])
    finding: Finding = Field(description="positive, no_effect, mixed or negative.")
    study: Key = Field(description="A key into evidence.studies of the same entry.",
                       examples=["huitsing-2020"])
    effect: Name | None = Field(default=None,
                                description="Only as published, e.g. 'OR 1.29'.")
    note: Localized | None = Field(default=None,
                                   description="What the study found, in Dutch and English.")


class Study(StrictModel):
    """A published study. It needs a doi or a url."""

    citation: Note = Field(min_length=1, description="Full reference, as in a bibliography.")
    doi: Doi | None = Field(default=None,
                            description="The bare DOI, without https://doi.org/.",
                            examples=["10.1007/s11121-020-01116-4"])
    url: Url | None = None
    design: StudyDesign = Field(description="Study design (vocabulary: study_designs).",
                                examples=["cluster_rct"])
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$",
                                description="Where it was done (ISO 3166 alpha-2).",
                                examples=["NL"])
    n: int | None = Field(default=None, ge=1, description="Number of participants, as published.")
    year: int | None = Field(
        default=None, ge=1900, le=2100,
        description="Publication year. Optional: when absent it is read from an APA-style "
                    "'(2020)' in the citation, if there is exactly one (see freshness.py).",
    )


class Evidence(StrictModel):
    """Registry verdicts, findings per outcome, and the studies behind them.

    ``evidence.level`` is derived at load time; it is never typed in.
    """

    assessments: list[Assessment] = Field(default_factory=list, max_length=ITEMS_MAX,
                                          description="One item per registry verdict.")
    outcomes: list[OutcomeFinding] = Field(default_factory=list, max_length=ITEMS_MAX,
                                           description="Findings per outcome.")
    studies: dict[Key, Study] = Field(
        default_factory=dict, max_length=ITEMS_MAX,
        description="Studies by a short key such as 'huitsing-2020'."
    )


class Intervention(StrictModel):
    """One intervention, as in ``catalogue/interventions/<id>.yaml``."""

    id: str = Field(pattern=ID_PATTERN, max_length=KEY_MAX,
                    description="Equals the file name; never reused.")
    name: Name = Field(min_length=1, description="The official name.", examples=["KiVa"])
    aliases: list[Name] = Field(default_factory=list, max_length=ALIASES_MAX,
                               description="Other names people search for.",
                               examples=[["KiVa antipestprogramma"]])
    summary: Localized = Field(description="Two to four sentences in the editors' own words; "
                                           "nl and en required (rule summary-en).")
    provider: Provider | None = None
    origin_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$",
                                       description="Country of origin (ISO 3166 alpha-2).",
                                       examples=["FI"])
    status: Status = Field(default="active", description="active or discontinued.")
    availability: Availability | None = Field(
        default=None, description="Available to Dutch schools now; absent when unknown.")
    school_types: list[SchoolType] = Field(
        min_length=1, max_length=KEYS_MAX,
        description="School types (vocabulary: school_types).", examples=[["po"]]
    )
    age_range: AgeRange | None = None
    levels: dict[LevelKey, Localized] = Field(
        min_length=1, max_length=KEYS_MAX,
        description="The levels it works on, with what it does there."
    )
    themes: list[Theme] = Field(min_length=1, max_length=KEYS_MAX,
                                description="What it addresses (vocabulary: themes).",
                                examples=[["bullying", "school_climate"]])
    approaches: list[Approach] = Field(default_factory=list, max_length=KEYS_MAX,
                                       description="How it works (vocabulary: approaches).",
                                       examples=[["whole_school", "peer_support"]])
    delivery: Delivery = Field(default_factory=Delivery)
    implementation: Implementation = Field(default_factory=Implementation)
    evidence: Evidence = Field(default_factory=Evidence)
    sources: list[Url] = Field(min_length=1, max_length=KEYS_MAX)
    reviewed: IsoDate
