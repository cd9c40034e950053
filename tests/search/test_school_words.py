"""School-type and year words ("vmbo", "basisschool", "groep 7") become filters."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interventions_api.search.text import school_words


@pytest.mark.parametrize(("text", "rest", "school_types", "age"), [
    ("vmbo", "", ["vo"], None),
    ("pesten op de basisschool", "pesten op de", ["po"], None),
    ("Primair Onderwijs pesten", "pesten", ["po"], None),
    ("cyberpesten havo vwo", "cyberpesten", ["vo"], None),
    ("pesten groep 7", "pesten", [], 10),
    ("groep 1", "", [], 4),
    ("groep 9", "groep 9", [], None),          # no such year: ordinary words
    ("groepsvorming groep", "groepsvorming groep", [], None),
    ("leerjaar 2 weerbaarheid", "weerbaarheid", ["vo"], 13),
    ("brugklas", "", ["vo"], 12),
    ("speciaal onderwijs po", "", ["so", "po"], None),
    ("voortgezet speciaal onderwijs", "", ["vso"], None),
    ("pesten", "pesten", [], None),
])
def test_school_words_become_filters(text: str, rest: str, school_types: list[str],
                                     age: int | None) -> None:
    found = school_words(text)
    assert (found.text, found.school_types, found.age) == (rest, school_types, age)


def test_the_listing_applies_them_and_says_so(client: TestClient) -> None:
    body = client.get("/v1/interventions", params={"q": "pesten groep 7 basisschool",
                                                   "per_page": 100}).json()
    recognized = {(r["words"], r["filter"], r["value"], r["applied"])
                  for r in body["meta"]["recognized"]}
    assert recognized == {("groep 7", "age", 10, True),
                          ("basisschool", "school_type", "po", True)}
    expected = client.get("/v1/interventions", params={
        "q": "pesten", "age": 10, "school_type": "po", "per_page": 100}).json()
    assert [i["id"] for i in body["data"]] == [i["id"] for i in expected["data"]]
    assert body["data"] and all("po" in i["school_types"] for i in body["data"])


def test_an_explicit_filter_wins_over_a_school_word(client: TestClient) -> None:
    body = client.get("/v1/interventions", params={"q": "vmbo", "school_type": "po",
                                                   "per_page": 100}).json()
    assert body["meta"]["recognized"] == [
        {"words": "vmbo", "filter": "school_type", "value": "vo", "applied": False}]
    # Only a school word: a listing, in the listing's order.
    assert body["meta"]["sort"] == "evidence"
    assert all("po" in i["school_types"] for i in body["data"])
    assert body["meta"]["total"] == client.get(
        "/v1/interventions", params={"school_type": "po"}).json()["meta"]["total"]
