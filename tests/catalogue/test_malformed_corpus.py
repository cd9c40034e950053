"""The malformed corpus: each file in malformed/ breaks one rule, at a known line.

A case file is a catalogue file with one defect. Comment lines at its end say what the
validator must report (they come last so that they shift no line):

    # expect: <rule> at line <n>      the rule code and line of the problem
    # message: <text>                 text the message must contain (repeatable)
    # also: <rule>                    another rule this defect legitimately triggers
    # install-as: <path>              where it goes in the catalogue (default:
                                      interventions/<case name>.yaml)
    # grow-to: <bytes>                padded with a comment to this size when installed
                                      (a case over the size limit, kept small here)

The case is installed into a small catalogue (the real vocabularies and evidence scale,
plus the real KiVa entry as a valid neighbour) and validated; the problem must be there,
at that line, in that file, and nothing else may be reported for that file. A load of
the catalogue with the case is refused and leaves the served database as it was.

What a file in the corpus cannot be (a FIFO, a link out of the catalogue, a folder of
too many files) the tests at the end make themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from interventions_api.catalogue import read_catalogue, reader
from interventions_api.catalogue.problems import Problem
from interventions_api.catalogue.rules import RULES
from interventions_api.cli import main
from interventions_api.db.load import load_catalogue
from interventions_api.db.repository import Repository, connect

from ..conftest import REAL_CATALOGUE, read_ok

CORPUS = Path(__file__).parent / "malformed"
TODAY = dt.date(2026, 11, 28)
EXPECT = re.compile(r"^# expect: ([a-z0-9-]+) at line (\d+)$", re.MULTILINE)


@dataclass
class Case:
    path: Path
    rule: str
    line: int
    install_as: str
    messages: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    grow_to: int = 0

    def install(self, root: Path) -> Path:
        target = root / self.install_as
        shutil.copy(self.path, target)
        if self.grow_to:
            with target.open("ab") as file:
                file.write(b"#" + b" " * (self.grow_to - target.stat().st_size - 2) + b"\n")
        return target


def read_case(path: Path) -> Case:
    text = path.read_bytes().decode("utf-8", errors="replace")  # a case may not be UTF-8
    match = EXPECT.search(text)
    assert match, f"{path.name} has no '# expect: <rule> at line <n>' line"

    def values(key: str) -> list[str]:
        return re.findall(rf"^# {key}: (.+)$", text, re.MULTILINE)

    install = values("install-as")
    grow = values("grow-to")
    return Case(path, match.group(1), int(match.group(2)),
                install[0] if install else f"interventions/{path.stem}.yaml",
                values("message"), values("also"), int(grow[0]) if grow else 0)


CASES = sorted(CORPUS.glob("*.yaml"))


def test_the_corpus_is_large_and_covers_many_rules() -> None:
    cases = [read_case(path) for path in CASES]
    assert len(cases) >= 30
    assert all(case.rule in RULES for case in cases)
    assert len({case.rule for case in cases}) >= 25


@pytest.fixture(scope="module")
def base_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus-base")
    for name in ("vocabularies.yaml", "evidence-scale.yaml"):
        shutil.copy(REAL_CATALOGUE / name, root / name)
    (root / "interventions").mkdir()
    shutil.copy(REAL_CATALOGUE / "interventions" / "kiva.yaml", root / "interventions")
    return root


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_malformed_file_is_reported_at_its_line(path: Path, base_catalogue: Path,
                                               tmp_path: Path) -> None:
    case = read_case(path)
    root = tmp_path / "catalogue"
    shutil.copytree(base_catalogue, root)
    target = case.install(root)

    result = read_catalogue(root, today=TODAY)
    in_file = [p for p in result.problems if Path(p.file).resolve() == target.resolve()]
    report = "\n".join(p.format() for p in in_file) or "(nothing reported for the file)"
    hits = [p for p in in_file if p.rule == case.rule and p.line == case.line]
    assert hits, f"expected [{case.rule}] at line {case.line}; got:\n{report}"
    problem = hits[0]
    for text in case.messages:
        assert text in problem.message, f"{text!r} not in {problem.message!r}"
    others = {p.rule for p in in_file} - {case.rule, *case.also}
    assert not others, f"also reported, unexpectedly:\n{report}"
    assert f",line={case.line}," in problem.format_github()
    if problem.severity == "error":
        assert result.catalogue is None, "a catalogue with an error must not be loadable"


def test_the_valid_neighbour_is_valid(base_catalogue: Path) -> None:
    result = read_catalogue(base_catalogue, today=TODAY)
    assert result.errors == []
    assert result.catalogue is not None and [e.id for e in result.catalogue.entries] == ["kiva"]


# --- what a corpus file cannot be: the tests make it -----------------------------------

def read_within(root: Path, seconds: float = 20.0) -> list[Problem]:
    """The problems of the catalogue at ``root``, failing (not hanging) when reading it
    takes longer than ``seconds``."""
    found: list[list[Problem]] = []
    reading = threading.Thread(target=lambda: found.append(read_catalogue(root).problems),
                               daemon=True)
    reading.start()
    reading.join(seconds)
    assert found, f"reading the catalogue did not finish within {seconds} s"
    return found[0]


@pytest.fixture
def root(base_catalogue: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(base_catalogue, copy)
    return copy


def only(problems: list[Problem], name: str) -> Problem:
    in_file = [p for p in problems if Path(p.file).name == name]
    assert len(in_file) == 1, "\n".join(p.format() for p in problems)
    return in_file[0]


def test_a_fifo_is_refused_without_waiting_for_a_writer(root: Path) -> None:
    os.mkfifo(root / "interventions" / "x.yaml")
    problem = only(read_within(root), "x.yaml")
    assert problem.rule == "file-type" and problem.line == 1
    assert "a named pipe (FIFO), not a file" in problem.message


def test_a_link_out_of_the_catalogue_is_refused_unread(root: Path) -> None:
    (root / "interventions" / "passwd.yaml").symlink_to("/etc/passwd")
    (root / "interventions" / "zero.yaml").symlink_to("/dev/zero")
    problems = read_within(root)
    for name, target in (("passwd.yaml", "/etc/passwd"), ("zero.yaml", "/dev/zero")):
        problem = only(problems, name)
        assert problem.rule == "file-link"
        assert f"a link to {target}, outside the catalogue folder" in problem.message


def test_a_link_within_the_catalogue_is_read(root: Path) -> None:
    entries = root / "interventions"
    (entries / "kiva.yaml").rename(root / "kiva-source.yaml")
    (entries / "kiva.yaml").symlink_to("../kiva-source.yaml")
    result = read_catalogue(root, today=TODAY)
    assert result.errors == [] and result.catalogue is not None
    assert [entry.id for entry in result.catalogue.entries] == ["kiva"]


def test_a_link_to_a_device_inside_the_catalogue_is_not_read(root: Path) -> None:
    device = root / "zero"
    try:
        os.mknod(device, 0o600 | 0o020000, os.makedev(1, 5))  # a character device
    except PermissionError:
        pytest.skip("creating a device needs CAP_MKNOD")
    (root / "interventions" / "zero.yaml").symlink_to(device)
    problem = only(read_within(root), "zero.yaml")
    assert problem.rule == "file-type" and "a device, not a file" in problem.message


def test_more_entry_files_than_the_limit_are_refused_unread(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ENTRIES", 2)
    for name in ("a.yaml", "b.yaml"):
        (root / "interventions" / name).write_text("not: read\n", encoding="utf-8")
    problems = read_catalogue(root).problems
    problem = only(problems, "interventions")
    assert problem.rule == "too-many-entries"
    assert "3 entry files; a catalogue holds at most 2" in problem.message
    assert not [p for p in problems if p.file.endswith(("a.yaml", "b.yaml"))]


# --- bad input never costs data ---------------------------------------------------------

def _fifo(root: Path) -> None:
    os.mkfifo(root / "interventions" / "x.yaml")


def _outside_link(root: Path) -> None:
    (root / "interventions" / "x.yaml").symlink_to("/etc/passwd")


MADE = {"fifo": _fifo, "link-out-of-the-catalogue": _outside_link}
REFUSED = [path for path in CASES if RULES[read_case(path).rule].severity == "error"]


@pytest.fixture(scope="module")
def served_db(base_catalogue: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("served") / "interventions.db"
    load_catalogue(read_ok(base_catalogue), db_path)
    return db_path


def refused_load_keeps(root: Path, served_db: Path, tmp_path: Path) -> None:
    """``interventions load`` of ``root`` is refused, and the database it would replace
    is the same file, byte for byte, afterwards."""
    db_path = tmp_path / "interventions.db"
    shutil.copy(served_db, db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    outcome: list[object] = []
    loading = threading.Thread(daemon=True, target=lambda: outcome.append(CliRunner().invoke(
        main, ["load", "--catalogue", str(root), "--db", str(db_path)])))
    loading.start()
    loading.join(60)
    assert outcome, "the load did not finish"
    result = outcome[0]
    assert getattr(result, "exit_code", None) == 1, getattr(result, "output", result)
    assert "is unchanged" in getattr(result, "output", "")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    with connect(db_path) as conn:  # and serves what it served
        assert Repository(conn).ids() == ["kiva"]


@pytest.mark.parametrize("path", REFUSED, ids=[p.stem for p in REFUSED])
def test_a_refused_case_leaves_the_served_data_as_it_was(
        path: Path, root: Path, served_db: Path, tmp_path: Path) -> None:
    read_case(path).install(root)
    refused_load_keeps(root, served_db, tmp_path)


@pytest.mark.parametrize("make", list(MADE.values()), ids=list(MADE))
def test_a_refused_file_leaves_the_served_data_as_it_was(
        make: Callable[[Path], None], root: Path, served_db: Path, tmp_path: Path) -> None:
    make(root)
    refused_load_keeps(root, served_db, tmp_path)
