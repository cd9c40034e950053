"""The reference page at `/`: the plan questionnaire, the address of an opened view, print,
the pictures (outcome marks, evidence ladder, level icons), the language switch.

What needs `POST /v1/plan` itself is in test_plan_component.py; here the questionnaire is
checked up to the request it sends, which is the same with or without that endpoint.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import app_has_route, run_axe, serious
from .test_widget import FOUND, open_reference_page, search, search_params

pytestmark = pytest.mark.browser

HAS_PLAN = app_has_route("/v1/plan")
PLAN_READY = "Het plan is klaar."
PLAN_MISSING = "Het plan is op deze server (nog) niet beschikbaar."

# Three years of the pupil survey: year, share of pupils bullied (%), the national share (%).
SURVEY = [("2023", "14", "9"), ("2024", "12,5", "9"), ("2025", "11", "8,5")]

# What the questionnaire below sends: groep 5–8 in the school's terms, the shares as
# fractions, the latest year as `monitor` and the earlier ones before it.
EXPECTED_BODY: dict[str, Any] = {
    "lang": "nl", "school_type": "po", "school_years": {"system": "groep", "min": 5, "max": 8},
    "concerns": ["bullying"], "current_interventions": ["kanjertraining"],
    "in_use_since": {"kanjertraining": 2021}, "school_size": {"pupils": 240},
    "monitor": {"year": 2025, "source": "Vensters leerlingvragenlijst",
                "results": [{"indicator": "bullied", "share": 0.11, "reference": 0.085}]},
    "earlier_surveys": [
        {"year": 2023, "source": "Vensters leerlingvragenlijst",
         "results": [{"indicator": "bullied", "share": 0.14, "reference": 0.09}]},
        {"year": 2024, "source": "Vensters leerlingvragenlijst",
         "results": [{"indicator": "bullied", "share": 0.125, "reference": 0.09}]},
    ],
}


def open_page(page: Page, api_base: str) -> tuple[Locator, Locator]:
    """The page with both components ready; returns (search widget, plan component)."""
    widget = open_reference_page(page, api_base)
    plan = page.locator("#plan")
    expect(plan.get_by_label("Schooltype")).to_be_visible()
    return widget, plan


def choose_programme(page: Page, plan: Locator, typed: str, name: str) -> None:
    box = plan.get_by_role("combobox", name="Welke programma's gebruikt de school al?")
    with page.expect_response(lambda r: "/v1/interventions?" in r.url
                              and search_params(r.url).get("q") == [typed]):
        box.press_sequentially(typed, delay=20)
    plan.get_by_role("option", name=name, exact=True).click()


def fill_questionnaire(page: Page, plan: Locator) -> None:
    """A primary school, groep 5–8, worried about bullying, running Kanjertraining since
    2021 (a Dutch trial found no effect on bullying), with three years of survey results."""
    plan.get_by_label("Schooltype").select_option("po")
    plan.get_by_label("Van groep").select_option("5")
    plan.get_by_label("Tot en met groep").select_option("8")
    plan.get_by_role("checkbox", name="Pesten", exact=True).check()
    choose_programme(page, plan, "kanjer", "Kanjertraining")
    plan.get_by_label("Kanjertraining in gebruik sinds (jaar)").fill("2021")
    plan.get_by_label("Aantal leerlingen").fill("240")
    plan.get_by_text("Resultaten van de leerlingvragenlijst").click()
    plan.get_by_label("Naam van de vragenlijst").fill("Vensters leerlingvragenlijst")
    for row, (year, share, reference) in enumerate(SURVEY, start=1):
        plan.get_by_role("button", name="Rij toevoegen").click()
        plan.get_by_label(f"Wat is gemeten, rij {row}").select_option("bullied")
        plan.get_by_label(f"Jaar, rij {row}").fill(year)
        plan.get_by_label(f"Aandeel leerlingen (%), rij {row}").fill(share)
        plan.get_by_label(f"Vergelijking, bijv. landelijk (%), rij {row}").fill(reference)


def send(page: Page, plan: Locator) -> dict[str, Any]:
    with page.expect_request(lambda r: r.url.endswith("/v1/plan") and r.method == "POST") as sent:
        plan.get_by_role("button", name="Maak ons plan").click()
    body: dict[str, Any] = json.loads(sent.value.post_data or "{}")
    return body


def error_of(control: Locator) -> str:
    """The message a control points to with aria-describedby (its field error)."""
    return str(control.evaluate(
        """el => el.getAttribute('aria-describedby').split(' ')
                 .map(id => el.getRootNode().getElementById(id))
                 .filter(n => n && n.classList.contains('field-error'))
                 .map(n => n.textContent).join(' ')"""))


def test_the_questionnaire_asks_groep_and_sends_the_school_profile(page: Page,
                                                                   api_base: str) -> None:
    _, plan = open_page(page, api_base)
    # Groep for primary schools, leerjaar for secondary ones, nothing for mbo.
    plan.get_by_label("Schooltype").select_option("vo")
    expect(plan.get_by_label("Van leerjaar").locator("option")).to_have_count(7)
    plan.get_by_label("Schooltype").select_option("mbo")
    expect(plan.locator(".school-years")).to_have_count(0)
    fill_questionnaire(page, plan)
    expect(plan.get_by_label("Van groep").locator("option")).to_have_count(9)
    assert send(page, plan) == EXPECTED_BODY
    expect(plan.locator(".status")).to_have_text(PLAN_READY if HAS_PLAN else PLAN_MISSING)


def test_the_form_checks_answers_and_says_in_dutch_on_the_field_what_is_wrong(
    page: Page, api_base: str
) -> None:
    _, plan = open_page(page, api_base)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/v1/plan") else None)
    plan.get_by_text("Resultaten van de leerlingvragenlijst").click()
    plan.get_by_role("button", name="Rij toevoegen").click()
    plan.get_by_label("Wat is gemeten, rij 1").select_option("unsafe")
    plan.get_by_label("Aandeel leerlingen (%), rij 1").fill("140")
    plan.get_by_role("button", name="Maak ons plan").click()
    summary = plan.locator(".errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Controleer deze antwoorden:")
    school_type = plan.get_by_label("Schooltype")
    expect(school_type).to_have_attribute("aria-invalid", "true")
    assert error_of(school_type) == "Kies het schooltype."
    share = plan.get_by_label("Aandeel leerlingen (%), rij 1")
    expect(share).to_have_attribute("aria-invalid", "true")
    assert error_of(share) == "Vul een percentage in van 0 tot en met 100."
    # The message stands next to its field, visibly.
    assert share.evaluate("el => el.nextElementSibling.className") == "field-error"
    expect(plan.locator(".field-error", has_text="Vul een percentage")).to_be_visible()
    # A link in the summary takes the focus to the field.
    summary.get_by_role("button", name=re.compile("Schooltype")).click()
    expect(school_type).to_be_focused()
    assert not sent, "the form was sent with wrong answers"
    # Corrected, the marks go and the request leaves.
    school_type.select_option("po")
    share.fill("14")
    send(page, plan)
    expect(plan.locator("[aria-invalid=true]")).to_have_count(0)
    expect(summary).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_questionnaire_has_no_serious_accessibility_violations(
    browser: Browser, api_base: str, axe_source: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        _, plan = open_page(page, api_base)
        fill_questionnaire(page, plan)
        plan.get_by_label("Aandeel leerlingen (%), rij 2").fill("abc")  # an error shown
        plan.get_by_role("button", name="Maak ons plan").click()
        expect(plan.locator(".field-error")).to_have_count(1)
        # Nothing sticks out sideways (the survey table scrolls inside its own box).
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        problems = serious(run_axe(page, axe_source))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_programme_picker_works_with_the_keyboard(page: Page, api_base: str) -> None:
    _, plan = open_page(page, api_base)
    box = plan.get_by_role("combobox", name="Welke programma's gebruikt de school al?")
    with page.expect_response(lambda r: search_params(r.url).get("q") == ["taakspel"]):
        box.press_sequentially("taakspel", delay=20)
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active
    name = plan.locator(f"#{active}").inner_text()
    assert name == "Taakspel"
    page.keyboard.press("Enter")
    chosen = plan.locator(".chosen li")
    expect(chosen).to_have_count(1)
    expect(chosen.locator(".name")).to_have_text("Taakspel")
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    expect(box).to_have_attribute("aria-expanded", "false")
    # Once chosen, it is not offered again.
    with page.expect_response(lambda r: search_params(r.url).get("q") == ["taakspel"]):
        box.press_sequentially("taakspel", delay=20)
    expect(plan.get_by_role("option", name="Taakspel", exact=True)).to_have_count(0)
    plan.get_by_role("button", name="Verwijder Taakspel").click()
    expect(chosen).to_have_count(0)


def test_a_plan_link_restores_the_answers_and_asks_for_that_plan(page: Page,
                                                                 api_base: str) -> None:
    encoded = base64.urlsafe_b64encode(json.dumps(EXPECTED_BODY).encode()).decode().rstrip("=")
    with page.expect_request(lambda r: r.url.endswith("/v1/plan")) as sent:
        page.goto(f"{api_base}/#plan={encoded}")
    assert json.loads(sent.value.post_data or "{}") == EXPECTED_BODY
    plan = page.locator("#plan")
    expect(plan.get_by_label("Schooltype")).to_have_value("po")
    expect(plan.get_by_label("Van groep")).to_have_value("5")
    expect(plan.get_by_label("Tot en met groep")).to_have_value("8")
    expect(plan.get_by_role("checkbox", name="Pesten", exact=True)).to_be_checked()
    expect(plan.locator(".chosen .name")).to_have_text(["Kanjertraining"])
    expect(plan.get_by_label("Kanjertraining in gebruik sinds (jaar)")).to_have_value("2021")
    expect(plan.get_by_label("Aandeel leerlingen (%), rij 2")).to_have_value("12,5")
    expect(plan.locator(".monitor-table tbody tr")).to_have_count(3)


def test_an_opened_detail_is_in_the_address_survives_a_reload_and_back_closes_it(
    page: Page, api_base: str
) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "kiva")
    widget.locator(".results .open", has_text="KiVa").click()
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_focused()
    assert page.url == f"{api_base}/#detail=kiva"
    page.reload()
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_visible()
    page.go_back()
    expect(widget.locator(".detail")).to_have_count(0)
    expect(widget.locator(".status")).to_have_text(FOUND)
    assert "#" not in page.url
    # The widget's own back button takes the view out of the address as well.
    page.go_forward()
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_visible()
    widget.get_by_role("button", name="Terug naar de resultaten").click()
    expect(widget.locator(".detail")).to_have_count(0)
    page.wait_for_url(re.compile(r"/$"))


def test_a_comparison_link_opens_it_with_marks_per_outcome(page: Page, api_base: str) -> None:
    page.goto(f"{api_base}/#compare=kiva,kanjertraining")
    widget = page.locator("#widget")
    expect(widget.get_by_role("heading", level=2, name="Vergelijking")).to_be_visible()
    assert widget.locator(".comparison-table thead th").all_inner_texts() == [
        "KiVa", "Kanjertraining"]
    # The effect on bullying as a mark: its own shape, its colour, and the API's words.
    table = widget.locator(".comparison-table")
    positive = table.locator(".mark-cell.verdict-positive", has_text="Gunstig effect op pesten")
    expect(positive.locator("svg")).to_have_count(1)
    expect(table.locator(".mark-cell.verdict-no_effect",
                         has_text="Geen effect op pesten gevonden").locator("svg")).to_have_count(1)
    # A rating's day as people write it, and a page read without a date says when it was
    # read ("zoals vermeld op …"), never an empty "()".
    nji = table.locator("tr", has=page.get_by_role(
        "rowheader", name="NJi Databank Effectieve Jeugdinterventies"))
    expect(nji).to_contain_text("(15 december 2022)")
    blueprints = table.locator("tr", has=page.get_by_role(
        "rowheader", name="Blueprints for Healthy Youth Development"))
    expect(blueprints).to_contain_text("(zoals vermeld op ")
    expect(table).not_to_contain_text("()")
    # The same for the freshness rows, which name the registry, never its key.
    latest = table.locator("tr", has=page.get_by_role("rowheader", name="Laatste oordeel",
                                                      exact=True))
    expect(latest).to_contain_text(
        "NJi Databank Effectieve Jeugdinterventies: Effectief volgens sterke aanwijzingen "
        "(15 december 2022)")
    expect(latest).not_to_contain_text("nji:")
    expect(table).not_to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    # Opened from a link, closing it takes it out of the address (there is no "back" to it).
    widget.get_by_role("button", name="Terug naar de resultaten").click()
    expect(widget.locator(".comparison")).to_have_count(0)
    assert "#" not in page.url
    # Opening it from the list puts it in the address.
    widget.get_by_role("button", name="Keuze wissen").click()
    search(page, widget, "pesten")
    boxes = widget.locator(".results .compare-toggle input")
    boxes.nth(0).check()
    boxes.nth(1).check()
    widget.get_by_role("button", name="Open de vergelijking").click()
    expect(widget.get_by_role("heading", level=2, name="Vergelijking")).to_be_focused()
    assert re.search(r"#compare=[a-z0-9-]+,[a-z0-9-]+$", page.url), page.url


def test_printing_an_opened_detail_prints_the_detail_alone(page: Page, api_base: str) -> None:
    page.goto(f"{api_base}/#detail=kiva")
    widget = page.locator("#widget")
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (page.locator(".site-header"), page.get_by_role("heading", level=1),
                   page.locator("#plan-block"), widget.get_by_role("searchbox"),
                   widget.get_by_role("button", name="Terug naar de resultaten")):
        expect(hidden).to_be_hidden()
    expect(widget.locator(".detail")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()


def test_cards_show_marks_per_outcome_and_the_levels_as_pictures(page: Page,
                                                                 api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "kanjertraining")
    card = widget.locator(".results .result").filter(
        has=page.locator(".open", has_text="Kanjertraining")).first
    bullying = card.locator(".mark[data-concern=bullying]")
    expect(bullying).to_have_attribute("data-verdict", "no_effect")
    expect(bullying).to_contain_text("Geen effect op pesten gevonden")  # for screen readers
    expect(bullying.locator("svg")).to_have_count(1)
    detail = httpx.get(f"{api_base}/v1/interventions/kanjertraining").json()
    marked = card.locator(".mark").evaluate_all("els => els.map(e => e.dataset.concern)")
    assert marked[0] == "bullying" and set(marked) == {"bullying", *detail["themes"]}
    for mark, concern in zip(card.locator(".mark").all(), marked, strict=True):
        expect(mark).to_have_attribute("data-verdict", detail["effects"][concern]["verdict"])
    # What the shapes mean, once above the list.
    expect(widget.locator(".marks-legend")).to_have_count(1)
    expect(widget.locator(".marks-legend")).to_contain_text("niet onderzocht")
    # A picture per level, each with its name.
    levels = card.locator(".levels-line .level-with-icon")
    expect(levels).to_have_text(["Individu", "Groep / klas", "School"])
    for level in levels.all():
        expect(level.locator("svg[aria-hidden=true]")).to_have_count(1)


def test_the_evidence_ladder_shows_the_apis_levels_and_marks_this_one(page: Page,
                                                                      api_base: str) -> None:
    vocabularies = httpx.get(f"{api_base}/v1/vocabularies", params={"lang": "nl"}).json()["data"]
    levels = sorted(vocabularies["evidence_levels"], key=lambda level: -level["rank"])
    kiva = httpx.get(f"{api_base}/v1/interventions/kiva").json()
    page.goto(f"{api_base}/#detail=kiva")
    ladder = page.locator("#widget .detail .ladder")
    expect(ladder.locator(".step strong")).to_have_text([level["label"] for level in levels])
    current = ladder.locator(".step[aria-current=true]")
    expect(current).to_have_attribute("data-level", kiva["evidence"]["level"])
    # Higher steps are wider bars.
    widths = ladder.locator(".bar").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]


def test_the_page_does_not_fetch_the_openapi_document(page: Page, api_base: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    widget, _ = open_page(page, api_base)
    search(page, widget, "kiva")
    expect(widget.locator(".results .compare-toggle").first).to_be_visible()
    assert not [url for url in requested if "openapi" in url], requested


def test_a_chart_from_the_api_is_parsed_as_svg_and_cleaned(page: Page, api_base: str) -> None:
    page.goto(f"{api_base}/")
    found = page.evaluate(
        """async () => {
            const m = await import('/widget/v1/common.js');
            const node = m.svgNode('<svg xmlns="http://www.w3.org/2000/svg" role="img" '
                + 'viewBox="0 0 10 10" onload="window.__pwned=1"><title>Gepest</title>'
                + '<script>window.__pwned=1</script><foreignObject><p>x</p></foreignObject>'
                + '<a href="javascript:alert(1)"><text>link</text></a>'
                + '<polyline points="0,1 5,2 10,3" onclick="window.__pwned=1"/></svg>');
            document.body.append(node);
            await new Promise(r => setTimeout(r, 100));
            return {tag: node.localName, ns: node.namespaceURI,
                    handlers: [...node.querySelectorAll('*'), node].flatMap(
                        e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
                    removed: node.querySelectorAll('script, foreignObject, a').length,
                    kept: [node.querySelector('title').textContent,
                           node.querySelector('polyline').getAttribute('points')],
                    html: m.svgNode('<img src=x onerror="window.__pwned=1">'),
                    pwned: window.__pwned === 1};
        }"""
    )
    assert found == {"tag": "svg", "ns": "http://www.w3.org/2000/svg", "handlers": [],
                     "removed": 0, "kept": ["Gepest", "0,1 5,2 10,3"], "html": None,
                     "pwned": False}


def test_switching_to_english_relabels_the_page_the_widget_and_the_form(
    page: Page, api_base: str
) -> None:
    widget, plan = open_page(page, api_base)
    plan.get_by_label("Schooltype").select_option("po")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which anti-bullying approach fits our school?")
    expect(widget.locator(".status")).to_have_text(re.compile(r"^\d+ interventions? found$"))
    expect(widget.get_by_role("searchbox", name="Search for an intervention")).to_be_visible()
    # The form in English, the answer kept.
    expect(plan.get_by_label("School type")).to_have_value("po")
    expect(plan.get_by_role("button", name="Make our plan")).to_be_visible()
    assert "lang=en" in page.url
