"""Routes for listing, searching and reading interventions."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request, Response

from ...json_bytes import json_array, json_object
from ...query import ListingParameters
from ...services import interventions as service
from ..deps import LangQuery, SettingsDep, intervention_query, settings_of
from ..openapi import query_parameters
from ..schemas import InterventionDetail, InterventionList

router = APIRouter(prefix="/v1", tags=["interventions"])


def _page_link(url: str, query_string: str, page: int) -> str:
    """The URL with ``page`` set, other parameters kept in order (as Starlette's
    ``include_query_params`` would, without parsing the whole URL again)."""
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k != "page"]
    return f"{url}?{urlencode([*pairs, ('page', page)])}"


@router.get("/interventions", response_model=InterventionList,
            openapi_extra={"parameters": query_parameters(ListingParameters)})
async def list_interventions(request: Request) -> Response:
    """List and search interventions.

    Filters within one parameter match any of the given values; different parameters
    must all match. `q` searches names, aliases, summaries and themes in Dutch and
    English. `meta.search_backend` says which engine answered.
    """
    # Parameters and settings read here, not as dependencies: this is the hottest route,
    # and each FastAPI dependency costs a share of its time (api/deps.py).
    query = intervention_query(request)
    outcome = await service.list_interventions_async(settings_of(request), query)
    result = outcome.result
    last_page = max(1, -(-result.total // query.per_page))
    base = str(request.url.replace(query=""))
    query_string = request.url.query
    body = {
        "data": json_array(outcome.items),
        "meta": {
            "total": result.total,
            "page": query.page,
            "per_page": query.per_page,
            "facets": result.facets,
            "search_backend": result.backend,
            "catalogue_version": outcome.context.version,
            "sort": query.effective_sort,
            "lang": query.lang,
        },
        "links": {
            "self": str(request.url),
            "next": _page_link(base, query_string, query.page + 1)
            if query.page < last_page else None,
            "prev": _page_link(base, query_string, query.page - 1) if query.page > 1 else None,
        },
    }
    # Returned as is: validating this hot response against InterventionList cost about
    # an eighth of a listing's CPU (docs/benchmarks.md). InterventionList still documents
    # it, and the schemathesis tests (tests/fuzz) check every response against it.
    headers = {"X-Search-Degraded": "true"} if outcome.degraded else None
    return Response(json_object(body), headers=headers, media_type="application/json")


@router.get("/interventions/{intervention_id}", response_model=InterventionDetail)
def get_intervention(intervention_id: str, settings: SettingsDep,
                     lang: LangQuery = "nl") -> dict[str, Any]:
    """One intervention with every field and its evidence in full."""
    return service.get_intervention(settings, intervention_id, lang)
