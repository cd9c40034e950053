"""`load_and_index` (`interventions load --index`): SQLite and a full rebuild of the index,
with Meilisearch indexing while SQLite is written, and the same guarantees as
`interventions load && interventions index --full`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import generate
from interventions_api.catalogue import Catalogue
from interventions_api.db.load import CATALOGUE_TABLES, catalogue_rows, fill_rows, load_catalogue
from interventions_api.errors import LoadFailed
from interventions_api.search import sync
from interventions_api.search.documents import document_from_rows, documents_from_rows
from interventions_api.search.index_settings import index_settings
from interventions_api.search.sync import build_prefix, load_and_index, load_documents, sync_index
from interventions_api.settings import Settings
from tests.conftest import read_ok
from tests.fixtures.meilisearch import MeiliServer

from .test_sync import SMALL, index_names, live_ids


def count(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM interventions").fetchone()[0])
    finally:
        conn.close()


def in_memory(catalogue: Catalogue) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    documents = documents_from_rows(catalogue_rows(catalogue), catalogue.vocabularies)
    # Entry by entry, as load_and_index builds them while it makes the rows.
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in CATALOGUE_TABLES}
    one_by_one = [document_from_rows(row, terms, catalogue.vocabularies)
                  for row, terms in fill_rows(catalogue, rows)]
    assert one_by_one == documents and rows == catalogue_rows(catalogue)
    return documents, index_settings(catalogue.extra_files["synonyms"]), catalogue.version


def test_documents_from_rows_are_what_sqlite_gives_back(real_catalogue: Catalogue,
                                                       loaded_db: Path) -> None:
    from_sqlite = load_documents(Settings(_env_file=None, db_path=loaded_db))  # type: ignore[call-arg]
    assert in_memory(real_catalogue) == from_sqlite
    assert len(from_sqlite[0]) == len(real_catalogue.entries)


def test_synthetic_documents_from_rows_are_what_sqlite_gives_back(tmp_path: Path) -> None:
    catalogue = read_ok(generate(tmp_path / "synthetic", 150, seed=8))
    load_catalogue(catalogue, tmp_path / "x.db")
    settings = Settings(_env_file=None, db_path=tmp_path / "x.db")  # type: ignore[call-arg]
    assert in_memory(catalogue) == load_documents(settings)


@pytest.mark.meili
def test_load_and_index_loads_sqlite_and_swaps_the_index_in(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    messages: list[str] = []
    both = load_and_index(read_ok(make_catalogue(only=SMALL)), settings, messages.append)
    assert both.index_failed is None and both.load.entry_count == count(settings.db_path) == 3
    assert (both.index.mode, both.index.added) == ("full", sorted(SMALL))
    assert "swapped in atomically" in both.index.summary()
    assert live_ids(meili, settings.meili_index) == set(SMALL)
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(meili))
    # The index holds exactly what `interventions index` would send from SQLite, and its
    # sync state is recorded: an ordinary sync afterwards has nothing to do.
    report = sync_index(settings)
    assert report.mode == "incremental" and report.unchanged == 3 and not report.updated


@pytest.mark.meili
def test_a_failed_sqlite_load_leaves_the_database_and_the_index_serving(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)

    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(LoadFailed, match="disk full"):
        load_and_index(read_ok(make_catalogue(only=[*SMALL, "pad"])), settings,
                       fail_before_swap=fail)
    assert count(settings.db_path) == 3
    assert live_ids(meili, settings.meili_index) == set(SMALL)
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(meili))


@pytest.mark.meili
def test_a_rejected_rebuild_leaves_sqlite_loaded_and_the_live_index_serving(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    monkeypatch.setattr(sync, "index_settings", lambda synonyms: {
        **index_settings(synonyms), "rankingRules": ["words", "evidence_rank:sideways"]})
    both = load_and_index(read_ok(make_catalogue(only=[*SMALL, "pad"])), settings)
    assert both.index_failed is not None
    assert "evidence_rank:sideways" in both.index_failed.detail  # Meilisearch's own message
    assert count(settings.db_path) == 4  # loaded, as by `interventions load`
    assert live_ids(meili, settings.meili_index) == set(SMALL)
    assert not any(n.startswith(build_prefix(settings.meili_index)) for n in index_names(meili))


def test_an_unreachable_server_still_loads_sqlite(make_catalogue: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    settings = Settings(_env_file=None, db_path=tmp_path / "x.db",  # type: ignore[call-arg]
                        meili_url="http://127.0.0.1:9", meili_api_key="x" * 16)
    both = load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    assert both.index_failed is not None and "unreachable" in both.index_failed.detail
    assert count(settings.db_path) == 3


def test_without_a_meilisearch_url_nothing_is_loaded(make_catalogue: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    settings = Settings(_env_file=None, db_path=tmp_path / "x.db",  # type: ignore[call-arg]
                        meili_url=None)
    with pytest.raises(LoadFailed, match="INTERVENTIONS_MEILI_URL"):
        load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    assert not (tmp_path / "x.db").exists()


@pytest.mark.meili
def test_a_server_killed_while_documents_are_sent_leaves_sqlite_loaded_and_the_index_serving(
    make_catalogue: Callable[..., Path], make_meili_server: Callable[[], MeiliServer],
    tmp_path: Path,
) -> None:
    server = make_meili_server()
    settings = server.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)

    def kill_while_adding(message: str) -> None:
        if message.startswith("adding"):
            server.kill()

    both = load_and_index(read_ok(make_catalogue(only=[*SMALL, "pad"])), settings,
                          kill_while_adding)
    assert both.index_failed is not None and "unreachable" in both.index_failed.detail
    assert count(settings.db_path) == 4
    server.start()
    assert live_ids(server, settings.meili_index) == set(SMALL)  # the old index, whole
