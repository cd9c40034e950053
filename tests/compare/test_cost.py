"""Cost on one basis: every expected number below was worked out by hand."""

from __future__ import annotations

import pytest

from interventions_api.services.cost import SchoolSize, estimate_cost
from interventions_api.texts import money, price


def cost(amount: float, per: str, period: str, year: int = 2024) -> dict[str, object]:
    return {"amount_eur": amount, "per": per, "period": period, "year": year}


def test_per_class_once_spread_over_four_years() -> None:
    # 450 × 12 classes = 5400 once; 5400 ÷ 4 years = 1350 a year; 1350 ÷ 300 = 4.50
    result = estimate_cost(cost(450, "class", "once"), SchoolSize(pupils=300, classes=12))
    out = result.as_dict()
    assert out["status"] == "estimated"
    assert out["school_per_year_eur"] == 1350.00
    assert out["per_pupil_per_year_eur"] == 4.50
    assert out["spread_years"] == 4
    assert [(s["name"], s["left"], s["right"], s["right_name"], s["result"])
            for s in out["steps"]] == [
        ("school_cost_per_period", 450.0, 12, "classes", 5400.0),
        ("spread_over_years", 5400.0, 4, "years", 1350.0),
        ("per_pupil", 1350.0, 300, "pupils", 4.5),
    ]


def test_per_school_per_year_needs_only_pupils() -> None:
    # 1200 a year for the school; 1200 ÷ 300 = 4.00; nothing to spread
    out = estimate_cost(cost(1200, "school", "year"), SchoolSize(pupils=300)).as_dict()
    assert (out["school_per_year_eur"], out["per_pupil_per_year_eur"]) == (1200.0, 4.0)
    assert out["spread_years"] is None
    assert [s["name"] for s in out["steps"]] == ["per_pupil"]


def test_per_school_once_over_a_stated_number_of_years() -> None:
    # 5000 ÷ 5 years = 1000 a year; 1000 ÷ 400 = 2.50
    out = estimate_cost(cost(5000, "school", "once"), SchoolSize(pupils=400, years=5)).as_dict()
    assert (out["school_per_year_eur"], out["per_pupil_per_year_eur"]) == (1000.0, 2.5)
    assert out["spread_years"] == 5
    assert "÷ 5 jaar" in out["arithmetic"]


def test_per_pupil_once_rounds_half_up_to_cents() -> None:
    # 12.50 × 300 = 3750 once; ÷ 4 = 937.50 a year; ÷ 300 = 3.125 → 3.13
    out = estimate_cost(cost(12.5, "pupil", "once"), SchoolSize(pupils=300)).as_dict()
    assert out["school_per_year_eur"] == 937.50
    assert out["per_pupil_per_year_eur"] == 3.13


def test_per_pupil_price_needs_no_school_size_for_the_per_pupil_figure() -> None:
    # 12.50 ÷ 4 years = 3.125 → 3.13 per pupil per year; the school total needs pupils
    out = estimate_cost(cost(12.5, "pupil", "once"), SchoolSize()).as_dict()
    assert out["per_pupil_per_year_eur"] == 3.13
    assert out["school_per_year_eur"] is None
    assert out["missing"] == ["pupils"]
    assert out["status"] == "counts_missing"


def test_per_teacher_per_year() -> None:
    # 95 × 20 teachers = 1900 a year; 1900 ÷ 250 = 7.60
    out = estimate_cost(cost(95, "teacher", "year"),
                        SchoolSize(pupils=250, teachers=20)).as_dict()
    assert (out["school_per_year_eur"], out["per_pupil_per_year_eur"]) == (1900.0, 7.6)


def test_a_missing_count_is_named_not_estimated() -> None:
    out = estimate_cost(cost(95, "teacher", "once"), SchoolSize(pupils=300)).as_dict()
    assert out["status"] == "counts_missing"
    assert out["missing"] == ["teachers"]
    assert out["school_per_year_eur"] is None and out["per_pupil_per_year_eur"] is None
    assert "`teachers`" in out["arithmetic"]


def test_several_missing_counts_are_all_named() -> None:
    out = estimate_cost(cost(450, "class", "year"), SchoolSize()).as_dict()
    assert out["missing"] == ["classes", "pupils"]
    assert out["steps"] == []


def test_unknown_cost_is_said_not_guessed() -> None:
    for lang, word in (("nl", "onbekend"), ("en", "unknown")):
        out = estimate_cost(None, SchoolSize(pupils=300, classes=12), lang).as_dict()
        assert out["status"] == "cost_unknown"
        assert out["school_per_year_eur"] is None and out["per_pupil_per_year_eur"] is None
        assert out["steps"] == [] and word in out["arithmetic"]


def test_the_arithmetic_reads_in_dutch_and_english() -> None:
    size = SchoolSize(pupils=300, classes=12)
    nl = estimate_cost(cost(450, "class", "once"), size, "nl").arithmetic
    en = estimate_cost(cost(450, "class", "once"), size, "en").arithmetic
    assert nl == ("€ 450 per klas, eenmalig (prijspeil 2024); "
                  "€ 450 × 12 klassen = € 5.400 eenmalig; "
                  "€ 5.400 ÷ 4 jaar = € 1.350 per jaar voor de school; "
                  "€ 1.350 ÷ 300 leerlingen = € 4,50 per leerling per jaar")
    assert en == ("€450 per class, once (price level 2024); "
                  "€450 × 12 classes = €5,400 once; "
                  "€5,400 ÷ 4 years = €1,350 per year for the school; "
                  "€1,350 ÷ 300 pupils = €4.50 per pupil per year")


@pytest.mark.parametrize(("value", "nl", "en"), [
    (0, "€ 0", "€0"),
    (1250, "€ 1.250", "€1,250"),
    (4.5, "€ 4,50", "€4.50"),
    (3.125, "€ 3,13", "€3.13"),  # half up, as the JSON's cents
    (1234567.891, "€ 1.234.567,89", "€1,234,567.89"),
])
def test_money_formatting(value: float, nl: str, en: str) -> None:
    """Whole euros without cents; cents when there are any."""
    from decimal import Decimal

    assert money(Decimal(str(value)), "nl") == nl
    assert money(Decimal(str(value)), "en") == en


@pytest.mark.parametrize("lang,said", [("nl", "gratis"), ("en", "free")])
def test_a_published_price_of_nothing_is_said_as_free(lang: str, said: str) -> None:
    assert price(0, "school", "year", lang) == said
    assert price(450, "class", "once", lang) != said
    out = estimate_cost(cost(0, "school", "year"), SchoolSize(pupils=300)).as_dict()
    assert out["school_per_year_eur"] == 0.0
