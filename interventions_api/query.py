"""The one query model of a search or listing, compiled to SQL and to Meilisearch.

``InterventionQuery`` is what the API accepts; ``SearchResult`` is what either engine
returns (ids in order, total, facet counts). The service turns ids into documents from
SQLite, so both engines give the same shape of answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

Sort = Literal["relevance", "evidence", "name", "effect"]
Lang = Literal["nl", "en"]
CostPer = Literal["school", "pupil", "teacher", "class"]

# Facets the API can count, and the vocabulary section each one draws its keys from.
FACETS: dict[str, str | None] = {
    "school_type": "school_types",
    "level": "levels",
    "theme": "themes",
    "approach": "approaches",
    "evidence_level": None,  # keys come from evidence-scale.yaml
}
TERM_FILTERS = ("school_type", "level", "theme", "approach")

# The concern shown and sorted by when a query names none: the question this catalogue
# was made for.
DEFAULT_CONCERN = "bullying"

MAX_Q_LENGTH = 200
MAX_PER_PAGE = 100


class ListingParameters(BaseModel):
    """The query parameters of ``GET /v1/interventions``, as the API documents them.

    Unknown parameters are ignored, as HTTP APIs commonly do. List defaults are plain
    ``[]`` (pydantic copies them per instance) so that the OpenAPI document shows them.
    """

    q: str | None = Field(default=None, max_length=MAX_Q_LENGTH,
                          description="Free text, Dutch or English.")
    school_type: list[str] = Field(default=[],
                                   description="School type keys (any of).")
    level: list[str] = Field(default=[], description="Level keys (any of).")
    theme: list[str] = Field(default=[], description="Theme keys (any of).")
    approach: list[str] = Field(default=[], description="Approach keys (any of).")
    age: int | None = Field(default=None, ge=0, le=30, description="Age in years.")
    min_evidence: str | None = Field(default=None,
                                     description="Lowest common evidence level.")
    max_cost_eur: float | None = Field(default=None, ge=0, le=1e9,
                                       description="Maximum known cost.")
    cost_per: CostPer | None = Field(default=None, description="Basis of max_cost_eur.")
    include_unknown_cost: bool = Field(
        default=False,
        description="Keep items of unknown (or incomparable) cost when filtering by cost.")
    available_in_nl: bool | None = Field(
        default=None,
        description="true: only entries a Dutch school can get now (availability.nl); "
                    "false: only those marked not available. Unknown availability is "
                    "neither.")
    stale: bool | None = Field(
        default=None,
        description="true: only entries due for re-review (review_due in the past); "
                    "false: only those not yet due. See docs/compare.md.")
    effect_on: str | None = Field(
        default=None,
        description="A concern (theme key, e.g. bullying): only entries whose effect "
                    "verdict on it is positive. See docs/evidence.md.")
    sort: Sort | None = Field(
        default=None,
        description="relevance (default with q), evidence (default without q), name, or "
                    "effect: by the effect verdict on the concern (effect_on, else the one "
                    "theme filtered on, else bullying): positive, mixed, not_studied, "
                    "no_effect, negative; then evidence level.")
    page: int = Field(default=1, ge=1, le=10_000)
    per_page: int = Field(default=20, ge=1, le=MAX_PER_PAGE)
    facets: list[str] = Field(default=[],
                              description="Facets to count: school_type, level, theme, "
                                          "approach, evidence_level.")
    lang: Lang = Field(default="nl", description="Language of labels and summaries.")


class InterventionQuery(ListingParameters):
    # `today` is not an API parameter: it is the request's date (tests set it), which
    # `stale` and freshness are relative to.
    today: dt.date = Field(default_factory=dt.date.today)

    @property
    def text(self) -> str:
        return (self.q or "").strip()

    @property
    def effective_sort(self) -> Sort:
        if self.sort == "relevance" and not self.text:
            return "evidence"  # relevance without text means nothing; evidence is the default
        return self.sort or ("relevance" if self.text else "evidence")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def concern(self) -> str:
        """The concern whose effect verdicts this query shows and sorts by."""
        if self.effect_on:
            return self.effect_on
        if len(self.theme) == 1:
            return self.theme[0]
        return DEFAULT_CONCERN

    def terms(self, facet: str) -> list[str]:
        values: list[str] = getattr(self, facet)
        return values


@dataclass
class SearchResult:
    ids: list[str]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    backend: Literal["sqlite", "meilisearch"] = "sqlite"
    highlights: dict[str, dict[str, str]] = field(default_factory=dict)
