"""docs/evidence.md cannot drift: its parameters and worked examples are what effects.py
produces from the real catalogue (regenerate with ``make docs``)."""

from __future__ import annotations

from devtools import evidence_example as example


def test_the_doc_s_generated_blocks_are_the_code_s_output() -> None:
    written = example.DOC.read_text(encoding="utf-8")
    assert example.replace_blocks(written) == written, (
        "docs/evidence.md is stale: run python -m devtools.evidence_example --write")


def test_the_examples_show_every_study_behind_each_verdict() -> None:
    documents = example.example_documents()
    rendered = example.render_examples()
    for document in documents.values():
        for result in document["evidence"]["effects"]["bullying"]["results"]:
            assert f"| {result['study']} | {result['result']} |" in rendered
