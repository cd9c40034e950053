"""Relevance, judged: the judgment list holds a floor on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.relevance import (
    Judgment,
    evaluate,
    load_judgments,
    mean_reciprocal_rank,
    report,
)
from interventions_api.catalogue import Catalogue
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.services.catalogue_context import CatalogueContext
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import Settings

JUDGMENTS = Path(__file__).with_name("judgments.yaml")
MRR_FLOOR = 0.8


@pytest.fixture(scope="module")
def judgments() -> list[Judgment]:
    return load_judgments(JUDGMENTS)


def test_the_judgment_list_is_big_enough_and_names_real_entries(
    judgments: list[Judgment], real_catalogue: Catalogue,
) -> None:
    assert len(judgments) >= 30
    ids = {entry.id for entry in real_catalogue.entries}
    for judgment in judgments:
        assert judgment.relevant, judgment.q
        assert judgment.relevant <= ids, (judgment.q, judgment.relevant - ids)
        assert len(judgment.top3) <= 3
        judgment.query()  # filters are valid query parameters


def test_sqlite_holds_the_floor(judgments: list[Judgment], loaded_db: Path,
                                context: CatalogueContext) -> None:
    settings = Settings(_env_file=None, db_path=loaded_db)

    def run(query: InterventionQuery) -> list[str]:
        return sqlite_search(settings, query, context).ids

    outcomes = evaluate(judgments, run)
    assert mean_reciprocal_rank(outcomes) >= MRR_FLOOR, report({"sqlite": outcomes})


@pytest.mark.meili
def test_meilisearch_holds_the_floor(judgments: list[Judgment], indexed: Settings,
                                     context: CatalogueContext) -> None:
    def run(query: InterventionQuery) -> list[str]:
        result = meili_search(indexed, query, context)
        assert result.backend == "meilisearch"
        return result.ids

    outcomes = evaluate(judgments, run)
    assert mean_reciprocal_rank(outcomes) >= MRR_FLOOR, report({"meilisearch": outcomes})


def test_the_metric_counts_the_first_relevant_result() -> None:
    judgment = Judgment("x", top3=["a"], top10=["b"])
    outcomes = evaluate([judgment, judgment], lambda q: ["z", "b", "a"])
    assert outcomes[0].rank == 2 and outcomes[0].missing == []
    assert mean_reciprocal_rank(outcomes) == 0.5
    late = evaluate([judgment], lambda q: ["z", "y", "b", "a"])[0]
    assert late.rank == 3 and late.missing == ["a"]
    assert evaluate([judgment], lambda q: ["z"] * 10 + ["a"])[0].reciprocal_rank == 0.0
