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
PLAN_WIDGET = "/widget/v1/interventions-plan.js"
WEB_SCRIPTS = sorted([*WIDGET_DIR.glob("*.js"),
                      *(WIDGET_DIR.parent.parent / "reference").glob("*.js")])
PARTNER = "https://partner.example"


def test_the_reference_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f'src="{WIDGET}"' in response.text
    assert f'src="{PLAN_WIDGET}"' in response.text
    assert "<interventions-plan" in response.text and "questionnaire" not in response.text
    assert client.head("/").status_code == 200
    for asset in ("/reference/page.css", "/reference/page.js"):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("path", [WIDGET, PLAN_WIDGET, "/widget/v1/common.js"])
def test_the_widgets_are_javascript_modules_any_origin_may_load(client: TestClient,
                                                                path: str) -> None:
    response = client.get(path, headers={"Origin": PARTNER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "ETag" in response.headers or "etag" in response.headers
    assert response.text == (WIDGET_DIR / path.rsplit("/", 1)[1]).read_text()
    # No build step: the only import is the shared module next to it, by a relative path
    # (so it comes from the same API, under the same CORS rule).
    imports = re.findall(r'^\s*import\b[^;]*?from\s+"([^"]+)"', response.text,
                         re.MULTILINE | re.DOTALL)
    assert set(imports) <= {"./common.js"}, imports


def test_the_search_widget_does_not_probe_the_openapi_document() -> None:
    """/v1/compare is part of API v1, which serves the widget v1: no capability request."""
    for source in WEB_SCRIPTS:
        assert "openapi.json" not in source.read_text() or source.name == "docs.js", source


@pytest.mark.parametrize("source", WEB_SCRIPTS, ids=lambda p: p.name)
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
