"""The validation rules: stable codes that editors, CI annotations and tests refer to.

A code never changes meaning once published; a new check gets a new code. Every code is
explained, with an example and the fix, in ``docs/validation-rules.md`` (a test keeps the
two in step, and ``Problem`` refuses a code that is not listed here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Limits on what is read, far above any real catalogue (tens of entries of a few kB,
# nested a few levels; the benchmark catalogues hold 10,000 entries). A broken or
# hostile catalogue meets them, and is refused at once instead of stalling the reader.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_ENTRIES = 50_000


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    group: str


_RULES = [
    # Reading the files
    Rule("io", "error", "A file or folder is missing or cannot be read.", "files"),
    Rule("file-name", "error", "A file in interventions/ does not end in .yaml.", "files"),
    Rule("file-type", "error", "A catalogue file is a FIFO, a device or a folder, not a "
         "regular file.", "files"),
    Rule("file-link", "error", "A link that leads out of the catalogue folder.", "files"),
    Rule("file-too-large", "error", f"A file larger than {MAX_FILE_BYTES:,} bytes.", "files"),
    Rule("too-many-entries", "error", f"More than {MAX_ENTRIES:,} entry files.", "files"),
    Rule("encoding", "error", "Bytes that are not UTF-8 text.", "files"),
    Rule("yaml-syntax", "error", "The file is not valid YAML.", "yaml"),
    Rule("yaml-too-deep", "error", f"Maps and lists nest more than {MAX_DEPTH} levels deep.",
         "yaml"),
    Rule("yaml-tab", "error", "A tab is used for indentation; YAML needs spaces.", "yaml"),
    Rule("yaml-multiple-documents", "error", "A file holds more than one YAML document.",
         "yaml"),
    Rule("yaml-merge-key", "error", "A merge key (<<) is used; write the values out.", "yaml"),
    Rule("yaml-alias", "error", "An alias (*name) repeats an anchored value; write it out.",
         "yaml"),
    Rule("yaml-complex-key", "error", "A key is a list or a map instead of a word.", "yaml"),
    Rule("duplicate-key", "error", "The same key appears twice in one map.", "yaml"),
    Rule("not-a-map", "error", "The file is empty or does not hold a map of fields.", "yaml"),
    # The schema of one file
    Rule("missing-field", "error", "A required field is missing.", "schema"),
    Rule("unknown-field", "error", "A field the schema does not know (often a typo).", "schema"),
    Rule("derived-field", "error", "A field that is computed at load time is typed in.",
         "schema"),
    Rule("wrong-type", "error", "A value of the wrong kind (text, number, list, map).",
         "schema"),
    Rule("too-short", "error", "An empty text, list or map where at least one is needed.",
         "schema"),
    Rule("too-long", "error", "A text, list or map longer than its limit.", "schema"),
    Rule("control-character", "error",
         "A text holds a control character (only line breaks and tabs, in texts of "
         "several lines).", "schema"),
    Rule("out-of-range", "error", "A number below its minimum or above its maximum.", "schema"),
    Rule("not-allowed", "error", "A value outside a fixed list of choices.", "schema"),
    Rule("bad-format", "error", "A text that does not have the required form (id, URL, …).",
         "schema"),
    Rule("bad-date", "error", "A date that is not a real date written as \"YYYY-MM-DD\".",
         "schema"),
    Rule("age-range", "error", "age_range.max is below age_range.min.", "schema"),
    Rule("vocabulary", "error", "A key that is not in the vocabulary section it must come from.",
         "schema"),
    Rule("rating-label", "error", "A rating that is not one of the registry's own labels.",
         "schema"),
    Rule("schema", "error", "Any other schema violation (the message says which).", "schema"),
    Rule("synonyms", "error", "catalogue/synonyms.yaml is not a list of groups of equivalent "
         "search terms.", "schema"),
    # Rules across fields of one entry
    Rule("id-filename", "error", "The id differs from the file name.", "entry"),
    Rule("study-reference", "error", "An outcome names a study that is not in evidence.studies.",
         "entry"),
    Rule("assessment-date", "error",
         "An assessment has not exactly one of date, year or checked.", "entry"),
    Rule("assessment-rating", "error",
         "An assessment has not exactly one of rating or outcome.", "entry"),
    Rule("study-link", "error", "A study has neither a doi nor a url.", "entry"),
    Rule("summary-en", "error", "The summary has no English text.", "entry"),
    Rule("requirements-en", "error", "implementation.requirements has no English text.",
         "entry"),
    Rule("duration-en", "error", "delivery.duration has no English text.", "entry"),
    Rule("cost-note-en", "error", "implementation.cost.note has no English text.", "entry"),
    Rule("assessment-note-en", "error", "The note of an assessment has no English text.",
         "entry"),
    Rule("finding-note-en", "error", "The note of a finding (evidence.outcomes) has no "
         "English text.", "entry"),
    Rule("cost-form", "error", "A cost is neither a full published price nor 'on request', "
         "or has no source.", "entry"),
    Rule("mirror-host", "error", "A URL on a document-mirror or proxy host (warning in an "
         "entry unchanged since the merge base with main).", "entry"),
    # Rules across the catalogue
    Rule("duplicate-id", "error", "Two files carry the same id.", "catalogue"),
    Rule("unused-vocabulary-key", "warning", "A vocabulary key that no entry uses.", "catalogue"),
    Rule("review-overdue", "warning", "The last editorial review is more than five years old.",
         "catalogue"),
    Rule("modeline", "warning", "The file does not name its JSON Schema for the editor.",
         "catalogue"),
    Rule("schema-outdated", "warning",
         "catalogue/schema/ differs from the models and vocabularies; run "
         "'interventions schema'.", "catalogue"),
    # Opt-in: interventions validate --check-urls
    Rule("url-broken", "error", "A URL answers 404 Not Found or 410 Gone.", "urls"),
    Rule("url-unreachable", "warning",
         "A URL does not answer, or answers with another error status.", "urls"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
assert len(RULES) == len(_RULES), "rule codes must be unique"


def severity_of(code: str) -> Severity:
    return RULES[code].severity
