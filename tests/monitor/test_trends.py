"""The trend of one indicator: least-squares change per year, direction, and the latest
share against its reference, checked against values worked out by hand from the input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interventions_api.match.profile import Survey
from interventions_api.monitor.trends import (
    LEVEL_MARGIN,
    change_per_year,
    direction,
    position,
    series_of,
)

from .helpers import GROUP, report, survey, yearly


def test_the_change_per_year_is_the_least_squares_slope_over_the_years() -> None:
    # Years 2021, 2022, 2024 (mean 2022 1/3), shares 20%, 16%, 12% (mean 16%):
    # deviations -4/3, -1/3, 5/3 and 0.04, 0, -0.04; sum of products -0.12, sum of squares
    # 14/3; slope -0.12 / (14/3) = -9/350 a year.
    points = [(2021, 0.20), (2022, 0.16), (2024, 0.12)]
    assert change_per_year(points) == pytest.approx(-9 / 350)
    # Two years: the difference over the years between them.
    assert change_per_year([(2022, 0.10), (2025, 0.16)]) == pytest.approx(0.02)
    assert change_per_year([(2025, 0.10)]) is None


def test_the_answer_reports_the_slope_in_shares_and_words_it_in_percentage_points(
        client: TestClient) -> None:
    answer = report(client, {"surveys": yearly({2021: 0.20, 2022: 0.16, 2024: 0.12})})
    [indicator] = answer["indicators"]
    assert indicator["change_per_year"] == round(-9 / 350, 4)
    assert [p["year"] for p in indicator["points"]] == [2021, 2022, 2024]
    # 9/350 of a share is 2.57 percentage points; one decimal in Dutch: "2,6".
    assert indicator["text"][0] == ("Het aandeel gepeste leerlingen daalde van 20% (2021) naar "
                                    "12% (2024), ongeveer 2,6 procentpunt per jaar.")


def test_surveys_in_any_order_give_the_same_trend(client: TestClient) -> None:
    shares = {2023: 0.14, 2024: 0.11, 2025: 0.09}
    ordered = report(client, {"surveys": yearly(shares)})
    shuffled = report(client, {"surveys": list(reversed(yearly(shares)))})
    assert ordered == shuffled


@pytest.mark.parametrize("change, expected", [(-0.02, "down"), (-0.005, "down"),
                                              (-0.004, "stable"), (0.0, "stable"),
                                              (0.004, "stable"), (0.005, "up"),
                                              (0.03, "up")])
def test_under_half_a_point_a_year_is_no_clear_movement(change: float, expected: str) -> None:
    assert direction(change) == expected


def test_a_change_of_exactly_half_a_point_a_year_counts_despite_floating_point() -> None:
    change = change_per_year([(2023, 0.06), (2024, 0.07), (2025, 0.05)])
    assert change is not None and direction(change) == "down"


@pytest.mark.parametrize("share, reference, expected", [
    (0.14, 0.09, "above"), (0.05, 0.08, "below"), (0.085, 0.08, "level"),
    (0.10, 0.09, "above"), (0.08, 0.09, "below"), (0.12, None, None)])
def test_the_position_against_the_reference(share: float, reference: float | None,
                                            expected: str | None) -> None:
    # A difference of a whole percentage point (LEVEL_MARGIN) is no longer level.
    assert LEVEL_MARGIN == 0.01
    assert position(share, reference) == expected


def test_the_position_is_that_of_the_latest_year_and_is_said(client: TestClient) -> None:
    answer = report(client, {"surveys": [
        survey(2024, {"indicator": "bullied", "share": 0.06, "reference": 0.09}),
        survey(2025, {"indicator": "bullied", "share": 0.12, "reference": 0.09})]})
    [indicator] = answer["indicators"]
    assert indicator["versus_reference"] == "above"
    assert indicator["text"][1] == "Dat is hoger dan de vergelijkingswaarde van 9%."
    below = report(client, {"lang": "en", "surveys": [
        survey(2024, {"indicator": "bullied", "share": 0.12, "reference": 0.09}),
        survey(2025, {"indicator": "bullied", "share": 0.06})]})
    # The latest year has no reference: no position, and no sentence about one.
    assert below["indicators"][0]["versus_reference"] is None
    assert not any("reference" in sentence for sentence in below["indicators"][0]["text"])


def test_each_indicator_and_group_is_its_own_series() -> None:
    surveys = [Survey.model_validate(s) for s in [
        survey(2024, {"indicator": "unsafe", "share": 0.1},
               {"indicator": "bullied", "share": 0.2, "school_years": GROUP},
               {"indicator": "bullied", "share": 0.3, "ages": {"min": 8, "max": 12}}),
        survey(2025, {"indicator": "bullied", "share": 0.25, "school_years": GROUP},
               {"indicator": "bullied", "share": 0.15})]]
    found = [(s.indicator, s.group, s.years) for s in series_of(surveys)]
    assert found == [
        ("bullied", (), [2025]),
        ("bullied", ("ages", 8, 12), [2024]),
        ("bullied", ("school_years", "groep", 5, 8), [2024, 2025]),
        ("unsafe", (), [2024]),
    ]
