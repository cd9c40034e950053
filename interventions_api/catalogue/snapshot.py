"""A lenient read of one version of the catalogue, for comparing versions.

Unlike ``read_catalogue`` (which refuses a catalogue with any error), a snapshot keeps
whatever parses: a pull request that breaks one file still gets a change report for
the rest, and an old commit with a mistake in it still counts in the history. The
evidence level is derived exactly as the load derives it (``derive_entry``): each
rating mapped through that version's evidence scale, the highest wins, an unmapped
label or no rating at all is the lowest level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from ..schema import EvidenceScale
from .evidence_changes import EvidenceState, Rating, assessed_text
from .reader import EVIDENCE_SCALE_FILE, INTERVENTIONS_DIR, VOCABULARIES_FILE
from .yaml_source import YamlProblem, parse_yaml, read_text

# A file's text, with a key to cache its parse under (a git blob id) or None.
SourceFile = tuple[str | None, str]


@dataclass
class EntrySnapshot:
    id: str
    file: str
    data: dict[str, Any]
    evidence: EvidenceState
    findings: dict[tuple[str, str], str]  # (outcome, study) → finding

    @property
    def name(self) -> str:
        name = self.data.get("name")
        return name if isinstance(name, str) and name else self.id


@dataclass
class CatalogueSnapshot:
    label: str
    entries: dict[str, EntrySnapshot] = field(default_factory=dict)
    vocabularies: dict[str, Any] = field(default_factory=dict)
    scale: EvidenceScale | None = None
    unreadable: list[str] = field(default_factory=list)  # "path:line: why", for people
    unreadable_files: set[str] = field(default_factory=set)


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _evidence(data: dict[str, Any]) -> dict[str, Any]:
    evidence = data.get("evidence")
    return evidence if isinstance(evidence, dict) else {}


def evidence_state(data: dict[str, Any], scale: EvidenceScale | None) -> EvidenceState:
    evidence = _evidence(data)
    ratings = []
    for assessment in _items(evidence.get("assessments")):
        if assessment.get("rating") is None:
            continue  # an outcome without a label: no rating to compare, no level
        registry, label = str(assessment.get("registry")), str(assessment.get("rating"))
        level = scale.common_level(registry, label) if scale else None
        assessed = assessed_text(assessment.get("date"), assessment.get("year"),
                                 assessment.get("checked"))
        ratings.append(Rating(registry, label, assessed, level))
    if scale is None:
        return EvidenceState("unknown", tuple(ratings))
    levels = [r.level or scale.order[0] for r in ratings]
    highest = max(levels, key=scale.rank) if levels else scale.order[0]
    return EvidenceState(highest, tuple(ratings))


def findings(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    evidence = _evidence(data)
    return {(str(o.get("outcome")), str(o.get("study"))): str(o.get("finding"))
            for o in _items(evidence.get("outcomes"))}


def _parse(key: str | None, text: str, cache: dict[str, Any]) -> Any:
    """Parsed data, or a YamlProblem; cached by blob id when there is one."""
    if key is not None and key in cache:
        return cache[key]
    try:
        value: Any = parse_yaml(text).data
    except YamlProblem as exc:
        value = exc
    if key is not None:
        cache[key] = value
    return value


def snapshot(label: str, files: Mapping[str, SourceFile], *,
             fallback_scale: EvidenceScale | None = None,
             cache: dict[str, Any] | None = None) -> CatalogueSnapshot:
    """A snapshot from catalogue files by their path relative to the catalogue folder.

    ``fallback_scale`` is used when this version's evidence scale cannot be read.
    """
    cache = {} if cache is None else cache
    result = CatalogueSnapshot(label)
    if EVIDENCE_SCALE_FILE in files:
        data = _parse(*files[EVIDENCE_SCALE_FILE], cache)
        try:
            result.scale = EvidenceScale.model_validate(data)
        except ValidationError:
            result.unreadable.append(f"{EVIDENCE_SCALE_FILE}: not a valid evidence scale")
    result.scale = result.scale or fallback_scale
    if VOCABULARIES_FILE in files:
        data = _parse(*files[VOCABULARIES_FILE], cache)
        result.vocabularies = data if isinstance(data, dict) else {}
    for path, (key, text) in sorted(files.items()):
        pure = PurePosixPath(path)
        if pure.parent.as_posix() != INTERVENTIONS_DIR or pure.suffix != ".yaml":
            continue
        data = _parse(key, text, cache)
        if isinstance(data, YamlProblem):
            result.unreadable.append(f"{path}:{data.position.line}: {data.message}")
            result.unreadable_files.add(path)
            continue
        if not isinstance(data, dict):
            result.unreadable.append(f"{path}: not a map of fields")
            result.unreadable_files.add(path)
            continue
        entry_id = data["id"] if isinstance(data.get("id"), str) else pure.stem
        if entry_id in result.entries:
            result.unreadable.append(f"{path}: id '{entry_id}' is also used by "
                                     f"{result.entries[entry_id].file}")
            continue
        result.entries[entry_id] = EntrySnapshot(entry_id, path, data,
                                                 evidence_state(data, result.scale),
                                                 findings(data))
    return result


def directory_files(root: Path) -> dict[str, SourceFile]:
    """The catalogue files of a folder on disk (the working tree)."""
    files: dict[str, SourceFile] = {}
    root = Path(root)
    for path in [root / VOCABULARIES_FILE, root / EVIDENCE_SCALE_FILE,
                 *sorted((root / INTERVENTIONS_DIR).glob("*.yaml"))]:
        if path.is_file():
            try:
                files[path.relative_to(root).as_posix()] = (None, read_text(path, root))
            except (OSError, YamlProblem):  # unreadable; ``validate`` says why
                continue
    return files
