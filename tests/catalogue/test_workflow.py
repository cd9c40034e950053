"""The pull-request workflow's commands, run for real on a temporary repository.

GitHub Actions cannot run here, so the test executes the workflow's own `run:` scripts
(read from .github/workflows/catalogue.yml) with bash, in a git repository shaped like a
pull-request checkout, with the variables GitHub would set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interventions_api.catalogue.yaml_source import read_yaml
from interventions_api.settings import PROJECT_ROOT

from ..fixtures.git_catalogue import REAL_CATALOGUE, GitCatalogue, make_git_catalogue

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "catalogue.yml"


def workflow() -> dict[str, Any]:
    data = read_yaml(WORKFLOW).data  # our YAML 1.2 reader: the key `on` stays "on"
    assert isinstance(data, dict)
    return data


def steps() -> dict[str, str]:
    return {step.get("name", ""): step["run"] for step in
            workflow()["jobs"]["catalogue"]["steps"] if "run" in step}


def test_runs_on_pull_requests_touching_the_catalogue() -> None:
    assert "catalogue/**" in workflow()["on"]["pull_request"]["paths"]


def test_it_runs_what_make_test_fails_on_for_a_catalogue_change() -> None:
    scripts = "\n".join(steps().values())
    for command in ("interventions validate", "interventions schema --check",
                    "interventions catalogue-doc --check", "pytest"):
        assert command in scripts, command
    assert "docs/catalogue.md" in workflow()["on"]["pull_request"]["paths"]


def test_urls_are_not_checked_in_ci() -> None:
    assert not any("--check-urls" in script for script in steps().values())


@pytest.fixture
def pull_request(tmp_path: Path) -> GitCatalogue:
    repo = make_git_catalogue(tmp_path / "repo", ["kiva", "taakspel"])
    shutil.copytree(REAL_CATALOGUE / "schema", repo.catalogue / "schema")
    repo.commit("catalogue")
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD")  # as actions/checkout fetches
    repo.git("checkout", "-q", "-b", "pr")
    return repo


def run_step(repo: GitCatalogue, script: str, summary: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("INTERVENTIONS_")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary))
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo.top,
                          env=env, capture_output=True, text=True, timeout=120, check=False)


def step(name_part: str) -> str:
    matches = [script for name, script in steps().items() if name_part in name]
    assert len(matches) == 1, name_part
    return matches[0]


def test_a_broken_file_is_an_error_annotation_at_its_line(pull_request: GitCatalogue,
                                                          tmp_path: Path) -> None:
    pull_request.edit("kiva", "status: active", "status: actief")
    line = next(n for n, text in enumerate(
        pull_request.entry("kiva").read_text(encoding="utf-8").splitlines(), 1)
        if text == "status: actief")
    pull_request.commit("kiva: typo")
    result = run_step(pull_request, step("Validate"), tmp_path / "summary.md")
    assert result.returncode == 1
    errors = [out for out in result.stdout.splitlines() if out.startswith("::error ")]
    assert errors == [f"::error file=catalogue/interventions/kiva.yaml,line={line},col=9,"
                      "title=not-allowed::status: Input should be 'active' or 'discontinued', "
                      "got the text 'actief' [not-allowed]"]


def test_the_change_report_lands_in_the_job_summary(pull_request: GitCatalogue,
                                                    tmp_path: Path) -> None:
    pull_request.edit("kiva", "rating: Effectief volgens sterke aanwijzingen",
                      "rating: Effectief volgens goede aanwijzingen")
    pull_request.commit("kiva: rating")
    summary = tmp_path / "summary.md"
    assert run_step(pull_request, step("Validate"), summary).returncode == 0
    assert run_step(pull_request, step("Schema"), summary).returncode == 0
    result = run_step(pull_request, step("Change report"), summary)
    assert result.returncode == 0, result.stderr
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("## Catalogue changes:")
    assert "### Rating changes" in report
    assert "“Effectief volgens sterke aanwijzingen” (2022-12-15)" in report
    assert "**“Effectief volgens goede aanwijzingen” (2022-12-15)" in report
