"""Checks across the catalogue, after every file has been read on its own.

They look at the parsed YAML (``SourceDocument``) rather than only at validated models,
so one broken entry does not make its vocabulary keys look unused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..freshness import REVIEW_CYCLE_YEARS, add_years
from ..schema import EvidenceScale, Intervention, Vocabularies
from ..schema.json_schema import (
    EVIDENCE_SCALE_SCHEMA,
    INTERVENTION_SCHEMA,
    VOCABULARIES_SCHEMA,
    generated_schemas,
)
from .problems import Problem
from .yaml_source import SourceDocument, YamlProblem, read_text

SCHEMA_DIR = "schema"
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")

# Where each kind of file finds its schema, relative to the file.
EXPECTED_SCHEMA = {
    "intervention": f"../{SCHEMA_DIR}/{INTERVENTION_SCHEMA}",
    "vocabularies": f"{SCHEMA_DIR}/{VOCABULARIES_SCHEMA}",
    "evidence_scale": f"{SCHEMA_DIR}/{EVIDENCE_SCALE_SCHEMA}",
}

# Vocabulary sections that entries use, and how to find the keys in an entry's YAML.
# school_concepts are used by the match (school profiles), not by entries.
USAGE_SECTIONS = ("school_types", "levels", "themes", "approaches", "outcomes", "registries",
                  "delivered_by", "study_designs")


def modeline_problem(path: Path, file: str, kind: str,
                     text: str | None = None) -> Problem | None:
    """A warning when the file does not name its JSON Schema for the YAML language server.

    ``text``: the file's contents, when the caller has read them already."""
    expected = EXPECTED_SCHEMA[kind]
    wanted = f"# yaml-language-server: $schema={expected}"
    try:
        lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines()
    except (OSError, UnicodeDecodeError):
        return None  # reported as an io problem already
    for number, line in enumerate(lines, start=1):
        match = MODELINE.match(line.strip())
        if match:
            if match.group(1) == expected:
                return None
            return Problem(file, number, 1, "",
                           f"the modeline names '{match.group(1)}'; it should be '{expected}'",
                           "modeline")
    return Problem(file, 1, 1, "",
                   f"add '{wanted}' as the first line, so that your editor checks the file "
                   "while you type", "modeline")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def used_keys(data: Any) -> dict[str, set[str]]:
    """The vocabulary keys one entry's parsed YAML uses, per section (defensively)."""
    entry = _map(data)
    evidence = _map(entry.get("evidence"))
    return {
        "school_types": set(_strings(entry.get("school_types"))),
        "levels": {str(key) for key in _map(entry.get("levels"))},
        "themes": set(_strings(entry.get("themes"))),
        "approaches": set(_strings(entry.get("approaches"))),
        "outcomes": {str(o.get("outcome")) for o in _items(evidence.get("outcomes"))},
        "registries": {str(a.get("registry")) for a in _items(evidence.get("assessments"))},
        "delivered_by": set(_strings(_map(entry.get("delivery")).get("delivered_by"))),
        "study_designs": {str(_map(s).get("design"))
                          for s in _map(evidence.get("studies")).values()},
    }


class KeyUsage:
    """The vocabulary keys the entries use, per section, gathered file by file: the data
    of a file can then be dropped as soon as the file is read."""

    def __init__(self) -> None:
        self.used: dict[str, set[str]] = {section: set() for section in USAGE_SECTIONS}

    def add(self, data: Any) -> None:
        for section, keys in used_keys(data).items():
            self.used[section] |= keys


def unused_vocabulary_keys(vocabularies: Vocabularies, vocabularies_doc: SourceDocument,
                           file: str, usage: KeyUsage) -> Iterator[Problem]:
    for section in USAGE_SECTIONS:
        for key in vocabularies.section(section):
            if key not in usage.used[section]:
                position = vocabularies_doc.key_position_of((section, key))
                yield Problem(file, position.line, position.column, f"{section}.{key}",
                              f"no intervention uses the {section} key '{key}'; use it or "
                              "consider whether the catalogue needs it",
                              "unused-vocabulary-key")


def review_overdue(entry: Intervention, doc: SourceDocument, file: str,
                   today: dt.date) -> Problem | None:
    """A warning when the last editorial review is more than five years old."""
    due = add_years(entry.reviewed, REVIEW_CYCLE_YEARS)
    if due >= today:
        return None
    position = doc.position_of(("reviewed",))
    return Problem(file, position.line, position.column, "reviewed",
                   f"last reviewed {entry.reviewed.isoformat()}, more than "
                   f"{REVIEW_CYCLE_YEARS} years ago (due {due.isoformat()}): check the "
                   "ratings and sources again, then update 'reviewed'", "review-overdue")


def outdated_schemas(root: Path, display: str, vocabularies: Vocabularies,
                     scale: EvidenceScale) -> Iterator[Problem]:
    """Warnings when catalogue/schema/ is not what the models and vocabularies generate.

    Skipped when the folder does not exist (a bare copy of the data, as in tests).
    """
    folder = root / SCHEMA_DIR
    if not folder.is_dir():
        return
    for name, text in generated_schemas(vocabularies, scale).items():
        path = folder / name
        try:
            current: str | None = read_text(path, root) if path.exists() else None
        except (YamlProblem, OSError):
            current = ""  # a FIFO, a link out of the catalogue, …: not what is generated
        if current != text:
            state = "is missing" if current is None else "is out of date"
            yield Problem(f"{display}/{SCHEMA_DIR}/{name}", 1, 1, "",
                          f"{state} (the models or vocabularies changed); run "
                          "'interventions schema' and commit the result", "schema-outdated")
