"""The loaded catalogue's reference data, read once per database file and cached.

A load renames a new file into place; the cache key (inode, size, mtime) changes with
it, so the next request sees the new vocabularies without a restart. The typo index of the
SQLite search is built here too, with the rest, so that no search waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db.cache import PerDatabaseFile
from ..db.repository import Repository, connect
from ..effects import topic_concern
from ..errors import CatalogueNotLoaded
from ..schema import EvidenceScale, Vocabularies
from ..search.text import TypoIndex


@dataclass(frozen=True)
class CatalogueContext:
    vocabularies: Vocabularies
    evidence_scale: EvidenceScale
    load: dict[str, Any]
    synonyms: dict[str, list[str]]
    typo_index: TypoIndex

    @property
    def version(self) -> str:
        return str(self.load["version"])

    def topic(self, text: str) -> str | None:
        """The concern a search text is about, if it names one (effects.topic_concern)."""
        labels = {key: (term.label.nl, term.label.en or "")
                  for key, term in self.vocabularies.themes.items()}
        return topic_concern(text, labels, self.synonyms) if text else None


def _read(db_path: Path) -> CatalogueContext:
    with connect(db_path) as conn:
        repo = Repository(conn)
        load = repo.latest_load()
        if load is None:
            raise CatalogueNotLoaded("the database holds no catalogue; run 'interventions load'")
        try:
            synonyms = repo.catalogue_file("synonyms")
        except CatalogueNotLoaded:
            synonyms = {}
        return CatalogueContext(
            Vocabularies.model_validate(repo.catalogue_file("vocabularies")),
            EvidenceScale.model_validate(repo.catalogue_file("evidence_scale")),
            load,
            synonyms,
            TypoIndex(repo.fts_vocabulary()),
        )


_contexts: PerDatabaseFile[CatalogueContext] = PerDatabaseFile(_read)


def catalogue_context(db_path: Path) -> CatalogueContext:
    """The loaded catalogue's reference data, cached until a load replaces the file."""
    return _contexts.get(db_path)
