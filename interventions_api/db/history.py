"""The evidence history: recorded by each load, rebuilt from git by the backfill.

The history is a log of changes. The last known state of each entry is the fold of its
log, so a load records exactly what differs from what the history already says, whether
that history came from earlier loads or from a backfill. Both write in one transaction
(the load's own; the backfill's on a staged copy that replaces the database file).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from ..catalogue import Catalogue
from ..catalogue.evidence_changes import (
    EvidenceChange,
    EvidenceState,
    Rating,
    assessed_text,
    compare_evidence,
)
from ..catalogue.git_versions import CatalogueRepo
from ..catalogue.snapshot import CatalogueSnapshot, snapshot
from ..errors import LoadFailed
from . import migrate
from .files import copy_database, remove_stale_staging, staging_path, sync_file

TABLE = "evidence_history"
Progress = Callable[[str], None]


def _row(entry_id: str, change: EvidenceChange, **context: Any) -> dict[str, Any]:
    old, new = change.old_rating, change.new_rating
    return {
        "intervention_id": entry_id,
        "kind": change.kind,
        "change": change.change,
        "registry_key": change.registry,
        "old_value": change.old,
        "new_value": change.new,
        "old_level": old.level if old else None,
        "new_level": new.level if new else None,
        "old_assessed": old.assessed if old else None,
        "new_assessed": new.assessed if new else None,
        **context,
    }


def fold(rows: Iterable[sqlite3.Row | dict[str, Any]]) -> dict[str, EvidenceState]:
    """The last known evidence state of each entry, from its log (oldest row first)."""
    levels: dict[str, str | None] = {}
    ratings: dict[str, list[Rating]] = {}
    for row in rows:
        entry = row["intervention_id"]
        if row["kind"] == "evidence_level":
            levels[entry] = row["new_value"]
            continue
        held = ratings.setdefault(entry, [])
        if row["change"] in ("removed", "changed"):
            gone = (row["registry_key"], row["old_value"], row["old_assessed"])
            for index, rating in enumerate(held):
                if rating.identity == gone:
                    del held[index]
                    break
        if row["change"] in ("added", "changed"):
            held.append(Rating(row["registry_key"], row["new_value"], row["new_assessed"],
                               row["new_level"]))
    return {entry: EvidenceState(level, tuple(ratings.get(entry, [])))
            for entry, level in levels.items() if level is not None}


def recorded_states(conn: sqlite3.Connection) -> dict[str, EvidenceState]:
    conn.row_factory = sqlite3.Row
    try:
        # Row order is log order: a backfill writes oldest first, loads append after it.
        rows = conn.execute(f"SELECT * FROM {TABLE} ORDER BY id").fetchall()
    finally:
        conn.row_factory = None
    return fold(rows)


def catalogue_states(catalogue: Catalogue) -> dict[str, EvidenceState]:
    states = {}
    for entry in catalogue.entries:
        ratings = tuple(
            Rating(a.registry, a.rating, assessed_text(a.date, a.year, a.checked), level)
            for a, level in zip(entry.intervention.evidence.assessments,
                                entry.assessment_levels, strict=True)
            if a.rating is not None  # an outcome without a label is not a rating
        )
        states[entry.id] = EvidenceState(entry.evidence_level, ratings)
    return states


def changes_between(old: dict[str, EvidenceState], new: dict[str, EvidenceState],
                    **context: Any) -> list[dict[str, Any]]:
    rows = []
    for entry_id in sorted(set(old) | set(new)):
        for change in compare_evidence(old.get(entry_id), new.get(entry_id)).changes:
            rows.append(_row(entry_id, change, **context))
    return rows


def record_load(db: sqlite_utils.Database, catalogue: Catalogue, loaded_at: str) -> int:
    """Append what this load changes to the history; call inside the load's transaction,
    after its catalogue_loads row is written. Returns the number of rows recorded."""
    load_id = db.execute("SELECT max(id) FROM catalogue_loads").fetchone()[0]
    rows = changes_between(recorded_states(db.conn), catalogue_states(catalogue),
                           recorded_at=loaded_at, source="load",
                           catalogue_version=catalogue.version,
                           git_commit=catalogue.git_commit, load_id=load_id)
    db.table(TABLE).insert_all(rows)
    return len(rows)


def _utc(timestamp: str) -> str:
    return dt.datetime.fromtimestamp(int(timestamp), dt.UTC).isoformat(timespec="seconds")


def history_from_git(catalogue_dir: Path, progress: Progress | None = None
                     ) -> list[dict[str, Any]]:
    """The history rows of every commit that touched the catalogue, oldest first."""
    say = progress or (lambda _message: None)
    repo = CatalogueRepo.of(catalogue_dir)
    commits = repo.commits()
    say(f"reading {len(commits)} commits that touched {repo.prefix}/")
    cache: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    previous: CatalogueSnapshot | None = None
    states: dict[str, EvidenceState] = {}
    for sha, timestamp in commits:
        current = snapshot(sha[:10], repo.files_at(sha),
                           fallback_scale=previous.scale if previous else None, cache=cache)
        new_states = {entry_id: entry.evidence for entry_id, entry in current.entries.items()}
        # A file that does not parse at this commit keeps its last state: a syntax slip
        # fixed in the next commit is not a removal and a re-addition.
        for path in current.unreadable_files:
            stem = Path(path).stem
            if stem in states and stem not in new_states:
                new_states[stem] = states[stem]
        rows += changes_between(states, new_states, recorded_at=_utc(timestamp),
                                source="backfill", git_commit=sha)
        states, previous = new_states, current
    return rows


def backfill(db_path: Path, rows: list[dict[str, Any]], progress: Progress | None = None
             ) -> None:
    """Replace the whole history by ``rows``, atomically (staged copy, then rename)."""
    say = progress or (lambda _message: None)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(db_path, "backfill")
    staging.unlink(missing_ok=True)
    remove_stale_staging(db_path, say)
    try:
        if db_path.exists():
            copy_database(db_path, staging)
        migrate.upgrade(staging)
        db = sqlite_utils.Database(staging)
        try:
            with db.atomic():
                db.table(TABLE).delete_where()
                db.table(TABLE).insert_all(rows)
        finally:
            db.close()
        sync_file(staging)
        os.replace(staging, db_path)
        say(f"{db_path}: evidence history rebuilt, {len(rows)} change(s)")
    except Exception as exc:
        staging.unlink(missing_ok=True)
        raise LoadFailed(f"backfill into {db_path} failed, nothing changed: {exc}") from exc
