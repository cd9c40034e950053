"""The editors' loop of issue 21: every problem of a file in one run, what the tests demand
of an entry is what validate demands, the new assessment and cost forms, mirror hosts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.problems import Problem

from ..fixtures.git_catalogue import make_git_catalogue

TODAY = dt.date(2026, 12, 4)
NJI = """    - registry: nji
      rating: Effectief volgens sterke aanwijzingen
      date: "2022-12-15"
"""


@pytest.fixture
def root(make_catalogue) -> Path:
    return make_catalogue(only=["kiva"])


def kiva(root: Path) -> Path:
    return root / "interventions" / "kiva.yaml"


def edit(root: Path, old: str, new: str) -> None:
    path = kiva(root)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(root: Path, rule: str | None = None) -> list[Problem]:
    found = read_catalogue(root, today=TODAY).problems
    return [p for p in found if rule is None or p.rule == rule]


def test_schema_and_reference_errors_of_one_file_come_in_one_run(root: Path) -> None:
    edit(root, "status: active", "status: actief")
    edit(root, 'study: huitsing-2020\n      effect: "OR 1.29',
         'study: huitsing-2021\n      effect: "OR 1.29')
    rules = {p.rule for p in problems(root) if p.severity == "error"}
    assert {"not-allowed", "study-reference"} <= rules


def test_a_dutch_label_typed_for_a_key_suggests_the_key(root: Path) -> None:
    edit(root, "themes: [bullying,", "themes: [pesten,")
    [problem] = problems(root, "vocabulary")
    assert "did you mean 'bullying'?" in problem.message


def test_the_date_message_shows_the_value(root: Path) -> None:
    edit(root, 'date: "2022-12-15"', "date: 2022")
    [problem] = problems(root, "bad-date")
    assert "got 2022" in problem.message and "{" not in problem.message


def test_validate_demands_the_english_summary(root: Path) -> None:
    text = kiva(root).read_text(encoding="utf-8")
    start = text.index("  en: >-\n    Whole-school")
    end = text.index("provider:")
    kiva(root).write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = problems(root, "summary-en")
    assert problem.severity == "error" and problem.path == "summary"


def test_checked_dates_a_rating_from_a_page_without_a_date(root: Path) -> None:
    edit(root, NJI, NJI.replace('date: "2022-12-15"', 'checked: "2026-12-04"'))
    result = read_catalogue(root, today=TODAY)
    assert result.ok, result.errors
    assert result.catalogue is not None
    entry = result.catalogue.by_id()["kiva"]
    nji = [a for a in entry.intervention.evidence.assessments if a.registry == "nji"]
    assert nji[0].checked == dt.date(2026, 12, 4) and entry.evidence_level == "strong_indications"


@pytest.mark.parametrize("extra", ['      checked: "2026-12-04"\n', "      year: 2022\n"])
def test_an_assessment_takes_exactly_one_of_date_year_checked(root: Path, extra: str) -> None:
    edit(root, NJI, NJI + extra)
    assert [p.path for p in problems(root, "assessment-date")] == ["evidence.assessments[1]"]


def test_an_outcome_without_a_label_replaces_no_verdict(root: Path) -> None:
    commissie = "    - registry: commissie_antipest\n      rating: Kansrijk\n"
    edit(root, commissie, """    - registry: nji
      outcome: not_judged
      year: 2024
      url: https://www.nji.nl/interventies/kiva
      note: {nl: "Niet opnieuw beoordeeld.", en: "Not judged again."}
""" + commissie)
    result = read_catalogue(root, today=TODAY)
    assert result.ok, result.errors
    assert result.catalogue is not None
    entry = result.catalogue.by_id()["kiva"]
    assert entry.evidence_level == "strong_indications"
    assert None in entry.assessment_levels


def test_an_assessment_takes_a_rating_or_an_outcome_not_both(root: Path) -> None:
    edit(root, NJI, NJI + "      outcome: not_judged\n")
    assert [p.path for p in problems(root, "assessment-rating")] == ["evidence.assessments[1]"]


COST = "implementation:\n  cost:\n{}  requirements:"


@pytest.mark.parametrize("cost,ok", [
    ("    on_request: true\n    source: https://www.kivaschool.nl/\n", True),
    ("    amount_eur: 450\n    per: school\n    period: year\n    year: 2026\n"
     "    source: https://www.kivaschool.nl/\n", True),
    ("    on_request: true\n", False),
    ("    on_request: true\n    amount_eur: 450\n    source: https://www.kivaschool.nl/\n",
     False),
    ("    amount_eur: 450\n    per: school\n    period: year\n    year: 2026\n", False),
    ("    amount_eur: 450\n    source: https://www.kivaschool.nl/\n", False),
])
def test_a_cost_is_a_sourced_price_or_on_request(root: Path, cost: str, ok: bool) -> None:
    edit(root, "implementation:\n  requirements:", COST.format(cost))
    found = problems(root, "cost-form")
    assert (not found) == ok, found


def test_availability_is_read(root: Path) -> None:
    result = read_catalogue(root, today=TODAY)
    assert result.catalogue is not None, result.errors
    availability = result.catalogue.by_id()["kiva"].intervention.availability
    assert availability is not None and availability.nl is True and availability.sources


MIRROR = "\nsources:\n"


def test_a_mirror_host_outside_git_is_a_warning(root: Path) -> None:
    edit(root, MIRROR, MIRROR + "  - https://nl.scribd.com/document/1/kiva\n")
    edit(root, "status: active", "status: actief")  # changed, but not in git: no base
    [problem] = problems(root, "mirror-host")
    assert problem.severity == "warning" and "scribd.com" in problem.message


def test_a_mirror_host_is_an_error_in_a_changed_file_and_a_warning_in_history(
        tmp_path: Path) -> None:
    repo = make_git_catalogue(tmp_path / "repo", ["kiva", "prima"])
    for entry_id in ("kiva", "prima"):
        path = repo.entry(entry_id)
        path.write_text(path.read_text(encoding="utf-8").replace(
            "\nsources:\n", "\nsources:\n  - https://adoc.pub/some-copy.html\n", 1),
            encoding="utf-8")
    repo.commit("two entries with a mirror source")
    repo.edit("prima", "name: PRIMA", "name: PRIMA-aanpak")
    found = {Path(p.file).stem: p.severity for p in problems(repo.catalogue, "mirror-host")}
    assert found == {"kiva": "warning", "prima": "error"}
