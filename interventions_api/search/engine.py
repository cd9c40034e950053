"""Search on Meilisearch: the query model compiled to one multi-search request.

One request carries the main query (hits, totals, the counts of facets the query does
not filter on) and one count-only query per facet the query *does* filter on (its own
condition left out: disjunctive facets, the same semantics as the SQLite repository).

The index must hold the catalogue version the database holds. Which version it holds
(its sync state, ``<index>_sync``) is read once per catalogue version of the database and
again at most every ``meili_sync_check_s`` seconds, not per search. Any failure — timeout,
connection error, 5xx, a missing index, an index behind the database — raises
``SearchUnavailable``, and the service answers from SQLite.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import InterventionsError, SearchUnavailable
from ..query import InterventionQuery, SearchResult
from ..services.catalogue_context import CatalogueContext, catalogue_context
from ..settings import Settings
from .documents import FACET_FIELDS
from .filters import MeiliFilters
from .index_settings import SORTS, TOPIC_SORT
from .meili import (
    MEILI_ERRORS,
    MeiliRefused,
    close_http_client,
    describe,
    not_found,
    post,
    search_unavailable,
)
from .sync import state_index
from .text import CROP_WORDS, search_words

HIGHLIGHT_TAGS = {"highlightPreTag": "<mark>", "highlightPostTag": "</mark>"}


def meili_text(text: str) -> str:
    """The query as Meilisearch is sent it: its search words only (search/text.py), the
    same words SQLite searches for. Without stop words, and without Meilisearch's phrase
    (`"…"`) and negation (`-word`) operators, which SQLite does not have."""
    return " ".join(search_words(text))


def search_request(settings: Settings, query: InterventionQuery,
                   context: CatalogueContext) -> list[dict[str, Any]]:
    """The queries of the multi-search request: main, then one per-facet count."""
    index = settings.meili_index
    filters = MeiliFilters(query, context.evidence_scale.order)
    own = [name for name in query.facets if filters.active(name)]
    main: dict[str, Any] = {
        "indexUid": index,
        "q": meili_text(query.text),
        "matchingStrategy": "all",  # every word must match, as on SQLite
        "filter": filters.expression(),
        "page": query.page,
        "hitsPerPage": query.per_page,
        "attributesToRetrieve": ["id"],
        "facets": [FACET_FIELDS[name] for name in query.facets if name not in own],
    }
    sort = query.effective_sort
    topic = context.topic(query.text) if sort == "relevance" else None
    if sort != "relevance":
        main["sort"] = [rule.format(concern=query.concern) for rule in SORTS[sort]]
    elif topic:
        main["sort"] = [rule.format(concern=topic) for rule in TOPIC_SORT]
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
            "matchingStrategy": "all",
            "filter": filters.expression(exclude=name),
            "page": 1,
            "hitsPerPage": 0,
            "facets": [FACET_FIELDS[name]],
        })
    return queries


def _highlight(hit: dict[str, Any], lang: str) -> dict[str, str]:
    """The name and the summary the item shows: English with lang=en where the entry
    has one, Dutch otherwise; never one language's summary for the other."""
    formatted = hit.get("_formatted") or {}
    summary = formatted.get("summary_en") if lang == "en" else None
    return {"name": formatted.get("name") or "",
            "summary": summary or formatted.get("summary_nl") or ""}


