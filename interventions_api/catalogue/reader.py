"""Read the whole catalogue folder, validate everything, and derive what is derived.

Every problem in every file is collected in one run; nothing stops at the first error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..schema import EvidenceScale, Intervention, Vocabularies
from ..schema.intervention import Assessment
from . import checks
from .gc_pause import collector_paused
from .model_errors import problems_from_validation_error
from .problems import Problem, path_text
from .synonyms import SYNONYMS_FILE, read_synonyms
from .yaml_source import SourceDocument, YamlProblem, parse_source, text_of

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
                         self.extra_files.get("synonyms", {}), len(self.entries))


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
    return _display_from(path, os.getcwd())


@lru_cache(maxsize=65_536)  # called several times per file; resolve() is a system call each
def _display_from(path: Path, cwd: str) -> str:
    """``str(path.resolve().relative_to(Path(cwd).resolve()))``, or ``str(path)`` outside
    ``cwd``; with strings, as Path objects made and compared per file add up at 10,000."""
    base = str(_resolved_folder(cwd, cwd))
    full = _resolved(path, cwd)
    if full == base:
        return "."
    inside = base if base.endswith(os.sep) else base + os.sep
    return full[len(inside):] if full.startswith(inside) else str(path)


def _resolved(path: Path, cwd: str) -> str:
    """``str(path.resolve())``: resolving walks every component with a system call, and
    the files of a folder share all but the last, so the folder is resolved once."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return str(path.resolve())
    return os.path.join(str(_resolved_folder(os.path.dirname(path), cwd)), path.name)


@lru_cache(maxsize=1024)
def _resolved_folder(folder: str, cwd: str) -> Path:
    return Path(cwd, folder).resolve()  # a relative folder is relative to cwd


def _read_bytes(path: Path) -> bytes:
    """``path.read_bytes()`` without a buffered file object around the descriptor: 3.5 ms
    instead of 6.7 ms for 1,000 entry files. Errors name the file, as there."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, 65_536):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:  # reading a folder, say
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        os.close(descriptor)


def _parse(path: Path, problems: list[Problem],
           contents: dict[str, bytes] | None = None) -> tuple[SourceDocument, str] | None:
    """The parsed file and its text (the modeline check reads the text again).
    ``contents`` gets the file's bytes by path, for ``catalogue_version``."""
    try:
        raw = _read_bytes(path)
        if contents is not None:
            contents[str(path)] = raw
        text = text_of(raw)
        doc = parse_source(text)
    except YamlProblem as exc:
        problems.append(Problem(_display(path), exc.position.line, exc.position.column, "",
                                exc.message, exc.rule))
        return None
    except (OSError, UnicodeDecodeError) as exc:
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


def catalogue_version(root: Path, contents: Mapping[str, bytes] | None = None) -> str:
    """A content hash over every catalogue file: the same files give the same version.
    ``contents``: the bytes of files already read, by ``str(path)``."""
    known = contents or {}
    # With strings from os.walk: Path objects made, compared and sorted per file (rglob)
    # added up at 10,000. Like rglob, it does not descend into linked folders. The order
    # is that of sorted Path objects (by parts); names are keyed as the reader keys them,
    # root-prefixed (bare under ".").
    base = str(root)
    prefix = "" if base == "." else os.path.join(base, "")
    names = sorted(
        (os.path.join(folder[len(base) + 1:], name) if folder != base else name
         for folder, _folders, files in os.walk(base)
         for name in files if name.endswith(".yaml")),
        key=lambda name: name.split(os.sep))
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode())
        digest.update(b"\0")
        raw = known.get(prefix + name)
        digest.update(Path(prefix + name).read_bytes() if raw is None else raw)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


