"""Validation reports every problem in one run, each at its file, line and key path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.yaml_source import parse_yaml


def write_entry(root: Path, name: str, text: str) -> Path:
    path = root / "interventions" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def kiva_text(root: Path) -> str:
    return (root / "interventions" / "kiva.yaml").read_text(encoding="utf-8")


def set_top_level(text: str, key: str, replacement: str) -> str:
    """Replace the one-line top-level field ``key`` by ``replacement`` (may be several lines)."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = replacement
    return "\n".join(lines) + "\n"


def with_bad_theme(text: str) -> str:
    return set_top_level(text, "themes", "themes:\n  - bullying\n  - bulying")


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def only_problem(root: Path, rule: str):
    problems = [p for p in read_catalogue(root).problems if p.rule == rule]
    assert len(problems) == 1, [p.format() for p in read_catalogue(root).problems]
    return problems[0]


@pytest.fixture
def root(make_catalogue) -> Path:
    return make_catalogue(only=["kiva", "taakspel"])


def test_the_real_catalogue_is_valid(real_catalogue) -> None:
    assert len(real_catalogue.entries) >= 5


def test_unknown_vocabulary_key_names_line_and_allowed_keys(root: Path) -> None:
    text = with_bad_theme(kiva_text(root))
    write_entry(root, "kiva", text)
    problem = only_problem(root, "vocabulary")
    assert problem.line == line_of(text, "- bulying")
    assert problem.path == "themes[1]"
    assert "unknown themes key 'bulying'" in problem.message
    assert "bullying" in problem.message and "cyberbullying" in problem.message


def test_unknown_field_is_reported_at_its_key(root: Path) -> None:
    text = kiva_text(root).replace("\nname:", "\nnmae: KiVa\nname:", 1)
    write_entry(root, "kiva", text)
    problem = only_problem(root, "unknown-field")
    assert (problem.line, problem.column) == (line_of(text, "nmae:"), 1)
    assert "unknown field 'nmae'" in problem.message and "allowed here" in problem.message


def test_missing_required_field(root: Path) -> None:
    text = "\n".join(line for line in kiva_text(root).splitlines()
                     if not line.startswith("reviewed:"))
    write_entry(root, "kiva", text)
    problem = only_problem(root, "missing-field")
    assert problem.path == "reviewed"
    assert problem.message == "required field is missing"


def test_bad_date(root: Path) -> None:
    text = kiva_text(root)
    reviewed = next(line for line in text.splitlines() if line.startswith("reviewed:"))
    text = text.replace(reviewed, 'reviewed: "2026-13-45"')
    write_entry(root, "kiva", text)
    problem = only_problem(root, "bad-date")
    assert problem.line == line_of(text, "reviewed:")
    assert problem.path == "reviewed"


def test_bare_date_and_yaml_11_booleans_stay_strings() -> None:
    doc = parse_yaml("reviewed: 2026-01-02\nanswer: no\nflag: true\nn: 010\n")
    assert doc.data == {"reviewed": "2026-01-02", "answer": "no", "flag": True, "n": "010"}


def test_yaml_11_no_is_not_false(root: Path) -> None:
    text = kiva_text(root).replace("status: active", "status: no", 1)
    write_entry(root, "kiva", text)
    problem = only_problem(root, "not-allowed")
    assert problem.path == "status"
    assert "'active'" in problem.message and "'discontinued'" in problem.message
    assert problem.line == line_of(text, "status: no")


def test_id_must_equal_file_name(root: Path) -> None:
    text = kiva_text(root)
    write_entry(root, "kiva-copy", text)
    problems = read_catalogue(root).problems
    rules = {p.rule for p in problems if p.file.endswith("kiva-copy.yaml")}
    assert "id-filename" in rules


def test_duplicate_id(root: Path) -> None:
    write_entry(root, "a-kiva", kiva_text(root))  # a copy that still says id: kiva
    problems = read_catalogue(root).problems
    duplicate = [p for p in problems if p.rule == "duplicate-id"]
    assert len(duplicate) == 1
    assert duplicate[0].file.endswith("kiva.yaml") and "a-kiva.yaml" in duplicate[0].message
    assert any(p.rule == "id-filename" and p.file.endswith("a-kiva.yaml") for p in problems)


