"""What the match needs of every entry, read once per database file and cached.

The catalogue is read-mostly and a replica serves one SQLite file; reading every entry's
terms and findings on each request would cost more than scoring them (about ten
thousand rows for a 1,000-entry catalogue). Like ``catalogue_context``, the cache key is
the file's identity (inode, size, mtime), so a load that renames a new file into place is
picked up by the next request.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db.cache import PerDatabaseFile
from ..db.repository import Repository, connect


@dataclass(frozen=True, slots=True)
class Cost:
    amount_eur: float
    per: str
    period: str
    year: int | None


@dataclass(frozen=True, slots=True)
class IndexedEntry:
    id: str
    name: str
    status: str
    age_min: int | None
    age_max: int | None
    evidence_level: str
    evidence_rank: int
    training_hours: float | None
    cost: Cost | None
    price_on_request: bool  # no amount: the provider gives its price on request
    available_nl: bool | None  # availability.nl; None when the catalogue does not know
    school_types: frozenset[str]
    levels: tuple[str, ...]
    themes: tuple[str, ...]
    approaches: tuple[str, ...]
    findings: tuple[dict[str, Any], ...]
    # concern -> {verdict, studies, best_design}, as the load stored them (effects.py)
    effects: dict[str, dict[str, Any]]

    @property
    def has_age_range(self) -> bool:
        return self.age_min is not None and self.age_max is not None

    def overlaps(self, low: int, high: int) -> bool:
        """True when its age range overlaps low..high; an unknown range overlaps."""
        if self.age_min is None or self.age_max is None:
            return True
        return self.age_min <= high and self.age_max >= low


@dataclass(frozen=True)
class MatchIndex:
    entries: tuple[IndexedEntry, ...]  # by id
    by_id: dict[str, IndexedEntry]

    @property
    def ids(self) -> frozenset[str]:
        """What a profile's ``current_interventions`` are validated against."""
        return frozenset(self.by_id)


def read_index(repo: Repository) -> MatchIndex:
    terms = repo.terms_of(None, ("school_type", "level", "theme", "approach"))
    findings = repo.findings_of(None)
    effects = repo.effects_of(None)
    entries = []
    for row in repo.match_rows():
        entry_terms = terms.get(row["id"], {})
        cost = None
        if row["cost_amount_eur"] is not None:
            cost = Cost(row["cost_amount_eur"], row["cost_per"], row["cost_period"],
                        row["cost_year"])
        entries.append(IndexedEntry(
            id=row["id"], name=row["name"], status=row["status"], age_min=row["age_min"],
            age_max=row["age_max"], evidence_level=row["evidence_level"],
            evidence_rank=row["evidence_rank"], training_hours=row["training_hours"],
            cost=cost, price_on_request=bool(row["cost_on_request"]),
            available_nl=None if row["available_nl"] is None else bool(row["available_nl"]),
            school_types=frozenset(entry_terms.get("school_type", [])),
            levels=tuple(entry_terms.get("level", [])),
            themes=tuple(entry_terms.get("theme", [])),
            approaches=tuple(entry_terms.get("approach", [])),
            findings=tuple(findings.get(row["id"], [])),
            effects=effects.get(row["id"], {}),
        ))
    # Sorted by id in Python too, so that position order IS id order (the tie-break of
    # the ranking), whatever the database's collation.
    entries.sort(key=lambda e: e.id)
    return MatchIndex(tuple(entries), {e.id: e for e in entries})


def _read(db_path: Path) -> MatchIndex:
    with connect(db_path) as conn:
        return read_index(Repository(conn))


_indexes: PerDatabaseFile[MatchIndex] = PerDatabaseFile(_read)


def match_index(db_path: Path) -> MatchIndex:
    """The cached index of ``db_path``; read again when a load replaced the file."""
    return _indexes.get(db_path)
