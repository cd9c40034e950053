"""Hypothesis on the query model: any InterventionQuery compiles to SQL that runs, and
every answer respects every filter — checked against an oracle written in Python over
the same rows, independently of the SQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interventions_api.db.repository import Repository, connect
from interventions_api.query import FACETS, MAX_PER_PAGE, MAX_Q_LENGTH, InterventionQuery
from interventions_api.search.text import search_text
from interventions_api.services.catalogue_context import CatalogueContext, catalogue_context

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@pytest.fixture(scope="module")
def context(loaded_db: Path) -> CatalogueContext:
    return catalogue_context(loaded_db)


@pytest.fixture(scope="module")
def conn(loaded_db: Path) -> Iterator[sqlite3.Connection]:
    with connect(loaded_db) as connection:
        yield connection


@pytest.fixture(scope="module")
def rows(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in Repository(conn).search_index_rows()}


def queries(context: CatalogueContext) -> st.SearchStrategy[InterventionQuery]:
    def keys(section: str) -> st.SearchStrategy[list[str]]:
        return st.lists(st.sampled_from(sorted(context.vocabularies.section(section))),
                        max_size=3, unique=True)

    # Text that schools type, and text that tries to break the FTS5 expression.
    words = st.sampled_from(["pesten", "bullying", "online pesten", "kiva", "klas", "NEAR",
                             "AND", "OR", "NOT", '"', "*", "(", ")", ":", "^", "-", "'",
                             "weerbaar", "groep 7", "zoëk", "😀", "\x00", "%", "_"])
    text = st.one_of(st.none(), st.text(max_size=MAX_Q_LENGTH),
                     st.lists(words, max_size=6).map(" ".join))
    return st.builds(
        InterventionQuery,
        q=text,
        school_type=keys("school_types"), level=keys("levels"), theme=keys("themes"),
        approach=keys("approaches"),
        age=st.one_of(st.none(), st.integers(0, 30)),
        min_evidence=st.one_of(st.none(), st.sampled_from(context.evidence_scale.order)),
        max_cost_eur=st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False)),
        cost_per=st.one_of(st.none(), st.sampled_from(["school", "pupil", "teacher", "class"])),
        include_unknown_cost=st.booleans(),
        stale=st.one_of(st.none(), st.booleans()),
        today=st.dates(dt.date(2020, 1, 1), dt.date(2040, 1, 1)),
        sort=st.one_of(st.none(), st.sampled_from(["relevance", "evidence", "name"])),
        page=st.integers(1, 4),
        per_page=st.integers(1, MAX_PER_PAGE),
        facets=st.lists(st.sampled_from(sorted(FACETS)), max_size=5, unique=True),
        lang=st.sampled_from(["nl", "en"]),
    )


def matches(row: dict[str, Any], q: InterventionQuery, order: list[str]) -> bool:
    """The filters of the query, in plain Python (the oracle)."""
    for facet in ("school_type", "level", "theme", "approach"):
        wanted = q.terms(facet)
        if wanted and not set(wanted) & set(row["terms"].get(facet, [])):
            return False
    if q.age is not None and not (row["age_min"] is not None and row["age_max"] is not None
                                  and row["age_min"] <= q.age <= row["age_max"]):
        return False
    if q.min_evidence and row["evidence_rank"] < order.index(q.min_evidence):
        return False
    if q.max_cost_eur is not None:
        amount, per = row["cost_amount_eur"], row["cost_per"]
        known = amount is not None and amount <= q.max_cost_eur and (
            q.cost_per is None or per == q.cost_per)
        unknown = amount is None or (q.cost_per is not None and per != q.cost_per)
        if not (known or (q.include_unknown_cost and unknown)):
            return False
    if q.stale is not None:
        due = row["review_due"]
        is_stale = due is not None and due < q.today.isoformat()
        if is_stale != q.stale:
            return False
    return True


def test_query_model_oracle(context: CatalogueContext, conn: sqlite3.Connection,
                            rows: dict[str, dict[str, Any]]) -> None:
    order = context.evidence_scale.order

    @SETTINGS
    @given(query=queries(context))
    def check(query: InterventionQuery) -> None:
        text = search_text(query.text, context.synonyms, None) if query.text else None
        result = Repository(conn).search(query, order, text)
        expected = {i for i, row in rows.items() if matches(row, query, order)}
        assert len(result.ids) <= query.per_page
        assert len(set(result.ids)) == len(result.ids), "an id twice on one page"
        assert set(result.ids) <= expected, "an answer breaks a filter"
        assert result.total <= len(expected)
        if not query.text:  # without text every entry that passes the filters counts
            assert result.total == len(expected)
            if query.offset < len(expected):
                assert result.ids, "a page within the total came back empty"
        for facet, counts in result.facets.items():
            # Disjunctive: a facet's counts ignore its own filter, never the others.
            assert all(n > 0 for n in counts.values()), facet
        if query.effective_sort == "name":
            names = [rows[i]["name_sort"] for i in result.ids]
            assert names == sorted(names)
        elif query.effective_sort == "evidence":
            ranks = [rows[i]["evidence_rank"] for i in result.ids]
            assert ranks == sorted(ranks, reverse=True)

    check()
