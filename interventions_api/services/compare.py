"""Two to six interventions aligned row by row: the logic behind ``GET /v1/compare``.

Every row has a value for every compared entry, in the order asked: ``null`` for an
unknown single value, ``[]`` for a list with nothing in it. Rows that exist for only some
entries (a registry, an outcome) are still given to all, so a table can be drawn without
holes. Each row carries a ``kind`` that says the shape of its values; ``compare_render``
turns the same rows into CSV and Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..db.repository import Repository, connect
from ..effects import CONCERNS
from ..errors import FieldError, InvalidInput, NotFound, Say
from ..freshness import freshness, study_year
from ..query import DEFAULT_CONCERN
from ..schema.intervention import ID_PATTERN
from ..schema.vocabulary import Vocabularies
from ..settings import Settings
from ..texts import as_listed, country_name, study_reference, text
from .catalogue_context import CatalogueContext, catalogue_context
from .cost import SchoolSize, estimate_cost
from .presenters import evidence_warnings, present_effects, scope_note

MIN_IDS, MAX_IDS = 2, 6
MAX_ID_LENGTH = 100

# The sections in the order they are shown; their labels and the rows' are in ``texts``.
SECTIONS = ("profile", "effects", "levels", "content", "ratings", "outcomes", "delivery",
            "implementation", "cost", "freshness")


_ID = re.compile(ID_PATTERN)


@dataclass
class Comparison:
    ids: list[str]
    interventions: list[dict[str, Any]]
    sections: list[dict[str, str]]
    rows: list[dict[str, Any]]
    context: CatalogueContext
    school: SchoolSize
    lang: str
    today: dt.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": {"interventions": self.interventions, "sections": self.sections,
                     "rows": self.rows},
            "meta": {"ids": self.ids, "lang": self.lang,
                     "catalogue_version": self.context.version,
                     "school": self.school.as_dict(), "today": self.today.isoformat()},
        }


def parse_ids(raw: list[str]) -> list[str]:
    """``ids`` as given, repeated and/or comma-separated, checked for count and duplicates."""
    ids = [part.strip() for value in raw for part in value.split(",") if part.strip()]
    errors: list[FieldError] = []
    if not MIN_IDS <= len(ids) <= MAX_IDS:
        errors.append(FieldError("ids", Say("error.ids_count", {
            "min": MIN_IDS, "max": MAX_IDS, "count": len(ids)}), ids))
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        errors.append(FieldError("ids", Say("error.ids_repeated", {"ids": ", ".join(duplicates)}),
                                 duplicates))
    too_long = [i for i in ids if len(i) > MAX_ID_LENGTH]
    if too_long:
        errors.append(FieldError("ids", Say("error.id_too_long", {"max": MAX_ID_LENGTH}),
                                 [i[:MAX_ID_LENGTH] + "…" for i in too_long]))
    if errors:
        raise InvalidInput("; ".join(e.message.render("en") for e in errors), errors)
    return ids


def _row(key: str, section: str, kind: str, label: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "section": section, "kind": kind, "label": label, "values": values}


def _labelled(keys: list[str], section: str, context: CatalogueContext,
              lang: str) -> list[dict[str, str]]:
    return [{"key": k, "label": context.vocabularies.label(section, k, lang)} for k in keys]


def _text(value: dict[str, str] | None, lang: str) -> str | None:
    if not value:
        return None
    return value.get(lang) or value.get("nl")


def _in_vocabulary_order(keys: set[str], section: str, context: CatalogueContext) -> list[str]:
    order = list(context.vocabularies.section(section))
    return sorted(keys, key=lambda k: (order.index(k) if k in order else len(order), k))


def _rating_sort_key(assessment: dict[str, Any]) -> str:
    return str(assessment.get("date") or assessment.get("checked")
               or f"{assessment.get('year', 0):04d}-01-01")


def _ratings(document: dict[str, Any], registry: str, context: CatalogueContext,
             lang: str) -> list[dict[str, Any]]:
    """This registry's ratings of the entry, newest first; the newest is ``latest``."""
    found = [a for a in document.get("evidence", {}).get("assessments", [])
             if a["registry"] == registry and a.get("rating")]
    found.sort(key=_rating_sort_key, reverse=True)
    scale = context.evidence_scale
    return [
        {"rating": a["rating"], "date": a.get("date"), "year": a.get("year"),
         "checked": a.get("checked"), "as_listed": as_listed(a.get("checked"), lang),
         "level": a["level"], "level_label": scale.level_label(a["level"], lang),
         "url": a["url"], "note": _text(a.get("note"), lang), "latest": position == 0,
         "scope_note": scope_note(a, DEFAULT_CONCERN, context, lang)}
        for position, a in enumerate(found)
    ]


