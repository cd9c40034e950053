"""The whole report: the OpenAPI example works as it stands, every text is plain Dutch (or
English) without internal words, and the public summary says which programmes since when
and how each indicator went."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interventions_api.match.weights import MONITOR_INDICATORS
from interventions_api.texts import TEXTS

from .helpers import report


def _openapi_example(client: TestClient) -> dict[str, Any]:
    operation = client.get("/openapi.json").json()["paths"]["/v1/monitor"]["post"]
    example: dict[str, Any] = operation["requestBody"]["content"]["application/json"]["example"]
    return example


def _all_text(answer: dict[str, Any]) -> str:
    parts = [answer["summary"]["heading"], *answer["summary"]["paragraphs"]]
    for indicator in answer["indicators"]:
        parts += [indicator["label"], *indicator["text"]]
        root = ET.fromstring(indicator["svg"])
        parts += [element.text or "" for element in root.iter()]
    return "\n".join(parts)


def test_the_openapi_example_has_three_years_and_works_as_it_stands(
        client: TestClient) -> None:
    example = _openapi_example(client)
    assert sorted(s["year"] for s in example["surveys"]) == [2023, 2024, 2025]
    assert len(example["interventions"]) == 2
    assert all(item["since"] for item in example["interventions"])
    answer = report(client, example)
    assert answer["indicators"]
    for indicator in answer["indicators"]:
        assert [p["year"] for p in indicator["points"]] == [2023, 2024, 2025]
        assert indicator["change_per_year"] is not None
        root = ET.fromstring(indicator["svg"])
        assert len(root.findall("{http://www.w3.org/2000/svg}circle")) == 3
    operation = client.get("/openapi.json").json()["paths"]["/v1/monitor"]["post"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MonitorReport"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_texts_hold_no_scores_hashes_or_keys(client: TestClient, lang: str) -> None:
    example = {**_openapi_example(client), "lang": lang}
    answer = report(client, example)
    text = _all_text(answer)
    assert "score" not in text.lower()
    assert answer["meta"]["catalogue_version"] not in text
    assert not re.search(r"\b[0-9a-f]{12,}\b", text)  # no hash of any kind
    keys = {*MONITOR_INDICATORS, "positive", "not_studied", "no_effect", "school_climate",
            "school_years", *(item["id"] for item in example["interventions"])}
    for key in keys:
        if lang == "en" and "_" not in key:
            continue  # "bullied" is an English word too
        assert not re.search(rf"\b{re.escape(key)}\b", text), key
    assert "{" not in text and "}" not in text  # no template left unfilled


def test_dutch_and_english_say_the_same_in_their_own_number_format(client: TestClient) -> None:
    body = {"surveys": [
        {"year": 2024, "results": [{"indicator": "cyberbullied", "share": 0.125}]},
        {"year": 2025, "results": [{"indicator": "cyberbullied", "share": 0.1}]}]}
    nl = report(client, {**body, "lang": "nl"})["indicators"][0]
    en = report(client, {**body, "lang": "en"})["indicators"][0]
    assert nl["text"] == ["Het aandeel leerlingen dat online gepest wordt daalde van 12,5% "
                          "(2024) naar 10% (2025), ongeveer 2,5 procentpunt per jaar."]
    assert en["text"] == ["The share of pupils who are bullied online fell from 12.5% (2024) "
                          "to 10% (2025), about 2.5 percentage points a year."]
    assert (nl["label"], en["label"]) == ("online gepest", "cyberbullied")
    # Every indicator has its label and subject in both languages.
    for indicator in MONITOR_INDICATORS:
        assert f"monitor.label.{indicator}" in TEXTS and f"monitor.subject.{indicator}" in TEXTS


def test_the_public_summary_names_the_programmes_since_when_and_each_trend(
        client: TestClient) -> None:
    example = _openapi_example(client)
    answer = report(client, example)
    summary = answer["summary"]
    assert summary["heading"] == "Sociale veiligheid op onze school"
    names = {e["id"]: e["name"] for i in answer["indicators"] for e in i["expected"]}
    first = summary["paragraphs"][0]
    for item in example["interventions"]:
        assert f"{names[item['id']]} (sinds {item['since']})" in first
    assert "Vensters leerlingvragenlijst" in summary["paragraphs"][1]
    assert "2023, 2024 en 2025" in summary["paragraphs"][1]
    for indicator in answer["indicators"]:
        assert indicator["text"][0] in "\n".join(summary["paragraphs"])
    assert summary["paragraphs"][-1] == ("Deze cijfers laten zien hoe het gaat, niet waardoor "
                                         "het zo gaat.")


def test_a_report_without_interventions_still_reports_the_trend(client: TestClient) -> None:
    answer = report(client, {"lang": "en", "surveys": [
        {"year": 2024, "results": [{"indicator": "low_wellbeing", "share": 0.2}]},
        {"year": 2025, "results": [{"indicator": "low_wellbeing", "share": 0.2}]}]})
    [indicator] = answer["indicators"]
    assert indicator["expected"] == [] and indicator["moved_as_expected"] is None
    assert indicator["text"] == ["The share of pupils with low wellbeing stayed about the "
                                 "same: 20% in 2024 and 20% in 2025."]
    assert answer["summary"]["paragraphs"][0].startswith("Our pupils fill in")


def test_the_group_is_said_as_school_years_or_ages(client: TestClient) -> None:
    answer = report(client, {"lang": "nl", "surveys": [{"year": 2025, "results": [
        {"indicator": "unsafe", "share": 0.04,
         "school_years": {"system": "leerjaar", "min": 1, "max": 2}},
        {"indicator": "unsafe", "share": 0.05, "ages": {"min": 8, "max": 12}}]}]})
    said = {i["group"]: i["text"][0] for i in answer["indicators"]}
    assert said["8–12 jaar"].startswith(
        "Het aandeel leerlingen van 8 tot 12 jaar dat zich niet veilig voelt was 5% in 2025.")
    assert said["leerjaar 1–2"].startswith(
        "Het aandeel leerlingen in leerjaar 1–2 dat zich niet veilig voelt was 4% in 2025.")
