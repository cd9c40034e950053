"""Routes for listing, searching and reading interventions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import URL

from ...query import InterventionQuery
from ...services import interventions as service
from ..deps import LangQuery, ListingQuery, SettingsDep
from ..problems import public_url
from ..schemas import InterventionDetail, InterventionList

router = APIRouter(prefix="/v1", tags=["interventions"])


def _link(request: Request, url: URL) -> str:
    return public_url(request, f"{url.path}?{url.query}" if url.query else url.path)


@router.get("/interventions", response_model=InterventionList)
async def list_interventions(request: Request, response: Response, settings: SettingsDep,
                             parameters: ListingQuery) -> dict[str, Any]:
    """List and search interventions.

    Filters within one parameter match any of the given values; different parameters
    must all match. `q` searches names, aliases, summaries and themes in Dutch and
    English. `meta.search_backend` says which engine answered.
    """
    # `today` is no parameter: the request's date, which `stale` and freshness are relative to.
    query = InterventionQuery(**parameters.model_dump())
    outcome = await service.list_interventions_async(settings, query)
    if outcome.degraded:
        response.headers["X-Search-Degraded"] = "true"
    result = outcome.result
    last_page = max(1, -(-result.total // query.per_page))
    return {
        "data": outcome.items,
        "meta": {
            "total": result.total,
            "page": query.page,
            "per_page": query.per_page,
            "facets": result.facets,
            "search_backend": result.backend,
            "catalogue_version": outcome.context.version,
            "sort": outcome.query.effective_sort,
            "lang": query.lang,
            "recognized": outcome.recognized,
        },
        "links": {
            "self": _link(request, request.url),
            "next": _link(request, request.url.include_query_params(page=query.page + 1))
            if query.page < last_page else None,
            "prev": _link(request, request.url.include_query_params(page=query.page - 1))
            if query.page > 1 else None,
        },
    }


@router.get("/interventions/{intervention_id}", response_model=InterventionDetail)
def get_intervention(intervention_id: str, settings: SettingsDep,
                     lang: LangQuery = "nl") -> dict[str, Any]:
    """One intervention with every field and its evidence in full."""
    return service.get_intervention(settings, intervention_id, lang)
