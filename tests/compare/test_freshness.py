"""Freshness: due dates worked out by hand, the stale filter on SQLite, list and detail."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interventions_api.db.repository import Repository, connect
from interventions_api.freshness import add_years, citation_year, freshness
from interventions_api.query import InterventionQuery
from interventions_api.services.catalogue_context import catalogue_context

from .conftest import TODAY

D = dt.date


def entry(reviewed: str, ratings: list[dict[str, Any]] | None = None,
          studies: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    assessments = [{"registry": "nji", "rating": "x", "url": "https://x.nl", **r}
                   for r in ratings or []]
    return {"reviewed": reviewed,
            "evidence": {"assessments": assessments, "studies": studies or {}}}


def test_due_five_years_after_the_review_when_it_is_later() -> None:
    f = freshness(entry("2024-03-01", [{"date": "2022-12-15"}]))
    assert (f.review_due, f.due_from) == (D(2029, 3, 1), "reviewed")


def test_due_five_years_after_the_rating_when_it_is_later() -> None:
    f = freshness(entry("2020-01-10", [{"date": "2022-12-15"}]))
    assert (f.review_due, f.due_from) == (D(2027, 12, 15), "rating")


def test_a_rating_with_only_a_year_counts_from_1_january() -> None:
    f = freshness(entry("2022-06-30", [{"year": 2023}]))
    assert f.latest_rating is not None and f.latest_rating["counted_as"] == "2023-01-01"
    assert f.review_due == D(2028, 1, 1)


def test_a_dated_rating_is_later_than_a_year_only_rating_of_the_same_year() -> None:
    f = freshness(entry("2010-01-01", [{"year": 2022, "rating": "year-only"},
                                       {"date": "2022-03-01", "rating": "dated"}]))
    assert f.latest_rating is not None and f.latest_rating["rating"] == "dated"
    assert f.review_due == D(2027, 3, 1)


def test_29_february_moves_to_28_february() -> None:
    assert freshness(entry("2024-02-29")).review_due == D(2029, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_stale_only_after_the_due_day() -> None:
    f = freshness(entry("2024-03-01"))
    assert f.stale(D(2029, 2, 28)) is False
    assert f.stale(D(2029, 3, 1)) is False
    assert f.stale(D(2029, 3, 2)) is True


def test_a_study_newer_than_the_latest_rating_is_flagged() -> None:
    f = freshness(entry("2024-01-01", [{"year": 2018}], {
        "same-year": {"citation": "A, B. (2018). Title. Journal."},
        "older": {"citation": "C, D. (2015). Title. Journal."},
        "newer": {"citation": "E, F. (2020). Title. Journal, 21(5), 1-2."},
    }))
    assert f.newer_study_than_rating is True
    assert f.newer_studies == [{"study": "newer", "year": 2020, "year_from": "citation"}]


def test_the_year_field_wins_over_the_citation() -> None:
    f = freshness(entry("2024-01-01", [{"date": "2019-05-01"}], {
        "s": {"citation": "A. (2010). Title.", "year": 2021},
    }))
    assert f.newer_studies == [{"study": "s", "year": 2021, "year_from": "field"}]


def test_undated_studies_are_listed_and_never_raise_the_flag() -> None:
    f = freshness(entry("2024-01-01", [{"year": 2018}], {
        "no-year": {"citation": "A. Title. Journal, 3(3)."},
    }))
    assert f.newer_study_than_rating is False
    assert f.undated_studies == ["no-year"]


def test_without_a_rating_the_flag_is_not_applicable() -> None:
    f = freshness(entry("2024-01-01", [], {"s": {"citation": "A. (2023). T."}}))
    assert f.latest_rating is None and f.newer_study_than_rating is None
    assert f.review_due == D(2029, 1, 1)


@pytest.mark.parametrize(("citation", "year"), [
    ("Huitsing, G. (2020). A trial. Prevention Science, 21(5), 627–638.", 2020),
    ("Wie profiteert van Taakspel? Kind & Adolescent (2013).", 2013),
    ("Smith, J. (2019a). Title.", 2019),
    ("Bull, H. D., et al. First results. International Journal, 3(3).", None),
    ("Two years (2010) and (2012) in one citation.", None),
    ("A. (2020). An issue number is not a year. Journal, 141(2021), 1-9.", 2020),
    ("Implausible (1850).", None),
])
def test_citation_year_only_when_certain(citation: str, year: int | None) -> None:
    assert citation_year(citation) == year


# --- in the database and the API -------------------------------------------------

# Worked out by hand from tests/compare/conftest.py:
DUE = {
    "taakspel": D(2024, 3, 1),       # reviewed 2019-03-01 > rating 2018 (→ 2018-01-01)
    "kiva": D(2027, 12, 15),         # rating 2022-12-15 > reviewed 2020-05-01
    "kanjertraining": add_years(TODAY, 5),  # reviewed today > rating 2018
}


def test_the_load_stores_review_due(small_db: Path) -> None:
    with sqlite3.connect(small_db) as conn:
        stored = dict(conn.execute("SELECT id, review_due FROM interventions").fetchall())
    assert stored == {key: day.isoformat() for key, day in DUE.items()}


@pytest.mark.parametrize("today", [D(2024, 3, 1), D(2024, 3, 2), D(2027, 12, 16)])
def test_the_stale_filter_on_sqlite_judges_on_the_query_day(small_db: Path,
                                                             today: dt.date) -> None:
    expected = {key for key, due in DUE.items() if due < today}
    order = catalogue_context(small_db).evidence_scale.order
    with connect(small_db) as conn:
        repo = Repository(conn)
        stale = repo.search(InterventionQuery(stale=True, today=today), order)
        fresh = repo.search(InterventionQuery(stale=False, today=today), order)
    assert set(stale.ids) == expected and stale.total == len(expected)
    assert set(fresh.ids) == set(DUE) - expected


def test_stale_filter_on_the_api(small_client: TestClient) -> None:
    expected = {key for key, due in DUE.items() if due < dt.date.today()}
    stale = small_client.get("/v1/interventions", params={"stale": "true"}).json()
    fresh = small_client.get("/v1/interventions", params={"stale": "false"}).json()
    assert {item["id"] for item in stale["data"]} == expected
    assert "taakspel" in expected  # due 2024-03-01: the filter has something to find
    assert {item["id"] for item in fresh["data"]} == set(DUE) - expected
    assert all(item["freshness"]["stale"] for item in stale["data"])


def test_stale_takes_only_a_boolean(small_client: TestClient) -> None:
    response = small_client.get("/v1/interventions", params={"stale": "maybe"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "stale"


def test_freshness_in_list_and_detail(small_client: TestClient) -> None:
    items = {i["id"]: i for i in small_client.get("/v1/interventions").json()["data"]}
    for key, due in DUE.items():
        assert items[key]["freshness"]["review_due"] == due.isoformat()
        detail = small_client.get(f"/v1/interventions/{key}").json()
        assert detail["freshness"]["review_due"] == due.isoformat()
        assert detail["freshness"]["stale"] is (due < dt.date.today())
    kiva = items["kiva"]["freshness"]
    assert kiva["review_due_from"] == "rating"
    assert kiva["latest_rating"]["date"] == "2022-12-15"
    assert items["taakspel"]["freshness"]["latest_rating"]["counted_as"] == "2018-01-01"


def test_the_compared_latest_rating_names_its_registry_as_people_read_it(
        small_client: TestClient) -> None:
    for lang, text in (("nl", "NJi Databank Effectieve Jeugdinterventies: Effectief volgens "
                              "sterke aanwijzingen (15 december 2022)"),
                       ("en", "(15 December 2022)")):
        body = small_client.get(f"/v1/compare?ids=kiva,taakspel&lang={lang}").json()
        row = next(r for r in body["data"]["rows"] if r["key"] == "freshness.latest_rating")
        assert row["values"]["kiva"]["registry"] == "nji"
        assert row["values"]["kiva"]["registry_label"]
        markdown = small_client.get(f"/v1/compare?ids=kiva,taakspel&lang={lang}",
                                    headers={"Accept": "text/markdown"}).text
        assert text in markdown
        assert "nji:" not in markdown