def test_yaml_syntax_error_has_position(root: Path) -> None:
    write_entry(root, "broken", "id: broken\nname: [unclosed\nsummary:\n  nl: x\n")
    problem = only_problem(root, "yaml-syntax")
    assert problem.file.endswith("broken.yaml")
    assert problem.line >= 2


def test_duplicate_key(root: Path) -> None:
    text = kiva_text(root).replace("\nname:", "\nname: Other\nname:", 1)
    write_entry(root, "kiva", text)
    problem = only_problem(root, "duplicate-key")
    assert problem.line == line_of(text, "name: KiVa")


def test_typed_in_evidence_level_is_refused(root: Path) -> None:
    text = kiva_text(root).replace("\nevidence:\n", "\nevidence:\n  level: strong_indications\n", 1)
    write_entry(root, "kiva", text)
    problem = only_problem(root, "derived-field")
    assert problem.path == "evidence.level"
    assert "derived" in problem.message


def test_every_error_in_one_run(root: Path) -> None:
    write_entry(root, "kiva", with_bad_theme(kiva_text(root))
                .replace("\nname:", "\nnmae: x\nname:", 1))
    write_entry(root, "broken", "id: [\n")
    result = read_catalogue(root)
    assert result.catalogue is None
    assert {"vocabulary", "unknown-field", "yaml-syntax"} <= {p.rule for p in result.errors}


def test_problem_format_is_file_line_col_path_message(root: Path) -> None:
    text = with_bad_theme(kiva_text(root))
    write_entry(root, "kiva", text)
    formatted = only_problem(root, "vocabulary").format()
    line = line_of(text, "- bulying")
    assert formatted.startswith(f"{root / 'interventions' / 'kiva.yaml'}:{line}:")
    assert ": themes[" in formatted


def test_evidence_level_is_the_highest_latest_verdict(real_catalogue) -> None:
    scale = real_catalogue.evidence_scale
    for entry in real_catalogue.entries:
        assessments = entry.intervention.evidence.assessments
        year = {a.registry: max(x.date.year if x.date else x.year
                                for x in assessments if x.registry == a.registry)
                for a in assessments}
        mapped = [scale.common_level(a.registry, a.rating) for a in assessments
                  if (a.date.year if a.date else a.year) == year[a.registry]]
        expected = max(mapped, key=scale.rank) if mapped else "not_assessed"
        assert entry.evidence_level == expected, entry.id


def test_a_newer_verdict_of_the_same_registry_replaces_the_older(root: Path) -> None:
    text = kiva_text(root)
    lines = text.splitlines()
    start = lines.index("evidence:")
    lowered = lines[:start + 2] + [
        "    - registry: nji",
        "      rating: Niet erkend",
        '      date: "2030-01-01"',
        "      url: https://www.nji.nl/interventies",
    ] + lines[start + 2:]
    assert lines[start + 1].strip() == "assessments:"
    write_entry(root, "kiva", "\n".join(lowered) + "\n")
    entry = read_catalogue(root).catalogue.by_id()["kiva"]
    nji_levels = {entry.assessment_levels[i]
                  for i, a in enumerate(entry.intervention.evidence.assessments)
                  if a.registry == "nji"}
    assert "strong_indications" in nji_levels  # the older verdict is still shown …
    assert entry.evidence_level != "strong_indications"  # … but no longer counts


def test_a_folder_named_like_an_entry_file_is_reported_not_fatal(root: Path) -> None:
    (root / "interventions" / "zz-folder.yaml").mkdir()
    problem = only_problem(root, "io")
    assert problem.file.endswith("zz-folder.yaml")
    assert "cannot read file: [Errno 21] Is a directory:" in problem.message
    assert "zz-folder.yaml" in problem.message


def test_the_catalogue_records_the_commit_it_was_read_at(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.parent))  # not the folders above
    assert read_catalogue(root).catalogue.git_commit is None  # not a repository

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], check=True, text=True,
                              capture_output=True).stdout.strip()
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "x")
    assert read_catalogue(root).catalogue.git_commit == git("rev-parse", "HEAD")
