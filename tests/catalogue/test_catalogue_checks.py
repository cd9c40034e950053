"""Checks across the catalogue, and the validate command's output formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from interventions_api.catalogue import read_catalogue
from interventions_api.cli import main

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def root(make_catalogue) -> Path:
    return make_catalogue(only=["kiva"])


def set_reviewed(root: Path, value: str) -> int:
    path = root / "interventions" / "kiva.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("reviewed:"))
    lines[index] = f'reviewed: "{value}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


def rules(root: Path, today: dt.date = TODAY) -> list[str]:
    return [p.rule for p in read_catalogue(root, today=today).problems]


def test_review_older_than_five_years_is_a_warning_not_an_error(root: Path) -> None:
    line = set_reviewed(root, "2021-11-27")
    result = read_catalogue(root, today=TODAY)
    overdue = [p for p in result.problems if p.rule == "review-overdue"]
    assert len(overdue) == 1 and overdue[0].line == line and overdue[0].severity == "warning"
    assert overdue[0].file.endswith("kiva.yaml") and overdue[0].path == "reviewed"
    assert result.catalogue is not None, "a warning must not block the load"


def test_review_due_today_is_not_yet_overdue(root: Path) -> None:
    set_reviewed(root, "2021-11-28")
    assert "review-overdue" not in rules(root)
    assert "review-overdue" in rules(root, today=TODAY + dt.timedelta(days=1))


def test_leap_day_review_is_due_on_28_february(root: Path) -> None:
    set_reviewed(root, "2024-02-29")
    assert "review-overdue" not in rules(root, today=dt.date(2029, 2, 28))
    assert "review-overdue" in rules(root, today=dt.date(2029, 3, 1))


def test_vocabulary_key_no_entry_uses_is_a_warning_at_its_line(root: Path) -> None:
    result = read_catalogue(root, today=TODAY, unused_keys=True)
    unused = {p.path: p for p in result.problems if p.rule == "unused-vocabulary-key"}
    # KiVa is primary only: the other school types are unused in this one-entry catalogue.
    assert "school_types.vo" in unused and "school_types.po" not in unused
    assert "themes.bullying" not in unused and "outcomes.bullying_victimisation" not in unused
    vocabulary = (root / "vocabularies.yaml").read_text(encoding="utf-8").splitlines()
    assert vocabulary[unused["school_types.vo"].line - 1].strip() == "vo:"
    assert all(p.severity == "warning" for p in unused.values())
    assert not [p for p in unused if p.startswith("school_concepts.")]


def test_a_broken_entry_still_counts_as_using_its_keys(root: Path) -> None:
    path = root / "interventions" / "kiva.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: KiVa", "nmae: KiVa", 1),
                    encoding="utf-8")
    unused = [p.path for p in read_catalogue(root, today=TODAY, unused_keys=True).problems
              if p.rule == "unused-vocabulary-key"]
    assert "school_types.vo" in unused and "themes.bullying" not in unused


def test_unused_vocabulary_keys_are_only_reported_when_asked(root: Path) -> None:
    assert "unused-vocabulary-key" not in rules(root)


def test_missing_modeline_is_a_warning(root: Path) -> None:
    path = root / "interventions" / "kiva.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    result = read_catalogue(root, today=TODAY)
    modeline = [p for p in result.problems if p.rule == "modeline"]
    assert len(modeline) == 1 and modeline[0].line == 1
    assert "$schema=../schema/intervention.schema.json" in modeline[0].message
    assert result.catalogue is not None


def test_validate_github_format_annotates_the_broken_line(root: Path) -> None:
    path = root / "interventions" / "kiva.yaml"
    text = path.read_text(encoding="utf-8").replace("status: active", "status: actief", 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "status: actief")
    result = CliRunner().invoke(main, ["validate", "--format", "github", "--unused-keys",
                                       str(root)])
    assert result.exit_code == 1
    errors = [out for out in result.output.splitlines() if out.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file={root}/interventions/kiva.yaml,line={line},col=9,"
                                "title=not-allowed::status: ")
    assert any(out.startswith("::warning ") and "unused-vocabulary-key" in out
               for out in result.output.splitlines())


def test_validate_text_format_and_exit_codes(root: Path) -> None:
    ok = CliRunner().invoke(main, ["validate", str(root)])
    assert ok.exit_code == 0 and "1 interventions valid" in ok.output
    path = root / "interventions" / "kiva.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nthemes: [", "\nthemes: [bulying, ",
                                                              1), encoding="utf-8")
    bad = CliRunner().invoke(main, ["validate", str(root)])
    assert bad.exit_code == 1
    assert "kiva.yaml:" in bad.output and "[vocabulary]" in bad.output
    assert "did you mean 'bullying'?" in bad.output
