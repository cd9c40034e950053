"""Staging files beside the live database: named by purpose and pid, and removed once
the process that wrote them is gone."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from interventions_api.db.files import remove_stale_staging, staging_path


@pytest.fixture
def pids() -> Iterator[tuple[int, int]]:
    """The pid of a process that has ended and of one that is still running."""
    gone = subprocess.Popen(["true"])  # noqa: S603, S607
    gone.wait()
    running = subprocess.Popen(["sleep", "30"])  # noqa: S603, S607
    try:
        yield gone.pid, running.pid
    finally:
        running.kill()
        running.wait()


def test_staging_files_are_named_by_purpose_and_process(tmp_path: Path) -> None:
    live = tmp_path / "x.db"
    assert staging_path(live, "loading").name.startswith(".x.db.loading-")
    assert staging_path(live, "backfill").parent == tmp_path


def test_only_the_staging_files_of_ended_processes_are_removed(
        tmp_path: Path, pids: tuple[int, int]) -> None:
    gone, running = pids
    live = tmp_path / "x.db"
    stale = [tmp_path / f".x.db.loading-{gone}", tmp_path / f".x.db.loading-{gone}-journal",
             tmp_path / f".x.db.backfill-{gone}", tmp_path / f".x.db.backfill-{gone}-journal"]
    kept = [tmp_path / f".x.db.loading-{running}",  # a load still running
            tmp_path / f".x.db.backfill-{running}-journal",
            tmp_path / f".other.db.loading-{gone}",  # another database's
            tmp_path / f".x.db.copy-{gone}",  # not a staging file of ours
            tmp_path / ".x.db.loading-12ab"]
    for path in stale + kept:
        path.write_bytes(b"half a staging file")
    said: list[str] = []
    remove_stale_staging(live, said.append)
    assert sorted(path for path in stale + kept if path.exists()) == sorted(kept)
    assert f"removing .x.db.backfill-{gone}, left by a history backfill that did not " \
           "finish" in said
    assert len(said) == len(stale)
