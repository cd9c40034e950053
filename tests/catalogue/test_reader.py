"""Validation reports every problem in one run, each at its file, line and key path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.yaml_source import YamlProblem, parse_yaml

from ..conftest import REAL_CATALOGUE
from .test_malformed_corpus import TODAY


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


def strictly(data: object) -> object:
    """``data`` with each value's type beside it: 1, 1.0 and True compare equal."""
    if isinstance(data, dict):
        return {key: strictly(value) for key, value in data.items()}
    if isinstance(data, list):
        return [strictly(value) for value in data]
    return (type(data).__name__, data)


@pytest.mark.parametrize(("text", "expected"), [
    # YAML 1.1 words, dates and number forms stay the text that is written.
    ("a: no\nb: yes\nc: on\nd: 2022-12-15\ne: 010\nf: 1_000\ng: .inf\nh: 0x1F\n"
     "i: 1e3\nj: True\nk: Null\n",
     {"a": "no", "b": "yes", "c": "on", "d": "2022-12-15", "e": "010", "f": "1_000",
      "g": ".inf", "h": "0x1F", "i": "1e3", "j": "True", "k": "Null"}),
    # Quoted and block scalars are always text.
    ("a: 'x'\nb: \"1\"\nc: |\n  block\nd: >-\n  folded\ne: plain\nf: ''\ng: !!int '3'\n",
     {"a": "x", "b": "1", "c": "block\n", "d": "folded", "e": "plain", "f": "", "g": "3"}),
    # The YAML 1.2 core subset: booleans, nulls, decimal integers and floats.
    ("a: 1\nb: -2.5\nc: 1.5e3\nd: ~\ne: null\nf:\ng: true\nh: false\ni: +.5\n",
     {"a": 1, "b": -2.5, "c": 1500.0, "d": None, "e": None, "f": None, "g": True,
      "h": False, "i": 0.5}),
    # Keys are text, whatever they look like.
    ("1: a\ntrue: b\n", {"1": "a", "true": "b"}),
    ("\ufeffa: 1\n", {"a": 1}),  # a byte-order mark is not part of the first key
    ("", None), ("# only a comment\n", None), ("- 1\n- two\n", [1, "two"]),
])
def test_plain_values_resolve_with_the_yaml_12_core_subset(text: str, expected: object) -> None:
    doc = parse_yaml(text)
    assert doc.problems == []
    assert strictly(doc.data) == strictly(expected)


@pytest.mark.parametrize(("text", "rule", "position", "message"), [
    ("a:\n\tb: 1\n", "yaml-tab", (2, 1), "a tab is used for indentation"),
    ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", (2, 1), "exactly one YAML document"),
    # libyaml words this differently; the message is the one editors know either way.
    ("a: [1, 2\nb: 3\n", "yaml-syntax", (1, 4),
     "YAML syntax error: this '[' is not closed with ']' (the parser stopped at line 2: "
     "expected ',' or ']', but got ':')"),
    ("a:\n  b: 1\n c: 2\n", "yaml-syntax", (3, 2), "does not match the lines above"),
])
def test_unreadable_texts_are_reported_where_to_fix_them(
        text: str, rule: str, position: tuple[int, int], message: str) -> None:
    with pytest.raises(YamlProblem) as raised:
        parse_yaml(text)
    assert (raised.value.rule, raised.value.position) == (rule, position)
    assert message in raised.value.message


@pytest.mark.parametrize(("text", "data", "found"), [
    ("a: 1\na: 2\n", {"a": 1}, [("duplicate-key", (2, 1))]),
    ("base: {x: 1}\nother:\n  <<: {y: 2}\n", {"base": {"x": 1}, "other": {}},
     [("yaml-merge-key", (3, 3))]),
    ("? [a, b]\n: 1\n", {}, [("yaml-complex-key", (1, 3))]),
    ("a: &x {b: 1}\nl: [*x, 3, *x]\nm:\n- *x\n&k n: 1\n*k : 2\n",
     {"a": {"b": 1}, "l": [3], "m": [], "n": 1},
     [("yaml-alias", (2, 5)), ("yaml-alias", (2, 12)), ("yaml-alias", (4, 3)),
      ("yaml-alias", (6, 1))]),
])
def test_refused_constructs_are_left_out_and_reported_where_written(
        text: str, data: object, found: list[tuple[str, tuple[int, int]]]) -> None:
    doc = parse_yaml(text)
    assert doc.data == data
    assert [(problem.rule, problem.position) for problem in doc.problems] == found


def test_aliases_are_refused_where_they_are_written_not_expanded() -> None:
    # Nine levels of nine aliases each would be 387 million values if expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]"
        for level in range(1, 9)]
    doc = parse_yaml("\n".join(lines) + "\n")
    assert doc.data == {"a0": ["x"] * 9, **{f"a{level}": [] for level in range(1, 9)}}
    assert {problem.rule for problem in doc.problems} == {"yaml-alias"}
    assert [(p.position.line, p.position.column) for p in doc.problems][:2] == [(2, 10),
                                                                                 (2, 15)]
    assert len(doc.problems) == 8 * 9


def test_positions_of_values_and_keys() -> None:
    doc = parse_yaml("a:\n  b: [1, 2]\n")
    assert doc.data == {"a": {"b": [1, 2]}}
    assert doc.position_of(("a", "b", 1)) == (2, 10)
    assert doc.position_of(("a", "missing")) == (2, 3)  # where its parent starts
    assert doc.key_position_of(("a", "b")) == (2, 3)


def test_parsed_entry_files_are_kept_only_when_asked() -> None:
    kept = read_catalogue(REAL_CATALOGUE, today=TODAY, keep_sources=True)
    dropped = read_catalogue(REAL_CATALOGUE, today=TODAY)
    entry_files = {name for name in kept.documents if "/interventions/" in name}
    assert kept.catalogue is not None
    assert len(entry_files) == len(kept.catalogue.entries)
    assert set(dropped.documents) == set(kept.documents) - entry_files
    assert dropped.problems == kept.problems and dropped.catalogue == kept.catalogue


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


def _year(assessment) -> int:
    day = assessment.date or assessment.checked
    return day.year if day else assessment.year


def test_evidence_level_is_the_highest_latest_verdict(real_catalogue) -> None:
    scale = real_catalogue.evidence_scale
    for entry in real_catalogue.entries:
        # An assessment without a rating (outcome: not_judged) replaces no verdict.
        assessments = [a for a in entry.intervention.evidence.assessments if a.rating]
        year = {a.registry: max(_year(x) for x in assessments if x.registry == a.registry)
                for a in assessments}
        mapped = [scale.common_level(a.registry, a.rating) for a in assessments
                  if _year(a) == year[a.registry]]
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
    problem = only_problem(root, "file-type")
    assert problem.file.endswith("zz-folder.yaml")
    assert "this is a folder, not a file" in problem.message


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
