"""/docs renders the whole API in Swagger UI with every other host unreachable: its files
come from the API itself, and its CSP is kept."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def test_docs_render_the_operations_without_internet(page: Page, api_base: str) -> None:
    refused: list[str] = []
    violations: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_local)
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    response = page.goto(f"{api_base}/docs")
    assert response is not None and response.ok
    operations = page.locator(".opblock")
    operations.first.wait_for()
    paths = operations.locator(".opblock-summary-path").all_inner_texts()
    assert "/v1/interventions" in paths and "/v1/match" in paths and "/v1/compare" in paths
    assert page.locator(".info .title").inner_text().startswith("Interventions API")
    page.locator(".opblock-summary-path", has_text="/v1/compare").first.click()
    page.locator(".parameters").first.wait_for()  # an operation opens: the script runs
    assert refused == [], "the page asked another host"
    assert violations == []
