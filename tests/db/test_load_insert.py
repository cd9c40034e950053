"""The load's own bulk insert (db/rows.py) writes exactly what sqlite-utils' ``insert_all``
wrote: the same rows, values and storage types in every catalogue table and the evidence
history."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from interventions_api.catalogue import Catalogue
from interventions_api.db import history, staging
from interventions_api.db.load import load_catalogue
from interventions_api.db.staging import CATALOGUE_TABLES

# The load's time, which differs between two loads.
VARYING = {"recorded_at"}


def tables(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db_path)
    try:
        dumped = {}
        for table in (*CATALOGUE_TABLES, history.TABLE):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")
                       if row[1] not in VARYING]
            values = ", ".join(f"[{c}], typeof([{c}])" for c in columns)
            dumped[table] = sorted(conn.execute(f"SELECT {values} FROM [{table}]").fetchall(),
                                   key=repr)
        return dumped
    finally:
        conn.close()


def sqlite_utils_insert(conn: sqlite3.Connection, table: str,
                        rows: list[dict[str, Any]]) -> None:
    sqlite_utils.Database(conn).table(table).insert_all(rows, batch_size=500)


def test_the_insert_writes_what_sqlite_utils_wrote(real_catalogue: Catalogue, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalogue(real_catalogue, tmp_path / "ours.db")
    monkeypatch.setattr(staging, "insert_rows", sqlite_utils_insert)
    monkeypatch.setattr(history, "insert_rows", sqlite_utils_insert)
    load_catalogue(real_catalogue, tmp_path / "theirs.db")
    ours, theirs = tables(tmp_path / "ours.db"), tables(tmp_path / "theirs.db")
    assert all(ours[table] for table in (*CATALOGUE_TABLES, history.TABLE))
    assert ours == theirs
