"""Errors in the language the request asks for: Dutch by default, English with lang=en (in
the query string, or in a JSON body), for every family of routes; pydantic's messages
become our own wordings, with the limits and choices in the language's notation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interventions_api.errors import PROBLEM_TYPES, Say
from interventions_api.texts import TEXTS

# The English words pydantic and Starlette write; none may reach a Dutch error.
ENGLISH = ("Input should", "Field required", "Extra inputs", "should be", "Not Found",
           "unknown", "give ", "Invalid JSON", "no intervention", "not valid", "must be")


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


def words(body: dict[str, Any]) -> str:
    """Everything of an error a person reads."""
    return " | ".join([body["title"], body["detail"],
                       *(e["message"] for e in body.get("errors", []))])


def assert_dutch(body: dict[str, Any], slug: str) -> None:
    assert body["title"] == TEXTS[f"problem.{slug}.title"]["nl"]
    text = words(body)
    assert not [w for w in ENGLISH if w in text], text


def assert_english(body: dict[str, Any], slug: str) -> None:
    assert body["title"] == TEXTS[f"problem.{slug}.title"]["en"]
    assert body["title"] != TEXTS[f"problem.{slug}.title"]["nl"]


# One bad request per family of routes: (method, url, body, status, slug, field, nl, en).
CASES = [
    ("get", "/v1/interventions?per_page=0", None, 422, "invalid-input", "per_page",
     "moet 1 of meer zijn", "must be 1 or more"),
    ("get", "/v1/interventions?theme=nonsense", None, 422, "invalid-input", "theme",
     "onbekende waarde 'nonsense' voor theme", "unknown theme 'nonsense'"),
    ("get", "/v1/interventions?sort=random", None, 422, "invalid-input", "sort",
     "kies 'relevance', 'evidence', 'name' of 'effect'",
     "choose 'relevance', 'evidence', 'name' or 'effect'"),
    ("get", "/v1/interventions/no-such-programme", None, 404, "not-found", "id",
     "onbekende interventie-id", "unknown intervention id"),
    ("get", "/v1/compare?ids=kiva", None, 422, "invalid-input", "ids",
     "geef 2 tot 6 interventie-id's, gegeven 1", "give 2 to 6 intervention ids, given 1"),
    ("get", "/v1/compare?ids=kiva,nope", None, 404, "not-found", "ids",
     "onbekende interventie-id", "unknown intervention id"),
    ("get", "/v1/export.csv?delimiter=tab", None, 422, "invalid-input", "delimiter",
     "kies 'comma' of 'semicolon'", "choose 'comma' or 'semicolon'"),
    ("post", "/v1/match", {"school_type": "po", "ages": {"min": 6, "max": 99}}, 422,
     "invalid-input", "ages.max", "moet 30 of minder zijn", "must be 30 or less"),
    ("post", "/v1/monitor", {"surveys": [{"year": 2025, "results": [
        {"indicator": "bullied", "share": 1.5}]}]}, 422, "invalid-input",
     "surveys.0.results.0.share", "moet 1 of minder zijn", "must be 1 or less"),
    ("post", "/v1/monitor", {"surveys": [{"year": 2024, "results": [
        {"indicator": "bullied", "share": 0.1}]}], "interventions": [
        {"id": "kiva", "since": 2025}]}, 422, "invalid-input", "interventions.0.since",
     "2025 ligt na de laatste meting (2024); een meting kan niet laten zien wat later kwam",
     "2025 is after the latest survey (2024); a survey cannot show what came later"),
]


@pytest.mark.parametrize("method,url,body,status,slug,field,nl,en", CASES)
def test_dutch_by_default_english_when_asked(client: TestClient, method: str, url: str,
                                             body: dict[str, Any] | None, status: int,
                                             slug: str, field: str, nl: str, en: str) -> None:
    def ask(lang: str | None) -> dict[str, Any]:
        if body is None:
            query = url + ("&" if "?" in url else "?") + f"lang={lang}" if lang else url
            return problem(getattr(client, method)(query), status)
        sent = {**body, "lang": lang} if lang else body
        return problem(client.post(url, json=sent), status)

    dutch = ask(None)
    assert_dutch(dutch, slug)
    assert {e["field"]: e["message"] for e in dutch["errors"]}[field] == nl
    assert ask("nl") == dutch
    english = ask("en")
    assert_english(english, slug)
    assert {e["field"]: e["message"] for e in english["errors"]}[field] == en
    assert english["detail"] != dutch["detail"]
    assert english["type"] == dutch["type"] and english["errors"][0]["field"] == field


def test_the_query_string_asks_for_english_for_a_body_too(client: TestClient) -> None:
    body = problem(client.post("/v1/match?lang=en", json={"school_type": "nope"}), 422)
    assert_english(body, "invalid-input")
    assert body["detail"].startswith("The school profile is not valid (school_type: ")


def test_every_pydantic_mistake_in_a_profile_is_said_in_dutch(client: TestClient) -> None:
    profile = {"ages": {"min": 6, "max": 8, "colour": 1}, "limit": "tien",
               "concerns": ["bullying"] * 31, "budget": {"max_eur": -1, "per": "kind"},
               "max_training_hours": True, "school_concept": "",
               "monitor": {"year": 2024, "results": [{
                   "indicator": "bullied", "share": 0.12,
                   "ages": {"min": 8, "max": 10},
                   "school_years": {"system": "groep", "min": 5, "max": 6}}]}}
    body = problem(client.post("/v1/match", json=profile), 422)
    assert_dutch(body, "invalid-input")
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["school_type"] == "dit veld is verplicht"
    assert messages["ages.colour"] == "onbekend veld: dit veld bestaat niet"
    assert messages["limit"] == "moet een geheel getal zijn"
    assert messages["concerns"] == "te veel: hoogstens 30, gegeven 31"
    assert messages["budget.max_eur"] == "moet 0 of meer zijn"
    assert messages["budget.per"] == "kies 'school', 'pupil', 'teacher' of 'class'"
    assert messages["max_training_hours"] == "moet een getal zijn"
    assert messages["school_concept"] == "te kort: minstens 1 teken(s)"
    assert messages["monitor.results.0"] == "geef ages of school_years, niet allebei"
    assert body["detail"].startswith("Het schoolprofiel klopt niet (")


def test_a_body_that_is_not_json_is_said_in_dutch(client: TestClient) -> None:
    body = problem(client.post("/v1/match", content=b'{"school_type": ',
                               headers={"content-type": "application/json"}), 422)
    assert_dutch(body, "invalid-input")
    [error] = body["errors"]
    assert error["message"].startswith("geen geldige JSON (de fout zit op regel 1, teken ")


def test_limits_are_written_in_the_languages_notation() -> None:
    assert Say("error.greater_than_equal", {"ge": 0.5}).render("nl") == "moet 0,5 of meer zijn"
    assert Say("error.greater_than_equal", {"ge": 0.5}).render("en") == "must be 0.5 or more"
    assert Say("error.less_than_equal", {"le": 10000}).render("nl") == "moet 10.000 of minder zijn"
    assert Say("error.less_than_equal", {"le": 2100}).render("nl") == "moet 2100 of minder zijn"
    assert Say("error.greater_than", {"gt": 0}).render("nl") == "moet groter zijn dan 0"


def test_errors_without_a_field_are_translated_too(client: TestClient) -> None:
    dutch = problem(client.get("/v1/no-such-route"), 404)
    assert_dutch(dutch, "not-found")
    assert_english(problem(client.get("/v1/no-such-route?lang=en"), 404), "not-found")
    assert_dutch(problem(client.delete("/v1/interventions"), 405), "method-not-allowed")
    media = problem(client.post("/v1/match", content=b"x",
                                headers={"content-type": "text/plain"}), 415)
    assert_dutch(media, "unsupported-media-type")


def test_problem_pages_give_both_titles(client: TestClient) -> None:
    listed = client.get("/problems").json()["data"]
    assert [p["type"] for p in listed] == list(PROBLEM_TYPES)
    for page in listed:
        slug = page["type"]
        assert page["titles"] == {lang: TEXTS[f"problem.{slug}.title"][lang]
                                  for lang in ("nl", "en")}
        assert page["title"] == page["titles"]["nl"]
        assert page["description"] == TEXTS[f"problem.{slug}.description"]["nl"]
    english = client.get("/problems/invalid-input?lang=en").json()
    assert english["title"] == "Invalid input"
    missing = problem(client.get("/problems/nope"), 404)
    assert missing["detail"] == "Er is geen probleemtype 'nope'."


def test_every_problem_type_is_documented() -> None:
    from interventions_api.settings import PROJECT_ROOT

    doc = (PROJECT_ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for slug in PROBLEM_TYPES:
        assert f"| `{slug}` | {PROBLEM_TYPES[slug]} |" in doc, slug
    assert "lang=en" in doc and json.loads(doc.split("```json\n")[1].split("```")[0])
