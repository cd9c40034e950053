"""The plan as Markdown: one title, the sections as headings, what the school fills in
and every warning marked."""

from __future__ import annotations

import re

import pytest

from .conftest import Plans
from .helpers import MARKDOWN


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_headings_follow_the_document(lang: str, plans: Plans) -> None:
    document = plans.document("openapi_example", lang)
    markdown = plans.get("openapi_example", MARKDOWN, lang).text
    assert markdown.startswith(f"# {document['title']}\n")
    headings = re.findall(r"^(#{2,3}) (.+)$", markdown, flags=re.M)
    expected = []
    for section in document["sections"]:
        expected.append(("##", section["heading"]))
        expected += [("###", sub["heading"]) for sub in section["sections"]]
    assert headings == expected
    placeholder = "In te vullen" if lang == "nl" else "To fill in"
    placeholders = [b for s in document["sections"] for b in s["blocks"]
                    if b["type"] == "placeholder"]
    assert markdown.count(f"> **[{placeholder}]** ") == len(placeholders) + sum(
        b["type"] == "placeholder" for s in document["sections"] for sub in s["sections"]
        for b in sub["blocks"])


def test_every_intervention_has_its_heading_evidence_and_warnings(plans: Plans) -> None:
    document = plans.document("openapi_example")
    markdown = plans.get("openapi_example", MARKDOWN).text
    programmes = next(s for s in document["sections"] if s["id"] == "interventions")[
        "sections"][-1]
    for block in programmes["blocks"]:
        part = markdown.split(f"#### {block['name']}\n", 1)[1].split("\n#### ", 1)[0]
        for effect in block["effects"]:
            assert f"- **{effect['label']}.** {effect['summary']}" in part
        for note in block["warnings"]:
            assert f"> **Let op:** {note}" in part


def test_each_monitor_chart_comes_as_a_table_of_its_figures(plans: Plans) -> None:
    markdown = plans.get("openapi_example", MARKDOWN).text
    assert markdown.count("| Jaar | Onze school | Vergelijkingswaarde |") == 2
    assert "| 2025 | 15% | 10% |" in markdown  # bullied in groep 5–8, the latest survey
    assert "als grafiek in de HTML-versie" in markdown
