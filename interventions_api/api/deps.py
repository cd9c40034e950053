"""Dependencies shared by the routes.

They are ``async def`` although they never wait: FastAPI runs a plain ``def`` dependency
in the thread pool, two thread hand-offs per request for a few attribute reads
(docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Annotated, Any, get_origin

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ..query import InterventionQuery, Lang, ListingParameters
from ..settings import Settings


def settings_of(request: Request) -> Settings:
    """The settings the app was created with (``create_app`` keeps them on app.state)."""
    settings: Settings = request.app.state.settings
    return settings


async def app_settings(request: Request) -> Settings:
    return settings_of(request)


SettingsDep = Annotated[Settings, Depends(app_settings)]
LangQuery = Annotated[Lang, Query(description="Language of labels and summaries.")]


LIST_PARAMETERS = frozenset(name for name, field in ListingParameters.model_fields.items()
                            if get_origin(field.annotation) is list)


def intervention_query(request: Request) -> InterventionQuery:
    """The listing's parameters, validated by ``ListingParameters`` in one pass.

    Read by the route itself rather than declared to FastAPI, which inspects every
    declared parameter's type again on every request: sixteen of them cost about a
    millisecond, as much as the rest of a listing (docs/benchmarks.md). The route
    documents them from the same model (``openapi.query_parameters``); errors are
    FastAPI's own 422, so they look like every other validation error. Repeated
    parameters: lists take every value, the others the last one, as FastAPI does.
    """
    params = request.query_params
    values: dict[str, Any] = {}
    for name in ListingParameters.model_fields:
        if name in LIST_PARAMETERS:
            if items := params.getlist(name):
                values[name] = items
        elif name in params:
            values[name] = params[name]
    try:
        # InterventionQuery is ListingParameters with ``today``, which no parameter sets:
        # its default is the request's date.
        return InterventionQuery.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("query", *error["loc"])}
             for error in exc.errors(include_url=False)]) from None


