"""The safety-plan section (Accept: text/markdown) is complete, in both languages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .conftest import Answers
from .helpers import LEVELS, post_match
from .profiles import PROFILES

HEADINGS = {
    "nl": {"individual": "### Niveau van de leerling", "class": "### Niveau van de groep / klas",
           "school": "### Niveau van de school", "evidence": "### Onderbouwing en bronnen",
           "todo": "### Wat de school nog moet regelen"},
    "en": {"individual": "### Level of the individual pupil", "class": "### Level of the class",
           "school": "### Level of the whole school", "evidence": "### Evidence and sources",
           "todo": "### What the school still has to arrange"},
}
TASKS = {"nl": ("Coördinator anti-pestbeleid", "Aanspreekpunt pesten", "Jaarlijkse monitor"),
         "en": ("Anti-bullying coordinator", "Contact point for bullying", "Yearly monitor")}


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    following = re.search(r"^### ", markdown[start + len(heading):], flags=re.M)
    end = start + len(heading) + following.start() if following else len(markdown)
    return markdown[start:end]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_section_has_every_level_its_evidence_and_the_school_s_tasks(
        name: str, lang: str, answers: Answers) -> None:
    markdown = answers.markdown(name, lang)
    plan = answers.json(name, lang)["plan"]
    headings = HEADINGS[lang]
    positions = [markdown.index(headings[key]) for key in (*LEVELS, "evidence", "todo")]
    assert positions == sorted(positions)
    for level in LEVELS:
        section = _section(markdown, headings[level])
        entry = plan[level]
        for item in entry["interventions"]:
            assert f"**{item['name']}**" in section
        if entry["reason"]:
            assert entry["reason"] in section
        for note in entry["notes"]:
            assert note in section
    evidence = _section(markdown, headings["evidence"])
    planned = {item["id"] for level in LEVELS for item in plan[level]["interventions"]}
    for intervention_id in planned:
        detail = answers.detail(intervention_id)
        assert f"#### {detail['name']}" in evidence
        for url in detail["sources"]:
            assert f"<{url}>" in evidence
        for assessment in detail["evidence"].get("assessments", []):
            assert assessment["rating"] in evidence and assessment["url"] in evidence
        for key in detail["evidence"].get("studies", {}):
            assert f"`{key}`" in evidence
    todo = _section(markdown, headings["todo"])
    for task in TASKS[lang]:
        assert task in todo
    assert "https://zoek.officielebekendmakingen.nl/kst-34130-3.html" in markdown
    monitor = PROFILES[name].get("monitor")
    if monitor:
        assert str(monitor["year"] + 1) in todo


def test_markdown_only_when_asked_for(client: TestClient) -> None:
    profile = {"school_type": "po"}
    for accept, markdown in (("text/markdown", True), ("application/json", False),
                             ("text/markdown;q=0.5, application/json", False),
                             ("application/json;q=0.2, text/markdown", True),
                             ("*/*", False), (None, False), ("text/html, */*;q=0.8", False)):
        response = post_match(client, profile, accept=accept)
        assert response.status_code == 200
        kind = response.headers["content-type"]
        assert kind.startswith("text/markdown" if markdown else "application/json"), accept


def test_a_bad_profile_is_problem_json_even_when_markdown_is_asked(client: TestClient) -> None:
    response = post_match(client, {"school_type": "xx"}, accept="text/markdown")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")



def test_the_plan_shows_the_verdict_before_the_rating_and_what_the_rating_is_about(
        client: TestClient) -> None:
    profile = {"school_type": "po", "concerns": ["bullying"], "school_concept": "jenaplan"}
    markdown = post_match(client, profile, accept="text/markdown").text
    kiva = markdown.split("#### KiVa", 1)[1].split("####", 1)[0]
    assert kiva.index("**Gunstig effect op pesten**") < kiva.index("- Oordelen:")
    assert "geen effect in axford-2020" in kiva  # the null trial stays in view
