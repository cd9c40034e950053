"""How an intervention's evidence level and ratings changed across catalogue versions."""

from __future__ import annotations

from typing import Any

from ..db.repository import Repository, connect
from ..errors import FieldError, NotFound, Say
from ..settings import Settings
from .catalogue_context import CatalogueContext, catalogue_context


def _level(key: str | None, context: CatalogueContext, lang: str) -> dict[str, Any] | None:
    if key is None:
        return None
    return {"level": key, "label": context.evidence_scale.level_label(key, lang)}


def _rating(value: str | None, level: str | None, assessed: str | None,
            context: CatalogueContext, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"rating": value, "assessed": assessed, "level": level,
            "level_label": context.evidence_scale.level_label(level, lang) if level else None}


def present_change(row: dict[str, Any], context: CatalogueContext, lang: str) -> dict[str, Any]:
    if row["kind"] == "evidence_level":
        before = _level(row["old_value"], context, lang)
        after = _level(row["new_value"], context, lang)
    else:
        before = _rating(row["old_value"], row["old_level"], row["old_assessed"], context, lang)
        after = _rating(row["new_value"], row["new_level"], row["new_assessed"], context, lang)
    registry = row["registry_key"]
    return {
        "recorded_at": row["recorded_at"],
        "kind": row["kind"],
        "change": row["change"],
        "registry": registry,
        "registry_label": context.vocabularies.label("registries", registry, lang)
        if registry else None,
        "from": before,
        "to": after,
        "source": row["source"],
        "git_commit": row["git_commit"],
        "catalogue_version": row["catalogue_version"],
    }


def get_history(settings: Settings, intervention_id: str, lang: str) -> dict[str, Any]:
    context = catalogue_context(settings.db_path)
    with connect(settings.db_path) as conn:
        repository = Repository(conn)
        rows = repository.evidence_history(intervention_id)
        document = repository.document(intervention_id)
    if document is None and not rows:
        raise NotFound(f"no intervention with id '{intervention_id}'",
                       [FieldError("id", Say("error.unknown_id"), intervention_id)],
                       Say("problem.no_intervention", {"ids": f"'{intervention_id}'"}))
    current = document.get("evidence", {}).get("level") if document else None
    return {
        "data": [present_change(row, context, lang) for row in rows],
        "meta": {
            "id": intervention_id,
            "total": len(rows),
            "in_catalogue": document is not None,
            "current_evidence_level": current,
            "catalogue_version": context.version,
            "lang": lang,
        },
    }
