"""CONTRIBUTING.md: its example is a real, valid entry and its commands exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.yaml_source import parse_yaml, read_yaml
from interventions_api.cli import main
from interventions_api.settings import PROJECT_ROOT

from ..conftest import REAL_CATALOGUE

CONTRIBUTING = PROJECT_ROOT / "CONTRIBUTING.md"


def text() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


def example() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", text(), re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


def test_both_languages_cover_the_same_ground() -> None:
    body = text()
    for heading in ("## Nederlands", "## English", "### Wat reviewers controleren",
                    "### What reviewers check", "### Een interventie toevoegen",
                    "### Adding an intervention"):
        assert heading in body


def test_the_example_is_a_valid_entry(make_catalogue) -> None:
    root = make_catalogue(only=["kiva"])
    (root / "interventions" / "kiva.yaml").write_text(example(), encoding="utf-8")
    result = read_catalogue(root)
    assert result.errors == [], [p.format() for p in result.errors]
    assert not [p for p in result.problems if p.rule == "modeline"]


def test_the_example_invents_no_rating_or_study() -> None:
    """Every rating and study in the example is in the real kiva.yaml (it may have grown)."""
    shown = parse_yaml(example()).data["evidence"]
    real = read_yaml(REAL_CATALOGUE / "interventions" / "kiva.yaml").data["evidence"]
    as_keys = [{k: a.get(k) for k in ("registry", "rating", "date", "year")}
               for a in real["assessments"]]
    for assessment in shown["assessments"]:
        assert {k: assessment.get(k) for k in ("registry", "rating", "date", "year")} in as_keys
    for key, study in shown["studies"].items():
        assert real["studies"].get(key, {}).get("doi") == study.get("doi")


def test_every_command_shown_exists_with_its_options() -> None:
    commands = re.findall(r"^\.venv/bin/interventions (.+?)(?:\s+#.*)?$", text(), re.MULTILINE)
    assert len(commands) >= 8
    for line in commands:
        args = shlex.split(line)
        command = main.get_command(None, args[0])  # type: ignore[arg-type]
        assert command is not None, line
        command.make_context(args[0], args[1:], resilient_parsing=False)


def test_linked_docs_exist() -> None:
    for link in re.findall(r"\]\(((?:docs|catalogue)/[^)#]+)\)", text()):
        assert (PROJECT_ROOT / link).exists(), link
    assert Path(PROJECT_ROOT / ".github/workflows/catalogue.yml").exists()
