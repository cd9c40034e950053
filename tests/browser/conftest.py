"""Fixtures for the browser tests: a live API, headless Chromium (Debian's), axe-core.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright for Python (the browser
Playwright would download is never used). Without it the tests skip, except in CI
(``CI=true``), where a missing browser is an error. Playwright is a dev dependency;
axe-core comes from npm: ``npm ci --prefix tests/browser``.

Every test leaves a full-page screenshot in ``test-artifacts/`` (git-ignored), so a
failing run can be inspected.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from interventions_api.settings import PROJECT_ROOT

from .live_server import api_server

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI") == "true"


def app_has_route(path: str) -> bool:
    """Whether this checkout's app serves ``path`` (tests of routes built on other
    branches are skipped until they are merged, by this check, never blanket)."""
    from interventions_api.api.routes import ROUTERS

    return any(getattr(route, "path", None) == path for router in ROUTERS
               for route in router.routes)



@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install -y chromium chromium-driver)"
        if IN_CI:
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def api_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real API on the real catalogue, in its own process, on a free port."""
    with api_server(tmp_path_factory.mktemp("live-api")) as base:
        yield base


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page; fails the test on an uncaught script error; screenshots at the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not errors, f"uncaught script errors in the page: {errors}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser`")
    return AXE_JS.read_text()


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core on the page (shadow DOM included), WCAG 2.0/2.1 A and AA rules."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as an inline <script>: the page's CSP refuses inline script.
        page.evaluate(axe_source)
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations']})"""
    )
    return list(result["violations"])


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node.get("target")) for node in v["nodes"][:5])
        for v in violations if v.get("impact") in ("serious", "critical")
    ]
