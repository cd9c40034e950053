"""The whole catalogue as open data: one JSON document, or CSV with one row per intervention.

Both are built from the loaded database (the same data the API serves, with the derived
evidence level), so ``interventions export`` and ``GET /v1/export.*`` give the same bytes
for the same load. Nothing in them depends on the time of the request.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Literal

from .. import __version__
from ..db.repository import Repository, connect
from ..settings import Settings
from ..texts import text
from .catalogue_context import CatalogueContext, catalogue_context
from .presenters import evidence_warnings

# 2: implementation.requirements, delivery.duration, implementation.cost.note and the note
# of each assessment and finding became {nl, en}; the CSV columns requirements, duration and
# cost_note became requirements_nl and requirements_en, duration_nl and duration_en,
# cost_note_nl and cost_note_en.
EXPORT_FORMAT_VERSION = 2

# catalogue/LICENSE states the licence in full; the export names it in its metadata.
LICENCE: dict[str, str] = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "legal_code": "https://creativecommons.org/licenses/by/4.0/legalcode",
    "attribution": "Interventions database contributors (catalogue/ of the interventions-api "
                   "repository)",
    "file": "catalogue/LICENSE",
}

LIST_SEPARATOR = "; "  # between the keys of a multi-valued field in CSV
ITEM_SEPARATOR = " | "  # between composite items (ratings, findings, studies) in CSV

CSV_COLUMNS: list[tuple[str, str]] = [
    ("id", "Stable id; the file name in catalogue/interventions/"),
    ("name", "Official name"),
    ("aliases", "Other names, '; '-separated"),
    ("summary_nl", "Summary in Dutch"),
    ("summary_en", "Summary in English"),
    ("provider_name", "Organisation that owns or licenses it"),
    ("provider_url", "Its website"),
    ("origin_country", "ISO 3166 alpha-2"),
    ("status", "active or discontinued"),
    ("school_types", "Vocabulary keys, '; '-separated"),
    ("age_min", "Youngest age in years"),
    ("age_max", "Oldest age in years"),
    ("levels", "Levels it works on (individual; class; school)"),
    ("themes", "Vocabulary keys, '; '-separated"),
    ("approaches", "Vocabulary keys, '; '-separated"),
    ("lessons_number", "Number of lessons"),
    ("lessons_per", "year or total"),
    ("duration_nl", "How long it runs, in Dutch"),
    ("duration_en", "The same in English"),
    ("delivered_by", "Vocabulary keys, '; '-separated"),
    ("training_hours", "Training hours for one teacher"),
    ("requirements_nl", "What it asks of a school (training, staff, …), in Dutch"),
    ("requirements_en", "The same in English"),
    ("available_nl", "true: a Dutch school can get it; false: it cannot; empty: unknown"),
    ("cost_on_request", "true: the provider publishes no price, only on request"),
    ("cost_amount_eur", "Published price in euros; empty when unknown or on request"),
    ("cost_per", "school, pupil, teacher or class"),
    ("cost_period", "once or year"),
    ("cost_year", "Price year"),
    ("cost_note_nl", "What the price includes, in Dutch"),
    ("cost_note_en", "The same in English"),
    ("cost_source", "Where the price or 'on request' is published"),
    ("effect_bullying", "Effect verdict on bullying: positive, mixed, no_effect, negative or "
                        "not_studied (docs/evidence.md)"),
    ("effects", "concern: verdict (studies, strongest design) for every concern that was "
                "studied, ' | '-separated"),
    ("evidence_level", "Derived common evidence level (highest mapped rating)"),
    ("ratings", "registry: label (date, year or \"listed <day>\") [common level] "
                "{outcomes judged, when stated}, ' | '-separated"),
    ("outcomes", "outcome: finding (study; effect), ' | '-separated"),
    ("unfavourable_bullying_findings", "Number of no_effect/negative findings on bullying "
                                       "outcomes"),
    ("studies", "key: citation (doi or url), ' | '-separated"),
    ("sources", "URLs backing the entry, ' | '-separated"),
    ("reviewed", "Date of the last editorial review"),
]


def _documents(settings: Settings) -> tuple[list[dict[str, Any]], CatalogueContext]:
    context = catalogue_context(settings.db_path)
    with connect(settings.db_path) as conn:
        documents = Repository(conn).all_documents()
    return documents, context


def metadata(context: CatalogueContext, count: int) -> dict[str, Any]:
    load = context.load
    return {
        "title": "Interventions for social safety in Dutch schools: the open catalogue",
        "description": "Curated anti-bullying and social-safety interventions with their "
                       "effect verdicts per concern, registry ratings (verbatim), findings "
                       "per outcome and sources.",
        "licence": LICENCE,
        "format_version": EXPORT_FORMAT_VERSION,
        "catalogue_version": load["version"],
        "git_commit": load["git_commit"],
        "loaded_at": load["loaded_at"],
        "entry_count": count,
        "generator": f"interventions-api {__version__}",
        "csv_columns": dict(CSV_COLUMNS),
    }


def export_json(settings: Settings) -> str:
    documents, context = _documents(settings)
    payload = {
        "meta": metadata(context, len(documents)),
        "evidence_scale": context.evidence_scale.model_dump(mode="json"),
        "vocabularies": context.vocabularies.model_dump(mode="json", exclude_none=True),
        "interventions": documents,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _join(values: Any, separator: str = LIST_SEPARATOR) -> str:
    return separator.join(str(v) for v in values) if values else ""


def _flag(value: bool | None) -> str:
    """A yes/no field: 'true' or 'false', empty when the catalogue does not say."""
    return "" if value is None else str(bool(value)).lower()


def _unfavourable_bullying(document: dict[str, Any]) -> int:
    return len(evidence_warnings(document, "en"))


def csv_row(document: dict[str, Any], level_order: list[str]) -> dict[str, Any]:
    """One CSV row; ``level_order`` is the vocabulary's order of the levels."""
    provider = document.get("provider") or {}
    age = document.get("age_range") or {}
    delivery = document.get("delivery") or {}
    lessons = delivery.get("lessons") or {}
    implementation = document.get("implementation") or {}
    cost = implementation.get("cost") or {}
    evidence = document.get("evidence") or {}
    ratings = [
        f"{a['registry']}: {a.get('rating') or a.get('outcome')}"
        + (f" ({_assessed(a)})" if _assessed(a) else "")
        + (f" [{a['level']}]" if a.get("level") else "")
        + (f" {{{', '.join(a['scope'])}}}" if a.get("scope") else "")
        for a in evidence.get("assessments", [])
    ]
    effects = evidence.get("effects", {})
    studied = [f"{concern}: {e['verdict']} ({e['studies']}, {e['best_design']})"
               for concern, e in effects.items() if e["verdict"] != "not_studied"]
    outcomes = [
        f"{o['outcome']}: {o['finding']} ({o['study']}"
        + (f"; {o['effect']}" if o.get("effect") else "") + ")"
        for o in evidence.get("outcomes", [])
    ]
    studies = [
        f"{key}: {study['citation']}"
        + (f" (doi:{study['doi']})" if study.get("doi") else
           f" ({study['url']})" if study.get("url") else "")
        for key, study in evidence.get("studies", {}).items()
    ]
    summary = document.get("summary") or {}
    requirements = implementation.get("requirements") or {}
    duration = delivery.get("duration") or {}
    cost_note = cost.get("note") or {}
    availability = document.get("availability") or {}
    return {
        "id": document["id"],
        "name": document["name"],
        "aliases": _join(document.get("aliases")),
        "summary_nl": summary.get("nl", ""),
        "summary_en": summary.get("en", ""),
        "provider_name": provider.get("name", ""),
        "provider_url": provider.get("url", ""),
        "origin_country": document.get("origin_country", ""),
        "status": document.get("status", ""),
        "school_types": _join(document.get("school_types")),
        "age_min": age.get("min", ""),
        "age_max": age.get("max", ""),
        "levels": _join(sorted(document.get("levels", {}),
                               key=lambda k: level_order.index(k) if k in level_order else 99)),
        "themes": _join(document.get("themes")),
        "approaches": _join(document.get("approaches")),
        "lessons_number": lessons.get("number", ""),
        "lessons_per": lessons.get("per", ""),
        "duration_nl": duration.get("nl", ""),
        "duration_en": duration.get("en", ""),
        "delivered_by": _join(delivery.get("delivered_by")),
        "training_hours": implementation.get("training_hours", ""),
        "requirements_nl": requirements.get("nl", ""),
        "requirements_en": requirements.get("en", ""),
        "available_nl": _flag(availability.get("nl")),
        "cost_on_request": _flag(cost.get("on_request")) if cost else "",
        "cost_amount_eur": cost.get("amount_eur", ""),
        "cost_per": cost.get("per", ""),
        "cost_period": cost.get("period", ""),
        "cost_year": cost.get("year", ""),
        "cost_note_nl": cost_note.get("nl", ""),
        "cost_note_en": cost_note.get("en", ""),
        "cost_source": cost.get("source", ""),
        "effect_bullying": effects.get("bullying", {}).get("verdict", ""),
        "effects": _join(studied, ITEM_SEPARATOR),
        "evidence_level": evidence.get("level", ""),
        "ratings": _join(ratings, ITEM_SEPARATOR),
        "outcomes": _join(outcomes, ITEM_SEPARATOR),
        "unfavourable_bullying_findings": _unfavourable_bullying(document),
        "studies": _join(studies, ITEM_SEPARATOR),
        "sources": _join(document.get("sources"), ITEM_SEPARATOR),
        "reviewed": document.get("reviewed", ""),
    }


