"""<interventions-plan> against the real `POST /v1/plan` (and the monitor inside it):
questionnaire → plan → warnings visible → Word download → monitor chart, on a desktop and
a 390 px screen, with axe-core; the plan in the address; printing; the API's field errors.

The plan and the monitor are built on their own branches; until both are in this
checkout's app, this module is skipped (by a check of the app's routes, not blanket).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import app_has_route, run_axe, serious
from .test_reference_page import PLAN_READY, fill_questionnaire, open_page, send

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (app_has_route("/v1/plan") and app_has_route("/v1/monitor")),
                       reason="POST /v1/plan or POST /v1/monitor is not in this app yet"),
]

SECTIONS = ["approach", "norms", "skills", "interventions", "law"]


def make_plan(page: Page, api_base: str) -> Locator:
    _, plan = open_page(page, api_base)
    fill_questionnaire(page, plan)
    with page.expect_response(lambda r: r.url.endswith("/v1/plan")) as answered:
        send(page, plan)
    assert answered.value.status == 200, answered.value.text()[:500]
    expect(plan.locator(".status")).to_have_text(PLAN_READY)
    expect(plan.locator(".plan-view h3")).to_be_focused()
    return plan


@pytest.mark.parametrize("width", [1280, 390])
def test_questionnaire_to_plan_with_warnings_word_and_the_monitor_chart(
    browser: Browser, api_base: str, axe_source: str, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL",
                                  accept_downloads=True)
    try:
        page = context.new_page()
        plan = make_plan(page, api_base)
        view = plan.locator(".plan-view")
        sections = view.locator(".doc-section").evaluate_all(
            "els => els.map(e => e.dataset.section)")
        assert set(SECTIONS) <= set(sections), sections
        # Kanjertraining, which the school runs, with its verdict and its warnings as text.
        card = view.locator(".card[data-id=kanjertraining]")
        expect(card.locator(".tag")).to_have_text("al in gebruik")
        expect(card.locator(".effect-label.verdict-no_effect")).to_be_visible()
        expect(card.locator(".mark[data-concern=bullying]")).to_have_attribute(
            "data-verdict", "no_effect")
        # What the studies found about its concern is said on the card, in words: as a
        # warning or as the advice for a programme the school already runs.
        honest = card.locator(".warning, .advice").filter(has_text=re.compile("geen effect", re.I))
        expect(honest.first).to_be_visible()
        # Who offers it and what it costs, as the catalogue has them.
        expect(card).to_contain_text("Aanbieder: Instituut voor Kanjertraining")
        expect(card).to_contain_text("Prijs: op aanvraag")
        # No warning box is empty (plan warnings used to be shown as empty "Let op:" boxes).
        warnings = view.locator(".warning")
        for index in range(warnings.count()):
            expect(warnings.nth(index)).to_be_visible()
            text = warnings.nth(index).inner_text()
            assert re.sub(r"^(Let op:?)\s*", "", text).strip(), "an empty warning box"
        expect(view.locator(".placeholder").first).to_contain_text("In te vullen")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert "score" not in view.inner_text().lower()
        # Word: the download is a .docx that python-docx opens, with the plan in it.
        with page.expect_download() as download:
            view.get_by_role("button", name="Download als Word").click()
        assert download.value.suggested_filename.endswith(".docx")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        import docx  # python-docx: a dependency of the plan's DOCX rendering

        text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
        assert view.locator("h3").inner_text() in text
        assert "Kanjertraining" in text
        # The monitor: a chart per indicator, an SVG with the three years as points.
        chart = view.locator("figure.chart svg").first
        expect(chart).to_be_visible()
        points = chart.evaluate(
            """svg => svg.querySelectorAll('circle').length
                + [...svg.querySelectorAll('polyline')].reduce((n, p) =>
                    n + (p.getAttribute('points') || '').trim().split(/\\s+/).length, 0)""")
        assert points >= 3, points
        problems = serious(run_axe(page, axe_source))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_a_plan_is_in_the_address_a_reload_reopens_it_and_back_returns(
    page: Page, api_base: str
) -> None:
    plan = make_plan(page, api_base)
    title = plan.locator(".plan-view h3").inner_text()
    assert re.search(r"#plan=[A-Za-z0-9_-]+$", page.url), page.url
    page.reload()
    expect(plan.locator(".plan-view h3")).to_have_text(title)
    expect(plan.get_by_label("Van groep")).to_have_value("5")
    page.go_back()
    expect(plan.locator(".plan-view")).to_have_count(0)
    assert "#" not in page.url
    page.go_forward()
    expect(plan.locator(".plan-view h3")).to_have_text(title)
    # A card's link opens the programme's detail in the search widget; back returns.
    plan.get_by_role("link", name="Meer over Kanjertraining").click()
    widget = page.locator("#widget")
    expect(widget.get_by_role("heading", level=2, name="Kanjertraining")).to_be_visible()
    page.go_back()
    expect(widget.locator(".detail")).to_have_count(0)
    expect(plan.locator(".plan-view h3")).to_have_text(title)


def test_printing_a_plan_prints_the_plan_alone(page: Page, api_base: str) -> None:
    plan = make_plan(page, api_base)
    page.emulate_media(media="print")
    for hidden in (page.locator(".site-header"), page.locator("#search-block"),
                   plan.locator("form"), plan.get_by_role("button", name="Download als Word")):
        expect(hidden).to_be_hidden()
    expect(plan.locator(".plan-view")).to_be_visible()
    expect(plan.locator(".card").first).to_be_visible()


def test_a_field_the_api_refuses_is_marked_with_its_dutch_message(page: Page,
                                                                  api_base: str) -> None:
    """A form older than the catalogue: an option the API no longer knows."""
    _, plan = open_page(page, api_base)
    plan.get_by_label("Schooltype").select_option("po")
    concept = plan.get_by_label("Onderwijsconcept of visie")
    concept.evaluate("""el => { el.append(new Option('Verdwenen concept', 'gone-concept'));
                               el.value = 'gone-concept';
                               el.dispatchEvent(new Event('change')); }""")
    with page.expect_response(lambda r: r.url.endswith("/v1/plan")) as answered:
        send(page, plan)
    assert answered.value.status == 422
    problem = json.loads(answered.value.text())
    error = next(e for e in problem["errors"] if e["field"].endswith("school_concept"))
    expect(concept).to_have_attribute("aria-invalid", "true")
    message = concept.evaluate(
        "el => el.getRootNode().getElementById(el.getAttribute('aria-describedby')).textContent")
    assert message == error["message"]
    assert not re.search(r"\b(unknown|should|input)\b", message, re.IGNORECASE), message
    expect(plan.locator(".errors")).to_be_focused()


def test_switching_language_asks_for_the_same_plan_in_english(page: Page,
                                                              api_base: str) -> None:
    plan = make_plan(page, api_base)
    length = page.evaluate("history.length")
    with page.expect_request(lambda r: r.url.endswith("/v1/plan")) as sent:
        page.get_by_role("button", name="English").click()
    assert json.loads(sent.value.post_data or "{}")["lang"] == "en"
    expect(plan.locator(".status")).to_have_text("The plan is ready.")
    expect(plan.get_by_role("button", name="Download as Word")).to_be_visible()
    expect(plan.get_by_label("From groep")).to_have_value("5")
    # The same view in another language: the address changes, the history does not grow.
    assert page.evaluate("history.length") == length
    assert re.search(r"lang=en#plan=", page.url), page.url
