"""Load a validated catalogue into SQLite, all or nothing.

The load never touches the live file until it is complete: it copies the live database
(keeping the load history), migrates the copy with Alembic, replaces the catalogue rows
in one transaction, checks the result, and then renames the copy over the live file.
Readers open the file per request, so they see either the old or the new catalogue,
never a half-loaded one; a failure at any step leaves the live file exactly as it was.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from ..catalogue import Catalogue, CatalogueEntry
from ..catalogue.gc_pause import collector_paused
from ..catalogue.reader import Reference
from ..errors import LoadFailed
from ..freshness import freshness
from . import history, migrate
from .files import copy_database
from .rows import insert_rows
from .tables import TERM_FACETS

Progress = Callable[[str], None]

# Facet name in the API → field of the intervention model.
TERM_FIELDS = {
    "school_type": "school_types",
    "level": "levels",
    "theme": "themes",
    "approach": "approaches",
}
assert set(TERM_FIELDS) == set(TERM_FACETS)

# Children before parents: deleted in this order, inserted in reverse.
CATALOGUE_TABLES = ("catalogue_files", "interventions_fts", "outcomes", "assessments",
                    "intervention_terms", "interventions")


@dataclass
class LoadReport:
    version: str
    git_commit: str | None
    entry_count: int
    loaded_at: str
    db_path: Path
    unchanged: bool = False


def entry_document(entry: CatalogueEntry) -> dict[str, Any]:
    """The stored JSON of one entry: the validated fields plus what the load derives."""
    document = entry.intervention.model_dump(mode="json", exclude_none=True)
    evidence = document.setdefault("evidence", {})
    evidence["level"] = entry.evidence_level
    for assessment, level in zip(evidence.get("assessments", []), entry.assessment_levels,
                                 strict=True):
        assessment["level"] = level
    return document


Rows = dict[str, list[dict[str, Any]]]
Row = dict[str, Any]


@dataclass
class EntryRows:
    """One entry's rows in the catalogue tables, and the document its row stores."""

    intervention: Row
    terms: list[Row]
    assessments: list[Row]
    outcomes: list[Row]
    fts: Row
    document: dict[str, Any]  # as stored (JSON) in intervention["document"]

    def add_to(self, rows: Rows) -> None:
        rows["interventions"].append(self.intervention)
        rows["intervention_terms"] += self.terms
        rows["assessments"] += self.assessments
        rows["outcomes"] += self.outcomes
        rows["interventions_fts"].append(self.fts)


def catalogue_rows(catalogue: Catalogue, built: Mapping[str, EntryRows] | None = None) -> Rows:
    """The rows of every catalogue table, as the load writes them, entry by entry in
    catalogue order. ``built``: each entry's ``entry_rows`` by id, where the caller has
    made them already (the load that also indexes makes them while it reads)."""
    rows: Rows = {name: [] for name in CATALOGUE_TABLES}
    reference = catalogue.reference
    for entry in catalogue.entries:
        made = built[entry.id] if built is not None else None
        (made or entry_rows(entry, reference)).add_to(rows)
    rows["catalogue_files"] = [
        {"name": "vocabularies", "content": catalogue.vocabularies.model_dump_json()},
        {"name": "evidence_scale", "content": catalogue.evidence_scale.model_dump_json()},
    ]
    for name, content in catalogue.extra_files.items():
        rows["catalogue_files"].append({"name": name, "content": json.dumps(content)})
    return rows


