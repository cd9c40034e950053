"""Read the whole catalogue folder, validate everything, and derive what is derived.

Every problem in every file is collected in one run; nothing stops at the first error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..schema import EvidenceScale, Intervention, Vocabularies
from ..schema.intervention import ID_PATTERN, Assessment
from . import checks
from .mirror_hosts import MIRROR_HOSTS_FILE, BaseVersions, mirror_problems, read_mirror_hosts
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
    assessment_levels: list[str | None]  # None for an assessment without a rating
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


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _cross_checks(data: Any, doc: SourceDocument, path: Path,
                  file: str) -> Iterable[Problem]:
    """Rules that need more than one field at a time (``file``: the path as displayed).

    They read the parsed YAML, not the validated model, so that a file with schema errors
    still gets these reported in the same run; a value of the wrong type is left to the
    schema's own message.
    """

    def at(loc: tuple[str | int, ...], message: str, rule: str) -> Problem:
        position = doc.position_of(loc)
        return Problem(file, position.line, position.column, path_text(loc), message, rule)

    entry = _map(data)
    if (isinstance(entry.get("id"), str) and re.fullmatch(ID_PATTERN, entry["id"])
            and entry["id"] != path.stem):  # a malformed id is the schema's bad-format
        yield at(("id",), f"id '{entry['id']}' must equal the file name '{path.stem}'",
                 "id-filename")
    summary = entry.get("summary")
    if isinstance(summary, dict) and not summary.get("en"):
        yield at(("summary",), "add the English summary (summary.en): the site and the API "
                               "show it with lang=en", "summary-en")
    requirements = _map(entry.get("implementation")).get("requirements")
    if isinstance(requirements, dict) and not requirements.get("en"):
        yield at(("implementation", "requirements"),
                 "add the English requirements (implementation.requirements.en): the plan, "
                 "the comparison and the widget show them with lang=en", "requirements-en")
    duration = _map(entry.get("delivery")).get("duration")
    if isinstance(duration, dict) and not duration.get("en"):
        yield at(("delivery", "duration"),
                 "add the English duration (delivery.duration.en): the comparison, the "
                 "widget and the open data show it with lang=en", "duration-en")
    cost = _map(_map(entry.get("implementation")).get("cost"))
    if isinstance(cost.get("note"), dict) and not cost["note"].get("en"):
        yield at(("implementation", "cost", "note"),
                 "add the English cost note (implementation.cost.note.en): the comparison "
                 "and the widget show it with lang=en", "cost-note-en")
    evidence = _map(entry.get("evidence"))
    studies = _map(evidence.get("studies"))
    for i, outcome in enumerate(_list(evidence.get("outcomes"))):
        study = _map(outcome).get("study")
        if isinstance(study, str) and study not in studies:
            known = ", ".join(sorted(map(str, studies))) or "(no studies in this entry)"
            yield at(("evidence", "outcomes", i, "study"),
                     f"study '{study}' is not in evidence.studies; known: {known}",
                     "study-reference")
        note = _map(outcome).get("note")
        if isinstance(note, dict) and not note.get("en"):
            yield at(("evidence", "outcomes", i, "note"),
                     f"add the English finding note (evidence.outcomes[{i}].note.en): the "
                     "widget and the comparison show it with lang=en", "finding-note-en")
    for i, item in enumerate(_list(evidence.get("assessments"))):
        assessment = _map(item)
        if not assessment:
            continue
        note = assessment.get("note")
        if isinstance(note, dict) and not note.get("en"):
            yield at(("evidence", "assessments", i, "note"),
                     f"add the English assessment note (evidence.assessments[{i}].note.en): "
                     "the widget and the comparison show it with lang=en",
                     "assessment-note-en")
        if sum(assessment.get(k) is not None for k in ("date", "year", "checked")) != 1:
            yield at(("evidence", "assessments", i),
                     "an assessment needs exactly one of date (\"YYYY-MM-DD\"), year, or "
                     "checked (the day a registry page without a date was read)",
                     "assessment-date")
        if sum(assessment.get(k) is not None for k in ("rating", "outcome")) != 1:
            yield at(("evidence", "assessments", i),
                     "an assessment needs exactly one of rating (the registry's label) or "
                     "outcome (not_judged, when the source gives no label)",
                     "assessment-rating")
    for key, study in studies.items():
        if isinstance(study, dict) and study.get("doi") is None and study.get("url") is None:
            yield at(("evidence", "studies", key), "a study needs a doi or a url", "study-link")
    cost = _map(_map(entry.get("implementation")).get("cost"))
    if cost:
        price_fields = [k for k in ("amount_eur", "per", "period", "year")
                        if cost.get(k) is not None]
        if cost.get("on_request") is True and price_fields:
            yield at(("implementation", "cost"),
                     f"'on_request: true' has no price; remove {', '.join(price_fields)}",
                     "cost-form")
        elif cost.get("on_request") is not True and len(price_fields) != 4:
            yield at(("implementation", "cost"),
                     "a published price needs amount_eur, per, period and year (or write "
                     "'on_request: true' when the provider publishes none)", "cost-form")
        if cost.get("source") is None:
            yield at(("implementation", "cost"),
                     "a cost needs its source (the page that publishes the price or "
                     "'op aanvraag')", "cost-form")


def assessment_year(assessment: Assessment) -> int:
    day = assessment.date or assessment.checked
    return day.year if day else (assessment.year or 0)


def current_assessments(entry: Intervention) -> list[int]:
    """Indexes of the assessments that count: each registry's most recent verdict.

    A registry that re-assessed a programme replaced its earlier verdict, so only the
    latest year of each registry counts (all of that year's verdicts, if several).
    """
    # An outcome without a label (not judged again) replaces no verdict and has no level.
    rated = [(i, a) for i, a in enumerate(entry.evidence.assessments) if a.rating is not None]
    latest: dict[str, int] = {}
    for _i, assessment in rated:
        year = assessment_year(assessment)
        latest[assessment.registry] = max(latest.get(assessment.registry, 0), year)
    return [i for i, a in rated if assessment_year(a) == latest[a.registry]]


def derive_entry(entry: Intervention, scale: EvidenceScale, source_file: str) -> CatalogueEntry:
    """The evidence level: the highest common level among each registry's latest verdict.

    An assessment without a rating (an ``outcome``) has no level (None)."""
    levels: list[str | None] = []
    for assessment in entry.evidence.assessments:
        if assessment.rating is None:
            levels.append(None)
            continue
        level = scale.common_level(assessment.registry, assessment.rating)
        levels.append(level or scale.order[0])
    counting = [level for i in current_assessments(entry) if (level := levels[i])]
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
                   keep_sources: bool = False, unused_keys: bool = False) -> ReadResult:
    """Read and validate the catalogue at ``root``; collect every problem.

    ``today`` is the day the five-year review rule counts to (default: the real today).

    ``keep_sources`` keeps every parsed entry file in ``ReadResult.documents`` (the
    reference files are always kept). Without it each entry file's positions are dropped
    once the file is checked: only the opt-in URL check needs them afterwards.

    ``unused_keys`` adds a warning for each vocabulary key no entry uses (``validate
    --unused-keys``): a fact about the vocabulary, not a problem of any change, so it is
    not on every run.
    """
    return _read_catalogue(Path(root), today or dt.date.today(), keep_sources, unused_keys)


def _read_catalogue(root: Path, today: dt.date, keep_sources: bool,
                    unused_keys: bool) -> ReadResult:
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
    mirror_patterns: list[str] = []
    mirror_file = root / MIRROR_HOSTS_FILE
    parsed_hosts = _parse(mirror_file, root, problems) if mirror_file.exists() else None
    if parsed_hosts is not None:
        mirror_patterns, host_problems = read_mirror_hosts(parsed_hosts[0],
                                                           _display(mirror_file))
        problems.extend(host_problems)
    base_versions = BaseVersions(root)
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
        problems.extend(_cross_checks(doc.data, doc, path, file))
        if mirror_patterns:
            problems.extend(mirror_problems(doc.data, doc, path, file, mirror_patterns,
                                            base_versions))
        if entry is None:
            continue
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
        problems.extend([] if not unused_keys else checks.unused_vocabulary_keys(
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
