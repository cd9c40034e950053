"""`read_load_and_index` (`interventions load --index`) and `load_and_index`: SQLite and a
full rebuild of the index, with Meilisearch indexing while the catalogue is read and
SQLite is written, and the same guarantees as `interventions load && interventions index
--full`."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import generate
from interventions_api.catalogue import Catalogue, CatalogueEntry, checks, read_catalogue
from interventions_api.catalogue.reader import Reference
from interventions_api.db.load import (
    catalogue_file_rows,
    catalogue_rows,
    entries_rows,
    entry_rows,
    load_catalogue,
)
from interventions_api.db.staging import StagedLoad
from interventions_api.errors import LoadFailed
from interventions_api.search import sync
from interventions_api.search.client import MeiliError
from interventions_api.search.documents import document_from_rows, documents_from_rows
from interventions_api.search.index_settings import index_settings
from interventions_api.search.sync import (
    build_prefix,
    load_and_index,
    load_documents,
    read_load_and_index,
    sync_index,
)
from interventions_api.settings import Settings
from tests.conftest import read_ok
from tests.fixtures.meilisearch import MeiliServer

from .test_sync import SMALL, index_names, live_ids


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


def in_memory(catalogue: Catalogue) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    rows = catalogue_rows(catalogue)
    documents = documents_from_rows(rows, catalogue.vocabularies)
    # Entry by entry, as load_and_index makes them while the catalogue is read: from each
    # entry's rows and its stored document before it became JSON.
    made = {entry.id: entry_rows(entry, catalogue.reference) for entry in catalogue.entries}
    one_by_one = [document_from_rows(m.intervention, m.terms, catalogue.vocabularies,
                                     m.document) for m in made.values()]
    assert one_by_one == documents
    assert entries_rows(made.values()) | catalogue_file_rows(catalogue) == rows
    assert [json.loads(m.intervention["document"]) for m in made.values()] == [
        m.document for m in made.values()]
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
    assert_serving(meili, settings, set(SMALL))
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
    assert_serving(meili, settings, set(SMALL))


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
    assert_serving(meili, settings, set(SMALL))


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
        if message.lstrip().startswith("sent documents"):
            server.kill()

    both = load_and_index(read_ok(make_catalogue(only=[*SMALL, "pad"])), settings,
                          kill_while_adding)
    assert both.index_failed is not None and "unreachable" in both.index_failed.detail
    assert count(settings.db_path) == 4
    server.start()
    assert live_ids(server, settings.meili_index) == set(SMALL)  # the old index, whole


# --- reading, loading and indexing in one pass (`interventions load --index`) -------------

@pytest.mark.meili
def test_read_load_and_index_gives_what_load_and_index_gives(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    root = make_catalogue(only=SMALL)
    # "kiva-b.yaml" sorts before "kiva.yaml", the id "kiva" before "kiva-b".
    copy_entry(root, "kiva", "kiva-b")
    streamed = meili.settings(tmp_path / "streamed.db")
    result, both = read_load_and_index(root, streamed)
    assert result.ok and both is not None and both.index_failed is None
    assert live_ids(meili, streamed.meili_index) == {*SMALL, "kiva-b"}
    read_after = meili.settings(tmp_path / "after.db")
    load_and_index(read_ok(root), read_after)
    # The same rows and the same documents as reading first, then loading and indexing.
    for table in ("interventions", "intervention_terms", "assessments", "outcomes",
                  "interventions_fts", "catalogue_files"):
        assert rows_of(streamed.db_path, table) == rows_of(read_after.db_path, table), table
    assert load_documents(streamed) == load_documents(read_after)
    assert sync_index(streamed).unchanged == len(SMALL) + 1


@pytest.mark.meili
@pytest.mark.parametrize("break_it", ["a file that does not validate", "a duplicate id"])
def test_an_invalid_catalogue_loads_nothing_and_leaves_no_build(
    break_it: str, make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync, "STREAM_BATCH_SIZE", 1)  # each document sent as its file passes
    settings = meili.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    root = make_catalogue(only=[*SMALL, "pad"])
    entries = root / "interventions"
    if break_it == "a duplicate id":
        # Caught only after both files passed on their own, and their documents were sent.
        (entries / "zz-copy.yaml").write_text((entries / "kiva.yaml").read_text())
    else:
        text = (entries / "taakspel.yaml").read_text()
        (entries / "taakspel.yaml").write_text(text.replace("\nname:", "\nnaam:", 1))
    sent: list[str] = []
    result, both = read_load_and_index(root, settings, sent.append)
    assert both is None and not result.ok and result.errors
    assert any("sent documents" in message for message in sent)  # the build was fed
    assert count(settings.db_path) == 3
    assert_serving(meili, settings, set(SMALL))


def test_entries_reach_the_callback_as_their_files_pass(
        make_catalogue: Callable[..., Path]) -> None:
    root = make_catalogue(only=[*SMALL, "pad"])
    copy_entry(root, "kiva", "kiva-b")
    seen: list[str] = []
    result = read_catalogue(root, on_entry=lambda entry, reference: seen.append(entry.id))
    assert result.ok and result.catalogue is not None
    assert seen == [entry.id for entry in result.catalogue.entries]  # in catalogue order
    text = (root / "interventions" / "prima.yaml").read_text()
    (root / "interventions" / "prima.yaml").write_text(text.replace("\nname:", "\nnaam:", 1))
    seen.clear()
    expected: set[int | None] = set()

    def on_entry(entry: CatalogueEntry, reference: Reference) -> None:
        seen.append(entry.id)
        expected.add(reference.expected_entries)

    result = read_catalogue(root, on_entry=on_entry)
    assert not result.ok
    assert seen == sorted({*SMALL, "pad", "kiva-b"} - {"prima"})  # the broken one not
    assert expected == {len(SMALL) + 2}  # announced: every entry file, the broken one too


def test_batches_double_then_shrink_towards_the_known_end() -> None:
    def plan(total: int | None, entries: int) -> list[int]:
        size, sent, batches = sync.STREAM_BATCH_SIZE, 0, []
        while sent < entries:
            batch = min(size, entries - sent)
            sent += batch
            batches.append(batch)
            size = sync.next_batch_size(size, None if total is None else total - sent)
        return batches

    assert plan(None, 4000) == [250, 500, 1000, 1000, 1000, 250]  # unknown end: doubling
    for total in (1, 100, 1000, 4321, 10_000):
        batches = plan(total, total)
        assert sum(batches) == total
        assert max(batches) <= sync.BATCH_SIZE
        assert batches[-1] <= sync.TAIL_BATCH_SIZE or len(batches) == 1
    assert plan(1000, 1000) == [250, 375, 187, 94, 50, 44]


@pytest.mark.meili
def test_the_last_batch_goes_with_the_last_entry_before_the_checks_across_files(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync, "STREAM_BATCH_SIZE", 2)
    sent: list[int] = []
    send = sync._StreamedBuild._send  # hands a batch to the sender thread

    def counting(self: Any, documents: list[dict[str, Any]], first: int) -> None:
        sent.append(len(documents))
        send(self, documents, first)

    sent_before_checks: list[int] = []
    unused_keys = checks.unused_vocabulary_keys

    def first_check_across_files(*args: Any) -> Any:
        sent_before_checks.append(sum(sent))
        return unused_keys(*args)

    monkeypatch.setattr(sync._StreamedBuild, "_send", counting)
    monkeypatch.setattr(checks, "unused_vocabulary_keys", first_check_across_files)
    root = make_catalogue(only=[*SMALL, "pad"])
    result, both = read_load_and_index(root, meili.settings(tmp_path / "x.db"))
    assert result.ok and both is not None and both.index_failed is None
    assert sent_before_checks == [len(SMALL) + 1] == [sum(sent)]


def test_the_document_hash_is_the_canonical_json_hash(real_catalogue: Catalogue,
                                                      tmp_path: Path) -> None:
    """orjson makes the hash; indexes hold hashes of the standard encoder's bytes."""
    synthetic = read_ok(generate(tmp_path / "synthetic", 150, seed=8))
    for catalogue in (real_catalogue, synthetic):
        for document in documents_from_rows(catalogue_rows(catalogue), catalogue.vocabularies):
            content = {k: v for k, v in document.items() if k != "content_hash"}
            standard = json.dumps(content, sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":")).encode()
            assert document["content_hash"] == hashlib.sha256(standard).hexdigest()[:24]


