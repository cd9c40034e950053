"""A school may say which pupils it means in its own terms, groep or leerjaar, instead of
ages; the match then works with the usual ages of those school years."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ..plan.helpers import post_plan
from .helpers import post_match


def _ids(answer: dict) -> list[str]:
    return [m["id"] for m in answer["matches"]]


def test_school_years_match_as_their_usual_ages(client: TestClient) -> None:
    base = {"school_type": "vo", "concerns": ["bullying"], "limit": 100}
    by_years = post_match(client, {**base, "school_years": {"system": "leerjaar",
                                                            "min": 1, "max": 2}})
    by_ages = post_match(client, {**base, "ages": {"min": 12, "max": 14}})
    assert by_years.status_code == by_ages.status_code == 200
    assert _ids(by_years.json()) == _ids(by_ages.json())
    assert by_years.json()["excluded"] == by_ages.json()["excluded"]
    # groep 1–2 are four- to six-year-olds: fewer programmes reach them than groep 5–8
    young = post_match(client, {**base, "school_type": "po",
                                "school_years": {"system": "groep", "min": 1, "max": 2}})
    older = post_match(client, {**base, "school_type": "po",
                                "school_years": {"system": "groep", "min": 5, "max": 8}})
    assert young.json()["excluded"]["ages"] > older.json()["excluded"]["ages"]


def test_ages_and_school_years_together_are_refused_in_dutch(client: TestClient) -> None:
    response = post_match(client, {"school_type": "po", "ages": {"min": 8, "max": 12},
                                   "school_years": {"system": "groep", "min": 5, "max": 8}})
    assert response.status_code == 422
    assert [e["message"] for e in response.json()["errors"]] == [
        "geef ages of school_years, niet allebei"]
    outside = post_match(client, {"school_type": "po",
                                  "school_years": {"system": "groep", "min": 5, "max": 9}})
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "school_years.groep.max"


def test_the_plan_names_the_pupils_in_the_schools_terms(client: TestClient) -> None:
    body = {"school_type": "po", "concerns": ["bullying"],
            "school_years": {"system": "groep", "min": 5, "max": 8}}
    document = post_plan(client, body).json()
    assert "leerlingen in groep 5–8" in document["school"]
    assert "jaar" not in document["school"]
