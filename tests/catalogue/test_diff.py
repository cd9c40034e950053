"""`interventions diff` on a real temporary git repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interventions_api.catalogue.evidence_changes import EvidenceState, Rating, compare_evidence
from interventions_api.cli import main

from ..fixtures.git_catalogue import GitCatalogue, make_git_catalogue

STRONG = "rating: Effectief volgens sterke aanwijzingen"
GOOD = "rating: Effectief volgens goede aanwijzingen"
KIVA_FINDING = 'finding: positive\n      study: huitsing-2020\n      effect: "OR 1.29'


@pytest.fixture
def repo(tmp_path: Path) -> GitCatalogue:
    repo = make_git_catalogue(tmp_path / "repo", ["kiva", "taakspel", "prima"])
    repo.commit("catalogue: first version")
    repo.git("checkout", "-q", "-b", "editor/kiva")
    return repo


def run_diff(repo: GitCatalogue, *revisions: str, exit_code: int = 0) -> str:
    result = CliRunner().invoke(main, ["diff", *revisions, "--catalogue", str(repo.catalogue)])
    assert result.exit_code == exit_code, result.output
    return result.output


def test_diff_between_two_commits_names_the_changed_rating_first(repo: GitCatalogue) -> None:
    repo.edit("kiva", STRONG, GOOD)
    repo.edit("kiva", KIVA_FINDING, KIVA_FINDING.replace("positive", "mixed"))
    repo.entry("prima").unlink()
    (repo.catalogue / "interventions" / "taakspel.yaml").rename(repo.entry("taakspel-copy"))
    repo.edit("taakspel-copy", "id: taakspel", "id: taakspel-copy")
    repo.commit("kiva: rating corrected")

    report = run_diff(repo, "main", "HEAD")
    assert report.startswith("## Catalogue changes: `main`")
    assert "1 added · 2 removed · 1 changed · 1 with evidence changes" in report
    levels = report.index("### Evidence level changes")
    ratings = report.index("### Rating changes")
    assert levels < ratings < report.index("### Added") < report.index("### Changed")
    assert ("| **KiVa** (`kiva`) | `strong_indications` | `good_indications` ⬇ |"
            in report)
    assert ("- **KiVa** (`kiva`), nji: “Effectief volgens sterke aanwijzingen” (2022-12-15) → "
            "`strong_indications` → **“Effectief volgens goede aanwijzingen” (2022-12-15) → "
            "`good_indications`**") in report
    assert ("- **KiVa** (`kiva`), bullying_victimisation (huitsing-2020): `positive` → "
            "**`mixed`**") in report
    assert "- **PRIMA** (`prima`)" in report.split("### Removed")[1]
    assert "(`taakspel-copy`)" in report.split("### Added")[1]
    changed = report.split("### Changed")[1]
    assert "`evidence.assessments[1].rating`" in changed
    assert "`evidence.outcomes[0].finding`" in changed


def test_default_compares_the_branch_start_with_the_working_tree(repo: GitCatalogue) -> None:
    repo.edit("taakspel", "name: Taakspel", "name: Taakspel (Good Behavior Game)")
    repo.commit("taakspel: name")
    repo.edit("kiva", STRONG, GOOD)  # not committed: the working tree counts
    report = run_diff(repo)
    assert "merge base with main" in report and "→ working tree" in report
    assert "(`taakspel`): `name`" in report
    assert "`strong_indications` | `good_indications`" in report


def test_no_changes(repo: GitCatalogue) -> None:
    assert "No changes to the catalogue." in run_diff(repo, "main", "HEAD")


def test_a_broken_file_fails_and_is_never_reported_removed(repo: GitCatalogue) -> None:
    repo.entry("prima").write_text("id: prima\nname: [unclosed\n", encoding="utf-8")
    repo.edit("kiva", STRONG, GOOD)
    report = run_diff(repo, exit_code=1)
    assert "`good_indications`" in report, "the rest is still reported"
    assert "### Files that could not be read" in report and "prima.yaml:2" in report
    assert "### Removed" not in report and "0 removed" in report


def test_a_changed_finding_counts_as_an_evidence_change(repo: GitCatalogue) -> None:
    repo.edit("kiva", KIVA_FINDING, KIVA_FINDING.replace("positive", "mixed"))
    report = run_diff(repo)
    assert "0 added · 0 removed · 1 changed · 1 with evidence changes" in report
    assert "### Findings per outcome" in report


def test_scale_remapping_shows_as_level_change_without_field_changes(repo: GitCatalogue) -> None:
    scale = repo.catalogue / "evidence-scale.yaml"
    text = scale.read_text(encoding="utf-8")
    old = '"Effectief volgens sterke aanwijzingen": strong_indications'
    assert old in text
    scale.write_text(text.replace(old, '"Effectief volgens sterke aanwijzingen": '
                                       "good_indications"), encoding="utf-8")
    report = run_diff(repo)
    assert "| **KiVa** (`kiva`) | `strong_indications` | `good_indications` ⬇ |" in report
    assert "now maps to `good_indications` (was `strong_indications`)" in report
    assert "### Rating changes" not in report, "no verdict changed, only its mapping"


def test_unknown_revision_is_a_clear_error(repo: GitCatalogue) -> None:
    result = CliRunner().invoke(main, ["diff", "no-such-branch", "--catalogue",
                                       str(repo.catalogue)])
    assert result.exit_code == 2
    assert "'no-such-branch' is not a commit" in result.output


def test_rating_pairing_per_registry() -> None:
    old = EvidenceState("good_indications", (
        Rating("nji", "Goed onderbouwd", "2014"), Rating("nji", "Goede aanwijzingen", "2018"),
        Rating("blueprints", "Promising", "2019")))
    new = EvidenceState("good_indications", (
        Rating("nji", "Goede aanwijzingen", "2018"), Rating("nji", "Sterke aanwijzingen", "2024"),
        Rating("crimesolutions", "Effective", "2020")))
    changes = [(c.change, c.registry, c.old, c.new) for c in compare_evidence(old, new).changes]
    assert changes == [
        ("removed", "blueprints", "Promising", None),
        ("added", "crimesolutions", None, "Effective"),
        ("changed", "nji", "Goed onderbouwd", "Sterke aanwijzingen"),
    ]
    assert compare_evidence(old, old).changes == []
