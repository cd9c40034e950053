"""Search on Meilisearch: the query model compiled to one multi-search request.

One request carries the main query (hits, totals, the counts of facets the query does
not filter on), one count-only query per facet the query *does* filter on (its own
condition left out: disjunctive facets, the same semantics as the SQLite repository),
and a read of the sync state, to check that the index holds the catalogue version the
database holds. Any failure — timeout, connection error, 5xx, a missing index, an index
behind the database — raises ``SearchUnavailable``, and the service answers from SQLite.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..errors import InterventionsError, SearchUnavailable
from ..query import InterventionQuery, SearchResult
from ..services.catalogue_context import CatalogueContext, catalogue_context
from ..settings import Settings
from .async_client import shared_async_client
from .client import MeiliClient, MeiliError, shared_client
from .documents import FACET_FIELDS
from .filters import MeiliFilters
from .index_settings import SORTS
from .sync import state_index

log = logging.getLogger(__name__)

# Meilisearch reads `"…"` as a phrase and a leading `-` as "without this word"; SQLite
# reads neither. Plain words keep both engines answering the same question.
_OPERATORS = re.compile(r'"|(?:(?<=\s)|^)-+')
_WORD = re.compile(r"\w")

HIGHLIGHT_TAGS = {"highlightPreTag": "<mark>", "highlightPostTag": "</mark>"}
CROP_WORDS = 24  # as the SQLite snippet


def meili_text(text: str) -> str:
    """The query text without Meilisearch's phrase and negation operators."""
    return " ".join(_OPERATORS.sub(" ", text).split())


def _client(settings: Settings) -> MeiliClient:
    assert settings.meili_url
    return shared_client(settings.meili_url, settings.meili_api_key,
                         settings.meili_timeout_ms / 1000)


def search_request(settings: Settings, query: InterventionQuery,
                   context: CatalogueContext) -> list[dict[str, Any]]:
    """The queries of the multi-search request: main, per-facet counts, sync state."""
    index = settings.meili_index
    filters = MeiliFilters(query, context.evidence_scale.order)
    own = [name for name in query.facets if filters.active(name)]
    main: dict[str, Any] = {
        "indexUid": index,
        "q": meili_text(query.text),
        "filter": filters.expression(),
        "page": query.page,
        "hitsPerPage": query.per_page,
        "attributesToRetrieve": ["id"],
        "facets": [FACET_FIELDS[name] for name in query.facets if name not in own],
    }
    sort = query.effective_sort
    if sort != "relevance":
        main["sort"] = SORTS[sort]
    if query.text:
        main.update({
            "attributesToHighlight": ["name", "summary_nl", "summary_en"],
            "attributesToCrop": ["summary_nl", "summary_en"],
            "cropLength": CROP_WORDS,
            "cropMarker": "…",
            **HIGHLIGHT_TAGS,
        })
    queries = [main]
    for name in own:
        queries.append({
            "indexUid": index,
            "q": meili_text(query.text),
            "filter": filters.expression(exclude=name),
            "page": 1,
            "hitsPerPage": 0,
            "facets": [FACET_FIELDS[name]],
        })
    queries.append({"indexUid": state_index(index), "q": "", "limit": 1})
    return queries


def _highlight(hit: dict[str, Any], lang: str) -> dict[str, str]:
    formatted = hit.get("_formatted") or {}
    summary = formatted.get("summary_en") if lang == "en" else None
    return {"name": formatted.get("name") or "",
            "summary": summary or formatted.get("summary_nl") or ""}


def _counts(distribution: dict[str, int]) -> dict[str, int]:
    # The same order as the SQLite facets: most first, then by key.
    return dict(sorted(distribution.items(), key=lambda item: (-item[1], item[0])))


def meili_search(settings: Settings, query: InterventionQuery,
                 context: CatalogueContext) -> SearchResult:
    """Search on Meilisearch, blocking (scripts and tests; the API uses the async one)."""
    queries = search_request(settings, query, context)
    try:
        response = _client(settings).post("/multi-search", {"queries": queries})
    except MeiliError as exc:
        raise _unavailable(exc) from exc
    return read_response(settings, query, context, response)


async def meili_search_async(settings: Settings, query: InterventionQuery,
                             context: CatalogueContext) -> SearchResult:
    """Search on Meilisearch from the event loop (the API's search path)."""
    assert settings.meili_url
    queries = search_request(settings, query, context)
    try:
        client = shared_async_client(settings.meili_url, settings.meili_api_key,
                                     settings.meili_timeout_ms / 1000)
        response = await client.post("/multi-search", {"queries": queries})
    except MeiliError as exc:
        raise _unavailable(exc) from exc
    return read_response(settings, query, context, response)


def _unavailable(exc: MeiliError) -> SearchUnavailable:
    if not exc.server_side:
        log.error("Meilisearch rejected a search (%s); answering from SQLite", exc.message)
    return SearchUnavailable(exc.message)


def read_response(settings: Settings, query: InterventionQuery, context: CatalogueContext,
                  response: dict[str, Any]) -> SearchResult:
    """The multi-search answer as a ``SearchResult``; ``SearchUnavailable`` when the index
    does not hold the catalogue version the database holds."""
    results = response["results"]
    main, state = results[0], results[-1]
    states = state.get("hits") or [{}]
    indexed_version = states[0].get("catalogue_version")
    if indexed_version != context.version:
        raise SearchUnavailable(
            f"the Meilisearch index '{settings.meili_index}' holds catalogue version "
            f"{indexed_version or '(none)'}, the database {context.version}; "
            "run 'interventions index'")
    # Each facet is counted by exactly one query: the main one, or its own.
    distributions: dict[str, dict[str, int]] = {}
    for result in results[:-1]:
        distributions.update(result.get("facetDistribution") or {})
    facets = {name: _counts(distributions.get(FACET_FIELDS[name], {})) for name in query.facets}
    hits = main.get("hits", [])
    ids = [str(hit["id"]) for hit in hits]
    words = bool(_WORD.search(query.text))  # as SQLite: no words, nothing to mark
    highlights = {str(hit["id"]): _highlight(hit, query.lang) for hit in hits} if words else {}
    return SearchResult(ids, int(main.get("totalHits", 0)), facets, "meilisearch", highlights)


def meili_health(settings: Settings) -> dict[str, Any]:
    """The state of the search engine for ``/readyz``: ``ok`` when searches will be
    answered by Meilisearch, ``degraded`` (with the reason) when they fall back to SQLite.

    Uses only the search route, so it works with the search-only key the API holds.
    """
    index = settings.meili_index
    client = _client(settings)
    try:
        response = client.post("/multi-search", {"queries": [
            {"indexUid": index, "q": "", "page": 1, "hitsPerPage": 0},
            {"indexUid": state_index(index), "q": "", "limit": 1},
        ]})
    except MeiliError as exc:
        return {"status": "degraded", "backend": "sqlite", "index": index,
                "detail": exc.message}
    live, state = response["results"]
    synced = (state.get("hits") or [{}])[0]
    check: dict[str, Any] = {
        "status": "ok", "backend": "meilisearch", "index": index,
        "documents": live.get("totalHits"),
        "catalogue_version": synced.get("catalogue_version"),
        "synced_at": synced.get("synced_at"),
    }
    try:
        database_version: str | None = catalogue_context(settings.db_path).version
    except InterventionsError:  # the database check of /readyz reports that itself
        database_version = None
    if database_version and check["catalogue_version"] != database_version:
        check.update(status="degraded", backend="sqlite",
                     detail=f"the index holds catalogue version {check['catalogue_version']}, "
                            f"the database {database_version}; run 'interventions index'")
    return check