def copy_entry(root: Path, entry_id: str, new_id: str) -> None:
    text = (root / "interventions" / f"{entry_id}.yaml").read_text()
    assert f"\nid: {entry_id}\n" in text
    (root / "interventions" / f"{new_id}.yaml").write_text(
        text.replace(f"\nid: {entry_id}\n", f"\nid: {new_id}\n"))


def rows_of(db_path: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid").fetchall()
    finally:
        conn.close()


@pytest.mark.meili
@pytest.mark.parametrize(("rows_held", "expected"), [
    (10_000, ["sent"] * 4 + ["rows 4", "rows 0"]),  # the rows wait for every document
    (2, ["sent", "sent", "rows 2", "sent", "sent", "rows 2", "rows 0"]),
])
def test_the_rows_wait_until_the_documents_are_sent(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, rows_held: int, expected: list[str],
) -> None:
    monkeypatch.setattr(sync, "STREAM_BATCH_SIZE", 1)
    monkeypatch.setattr(sync, "TAIL_BATCH_SIZE", 1)
    monkeypatch.setattr(sync, "ROWS_HELD", rows_held)
    events: list[str] = []
    real_send, real_add = sync._StreamedBuild._send, StagedLoad.add

    def send(self: Any, batch: list[dict[str, Any]], first: int) -> None:
        events.append("sent")
        real_send(self, batch, first)

    def add(self: StagedLoad, rows: dict[str, list[dict[str, Any]]]) -> None:
        events.append(f"rows {len(rows.get('interventions', []))}")  # 0: the files' rows
        real_add(self, rows)

    monkeypatch.setattr(sync._StreamedBuild, "_send", send)
    monkeypatch.setattr(StagedLoad, "add", add)
    settings = meili.settings(tmp_path / "x.db")
    result, both = read_load_and_index(make_catalogue(only=[*SMALL, "pad"]), settings)
    assert result.ok and both is not None and both.index_failed is None
    assert events == expected
    assert count(settings.db_path) == 4
    assert live_ids(meili, settings.meili_index) == {*SMALL, "pad"}


@pytest.mark.meili
def test_sqlite_failing_while_the_catalogue_is_read_loads_nothing(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    before = settings.db_path.read_bytes()
    monkeypatch.setattr(sync, "STREAM_BATCH_SIZE", 1)
    monkeypatch.setattr(sync, "ROWS_HELD", 1)  # each entry's rows written once it is sent
    added: list[int] = []
    real_add = StagedLoad.add

    def failing_add(self: StagedLoad, rows: dict[str, list[dict[str, Any]]]) -> None:
        added.append(1)
        if len(added) == 2:  # the second entry's rows, while the third is still unread
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        real_add(self, rows)

    monkeypatch.setattr(StagedLoad, "add", failing_add)
    with pytest.raises(LoadFailed, match="nothing changed: disk I/O error"):
        read_load_and_index(make_catalogue(only=[*SMALL, "pad"]), settings)
    assert settings.db_path.read_bytes() == before
    assert not list(tmp_path.glob(".x.db.loading-*"))
    assert_serving(meili, settings, set(SMALL))


@pytest.mark.meili
def test_a_catalogue_without_entries_loads_and_indexes_nothing(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    root = make_catalogue(only=[])
    settings = meili.settings(tmp_path / "x.db")
    result, both = read_load_and_index(root, settings)
    assert result.ok and both is not None and both.index_failed is None
    assert count(settings.db_path) == 0 and live_ids(meili, settings.meili_index) == set()


@pytest.mark.meili
def test_a_batch_refused_mid_stream_drops_the_build_after_the_batches_in_flight(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    load_and_index(read_ok(make_catalogue(only=SMALL)), settings)
    monkeypatch.setattr(sync, "STREAM_BATCH_SIZE", 1)
    send_batch = sync._Sync.send_batch
    posted: list[int] = []

    def refuse_the_second(self: Any, uid: str, documents: list[dict[str, Any]],
                          first: int) -> dict[str, Any]:
        # A refusal Meilisearch gives only for broken requests: made up here.
        if first == 2:
            raise MeiliError("POST documents: 400 bad_request: refused", status=400)
        posted.append(first)
        return send_batch(self, uid, documents, first)

    monkeypatch.setattr(sync._Sync, "send_batch", refuse_the_second)
    root = make_catalogue(only=[*SMALL, "pad"])
    result, both = read_load_and_index(root, settings)
    assert result.ok and both is not None
    assert both.index_failed is not None and "refused" in both.index_failed.detail
    assert count(settings.db_path) == len(SMALL) + 1  # SQLite loaded all the same
    assert posted and 2 not in posted
    assert_serving(meili, settings, set(SMALL))  # the build is gone, the live index as it was


@pytest.mark.meili
def test_a_first_rebuild_makes_the_state_index_before_the_documents_arrive(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
) -> None:
    settings = meili.settings(tmp_path / "x.db")
    result, both = read_load_and_index(make_catalogue(only=SMALL), settings)
    assert result.ok and both is not None and both.index_failed is None
    with meili.client() as http:
        tasks = http.get("/tasks", params={"limit": 1000}).json()["results"]
    made = [t["uid"] for t in tasks if t["type"] == "indexCreation"
            and t["indexUid"] == sync.state_index(settings.meili_index)]
    # The swap renamed the build to the live index, in its tasks too.
    documents = [t["uid"] for t in tasks if t["type"] == "documentAdditionOrUpdate"
                 and t["indexUid"] == settings.meili_index]
    assert len(made) == 1 and documents and made[0] < min(documents)
    assert sync_index(settings).unchanged == len(SMALL)  # the state was written to it


@pytest.mark.meili
def test_the_build_index_is_made_while_the_reading_goes_on(
    make_catalogue: Callable[..., Path], meili: MeiliServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[str] = []
    begin_rebuild = sync._Sync.begin_rebuild

    def recorded(self: sync._Sync, body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        threads.append(threading.current_thread().name)
        return begin_rebuild(self, body)

    monkeypatch.setattr(sync._Sync, "begin_rebuild", recorded)
    settings = meili.settings(tmp_path / "x.db")
    result, both = read_load_and_index(make_catalogue(only=SMALL), settings)
    assert result.ok and both is not None and both.index_failed is None
    assert len(threads) == 1 and threads[0].startswith("meili-batches")
    assert live_ids(meili, settings.meili_index) == set(SMALL)