def entry_rows(entry: CatalogueEntry, reference: Reference) -> EntryRows:
    """The rows of one entry."""
    item = entry.intervention
    vocab = reference.vocabularies
    cost = item.implementation.cost
    document = entry_document(entry)
    intervention = {
        "id": item.id,
        "name": item.name,
        "name_sort": item.name.casefold(),
        "summary_nl": item.summary.nl,
        "summary_en": item.summary.en,
        "origin_country": item.origin_country,
        "status": item.status,
        "age_min": item.age_range.min if item.age_range else None,
        "age_max": item.age_range.max if item.age_range else None,
        "evidence_level": entry.evidence_level,
        "evidence_rank": reference.evidence_scale.rank(entry.evidence_level),
        "training_hours": item.implementation.training_hours,
        "cost_amount_eur": cost.amount_eur if cost else None,
        "cost_per": cost.per if cost else None,
        "cost_period": cost.period if cost else None,
        "cost_year": cost.year if cost else None,
        "reviewed": item.reviewed.isoformat(),
        "review_due": freshness(document).review_due.isoformat(),
        "content_hash": entry.content_hash,
        # orjson: the standard encoder was a tenth of the load at 10,000 entries.
        "document": orjson.dumps(document, option=orjson.OPT_SORT_KEYS).decode(),
    }
    terms = []
    term_labels: list[str] = []
    for facet, field in TERM_FIELDS.items():
        for term in getattr(item, field):
            terms.append({"intervention_id": item.id, "facet": facet, "term": term})
        if facet in ("theme", "approach"):
            for term in getattr(item, field):
                label = vocab.section(field)[term].label
                term_labels += [label.nl, label.en or ""]
    assessments = [
        {"intervention_id": item.id, "position": position,
         "registry_key": assessment.registry, "rating": assessment.rating,
         "common_level": level,
         "date": assessment.date.isoformat() if assessment.date else None,
         "year": assessment.year, "url": assessment.url}
        for position, (assessment, level) in enumerate(
            zip(item.evidence.assessments, entry.assessment_levels, strict=True))
    ]
    outcomes = [
        {"intervention_id": item.id, "position": position, "outcome": outcome.outcome,
         "finding": outcome.finding, "study_key": outcome.study, "effect": outcome.effect}
        for position, outcome in enumerate(item.evidence.outcomes)
    ]
    fts = {
        "id": item.id,
        "name": item.name,
        "aliases": " ; ".join(item.aliases),
        "summary": f"{item.summary.nl}\n{item.summary.en or ''}",
        "terms": " ; ".join(t for t in term_labels if t),
        "provider": item.provider.name if item.provider else "",
    }
    return EntryRows(intervention, terms, assessments, outcomes, fts, document)


def _counts(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    by_level = Counter(entry.evidence_level for entry in catalogue.entries)
    by_type = Counter(t for e in catalogue.entries for t in e.intervention.school_types)
    return {
        "evidence_level": {k: by_level.get(k, 0) for k in catalogue.evidence_scale.order},
        "school_type": dict(sorted(by_type.items())),
    }


def load_catalogue(catalogue: Catalogue, db_path: Path, progress: Progress | None = None,
                   *, fail_before_swap: Callable[[], None] | None = None,
                   rows: Rows | None = None) -> LoadReport:
    """Replace the catalogue in ``db_path`` by ``catalogue``, atomically.

    ``rows``: ``catalogue_rows(catalogue)``, when the caller has built them already (the
    load that also indexes sends the same rows to Meilisearch)."""
    with collector_paused():
        return _load(catalogue, Path(db_path), progress, fail_before_swap, rows)


def _load(catalogue: Catalogue, db_path: Path, progress: Progress | None,
          fail_before_swap: Callable[[], None] | None,
          rows: Rows | None) -> LoadReport:
    say = progress or (lambda _message: None)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = db_path.with_name(f".{db_path.name}.loading-{os.getpid()}")
    staging.unlink(missing_ok=True)
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        if db_path.exists():
            say(f"copying {db_path} to a staging file")
            copy_database(db_path, staging)
        say("migrating the database schema (alembic upgrade head)")
        migrate.upgrade(staging)
        rows = catalogue_rows(catalogue) if rows is None else rows
        say(f"writing {len(catalogue.entries)} interventions in one transaction")
        db = sqlite_utils.Database(staging)
        try:
            db.conn.execute("PRAGMA foreign_keys = ON")
            with db.atomic():
                for table in CATALOGUE_TABLES:
                    db.execute(f"DELETE FROM [{table}]")
                for table in reversed(CATALOGUE_TABLES):
                    if rows[table]:
                        insert_rows(db.conn, table, rows[table])
                db.table("catalogue_loads").insert({
                    "version": catalogue.version,
                    "git_commit": catalogue.git_commit,
                    "loaded_at": loaded_at,
                    "entry_count": len(catalogue.entries),
                    "counts": json.dumps(_counts(catalogue)),
                })
                # Evidence levels and ratings that changed since the last recorded state.
                history.record_load(db, catalogue, loaded_at)
            stored = db.execute("SELECT count(*) FROM interventions").fetchone()[0]
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            db.close()
        if stored != len(catalogue.entries) or problems:
            raise LoadFailed(f"the staged database does not match the catalogue "
                             f"({stored} rows for {len(catalogue.entries)} entries)")
        if fail_before_swap is not None:
            fail_before_swap()
        os.replace(staging, db_path)
        say(f"database {db_path} now serves catalogue version {catalogue.version}")
    except LoadFailed:
        staging.unlink(missing_ok=True)
        raise
    except Exception as exc:
        staging.unlink(missing_ok=True)
        raise LoadFailed(f"loading into {db_path} failed, nothing changed: {exc}") from exc
    return LoadReport(catalogue.version, catalogue.git_commit, len(catalogue.entries),
                      loaded_at, db_path)