class GitCommit:
    """``git rev-parse HEAD`` for the catalogue folder, started when the reading starts
    and read when it ends: git runs meanwhile instead of holding up the end of a load
    (3 ms at 1,000 entries). None outside a repository or without git."""

    def __init__(self, root: Path) -> None:
        try:
            self.process: subprocess.Popen[str] | None = subprocess.Popen(
                ["git", "-C", str(root), "rev-parse", "HEAD"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        except (OSError, subprocess.SubprocessError):
            self.process = None

    def result(self) -> str | None:
        """The commit; waits for git (at most 5 s), once."""
        process, self.process = self.process, None
        if process is None:
            return None
        try:
            output, _ = process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return None
        return output.strip() or None if process.returncode == 0 else None


@dataclass(frozen=True)
class Reference:
    """What the entries are read against, known before the first entry is read."""

    vocabularies: Vocabularies
    evidence_scale: EvidenceScale
    synonyms: dict[str, list[str]]
    # How many entries are to come at most (files that may not all pass), so that a
    # caller acting on each entry knows when it has the last one; None when unknown.
    expected_entries: int | None = None


EntryCallback = Callable[[CatalogueEntry, Reference], None]


def read_catalogue(root: Path, *, today: dt.date | None = None,
                   on_entry: EntryCallback | None = None,
                   keep_sources: bool = False) -> ReadResult:
    """Read and validate the catalogue at ``root``; collect every problem.

    ``today`` is the day the five-year review rule counts to (default: the real today).
    ``on_entry`` is called with each entry as soon as its file is read and validated, in file
    order, before the checks across files: the load that also indexes sends documents to
    Meilisearch while the rest is read. Only ``ReadResult.ok`` says the whole catalogue
    passed; a caller that acted on entries must undo that when it did not.

    ``keep_sources`` keeps every parsed file in ``ReadResult.documents``. Without it each
    file's parsed data is dropped once the file is done: at 10,000 entries, keeping them
    to the end and freeing them all at once cost the load about a tenth of a second.
    """
    head = GitCommit(root)
    try:
        with collector_paused():
            return _read_catalogue(Path(root), today or dt.date.today(), on_entry,
                                   keep_sources, head)
    finally:
        head.result()  # reaped on every path; a no-op once the catalogue has it


def _read_catalogue(root: Path, today: dt.date, on_entry: EntryCallback | None,
                    keep_sources: bool, head: GitCommit) -> ReadResult:
    problems: list[Problem] = []
    documents: dict[str, SourceDocument] = {}  # the reference files always, entries if kept
    contents: dict[str, bytes] = {}
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
        parsed_file = _parse(path, problems, contents)
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
    # By file name without its suffix: the order of the ids (each id is its file's name),
    # so that ``on_entry`` sees the entries in catalogue order ("kiva" before
    # "kiva-plus", which sorting whole names puts first). Strings, not Path objects:
    # comparing those part by part cost a tenth of a second at 10,000 files.
    paths = (sorted(folder.iterdir(), key=lambda p: (p.stem, p.name))
             if folder.is_dir() else [])
    # Before the entries: an ``on_entry`` caller needs them all (the index settings hold
    # the synonyms) before the first entry.
    synonyms = read_synonyms(root, _display(root / SYNONYMS_FILE), problems)
    reference = (Reference(vocabularies, scale, synonyms,
                           sum(1 for path in paths if path.suffix == ".yaml"))
                 if vocabularies is not None and scale is not None else None)
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
        parsed_file = _parse(path, problems, contents)
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
            if on_entry is not None and reference is not None:
                on_entry(entries[-1], reference)

    if vocabularies is not None:
        vocabularies_file = _display(root / VOCABULARIES_FILE)
        problems.extend(checks.unused_vocabulary_keys(
            vocabularies, documents[vocabularies_file], vocabularies_file, usage))
        if scale is not None:
            problems.extend(checks.outdated_schemas(root, _display(root), vocabularies, scale))

    if vocabularies is None or scale is None or any(p.severity == "error" for p in problems):
        return ReadResult(None, sorted(problems), documents)
    catalogue = Catalogue(root, vocabularies, scale, sorted(entries, key=lambda e: e.id),
                          catalogue_version(root, contents), head.result())
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
        parsed_file = _parse(path, problems) if path.exists() else None
        doc = parsed_file[0] if parsed_file else None
        if doc is None and not path.exists():
            problems.append(Problem(_display(path), 1, 1, "", f"{name} is missing", "io"))
        parsed[name] = _validate(model, doc, path, problems) if doc is not None else None
    vocabularies, scale = parsed[VOCABULARIES_FILE], parsed[EVIDENCE_SCALE_FILE]
    return (vocabularies if isinstance(vocabularies, Vocabularies) else None,
            scale if isinstance(scale, EvidenceScale) else None, problems)
