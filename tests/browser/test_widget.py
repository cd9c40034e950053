"""The <interventions-search> widget on the reference page, in headless Chromium."""

from __future__ import annotations

import re
from typing import Any, cast
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import ARTIFACTS, run_axe, serious

pytestmark = pytest.mark.browser

FOUND = re.compile(r"^(\d+) interventies? gevonden$")


def open_reference_page(page: Page, api_base: str) -> Locator:
    """Loads `/` and waits until the widget shows its first results; returns the widget."""
    page.goto(f"{api_base}/")
    widget = page.locator("#widget")
    expect(widget.locator(".status")).to_have_text(FOUND)
    return widget


def search_params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def search(page: Page, widget: Locator, text: str) -> int:
    """Types `text` like a person would and returns the count the widget announces."""
    box = widget.get_by_role("searchbox")
    with page.expect_response(
        lambda r: "/v1/interventions?" in r.url and search_params(r.url).get("q") == [text]
    ):
        box.fill("")
        box.press_sequentially(text, delay=30)
    status = widget.locator(".status")
    expect(status).to_have_text(FOUND)
    match = FOUND.match(status.inner_text().strip())
    assert match
    return int(match.group(1))


def result_names(widget: Locator) -> list[str]:
    return [name.strip() for name in widget.locator(".results .open").all_inner_texts()]


