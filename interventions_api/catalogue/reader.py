"""Read the whole catalogue folder, validate everything, and derive what is derived.

Every problem in every file is collected in one run; nothing stops at the first error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..schema import EvidenceScale, Intervention, Vocabularies
from ..schema.intervention import Assessment
from . import checks
from .model_errors import problems_from_validation_error
from .problems import Problem, path_text
from .rules import MAX_ENTRIES
from .synonyms import SYNONYMS_FILE, read_synonyms
from .yaml_source import SourceDocument, YamlProblem, parse_yaml, read_text

VOCABULARIES_FILE = "vocabularies.yaml"
EVIDENCE_SCALE_FILE = "evidence-scale.yaml"
INTERVENTIONS_DIR = "interventions"

M = TypeVar("M", bound=BaseModel)


@dataclass
class CatalogueEntry:
    """A validated intervention with its derived evidence."""

    intervention: Intervention
    evidence_level: str
    assessment_levels: list[str]
    source_file: str

    @property
    def id(self) -> str:
        return self.intervention.id


@dataclass
class Catalogue:
    root: Path
    vocabularies: Vocabularies
    evidence_scale: EvidenceScale
    entries: list[CatalogueEntry]
    version: str
    git_commit: str | None = None
    extra_files: dict[str, Any] = field(default_factory=dict)

    def by_id(self) -> dict[str, CatalogueEntry]:
        return {entry.id: entry for entry in self.entries}

    @property
    def reference(self) -> Reference:
        return Reference(self.vocabularies, self.evidence_scale,
                         self.extra_files.get("synonyms", {}))


@dataclass
class ReadResult:
    catalogue: Catalogue | None
    problems: list[Problem]
    # Every parsed YAML file by its displayed path, for checks that need positions later
    # (the opt-in URL check); only when asked for (``keep_sources``).
    documents: dict[str, SourceDocument] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not self.errors


def _display(path: Path) -> str:
    """The path as problems show it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _parse(path: Path, root: Path,
           problems: list[Problem]) -> tuple[SourceDocument, str] | None:
    """The parsed file and its text (the modeline check reads the text again); ``root``
    is the catalogue folder, which the file must not leave through a link."""
    try:
        text = read_text(path, root)
        doc = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem(_display(path), exc.position.line, exc.position.column, "",
                                exc.message, exc.rule))
        return None
    except OSError as exc:
        problems.append(Problem(_display(path), 1, 1, "", f"cannot read file: {exc}", "io"))
        return None
    for problem in doc.problems:
        problems.append(Problem(_display(path), problem.position.line, problem.position.column,
                                "", problem.message, problem.rule))
    return doc, text


def _validate(model: type[M], doc: SourceDocument, path: Path, problems: list[Problem],
              context: dict[str, Any] | None = None) -> M | None:
    if not isinstance(doc.data, dict):
        what = "is empty" if doc.data is None else "does not hold a map of fields"
        position = doc.position_of(())
        problems.append(Problem(_display(path), position.line, position.column, "",
                                f"the file {what}; it must hold 'key: value' lines",
                                "not-a-map"))
        return None
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, model, doc, _display(path)))
        return None


def _cross_checks(entry: Intervention, doc: SourceDocument, path: Path,
                  file: str) -> Iterable[Problem]:
    """Rules that need more than one field at a time (``file``: the path as displayed)."""

    def at(loc: tuple[str | int, ...], message: str, rule: str) -> Problem:
        position = doc.position_of(loc)
        return Problem(file, position.line, position.column, path_text(loc), message, rule)

    if entry.id != path.stem:
        yield at(("id",), f"id '{entry.id}' must equal the file name '{path.stem}'", "id-filename")
    for i, outcome in enumerate(entry.evidence.outcomes):
        if outcome.study not in entry.evidence.studies:
            known = ", ".join(sorted(entry.evidence.studies)) or "(no studies in this entry)"
            yield at(("evidence", "outcomes", i, "study"),
                     f"study '{outcome.study}' is not in evidence.studies; known: {known}",
                     "study-reference")
    for i, assessment in enumerate(entry.evidence.assessments):
        if assessment.date is None and assessment.year is None:
            yield at(("evidence", "assessments", i),
                     "an assessment needs a date (\"YYYY-MM-DD\") or a year", "assessment-date")
    for key, study in entry.evidence.studies.items():
        if study.doi is None and study.url is None:
            yield at(("evidence", "studies", key), "a study needs a doi or a url", "study-link")


