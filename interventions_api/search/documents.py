"""The shape of a Meilisearch document, built from the loaded SQLite database.

One document per intervention, flat: the text fields that are searched, the keys that are
filtered and faceted on (the same vocabulary keys SQLite stores in intervention_terms),
and the numbers that sort. ``content_hash`` is a hash of the document itself, so an
rebuild can report which documents changed (vocabulary labels included).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..schema import Vocabularies

# Every field of a document and its JSON type ("?" = may be null). The index settings
# may only name fields listed here (a drift test checks it).
DOCUMENT_FIELDS: dict[str, str] = {
    "id": "string",
    "name": "string",
    "name_sort": "string",
    "aliases": "string[]",
    "summary_nl": "string",
    "summary_en": "string?",
    "theme_labels": "string[]",
    "approach_labels": "string[]",
    "provider": "string?",
    "school_types": "string[]",
    "levels": "string[]",
    "themes": "string[]",
    "approaches": "string[]",
    "evidence_level": "string",
    "evidence_rank": "number",
    "age_min": "number?",
    "age_max": "number?",
    "cost_amount_eur": "number?",
    "cost_per": "string?",
    "status": "string",
    "available_nl": "boolean?",
    "review_due_yyyymmdd": "number?",  # the stale filter: Meilisearch compares numbers only
    # The effect verdicts stored by the load (effects.py): the concerns with a positive
    # verdict (the effect_on filter), and each concern's verdict rank (sort=effect, and
    # the order of a topical query), sorted on as `effect_rank.<concern>`.
    "effects_positive": "string[]",
    "effect_rank": "object",
    "content_hash": "string",
}

# API facet / filter name → document field (the SQLite side keeps these in
# intervention_terms under the facet name).
TERM_FIELDS: dict[str, str] = {
    "school_type": "school_types",
    "level": "levels",
    "theme": "themes",
    "approach": "approaches",
}
FACET_FIELDS: dict[str, str] = {**TERM_FIELDS, "evidence_level": "evidence_level"}

# Which document fields each filter of InterventionQuery reads (drift-tested against the
# query model: a new filter must say how Meilisearch evaluates it).
QUERY_FILTER_FIELDS: dict[str, tuple[str, ...]] = {
    **{name: (field,) for name, field in TERM_FIELDS.items()},
    "age": ("age_min", "age_max"),
    "min_evidence": ("evidence_rank",),
    "max_cost_eur": ("cost_amount_eur",),
    "cost_per": ("cost_per",),
    "include_unknown_cost": ("cost_amount_eur", "cost_per"),
    "stale": ("review_due_yyyymmdd",),  # compared with the query's `today`
    "available_in_nl": ("available_nl",),
    "effect_on": ("effects_positive",),
}


def _labels(vocabularies: Vocabularies, section: str, keys: list[str]) -> list[str]:
    labels: list[str] = []
    for key in keys:
        term = vocabularies.section(section).get(key)
        if term is None:
            continue
        for text in (term.label.nl, term.label.en):
            if text and text not in labels:
                labels.append(text)
    return labels


def build_document(row: dict[str, Any], vocabularies: Vocabularies) -> dict[str, Any]:
    """One Meilisearch document from a row of ``Repository.search_index_rows()``."""
    stored = row["document"]
    terms = row["terms"]
    effects = stored.get("evidence", {}).get("effects", {})
    document: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "name_sort": row["name_sort"],
        "aliases": list(stored.get("aliases", [])),
        "summary_nl": row["summary_nl"],
        "summary_en": row["summary_en"],
        "theme_labels": _labels(vocabularies, "themes", terms.get("theme", [])),
        "approach_labels": _labels(vocabularies, "approaches", terms.get("approach", [])),
        "provider": (stored.get("provider") or {}).get("name"),
        **{field: list(terms.get(facet, [])) for facet, field in TERM_FIELDS.items()},
        "evidence_level": row["evidence_level"],
        "evidence_rank": row["evidence_rank"],
        "age_min": row["age_min"],
        "age_max": row["age_max"],
        "cost_amount_eur": row["cost_amount_eur"],
        "cost_per": row["cost_per"],
        "status": row["status"],
        "available_nl": None if row.get("available_nl") is None else bool(row["available_nl"]),
        "review_due_yyyymmdd": yyyymmdd(row.get("review_due")),
        "effects_positive": sorted(concern for concern, effect in effects.items()
                                   if effect["verdict"] == "positive"),
        "effect_rank": {concern: effect["rank"] for concern, effect in sorted(effects.items())},
    }
    document["content_hash"] = document_hash(document)
    return document


def yyyymmdd(iso_date: str | None) -> int | None:
    """'2031-11-28' → 20311128: a number in date order, as Meilisearch filters need."""
    return int(iso_date.replace("-", "")) if iso_date else None


def document_hash(document: dict[str, Any]) -> str:
    content = {k: v for k, v in document.items() if k != "content_hash"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":")).encode()
    return hashlib.sha256(canonical).hexdigest()[:24]
