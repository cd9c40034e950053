"""POST /v1/plan: every format by Accept, the OpenAPI example that works as it stands,
and the errors of the request as problem+json."""

from __future__ import annotations

import copy
import io
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from interventions_api.api.routes.plan import PLAN_EXAMPLE

from .helpers import DOCX, FORMATS, HTML, JSON, MARKDOWN, post_plan

SMALL = {"school_type": "po", "concerns": ["bullying"]}


def _example(client: TestClient) -> tuple[dict[str, Any], dict[str, Any]]:
    operation = client.get("/openapi.json").json()["paths"]["/v1/plan"]["post"]
    return operation, operation["requestBody"]["content"]["application/json"]["example"]


def test_the_openapi_example_works_as_it_stands_in_every_format(client: TestClient) -> None:
    operation, example = _example(client)
    assert example == PLAN_EXAMPLE
    # Three years of monitor results, and since when the programme in use runs.
    assert len(example["earlier_surveys"]) == 2 and example["monitor"]
    assert set(example["in_use_since"]) <= set(example["current_interventions"])
    assert set(operation["responses"]["200"]["content"]) == set(FORMATS)
    for media in FORMATS:
        response = post_plan(client, example, accept=media)
        assert response.status_code == 200, (media, response.text)
        assert response.headers["content-type"].startswith(media)
        assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(("accept", "media"), [
    (None, JSON), ("*/*", JSON), ("application/json", JSON), ("text/markdown", MARKDOWN),
    ("text/html", HTML), ("text/html;q=0.5, text/markdown", MARKDOWN),
    (f"{DOCX}, application/json;q=0.9", DOCX), ("text/*", MARKDOWN),
    ("text/html, application/xhtml+xml, */*;q=0.8", HTML)])
def test_accept_chooses_the_format(client: TestClient, accept: str | None, media: str) -> None:
    response = post_plan(client, SMALL, accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_the_word_file_is_an_attachment_that_opens(client: TestClient) -> None:
    response = post_plan(client, SMALL, accept=DOCX)
    assert response.headers["content-disposition"] == (
        'attachment; filename="veiligheidsplan-sociale-veiligheid.docx"')
    assert docx.Document(io.BytesIO(response.content)).paragraphs


@pytest.mark.parametrize("accept", ["image/png", "application/pdf", "text/markdown;q=0"])
def test_an_accept_that_names_no_format_is_a_406_problem(client: TestClient,
                                                        accept: str) -> None:
    response = post_plan(client, SMALL, accept=accept)
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("/not-acceptable")


def test_bodies_are_read_like_the_match_s(client: TestClient) -> None:
    response = client.post("/v1/plan", content=b"school_type=po",
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    response = post_plan(client, '{"school_type": "po", "x": "' + "a" * 70_000 + '"}')
    assert response.status_code == 413


def _errors(client: TestClient, body: dict[str, Any], accept: str = DOCX) -> dict[str, Any]:
    response = post_plan(client, body, accept=accept)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return {e["field"]: e for e in response.json()["errors"]}


def test_an_earlier_survey_must_come_before_the_monitor(client: TestClient) -> None:
    body = copy.deepcopy(PLAN_EXAMPLE)
    body["earlier_surveys"][1]["year"] = body["monitor"]["year"]
    errors = _errors(client, body)
    assert set(errors) == {"earlier_surveys.1.year"}
    assert errors["earlier_surveys.1.year"]["value"] == body["monitor"]["year"]


def test_earlier_surveys_need_the_monitor_and_each_year_once(client: TestClient) -> None:
    body = copy.deepcopy(PLAN_EXAMPLE)
    body["earlier_surveys"][1]["year"] = body["earlier_surveys"][0]["year"]
    assert set(_errors(client, body)) == {"earlier_surveys.1.year"}
    del body["monitor"]
    assert "earlier_surveys" in _errors(client, body, accept=MARKDOWN)


def test_in_use_since_only_for_current_interventions(client: TestClient) -> None:
    body = {**PLAN_EXAMPLE, "in_use_since": {"kanjertraining": 2019, "kiva": 2022}}
    errors = _errors(client, body, accept=HTML)
    assert set(errors) == {"in_use_since.kiva"}
    assert errors["in_use_since.kiva"]["allowed"] == ["kanjertraining"]
    unknown = _errors(client, {**PLAN_EXAMPLE, "in_use_since": {"no-such-programme": 2020}})
    assert any(field.startswith("in_use_since") for field in unknown)


def test_structure_errors_name_their_fields_too(client: TestClient) -> None:
    body = copy.deepcopy(PLAN_EXAMPLE)
    body["earlier_surveys"][0]["results"][0]["share"] = 2
    body["in_use_since"] = {"kanjertraining": "2019"}
    errors = _errors(client, body)
    assert "earlier_surveys.0.results.0.share" in errors
    assert any(field.startswith("in_use_since") for field in errors)


def test_the_body_schema_says_what_the_service_checks(client: TestClient) -> None:
    operation, _ = _example(client)
    properties = operation["requestBody"]["content"]["application/json"]["schema"][
        "properties"]
    assert properties["in_use_since"]["additionalProperties"] == {
        "type": "integer", "minimum": 1990, "maximum": 2100}
    assert properties["earlier_surveys"]["maxItems"] == 9
    year = properties["earlier_surveys"]["items"]["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (2000, 2100)
