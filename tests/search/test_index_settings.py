"""Drift: the index settings, the document shape and the query model agree."""

from __future__ import annotations

from pathlib import Path

from interventions_api.db.repository import Repository, connect
from interventions_api.query import FACETS, InterventionQuery
from interventions_api.search.documents import (
    DOCUMENT_FIELDS,
    FACET_FIELDS,
    QUERY_FILTER_FIELDS,
    build_document,
)
from interventions_api.search.index_settings import (
    RANKING_RULES,
    SORTS,
    index_settings,
)
from interventions_api.services.catalogue_context import catalogue_context

# Fields of InterventionQuery that are not filters.
NOT_FILTERS = {"q", "sort", "page", "per_page", "facets", "lang", "today"}  # today: of `stale`
JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "number": (int, float), "string[]": list, "boolean": bool, "object": dict}


def test_every_filter_of_the_query_model_says_how_meilisearch_evaluates_it() -> None:
    filters = set(InterventionQuery.model_fields) - NOT_FILTERS
    assert filters == set(QUERY_FILTER_FIELDS)
    filterable = set(index_settings({})["filterableAttributes"])
    for name, fields in QUERY_FILTER_FIELDS.items():
        assert set(fields) <= filterable, name


def test_every_facet_is_filterable() -> None:
    assert set(FACET_FIELDS) == set(FACETS)
    assert set(FACET_FIELDS.values()) <= set(index_settings({})["filterableAttributes"])


def test_settings_name_only_fields_of_the_document() -> None:
    settings = index_settings({})
    named = (set(settings["searchableAttributes"]) | set(settings["filterableAttributes"])
             | set(settings["sortableAttributes"])
             | {p for item in settings["localizedAttributes"] for p in item["attributePatterns"]}
             | {rule.split(":")[0] for rule in RANKING_RULES if ":" in rule})
    assert named <= set(DOCUMENT_FIELDS)
    for rules in SORTS.values():
        # A nested field (effect_rank.<concern>) is sortable through its parent.
        assert {rule.split(":")[0].split(".")[0] for rule in rules} <= set(
            settings["sortableAttributes"])


def test_custom_ranking_rules_come_after_the_built_in_ones() -> None:
    custom = [i for i, rule in enumerate(RANKING_RULES) if ":" in rule]
    built_in = [i for i, rule in enumerate(RANKING_RULES) if ":" not in rule]
    assert RANKING_RULES[custom[0]] == "evidence_rank:desc"
    assert max(built_in) < min(custom)


def test_documents_built_from_sqlite_have_exactly_the_declared_shape(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    with connect(loaded_db) as conn:
        rows = Repository(conn).search_index_rows()
    documents = [build_document(row, context.vocabularies) for row in rows]
    assert len(documents) == len(rows) > 0
    for document in documents:
        assert set(document) == set(DOCUMENT_FIELDS), document["id"]
        for name, kind in DOCUMENT_FIELDS.items():
            value = document[name]
            if value is None:
                assert kind.endswith("?"), (document["id"], name)
            else:
                assert isinstance(value, JSON_TYPES[kind.rstrip("?")]), (document["id"], name)
    # Custom ranking rules need a value in every document, or the order is undefined.
    for rule in RANKING_RULES:
        if ":" in rule:
            assert all(d[rule.split(":")[0]] is not None for d in documents)
