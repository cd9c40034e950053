"""Every error is application/problem+json with one shape (RFC 9457)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from tests.conftest import make_settings

PROBLEM_KEYS = {"type", "title", "status", "detail"}
OPTIONAL_KEYS = {"instance", "errors"}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | OPTIONAL_KEYS
    assert body["status"] == status
    assert body["type"].startswith("/problems/")  # relative: no public URL is configured
    assert isinstance(body["title"], str) and isinstance(body["detail"], str)
    for error in body.get("errors", []):
        assert {"field", "message", "value"} <= set(error)
    return body


@pytest.mark.parametrize("url,status", [
    ("/v1/interventions/does-not-exist", 404),
    ("/v1/no-such-route", 404),
    ("/v1/interventions?theme=nonsense", 422),
    ("/v1/interventions?per_page=0", 422),
    ("/v1/interventions?per_page=101", 422),
    ("/v1/interventions?page=0", 422),
    ("/v1/interventions?age=abc", 422),
    ("/v1/interventions?sort=random", 422),
    ("/v1/interventions?min_evidence=excellent", 422),
    ("/v1/interventions?min_evidence=", 422),  # empty is not a level (the schema's enum)
    ("/v1/interventions?effect_on=", 422),
    ("/v1/interventions?facets=colour", 422),
    ("/v1/interventions?lang=fr", 422),
    ("/v1/interventions?q=" + "x" * 201, 422),
])
def test_error_shape(client: TestClient, url: str, status: int) -> None:
    assert_problem(client.get(url), status)


def test_method_not_allowed_is_a_problem(client: TestClient) -> None:
    assert_problem(client.delete("/v1/interventions"), 405)


def test_unknown_vocabulary_key_lists_the_allowed_keys(client: TestClient, real_catalogue) -> None:
    body = assert_problem(client.get("/v1/interventions?theme=nonsense&theme=bullying"), 422)
    [error] = body["errors"]
    assert error["field"] == "theme" and error["value"] == "nonsense"
    assert error["allowed"] == sorted(real_catalogue.vocabularies.themes)
    assert "nonsense" in body["detail"]


def test_every_bad_parameter_is_named(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/interventions?theme=x&level=y&school_type=z"), 422)
    assert sorted(e["field"] for e in body["errors"]) == ["level", "school_type", "theme"]


def test_no_database_is_a_503_problem(tmp_path) -> None:
    with TestClient(create_app(make_settings(tmp_path / "missing.db"))) as client:
        body = assert_problem(client.get("/v1/interventions"), 503)
        assert "interventions load" in body["detail"]
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200


def test_problem_types_are_documented_where_type_points(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/interventions?theme=nonsense"), 422)
    path = body["type"]
    described = client.get(path).json()
    assert described["status"] == 422 and described["title"] == body["title"]
    assert assert_problem(client.get("/problems/no-such-type"), 404)
