"""Stored documents → API representations, in the requested language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..freshness import freshness
from ..schema import Vocabularies
from ..schema.intervention import UNFAVOURABLE_FINDINGS
from ..texts import text
from .catalogue_context import CatalogueContext

BULLYING_OUTCOME_PREFIXES = ("bullying_", "cyberbullying_")


def _text(value: dict[str, str] | None, lang: str) -> str | None:
    if not value:
        return None
    return value.get(lang) or value.get("nl")


def _labelled(keys: list[str], section: str, context: CatalogueContext,
              lang: str) -> list[dict[str, str]]:
    return [{"key": k, "label": context.vocabularies.label(section, k, lang)} for k in keys]


def evidence_warnings(document: dict[str, Any], lang: str,
                      vocabularies: Vocabularies | None = None) -> list[dict[str, str]]:
    """Null or unfavourable findings on a bullying outcome: a school must see them."""
    warnings = []
    for outcome in document.get("evidence", {}).get("outcomes", []):
        if outcome["finding"] in UNFAVOURABLE_FINDINGS and outcome["outcome"].startswith(
            BULLYING_OUTCOME_PREFIXES
        ):
            finding = outcome["finding"]
            name = (vocabularies.label("outcomes", outcome["outcome"], lang).lower()
                    if vocabularies else outcome["outcome"].replace("_", " "))
            message = text("evidence_warning", lang, study=outcome["study"],
                           effect=text("finding." + finding, lang), outcome=name)
            warnings.append({"code": f"{finding}_on_bullying_outcome",
                             "outcome": outcome["outcome"], "study": outcome["study"],
                             "message": message})
    return warnings


def present_item(document: dict[str, Any], context: CatalogueContext, lang: str,
                 highlight: dict[str, str] | None = None,
                 today: dt.date | None = None) -> dict[str, Any]:
    evidence = document.get("evidence", {})
    implementation = document.get("implementation", {})
    item: dict[str, Any] = {
        "id": document["id"],
        "name": document["name"],
        "aliases": document.get("aliases", []),
        "summary": _text(document.get("summary"), lang),
        "school_types": document["school_types"],
        "age_range": document.get("age_range"),
        "levels": sorted(document.get("levels", {})),
        "themes": document["themes"],
        "approaches": document.get("approaches", []),
        "evidence_level": evidence.get("level"),
        "evidence_level_label": context.evidence_scale.level_label(evidence.get("level", ""),
                                                                    lang),
        "ratings": [
            {"registry": a["registry"],
             "registry_label": context.vocabularies.label("registries", a["registry"], lang),
             "rating": a["rating"], "level": a["level"],
             "date": a.get("date"), "year": a.get("year")}
            for a in evidence.get("assessments", [])
        ],
        "outcome_findings": [
            {"outcome": o["outcome"], "finding": o["finding"]}
            for o in evidence.get("outcomes", [])
        ],
        "warnings": evidence_warnings(document, lang, context.vocabularies),
        "training_hours": implementation.get("training_hours"),
        "cost": implementation.get("cost"),
        "status": document.get("status", "active"),
        "reviewed": document.get("reviewed"),
        "freshness": freshness(document).as_dict(today or dt.date.today()),
    }
    item["highlight"] = highlight or None  # always present: null when nothing matched text
    return item


def present_detail(document: dict[str, Any], context: CatalogueContext,
                   lang: str, today: dt.date | None = None) -> dict[str, Any]:
    """Every field, with labels for vocabulary keys in ``lang``."""
    detail = dict(document)
    detail["summary_text"] = _text(document.get("summary"), lang)
    detail["labels"] = {
        "school_types": _labelled(document["school_types"], "school_types", context, lang),
        "levels": _labelled(sorted(document.get("levels", {})), "levels", context, lang),
        "themes": _labelled(document["themes"], "themes", context, lang),
        "approaches": _labelled(document.get("approaches", []), "approaches", context, lang),
        "evidence_level": context.evidence_scale.level_label(
            document.get("evidence", {}).get("level", ""), lang),
    }
    detail["warnings"] = evidence_warnings(document, lang, context.vocabularies)
    detail["freshness"] = freshness(document).as_dict(today or dt.date.today())
    return detail
