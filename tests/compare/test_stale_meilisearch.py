"""The stale filter gives the same answer on a real Meilisearch as on SQLite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from interventions_api.db.repository import Repository, connect
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.search.sync import sync_index
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.settings import Settings

from .test_freshness import DUE

pytestmark = pytest.mark.meili


def test_stale_on_meilisearch_matches_sqlite(small_db: Path,
                                             meili_settings: Callable[..., Settings]) -> None:
    settings = meili_settings(small_db)
    sync_index(settings)
    context = catalogue_context(small_db)
    # Days around each hand-computed due date: before, on, after.
    days = sorted({due + dt.timedelta(days=shift) for due in DUE.values() for shift in (0, 1)})
    for today in days:
        for stale in (True, False):
            query = InterventionQuery(stale=stale, today=today, per_page=100)
            on_meili = meili_search(settings, query, context)
            with connect(small_db) as conn:
                on_sqlite = Repository(conn).search(query, context.evidence_scale.order)
            expected = {key for key, due in DUE.items() if (due < today) == stale}
            assert on_meili.backend == "meilisearch"
            assert set(on_meili.ids) == set(on_sqlite.ids) == expected, (today, stale)
            assert on_meili.total == on_sqlite.total == len(expected)
