"""Stored documents → API representations, in the requested language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..effects import CONCERN_OUTCOMES
from ..freshness import freshness, study_year
from ..query import DEFAULT_CONCERN
from ..schema import Vocabularies
from ..schema.intervention import UNFAVOURABLE_FINDINGS
from ..texts import (
    as_listed,
    availability_label,
    capitalised,
    country_name,
    join,
    number,
    study_reference,
    text,
)
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
            message = text("evidence_warning", lang,
                           study=capitalised(named_study(document, outcome["study"], lang)),
                           effect=text("finding." + finding, lang), outcome=name)
            warnings.append({"code": f"{finding}_on_bullying_outcome",
                             "outcome": outcome["outcome"], "study": outcome["study"],
                             "message": message})
    return warnings


def named_study(document: dict[str, Any], key: str, lang: str) -> str:
    """A study of ``document`` as a reader finds it under the sources ('het onderzoek van
    Orobio de Castro e.a. (2018)'), never by its catalogue key."""
    study = document.get("evidence", {}).get("studies", {}).get(key, {})
    return study_reference(study.get("citation"), study_year(study)[0], lang)


def concern_name(concern: str, context: CatalogueContext, lang: str) -> str:
    """A concern as it reads inside a sentence: its theme label in lower case."""
    return context.vocabularies.label("themes", concern, lang).lower()


def effect_summary(effect: dict[str, Any], concern: str, document: dict[str, Any],
                   context: CatalogueContext, lang: str) -> str:
    """Every study behind a verdict, null and harmful ones included, in ``lang``."""
    if effect["verdict"] == "not_studied":
        return text("effect.not_studied", lang, concern=concern_name(concern, context, lang))
    results = []
    for result in effect["results"]:
        details = [d for d in (
            context.vocabularies.label("study_designs", result["design"], lang).lower()
            if result["design"] else None, country_name(result["country"], lang),
            text("effect.sample", lang, n=number(result["n"], lang, 0)) if result["n"] else None,
        ) if d]
        results.append(text("effect.result", lang,
                             result=text("finding." + result["result"], lang),
                             study=named_study(document, result["study"], lang),
                             details=f" ({', '.join(details)})" if details else ""))
    verdict = text("verdict." + effect["verdict"], lang,
                   concern=concern_name(concern, context, lang))
    return text("effect.summary", lang, verdict=verdict, results="; ".join(results))


def present_effects(document: dict[str, Any], context: CatalogueContext,
                    lang: str) -> dict[str, dict[str, Any]]:
    """The stored verdict per concern (computed by the load), worded in ``lang``."""
    presented = {}
    for concern, effect in document.get("evidence", {}).get("effects", {}).items():
        if concern not in context.vocabularies.themes:
            continue
        presented[concern] = {
            "verdict": effect["verdict"],
            "label": text("verdict." + effect["verdict"], lang,
                          concern=concern_name(concern, context, lang)),
            "studies": effect["studies"],
            "best_design": effect["best_design"],
            "summary": effect_summary(effect, concern, document, context, lang),
        }
    return presented


def scope_note(assessment: dict[str, Any], concern: str, context: CatalogueContext,
               lang: str) -> str | None:
    """"erkend voor gedragsproblemen, niet voor pesten" when the registry judged other
    outcomes than those behind ``concern``; None when it judged them or did not say."""
    scope = assessment.get("scope") or []
    if not scope or set(scope) & set(CONCERN_OUTCOMES.get(concern, ())):
        return None
    labels = [context.vocabularies.label("outcomes", key, lang).lower() for key in scope]
    return text("rating.scope", lang, scope=join(labels, lang),
                concern=concern_name(concern, context, lang))


def present_ratings(document: dict[str, Any], context: CatalogueContext, lang: str,
                    concern: str) -> list[dict[str, Any]]:
    return [present_rating(a, context, lang, concern)
            for a in document.get("evidence", {}).get("assessments", [])]


def present_rating(assessment: dict[str, Any], context: CatalogueContext,
                   lang: str, concern: str = DEFAULT_CONCERN) -> dict[str, Any]:
    """One assessment as the listing, detail and compare show it: a registry page read
    without a date says so ("zoals vermeld op 4 december 2026"), an assessment without a
    label says "geen oordeel", and a rating about other outcomes than ``concern`` says
    that too ("erkend voor gedragsproblemen, niet voor pesten")."""
    outcome = assessment.get("outcome")
    return {
        "registry": assessment["registry"],
        "registry_label": context.vocabularies.label("registries", assessment["registry"],
                                                     lang),
        "rating": assessment.get("rating"), "level": assessment.get("level"),
        "outcome": outcome,
        "outcome_label": text("assessment_outcome." + outcome, lang) if outcome else None,
        "date": assessment.get("date"), "year": assessment.get("year"),
        "checked": assessment.get("checked"),
        "as_listed": as_listed(assessment.get("checked"), lang),
        "scope": assessment.get("scope", []),
        "scope_note": scope_note(assessment, concern, context, lang),
    }


def present_availability(document: dict[str, Any], lang: str) -> dict[str, Any]:
    """Whether a Dutch school can get it (``nl`` is None when the catalogue does not know),
    with its label and note in ``lang``."""
    availability = document.get("availability") or {}
    nl = availability.get("nl")
    return {"nl": nl, "label": availability_label(nl, lang),
            "note": _text(availability.get("note"), lang),
            "sources": availability.get("sources", [])}


def present_item(document: dict[str, Any], context: CatalogueContext, lang: str,
                 highlight: dict[str, str] | None = None,
                 today: dt.date | None = None,
                 concern: str = DEFAULT_CONCERN) -> dict[str, Any]:
    """A listing item; ``concern``: the school's concern the ratings are read against."""
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
        "effects": present_effects(document, context, lang),
        "ratings": present_ratings(document, context, lang, concern),
        "outcome_findings": [
            {"outcome": o["outcome"], "finding": o["finding"]}
            for o in evidence.get("outcomes", [])
        ],
        "warnings": evidence_warnings(document, lang, context.vocabularies),
        "training_hours": implementation.get("training_hours"),
        "cost": implementation.get("cost"),
        "status": document.get("status", "active"),
        "origin_country": document.get("origin_country"),
        "availability": present_availability(document, lang),
        "reviewed": document.get("reviewed"),
        "freshness": freshness(document).as_dict(today or dt.date.today()),
    }
    item["highlight"] = highlight or None  # always present: null when nothing matched text
    return item