def _findings(document: dict[str, Any], outcome: str, lang: str) -> list[dict[str, Any]]:
    evidence = document.get("evidence", {})
    studies = evidence.get("studies", {})
    findings = []
    for item in evidence.get("outcomes", []):
        if item["outcome"] != outcome:
            continue
        study = studies.get(item["study"], {})
        findings.append({
            "finding": item["finding"],
            "finding_label": text("finding." + item["finding"], lang),
            "study": item["study"],
            "study_name": study_reference(study.get("citation"), study_year(study)[0], lang),
            "citation": study.get("citation"),
            "year": study_year(study)[0],
            "design": study.get("design"),
            "country": study.get("country"),
            "n": study.get("n"),
            "doi": study.get("doi"),
            "url": study.get("url"),
            "effect": item.get("effect"),
            "note": _text(item.get("note"), lang),
        })
    return findings


def build_rows(documents: list[dict[str, Any]], context: CatalogueContext, lang: str,
               school: SchoolSize, today: dt.date) -> list[dict[str, Any]]:
    """Every row for every entry, in the order of ``documents``."""
    def label(key: str) -> str:
        return text("compare.row." + key, lang)

    def each(fn: Any) -> dict[str, Any]:
        return {d["id"]: fn(d) for d in documents}

    vocab = context.vocabularies
    rows = [
        _row("name", "profile", "text", label("name"), each(lambda d: d["name"])),
        _row("provider", "profile", "provider", label("provider"),
             each(lambda d: d.get("provider"))),
        _row("status", "profile", "text", label("status"),
             each(lambda d: text("status." + d.get("status", "active"), lang))),
        _row("origin_country", "profile", "text", label("origin_country"),
             each(lambda d: country_name(d.get("origin_country"), lang))),
        _row("school_types", "profile", "terms", label("school_types"),
             each(lambda d: _labelled(d["school_types"], "school_types", context, lang))),
        _row("age_range", "profile", "range", label("age_range"),
             each(lambda d: d.get("age_range"))),
    ]
    # A row per concern that one of the entries addresses or was studied on, in
    # vocabulary order; the school's first question, so before the ratings.
    effects = {d["id"]: present_effects(d, context, lang) for d in documents}
    concerns = {c for d in documents for c in d["themes"]} | {
        c for d in documents for c, e in d.get("evidence", {}).get("effects", {}).items()
        if e["verdict"] != "not_studied"}
    for concern in _in_vocabulary_order(concerns & set(CONCERNS), "themes", context):
        rows.append(_row(f"effects.{concern}", "effects", "effect",
                         vocab.label("themes", concern, lang),
                         {i: effects[i].get(concern) for i in effects}))
    for level in vocab.levels:
        rows.append(_row(f"levels.{level}", "levels", "text",
                         vocab.label("levels", level, lang),
                         each(lambda d, lv=level: _text(d.get("levels", {}).get(lv), lang))))
    rows += [
        _row("themes", "content", "terms", label("themes"),
             each(lambda d: _labelled(d["themes"], "themes", context, lang))),
        _row("approaches", "content", "terms", label("approaches"),
             each(lambda d: _labelled(d.get("approaches", []), "approaches", context, lang))),
        _row("evidence_level", "ratings", "level", label("evidence_level"),
             each(lambda d: {"key": d["evidence"]["level"], "label":
                             context.evidence_scale.level_label(d["evidence"]["level"], lang)})),
    ]
    registries = {a["registry"] for d in documents
                  for a in d.get("evidence", {}).get("assessments", [])}
    for registry in _in_vocabulary_order(registries, "registries", context):
        rows.append(_row(f"ratings.{registry}", "ratings", "ratings",
                         vocab.label("registries", registry, lang),
                         each(lambda d, r=registry: _ratings(d, r, context, lang))))
    outcomes = {o["outcome"] for d in documents for o in d.get("evidence", {}).get("outcomes", [])}
    for outcome in _in_vocabulary_order(outcomes, "outcomes", context):
        rows.append(_row(f"outcomes.{outcome}", "outcomes", "findings",
                         vocab.label("outcomes", outcome, lang),
                         each(lambda d, o=outcome: _findings(d, o, lang))))
    rows.append(_row("warnings", "outcomes", "warnings", label("warnings"),
                     each(lambda d: evidence_warnings(d, lang, vocab))))

    rows += [
        _row("delivery.lessons", "delivery", "lessons", label("delivery.lessons"),
             each(lambda d: d.get("delivery", {}).get("lessons"))),
        _row("delivery.duration", "delivery", "text", label("delivery.duration"),
             each(lambda d: _text(d.get("delivery", {}).get("duration"), lang))),
        _row("delivery.delivered_by", "delivery", "terms", label("delivery.delivered_by"),
             each(lambda d: _labelled(d.get("delivery", {}).get("delivered_by", []),
                                      "delivered_by", context, lang))),
        _row("implementation.training_hours", "implementation", "number",
             label("implementation.training_hours"),
             each(lambda d: d.get("implementation", {}).get("training_hours"))),
        _row("implementation.requirements", "implementation", "text",
             label("implementation.requirements"),
             each(lambda d: _text(d.get("implementation", {}).get("requirements"), lang))),
    ]
    estimates = each(lambda d: estimate_cost(d.get("implementation", {}).get("cost"),
                                             school, lang).as_dict())
    rows += [
        _row("cost.published", "cost", "cost", label("cost.published"),
             each(lambda d: d.get("implementation", {}).get("cost"))),
        _row("cost.school_per_year", "cost", "euro", label("cost.school_per_year"),
             {i: e["school_per_year_eur"] for i, e in estimates.items()}),
        _row("cost.per_pupil_per_year", "cost", "euro", label("cost.per_pupil_per_year"),
             {i: e["per_pupil_per_year_eur"] for i, e in estimates.items()}),
        _row("cost.estimate", "cost", "estimate", label("cost.estimate"), estimates),
    ]
    fresh = each(lambda d: _with_registry_label(freshness(d).as_dict(today), vocab, lang))
    for key, kind in (("reviewed", "date"), ("latest_rating", "rating_ref"),
                      ("review_due", "date"), ("stale", "bool"),
                      ("newer_study_than_rating", "bool")):
        rows.append(_row(f"freshness.{key}", "freshness", kind, label(f"freshness.{key}"),
                         {i: f[key] for i, f in fresh.items()}))
    return rows


