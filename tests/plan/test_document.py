"""The plan document: the action plan's four points, the law and the sources, in the
school's own voice, without the match's machinery (scores, ranks, study keys, hashes),
and honest about a programme in use that research found no effect of."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from .conftest import BODIES, Plans
from .helpers import DOCX, FORMATS, HTML, JSON, MARKDOWN, as_text, post_plan

ORDER = ["approach", "norms", "skills", "interventions", "law", "sources"]
HASH = re.compile(r"\b(?:[0-9a-f]{40}|[0-9a-f]{64})\b")
VOICE = {"nl": ("Wij ", "Onze school"), "en": ("We ", "Our school")}
TEXT_FORMATS = (MARKDOWN, HTML, DOCX)


def _blocks(section: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = list(section["blocks"])
    for sub in section["sections"]:
        blocks += _blocks(sub)
    return blocks


def _section(document: dict[str, Any], section_id: str) -> dict[str, Any]:
    return next(s for s in document["sections"] if s["id"] == section_id)


def _interventions(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["id"]: b for b in _blocks(_section(document, "interventions"))
            if b["type"] == "intervention"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(BODIES))
def test_the_sections_follow_the_action_plan_then_the_law(name: str, lang: str,
                                                         plans: Plans) -> None:
    document = plans.document(name, lang)
    ids = [s["id"] for s in document["sections"]]
    monitor = "monitor" in ids
    assert monitor == ("monitor" in BODIES[name])
    assert [i for i in ids if i != "monitor"] == ORDER
    assert document["lang"] == lang and document["school"].startswith(VOICE[lang][1])
    levels = [s["id"] for s in _section(document, "interventions")["sections"]]
    assert levels == ["individual", "class", "school", "programmes"]
    # Who monitors the policy and who is the contact person: the school fills them in.
    assert sum(b["type"] == "placeholder" for b in _section(document, "approach")["blocks"]) >= 2
    assert any(b["type"] == "placeholder" for b in _section(document, "norms")["blocks"])
    sources = [b for b in _section(document, "law")["blocks"] if b["type"] == "sources"]
    assert "https://zoek.officielebekendmakingen.nl/kst-34130-3.html" in {
        item["url"] for block in sources for item in block["items"]}


def _study_keys(client: TestClient, document: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    for intervention_id in _interventions(document):
        detail = client.get(f"/v1/interventions/{intervention_id}").json()
        keys |= set(detail["evidence"].get("studies", {}))
    return keys


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(BODIES))
def test_no_score_rank_study_key_hash_or_version_in_any_format(
        name: str, lang: str, plans: Plans, client: TestClient) -> None:
    document = plans.document(name, lang)
    keys = _study_keys(client, document)
    version = document["meta"]["catalogue_version"]
    for media in FORMATS:
        words = as_text(media, plans.get(name, media, lang))
        if media == JSON:  # the version may be in meta; nowhere in the text
            words = words.replace(f'"catalogue_version": "{version}"', "")
        assert "score" not in words.lower(), (media, name)
        assert not re.search(r"\b(rank|ranglijst|nummer \d+)\b", words, flags=re.I), media
        assert not HASH.search(words), (media, name)
        assert version not in words, (media, name)
        for key in keys:
            assert not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", words), (media, key)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_school_speaks_for_itself(lang: str, plans: Plans) -> None:
    we, our = VOICE[lang]
    for media in TEXT_FORMATS:
        words = as_text(media, plans.get("openapi_example", media, lang))
        assert words.count(we) >= 5 and our in words, media
        outside = (r"\b(uw|u)\b" if lang == "nl" else r"\byour\b")
        assert not re.search(outside, words.split("Bronnen" if lang == "nl" else "Sources")[0],
                             flags=re.I), media


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_programme_in_use_without_effect_gets_advice_in_every_format(
        lang: str, plans: Plans, client: TestClient) -> None:
    # Kanjertraining's catalogue entry holds a no-effect verdict on bullying (NRO 2018).
    detail = client.get("/v1/interventions/kanjertraining").json()
    assert detail["effects"]["bullying"]["verdict"] == "no_effect"
    block = _interventions(plans.document("kanjertraining_in_use", lang))["kanjertraining"]
    assert block["current"] and block["advice"]
    assert [e["verdict"] for e in block["effects"]] == ["no_effect"]
    assert "Kanjertraining" in block["advice"]
    assert ("geen effect" if lang == "nl" else "no effect") in block["advice"]
    for media in FORMATS:
        words = as_text(media, plans.get("kanjertraining_in_use", media, lang))
        flat = " ".join(words.split()).replace("\\", "")
        assert " ".join(block["advice"].split()) in flat, media
        assert "al in gebruik" not in flat.lower(), media


def test_advice_names_programmes_shown_to_work_and_only_for_current_ones(
        plans: Plans, client: TestClient) -> None:
    document = plans.document("kanjertraining_in_use")
    advice = _interventions(document)["kanjertraining"]["advice"]
    named = re.split(r", | en ", advice.split("zoals ", 1)[1].rstrip("."))
    assert named
    for name in named:
        found = client.get("/v1/interventions", params={"q": name}).json()["data"]
        entry = next(e for e in found if e["name"] == name)
        assert entry["effects"]["bullying"]["verdict"] == "positive"
        # never one a Dutch school cannot get
        detail = client.get(f"/v1/interventions/{entry['id']}").json()
        assert (detail.get("availability") or {}).get("nl") is not False
    # Those a Dutch school can get come first: the first named is available here.
    first = next(e for e in client.get("/v1/interventions", params={"q": named[0]}).json()[
        "data"] if e["name"] == named[0])
    assert client.get(f"/v1/interventions/{first['id']}").json()["availability"]["nl"] is True
    for block in _interventions(document).values():
        if not block["current"]:
            assert block["advice"] is None


def test_the_skills_name_each_programme_s_training_or_say_unknown(plans: Plans,
                                                                 client: TestClient) -> None:
    document = plans.document("openapi_example")
    skills = " ".join(item for b in _section(document, "skills")["blocks"]
                      if b["type"] == "list" for item in b["items"])
    for intervention_id, block in _interventions(document).items():
        hours = client.get(f"/v1/interventions/{intervention_id}").json().get(
            "implementation", {}).get("training_hours")
        if hours is None:
            expected = "aantal trainingsuren onbekend"
        else:  # a Dutch number: 2,5 and 16
            expected = f"{hours:g} trainingsuren per leraar".replace(".", ",")
        assert f"{block['name']}: {expected}" in skills


def test_the_law_applies_to_po_so_vo_vso_and_mbo_is_told_it_does_not(plans: Plans) -> None:
    po = _section(plans.document("openapi_example"), "law")["blocks"][0]["text"]
    assert po.startswith("Sinds 1 augustus 2015")  # a Dutch date, written out
    mbo = _section(plans.document("mbo"), "law")["blocks"][0]["text"]
    assert "niet voor het mbo" in mbo
    english = _section(plans.document("mbo", "en"), "law")["blocks"][0]["text"]
    assert "not mbo" in english


def test_the_monitor_section_reports_each_indicator_with_its_chart(plans: Plans) -> None:
    body = BODIES["openapi_example"]
    document = plans.document("openapi_example")
    monitor = _section(document, "monitor")
    surveys = [*body["earlier_surveys"], body["monitor"]]
    indicators = {r["indicator"] for s in surveys for r in s["results"]}
    per_indicator = [s for s in monitor["sections"] if s["id"].startswith("monitor-")
                     and s["id"] != "monitor-public"]
    assert {s["id"].removeprefix("monitor-") for s in per_indicator} == indicators
    for section in per_indicator:
        indicator = section["id"].removeprefix("monitor-")
        years = [s["year"] for s in surveys
                 if any(r["indicator"] == indicator for r in s["results"])]
        chart = next(b for b in section["blocks"] if b["type"] == "chart")
        svg = ElementTree.fromstring(chart["svg"])
        points = svg.findall(".//{http://www.w3.org/2000/svg}circle")
        assert len(points) >= len(years)  # the school's share per year (and the reference)
        said = " ".join(b["text"] for b in section["blocks"] if b["type"] == "paragraph")
        assert str(min(years)) in said and str(max(years)) in said
    public = next(s for s in monitor["sections"] if s["id"] == "monitor-public")
    assert any("Kanjertraining (sinds 2019)" in b["text"]
               for section in public["sections"] for b in section["blocks"])
    assert "Onze laatste meting is van 2025 (Vensters leerlingvragenlijst); de volgende " \
           "meting plannen wij in 2026." in [b.get("text") for b in
                                             _section(document, "law")["blocks"]]


def test_an_indicator_given_twice_for_one_group_in_a_survey_is_refused(
        client: TestClient) -> None:
    result = {"indicator": "bullied", "share": 0.1}
    body = {"school_type": "po", "monitor": {"year": 2025, "results": [result]},
            "earlier_surveys": [{"year": 2024, "results": [result, {**result, "share": 0.2}]}]}
    response = post_plan(client, body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [
        "earlier_surveys.0.results.1.indicator"]
    assert "twee keer" in response.json()["errors"][0]["message"]


def test_two_whole_school_programmes_for_one_goal_are_flagged(client: TestClient) -> None:
    body = {"school_type": "po", "concerns": ["bullying"],
            "current_interventions": ["kiva", "de-vreedzame-school"]}
    document = post_plan(client, body).json()
    school = next(s for s in _section(document, "interventions")["sections"]
                  if s["id"] == "school")
    warnings = [b["text"] for b in school["blocks"] if b["type"] == "warning"]
    assert any("twee schoolbrede programma's" in w and "KiVa" in w
               and "De Vreedzame School" in w for w in warnings)


def test_a_programme_found_not_to_work_on_the_concern_does_not_cover_it(
        client: TestClient) -> None:
    """Kanjertraining is about bullying, but the Dutch trial found no effect on it: the
    school that runs it gets a programme that works on bullying at each level as well."""
    body = {"school_type": "po", "concerns": ["bullying"],
            "current_interventions": ["kanjertraining"]}
    document = post_plan(client, body).json()
    sections = {s["id"]: s for s in _section(document, "interventions")["sections"]}
    for level in ("class", "school"):
        listed = " ".join(item for b in sections[level]["blocks"] if b["type"] == "list"
                          for item in b["items"])
        assert "Kanjertraining" in listed, level
    added = [b for b in sections["programmes"]["blocks"]
             if b["type"] == "intervention" and not b["current"]]
    assert added
    for block in added:
        verdict = next(e for e in block["effects"] if e["concern"] == "bullying")["verdict"]
        assert verdict not in ("no_effect", "negative"), block["name"]
        assert block["name"] in " ".join(
            item for level in ("class", "school") for b in sections[level]["blocks"]
            if b["type"] == "list" for item in b["items"])


def test_a_level_the_school_did_not_ask_for_is_left_to_it(client: TestClient) -> None:
    document = post_plan(client, {"school_type": "po", "concerns": ["bullying"],
                                  "levels": ["class"]}).json()
    individual = next(s for s in _section(document, "interventions")["sections"]
                      if s["id"] == "individual")
    assert [b["type"] for b in individual["blocks"]] == ["placeholder"]
    assert "Wat wij op dit niveau doen" in individual["blocks"][0]["text"]


def test_a_programme_in_use_found_harmful_gets_advice_to_consider_stopping(
        client: TestClient) -> None:
    # PAD's catalogue entry holds an unfavourable verdict on bullying (docs/evidence.md).
    assert client.get("/v1/interventions/pad").json()["effects"]["bullying"][
        "verdict"] == "negative"
    body = {"school_type": "po", "concerns": ["bullying"], "current_interventions": ["pad"]}
    for lang, words in (("nl", "ongunstig effect"), ("en", "unfavourable effect")):
        document = post_plan(client, {**body, "lang": lang}).json()
        advice = _interventions(document)["pad"]["advice"]
        assert advice and words in advice
        assert ("stoppen" if lang == "nl" else "stop") in advice


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_skills_give_each_programme_s_requirements_in_the_plan_s_language(
        lang: str, plans: Plans, client: TestClient) -> None:
    document = plans.document("openapi_example", lang)
    skills = " ".join(item for b in _section(document, "skills")["blocks"]
                      if b["type"] == "list" for item in b["items"])
    other = "en" if lang == "nl" else "nl"
    shown = 0
    for intervention_id in _interventions(document):
        requirements = client.get(f"/v1/interventions/{intervention_id}").json().get(
            "implementation", {}).get("requirements")
        if requirements is None:
            continue
        assert requirements[lang].rstrip(".") in skills
        assert requirements[other].rstrip(".") not in skills
        shown += 1
    assert shown, "the example plan names no programme with requirements"



@pytest.mark.parametrize(("lang", "words"), [("nl", "Nederlandse school dit kan krijgen"),
                                             ("en", "Dutch school can get this")])
def test_an_added_programme_of_unknown_availability_says_so(
        lang: str, words: str, client: TestClient) -> None:
    """A school acts on its plan: a programme nobody has shown a Dutch school can get is
    marked as such; one known to be available, or already in use, is not."""
    bodies = [{"school_type": "po", "concerns": ["bullying"],
               "current_interventions": ["kanjertraining"]},
              {"school_type": "vo", "concerns": ["bullying", "sexual_boundaries"],
               "current_interventions": ["olweus"]}]
    seen = set()
    for body in bodies:
        blocks = _interventions(post_plan(client, {**body, "lang": lang}).json())
        for intervention_id, block in blocks.items():
            available = client.get(f"/v1/interventions/{intervention_id}").json().get(
                "availability", {}).get("nl")
            marked = any(words in w for w in block["warnings"])
            assert marked == (available is None and not block["current"]), intervention_id
            if not block["current"]:
                seen.add(available)
    assert {True, None} <= seen, "the cases need added programmes of both kinds"


def test_a_price_on_request_is_said_in_the_school_s_voice(client: TestClient) -> None:
    body = {"school_type": "po", "concerns": ["bullying"],
            "current_interventions": ["kanjertraining"],
            "budget": {"max_eur": 3000, "per": "school", "period": "year"}}
    kiva = _interventions(post_plan(client, body).json())["kiva"]
    assert "De aanbieder geeft de prijs op aanvraag; wij vragen die op." in kiva["warnings"]
    assert not any("onbekend" in w for w in kiva["warnings"])


@pytest.mark.parametrize("media", [JSON, *TEXT_FORMATS])
def test_each_programme_names_its_provider_and_price_as_the_catalogue_has_them(
        media: str, client: TestClient) -> None:
    """KiVa: on request; Gemeinsam Klasse sein: no price in the catalogue; in every format."""
    body = {"school_type": "po", "concerns": ["bullying", "cyberbullying"],
            "current_interventions": ["kanjertraining"]}
    document = post_plan(client, body).json()
    blocks = _interventions(document)
    for intervention_id, block in blocks.items():
        detail = client.get(f"/v1/interventions/{intervention_id}").json()
        assert block["provider"] == detail.get("provider", {}).get("name")
        cost = detail.get("implementation", {}).get("cost")
        if cost is None:
            assert block["price"] == "onbekend; wij vragen die op bij de aanbieder"
        elif cost.get("on_request"):
            assert block["price"] == "op aanvraag"
    assert {blocks["kiva"]["price"], blocks["gemeinsam-klasse-sein"]["price"]} == {
        "op aanvraag", "onbekend; wij vragen die op bij de aanbieder"}
    words = as_text(media, post_plan(client, body, accept=media))
    assert "op aanvraag" in words and "KiVa Nederland" in words
    plain = re.sub(r"<[^>]+>|\*\*", "", words)  # the words without Markdown or HTML marks
    assert media == JSON or ("Prijs: op aanvraag" in plain
                             and "Aanbieder: KiVa Nederland" in plain)


@pytest.mark.parametrize(("lang", "size"), [("nl", "4.383 deelnemers"),
                                            ("en", "4,383 participants")])
def test_a_study_s_size_is_said_in_words_not_as_n(lang: str, size: str,
                                                  client: TestClient) -> None:
    """The Dutch KiVa trial's size, as a reader says it, in the plan and the detail."""
    body = {"school_type": "po", "concerns": ["bullying"], "current_interventions": ["kiva"],
            "lang": lang}
    plan = _interventions(post_plan(client, body).json())["kiva"]
    said = " ".join(e["summary"] for e in plan["effects"])
    detail = client.get(f"/v1/interventions/kiva?lang={lang}").json()
    for text in (said, detail["effects"]["bullying"]["summary"]):
        assert size in text
        assert "n = " not in text
