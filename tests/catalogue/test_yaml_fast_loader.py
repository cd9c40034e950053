"""The fast (libyaml) reading gives exactly what the pure-Python reading gives: the same
values, positions and problems for every file of the catalogue and of the malformed
corpus, and the same error where a file cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from interventions_api.catalogue.yaml_source import FAST_LOADER, YamlProblem, parse_yaml
from interventions_api.settings import PROJECT_ROOT

FILES = sorted([*(PROJECT_ROOT / "catalogue").rglob("*.yaml"),
                *(PROJECT_ROOT / "tests" / "catalogue" / "malformed").rglob("*.yaml")])
EDGE_CASES = {
    "yaml-1.1 words": "a: no\nb: yes\nc: on\nd: 2022-12-15\ne: 010\nf: 1_000\ng: .inf\n",
    "styles": "a: 'x'\nb: \"1\"\nc: |\n  block\nd: >-\n  folded\ne: plain\nf: ''\n",
    "numbers and nulls": "a: 1\nb: -2.5\nc: 1e3\nd: ~\ne: null\nf:\ng: true\n",
    "tab": "a:\n\tb: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n",
    "complex key": "? [a, b]\n: 1\n",
    "aliases": "a: &x {b: 1}\nl: [*x, 3, *x]\nm:\n- *x\n&k n: 1\n*k : 2\n",
    "unclosed": "a: [1, 2\nb: 3\n",
}


def outcome(text: str, loader: type | None) -> object:
    try:
        return parse_yaml(text, loader=loader)
    except YamlProblem as problem:
        return problem


@pytest.mark.skipif(FAST_LOADER is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_catalogue_files_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outcome(text, FAST_LOADER) == outcome(text, None)


@pytest.mark.skipif(FAST_LOADER is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_read_the_same(name: str) -> None:
    text = EDGE_CASES[name]
    assert outcome(text, FAST_LOADER) == outcome(text, None)