def _with_registry_label(fresh: dict[str, Any], vocab: Vocabularies, lang: str) -> dict[str, Any]:
    """The latest rating names its registry as a person reads it, not by its key."""
    latest = fresh.get("latest_rating")
    if latest:
        fresh["latest_rating"] = {**latest, "registry_label": vocab.label(
            "registries", latest["registry"], lang)}
    return fresh


def compare(settings: Settings, raw_ids: list[str], school: SchoolSize, lang: str,
            today: dt.date | None = None) -> Comparison:
    """The aligned comparison; 422 for a bad list of ids, 404 naming every unknown id."""
    ids = parse_ids(raw_ids)
    context = catalogue_context(settings.db_path)
    with connect(settings.db_path) as conn:
        repo = Repository(conn)
        found = repo.documents([i for i in ids if _ID.match(i)])
        unknown = [i for i in ids if i not in found]
        if unknown:
            known = repo.ids()
            quoted = ", ".join(f"'{i}'" for i in unknown)
            raise NotFound(f"no intervention with id {quoted}",
                           [FieldError("ids", Say("error.unknown_id"), i, known)
                            for i in unknown],
                           Say("problem.no_intervention", {"ids": quoted}))
    documents = [found[i] for i in ids]
    today = today or dt.date.today()
    interventions = [
        {"id": d["id"], "name": d["name"], "summary": _text(d.get("summary"), lang),
         "evidence_level": d["evidence"]["level"], "link": f"/v1/interventions/{d['id']}"}
        for d in documents
    ]
    sections = [{"key": key, "label": text("compare.section." + key, lang)} for key in SECTIONS]
    rows = build_rows(documents, context, lang, school, today)
    return Comparison(ids, interventions, sections, rows, context, school, lang, today)
