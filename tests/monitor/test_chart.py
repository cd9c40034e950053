"""The chart per indicator: well-formed standalone SVG, one point per year at its share,
the reference dashed where given, labelled for screen readers, Dutch number format,
deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from fastapi.testclient import TestClient

from .helpers import GROUP, report, survey

SVG = "{http://www.w3.org/2000/svg}"


def _chart(client: TestClient, surveys: list[dict[str, Any]], lang: str = "nl") -> ET.Element:
    answer = report(client, {"lang": lang, "surveys": surveys})
    [indicator] = answer["indicators"]
    return ET.fromstring(indicator["svg"])


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_one_point_per_year_at_its_share_and_a_dashed_reference(client: TestClient) -> None:
    root = _chart(client, [
        survey(2021, {"indicator": "bullied", "share": 0.14, "reference": 0.09}),
        survey(2023, {"indicator": "bullied", "share": 0.125, "reference": 0.09}),
        survey(2025, {"indicator": "bullied", "share": 0.09, "reference": 0.08})])
    assert root.get("role") == "img" and root.get("viewBox")
    assert root.get("width") is None and root.get("height") is None  # scales with its box
    points = root.findall(f"{SVG}circle")
    assert len(points) == 3
    xs = [float(p.get("cx", "")) for p in points]
    ys = [float(p.get("cy", "")) for p in points]
    # Years across at their distances (2021, 2023, 2025: evenly), higher shares higher up.
    assert xs[0] < xs[1] < xs[2] and abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.2
    assert ys[0] < ys[1] < ys[2]
    [reference] = [e for e in root.iter() if e.get("class") == "reference"]
    assert reference.get("stroke-dasharray")
    assert len(reference.get("points", "").split()) == 3
    texts = _texts(root)
    assert {"2021", "2023", "2025", "14%", "12,5%", "9%"} <= set(texts)
    assert "Vergelijkingswaarde" in texts


def test_no_reference_no_dashed_line(client: TestClient) -> None:
    root = _chart(client, [survey(2024, {"indicator": "unsafe", "share": 0.04}),
                           survey(2025, {"indicator": "unsafe", "share": 0.05})], "en")
    assert not [e for e in root.iter() if e.get("stroke-dasharray")]
    assert "Reference" not in _texts(root) and "Our school" in _texts(root)


def test_one_year_is_one_point_with_its_reference(client: TestClient) -> None:
    root = _chart(client, [survey(2025, {"indicator": "bullied", "share": 0.3,
                                         "reference": 0.1, "school_years": GROUP})])
    assert len(root.findall(f"{SVG}circle")) == 1
    assert root.find(f"{SVG}polyline") is None
    [reference] = [e for e in root.iter() if e.get("class") == "reference"]
    assert reference.get("y1") == reference.get("y2")


def test_title_and_desc_label_the_chart_and_read_every_value(client: TestClient) -> None:
    root = _chart(client, [
        survey(2024, {"indicator": "bullied", "share": 0.12, "reference": 0.09,
                      "school_years": GROUP}),
        survey(2025, {"indicator": "bullied", "share": 0.1, "school_years": GROUP})])
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Het aandeel gepeste leerlingen in groep 5–8, 2024–2025"
    assert desc.text == "2024: 12% (vergelijkingswaarde 9%); 2025: 10%."


def test_standalone_and_deterministic(client: TestClient) -> None:
    body = {"surveys": [survey(2023, {"indicator": "cyberbullied", "share": 0.07}),
                        survey(2025, {"indicator": "cyberbullied", "share": 0.11})]}
    first = report(client, body)["indicators"][0]["svg"]
    assert first == report(client, body)["indicators"][0]["svg"]
    root = ET.fromstring(first)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "line", "polyline", "circle", "text"}
    assert "href" not in first and "<script" not in first and "url(" not in first
