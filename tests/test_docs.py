"""Docs that cannot drift: the README's commands exist, every CLI command is documented."""

from __future__ import annotations

import re
import subprocess

from click.testing import CliRunner

from interventions_api.cli import main
from interventions_api.settings import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def first_code_block(text: str) -> list[str]:
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "README has no sh code block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_setup_commands() -> None:
    assert first_code_block(README) == ["make serve", "make test"]


def test_the_two_commands_are_make_targets() -> None:
    for target in ("serve", "test"):
        result = subprocess.run(["make", "-n", target], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr


def test_make_serve_takes_a_port_and_a_host() -> None:
    def serve_line(*assignments: str) -> str:
        result = subprocess.run(["make", "-n", "serve", *assignments], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, check=True)
        [line] = [line for line in result.stdout.splitlines() if "interventions serve" in line]
        return line

    assert serve_line().endswith("--host 127.0.0.1 --port 8000")
    assert serve_line("PORT=8123", "HOST=0.0.0.0").endswith("--host 0.0.0.0 --port 8123")
    assert "PORT=" in README and "PORT=" in (PROJECT_ROOT / "docs" / "development.md").read_text()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "CI=true" in ci


def test_every_cli_command_is_in_the_readme_and_has_help() -> None:
    for name, command in main.commands.items():
        assert f"interventions {name}" in README, f"README does not document '{name}'"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help, name
