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

Sort = Literal["relevance", "evidence", "name"]
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

MAX_Q_LENGTH = 200
MAX_PER_PAGE = 100


class InterventionQuery(BaseModel):
    q: str | None = Field(default=None, max_length=MAX_Q_LENGTH)
    school_type: list[str] = Field(default_factory=list)
    level: list[str] = Field(default_factory=list)
    theme: list[str] = Field(default_factory=list)
    approach: list[str] = Field(default_factory=list)
    age: int | None = Field(default=None, ge=0, le=30)
    min_evidence: str | None = None
    max_cost_eur: float | None = Field(default=None, ge=0)
    cost_per: CostPer | None = None
    include_unknown_cost: bool = False
    # true: only entries whose review is due (review_due before `today`); false: only the
    # others. `today` is not an API parameter: it is the request's date, set by tests.
    stale: bool | None = None
    today: dt.date = Field(default_factory=dt.date.today)
    sort: Sort | None = None
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=20, ge=1, le=MAX_PER_PAGE)
    facets: list[str] = Field(default_factory=list)
    lang: Lang = "nl"

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
