"""The command line: validate, load (serve and index are tested elsewhere)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from interventions_api.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_clean_catalogue_exits_0(make_catalogue) -> None:
    result = run("validate", str(make_catalogue()))
    assert result.exit_code == 0, result.output
    assert "interventions valid" in result.output


def test_validate_reports_every_error_and_exits_1(make_catalogue) -> None:
    root = make_catalogue(only=["kiva"])
    (root / "interventions" / "a.yaml").write_text("id: a\nname: [\n")
    (root / "interventions" / "b.yaml").write_text("id: b\nname: B\nfoo: 1\n")
    result = run("validate", str(root))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[" in line and ".yaml:" in line]
    assert any("a.yaml:" in line and "[yaml-syntax]" in line for line in lines)
    assert any("b.yaml:3:1: foo: unknown field 'foo'" in line for line in lines)
    assert any("b.yaml:" in line and "[missing-field]" in line for line in lines)


def test_validate_github_format(make_catalogue) -> None:
    root = make_catalogue(only=["kiva"])
    (root / "interventions" / "b.yaml").write_text("id: b\nname: B\nfoo: 1\n")
    result = run("validate", "--format", "github", str(root))
    assert result.exit_code == 1
    assert any(line.startswith("::error file=") and "line=3,col=1" in line
               for line in result.output.splitlines())


def test_load_refuses_a_broken_catalogue_and_keeps_the_data(make_catalogue,
                                                           tmp_path: Path) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = tmp_path / "cli.db"
    ok = run("load", "--catalogue", str(root), "--db", str(db_path))
    assert ok.exit_code == 0, ok.output
    (root / "interventions" / "taakspel.yaml").write_text("id: taakspel\n")
    broken = run("load", "--catalogue", str(root), "--db", str(db_path))
    assert broken.exit_code == 1
    assert "unchanged" in broken.output
    conn = sqlite3.connect(db_path)
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM interventions"))
    conn.close()
    assert ids == ["kiva", "taakspel"]
