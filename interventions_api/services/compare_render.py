"""The comparison as text: one cell per row and entry, then CSV or Markdown.

Cells are rendered from the same rows the JSON carries (by their ``kind``), so the three
formats cannot disagree. An unknown value is an empty cell in CSV and "—" in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..texts import age_range, join, long_date, money, number, published_price, text
from .compare import Comparison
from .export import CsvStyle


def _when(item: dict[str, Any], lang: str) -> str:
    """A rating's date as people write it ("15 december 2022"), else its year or when it
    was seen listed."""
    if item.get("date"):
        return long_date(item["date"], lang)
    return str(item.get("year") or item.get("as_listed") or "")


def _ratings(value: list[dict[str, Any]], lang: str, _long: bool) -> str:
    return "; ".join(
        f"{r['rating']} ({_when(r, lang)}) → {r['level_label']}"
        + (f" ({r['scope_note']})" if r.get("scope_note") else "") for r in value
    )


def _effect(value: dict[str, Any], _lang: str, long: bool) -> str:
    return str(value["summary"] if long else value["label"])


def _findings(value: list[dict[str, Any]], _lang: str, long: bool) -> str:
    parts = []
    for f in value:
        study = f["citation"] if long and f.get("citation") else f["study_name"]
        part = f"{f['finding_label']} — {study}"
        if f.get("effect"):
            part += f" ({f['effect']})"
        parts.append(part)
    return "; ".join(parts)


def _cost(value: dict[str, Any], lang: str, _long: bool) -> str:
    line = published_price(value, lang)
    # The note says whom to ask, or what the price covers: a school needs it either way.
    note = value.get("note")  # as in the catalogue: {nl, en}
    if note:
        line += f" — {note.get(lang) or note['nl']}"
    return line


def _lessons(value: dict[str, Any], lang: str, _long: bool) -> str:
    return text(f"lessons.{'year' if value['per'] == 'year' else 'total'}", lang,
                number=value["number"])


RENDERERS: dict[str, Callable[[Any, str, bool], str]] = {
    "text": lambda v, _l, _g: str(v),
    "number": lambda v, lang, _g: number(v, lang),
    "euro": lambda v, lang, _g: money(v, lang),
    "date": lambda v, lang, _g: long_date(v, lang),
    "bool": lambda v, lang, _g: text("yes" if v else "no", lang),
    "terms": lambda v, _l, _g: "; ".join(t["label"] for t in v),
    "range": lambda v, lang, _g: age_range(v["min"], v["max"], lang),
    "provider": lambda v, _l, _g: v["name"],
    "level": lambda v, _l, _g: v["label"],
    "ratings": _ratings,
    "findings": _findings,
    "effect": _effect,
    "warnings": lambda v, _l, _g: " ".join(w["message"] for w in v),
    "lessons": _lessons,
    "cost": _cost,
    "estimate": lambda v, _l, _g: v["arithmetic"],
    "rating_ref": lambda v, lang, _g: f"{v['registry_label']}: {v['rating']} ({_when(v, lang)})",
}


def cell(kind: str, value: Any, lang: str, long: bool = False) -> str:
    """One value as text; '' when unknown or empty. ``long`` gives full citations."""
    if value is None or value == [] or value == {}:
        return ""
    return RENDERERS[kind](value, lang, long)


def to_csv(comparison: Comparison, style: CsvStyle | None = None) -> str:
    """A header (section, row, label, then one column per id) and a line per row; with
    ``style.lang`` the header in words (the entries by name), the cells are in the
    comparison's language either way."""
    style = style or CsvStyle()
    entries = ([entry["name"] for entry in comparison.interventions] if style.lang
               else comparison.ids)
    header = style.header(["section", "row", "label"], "csv.compare") + entries
    rows = [[row["section"], row["key"], row["label"],
             *(cell(row["kind"], row["values"][i], comparison.lang, long=True)
               for i in comparison.ids)]
            for row in comparison.rows]
    return style.write([header, *rows])


def _md(text: str) -> str:
    """Safe inside a Markdown table cell: no pipes, no line breaks."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace(
        "\n", "<br>") or "—"


def to_markdown(comparison: Comparison) -> str:
    """A table per section, then the full citation of every study the tables name."""
    lang = comparison.lang
    names = [entry["name"] for entry in comparison.interventions]
    lines = [f"# {text('compare.title', lang, names=join(names, lang))}", ""]
    for section in comparison.sections:
        rows = [r for r in comparison.rows if r["section"] == section["key"]]
        if not rows:
            continue
        lines += [f"## {section['label']}", "",
                  "| " + " | ".join([text("compare.heading.row", lang), *(_md(n) for n in names)])
                  + " |",
                  "|" + "---|" * (len(names) + 1)]
        for row in rows:
            cells = [_md(cell(row["kind"], row["values"][i], lang)) for i in comparison.ids]
            lines.append("| " + " | ".join([_md(row["label"]), *cells]) + " |")
        lines.append("")
    # The full citations, for the studies the tables name by author and year.
    studies: set[str] = set()
    for row in comparison.rows:
        if row["kind"] != "findings":
            continue
        for entry_id in comparison.ids:
            studies.update(f["citation"] for f in row["values"][entry_id] if f.get("citation"))
    if studies:
        lines += [f"## {text('studies', lang)}", ""]
        lines += [f"- {citation}" for citation in sorted(studies)]
        lines.append("")
    return "\n".join(lines)