def assessment_year(assessment: Assessment) -> int:
    return assessment.date.year if assessment.date else (assessment.year or 0)


def current_assessments(entry: Intervention) -> list[int]:
    """Indexes of the assessments that count: each registry's most recent verdict.

    A registry that re-assessed a programme replaced its earlier verdict, so only the
    latest year of each registry counts (all of that year's verdicts, if several).
    """
    latest: dict[str, int] = {}
    for assessment in entry.evidence.assessments:
        year = assessment_year(assessment)
        latest[assessment.registry] = max(latest.get(assessment.registry, 0), year)
    return [i for i, a in enumerate(entry.evidence.assessments)
            if assessment_year(a) == latest[a.registry]]


def derive_entry(entry: Intervention, scale: EvidenceScale, source_file: str) -> CatalogueEntry:
    """The evidence level: the highest common level among each registry's latest verdict."""
    levels = []
    for assessment in entry.evidence.assessments:
        level = scale.common_level(assessment.registry, assessment.rating)
        levels.append(level or scale.order[0])
    counting = [levels[i] for i in current_assessments(entry)]
    highest = max(counting, key=scale.rank) if counting else scale.order[0]
    return CatalogueEntry(entry, highest, levels, source_file)


def catalogue_version(root: Path) -> str:
    """A content hash over every catalogue file: the same files give the same version.
    (Called once the catalogue was read without errors; what is not a regular file was
    refused then, or is outside the folders read, and is left out here.)"""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def git_commit(root: Path) -> str | None:
    """The commit checked out in the catalogue's repository; None outside a repository
    or without git."""
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                                capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


@dataclass(frozen=True)
class Reference:
    """What the entries are read against: the vocabularies, the scale and the synonyms."""

    vocabularies: Vocabularies
    evidence_scale: EvidenceScale
    synonyms: dict[str, list[str]]


def read_catalogue(root: Path, *, today: dt.date | None = None,
                   keep_sources: bool = False) -> ReadResult:
    """Read and validate the catalogue at ``root``; collect every problem.

    ``today`` is the day the five-year review rule counts to (default: the real today).

    ``keep_sources`` keeps every parsed entry file in ``ReadResult.documents`` (the
    reference files are always kept). Without it each entry file's positions are dropped
    once the file is checked: only the opt-in URL check needs them afterwards.
    """
    return _read_catalogue(Path(root), today or dt.date.today(), keep_sources)


