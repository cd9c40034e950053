"""The staged load as `load --index` drives it: opened, fed rows in parts while the
catalogue is read, then committed or discarded; the live file changes only on commit."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from interventions_api.catalogue import Catalogue
from interventions_api.db.load import catalogue_file_rows, catalogue_rows, load_catalogue
from interventions_api.db.staging import Rows, StagedLoad
from interventions_api.errors import LoadFailed
from tests.conftest import read_ok


def ids(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM interventions ORDER BY id")]
    finally:
        conn.close()


def leftovers(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f".{db_path.name}.loading-*"))


def in_two_parts(catalogue: Catalogue) -> list[Rows]:
    """The entry rows in two batches, as the streamed load hands them over."""
    rows = catalogue_rows(catalogue)
    parts = []
    for part in (catalogue.entries[:1], catalogue.entries[1:]):
        part_ids = {entry.id for entry in part}
        parts.append({table: [row for row in table_rows
                              if row.get("intervention_id", row.get("id")) in part_ids]
                      for table, table_rows in rows.items() if table != "catalogue_files"})
    return parts


@pytest.fixture
def live(make_catalogue: Callable[..., Path], tmp_path: Path) -> Path:
    db_path = tmp_path / "x.db"
    load_catalogue(read_ok(make_catalogue(only=["kiva", "taakspel"])), db_path)
    return db_path


def test_rows_added_in_batches_are_loaded(live: Path,
                                          make_catalogue: Callable[..., Path]) -> None:
    catalogue = read_ok(make_catalogue(only=["kiva", "prima", "pad"]))
    staged = StagedLoad(live, lambda _message: None)
    staged.open()
    for part in in_two_parts(catalogue):
        staged.add(part)
    before = live.read_bytes()
    assert ids(live) == ["kiva", "taakspel"]  # nothing changes before the commit
    staged.add(catalogue_file_rows(catalogue))
    staged.commit(catalogue)
    assert live.read_bytes() != before
    assert ids(live) == ["kiva", "pad", "prima"] and not leftovers(live)


def test_a_row_sqlite_refuses_fails_and_discarding_changes_nothing(
        live: Path, make_catalogue: Callable[..., Path]) -> None:
    catalogue = read_ok(make_catalogue(only=["kiva", "prima"]))
    before = live.read_bytes()
    first, _second = in_two_parts(catalogue)
    staged = StagedLoad(live, lambda _message: None)
    staged.open()
    staged.add(first)
    with pytest.raises(sqlite3.IntegrityError) as refused:
        staged.add(first)  # the same ids again: the primary key refuses them
    staged.discard()
    assert "nothing changed" in staged.failure(refused.value).detail
    assert live.read_bytes() == before and not leftovers(live)


def test_a_live_file_that_cannot_be_staged_changes_nothing(
        tmp_path: Path, make_catalogue: Callable[..., Path]) -> None:
    db_path = tmp_path / "x.db"
    db_path.write_bytes(b"not a database at all" * 100)
    before = db_path.read_bytes()
    staged = StagedLoad(db_path, lambda _message: None)
    with pytest.raises(Exception) as failed:
        staged.open()
    staged.discard()
    assert isinstance(staged.failure(failed.value), LoadFailed)
    assert db_path.read_bytes() == before and not leftovers(db_path)
    with pytest.raises(LoadFailed, match="nothing changed"):
        load_catalogue(read_ok(make_catalogue(only=["pad"])), db_path)
    assert db_path.read_bytes() == before and not leftovers(db_path)


def test_a_row_without_its_intervention_fails_the_commit_and_changes_nothing(
        live: Path, make_catalogue: Callable[..., Path]) -> None:
    catalogue = read_ok(make_catalogue(only=["kiva", "prima"]))
    before = live.read_bytes()
    staged = StagedLoad(live, lambda _message: None)
    staged.open()
    for part in in_two_parts(catalogue):
        staged.add(part)
    term = next(iter(catalogue_rows(catalogue)["intervention_terms"]))
    staged.add({"intervention_terms": [{**term, "intervention_id": "no-such-entry"}]})
    staged.add(catalogue_file_rows(catalogue))
    with pytest.raises(LoadFailed, match="does not match the catalogue"):
        staged.commit(catalogue)
    staged.discard()
    assert live.read_bytes() == before and not leftovers(live)


def test_the_staged_file_is_synced_before_the_rename(
        live: Path, make_catalogue: Callable[..., Path], file_events: list[str]) -> None:
    catalogue = read_ok(make_catalogue(only=["kiva", "prima"]))
    staged = StagedLoad(live, lambda _message: None)
    staged.open()
    for part in in_two_parts(catalogue):
        staged.add(part)
    staged.add(catalogue_file_rows(catalogue))
    staged.commit(catalogue)
    assert file_events == [f"fsync {staged.staging.name}", f"replace {staged.staging.name}"]
    assert ids(live) == ["kiva", "prima"] and not leftovers(live)


def test_a_load_removes_the_staging_files_of_loads_whose_process_is_gone(
        live: Path, make_catalogue: Callable[..., Path]) -> None:
    gone = subprocess.Popen(["true"])  # noqa: S603, S607
    gone.wait()
    running = subprocess.Popen(["sleep", "30"])  # noqa: S603, S607
    try:
        stale = [live.with_name(f".{live.name}.loading-{gone.pid}"),
                 live.with_name(f".{live.name}.loading-{gone.pid}-journal")]
        kept = [live.with_name(f".{live.name}.loading-{running.pid}"),  # a load still running
                live.with_name(f".other.db.loading-{gone.pid}")]  # another database's
        for path in stale + kept:
            path.write_bytes(b"half a staging file")
        said: list[str] = []
        load_catalogue(read_ok(make_catalogue(only=["kiva"])), live, said.append)
        assert [path for path in stale + kept if path.exists()] == kept
        assert f"removing .{live.name}.loading-{gone.pid}, left by a load that did not " \
               "finish" in said
        assert ids(live) == ["kiva"]
    finally:
        running.kill()
        running.wait()
