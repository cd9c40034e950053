"""Response models: they document the API in OpenAPI and pin its top-level shape."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Rating(Open):
    """A registry's rating; ``rating`` and ``level`` are null for an assessment that
    records an ``outcome`` without a label. ``as_listed`` ("zoals vermeld op 4 december
    2026") is set when the registry page showed no date and ``checked`` is the day it
    was read."""

    registry: str
    registry_label: str
    rating: str | None = None
    level: str | None = None
    outcome: str | None = None
    outcome_label: str | None = None
    date: str | None = None
    year: int | None = None
    checked: str | None = None
    as_listed: str | None = None
    scope: list[str] = Field(default=[], description="Outcome keys the registry judged; "
                                                     "empty when not stated.")
    scope_note: str | None = Field(
        default=None, description="Set when the scope misses the concern the response is "
                                  "about, e.g. 'erkend voor gedragsproblemen, niet voor pesten'.")


class Availability(Open):
    """Whether a Dutch school can get it now; ``nl`` is null when unknown."""

    nl: bool | None = None
    label: str
    note: str | None = None
    sources: list[str]


class Effect(Open):
    """The effect verdict on one concern (docs/evidence.md), worded in the asked language."""

    verdict: str = Field(description="positive, mixed, no_effect, negative or not_studied.")
    label: str
    studies: int
    best_design: str | None = None
    summary: str = Field(description="Every study behind the verdict, null and harmful "
                                     "ones included.")


class Freshness(Open):
    """How fresh the entry is; the rules are in docs/compare.md."""

    reviewed: str
    review_due: str
    review_due_from: str
    stale: bool
    latest_rating: dict[str, Any] | None = None
    newer_study_than_rating: bool | None = None
    newer_studies: list[dict[str, Any]]
    undated_studies: list[str]


class InterventionItem(Open):
    id: str
    name: str
    aliases: list[str]
    summary: str | None
    school_types: list[str]
    age_range: dict[str, int] | None = None
    levels: list[str]
    themes: list[str]
    approaches: list[str]
    evidence_level: str
    effects: dict[str, Effect] = Field(description="The effect verdict per concern (theme key).")
    evidence_level_label: str
    ratings: list[Rating]
    outcome_findings: list[dict[str, str]]
    warnings: list[dict[str, str]]
    training_hours: float | None = None
    cost: dict[str, Any] | None = None
    status: str
    origin_country: str | None = None
    availability: Availability
    reviewed: str | None = None
    freshness: Freshness
    highlight: dict[str, str] | None = None


class ListMeta(Open):
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    search_backend: str
    catalogue_version: str
    recognized: list[dict[str, Any]] = Field(
        default=[], description="Words of q that became filters: school types ('vmbo', "
                                "'basisschool') and years ('groep 7', 'leerjaar 2'); "
                                "applied unless the query filters on that itself.")


class Links(BaseModel):
    self: str
    next: str | None
    prev: str | None


class InterventionList(BaseModel):
    data: list[InterventionItem]
    meta: ListMeta
    links: Links


class InterventionDetail(Open):
    id: str
    name: str
    summary: dict[str, str]
    summary_text: str
    school_types: list[str]
    levels: dict[str, dict[str, str]]
    themes: list[str]
    evidence: dict[str, Any]
    effects: dict[str, Effect]
    ratings: list[Rating]
    sources: list[str]
    labels: dict[str, Any]
    warnings: list[dict[str, str]]
    freshness: Freshness


class ComparisonRow(BaseModel):
    key: str
    section: str
    kind: str
    label: str
    values: dict[str, Any]


class ComparisonData(BaseModel):
    interventions: list[dict[str, Any]]
    sections: list[dict[str, str]]
    rows: list[ComparisonRow]


class Comparison(BaseModel):
    """Entries aligned row by row: every row's `values` has every compared id."""

    data: ComparisonData
    meta: dict[str, Any]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


# --- POST /v1/match ---------------------------------------------------------------------
class MatchFit(BaseModel):
    criterion: str
    weight: float
    score: float
    applies: bool
    text: str


class MatchWarning(Open):
    code: str
    message: str


class MatchItem(Open):
    id: str
    name: str
    score: float
    rank: int
    current: bool
    effects: dict[str, Effect] = Field(description="The effect verdicts on the school's "
                                                   "concerns (docs/evidence.md).")
    ratings: list[Rating]
    fit: list[MatchFit]
    warnings: list[MatchWarning]


class PlanItem(Open):
    id: str
    name: str
    current: bool
    rank: int | None
    score: float
    addresses: list[str]
    what: str | None
    why: str
    warnings: list[MatchWarning]


class PlanLevel(Open):
    covered: bool
    interventions: list[PlanItem]
    reason: str | None
    notes: list[str]


class MatchPlan(BaseModel):
    individual: PlanLevel
    class_: PlanLevel = Field(alias="class")
    school: PlanLevel

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class MatchResponse(BaseModel):
    matches: list[MatchItem]
    plan: MatchPlan
    excluded: dict[str, int]
    meta: dict[str, Any]


# --- POST /v1/plan: the safety-plan chapter as a document ----------------------------------
class ParagraphBlock(BaseModel):
    type: Literal["paragraph"]
    text: str


class ListBlock(BaseModel):
    type: Literal["list"]
    items: list[str]


class PlaceholderBlock(BaseModel):
    """What the school fills in itself (shown clearly marked)."""

    type: Literal["placeholder"]
    text: str


class WarningBlock(BaseModel):
    type: Literal["warning"]
    text: str


class PlanEffect(BaseModel):
    concern: str
    verdict: str = Field(description="positive, mixed, no_effect, negative or not_studied.")
    label: str
    summary: str


class InterventionBlock(BaseModel):
    type: Literal["intervention"]
    id: str
    name: str
    levels: list[str] = Field(description="The plan's levels it is listed at.")
    current: bool = Field(description="The school runs it already.")
    what: str
    why: str = Field(description="Why it fits the school, in words.")
    provider: str | None = Field(description="Who offers it; null when the catalogue does "
                                             "not name one.")
    price: str = Field(description="What it costs as published, 'op aanvraag', or that the "
                                   "price is unknown.")
    effects: list[PlanEffect] = Field(description="The effect verdicts on the school's "
                                                  "concerns (docs/evidence.md).")
    warnings: list[str]
    advice: str | None = Field(description="For a programme the school runs that research "
                                           "found no or an unfavourable effect of on one of "
                                           "its concerns.")
    url: str


class Figures(BaseModel):
    columns: list[str] = Field(description="Year, the school's share and, when given, the "
                                           "reference.")
    rows: list[list[str]] = Field(description="One per year, oldest first, as written "
                                              "('12%'); '—' where a year has no reference.")


class ChartBlock(BaseModel):
    type: Literal["chart"]
    indicator: str
    caption: str
    svg: str
    figures: Figures = Field(description="The chart's figures as a table, which Word and "
                                         "Markdown show in its place.")


class Source(BaseModel):
    text: str
    url: str


class SourcesBlock(BaseModel):
    type: Literal["sources"]
    items: list[Source]


Block = Annotated[ParagraphBlock | ListBlock | PlaceholderBlock | WarningBlock
                  | InterventionBlock | ChartBlock | SourcesBlock, Field(discriminator="type")]


class PlanSection(BaseModel):
    id: str = Field(description="approach, norms, skills, interventions, law, monitor or "
                                "sources; inside interventions: individual, class, school "
                                "and programmes.")
    heading: str
    blocks: list[Block]
    sections: list[PlanSection]


class PlanMeta(BaseModel):
    catalogue_version: str
    generated: str = Field(description="The day the plan was written, YYYY-MM-DD.")


class PlanDocument(BaseModel):
    """The school's safety-plan chapter on social safety; all text is plain text."""

    lang: str
    title: str
    school: str = Field(description="One plain line describing the school.")
    sections: list[PlanSection]
    meta: PlanMeta


# --- the catalogue, health and problem types ---------------------------------------------
class CatalogueData(BaseModel):
    version: str
    git_commit: str | None
    loaded_at: str
    entry_count: int
    counts: dict[str, dict[str, int]]


class CatalogueInfo(BaseModel):
    data: CatalogueData


class VocabulariesMeta(BaseModel):
    catalogue_version: str
    lang: str


class Vocabularies(BaseModel):
    """Each vocabulary section's terms, `evidence_levels` and `registry_scales`."""

    data: dict[str, Any]
    meta: VocabulariesMeta


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str = Field(description="ok, degraded (search falls back to SQLite) or "
                                    "unavailable (no catalogue loaded: a 503).")
    checks: dict[str, dict[str, Any]]


class ProblemType(BaseModel):
    type: str
    status: int
    title: str
    titles: dict[str, str] = Field(description="The title in Dutch (`nl`) and English (`en`).")
    description: str


class ProblemTypes(BaseModel):
    data: list[ProblemType]