def present_detail(document: dict[str, Any], context: CatalogueContext,
                   lang: str, today: dt.date | None = None,
                   concern: str = DEFAULT_CONCERN) -> dict[str, Any]:
    """Every field, with labels for vocabulary keys in ``lang``; ``effects`` worded, and
    each rating's ``scope_note`` read against ``concern``."""
    detail = dict(document)
    detail["effects"] = present_effects(document, context, lang)
    detail["ratings"] = present_ratings(document, context, lang, concern)
    detail["summary_text"] = _text(document.get("summary"), lang)
    detail["labels"] = {
        "school_types": _labelled(document["school_types"], "school_types", context, lang),
        "levels": _labelled(sorted(document.get("levels", {})), "levels", context, lang),
        "themes": _labelled(document["themes"], "themes", context, lang),
        "approaches": _labelled(document.get("approaches", []), "approaches", context, lang),
        "evidence_level": context.evidence_scale.level_label(
            document.get("evidence", {}).get("level", ""), lang),
    }
    evidence = document.get("evidence", {})
    if evidence:
        # Each finding's study as a reader finds it under the sources (`study_name`).
        detail["evidence"] = {**evidence, "outcomes": [
            {**o, "study_name": named_study(document, o["study"], lang)}
            for o in evidence.get("outcomes", [])]}
    if evidence.get("assessments"):
        detail["evidence"]["assessments"] = [
            {**a, **{k: v for k, v in present_rating(a, context, lang).items()
                     if k in ("as_listed", "outcome_label") and v}}
            for a in evidence["assessments"]]
    detail["availability_text"] = present_availability(document, lang)
    detail["warnings"] = evidence_warnings(document, lang, context.vocabularies)
    detail["freshness"] = freshness(document).as_dict(today or dt.date.today())
    return detail
