"""Listing, searching and reading interventions: the logic behind the routes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from ..db.repository import Repository, connect
from ..effects import CONCERNS
from ..errors import FieldError, InvalidInput, NotFound, Say, SearchUnavailable
from ..ops.metrics import record_search
from ..query import FACETS, TERM_FILTERS, InterventionQuery, SearchResult
from ..settings import Settings
from .catalogue_context import CatalogueContext, catalogue_context
from .listing_items import listing_items
from .presenters import present_detail

log = logging.getLogger(__name__)


@dataclass
class ListResult:
    items: list[dict[str, Any]]
    result: SearchResult
    context: CatalogueContext
    query: InterventionQuery  # as searched: school-type words made filters
    degraded: bool = False
    # School-type and year words of the text that became filters (search/text.py).
    recognized: list[dict[str, Any]] = field(default_factory=list)


def validate_query(query: InterventionQuery, context: CatalogueContext) -> None:
    """Every vocabulary key in the query must exist; report all bad ones at once."""
    errors: list[FieldError] = []
    for facet in TERM_FILTERS:
        section = FACETS[facet]
        assert section is not None
        terms = context.vocabularies.section(section)
        for value in query.terms(facet):
            if value not in terms:
                errors.append(FieldError(facet, Say("error.unknown_term",
                                                     {"facet": facet, "value": value}), value,
                                         sorted(terms)))
    if query.min_evidence is not None and query.min_evidence not in context.evidence_scale.order:
        errors.append(FieldError("min_evidence",
                                 Say("error.evidence_level", {"value": query.min_evidence}),
                                 query.min_evidence, context.evidence_scale.order))
    if query.effect_on is not None and (query.effect_on not in CONCERNS or query.effect_on
                                        not in context.vocabularies.themes):
        errors.append(FieldError("effect_on",
                                 Say("error.unknown_concern", {"value": query.effect_on}),
                                 query.effect_on, sorted(CONCERNS)))
    for name in query.facets:
        if name not in FACETS:
            errors.append(FieldError("facets", Say("error.unknown_facet", {"value": name}), name,
                                     list(FACETS)))
    if errors:
        raise InvalidInput("; ".join(e.message.render("en") for e in errors), errors)


def sqlite_search(settings: Settings, query: InterventionQuery,
                  context: CatalogueContext) -> SearchResult:
    from ..search.text import search_text

    with connect(settings.db_path) as conn:
        repository = Repository(conn)
        text = None
        if query.text:
            text = search_text(query.text, context.synonyms, context.typo_index,
                               repository.pair_count)
        return repository.search(query, context.evidence_scale.order, text,
                                 context.topic(query.text))


def with_school_words(query: InterventionQuery) -> tuple[InterventionQuery,
                                                        list[dict[str, Any]]]:
    """The query with its school-type and year words ("vmbo", "groep 7") taken out of the
    text and made filters — unless the query filters on school type or age itself: the
    explicit filter wins. Each recognized word is reported, applied or not."""
    from ..search.text import school_words

    found = school_words(query.text)
    if not found.recognized:
        return query, []
    update: dict[str, Any] = {"q": found.text or None}
    if found.school_types and not query.school_type:
        update["school_type"] = found.school_types
    if found.age is not None and query.age is None:
        update["age"] = found.age
    recognized = [{"words": words, "filter": name, "value": value,
                   "applied": update.get(name) == value
                   or (name == "school_type" and value in update.get(name, []))}
                  for words, name, value in found.recognized]
    return query.model_copy(update=update), recognized


async def list_interventions_async(settings: Settings, query: InterventionQuery) -> ListResult:
    """List or search: on Meilisearch when configured, on SQLite otherwise or when it
    fails (then ``degraded``).

    Meilisearch is awaited on the event loop; SQLite (a search, reading the page's
    entries) runs in the thread pool, where a slow query cannot stall the loop.
    """
    context = catalogue_context(settings.db_path)
    validate_query(query, context)
    query, recognized = with_school_words(query)
    result: SearchResult | None = None
    degraded = False
    if settings.meili_url:
        from ..search.engine import meili_search_async

        try:
            result = await meili_search_async(settings, query, context)
        except SearchUnavailable as exc:
            log.warning("search degraded to SQLite: %s", exc.detail)
            degraded = True
    if result is None:
        result = await run_in_threadpool(sqlite_search, settings, query, context)
    record_search(result.backend, degraded)
    items = await run_in_threadpool(listing_items, settings.db_path, result.ids, context,
                                    query.lang, query.today, result.highlights, query.concern)
    return ListResult(items, result, context, query, degraded, recognized)


def get_intervention(settings: Settings, intervention_id: str, lang: str) -> dict[str, Any]:
    context = catalogue_context(settings.db_path)
    with connect(settings.db_path) as conn:
        document = Repository(conn).document(intervention_id)
    if document is None:
        raise NotFound(f"no intervention with id '{intervention_id}'",
                       [FieldError("id", Say("error.unknown_id"), intervention_id)],
                       Say("problem.no_intervention", {"ids": f"'{intervention_id}'"}))
    return present_detail(document, context, lang)
