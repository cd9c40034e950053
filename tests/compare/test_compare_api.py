"""GET /v1/compare: alignment, errors, languages, formats, cost and freshness rows."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.content import negotiate
from interventions_api.api.routes.compare import JSON, OFFERED

IDS = ["kiva", "kanjertraining", "taakspel"]
QUERY = "/v1/compare?ids=kiva,kanjertraining,taakspel&pupils=300"


def rows_by_key(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in body["data"]["rows"]}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


# --- alignment ----------------------------------------------------------------------

def test_every_row_has_every_entry_in_the_order_asked(client: TestClient) -> None:
    body = client.get("/v1/compare?ids=taakspel,kiva,kanjertraining").json()
    assert [e["id"] for e in body["data"]["interventions"]] == ["taakspel", "kiva",
                                                                 "kanjertraining"]
    keys = [row["key"] for row in body["data"]["rows"]]
    assert len(keys) == len(set(keys))
    sections = {s["key"] for s in body["data"]["sections"]}
    for row in body["data"]["rows"]:
        assert list(row["values"]) == ["taakspel", "kiva", "kanjertraining"], row["key"]
        assert row["section"] in sections


def test_a_row_for_every_registry_and_outcome_any_of_them_has(client: TestClient) -> None:
    details = [client.get(f"/v1/interventions/{i}").json() for i in IDS]
    registries = {a["registry"] for d in details for a in d["evidence"]["assessments"]}
    outcomes = {o["outcome"] for d in details for o in d["evidence"]["outcomes"]}
    rows = rows_by_key(client.get(QUERY).json())
    assert {k.split(".", 1)[1] for k in rows if k.startswith("ratings.")} == registries
    assert {k.split(".", 1)[1] for k in rows if k.startswith("outcomes.")} == outcomes
    for detail in details:
        mine = {a["registry"] for a in detail["evidence"]["assessments"]}
        for registry in registries - mine:  # absent: an empty list, not a missing key
            assert rows[f"ratings.{registry}"]["values"][detail["id"]] == []


def test_ratings_side_by_side_are_verbatim_with_date_and_common_level(
        client: TestClient) -> None:
    rows = rows_by_key(client.get(QUERY).json())
    for entry_id in IDS:
        detail = client.get(f"/v1/interventions/{entry_id}").json()
        for assessment in detail["evidence"]["assessments"]:
            shown = rows[f"ratings.{assessment['registry']}"]["values"][entry_id]
            match = [r for r in shown if r["rating"] == assessment["rating"]
                     and r["date"] == assessment.get("date")
                     and r["year"] == assessment.get("year")]
            assert match and match[0]["level"] == assessment["level"]
    nji = rows["ratings.nji"]["values"]["kiva"]
    assert sum(r["latest"] for r in nji) == 1
    assert nji[0]["latest"] and nji[0]["date"] >= nji[-1]["date"]


def test_null_bullying_finding_beside_positive_ones(client: TestClient) -> None:
    rows = rows_by_key(client.get(QUERY).json())
    victimisation = rows["outcomes.bullying_victimisation"]["values"]
    assert "positive" in {f["finding"] for f in victimisation["kiva"]}
    assert {f["finding"] for f in victimisation["kanjertraining"]} == {"no_effect"}
    finding = victimisation["kanjertraining"][0]
    assert finding["study"] == "nro-2018" and "Wat werkt tegen pesten" in finding["citation"]
    assert rows["warnings"]["values"]["kanjertraining"]


def test_levels_rows_hold_what_it_does_there_or_null(client: TestClient) -> None:
    rows = rows_by_key(client.get(QUERY).json())
    taakspel = client.get("/v1/interventions/taakspel").json()
    for level in ("individual", "class", "school"):
        value = rows[f"levels.{level}"]["values"]["taakspel"]
        if level in taakspel["levels"]:
            assert value == taakspel["levels"][level]["nl"]
        else:
            assert value is None


def test_unknown_values_are_null(client: TestClient) -> None:
    rows = rows_by_key(client.get(QUERY).json())
    for entry_id in IDS:
        detail = client.get(f"/v1/interventions/{entry_id}").json()
        hours = detail.get("implementation", {}).get("training_hours")
        assert rows["implementation.training_hours"]["values"][entry_id] == hours
        if "cost" not in detail.get("implementation", {}):
            assert rows["cost.published"]["values"][entry_id] is None
            assert rows["cost.per_pupil_per_year"]["values"][entry_id] is None
            assert rows["cost.estimate"]["values"][entry_id]["status"] == "cost_unknown"


def test_comma_separated_and_repeated_ids_are_the_same(client: TestClient) -> None:
    one = client.get("/v1/compare?ids=kiva,taakspel&ids=prima").json()
    two = client.get("/v1/compare?ids=kiva&ids=taakspel&ids=prima").json()
    three = client.get("/v1/compare?ids= kiva , taakspel,prima").json()
    assert one["data"] == two["data"] == three["data"]
    assert one["meta"]["ids"] == ["kiva", "taakspel", "prima"]


def test_lang_changes_labels(client: TestClient) -> None:
    nl = rows_by_key(client.get(QUERY + "&lang=nl").json())
    en = rows_by_key(client.get(QUERY + "&lang=en").json())
    assert en["school_types"]["label"] == "School types"
    assert nl["school_types"]["label"] == "Schooltypen"
    assert nl["levels.class"]["values"]["kiva"] != en["levels.class"]["values"]["kiva"]
    # the status in words, not the catalogue's key
    assert nl["status"]["values"]["kiva"] == "wordt aangeboden"
    assert en["status"]["values"]["kiva"] == "offered"


@pytest.mark.parametrize(("row_key", "path"), [
    ("implementation.requirements", ("implementation", "requirements")),
    ("delivery.duration", ("delivery", "duration")),
])
def test_free_texts_are_in_the_asked_language(client: TestClient, row_key: str,
                                              path: tuple[str, str]) -> None:
    texts = client.get("/v1/interventions/kiva").json()[path[0]][path[1]]
    for lang, other in (("nl", "en"), ("en", "nl")):
        body = client.get(QUERY + f"&lang={lang}").json()
        row = rows_by_key(body)[row_key]
        assert row["values"]["kiva"] == texts[lang]
        assert texts[other] not in str(body["data"])


def test_the_note_on_a_price_is_in_the_asked_language(client: TestClient) -> None:
    # MediaMasters publishes a price (free) with a note on it.
    note = client.get("/v1/interventions/mediamasters").json()["implementation"]["cost"][
        "note"]
    for lang, other in (("nl", "en"), ("en", "nl")):
        for accept in ("text/markdown", "text/csv"):
            response = client.get(f"/v1/compare?ids=kiva,mediamasters&lang={lang}",
                                  headers={"Accept": accept})
            assert response.status_code == 200
            assert note[lang] in response.text
            assert note[other] not in response.text


def test_a_price_on_request_says_so_whom_to_ask_and_estimates_nothing(
        client: TestClient) -> None:
    cost = client.get("/v1/interventions/kiva").json()["implementation"]["cost"]
    assert cost["on_request"] and cost["note"]
    body = client.get("/v1/compare?ids=kiva,mediamasters&pupils=300").json()
    estimate = rows_by_key(body)["cost.estimate"]["values"]["kiva"]
    assert estimate["status"] == "cost_unknown"
    assert estimate["arithmetic"] == "Prijs op aanvraag; er is niets geschat."
    for lang, words in (("nl", "op aanvraag"), ("en", "on request")):
        for accept in ("text/markdown", "text/csv"):
            text = client.get(f"/v1/compare?ids=kiva,mediamasters&lang={lang}",
                              headers={"Accept": accept}).text
            assert f"{words} — {cost['note'][lang]}" in text, (lang, accept)


def test_notes_on_ratings_and_findings_are_in_the_asked_language(client: TestClient) -> None:
    evidence = client.get("/v1/interventions/kiva").json()["evidence"]
    assessment = next(a for a in evidence["assessments"]
                      if a["registry"] == "nji" and a.get("note"))
    finding = next(o for o in evidence["outcomes"] if o.get("note"))
    for lang, other in (("nl", "en"), ("en", "nl")):
        body = client.get(QUERY + f"&lang={lang}").json()
        rows = rows_by_key(body)
        ratings = rows["ratings.nji"]["values"]["kiva"]
        assert assessment["note"][lang] in [r["note"] for r in ratings]
        findings = rows[f"outcomes.{finding['outcome']}"]["values"]["kiva"]
        assert finding["note"][lang] in [f["note"] for f in findings]
        for note in (assessment["note"], finding["note"]):
            assert note[lang] != note[other] and note[other] not in str(body["data"])


# --- errors -------------------------------------------------------------------------

def test_unknown_ids_are_a_404_naming_each(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/compare?ids=kiva,no-such,also-not"), 404)
    assert "'no-such'" in body["detail"] and "'also-not'" in body["detail"]
    assert [(e["field"], e["value"]) for e in body["errors"]] == [
        ("ids", "no-such"), ("ids", "also-not")]
    assert "kiva" in body["errors"][0]["allowed"]


@pytest.mark.parametrize("query", [
    "ids=kiva",
    "ids=kiva,kiva",
    "ids=kiva&ids=kiva,taakspel",
    "ids=a,b,c,d,e,f,g",
    "ids=,,",
    "ids=kiva," + "x" * 500,
])
def test_bad_id_lists_are_a_422(client: TestClient, query: str) -> None:
    body = assert_problem(client.get(f"/v1/compare?{query}"), 422)
    assert body["errors"][0]["field"] == "ids"


def test_missing_ids_is_a_422(client: TestClient) -> None:
    assert assert_problem(client.get("/v1/compare"), 422)["errors"][0]["field"] == "ids"


@pytest.mark.parametrize("query", ["pupils=0", "pupils=many", "classes=-1", "years=0",
                                   "years=21", "teachers=1e9", "lang=de"])
def test_bad_school_counts_are_a_422(client: TestClient, query: str) -> None:
    field = query.split("=")[0]
    body = assert_problem(client.get(f"/v1/compare?ids=kiva,taakspel&{query}"), 422)
    assert body["errors"][0]["field"] == field


# --- formats ------------------------------------------------------------------------

def test_csv_parses_with_a_column_per_entry(client: TestClient) -> None:
    json_rows = client.get(QUERY).json()["data"]["rows"]
    response = client.get(QUERY, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.text)))
    assert table[0] == ["section", "row", "label", *IDS]
    assert [line[1] for line in table[1:]] == [row["key"] for row in json_rows]
    assert all(len(line) == 3 + len(IDS) for line in table)
    by_key = {line[1]: line for line in table[1:]}
    assert by_key["name"][3:] == ["KiVa", "Kanjertraining", "Taakspel"]
    assert "Wat werkt tegen pesten" in by_key["outcomes.bullying_victimisation"][4]


def test_csv_for_dutch_excel(client: TestClient) -> None:
    """format=csv (a link can ask it), semicolons, a BOM, the header in words, a file name
    with the day and numbers in the Dutch notation."""
    json_rows = client.get(QUERY + "&lang=nl").json()["data"]["rows"]
    response = client.get(QUERY + "&format=csv&delimiter=semicolon&lang=nl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="interventies-vergelijking-\d{4}-\d\d-\d\d\.csv"',
                        response.headers["content-disposition"])
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""),
                            delimiter=";"))
    assert table[0] == ["Onderdeel", "Rij", "Omschrijving", "KiVa", "Kanjertraining",
                        "Taakspel"]
    assert [line[1] for line in table[1:]] == [row["key"] for row in json_rows]
    by_key = {line[1]: line for line in table[1:]}
    hours = json_rows[[row["key"] for row in json_rows].index(
        "implementation.training_hours")]["values"]["taakspel"]
    assert not float(hours).is_integer(), "a fraction to check the notation on"
    assert by_key["implementation.training_hours"][5] == str(hours).replace(".", ",")
    for cell in by_key["freshness.reviewed"][3:]:
        assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", cell), cell  # 28 november 2026


def test_csv_without_options_is_for_programs(client: TestClient) -> None:
    response = client.get(QUERY + "&format=csv")
    assert not response.content.startswith(b"\xef\xbb\xbf")
    assert response.text.splitlines()[0] == "section,row,label," + ",".join(IDS)


def _table_cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def test_markdown_tables_parse_with_a_column_per_entry(client: TestClient) -> None:
    body = client.get(QUERY).json()
    response = client.get(QUERY, headers={"Accept": "text/markdown"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    lines = response.text.splitlines()
    table_lines = [line for line in lines if line.startswith("|")]
    assert all(len(_table_cells(line)) == 1 + len(IDS) for line in table_lines)
    headings = [line[3:] for line in lines if line.startswith("## ")]
    used = {row["section"] for row in body["data"]["rows"]}
    assert [s["label"] for s in body["data"]["sections"] if s["key"] in used] == headings[:-1]
    assert headings[-1] == "Studies"
    # one line per row, under the separator lines and headers
    assert len(table_lines) == len(body["data"]["rows"]) + 2 * (len(headings) - 1)
    studies = lines[lines.index("## Studies"):]
    assert any(line.startswith("- Huitsing, G.") for line in studies)
    # the tables name studies by author and year, never by the catalogue's key
    assert "het onderzoek van Huitsing e.a. (2020)" in response.text
    assert "huitsing-2020" not in response.text


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/json"),
    ("*/*", "application/json"),
    ("application/json", "application/json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
    ("text/csv", "text/csv"),
    ("text/markdown", "text/markdown"),
    ("text/csv;q=0.5, text/markdown", "text/markdown"),
    ("text/*", "text/csv"),
    ("text/*;q=0.9, text/markdown", "text/markdown"),
    ("application/xml", "application/json"),
    ("text/csv;q=0", "application/json"),
])
def test_accept_negotiation(accept: str | None, media: str) -> None:
    # What the route does: an Accept that names none of its types gets JSON, not a 406.
    assert (negotiate(accept, OFFERED) or JSON) == media


def test_errors_stay_problem_json_whatever_the_accept(client: TestClient) -> None:
    response = client.get("/v1/compare?ids=kiva,nope", headers={"Accept": "text/csv"})
    assert_problem(response, 404)


# --- cost and freshness rows (a catalogue copy with a test price) ---------------------

def test_cost_per_pupil_with_its_arithmetic(small_client: TestClient) -> None:
    body = small_client.get("/v1/compare?ids=kiva,taakspel&pupils=300&classes=12").json()
    rows = rows_by_key(body)
    # test price €450 per class, once: 450 × 12 = 5400; ÷ 4 = 1350; ÷ 300 = 4.50
    assert rows["cost.school_per_year"]["values"] == {"kiva": None, "taakspel": 1350.0}
    assert rows["cost.per_pupil_per_year"]["values"] == {"kiva": None, "taakspel": 4.5}
    estimate = rows["cost.estimate"]["values"]["taakspel"]
    assert estimate["status"] == "estimated" and estimate["spread_years"] == 4
    assert "€ 450 × 12 klassen = € 5.400" in estimate["arithmetic"]
    assert rows["cost.estimate"]["values"]["kiva"]["status"] == "cost_unknown"
    assert body["meta"]["school"] == {"pupils": 300, "classes": 12, "teachers": None,
                                      "years": 4}


def test_a_missing_class_count_is_named(small_client: TestClient) -> None:
    rows = rows_by_key(small_client.get("/v1/compare?ids=kiva,taakspel&pupils=300").json())
    estimate = rows["cost.estimate"]["values"]["taakspel"]
    assert estimate["status"] == "counts_missing" and estimate["missing"] == ["classes"]
    assert rows["cost.per_pupil_per_year"]["values"]["taakspel"] is None


def test_years_spreads_a_one_off_cost(small_client: TestClient) -> None:
    rows = rows_by_key(small_client.get(
        "/v1/compare?ids=kiva,taakspel&pupils=300&classes=12&years=3&lang=en").json())
    # 5400 ÷ 3 = 1800 a year; 1800 ÷ 300 = 6.00
    assert rows["cost.per_pupil_per_year"]["values"]["taakspel"] == 6.0
    assert "÷ 3 years" in rows["cost.estimate"]["values"]["taakspel"]["arithmetic"]


def test_freshness_rows(small_client: TestClient) -> None:
    rows = rows_by_key(small_client.get("/v1/compare?ids=kiva,taakspel").json())
    assert rows["freshness.review_due"]["values"] == {"kiva": "2027-12-15",
                                                      "taakspel": "2024-03-01"}
    assert rows["freshness.stale"]["values"]["taakspel"] is True
    assert rows["freshness.reviewed"]["values"]["taakspel"] == "2019-03-01"
    assert set(rows["freshness.newer_study_than_rating"]["values"]) == {"kiva", "taakspel"}


def test_etag_differs_per_format_and_revalidates(client: TestClient) -> None:
    as_json = client.get(QUERY)
    as_csv = client.get(QUERY, headers={"Accept": "text/csv"})
    assert as_json.headers["ETag"] != as_csv.headers["ETag"]
    again = client.get(QUERY, headers={"Accept": "text/csv",
                                       "If-None-Match": as_csv.headers["ETag"]})
    assert again.status_code == 304


def test_a_row_per_concern_with_the_effect_verdicts_before_the_ratings(
        client: TestClient) -> None:
    body = client.get("/v1/compare?ids=kiva,kanjertraining,pad").json()
    rows = rows_by_key(body)
    bullying = rows["effects.bullying"]["values"]
    assert {i: v["verdict"] for i, v in bullying.items()} == {
        "kiva": "positive", "kanjertraining": "no_effect", "pad": "negative"}
    keys = [row["key"] for row in body["data"]["rows"]]
    assert keys.index("effects.bullying") < keys.index("evidence_level")
    pad_nji = rows["ratings.nji"]["values"]["pad"][0]
    assert pad_nji["scope_note"] == "erkend voor gedragsproblemen, niet voor pesten"
    markdown = client.get("/v1/compare?ids=kiva,pad",
                          headers={"accept": "text/markdown"}).text
    assert "Gunstig effect op pesten" in markdown and "Ongunstig effect op pesten" in markdown
    assert "(erkend voor gedragsproblemen, niet voor pesten)" in markdown
