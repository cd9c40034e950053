"""The plan as a standalone HTML page in Chromium: it loads nothing from anywhere, has no
serious accessibility problems, and prints to A4."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page

from interventions_api.api.routes.plan import PLAN_EXAMPLE

from .conftest import run_axe, serious


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_saved_page_stands_alone_is_accessible_and_prints(
        page: Page, api_base: str, axe_source: str, lang: str) -> None:
    response = httpx.post(f"{api_base}/v1/plan", json={**PLAN_EXAMPLE, "lang": lang},
                          headers={"accept": "text/html"}, timeout=30)
    assert response.status_code == 200
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # As a school opens a saved file: no server behind it.
    page.set_content(response.text, wait_until="load")
    assert requests == []
    assert page.locator("html").get_attribute("lang") == lang
    assert page.get_by_role("heading", level=1).count() == 1
    assert not serious(run_axe(page, axe_source))
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 1
