"""A partner's page on another origin embeds the widget with the two-line snippet."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .live_server import api_server, static_site
from .test_widget import FOUND, search, search_params

pytestmark = pytest.mark.browser

# The partner's own CSS tries to restyle everything; none of it may reach the widget, and
# the widget's classes (.results, .badge) must not restyle the partner's elements.
PARTNER_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Partner</title>
{head}
<link rel="icon" href="data:,">
<style>
  p, button, h3, li {{ color: rgb(255, 0, 0) !important; font-family: serif; }}
  .results, .badge {{ color: rgb(0, 128, 0); }}
  interventions-search {{ --interventions-color-accent: rgb(106, 27, 154); }}
</style></head>
<body><main>
<h1>Partner</h1>
<p class="badge" id="partner-badge">partner text</p>
<script type="module" src="{api}/widget/v1/interventions-search.js"></script>
<interventions-search {attributes}></interventions-search>
</main></body></html>
"""


def write_page(site: Path, name: str, api: str, attributes: str = "", lang: str = "nl",
               head: str = "") -> None:
    (site / name).write_text(PARTNER_PAGE.format(api=api, attributes=attributes, lang=lang,
                                                 head=head))


@pytest.fixture(scope="module")
def partner(tmp_path_factory: pytest.TempPathFactory, api_base: str) -> Iterator[str]:
    site = tmp_path_factory.mktemp("partner-site")
    write_page(site, "embed.html", api_base, 'lang="nl"')
    write_page(site, "embed-en-vo.html", api_base,
               f'api-base="{api_base}" lang="en" school-type="vo" page-size="3"', lang="en")
    # A strict policy: scripts and data only from the API, no inline styles or scripts.
    csp = (f"default-src 'none'; script-src {api_base}; connect-src {api_base}; "
           "style-src 'self'; img-src data:")
    write_page(site, "embed-csp.html", api_base, 'lang="nl"',
               head=f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
    with static_site(site) as origin:
        yield origin


def test_the_snippet_on_another_origin_gets_results(page: Page, api_base: str,
                                                    partner: str) -> None:
    assert partner.rsplit(":", 1)[1] != api_base.rsplit(":", 1)[1]
    with page.expect_response(lambda r: r.url.startswith(f"{api_base}/v1/interventions?")) as first:
        page.goto(f"{partner}/embed.html")
    response = first.value
    assert response.request.all_headers().get("origin") == partner
    assert response.headers.get("access-control-allow-origin") in ("*", partner)
    widget = page.locator("interventions-search")
    total = search(page, widget, "kiva")
    assert total >= 1
    expect(widget.locator(".results .open").first).to_have_text("KiVa")
    # The detail loads cross-origin too.
    widget.locator(".results .open").first.click()
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_focused()


def test_no_css_leaks_in_either_direction_and_custom_properties_theme_it(
    page: Page, partner: str
) -> None:
    page.goto(f"{partner}/embed.html")
    widget = page.locator("interventions-search")
    expect(widget.locator(".status")).to_have_text(FOUND)

    def color(locator_js: str) -> str:
        return str(page.evaluate(f"getComputedStyle({locator_js}).color"))

    shadow = "document.querySelector('interventions-search').shadowRoot"
    assert color(f"{shadow}.querySelector('.status')") != "rgb(255, 0, 0)"
    assert color(f"{shadow}.querySelector('.results h3')") != "rgb(255, 0, 0)"
    # Outside, the partner's .badge keeps the partner's colour (red, !important wins anyway)
    # and the widget's badge styles (a border, a pill) do not apply to it.
    border = page.evaluate("getComputedStyle(document.getElementById('partner-badge'))"
                           ".borderTopStyle")
    assert border == "none"
    # The theme variable set on the element reaches the result titles.
    assert color(f"{shadow}.querySelector('.results .open')") == "rgb(106, 27, 154)"


def test_it_works_under_a_strict_content_security_policy(page: Page, partner: str) -> None:
    """Only script-src and connect-src need the API; styles need no 'unsafe-inline'."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text and "interventions-search" in m.text else None)
    page.goto(f"{partner}/embed-csp.html")
    widget = page.locator("interventions-search")
    total = search(page, widget, "kiva")
    assert total >= 1
    # Styled: the title button has the widget's accent colour, not the browser's default.
    title = widget.locator(".results .open").first
    assert title.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    assert title.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert not violations, violations


def test_attributes_fix_filters_language_and_page_size(page: Page, api_base: str,
                                                      partner: str) -> None:
    requests: list[dict[str, list[str]]] = []
    page.on("request", lambda r: requests.append(search_params(r.url))
            if r.url.startswith(f"{api_base}/v1/interventions?") else None)
    page.goto(f"{partner}/embed-en-vo.html")
    widget = page.locator("interventions-search")
    status = widget.locator(".status")
    expect(status).to_have_text(re.compile(r"^\d+ interventions? found$"))
    expect(widget.get_by_role("searchbox", name="Search for an intervention")).to_be_visible()
    expect(widget.locator(".fixed")).to_have_text("Fixed selection: Secondary education")
    # The fixed filter is not offered as a facet.
    expect(widget.locator("legend", has_text="School type")).to_have_count(0)
    expect(widget.locator(".results .result")).to_have_count(3)
    for meta in widget.locator(".results .meta").all_inner_texts():
        assert "Secondary education" in meta
    assert requests and all(r.get("school_type") == ["vo"] and r.get("per_page") == ["3"]
                            and r.get("lang") == ["en"] for r in requests)


def test_match_preflight_from_another_origin(page: Page, api_base: str, partner: str) -> None:
    page.goto(f"{partner}/embed.html")
    answer = page.evaluate(
        """async (api) => {
            const r = await fetch(api + '/v1/match', {method: 'POST',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                body: JSON.stringify({school_type: 'po', concerns: ['bullying'], limit: 2})});
            return {status: r.status, body: await r.json()};
        }""",
        api_base,
    )
    assert answer["status"] == 200, json.dumps(answer)[:500]
    assert len(answer["body"]["matches"]) == 2
    assert set(answer["body"]["plan"]) == {"individual", "class", "school"}


def test_configured_origins_are_served_and_others_refused(
    page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """With `cors_origins` set, only those origins get data; the widget script loads anyway."""
    workdir = tmp_path_factory.mktemp("strict-api")
    allowed_site = tmp_path_factory.mktemp("allowed-site")
    other_site = tmp_path_factory.mktemp("other-site")
    with static_site(allowed_site) as allowed, static_site(other_site) as other, \
            api_server(workdir, cors_origins=json.dumps([allowed])) as api:
        write_page(allowed_site, "embed.html", api)
        write_page(other_site, "embed.html", api)
        page.goto(f"{allowed}/embed.html")
        widget = page.locator("interventions-search")
        expect(widget.locator(".status")).to_have_text(FOUND)
        page.goto(f"{other}/embed.html")
        widget = page.locator("interventions-search")
        # The module loaded (the element renders), but the data is refused.
        expect(widget.locator(".status")).to_have_text(
            "De zoekdienst is niet bereikbaar. Probeer het later opnieuw.")


PLAN_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Partner</title>
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="data:,"></head>
<body><main><h1>Ons veiligheidsplan</h1>
<script type="module" src="{api}/widget/v1/interventions-plan.js"></script>
<interventions-plan lang="nl"></interventions-plan>
</main></body></html>
"""


def test_the_plan_component_embeds_on_another_origin_under_a_strict_policy(
    page: Page, api_base: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Its shared module comes along from the API; the questions and the picker work."""
    site = tmp_path_factory.mktemp("plan-partner")
    csp = (f"default-src 'none'; script-src {api_base}; connect-src {api_base}; "
           "style-src 'self'; img-src data:")
    (site / "plan.html").write_text(PLAN_PAGE.format(api=api_base, csp=csp))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    with static_site(site) as origin:
        page.goto(f"{origin}/plan.html")
        plan = page.locator("interventions-plan")
        plan.get_by_label("Schooltype").select_option("vo")
        expect(plan.get_by_label("Van leerjaar")).to_be_visible()
        box = plan.get_by_role("combobox", name="Welke programma's gebruikt de school al?")
        with page.expect_response(lambda r: r.url.startswith(f"{api_base}/v1/interventions?")):
            box.press_sequentially("kiva", delay=20)
        plan.get_by_role("option", name="KiVa", exact=True).click()
        expect(plan.locator(".chosen .name")).to_have_text(["KiVa"])
        # Styled by its constructed sheet: the submit button has the accent colour.
        submit = plan.get_by_role("button", name="Maak ons plan")
        assert submit.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 92, 173)"
    assert not violations, violations
