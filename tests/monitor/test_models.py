"""A bad monitor request gets one 422 problem+json naming each bad field; the body rules
(JSON only, at most 64 KiB) are the match's."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from .helpers import bullied, post_monitor, survey, yearly

PROBLEM = "application/problem+json"


def _errors(response: Any, status: int = 422) -> dict[str, dict[str, Any]]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    return {e["field"]: e for e in response.json().get("errors", [])}


def test_duplicate_years_are_refused_naming_the_second(client: TestClient) -> None:
    errors = _errors(post_monitor(client, {"surveys": [
        survey(2024, bullied(0.1)), survey(2025, bullied(0.1)), survey(2024, bullied(0.2))]}))
    assert set(errors) == {"surveys.2.year"}
    assert errors["surveys.2.year"]["value"] == 2024


def test_an_unknown_intervention_id_is_refused_with_where_to_find_them(
        client: TestClient) -> None:
    errors = _errors(post_monitor(client, {"surveys": yearly({2025: 0.1}),
                                           "interventions": [{"id": "kivaa", "since": 2024}]}))
    assert set(errors) == {"interventions.0.id"}
    assert "kiva" in errors["interventions.0.id"]["allowed"]


def test_a_year_of_use_after_the_last_survey_or_before_1990_is_refused(
        client: TestClient) -> None:
    errors = _errors(post_monitor(client, {
        "surveys": yearly({2023: 0.1, 2024: 0.1}),
        "interventions": [{"id": "kiva", "since": 2025}, {"id": "taakspel", "since": 2024}]}))
    assert set(errors) == {"interventions.0.since"}
    assert "2024" in errors["interventions.0.since"]["message"]
    errors = _errors(post_monitor(client, {"surveys": yearly({2024: 0.1}),
                                           "interventions": [{"id": "kiva", "since": 23}]}))
    assert set(errors) == {"interventions.0.since"}


def test_one_to_ten_surveys(client: TestClient) -> None:
    eleven = yearly({2015 + i: 0.1 for i in range(11)})
    assert set(_errors(post_monitor(client, {"surveys": eleven}))) == {"surveys"}
    assert set(_errors(post_monitor(client, {"surveys": []}))) == {"surveys"}
    assert post_monitor(client, {"surveys": eleven[:10]}).status_code == 200


def test_an_intervention_or_an_indicator_and_group_given_twice_is_refused(
        client: TestClient) -> None:
    errors = _errors(post_monitor(client, {
        "surveys": [survey(2025, bullied(0.1), bullied(0.2),
                           bullied(0.3, school_years={"system": "groep", "min": 5, "max": 8}))],
        "interventions": [{"id": "kiva"}, {"id": "kiva", "since": 2024}]}))
    assert set(errors) == {"surveys.0.results.1.indicator", "interventions.1.id"}


def test_structure_errors_name_every_field_at_once(client: TestClient) -> None:
    errors = _errors(post_monitor(client, {
        "lang": "de", "colour": "blue",
        "surveys": [{"year": 2025, "results": [{"indicator": "sad", "share": 1.5}]}],
        "interventions": [{"id": "kiva", "since": "2023"}]}))
    assert set(errors) == {"lang", "colour", "surveys.0.results.0.indicator",
                           "surveys.0.results.0.share", "interventions.0.since"}


def test_the_body_must_be_json_and_at_most_64_kib(client: TestClient) -> None:
    body = {"surveys": yearly({2025: 0.1})}
    _errors(post_monitor(client, body, content_type="text/plain"), 415)
    padded = {"surveys": [{**survey(2025, bullied(0.1)), "source": "x" * 70_000}]}
    _errors(client.post("/v1/monitor", content=json.dumps(padded),
                        headers={"content-type": "application/json"}), 413)
    for content in (b"", b"{not json", b"[1]"):
        errors = _errors(client.post("/v1/monitor", content=content,
                                     headers={"content-type": "application/json"}))
        assert "body" in errors


def test_the_openapi_schema_says_what_is_accepted(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/monitor"]["post"]
    content = operation["requestBody"]["content"]["application/json"]
    schema = Draft202012Validator(content["schema"])
    example = content["example"]
    assert schema.is_valid(example)
    refused = [
        {**example, "surveys": yearly({2010 + i: 0.1 for i in range(11)})},
        {**example, "interventions": [{"id": "kivaa"}]},
        {**example, "interventions": [{"id": "kiva", "since": 1989}]},
        {**example, "lang": "de"},
    ]
    for body in refused:
        assert not schema.is_valid(body)
        assert post_monitor(client, body).status_code == 422
