"""What the match needs of every entry, read once per database file and cached.

The catalogue is read-mostly and a replica serves one SQLite file; reading every entry's
terms and findings on each request would cost more than scoring them (about ten
thousand rows for a 1,000-entry catalogue). Like ``catalogue_context``, the cache key is
the file's identity (inode, size, mtime), so a load that renames a new file into place is
picked up by the next request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
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
    school_types: frozenset[str]
    levels: tuple[str, ...]
    themes: tuple[str, ...]
    approaches: tuple[str, ...]
    findings: tuple[dict[str, Any], ...]

    @property
    def has_age_range(self) -> bool:
        return self.age_min is not None and self.age_max is not None

    def overlaps(self, low: int, high: int) -> bool:
        """True when its age range overlaps low..high; an unknown range overlaps."""
        if self.age_min is None or self.age_max is None:
            return True
        return self.age_min <= high and self.age_max >= low


class Feature:
    """One field of every entry, interned: entries with equal values share a key.

    A per-request function of the field (a hard constraint, a criterion's score) then runs
    once per distinct value, on a representative entry, instead of once per entry; and the
    entries with a value are one bitmask (bit i = ``entries[i]``), so a set of entries is
    an int and counting it is ``bit_count()``.
    """

    __slots__ = ("keys", "first", "masks", "values")

    def __init__(self, values: Iterable[Hashable], with_masks: bool) -> None:
        key_of: dict[Hashable, int] = {}
        keys: list[int] = []
        first: list[int] = []
        masks: list[int] = []
        for position, value in enumerate(values):
            key = key_of.setdefault(value, len(first))
            if key == len(first):
                first.append(position)
                masks.append(0)
            if with_masks:
                masks[key] |= 1 << position
            keys.append(key)
        self.keys: tuple[int, ...] = tuple(keys)    # per entry: the key of its value
        self.first: tuple[int, ...] = tuple(first)  # per key: an entry with that value
        # Per key: the entries with that value (only where asked: they cost time to build).
        self.masks: tuple[int, ...] = tuple(masks) if with_masks else ()
        self.values: tuple[Hashable, ...] = tuple(key_of)  # per key: the value itself

    def where(self, entries: tuple[IndexedEntry, ...],
              test: Callable[[IndexedEntry], bool]) -> int:
        """The entries for which ``test`` holds; ``test`` must read only this field."""
        assert len(self.masks) == len(self.first), "built without masks"
        mask = 0
        for key, position in enumerate(self.first):
            if test(entries[position]):
                mask |= self.masks[key]
        return mask


# What of an entry each feature holds. Every hard constraint and soft criterion reads
# exactly one of them (the concern themes also read the ages when a signal locates a
# concern), which is what lets them run once per distinct value.
FEATURES: dict[str, Callable[[IndexedEntry], Hashable]] = {
    "status": lambda e: e.status,
    "school_types": lambda e: e.school_types,
    "ages": lambda e: (e.age_min, e.age_max),
    "evidence_rank": lambda e: e.evidence_rank,
    "cost": lambda e: e.cost,
    "training_hours": lambda e: e.training_hours,
    "themes": lambda e: e.themes,
    "levels": lambda e: e.levels,
    "approaches": lambda e: e.approaches,
    "findings": lambda e: tuple((f["outcome"], f["finding"]) for f in e.findings),
}
# The fields the hard constraints read (``candidates.CHECKS``): only they need bitmasks.
MASKED = frozenset({"status", "school_types", "ages", "evidence_rank", "cost",
                    "training_hours"})


class TermBits:
    """Each entry's terms of one facet as an int (bit j: the facet's j-th term), so that a
    request intersects every entry's terms with its own in one int operation each."""

    __slots__ = ("bit", "of", "width")

    def __init__(self, entries: tuple[IndexedEntry, ...],
                 terms: Callable[[IndexedEntry], Iterable[str]]) -> None:
        names = sorted({term for entry in entries for term in terms(entry)})
        self.bit = {term: 1 << j for j, term in enumerate(names)}
        self.width = len(names)  # bits above this one are free for a caller's own key
        self.of = tuple(self.mask(terms(entry)) for entry in entries)

    def mask(self, terms: Iterable[str]) -> int:
        """The bits of ``terms``; a term no entry has has no bit."""
        mask = 0
        for term in terms:
            mask |= self.bit.get(term, 0)
        return mask


def term_masks(entries: tuple[IndexedEntry, ...],
               terms: Callable[[IndexedEntry], Iterable[str]]) -> dict[str, int]:
    """Term -> the entries that have it."""
    masks: dict[str, int] = {}
    for position, entry in enumerate(entries):
        for term in terms(entry):
            masks[term] = masks.get(term, 0) | 1 << position
    return masks


@dataclass(frozen=True)
class MatchIndex:
    entries: tuple[IndexedEntry, ...]  # by id
    by_id: dict[str, IndexedEntry]
    features: dict[str, Feature] = field(init=False, repr=False)
    level_masks: dict[str, int] = field(init=False, repr=False)
    theme_masks: dict[str, int] = field(init=False, repr=False)
    theme_bits: TermBits = field(init=False, repr=False)
    approach_bits: TermBits = field(init=False, repr=False)
    approach_counts: tuple[int, ...] = field(init=False, repr=False)
    outcome_bits: TermBits = field(init=False, repr=False)  # outcomes with a finding
    position: dict[str, int] = field(init=False, repr=False)  # id -> index in entries
    ids: frozenset[str] = field(init=False, repr=False)       # validates every request

    def __post_init__(self) -> None:
        # Built once per database file; frozen, so set through object.__setattr__.
        entries = self.entries
        set_field = object.__setattr__
        set_field(self, "features", {name: Feature(map(value, entries), name in MASKED)
                                     for name, value in FEATURES.items()})
        set_field(self, "level_masks", term_masks(entries, lambda e: e.levels))
        set_field(self, "theme_masks", term_masks(entries, lambda e: e.themes))
        set_field(self, "theme_bits", TermBits(entries, lambda e: e.themes))
        set_field(self, "approach_bits", TermBits(entries, lambda e: e.approaches))
        set_field(self, "outcome_bits", TermBits(
            entries, lambda e: [finding["outcome"] for finding in e.findings]))
        set_field(self, "approach_counts", tuple(len(e.approaches) for e in entries))
        set_field(self, "position", {e.id: i for i, e in enumerate(entries)})
        set_field(self, "ids", frozenset(self.by_id))

    @property
    def everything(self) -> int:
        return (1 << len(self.entries)) - 1

    def mask_of(self, ids: Iterable[str]) -> int:
        mask = 0
        for entry_id in ids:
            if entry_id in self.position:
                mask |= 1 << self.position[entry_id]
        return mask


def read_index(repo: Repository) -> MatchIndex:
    terms = repo.terms_of(None, ("school_type", "level", "theme", "approach"))
    findings = repo.findings_of(None)
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
            cost=cost, school_types=frozenset(entry_terms.get("school_type", [])),
            levels=tuple(entry_terms.get("level", [])),
            themes=tuple(entry_terms.get("theme", [])),
            approaches=tuple(entry_terms.get("approach", [])),
            findings=tuple(findings.get(row["id"], [])),
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


def clear_cache() -> None:
    """For benchmarks that time a cold index."""
    _indexes.clear()
