"""The realistic requests that the benchmark and the load test send.

Words come from the vocabulary labels and the synonym groups (what schools type); the
filters are the ones the reference page offers. The same lists serve the API and, in
their own syntax, raw Meilisearch and datasette, so both sides answer the same question
(bench/run.py checks that they do before it measures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from .driver import Request

PAGE_SIZE = 20  # the API's default, and datasette's page size here

SEARCH_TERMS = ("pesten", "online pesten", "weerbaarheid", "bullying", "groepsvorming",
                "sociale veiligheid", "conflict resolution", "emoties", "klas", "ouders",
                "schoolklimaat", "wellbeing")

# (API query parameters, a description). Each filter has a datasette equivalent below.
LIST_FILTERS: tuple[dict[str, Any], ...] = (
    {"school_type": "po", "theme": "bullying"},
    {"level": "class", "min_evidence": "first_indications"},
    {"approach": "whole_school", "age": 10},
    {"school_type": "vo", "theme": ["cyberbullying", "bullying"]},
)

MATCH_PROFILES: tuple[dict[str, Any], ...] = (
    {"school_type": "po", "ages": {"min": 8, "max": 12},
     "concerns": ["bullying", "cyberbullying"], "approaches": ["restorative"],
     "levels": ["individual", "class", "school"], "lang": "nl", "limit": 10},
    {"school_type": "vo", "concerns": ["resilience", "school_climate"],
     "min_evidence": "first_indications", "lang": "en", "limit": 10},
)


def api_search_requests() -> list[Request]:
    return [Request("search", "/v1/interventions?" + urlencode({"q": term}))
            for term in SEARCH_TERMS]


def api_list_requests() -> list[Request]:
    return [Request("list", "/v1/interventions?" + urlencode(params, doseq=True))
            for params in LIST_FILTERS]


def meili_search_requests(index: str, key: str, db_path: Path) -> list[Request]:
    """Each search term sent straight to Meilisearch as the API asks it (the main query of
    the API's own multi-search: the search words, the same matching strategy, sort and
    page size, highlighted and cropped summaries), but for the whole documents (every
    attribute) rather than the ids the API then presents. Uncompressed, as autocannon and
    the API requests are: both sides send the same headers."""
    from interventions_api.query import InterventionQuery
    from interventions_api.search.engine import search_request
    from interventions_api.services.catalogue_context import catalogue_context
    from interventions_api.settings import Settings

    settings = Settings(_env_file=None, db_path=db_path, meili_index=index)
    context = catalogue_context(db_path)
    requests = []
    for term in SEARCH_TERMS:
        body = search_request(settings, InterventionQuery(q=term, per_page=PAGE_SIZE),
                              context)[0]
        body = {k: v for k, v in body.items() if k not in ("indexUid", "facets")}
        body["attributesToRetrieve"] = ["*"]
        requests.append(Request("search", f"/indexes/{index}/search", "POST", json=body,
                                headers={"Authorization": f"Bearer {key}"}))
    return requests


def match_requests() -> list[Request]:
    return [Request("match", "/v1/match", "POST", json=profile) for profile in MATCH_PROFILES]


def plan_and_monitor_requests() -> list[Request]:
    """The safety plan as JSON and as Word, and the monitor, from the OpenAPI examples
    without the programmes in use: those name real catalogue entries, and the load test
    may run on a synthetic catalogue."""
    from interventions_api.api.routes.monitor import MONITOR_EXAMPLE
    from interventions_api.api.routes.plan import PLAN_EXAMPLE
    from interventions_api.plan.docx import MEDIA_TYPE as DOCX

    plan = {k: v for k, v in PLAN_EXAMPLE.items()
            if k not in ("current_interventions", "in_use_since")}
    monitor = {k: v for k, v in MONITOR_EXAMPLE.items() if k != "interventions"}
    return [Request("plan", "/v1/plan", "POST", json=plan),
            Request("plan-word", "/v1/plan", "POST", json=plan, headers={"Accept": DOCX}),
            Request("monitor", "/v1/monitor", "POST", json=monitor)]


def _terms_clause(facet: str, values: list[str]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return (f"id in (select intervention_id from intervention_terms "
            f"where facet = '{facet}' and term in ({quoted}))")


def datasette_list_requests(database: str, evidence_order: list[str]) -> list[Request]:
    """The same filters as ``LIST_FILTERS`` through datasette's table JSON API: term
    filters as ``_where`` subqueries on intervention_terms (what the API's SQL does),
    ranges as column filters, the same default order (evidence, best first) and page size.
    """
    requests = []
    for params in LIST_FILTERS:
        query: list[tuple[str, str]] = []
        for facet in ("school_type", "level", "theme", "approach"):
            if facet in params:
                value = params[facet]
                query.append(("_where", _terms_clause(facet, [value] if isinstance(value, str)
                                                       else list(value))))
        if "min_evidence" in params:
            query.append(("evidence_rank__gte",
                          str(evidence_order.index(params["min_evidence"]))))
        if "age" in params:
            query += [("age_min__lte", str(params["age"])), ("age_max__gte", str(params["age"]))]
        query += [("_sort_desc", "evidence_rank"), ("_size", str(PAGE_SIZE)),
                  ("_shape", "objects")]
        requests.append(Request("list", f"/{database}/interventions.json?" + urlencode(query)))
    return requests


def mixed_requests(ids: list[str]) -> list[Request]:
    """A mix of what schools and portals do, weighted roughly by how often they do it."""
    mix: list[Request] = []
    searches = api_search_requests()
    lists = api_list_requests()
    for index in range(len(searches)):
        mix.append(searches[index])
        mix.append(lists[index % len(lists)])
        if ids:
            mix.append(Request("detail", f"/v1/interventions/{ids[index % len(ids)]}"))
    facet_query = urlencode({"facets": ["theme", "school_type", "evidence_level"],
                             "per_page": 50}, doseq=True)
    mix.append(Request("facets", f"/v1/interventions?{facet_query}"))
    mix.append(Request("search-page-2", "/v1/interventions?" +
                       urlencode({"q": "pesten", "page": 2, "lang": "en"})))
    mix.append(Request("vocabularies", "/v1/vocabularies"))
    mix.append(Request("catalogue", "/v1/catalogue"))
    if len(ids) >= 3:
        mix.append(Request("compare", "/v1/compare?" + urlencode({"ids": ",".join(ids[:3])})))
    mix += match_requests()
    mix += plan_and_monitor_requests()
    return mix
