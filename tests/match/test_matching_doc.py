"""docs/matching.md cannot drift: its parameter table and worked example are what the code
produces (regenerate with ``python -m devtools.match_example --write``)."""

from __future__ import annotations

import re

from devtools import match_example as example
from interventions_api.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "matching.md"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _block(text: str, name: str) -> str:
    return text.split(f"<!-- {name}:start -->\n", 1)[1].split(f"<!-- {name}:end -->", 1)[0]


def test_the_doc_s_numbers_are_the_code_s_numbers() -> None:
    written = DOC.read_text(encoding="utf-8")
    generated = example.replace_blocks(written)
    for name in example.BLOCKS:
        assert NUMBER.findall(_block(written, name)) == NUMBER.findall(
            _block(generated, name)), (
            f"docs/matching.md block '{name}' is stale: run "
            "python -m devtools.match_example --write")


def test_the_walk_through_ends_at_the_reported_score() -> None:
    result = example.run_example()
    lines = example.walk_through(result, "example-alpha")
    reported = next(f.score for s in result.ranked if s.candidate.id == "example-alpha"
                    for f in s.fit if f.criterion == "concern_evidence")
    assert lines[-2].endswith(f"{reported:.4f}")
    assert f"{result.needs.concern_weights['cyberbullying']:.4f}" in "\n".join(lines)