def _counts(distribution: dict[str, int]) -> dict[str, int]:
    # The same order as the SQLite facets: most first, then by key.
    return dict(sorted(distribution.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class _IndexVersion:
    """Which catalogue version an index held, when the database held ``database``."""

    database: str
    indexed: str | None
    read_at: float


# Per server and index. Not locked: two requests that re-read it at once both write
# what Meilisearch said.
_index_versions: dict[tuple[str, str], _IndexVersion] = {}


async def _sync_state(settings: Settings) -> dict[str, Any]:
    """The index's sync state, ``{}`` when none is recorded. Read through the search
    route, so that the search-only key the API holds can read it."""
    assert settings.meili_url
    try:
        answer = await post(settings.meili_url, settings.meili_api_key,
                            f"/indexes/{state_index(settings.meili_index)}/search",
                            {"q": "", "limit": 1}, settings.meili_timeout_ms / 1000)
    except MeiliRefused as exc:
        if not_found(exc):
            return {}
        raise
    hits: list[dict[str, Any]] = answer.get("hits") or [{}]
    return hits[0]


async def _check_in_sync(settings: Settings, context: CatalogueContext) -> None:
    """``SearchUnavailable`` unless the index holds the database's catalogue version."""
    assert settings.meili_url
    key = (settings.meili_url, settings.meili_index)
    known = _index_versions.get(key)
    now = time.monotonic()
    if (known is None or known.database != context.version
            or now - known.read_at >= settings.meili_sync_check_s):
        state = await _sync_state(settings)
        known = _index_versions[key] = _IndexVersion(
            context.version, state.get("catalogue_version"), now)
    if known.indexed != context.version:
        raise SearchUnavailable(behind(settings, known.indexed, context.version))


def behind(settings: Settings, indexed: str | None, database: str) -> str:
    return (f"the Meilisearch index '{settings.meili_index}' holds catalogue version "
            f"{indexed or '(none)'}, the database {database}; run 'interventions index'")


async def meili_search_async(settings: Settings, query: InterventionQuery,
                             context: CatalogueContext) -> SearchResult:
    """Search on Meilisearch: one request (the API's search path)."""
    assert settings.meili_url
    if query.text and not meili_text(query.text):
        # No search words: nothing matches (Meilisearch would list everything).
        return SearchResult([], 0, {name: {} for name in query.facets}, "meilisearch")
    try:
        await _check_in_sync(settings, context)
        response = await post(settings.meili_url, settings.meili_api_key, "/multi-search",
                              {"queries": search_request(settings, query, context)},
                              settings.meili_timeout_ms / 1000)
    except MEILI_ERRORS as exc:
        raise search_unavailable(exc, settings.meili_url) from exc
    return read_response(query, response)


def meili_search(settings: Settings, query: InterventionQuery,
                 context: CatalogueContext) -> SearchResult:
    """``meili_search_async``, blocking, for scripts and tests. On an event loop of its
    own, in a thread of its own: the caller's thread may already run a loop."""

    async def once() -> SearchResult:
        try:
            return await meili_search_async(settings, query, context)
        finally:
            await close_http_client()

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, once()).result()


def read_response(query: InterventionQuery, response: dict[str, Any]) -> SearchResult:
    """The multi-search answer as a ``SearchResult``."""
    results = response["results"]
    main = results[0]
    # Each facet is counted by exactly one query: the main one, or its own.
    distributions: dict[str, dict[str, int]] = {}
    for result in results:
        distributions.update(result.get("facetDistribution") or {})
    facets = {name: _counts(distributions.get(FACET_FIELDS[name], {})) for name in query.facets}
    hits = main.get("hits", [])
    ids = [str(hit["id"]) for hit in hits]
    highlights = {str(hit["id"]): _highlight(hit, query.lang) for hit in hits} if query.text else {}
    return SearchResult(ids, int(main.get("totalHits", 0)), facets, "meilisearch", highlights)


async def meili_health(settings: Settings) -> dict[str, Any]:
    """The state of the search engine for ``/readyz``: ``ok`` when searches will be
    answered by Meilisearch, ``degraded`` (with the reason) when they fall back to SQLite.

    Reads the sync state afresh. Uses only the search route, so it works with the
    search-only key the API holds.
    """
    assert settings.meili_url
    index = settings.meili_index
    try:
        live = await post(settings.meili_url, settings.meili_api_key,
                          f"/indexes/{index}/search", {"q": "", "page": 1, "hitsPerPage": 0},
                          settings.meili_timeout_ms / 1000)
        synced = await _sync_state(settings)
    except MEILI_ERRORS as exc:
        # No address: /readyz is public, the internal URL is not.
        return {"status": "degraded", "backend": "sqlite", "index": index,
                "detail": describe(exc, None)}
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
                     detail=behind(settings, check["catalogue_version"], database_version))
    return check
