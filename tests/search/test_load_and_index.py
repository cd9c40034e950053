"""`interventions load --index`: the SQLite load, then a full rebuild of the index from the
loaded database, with the guarantees of `interventions load && interventions index --full`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interventions_api.cli import main
from interventions_api.db.staging import StagedLoad
from interventions_api.search import sync
from interventions_api.search.index_settings import index_settings
from interventions_api.search.sync import build_prefix, sync_index
from interventions_api.settings import Settings, get_settings
from tests.fixtures.meilisearch import MeiliServer

from .test_sync import SMALL, index_names, live_ids


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    yield
    get_settings.cache_clear()


def load_index(settings: Settings, root: Path) -> Result:
    get_settings.cache_clear()  # the command reads the environment of each run
    env = {"INTERVENTIONS_MEILI_URL": settings.meili_url or "",
           "INTERVENTIONS_MEILI_API_KEY": settings.meili_api_key or "",
           "INTERVENTIONS_MEILI_INDEX": settings.meili_index,
           "INTERVENTIONS_CATALOGUE_DIR": str(root),
           "INTERVENTIONS_DB_PATH": str(settings.db_path)}
    return CliRunner().invoke(main, ["load", "--index"], env=env)


def assert_serving(server: MeiliServer, settings: Settings, ids: set[str]) -> None:
    """The live index holds exactly ``ids``, and no build index is left over."""
    assert live_ids(server, settings.meili_index) == ids
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(server))


def count(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM interventions").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.meili
def test_load_index_loads_sqlite_then_swaps_the_index_in(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    result = load_index(settings, make_catalogue(only=SMALL))
    assert result.exit_code == 0, result.output
    assert count(settings.db_path) == 3
    assert "swapped in atomically" in result.output
    assert_serving(meili, settings, set(SMALL))
    # The index holds exactly what `interventions index` builds from SQLite: a rebuild
    # afterwards finds every document unchanged.
    report = sync_index(settings)
    assert report.unchanged == 3 and not (report.added or report.updated or report.removed)


@pytest.mark.meili
def test_a_failed_sqlite_load_leaves_the_database_and_the_index_serving(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    assert load_index(settings, make_catalogue(only=SMALL)).exit_code == 0

    def full_disk(*_args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(StagedLoad, "add", full_disk)
    result = load_index(settings, make_catalogue(only=[*SMALL, "pad"]))
    assert result.exit_code == 1
    assert "not loaded" in result.output and "disk is full" in result.output
    assert count(settings.db_path) == 3
    assert_serving(meili, settings, set(SMALL))


@pytest.mark.meili
def test_a_rejected_rebuild_leaves_sqlite_loaded_and_the_live_index_serving(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    assert load_index(settings, make_catalogue(only=SMALL)).exit_code == 0
    monkeypatch.setattr(sync, "index_settings", lambda synonyms: {
        **index_settings(synonyms), "rankingRules": ["words", "evidence_rank:sideways"]})
    result = load_index(settings, make_catalogue(only=[*SMALL, "pad"]))
    assert result.exit_code == 1
    assert "loaded 4 interventions" in result.output
    assert f"{settings.db_path} is loaded; index not updated" in result.output
    assert "evidence_rank:sideways" in result.output  # Meilisearch's own message
    assert count(settings.db_path) == 4  # loaded, as by `interventions load`
    assert_serving(meili, settings, set(SMALL))


@pytest.mark.meili
def test_a_catalogue_without_entries_loads_and_indexes_nothing(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    result = load_index(settings, make_catalogue(only=[]))
    assert result.exit_code == 0, result.output
    assert count(settings.db_path) == 0
    assert_serving(meili, settings, set())
