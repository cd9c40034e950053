"""The API keeps a read-only connection per thread and file; a load that renames a new
file into place must still be seen by the very next unit of work."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interventions_api.db.load import load_catalogue
from interventions_api.db.repository import connect, set_connection_reuse
from tests.conftest import read_ok


@pytest.fixture
def reuse() -> Iterator[None]:
    previous = set_connection_reuse(True)
    yield
    set_connection_reuse(previous)


def count(db_path: Path) -> tuple[int, object]:
    with connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM interventions").fetchone()[0], conn


@pytest.mark.usefixtures("reuse")
def test_a_new_load_is_seen_by_the_next_request(make_catalogue: Callable[..., Path],
                                                tmp_path: Path) -> None:
    db_path = tmp_path / "live.db"
    load_catalogue(read_ok(make_catalogue(only=["kiva", "taakspel"])), db_path)
    total, first = count(db_path)
    again, second = count(db_path)
    assert (total, again) == (2, 2)
    assert second is first  # reused while the file is the same

    load_catalogue(read_ok(make_catalogue(only=["kiva"])), db_path)
    total, third = count(db_path)
    assert total == 1
    assert third is not first


@pytest.mark.usefixtures("reuse")
def test_each_thread_has_its_own_connection(loaded_db: Path) -> None:
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(count(loaded_db)[1]))
    thread.start()
    thread.join()
    assert seen and seen[0] is not count(loaded_db)[1]


def test_without_reuse_every_unit_of_work_opens_its_own(loaded_db: Path) -> None:
    previous = set_connection_reuse(False)
    try:
        assert count(loaded_db)[1] is not count(loaded_db)[1]
    finally:
        set_connection_reuse(previous)
