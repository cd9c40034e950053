"""What a hostile or sloppy client cannot get the API to do: reflect its Host header,
run inline script, sniff a type, send a body that is not JSON; and HEAD works wherever
GET does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from tests.conftest import make_settings

PROFILE = {"school_type": "po"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/v1/interventions",
                                  "/v1/interventions/kiva", "/v1/catalogue",
                                  "/v1/vocabularies", "/problems", "/openapi.json", "/",
                                  "/docs"])
def test_head_answers_as_get_without_a_body(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_the_host_header_is_never_reflected(client: TestClient) -> None:
    evil = {"Host": "evil.example"}
    problem = client.get("/v1/interventions?theme=nonsense", headers=evil).json()
    links = client.get("/v1/interventions?per_page=1", headers=evil).json()["links"]
    assert "evil" not in problem["type"] and problem["type"] == "/problems/invalid-input"
    assert "evil" not in str(links) and links["next"].startswith("/v1/interventions?")
    # No redirect to the path without the slash: it would name the Host given.
    response = client.get("/v1/interventions/", headers=evil, follow_redirects=False)
    assert response.status_code == 404 and "evil" not in str(response.headers)


def test_absolute_urls_come_from_the_public_url(loaded_db: Path) -> None:
    settings = make_settings(loaded_db, public_url="https://api.example.nl")
    with TestClient(create_app(settings)) as client:
        evil = {"Host": "evil.example"}
        problem = client.get("/v1/interventions?theme=nonsense", headers=evil).json()
        links = client.get("/v1/interventions?per_page=1&page=2", headers=evil).json()["links"]
    assert problem["type"] == "https://api.example.nl/problems/invalid-input"
    assert links["self"] == "https://api.example.nl/v1/interventions?per_page=1&page=2"
    assert links["prev"].startswith("https://api.example.nl/v1/interventions?")


@pytest.mark.parametrize("path", ["/healthz", "/v1/interventions", "/openapi.json", "/",
                                  "/widget/v1/interventions-search.js", "/nowhere"])
def test_nosniff_everywhere(client: TestClient, path: str) -> None:
    assert client.get(path).headers["x-content-type-options"] == "nosniff"


def test_html_pages_have_a_content_security_policy(client: TestClient) -> None:
    page = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in page and "unsafe-inline" not in page.split("style-src")[0]
    docs = client.get("/docs")
    assert docs.headers["content-security-policy"] == page  # no other site, not even a CDN
    assert "<script>" not in docs.text  # no inline script for the CSP to allow


def test_docs_load_swagger_ui_from_the_api_itself(client: TestClient) -> None:
    html = client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/docs/assets/swagger-ui-bundle.js" in sources
    assert "/docs/assets/swagger-ui.css" in sources
    assert all(s.startswith("/") or s.startswith("data:") for s in sources), sources
    for path, kind in [("/docs/assets/swagger-ui-bundle.js", "javascript"),
                       ("/docs/assets/swagger-ui.css", "text/css")]:
        asset = client.get(path)
        assert asset.status_code == 200 and kind in asset.headers["content-type"]
        assert asset.headers["x-content-type-options"] == "nosniff"
        assert len(asset.content) > 100_000  # the real Swagger UI, not a stub
        head = client.head(path)
        assert head.status_code == 200 and head.content == b""
    assert client.get("/reference/docs.js").status_code == 200
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc loads from a CDN


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_a_body_that_is_not_json_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/v1/match", content=b'{"school_type": "po"}', headers=headers)
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/unsupported-media-type"
    ok = client.post("/v1/match", content=b'{"school_type": "po"}',
                     headers={"Content-Type": "application/json; charset=utf-8"})
    assert ok.status_code == 200


def test_readyz_names_no_internal_address(loaded_db: Path) -> None:
    settings = make_settings(loaded_db).model_copy(update={
        "meili_url": "http://meili.internal:1", "meili_timeout_ms": 200})
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz").json()
    assert ready["status"] == "degraded"
    assert "meili.internal" not in str(ready)


def test_levels_take_at_most_three(client: TestClient) -> None:
    body = {"school_type": "po", "levels": ["class"] * 4}
    response = client.post("/v1/match", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("levels")
