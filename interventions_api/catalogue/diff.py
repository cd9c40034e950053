"""The change report of a pull request: what a change does to the published catalogue.

``interventions diff`` compares two versions of the catalogue and prints Markdown for a
pull request (GitHub shows it as the job summary). Evidence comes first, because that is
what a reviewer must not miss: evidence levels, then registry ratings, then findings per
outcome; then entries added, removed and changed, then changes to the vocabularies and
the evidence scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evidence_changes import EvidenceChange, Rating, compare_evidence
from .snapshot import CatalogueSnapshot, EntrySnapshot

MAX_FIELDS = 12  # changed field paths listed per entry before "and N more"


@dataclass
class FindingChange:
    entry: EntrySnapshot
    outcome: str
    study: str
    old: str | None
    new: str | None


@dataclass
class EntryChanges:
    entry: EntrySnapshot  # the newer version (the older one for a removed entry)
    level: EvidenceChange | None = None
    ratings: list[EvidenceChange] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)


@dataclass
class CatalogueDiff:
    old: CatalogueSnapshot
    new: CatalogueSnapshot
    added: list[EntrySnapshot] = field(default_factory=list)
    removed: list[EntrySnapshot] = field(default_factory=list)
    changed: list[EntryChanges] = field(default_factory=list)
    # Level, ratings or findings changed.
    evidence: list[EntryChanges] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)
    reference: list[str] = field(default_factory=list)  # vocabularies / scale changes

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.reference)

    @property
    def unreadable(self) -> bool:
        """A version has an entry file that cannot be read: the report is incomplete, and
        ``interventions diff`` fails after printing it."""
        return bool(self.old.unreadable_files or self.new.unreadable_files)


def changed_paths(old: Any, new: Any, path: str = "") -> list[str]:
    """Paths of the values that differ (``summary.nl``, ``evidence.assessments[1].rating``)."""
    if isinstance(old, dict) and isinstance(new, dict):
        paths: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            child = f"{path}.{key}" if path else str(key)
            if key not in old or key not in new:
                paths.append(child)
            else:
                paths += changed_paths(old[key], new[key], child)
        return paths
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        paths = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            paths += changed_paths(a, b, f"{path}[{index}]")
        return paths
    return [] if old == new else [path or "(whole file)"]


def compare(old: CatalogueSnapshot, new: CatalogueSnapshot) -> CatalogueDiff:
    diff = CatalogueDiff(old, new)
    for entry_id in sorted(set(old.entries) | set(new.entries)):
        before, after = old.entries.get(entry_id), new.entries.get(entry_id)
        if (before is None and after is not None and after.file in old.unreadable_files) or (
                after is None and before is not None and before.file in new.unreadable_files):
            continue  # unreadable on one side: not added or removed, listed as unreadable
        evidence = compare_evidence(before.evidence if before else None,
                                    after.evidence if after else None)
        current = after or before
        assert current is not None
        changes = EntryChanges(current, evidence.level_change, evidence.rating_changes)
        if before is None:
            diff.added.append(current)
        elif after is None:
            diff.removed.append(current)
        else:
            changes.fields = changed_paths(before.data, after.data)
            if changes.fields or changes.level:
                diff.changed.append(changes)
        if before is None or after is None:
            continue
        findings = [FindingChange(current, key[0], key[1], before.findings.get(key),
                                  after.findings.get(key))
                    for key in sorted(set(before.findings) | set(after.findings))
                    if before.findings.get(key) != after.findings.get(key)]
        diff.findings += findings
        if changes.level or changes.ratings or findings:
            diff.evidence.append(changes)
    diff.reference = _reference_changes(old, new)
    return diff


def _reference_changes(old: CatalogueSnapshot, new: CatalogueSnapshot) -> list[str]:
    lines = []
    for section in sorted(set(old.vocabularies) | set(new.vocabularies)):
        found_before = old.vocabularies.get(section)
        found_after = new.vocabularies.get(section)
        before: dict[str, Any] = found_before if isinstance(found_before, dict) else {}
        after: dict[str, Any] = found_after if isinstance(found_after, dict) else {}
        before_keys, after_keys = set(before), set(after)
        for key in sorted(after_keys - before_keys):
            lines.append(f"vocabulary `{section}`: added `{key}`")
        for key in sorted(before_keys - after_keys):
            lines.append(f"vocabulary `{section}`: removed `{key}`")
        for key in sorted(before_keys & after_keys):
            if before[key] != after[key]:
                lines.append(f"vocabulary `{section}`: changed `{key}`")
    if old.scale and new.scale:
        if old.scale.order != new.scale.order:
            lines.append("evidence scale: the common levels changed: "
                         f"{' < '.join(old.scale.order)} → {' < '.join(new.scale.order)}")
        for registry in sorted(set(old.scale.registries) | set(new.scale.registries)):
            before_labels = old.scale.registries.get(registry)
            after_labels = new.scale.registries.get(registry)
            a = before_labels.labels if before_labels else {}
            b = after_labels.labels if after_labels else {}
            for label in sorted(set(a) | set(b)):
                if a.get(label) != b.get(label):
                    lines.append(f"evidence scale, {registry}: \"{label}\" "
                                 f"{_arrow(a.get(label), b.get(label))}")
    return lines


def _arrow(old: str | None, new: str | None) -> str:
    if old is None:
        return f"added, maps to `{new}`"
    if new is None:
        return f"removed (mapped to `{old}`)"
    return f"now maps to `{new}` (was `{old}`)"


def _who(entry: EntrySnapshot) -> str:
    return f"**{_md(entry.name)}** (`{entry.id}`)"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _rating(rating: Rating | None) -> str:
    if rating is None:
        return ""
    when = f" ({rating.assessed})" if rating.assessed else ""
    level = f" → `{rating.level}`" if rating.level else ""
    return f"“{_md(rating.rating)}”{when}{level}"


def _direction(diff: CatalogueDiff, old: str | None, new: str | None) -> str:
    scale = diff.new.scale or diff.old.scale
    if scale is None or old is None or new is None or not {old, new} <= set(scale.order):
        return ""
    return " ⬆" if scale.rank(new) > scale.rank(old) else " ⬇"


def to_markdown(diff: CatalogueDiff) -> str:
    out = [f"## Catalogue changes: {diff.old.label} → {diff.new.label}", ""]
    if diff.empty:
        out += ["No changes to the catalogue.", ""]
    else:
        out += [f"{len(diff.added)} added · {len(diff.removed)} removed · "
                f"{len(diff.changed)} changed · {len(diff.evidence)} with evidence changes", ""]
    levels = [c for c in diff.evidence if c.level]
    if levels:
        out += ["### Evidence level changes", "", "| Intervention | Before | After |",
                "| --- | --- | --- |"]
        for changes in levels:
            level = changes.level
            assert level is not None
            arrow = _direction(diff, level.old, level.new)
            out.append(f"| {_who(changes.entry)} | `{level.old}` | `{level.new}`{arrow} |")
        out.append("")
    ratings = [(c.entry, r) for c in diff.evidence for r in c.ratings]
    if ratings:
        out += ["### Rating changes", ""]
        for entry, change in ratings:
            if change.change == "changed":
                text = f"{_rating(change.old_rating)} → **{_rating(change.new_rating)}**"
            elif change.change == "added":
                text = f"added **{_rating(change.new_rating)}**"
            else:
                text = f"removed ~~{_rating(change.old_rating)}~~"
            out.append(f"- {_who(entry)}, {change.registry}: {text}")
        out.append("")
    if diff.findings:
        out += ["### Findings per outcome", ""]
        for finding in diff.findings:
            what = (f"added `{finding.new}`" if finding.old is None else
                    f"removed `{finding.old}`" if finding.new is None else
                    f"`{finding.old}` → **`{finding.new}`**")
            out.append(f"- {_who(finding.entry)}, {finding.outcome} ({finding.study}): {what}")
        out.append("")
    if diff.added:
        out += ["### Added", ""]
        for entry in diff.added:
            out.append(f"- {_who(entry)}: evidence level `{entry.evidence.level}`, "
                       f"{len(entry.evidence.ratings)} rating(s)")
        out.append("")
    if diff.removed:
        out += ["### Removed", ""]
        out += [f"- {_who(entry)} (was `{entry.evidence.level}`)" for entry in diff.removed]
        out.append("")
    if diff.changed:
        out += ["### Changed", ""]
        for changes in diff.changed:
            fields = changes.fields[:MAX_FIELDS]
            more = len(changes.fields) - len(fields)
            listed = ", ".join(f"`{f}`" for f in fields) or "evidence scale mapping only"
            out.append(f"- {_who(changes.entry)}: {listed}"
                       + (f" and {more} more" if more > 0 else ""))
        out.append("")
    if diff.reference:
        out += ["### Vocabularies and evidence scale", ""]
        out += [f"- {line}" for line in diff.reference]
        out.append("")
    unreadable = [(diff.old.label, u) for u in diff.old.unreadable] + [
        (diff.new.label, u) for u in diff.new.unreadable]
    if unreadable:
        out += ["### Files that could not be read", ""]
        out += [f"- {label}: {_md(problem)}" for label, problem in unreadable]
        out.append("")
    return "\n".join(out)
