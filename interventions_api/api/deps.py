"""Dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from ..query import Lang, ListingParameters
from ..settings import Settings


async def app_settings(request: Request) -> Settings:
    """The settings the app was created with: ``create_app`` keeps them on app.state, as
    the middlewares use them too and tests create apps with settings of their own."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
ListingQuery = Annotated[ListingParameters, Query()]  # query.py documents each one
LangQuery = Annotated[Lang, Query(description="Language of labels and summaries.")]
