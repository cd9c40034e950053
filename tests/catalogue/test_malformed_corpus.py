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
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.rules import RULES

from ..conftest import REAL_CATALOGUE

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
