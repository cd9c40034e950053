"""Dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from ..query import MAX_PER_PAGE, MAX_Q_LENGTH, CostPer, InterventionQuery, Lang, Sort
from ..settings import Settings


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (``create_app`` keeps them on app.state)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
LangQuery = Annotated[Lang, Query(description="Language of labels and summaries.")]


def intervention_query(
    q: Annotated[str | None, Query(max_length=MAX_Q_LENGTH,
                                   description="Free text, Dutch or English.")] = None,
    school_type: Annotated[list[str], Query(description="School type keys (any of).")] = [],  # noqa: B006
    level: Annotated[list[str], Query(description="Level keys (any of).")] = [],  # noqa: B006
    theme: Annotated[list[str], Query(description="Theme keys (any of).")] = [],  # noqa: B006
    approach: Annotated[list[str], Query(description="Approach keys (any of).")] = [],  # noqa: B006
    age: Annotated[int | None, Query(ge=0, le=30, description="Age in years.")] = None,
    min_evidence: Annotated[str | None, Query(description="Lowest common evidence level.")] = None,
    max_cost_eur: Annotated[float | None, Query(ge=0, le=1e9,
                                                description="Maximum known cost.")] = None,
    cost_per: Annotated[CostPer | None, Query(description="Basis of max_cost_eur.")] = None,
    include_unknown_cost: Annotated[bool, Query(
        description="Keep items of unknown (or incomparable) cost when filtering by cost."
    )] = False,
    stale: Annotated[bool | None, Query(
        description="true: only entries due for re-review (review_due in the past); "
                    "false: only those not yet due. See docs/compare.md.")] = None,
    sort: Annotated[Sort | None, Query(description="relevance (default with q), "
                                                   "evidence (default without q), name.")] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
    facets: Annotated[list[str], Query(description="Facets to count: school_type, level, "
                                                   "theme, approach, evidence_level.")] = [],  # noqa: B006
    lang: LangQuery = "nl",
) -> InterventionQuery:
    return InterventionQuery(
        q=q, school_type=school_type, level=level, theme=theme, approach=approach, age=age,
        min_evidence=min_evidence, max_cost_eur=max_cost_eur, cost_per=cost_per,
        include_unknown_cost=include_unknown_cost, stale=stale, sort=sort, page=page,
        per_page=per_page, facets=facets, lang=lang,
    )


QueryDep = Annotated[InterventionQuery, Depends(intervention_query)]
