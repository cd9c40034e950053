"""The reference page at `/`: the questionnaire, the plan, comparing, the language switch."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import run_axe, serious
from .test_widget import FOUND, open_reference_page, search

pytestmark = pytest.mark.browser


def fill_questionnaire(page: Page) -> dict[str, object]:
    """A primary school worried about (online) bullying that already runs Taakspel."""
    page.get_by_label("Schooltype").select_option("po")
    page.get_by_label("Van", exact=True).fill("8")
    page.get_by_label("Tot en met").fill("12")
    page.locator("#q-concerns-bullying").check()
    page.locator("#q-concerns-cyberbullying").check()
    page.get_by_text("Wat doet de school al?").click()
    page.locator("#q-current-taakspel").check()
    with page.expect_request(lambda r: r.url.endswith("/v1/match")) as sent:
        page.get_by_role("button", name="Toon wat past").click()
    body: dict[str, object] = json.loads(sent.value.post_data or "{}")
    return body


def test_the_questionnaire_shows_a_plan_on_three_levels_with_explanations(
    page: Page, api_base: str, axe_source: str
) -> None:
    open_reference_page(page, api_base)
    profile = fill_questionnaire(page)
    assert profile == {"school_type": "po", "lang": "nl", "ages": {"min": 8, "max": 12},
                       "concerns": ["bullying", "cyberbullying"],
                       "current_interventions": ["taakspel"]}
    status = page.locator("#match-status")
    expect(status).to_have_text(re.compile(r"^Klaar: \d+ passende interventies?"))
    expect(page.get_by_role("heading", name="Uw plan op drie niveaus")).to_be_focused()
    plan = page.locator(".plan")
    for level, label in (("individual", "Individu"), ("class", "Groep / klas"),
                         ("school", "School")):
        card = plan.locator(f"[data-level={level}]")
        expect(card.locator("h4")).to_have_text(label)
        # Either interventions with what they do and why, or why nothing fits.
        picks = card.locator("li")
        if picks.count():
            expect(picks.first.locator(".why")).not_to_be_empty()
        else:
            expect(card.locator(".none")).not_to_be_empty()
    # The school's current intervention is in the plan, marked as such.
    expect(plan.locator("li", has_text="Taakspel").first.locator(".tag")).to_have_text(
        "al in gebruik")
    # Ranked matches, each with its explanations.
    matches = page.locator(".matches > li")
    assert matches.count() >= 3
    for index in range(matches.count()):
        expect(matches.nth(index).locator(".fit li").first).not_to_be_empty()
        # The verdict on each of the school's concerns, before the rating.
        expect(matches.nth(index).locator(".effect")).to_have_count(2)
    expect(matches.first.locator(".effect").first).to_have_text(re.compile(r"op pesten"))
    problems = serious(run_axe(page, axe_source))
    assert not problems, "\n".join(problems)
    # A match opens its detail in the widget.
    first = matches.first.locator(".match-name").inner_text()
    matches.first.get_by_role("button").click()
    expect(page.locator("#widget").get_by_role("heading", level=2, name=first)).to_be_focused()


def test_a_bad_answer_is_reported_next_to_the_form(page: Page, api_base: str) -> None:
    open_reference_page(page, api_base)
    page.get_by_label("Schooltype").select_option("po")
    page.get_by_label("Van", exact=True).fill("12")
    page.get_by_label("Tot en met").fill("40")  # pupils are at most 30 here
    page.get_by_role("button", name="Toon wat past").click()
    alert = page.locator(".errors[role=alert]")
    expect(alert).to_contain_text("ages")
    expect(page.locator(".plan")).to_have_count(0)


def test_the_plan_downloads_as_markdown(page: Page, api_base: str) -> None:
    open_reference_page(page, api_base)
    fill_questionnaire(page)
    expect(page.locator(".plan")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Download het plan")).click()
    text = download.value.path().read_text()
    assert text.startswith("#") and "Taakspel" in text


def test_switching_to_english_relabels_the_page_the_widget_and_the_form(
    page: Page, api_base: str
) -> None:
    widget = open_reference_page(page, api_base)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which anti-bullying approach fits our school?")
    expect(widget.locator(".status")).to_have_text(re.compile(r"^\d+ interventions? found$"))
    expect(widget.get_by_role("searchbox", name="Search for an intervention")).to_be_visible()
    expect(page.get_by_label("School type")).to_be_visible()
    assert "lang=en" in page.url


def test_pick_results_and_open_the_comparison(page: Page, api_base: str,
                                              axe_source: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "pesten")
    boxes = widget.locator(".results .compare-toggle input")
    names = widget.locator(".results .open").all_inner_texts()[:5]
    for index in range(4):
        boxes.nth(index).check()
    # A fifth is refused (it stays focusable, marked aria-disabled), and the page says why.
    expect(boxes.nth(4)).to_have_attribute("aria-disabled", "true")
    boxes.nth(4).focus()
    page.keyboard.press("Space")
    expect(boxes.nth(4)).not_to_be_checked()
    expect(widget.locator(".compare-bar")).to_contain_text("maximaal 4")
    with page.expect_response(lambda r: "/v1/compare?" in r.url) as answered:
        widget.get_by_role("button", name="Open de vergelijking").click()
    assert answered.value.ok
    expect(widget.get_by_role("heading", level=2, name="Vergelijking")).to_be_focused()
    headers = widget.locator(".comparison-table thead th").all_inner_texts()
    assert headers == names[:4]
    # Rows from the API, grouped by section, with the evidence side by side.
    expect(widget.locator(".comparison-table")).to_contain_text("Erkenningen en oordelen")
    problems = serious(run_axe(page, axe_source))
    assert not problems, "\n".join(problems)
    # A school size asks the API for the cost on one basis again.
    widget.get_by_label(re.compile("Aantal leerlingen")).fill("300")
    with page.expect_response(lambda r: "/v1/compare?" in r.url and "pupils=300" in r.url):
        widget.get_by_role("button", name="Herbereken").click()
    expect(widget.locator(".comparison-table")).to_contain_text("Geschat per leerling per jaar")
    page.keyboard.press("Escape")
    expect(widget.get_by_role("button", name="Open de vergelijking")).to_be_focused()
    expect(widget.locator(".status")).to_have_text(FOUND)
