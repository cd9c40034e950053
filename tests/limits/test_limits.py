"""Resource limits: the size of every input is capped, and a slow query cannot hold a
worker (SQLite statements are interrupted past their time limit; Meilisearch has its
own timeout, after which the answer comes from SQLite)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.repository import connect, set_time_limit
from interventions_api.errors import QueryTooSlow
from interventions_api.query import MAX_PER_PAGE, MAX_Q_LENGTH
from interventions_api.services.catalogue_context import catalogue_context
from tests.conftest import make_settings

# A statement that runs for minutes unless it is stopped.
ENDLESS = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
           "SELECT count(*) FROM n WHERE i < 10000000000")


@pytest.fixture
def time_limit() -> Iterator[None]:
    previous = set_time_limit(0.2)
    yield
    set_time_limit(previous)


@pytest.mark.usefixtures("time_limit")
def test_a_slow_statement_is_stopped_at_its_time_limit(loaded_db: Path) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTooSlow) as caught, connect(loaded_db) as conn:
        conn.execute(ENDLESS).fetchone()
    assert time.monotonic() - started < 2.0
    assert caught.value.status == 503


@pytest.mark.usefixtures("time_limit")
def test_the_limit_is_per_statement_not_per_connection(loaded_db: Path) -> None:
    with connect(loaded_db) as conn:
        for _ in range(4):  # 4 × 0.1 s in all: more than the limit, but each one is quick
            assert conn.execute("SELECT count(*) FROM interventions").fetchone()[0] > 0
            time.sleep(0.1)


def test_without_a_limit_long_statements_finish(loaded_db: Path) -> None:
    previous = set_time_limit(None)  # as on the command line: loads, indexing
    try:
        with connect(loaded_db) as conn:
            slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                    "WHERE i < 300000) SELECT count(*) FROM n")
            assert conn.execute(slow).fetchone()[0] == 300000
    finally:
        set_time_limit(previous)


def test_the_app_takes_the_limit_from_its_settings(loaded_db: Path) -> None:
    previous = set_time_limit(None)
    try:
        create_app(make_settings(loaded_db, sqlite_time_limit_ms=150))
        started = time.monotonic()
        with pytest.raises(QueryTooSlow), connect(loaded_db) as conn:
            conn.execute(ENDLESS).fetchone()
        assert time.monotonic() - started < 2.0
    finally:
        set_time_limit(previous)


@pytest.mark.parametrize(("params", "field"), [
    ({"q": "x" * (MAX_Q_LENGTH + 1)}, "q"),
    ({"per_page": MAX_PER_PAGE + 1}, "per_page"),
    ({"per_page": 0}, "per_page"),
    ({"page": 10_001}, "page"),
])
def test_oversized_parameters_are_refused(client: TestClient, params: dict[str, object],
                                          field: str) -> None:
    response = client.get("/v1/interventions", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_longest_allowed_query_is_answered(client: TestClient) -> None:
    words = ("pesten " * 40)[:MAX_Q_LENGTH]
    response = client.get("/v1/interventions", params={"q": words, "per_page": MAX_PER_PAGE})
    assert response.status_code == 200


def test_an_oversized_match_body_is_refused_unread(client: TestClient) -> None:
    profile = {"school_type": "po", "concerns": ["bullying"], "padding": "x" * 70_000}
    body = json.dumps(profile).encode()
    response = client.post("/v1/match", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["type"].endswith("/payload-too-large")


def test_an_oversized_streamed_match_body_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"school_type": "po", "padding": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = client.post("/v1/match", content=chunks(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_the_typo_index_is_built_with_the_catalogue_context_not_by_a_search(
        loaded_db: Path) -> None:
    """The index of the SQLite search's typo tolerance is ready as soon as the loaded
    catalogue is read, so no search builds it (once under a lock, outside the
    statement time limit: the first search after a load with a 10 MB name took 52 s)."""
    context = catalogue_context(loaded_db)
    assert "kiva" in context.typo_index.typos("kivva", prefix=False)
    assert "pesten" in context.typo_index.terms
