"""User input can never change the structure of a Meilisearch filter.

Hostile values go straight to the engine (the API would already refuse them as unknown
vocabulary keys): Meilisearch must accept the filter and match nothing, exactly like the
SQLite engine, which binds values as parameters.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.services.catalogue_context import CatalogueContext
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import Settings

pytestmark = pytest.mark.meili

CORPUS = [
    'bullying" OR id != "x',
    "bullying' OR id != 'x",
    'bullying\\" OR id != \\"x',
    'bullying\\',
    "\\",
    '"',
    '""',
    "') OR (themes EXISTS",
    '") OR (themes EXISTS',
    'bullying"] OR themes EXISTS OR themes IN ["',
    "bullying OR themes EXISTS",
    "NOT bullying",
    "1 TO 100",
    "0 TO 9999999",
    "TO",
    "OR",
    "AND",
    "EXISTS",
    "IS NULL",
    "IS EMPTY",
    "_geoRadius(0, 0, 1)",
    "(",
    ")",
    "[",
    "pesten – ö 日本 😀",
    "bully\u200bing",  # zero-width space
    "bullying\n OR id EXISTS",
    "x" * 5000,
    '"' * 300,
    "\\" * 301,
]


@pytest.mark.parametrize("field", ["school_type", "level", "theme", "approach"])
@pytest.mark.parametrize("value", CORPUS, ids=lambda v: repr(v[:40]))
def test_a_hostile_value_matches_nothing_on_both_engines(
    indexed: Settings, context: CatalogueContext, field: str, value: str,
) -> None:
    query = InterventionQuery(**{field: [value]}, facets=["theme", field])
    meili = meili_search(indexed, query, context)
    sqlite = sqlite_search(indexed, query, context)
    assert (meili.total, meili.ids) == (0, [])
    assert (sqlite.total, sqlite.ids) == (0, [])


@pytest.mark.parametrize("value", CORPUS[:6], ids=lambda v: repr(v[:40]))
def test_a_hostile_value_next_to_a_real_one_changes_nothing(
    indexed: Settings, context: CatalogueContext, value: str,
) -> None:
    plain = InterventionQuery(theme=["cyberbullying"])
    mixed = InterventionQuery(theme=["cyberbullying", value])
    assert meili_search(indexed, mixed, context).ids == meili_search(indexed, plain,
                                                                     context).ids
    assert meili_search(indexed, plain, context).ids == sqlite_search(indexed, plain,
                                                                      context).ids


def test_the_api_refuses_hostile_values_with_a_422_not_a_500(indexed: Settings) -> None:
    with TestClient(create_app(indexed)) as client:
        response = client.get("/v1/interventions", params={"theme": 'bullying" OR id != "x'})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "bullying" in response.json()["errors"][0]["allowed"]
