"""Bulk inserts of plain rows, the fast way."""

from __future__ import annotations

import sqlite3
from operator import itemgetter
from typing import Any


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the keys of the first, and plain values only (str, int,
    float, None). sqlite-utils' ``insert_all`` would also convert other types, at a
    Python call per value: most of the SQLite phase of a load at 10,000 entries."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" for _ in columns)
    # itemgetter makes each row's tuple in C; it gives a bare value for a single column.
    values = (map(itemgetter(*columns), rows) if len(columns) > 1
              else ((row[columns[0]],) for row in rows))
    conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", values)