def _read_catalogue(root: Path, today: dt.date, keep_sources: bool) -> ReadResult:
    problems: list[Problem] = []
    documents: dict[str, SourceDocument] = {}  # the reference files always, entries if kept
    if not root.is_dir():
        problems.append(Problem(_display(root), 1, 1, "", "catalogue folder not found", "io"))
        return ReadResult(None, problems)

    vocabularies = scale = None
    for name, model, kind in ((VOCABULARIES_FILE, Vocabularies, "vocabularies"),
                              (EVIDENCE_SCALE_FILE, EvidenceScale, "evidence_scale")):
        path = root / name
        if not path.exists():
            problems.append(Problem(_display(path), 1, 1, "", f"{name} is missing", "io"))
            continue
        parsed_file = _parse(path, root, problems)
        if parsed_file is not None:
            doc, text = parsed_file
            documents[_display(path)] = doc
            modeline = checks.modeline_problem(path, _display(path), kind, text)
            problems.extend([modeline] if modeline else [])
            parsed: BaseModel | None = _validate(model, doc, path, problems)
            if isinstance(parsed, Vocabularies):
                vocabularies = parsed
            elif isinstance(parsed, EvidenceScale):
                scale = parsed
    if vocabularies is not None and scale is not None:
        problems.extend(_scale_against_vocabularies(
            scale, vocabularies, root, documents.get(_display(root / EVIDENCE_SCALE_FILE))))

    folder = root / INTERVENTIONS_DIR
    paths = sorted(folder.iterdir()) if folder.is_dir() else []
    entry_files = sum(1 for path in paths if path.suffix == ".yaml")
    if entry_files > MAX_ENTRIES:
        problems.append(Problem(_display(folder), 1, 1, "",
                                f"{entry_files:,} entry files; a catalogue holds at most "
                                f"{MAX_ENTRIES:,}", "too-many-entries"))
        paths = []
    synonyms = read_synonyms(root, _display(root / SYNONYMS_FILE), problems)
    context = {"vocabularies": vocabularies, "evidence_scale": scale}
    entries: list[CatalogueEntry] = []
    seen_ids: dict[str, str] = {}
    usage = checks.KeyUsage()  # of every parsed entry file, valid or not
    for path in paths:
        if path.suffix != ".yaml":
            if path.is_file() and not path.name.startswith("."):
                problems.append(Problem(_display(path), 1, 1, "",
                                        "intervention files end in .yaml", "file-name"))
            continue
        parsed_file = _parse(path, root, problems)
        if parsed_file is None:
            continue
        doc, text = parsed_file
        file = _display(path)
        if keep_sources:
            documents[file] = doc
        usage.add(doc.data)
        modeline = checks.modeline_problem(path, file, "intervention", text)
        problems.extend([modeline] if modeline else [])
        entry = _validate(Intervention, doc, path, problems, context)
        if entry is None:
            continue
        problems.extend(_cross_checks(entry, doc, path, file))
        overdue = checks.review_overdue(entry, doc, file, today)
        problems.extend([overdue] if overdue else [])
        if entry.id in seen_ids:
            position = doc.position_of(("id",))
            problems.append(Problem(file, position.line, position.column, "id",
                                    f"duplicate id '{entry.id}', also in {seen_ids[entry.id]}",
                                    "duplicate-id"))
            continue
        seen_ids[entry.id] = file
        if scale is not None:
            entries.append(derive_entry(entry, scale, file))

    if vocabularies is not None:
        vocabularies_file = _display(root / VOCABULARIES_FILE)
        problems.extend(checks.unused_vocabulary_keys(
            vocabularies, documents[vocabularies_file], vocabularies_file, usage))
        if scale is not None:
            problems.extend(checks.outdated_schemas(root, _display(root), vocabularies, scale))

    if vocabularies is None or scale is None or any(p.severity == "error" for p in problems):
        return ReadResult(None, sorted(problems), documents)
    catalogue = Catalogue(root, vocabularies, scale, sorted(entries, key=lambda e: e.id),
                          catalogue_version(root), git_commit(root))
    catalogue.extra_files["synonyms"] = synonyms
    return ReadResult(catalogue, sorted(problems), documents)


def _scale_against_vocabularies(
    scale: EvidenceScale, vocabularies: Vocabularies, root: Path,
    doc: SourceDocument | None,
) -> Iterable[Problem]:
    file = _display(root / EVIDENCE_SCALE_FILE)
    for registry in scale.registries:
        if registry not in vocabularies.registries:
            position = doc.key_position_of(("registries", registry)) if doc else None
            yield Problem(file, position.line if position else 1,
                          position.column if position else 1, f"registries.{registry}",
                          f"registry '{registry}' is not in vocabularies.yaml; allowed: "
                          + ", ".join(sorted(vocabularies.registries)), "vocabulary")


def read_reference_data(
    root: Path,
) -> tuple[Vocabularies | None, EvidenceScale | None, list[Problem]]:
    """Only the vocabularies and the evidence scale (for the schema generator), so that a
    broken entry does not stop the schema from being written."""
    problems: list[Problem] = []
    parsed: dict[str, BaseModel | None] = {}
    for name, model in ((VOCABULARIES_FILE, Vocabularies), (EVIDENCE_SCALE_FILE, EvidenceScale)):
        path = Path(root) / name
        parsed_file = _parse(path, Path(root), problems) if path.exists() else None
        doc = parsed_file[0] if parsed_file else None
        if doc is None and not path.exists():
            problems.append(Problem(_display(path), 1, 1, "", f"{name} is missing", "io"))
        parsed[name] = _validate(model, doc, path, problems) if doc is not None else None
    vocabularies, scale = parsed[VOCABULARIES_FILE], parsed[EVIDENCE_SCALE_FILE]
    return (vocabularies if isinstance(vocabularies, Vocabularies) else None,
            scale if isinstance(scale, EvidenceScale) else None, problems)
