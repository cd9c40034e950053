"""Load a validated catalogue into SQLite, all or nothing: the rows of every catalogue
table, written through a staging file (staging.py) that replaces the live one only when
complete. Readers see either the old or the new catalogue, never a half-loaded one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue, CatalogueEntry
from ..catalogue.reader import Reference
from ..effects import entry_effects
from ..freshness import freshness
from .staging import CATALOGUE_TABLES, Rows, StagedLoad
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
        if level is not None:  # an outcome without a rating has no level
            assessment["level"] = level
    evidence["effects"] = entry_effects(document)
    return document


def catalogue_rows(catalogue: Catalogue) -> Rows:
    """The rows of every catalogue table, as the load writes them."""
    rows: Rows = {name: [] for name in CATALOGUE_TABLES}
    for entry in catalogue.entries:
        add_entry_rows(rows, entry, catalogue.reference)
    rows.update(catalogue_file_rows(catalogue))
    return rows


def catalogue_file_rows(catalogue: Catalogue) -> Rows:
    """The catalogue's reference files, as stored next to the entries."""
    files = [
        {"name": "vocabularies", "content": catalogue.vocabularies.model_dump_json()},
        {"name": "evidence_scale", "content": catalogue.evidence_scale.model_dump_json()},
    ]
    for name, content in catalogue.extra_files.items():
        files.append({"name": name, "content": json.dumps(content)})
    return {"catalogue_files": files}


def add_entry_rows(rows: Rows, entry: CatalogueEntry, reference: Reference) -> None:
    """Add the rows of one entry."""
    item = entry.intervention
    vocab = reference.vocabularies
    cost = item.implementation.cost
    document = entry_document(entry)
    stored = json.dumps(document, sort_keys=True, ensure_ascii=False,
                        separators=(",", ":")).encode()
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
        "cost_on_request": cost.on_request if cost else None,
        "available_nl": item.availability.nl if item.availability else None,
        "reviewed": item.reviewed.isoformat(),
        "review_due": freshness(document).review_due.isoformat(),
        # Of the stored document, canonical (sorted keys): what the row holds.
        "content_hash": hashlib.sha256(stored).hexdigest(),
        "document": stored.decode(),
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
         "year": assessment.year,
         "checked": assessment.checked.isoformat() if assessment.checked else None,
         "url": assessment.url}
        for position, (assessment, level) in enumerate(
            zip(item.evidence.assessments, entry.assessment_levels, strict=True))
        if assessment.rating is not None and level is not None
    ]
    outcomes = [
        {"intervention_id": item.id, "position": position, "outcome": outcome.outcome,
         "finding": outcome.finding, "study_key": outcome.study, "effect": outcome.effect}
        for position, outcome in enumerate(item.evidence.outcomes)
    ]
    effects = [
        {"intervention_id": item.id, "concern": concern, "verdict": effect["verdict"],
         "verdict_rank": effect["rank"], "studies": effect["studies"],
         "best_design": effect["best_design"]}
        for concern, effect in document["evidence"]["effects"].items()
    ]
    fts = {
        "id": item.id,
        "name": item.name,
        "aliases": " ; ".join(item.aliases),
        "summary": f"{item.summary.nl}\n{item.summary.en or ''}",
        "terms": " ; ".join(t for t in term_labels if t),
        "provider": item.provider.name if item.provider else "",
    }
    rows["interventions"].append(intervention)
    rows["intervention_terms"] += terms
    rows["assessments"] += assessments
    rows["outcomes"] += outcomes
    rows["intervention_effects"] += effects
    rows["interventions_fts"].append(fts)


def load_catalogue(catalogue: Catalogue, db_path: Path, progress: Progress | None = None,
                   *, fail_before_swap: Callable[[], None] | None = None) -> LoadReport:
    """Replace the catalogue in ``db_path`` by ``catalogue``, atomically (see staging.py)."""
    staged = StagedLoad(Path(db_path), progress or (lambda _message: None))
    try:
        staged.open()
        staged.add(catalogue_rows(catalogue))
        staged.commit(catalogue, fail_before_swap)
    except BaseException as exc:
        staged.discard()
        if isinstance(exc, Exception):
            raise staged.failure(exc) from exc
        raise
    return load_report(catalogue, staged)


def load_report(catalogue: Catalogue, staged: StagedLoad) -> LoadReport:
    return LoadReport(catalogue.version, catalogue.git_commit, len(catalogue.entries),
                      staged.loaded_at, staged.db_path)
