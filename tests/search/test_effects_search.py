"""The effect verdicts in listing and search, on both engines: the effect_on filter,
sort=effect, and topical queries ("pesten") that put proven programmes first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interventions_api.db.repository import Repository, connect
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.services.catalogue_context import CatalogueContext
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import Settings

pytestmark = pytest.mark.meili


def _verdicts(db_path: Path, concern: str) -> dict[str, str]:
    with connect(db_path) as conn:
        documents = Repository(conn).all_documents()
    return {d["id"]: d["evidence"]["effects"][concern]["verdict"] for d in documents}


def _both(settings: Settings, context: CatalogueContext, **params: Any) -> list[list[str]]:
    query = InterventionQuery(**params)
    return [sqlite_search(settings, query, context).ids,
            meili_search(settings, query, context).ids]


@pytest.mark.parametrize("concern", ["bullying", "cyberbullying", "school_climate"])
def test_effect_on_keeps_only_positive_verdicts(indexed: Settings, context: CatalogueContext,
                                                loaded_db: Path, concern: str) -> None:
    verdicts = _verdicts(loaded_db, concern)
    expected = {i for i, v in verdicts.items() if v == "positive"}
    for ids in _both(indexed, context, effect_on=concern, per_page=100):
        assert set(ids) == expected and expected


def test_sort_effect_orders_by_verdict_then_evidence(indexed: Settings, context: CatalogueContext,
                                                     loaded_db: Path) -> None:
    verdicts = _verdicts(loaded_db, "bullying")
    order = ["positive", "mixed", "not_studied", "no_effect", "negative"]
    sqlite, meili = _both(indexed, context, sort="effect", theme=["bullying"], per_page=100)
    assert sqlite == meili
    ranks = [order.index(verdicts[i]) for i in sqlite]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == order.index("negative")
    assert sqlite.index("kiva") < sqlite.index("kanjertraining") < sqlite.index("pad")


@pytest.mark.parametrize("q", ["pesten", "bullying"])
def test_a_topical_query_puts_positive_verdicts_first(indexed: Settings,
                                                       context: CatalogueContext,
                                                       loaded_db: Path, q: str) -> None:
    verdicts = _verdicts(loaded_db, "bullying")
    for ids in _both(indexed, context, q=q, per_page=100):
        top = [verdicts[i] for i in ids[:5]]
        assert top.count("positive") >= 3, (q, ids[:5])
        positives = [i for i, i_id in enumerate(ids) if verdicts[i_id] == "positive"]
        assert positives == list(range(len(positives)))  # all of them before the rest


def test_cyberpesten_is_the_cyberbullying_topic(indexed: Settings, context: CatalogueContext,
                                                loaded_db: Path) -> None:
    verdicts = _verdicts(loaded_db, "cyberbullying")
    assert context.topic("cyberpesten") == "cyberbullying"
    for ids in _both(indexed, context, q="cyberpesten", per_page=100):
        assert ids and verdicts[ids[0]] == "positive"


@pytest.mark.parametrize("name", ["Kanjertraining", "PAD", "KiVa"])
def test_a_name_query_still_puts_that_programme_first(indexed: Settings,
                                                      context: CatalogueContext,
                                                      name: str) -> None:
    assert context.topic(name) is None
    for ids in _both(indexed, context, q=name):
        assert ids[0] in {"kanjertraining", "pad", "kiva"} and name.lower()[:3] in ids[0]
