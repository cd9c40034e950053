"""The load's staging file, written in one transaction and renamed over the live file.

``StagedLoad`` copies the live database (keeping the load history), or starts a new
file, and migrates it with Alembic. It replaces the catalogue rows in one transaction,
checks the result, syncs the file to disk and only then renames it over the live file.
Readers open the file per request, so they see either the old or the new catalogue; a
failure at any step leaves the live file exactly as it was.

The load that also indexes opens it as soon as the first entries are read and adds the
entries' rows once their documents have gone to Meilisearch (search/sync.py).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from ..catalogue import Catalogue
from ..errors import LoadFailed
from . import history, migrate
from .files import copy_database, remove_stale_staging, staging_path, sync_file

Progress = Callable[[str], None]
Rows = dict[str, list[dict[str, Any]]]

# Children before parents: deleted in this order, inserted in reverse.
CATALOGUE_TABLES = ("catalogue_files", "interventions_fts", "intervention_effects", "outcomes",
                    "assessments", "intervention_terms", "interventions")


class StagedLoad:
    """``open``, ``add`` rows any number of times, then ``commit`` or ``discard``."""

    def __init__(self, db_path: Path, say: Progress) -> None:
        self.db_path = Path(db_path)
        self.say = say
        self.staging = staging_path(self.db_path, "loading")
        self.loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.db: sqlite_utils.Database | None = None

    @property
    def opened(self) -> bool:
        return self.db is not None

    def open(self) -> None:
        """Stage a migrated copy of the live file and start the transaction, with the
        previous catalogue's rows deleted."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.staging.unlink(missing_ok=True)
        remove_stale_staging(self.db_path, self.say)
        if self.db_path.exists():
            self.say(f"copying {self.db_path} to a staging file")
            copy_database(self.db_path, self.staging)
        self.say("migrating the database schema (alembic upgrade head)")
        migrate.upgrade(self.staging)
        self.db = sqlite_utils.Database(self.staging)
        # Foreign keys are checked over the whole staged file before it is renamed into
        # place (``commit``), so that a broken load is refused, not served.
        self.say("writing the catalogue in one transaction")
        self.db.begin()
        for table in CATALOGUE_TABLES:
            self.db.table(table).delete_where()

    def add(self, rows: Rows) -> None:
        """Insert rows of the catalogue tables (parents first)."""
        assert self.db is not None, "open() first"
        for table in reversed(CATALOGUE_TABLES):
            self.db.table(table).insert_all(rows.get(table, []))

    def commit(self, catalogue: Catalogue,
               fail_before_swap: Callable[[], None] | None = None) -> None:
        """Record the load and its evidence history, commit, check, and rename the
        staging file over the live one."""
        db = self.db
        assert db is not None, "open() first"
        self.say(f"recording the load of {len(catalogue.entries)} interventions")
        db.table("catalogue_loads").insert({
            "version": catalogue.version,
            "git_commit": catalogue.git_commit,
            "loaded_at": self.loaded_at,
            "entry_count": len(catalogue.entries),
            "counts": json.dumps(_counts(catalogue)),
        })
        # Evidence levels and ratings that changed since the last recorded state.
        history.record_load(db, catalogue, self.loaded_at)
        db.commit()
        stored = db.execute("SELECT count(*) FROM interventions").fetchone()[0]
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        db.close()
        self.db = None
        if stored != len(catalogue.entries) or problems:
            raise LoadFailed(f"the staged database does not match the catalogue "
                             f"({stored} rows for {len(catalogue.entries)} entries)")
        if fail_before_swap is not None:
            fail_before_swap()
        sync_file(self.staging)  # its pages on disk before it becomes the live file
        os.replace(self.staging, self.db_path)
        self.say(f"database {self.db_path} now serves catalogue version {catalogue.version}")

    def discard(self) -> None:
        """Drop the staging file; the live file was never touched."""
        if self.db is not None:
            self.db.close()  # closing without a commit rolls the transaction back
            self.db = None
        self.staging.unlink(missing_ok=True)

    def failure(self, exc: BaseException) -> LoadFailed:
        if isinstance(exc, LoadFailed):
            return exc
        return LoadFailed(f"loading into {self.db_path} failed, nothing changed: {exc}")


def _counts(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    by_level = Counter(entry.evidence_level for entry in catalogue.entries)
    by_type = Counter(t for e in catalogue.entries for t in e.intervention.school_types)
    return {
        "evidence_level": {k: by_level.get(k, 0) for k in catalogue.evidence_scale.order},
        "school_type": dict(sorted(by_type.items())),
    }