def test_results_appear_as_you_type_with_one_request_after_the_pause(page: Page,
                                                                      api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    queries: list[list[str]] = []
    page.on("request", lambda r: queries.append(search_params(r.url).get("q", []))
            if "/v1/interventions?" in r.url else None)
    total = search(page, widget, "pesten")
    assert total > 0
    assert "KiVa" in result_names(widget) or total > len(result_names(widget))
    # Debounced: typing six letters 30 ms apart sends one search for the whole word (a
    # second one is tolerated, for a machine so busy that a keystroke came 250 ms late).
    sent = [q for q in queries if q]
    assert sent[-1] == ["pesten"] and len(sent) <= 2, sent
    # The count is announced politely to screen readers.
    status = widget.locator(".status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    # Matches are highlighted with real <mark> elements.
    assert widget.locator(".results mark").count() > 0


def test_highlights_come_from_the_api(page: Page, api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "kiva")
    first = widget.locator(".results .result").first
    expect(first.locator(".open")).to_have_text("KiVa")
    expect(first.locator("mark").first).to_have_text(re.compile("kiva", re.I))


def seen_in_any_page(page: Page, widget: Locator, wanted: set[str]) -> set[str]:
    """Pages through the results with the widget's own Next button; returns what it saw."""
    seen: set[str] = set()
    while True:
        seen |= set(result_names(widget))
        following = widget.get_by_role("button", name="Volgende")
        if wanted & seen or not following.count() or following.is_disabled():
            return seen
        with page.expect_response(lambda r: "/v1/interventions?" in r.url):
            following.click()
        expect(widget.locator(".results .open").first).to_be_focused()


@pytest.mark.parametrize("query", ["kivva", "pestn", "taakspl"])
def test_a_dutch_query_with_a_typo_finds_kiva_or_taakspel(page: Page, api_base: str,
                                                          query: str) -> None:
    widget = open_reference_page(page, api_base)
    total = search(page, widget, query)
    assert total > 0, f"no results for the typo {query!r}"
    seen = seen_in_any_page(page, widget, {"KiVa", "Taakspel"})
    assert {"KiVa", "Taakspel"} & seen, sorted(seen)


def test_a_facet_narrows_the_results_to_its_count(page: Page, api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "pesten")
    option = widget.locator(".facet-option").filter(has_text="Voortgezet onderwijs").first
    expected = int(option.locator(".count").inner_text())
    with page.expect_response(
        lambda r: "/v1/interventions?" in r.url
        and search_params(r.url).get("school_type") == ["vo"]
    ):
        option.get_by_role("checkbox").check()
    expect(widget.locator(".status")).to_have_text(
        f"{expected} interventie{'s' if expected != 1 else ''} gevonden")
    # Every result shown is for secondary schools.
    for meta in widget.locator(".results .meta").all_inner_texts():
        assert "Voortgezet onderwijs" in meta
    # The checkbox keeps its focus and its state across the re-render.
    checkbox = widget.locator(".facet-option").filter(
        has_text="Voortgezet onderwijs").first.get_by_role("checkbox")
    expect(checkbox).to_be_checked()
    expect(checkbox).to_be_focused()
    # Clearing the filters brings the full count back.
    widget.get_by_role("button", name="Filters wissen").click()
    expect(widget.locator(".facet-option").filter(
        has_text="Voortgezet onderwijs").first.get_by_role("checkbox")).not_to_be_checked()


def test_the_evidence_filter_keeps_that_level_and_higher(page: Page, api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    select = widget.get_by_label("Minimaal bewijsniveau")
    label = select.locator("option[value='good_indications']").inner_text()
    expected = int(re.search(r"\((\d+)\)$", label).group(1))  # type: ignore[union-attr]
    with page.expect_response(lambda r: "min_evidence=good_indications" in r.url):
        select.select_option("good_indications")
    expect(widget.locator(".status")).to_have_text(FOUND)
    assert widget.locator(".status").inner_text().startswith(f"{expected} ")
    badges = widget.locator(".results .badge[class*='level-']").all_inner_texts()
    assert badges and all(("Goede" in b or "Sterke" in b) for b in badges), badges


def test_badges_show_the_common_level_and_each_registrys_own_words(page: Page,
                                                                  api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "kiva")
    kiva = widget.locator(".results .result").filter(has=page.locator(".open", has_text="KiVa"))
    badges = kiva.locator(".badges li").all_inner_texts()
    assert badges[0].endswith("Sterke aanwijzingen voor effectiviteit")
    # NJi's own label, verbatim, and only its latest verdict in the list.
    nji = [b for b in badges if b.startswith("NJi")]
    assert nji == ["NJi Databank Effectieve Jeugdinterventies: "
                   "Effectief volgens sterke aanwijzingen (2022)"]


def section(page: Page, scope: Locator, heading: str) -> Locator:
    return scope.locator("section", has=page.get_by_role("heading", name=heading))


def test_the_detail_shows_levels_outcomes_with_null_findings_cost_training_sources(
    page: Page, api_base: str
) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "kiva")
    widget.locator(".results .open", has_text="KiVa").click()
    heading = widget.get_by_role("heading", level=2, name="KiVa")
    expect(heading).to_be_focused()
    detail = widget.locator(".detail")
    # The three levels, each with what the programme does there.
    expect(detail.locator(".level-card")).to_have_count(3)
    expect(detail.locator(".level-card.absent")).to_have_count(0)
    # Every registry verdict verbatim, including the older ones.
    verdicts = section(page, detail, "Oordelen van registers")
    expect(verdicts).to_contain_text("Effectief volgens sterke aanwijzingen")
    # Notes in Dutch, as the catalogue has them (Dutch stays Dutch).
    kiva = httpx.get(f"{api_base}/v1/interventions/kiva").json()["evidence"]
    first_note = next(a["note"] for a in kiva["assessments"] if a.get("note"))
    expect(verdicts).to_contain_text(first_note["nl"])
    expect(verdicts).not_to_contain_text(first_note["en"])
    expect(verdicts).to_contain_text("Goede aanwijzingen voor effectiviteit")
    # Days as people write them, never ISO: NJi's 2022-12-15 reads "15 december 2022".
    expect(verdicts).to_contain_text("15 december 2022")
    expect(detail).not_to_contain_text("2022-12-15")
    # Outcomes, with the null finding of the Welsh trial next to the Dutch one.
    outcomes = section(page, detail, "Gevonden effecten per uitkomst")
    expect(outcomes.locator(".finding-positive").first).to_have_text("Gunstig effect")
    expect(outcomes.locator(".finding-no_effect").first).to_have_text("Geen effect")
    # Studies by author and year, as under the sources; the catalogue's keys nowhere.
    expect(outcomes).to_contain_text("het onderzoek van Axford e.a. (2020)")
    expect(detail.locator(".warning")).to_contain_text("Het onderzoek van Axford e.a. (2020)")
    expect(detail).not_to_contain_text("axford-2020")
    # Implementation facts: cost (KiVa publishes no price: on request, whom to ask, and the
    # page that shows it) and training.
    implementation = section(page, detail, "Uitvoering")
    cost = httpx.get(f"{api_base}/v1/interventions/kiva").json()["implementation"]["cost"]
    assert cost["on_request"]
    expect(implementation).to_contain_text("Op aanvraag. " + cost["note"]["nl"])
    expect(implementation.get_by_role("link", name="bron")).to_have_attribute(
        "href", cost["source"])
    expect(implementation).to_contain_text("Training")
    for part, field in KIVA_BILINGUAL:
        texts = catalogue_text(api_base, "kiva", part, field)
        expect(implementation).to_contain_text(texts["nl"])
        expect(implementation).not_to_contain_text(texts["en"])
    # Whether a Dutch school can get it, and from whom.
    availability = httpx.get(f"{api_base}/v1/interventions/kiva").json()["availability"]
    expect(section(page, detail, "Voor wie")).to_contain_text(
        "beschikbaar in Nederland: " + availability["note"]["nl"])
    # Sources are links that open elsewhere, never javascript: or the like.
    links = detail.locator(".sources a")
    assert links.count() >= 3
    for href in links.evaluate_all("els => els.map(e => e.href)"):
        assert href.startswith(("https://", "http://"))
    # Back: the list again, focus on the result that was opened.
    widget.get_by_role("button", name="Terug naar de resultaten").click()
    expect(widget.locator(".results .open", has_text="KiVa")).to_be_focused()


# KiVa's texts the detail shows under "Uitvoering" / "Implementation" in the asked language.
KIVA_BILINGUAL = [("implementation", "requirements"), ("delivery", "duration")]


def catalogue_text(api_base: str, intervention_id: str, *path: str) -> dict[str, str]:
    """A text of an entry in Dutch and English, as the catalogue has it."""
    value: Any = httpx.get(f"{api_base}/v1/interventions/{intervention_id}").json()
    for key in path:
        value = value[key]
    assert value["nl"] != value["en"]
    return cast(dict[str, str], value)


def open_in_english(page: Page, api_base: str, query: str, name: str) -> Locator:
    """The English detail of the entry called ``name``, found by searching ``query``."""
    page.goto(f"{api_base}/")
    page.get_by_role("button", name="English").click()
    widget = page.locator("#widget")
    expect(widget.locator(".status")).to_have_text(re.compile(r"^\d+ interventions? found$"))
    box = widget.get_by_role("searchbox", name="Search for an intervention")
    with page.expect_response(lambda r: "/v1/interventions?" in r.url
                              and search_params(r.url).get("q") == [query]):
        box.press_sequentially(query, delay=30)
    widget.locator(".results .open", has_text=name).first.click()
    return widget.locator(".detail")


def test_switching_language_keeps_the_open_detail_and_comparison(
        page: Page, api_base: str) -> None:
    page.goto(f"{api_base}/#detail=kiva")
    widget = page.locator("#widget")
    expect(widget.get_by_role("heading", level=3, name="Oordelen van registers")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(widget.get_by_role("heading", level=2, name="KiVa")).to_be_visible()
    expect(widget.get_by_role("heading", level=3, name="Registry verdicts")).to_be_visible()
    page.get_by_role("button", name="Nederlands").click()
    expect(widget.get_by_role("heading", level=3, name="Oordelen van registers")).to_be_visible()
    page.goto(f"{api_base}/#compare=kiva,kanjertraining")
    expect(widget.get_by_role("heading", level=2, name="Vergelijking")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(widget.get_by_role("heading", level=2, name="Comparison")).to_be_visible()
    assert widget.locator(".comparison-table thead th").all_inner_texts() == [
        "KiVa", "Kanjertraining"]


def test_the_english_detail_gives_requirements_and_duration_in_english(
        page: Page, api_base: str) -> None:
    implementation = section(page, open_in_english(page, api_base, "kiva", "KiVa"),
                             "Implementation")
    for part, field in KIVA_BILINGUAL:
        texts = catalogue_text(api_base, "kiva", part, field)
        expect(implementation).to_contain_text(texts["en"])
        expect(implementation).not_to_contain_text(texts["nl"])


def test_a_free_programme_says_free_with_the_year_of_that_price(
        page: Page, api_base: str) -> None:
    cost = httpx.get(f"{api_base}/v1/interventions/mediamasters").json()[
        "implementation"]["cost"]
    assert cost["amount_eur"] == 0
    widget = open_reference_page(page, api_base)
    search(page, widget, "mediamasters")
    widget.locator(".results .open", has_text="MediaMasters").first.click()
    implementation = section(page, widget.locator(".detail"), "Uitvoering")
    expect(implementation).to_contain_text(f"Gratis (prijspeil {cost['year']})")
    expect(implementation).not_to_contain_text("€")


def test_the_english_detail_gives_the_note_on_a_price_in_english(
        page: Page, api_base: str) -> None:
    # MediaMasters publishes a price (free) with a note on it.
    note = catalogue_text(api_base, "mediamasters", "implementation", "cost", "note")
    implementation = section(page, open_in_english(page, api_base, "mediamasters",
                                                   "MediaMasters"), "Implementation")
    expect(implementation).to_contain_text(note["en"])
    expect(implementation).not_to_contain_text(note["nl"])


def test_the_english_detail_gives_notes_on_verdicts_and_findings_in_english(
        page: Page, api_base: str) -> None:
    evidence = httpx.get(f"{api_base}/v1/interventions/kiva").json()["evidence"]
    notes = [next(a["note"] for a in evidence["assessments"] if a.get("note")),
             next(o["note"] for o in evidence["outcomes"] if o.get("note"))]
    detail = open_in_english(page, api_base, "kiva", "KiVa")
    for heading, note in zip(("Registry verdicts", "Findings per outcome"), notes, strict=True):
        assert note["nl"] != note["en"]
        shown = section(page, detail, heading)
        expect(shown).to_contain_text(note["en"])
        expect(shown).not_to_contain_text(note["nl"])


def test_the_detail_reports_known_training_hours(page: Page, api_base: str) -> None:
    # Pick an entry whose training hours are in the catalogue (asked from the API).
    listing = httpx.get(f"{api_base}/v1/interventions", params={"per_page": 100}).json()
    with_training = [i for i in listing["data"] if i["training_hours"] is not None]
    assert with_training, "the catalogue has no entry with training hours"
    item = with_training[0]
    widget = open_reference_page(page, api_base)
    search(page, widget, item["name"])
    widget.locator(".results .open", has_text=item["name"]).first.click()
    hours = f"{item['training_hours']:g}".replace(".", ",")
    expect(widget.locator(".detail")).to_contain_text(f"{hours} uur")


def test_keyboard_only_search_open_detail_and_back(page: Page, api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    box = widget.get_by_role("searchbox")
    # Tab from the top of the page reaches the search box (skip link, language buttons…).
    for _ in range(10):
        page.keyboard.press("Tab")
        if box.evaluate("el => el.getRootNode().activeElement === el"):
            break
    expect(box).to_be_focused()
    with page.expect_response(lambda r: "q=kiva" in r.url):
        page.keyboard.type("kiva", delay=30)
    expect(widget.locator(".status")).to_have_text(FOUND)
    # Down arrow: into the results; Enter opens; Escape goes back to the same result.
    page.keyboard.press("ArrowDown")
    first = widget.locator(".results .open").first
    expect(first).to_be_focused()
    name = first.inner_text()
    page.keyboard.press("Enter")
    expect(widget.get_by_role("heading", level=2, name=name)).to_be_focused()
    page.keyboard.press("Escape")
    expect(widget.locator(".results .open").first).to_be_focused()
    # Up arrow from the first result returns to the search box; Escape there clears it.
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(widget.locator(".status")).to_have_text(FOUND)
    # Tab moves on to the filters (their summary, then the first one); Space toggles it.
    page.keyboard.press("Tab")
    expect(widget.locator("summary", has_text="Filters")).to_be_focused()
    page.keyboard.press("Tab")
    focused = widget.locator("input[type=checkbox]:focus")
    expect(focused).to_have_count(1)
    with page.expect_response(lambda r: "school_type=" in r.url):
        page.keyboard.press("Space")
    expect(widget.locator("input[type=checkbox]:focus")).to_be_checked()


def test_no_serious_or_critical_accessibility_violations(page: Page, api_base: str,
                                                         axe_source: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "pesten")
    problems = serious(run_axe(page, axe_source))
    assert not problems, "\n".join(problems)
    widget.locator(".results .open").first.click()
    expect(widget.locator(".detail h2")).to_be_focused()
    problems = serious(run_axe(page, axe_source))
    assert not problems, "\n".join(problems)


def test_on_a_narrow_screen_the_filters_fold_away_until_opened(browser: Browser,
                                                               api_base: str) -> None:
    context = browser.new_context(viewport={"width": 380, "height": 800}, locale="nl-NL")
    try:
        page = context.new_page()
        widget = open_reference_page(page, api_base)
        summary = widget.locator(".filter-panel > summary")
        expect(widget.locator(".filter-panel")).not_to_have_attribute("open", "")
        checkbox = widget.locator(".facet-option input").first
        expect(checkbox).to_be_hidden()
        # The results come right after the search box and the folded filters.
        box = widget.get_by_role("searchbox").bounding_box()
        first = widget.locator(".results .result").first.bounding_box()
        assert box and first and first["y"] - box["y"] < 300
        summary.focus()
        page.keyboard.press("Enter")
        expect(checkbox).to_be_visible()
        # The choice survives the re-render after a search.
        search(page, widget, "pesten")
        expect(checkbox).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "narrow_screen.png"), full_page=True)
    finally:
        context.close()


def test_highlight_text_is_never_parsed_as_html(page: Page, api_base: str) -> None:
    page.goto(f"{api_base}/")
    found = page.evaluate(
        """async () => {
            const m = await import('/widget/v1/interventions-search.js');
            const box = document.createElement('div');
            box.append(...m.highlightNodes(
                '<img src=x onerror="window.__pwned=1"><mark>Ki</mark>Va <b>x</b></mark>'
                + '<mark>open'));
            document.body.append(box);
            await new Promise(r => setTimeout(r, 100));
            return {images: box.querySelectorAll('img, b').length,
                    marks: [...box.querySelectorAll('mark')].map(m => m.textContent),
                    text: box.textContent, pwned: window.__pwned === 1};
        }"""
    )
    assert found == {"images": 0, "marks": ["Ki", "open"], "pwned": False,
                     "text": '<img src=x onerror="window.__pwned=1">KiVa <b>x</b>open'}


def test_the_card_shows_the_bullying_verdict_before_the_ratings_and_their_scope(
        page: Page, api_base: str) -> None:
    widget = open_reference_page(page, api_base)
    search(page, widget, "pad")
    pad = widget.locator(".results .result").filter(
        has=page.locator(".open", has_text="Programma Alternatieve Denkstrategieën"))
    effect = pad.locator(".effect")
    expect(effect).to_have_text("Ongunstig effect op pesten")
    # The verdict comes before the rating badges in the card.
    texts = pad.locator(".effect, .badges").all_inner_texts()
    assert texts[0] == "Ongunstig effect op pesten"
    badges = pad.locator(".badges li").all_inner_texts()
    assert any(b.endswith("— erkend voor gedragsproblemen, niet voor pesten") for b in badges)
