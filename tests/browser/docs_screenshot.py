"""Takes the screenshots in docs/img/ from the live components (a script, not a test).

    .venv/bin/python -m tests.browser.docs_screenshot            # writes docs/img/*.png
    .venv/bin/python -m tests.browser.docs_screenshot --out DIR  # somewhere else

Starts the API on the real catalogue like the browser tests do, and drives Debian's
Chromium with Playwright.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from interventions_api.settings import PROJECT_ROOT

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .live_server import api_server, static_site
from .test_widget import FOUND


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir, api_server(Path(workdir)) as base:
        site = Path(workdir) / "site"
        site.mkdir()
        # The snippet from docs/embedding.md, on a page of another origin.
        (site / "index.html").write_text(EMBED_PAGE.format(base=base))
        (site / "plan.html").write_text(PLAN_PAGE.format(base=base))
        with static_site(site) as partner, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 800}, locale="nl-NL")
            page.goto(f"{partner}/index.html")
            widget = page.locator("interventions-search")
            expect(widget.locator(".status")).to_have_text(FOUND)
            with page.expect_response(lambda r: "q=pesten" in r.url):
                widget.get_by_role("searchbox").press_sequentially("pesten", delay=20)
            expect(widget.locator(".status")).to_have_text(FOUND)
            widget.screenshot(path=str(args.out / "widget-search.png"))
            print(args.out / "widget-search.png")
            with page.expect_response(lambda r: "q=kiva" in r.url):
                widget.get_by_role("searchbox").fill("kiva")
            widget.locator(".results .open", has_text="KiVa").first.click()
            expect(widget.locator(".detail h2")).to_be_focused()
            page.set_viewport_size({"width": 1000, "height": 2400})
            widget.screenshot(path=str(args.out / "widget-detail.png"))
            print(args.out / "widget-detail.png")
            plan_screenshots(page, partner, args.out)
            browser.close()


def plan_screenshots(page: Page, partner: str, out: Path) -> None:
    """The questionnaire of <interventions-plan> as a school fills it in; with the API's
    POST /v1/plan, the plan it gives as well."""
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(f"{partner}/plan.html")
    plan = page.locator("interventions-plan")
    plan.get_by_label("Schooltype").select_option("po")
    plan.get_by_label("Van groep").select_option("5")
    plan.get_by_label("Tot en met groep").select_option("8")
    plan.get_by_role("checkbox", name="Pesten", exact=True).check()
    box = plan.get_by_role("combobox", name="Welke programma's gebruikt de school al?")
    with page.expect_response(lambda r: "q=kanjer" in r.url):
        box.press_sequentially("kanjer", delay=20)
    plan.get_by_role("option", name="Kanjertraining", exact=True).click()
    plan.get_by_label("Kanjertraining in gebruik sinds (jaar)").fill("2021")
    plan.get_by_text("Resultaten van de leerlingvragenlijst").click()
    for row, (year, share) in enumerate((("2024", "14"), ("2025", "11")), start=1):
        plan.get_by_role("button", name="Rij toevoegen").click()
        plan.get_by_label(f"Wat is gemeten, rij {row}").select_option("bullied")
        plan.get_by_label(f"Jaar, rij {row}").fill(year)
        plan.get_by_label(f"Aandeel leerlingen (%), rij {row}").fill(share)
    plan.evaluate("el => el.shadowRoot.activeElement && el.shadowRoot.activeElement.blur()")
    plan.locator("form").screenshot(path=str(out / "plan-questionnaire.png"))
    print(out / "plan-questionnaire.png")
    with page.expect_response(lambda r: r.url.endswith("/v1/plan")) as answered:
        plan.get_by_role("button", name="Maak ons plan").click()
    if answered.value.ok:
        expect(plan.locator(".plan-view h3")).to_be_focused()
        plan.locator(".plan-view").screenshot(path=str(out / "plan-view.png"))
        print(out / "plan-view.png")


EMBED_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Partner</title>
<link rel="icon" href="data:,">
<style>body {{ font-family: Georgia, serif; margin: 1.5rem; }}
interventions-search {{ --interventions-color-accent: #6a1b9a; }}</style></head>
<body><main>
<script type="module" src="{base}/widget/v1/interventions-search.js"></script>
<interventions-search lang="nl" page-size="3"></interventions-search>
</main></body></html>
"""

PLAN_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Partner</title>
<link rel="icon" href="data:,">
<style>body {{ font-family: Georgia, serif; margin: 1.5rem; }}</style></head>
<body><main>
<script type="module" src="{base}/widget/v1/interventions-plan.js"></script>
<interventions-plan lang="nl"></interventions-plan>
</main></body></html>
"""


if __name__ == "__main__":
    main()
