"""``docs/catalogue.md``: a page generated from the catalogue, kept in sync by a test."""

from __future__ import annotations

from ..schema.intervention import Assessment, Intervention
from .reader import Catalogue

HEADER = """# The catalogue

Generated from `catalogue/` by `interventions catalogue-doc`; do not edit by hand (a test
fails when this page and the catalogue differ). Evidence level is the common level
derived from the registries' own ratings (see `catalogue/evidence-scale.yaml`).

"""

LEVEL_ORDER = ("individual", "class", "school")


def render_overview(catalogue: Catalogue) -> str:
    scale = catalogue.evidence_scale
    entries = sorted(catalogue.entries,
                     key=lambda e: (-scale.rank(e.evidence_level), e.intervention.name.casefold()))
    by_level: dict[str, int] = {}
    for entry in entries:
        by_level[entry.evidence_level] = by_level.get(entry.evidence_level, 0) + 1
    # What a school needs to decide, for the entries it can get: the gaps an editor fills.
    available = [e.intervention for e in entries
                 if e.intervention.availability and e.intervention.availability.nl]
    lines = [HEADER.rstrip(), "",
             f"{len(entries)} interventions. By evidence level: "
             + ", ".join(f"{scale.level_label(k, 'en')} {by_level[k]}"
                         for k in reversed(scale.order) if k in by_level) + ".", "",
             f"Available in the Netherlands: {len(available)}; of those, with a price or "
             f"'on request': {sum(1 for i in available if i.implementation.cost)}, with an "
             f"age range: {sum(1 for i in available if i.age_range)}.", "",
             "| intervention | levels | school types | evidence level | ratings | in NL | price "
             "| sources |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for entry in entries:
        item = entry.intervention
        levels = ", ".join(level for level in LEVEL_ORDER if level in item.levels)
        ratings = "; ".join(
            f"{a.registry}: {a.rating or a.outcome} ({_when(a)})"
            for a in item.evidence.assessments
        ) or "–"
        lines.append(
            f"| [{item.name}](../catalogue/interventions/{item.id}.yaml) | {levels} | "
            f"{', '.join(item.school_types)} | {entry.evidence_level} | "
            f"{ratings.replace('|', '/')} | {_in_nl(item)} | {_price(item)} | "
            f"{len(item.sources)} |"
        )
    return "\n".join(lines) + "\n"


def _in_nl(item: Intervention) -> str:
    if item.availability is None:
        return "?"
    return "yes" if item.availability.nl else "no"


def _price(item: Intervention) -> str:
    cost = item.implementation.cost
    if cost is None:
        return "–"
    if cost.on_request:
        return "on request"
    if cost.amount_eur == 0:
        return f"free ({cost.year})"
    return f"€{cost.amount_eur:g} per {cost.per}, {cost.period} ({cost.year})"


def _when(assessment: Assessment) -> str:
    if assessment.date:
        return assessment.date.isoformat()
    if assessment.year is not None:
        return str(assessment.year)
    return f"listed {assessment.checked.isoformat()}" if assessment.checked else ""
