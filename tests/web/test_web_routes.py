"""The reference page, the widget's files and CORS, over HTTP (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.api.routes.web import WIDGET_DIR

from ..conftest import make_settings

WIDGET = "/widget/v1/interventions-search.js"
PARTNER = "https://partner.example"


def test_the_reference_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f'src="{WIDGET}"' in response.text
    assert client.head("/").status_code == 200
    for asset in ("/reference/page.css", "/reference/questionnaire.js"):
        assert client.get(asset).status_code == 200, asset


def test_the_widget_is_one_javascript_module_any_origin_may_load(client: TestClient) -> None:
    response = client.get(WIDGET, headers={"Origin": PARTNER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "ETag" in response.headers or "etag" in response.headers
    assert response.text == (WIDGET_DIR / "interventions-search.js").read_text()
    # No imports: one file is all a partner needs (and no build step).
    assert not re.search(r"^\s*import[\s{]", response.text, re.MULTILINE)


@pytest.mark.parametrize("source", [WIDGET_DIR / "interventions-search.js",
                                    WIDGET_DIR.parent.parent / "reference" / "questionnaire.js"])
def test_the_scripts_never_parse_data_as_html(source: Path) -> None:
    text = source.read_text()
    for dangerous in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                      "new Function"):
        assert dangerous not in text, dangerous


@pytest.mark.parametrize("path", ["/widget/v1/../../api/app.py", "/widget/v1/%2e%2e/app.py",
                                  "/widget/v1/nothing.js", "/reference/../index.html"])
def test_no_file_outside_the_web_folders_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 or "create_app" not in response.text


def test_cors_preflight_for_the_match_from_any_origin_by_default(client: TestClient) -> None:
    response = client.options("/v1/match", headers={
        "Origin": PARTNER, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", PARTNER)
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


def test_configured_origins_limit_the_data_but_not_the_widget_script(loaded_db: Path) -> None:
    settings = make_settings(loaded_db, cors_origins=[PARTNER])
    with TestClient(create_app(settings)) as strict:
        allowed = strict.get("/v1/interventions", headers={"Origin": PARTNER})
        assert allowed.headers["access-control-allow-origin"] == PARTNER
        other = strict.get("/v1/interventions", headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in other.headers
        refused = strict.options("/v1/match", headers={
            "Origin": "https://other.example", "Access-Control-Request-Method": "POST"})
        assert refused.status_code == 400
        script = strict.get(WIDGET, headers={"Origin": "https://other.example"})
        assert script.headers["access-control-allow-origin"] == "*"
