"""Values computed from the database file, recomputed when a load replaces the file."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from ..errors import CatalogueNotLoaded

T = TypeVar("T")
FileKey = tuple[int, int, int]


def file_key(db_path: Path) -> FileKey:
    """The file's identity: a load renames a new file into place, which changes it."""
    try:
        stat = os.stat(db_path)
    except FileNotFoundError as exc:
        raise CatalogueNotLoaded(f"no database at {db_path}; run 'interventions load'") from exc
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PerDatabaseFile(Generic[T]):
    """Caches ``build(db_path)`` per file, and builds again when the file was replaced.

    The key is taken BEFORE building: if a load swaps the file in between, the value is
    built from the new file under the old key, and the next call simply builds again.
    """

    def __init__(self, build: Callable[[Path], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._values: dict[Path, tuple[FileKey, T]] = {}

    def get(self, db_path: Path) -> T:
        key = file_key(db_path)
        cached = self._values.get(db_path)
        if cached and cached[0] == key:
            return cached[1]
        with self._lock:
            cached = self._values.get(db_path)
            if cached and cached[0] == key:
                return cached[1]
            value = self._build(db_path)
            self._values[db_path] = (key, value)
            return value
