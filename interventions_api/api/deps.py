"""Dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from ..query import InterventionQuery, Lang, ListingParameters
from ..settings import Settings


async def app_settings(request: Request) -> Settings:
    """The settings the app was created with: ``create_app`` keeps them on app.state, as
    the middlewares use them too and tests create apps with settings of their own."""
    settings: Settings = request.app.state.settings
    return settings


async def intervention_query(
    parameters: Annotated[ListingParameters, Query()],
) -> InterventionQuery:
    """The listing's query parameters, with ``today`` (not a parameter: the request's
    date, which ``stale`` and freshness are relative to)."""
    return InterventionQuery(**parameters.model_dump())


SettingsDep = Annotated[Settings, Depends(app_settings)]
ListingQuery = Annotated[InterventionQuery, Depends(intervention_query)]
LangQuery = Annotated[Lang, Query(description="Language of labels and summaries.")]
