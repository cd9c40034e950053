"""The loaded catalogue's reference data, read once per database file and cached.

A load renames a new file into place; the cache key (inode, size, mtime) changes with
it, so the next request sees the new vocabularies without a restart.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db.repository import Repository, connect
from ..errors import CatalogueNotLoaded
from ..schema import EvidenceScale, Vocabularies


@dataclass(frozen=True)
class CatalogueContext:
    vocabularies: Vocabularies
    evidence_scale: EvidenceScale
    load: dict[str, Any]
    synonyms: dict[str, list[str]]

    @property
    def version(self) -> str:
        return str(self.load["version"])


_lock = threading.Lock()
_cache: dict[Path, tuple[tuple[int, int, int], CatalogueContext]] = {}


def _file_key(db_path: Path) -> tuple[int, int, int]:
    try:
        stat = os.stat(db_path)
    except FileNotFoundError as exc:
        raise CatalogueNotLoaded(f"no database at {db_path}; run 'interventions load'") from exc
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def catalogue_context(db_path: Path) -> CatalogueContext:
    key = _file_key(db_path)
    cached = _cache.get(db_path)
    if cached and cached[0] == key:
        return cached[1]
    with _lock, connect(db_path) as conn:
        repo = Repository(conn)
        load = repo.latest_load()
        if load is None:
            raise CatalogueNotLoaded("the database holds no catalogue; run 'interventions load'")
        try:
            synonyms = repo.catalogue_file("synonyms")
        except CatalogueNotLoaded:
            synonyms = {}
        context = CatalogueContext(
            Vocabularies.model_validate(repo.catalogue_file("vocabularies")),
            EvidenceScale.model_validate(repo.catalogue_file("evidence_scale")),
            load,
            synonyms,
        )
    _cache[db_path] = (key, context)
    return context