Delimiter = Literal["comma", "semicolon"]
DELIMITERS: dict[str, str] = {"comma": ",", "semicolon": ";"}
BOM = "\ufeff"


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV is written. By default for programs: commas, decimal points, the column
    keys as header, plain UTF-8. For a spreadsheet (Dutch Excel opens a file by double
    click only when it is so): ``delimiter="semicolon"`` gives semicolons and decimal
    commas; ``lang`` gives the column labels in that language; either adds a byte-order
    mark, without which Excel reads UTF-8 as another encoding."""

    delimiter: Delimiter = "comma"
    lang: str | None = None

    @property
    def for_spreadsheet(self) -> bool:
        return self.delimiter == "semicolon" or self.lang is not None

    def header(self, keys: list[str], prefix: str) -> list[str]:
        """The column keys, or their labels (``<prefix>.<key>`` in texts.py) in ``lang``."""
        return keys if self.lang is None else [text(f"{prefix}.{key}", self.lang)
                                               for key in keys]

    def value(self, value: Any) -> Any:
        """A number with a decimal comma when semicolons separate the columns."""
        if self.delimiter == "semicolon" and isinstance(value, float):
            return str(value).replace(".", ",")
        return value

    def write(self, rows: list[list[Any]]) -> str:
        """RFC 4180 (CRLF line ends) with this style's delimiter and byte-order mark."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=DELIMITERS[self.delimiter], lineterminator="\r\n")
        writer.writerows([[self.value(v) for v in row] for row in rows])
        return (BOM if self.for_spreadsheet else "") + buffer.getvalue()


def export_csv(settings: Settings, style: CsvStyle | None = None) -> str:
    """A header row, then one row per intervention (see ``CsvStyle`` for the styles)."""
    style = style or CsvStyle()
    documents, context = _documents(settings)
    level_order = list(context.vocabularies.levels)
    keys = [name for name, _ in CSV_COLUMNS]
    rows = [[row[key] for key in keys]
            for row in (csv_row(document, level_order) for document in documents)]
    return style.write([style.header(keys, "csv.column"), *rows])


def export_filename(settings: Settings, extension: str, name: str = "interventies") -> str:
    """'interventies-2026-12-04.csv': the day the catalogue was loaded, a name a person
    can read (not the version hash), the same for every request on one load."""
    loaded = str(catalogue_context(settings.db_path).load["loaded_at"])[:10]
    return f"{name}-{loaded}.{extension}"


def _assessed(assessment: dict[str, Any]) -> str | None:
    """The date, the year, or "listed <day>" for a registry page read without a date."""
    if assessment.get("date") or assessment.get("year"):
        return str(assessment.get("date") or assessment.get("year"))
    return f"listed {assessment['checked']}" if assessment.get("checked") else None
