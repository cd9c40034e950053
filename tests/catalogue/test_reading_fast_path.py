"""The fast reading path (``parse_source``: values first, positions only when asked for)
gives exactly what the positional reader (``parse_yaml``) gives: the same values,
positions and problems for every file, and the same catalogue and the same problems
from ``read_catalogue`` for the real catalogue and for every malformed case."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue, reader
from interventions_api.catalogue.yaml_source import YamlProblem, parse_source, parse_yaml

from ..conftest import REAL_CATALOGUE
from .test_malformed_corpus import CASES, TODAY, read_case
from .test_yaml_fast_loader import EDGE_CASES, FILES


def outcome(parse: object, text: str) -> object:
    try:
        doc = parse(text)  # type: ignore[operator]
    except YamlProblem as problem:
        return problem
    doc.locate()
    return dataclasses.asdict(doc)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_files_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outcome(parse_source, text) == outcome(parse_yaml, text)


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_read_the_same(name: str) -> None:
    assert outcome(parse_source, EDGE_CASES[name]) == outcome(parse_yaml, EDGE_CASES[name])


@pytest.mark.parametrize("text", ["", "# only a comment\n", "a: &x [1]\nb: *x\n",
                                  "- 1\n- two\n", "just text\n", "a: !!int '3'\n"])
def test_other_shapes_read_the_same(text: str) -> None:
    assert outcome(parse_source, text) == outcome(parse_yaml, text)


def test_aliases_are_refused_where_they_are_written_not_expanded() -> None:
    # Nine levels of nine aliases each would be 387 million values if expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]"
        for level in range(1, 9)]
    doc = parse_source("\n".join(lines) + "\n").locate()
    assert doc.data == {"a0": ["x"] * 9, **{f"a{level}": [] for level in range(1, 9)}}
    assert {problem.rule for problem in doc.problems} == {"yaml-alias"}
    assert [(p.position.line, p.position.column) for p in doc.problems][:2] == [(2, 10),
                                                                                 (2, 15)]
    assert len(doc.problems) == 8 * 9


def test_positions_are_left_for_later_and_then_filled_in() -> None:
    doc = parse_source("a:\n  b: [1, 2]\n")
    assert doc.positions == {} and doc.data == {"a": {"b": [1, 2]}}
    assert doc.position_of(("a", "b", 1)).line == 2
    assert doc.key_position_of(("a", "b")) == (2, 3)


def read_both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    def summary(result: reader.ReadResult) -> object:
        catalogue = result.catalogue
        return (result.problems, sorted(result.documents),
                {name: doc.locate().positions for name, doc in result.documents.items()},
                None if catalogue is None else (catalogue.version, catalogue.entries))

    fast = summary(read_catalogue(root, today=TODAY, keep_sources=True))
    with monkeypatch.context() as patch:
        patch.setattr(reader, "parse_source", parse_yaml)
        positional = summary(read_catalogue(root, today=TODAY, keep_sources=True))
    return fast, positional


def test_the_real_catalogue_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, positional = read_both(REAL_CATALOGUE, monkeypatch)
    assert fast == positional


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_malformed_cases_read_the_same(path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(REAL_CATALOGUE, root, ignore=shutil.ignore_patterns("schema"))
    shutil.copy(path, root / read_case(path).install_as)
    fast, positional = read_both(root, monkeypatch)
    assert fast == positional
    assert fast[0], "the case must report something"  # type: ignore[index]


def test_parsed_entry_files_are_kept_only_when_asked() -> None:
    kept = read_catalogue(REAL_CATALOGUE, today=TODAY, keep_sources=True)
    dropped = read_catalogue(REAL_CATALOGUE, today=TODAY)
    entry_files = {name for name in kept.documents if "/interventions/" in name}
    assert kept.catalogue is not None
    assert len(entry_files) == len(kept.catalogue.entries)
    assert set(dropped.documents) == set(kept.documents) - entry_files
    assert dropped.problems == kept.problems and dropped.catalogue == kept.catalogue
