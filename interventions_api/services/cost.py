"""Cost on one basis: a published price as a cost per pupil per year and per school per year.

The rule (also in docs/compare.md):

1. School cost per price period = the amount × the number it is charged per: 1 for
   ``per: school``, else the school's pupils, classes or teachers.
2. School cost per year = that, divided by ``years`` when the price is paid once
   (``period: once``; default 4 years, always shown), as is when it is per year.
3. Cost per pupil per year = school cost per year ÷ pupils. For a price per pupil it is
   simply the amount (÷ years when once), so it needs no school size.

Nothing is estimated: an unknown cost stays unknown, and a count the price depends on
that was not given (classes, teachers, pupils) is named instead of guessed. Amounts are
computed exactly (``Decimal``) and rounded to cents only for display and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

DEFAULT_SPREAD_YEARS = 4
CENT = Decimal("0.01")

Status = Literal["estimated", "counts_missing", "cost_unknown"]

# The school count a price basis multiplies by (None: the price is for the whole school).
COUNT_FOR_BASIS: dict[str, str | None] = {
    "school": None, "pupil": "pupils", "class": "classes", "teacher": "teachers",
}

_WORDS: dict[str, dict[str, Any]] = {
    "nl": {
        "pupils": ("leerling", "leerlingen"), "classes": ("klas", "klassen"),
        "teachers": ("leerkracht", "leerkrachten"), "years": ("jaar", "jaar"),
        "school": ("school", "scholen"),
        "once": "eenmalig", "year": "per jaar", "per": "per",
        "price_year": "prijspeil", "school_per_year": "per jaar voor de school",
        "pupil_per_year": "per leerling per jaar",
        "unknown": "Kosten onbekend; er is niets geschat.",
        "missing": "ontbreekt: geef {param} op",
        "count_names": {"pupils": "aantal leerlingen", "classes": "aantal klassen",
                        "teachers": "aantal leerkrachten"},
    },
    "en": {
        "pupils": ("pupil", "pupils"), "classes": ("class", "classes"),
        "teachers": ("teacher", "teachers"), "years": ("year", "years"),
        "school": ("school", "schools"),
        "once": "once", "year": "per year", "per": "per",
        "price_year": "price level", "school_per_year": "per year for the school",
        "pupil_per_year": "per pupil per year",
        "unknown": "Cost unknown; nothing was estimated.",
        "missing": "missing: pass {param}",
        "count_names": {"pupils": "number of pupils", "classes": "number of classes",
                        "teachers": "number of teachers"},
    },
}
_BASIS_WORD = {"school": "school", "pupil": "pupils", "class": "classes", "teacher": "teachers"}


@dataclass(frozen=True)
class SchoolSize:
    """What the school told us; ``years`` spreads a one-off cost."""

    pupils: int | None = None
    classes: int | None = None
    teachers: int | None = None
    years: int = DEFAULT_SPREAD_YEARS

    def count(self, name: str) -> int | None:
        value: int | None = getattr(self, name)
        return value

    def as_dict(self) -> dict[str, Any]:
        return {"pupils": self.pupils, "classes": self.classes, "teachers": self.teachers,
                "years": self.years}


@dataclass(frozen=True)
class Step:
    """One operation of the arithmetic: ``left operator right = result``."""

    name: str  # school_cost_per_period | spread_over_years | per_pupil
    operation: Literal["multiply", "divide"]
    left: Decimal
    right: Decimal
    right_name: str  # pupils | classes | teachers | years
    result: Decimal
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "operation": self.operation, "left": _cents(self.left),
                "right": int(self.right), "right_name": self.right_name,
                "result": _cents(self.result), "text": self.text}


@dataclass
class CostEstimate:
    status: Status
    published: dict[str, Any] | None
    school: SchoolSize
    school_per_year: Decimal | None = None
    per_pupil_per_year: Decimal | None = None
    spread_years: int | None = None
    missing: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    arithmetic: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "published": self.published,
            "school_per_year_eur": _cents(self.school_per_year),
            "per_pupil_per_year_eur": _cents(self.per_pupil_per_year),
            "spread_years": self.spread_years,
            "missing": self.missing,
            "steps": [step.as_dict() for step in self.steps],
            "arithmetic": self.arithmetic,
            "school": self.school.as_dict(),
        }


def _cents(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def euro(value: Decimal, lang: str) -> str:
    """€ with cents: '€ 1.350,00' in Dutch, '€1,350.00' in English."""
    text = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if lang == "en":
        return f"€{text}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def _count_text(number: int | Decimal, name: str, lang: str) -> str:
    singular, plural = _WORDS[lang][name]
    return f"{int(number)} {singular if int(number) == 1 else plural}"


def estimate_cost(cost: dict[str, Any] | None, school: SchoolSize,
                  lang: str = "nl") -> CostEstimate:
    """Cost per pupil per year and per school per year, with the arithmetic shown."""
    words = _WORDS["en" if lang == "en" else "nl"]
    lang = "en" if lang == "en" else "nl"
    if not cost:
        return CostEstimate("cost_unknown", None, school, arithmetic=words["unknown"])

    amount = Decimal(str(cost["amount_eur"]))
    per, period = cost["per"], cost["period"]
    basis_word = _WORDS[lang][_BASIS_WORD[per]][0]
    price = f"{euro(amount, lang)} {words['per']} {basis_word}, " + (
        words["once"] if period == "once" else words["year"])
    if cost.get("year"):
        price += f" ({words['price_year']} {cost['year']})"
    estimate = CostEstimate("estimated", dict(cost), school)
    texts = [price]
    divisor = Decimal(school.years) if period == "once" else Decimal(1)
    if period == "once":
        estimate.spread_years = school.years

    # 1. the school's cost per price period
    count_name = COUNT_FOR_BASIS[per]
    per_period: Decimal | None = amount
    if count_name is not None:
        count = school.count(count_name)
        if count is None:
            per_period = None
            estimate.missing.append(count_name)
        else:
            per_period = amount * count
            period_word = words["once"] if period == "once" else words["year"]
            step_text = (f"{euro(amount, lang)} × {_count_text(count, count_name, lang)} = "
                         f"{euro(per_period, lang)} {period_word}")
            estimate.steps.append(Step("school_cost_per_period", "multiply", amount,
                                       Decimal(count), count_name, per_period, step_text))
            texts.append(step_text)

    # 2. spread a one-off cost over the years
    if per_period is not None:
        estimate.school_per_year = per_period / divisor
        if period == "once":
            step_text = (f"{euro(per_period, lang)} ÷ {_count_text(school.years, 'years', lang)}"
                         f" = {euro(estimate.school_per_year, lang)} {words['school_per_year']}")
            estimate.steps.append(Step("spread_over_years", "divide", per_period, divisor,
                                       "years", estimate.school_per_year, step_text))
            texts.append(step_text)

    # 3. per pupil per year
    if estimate.school_per_year is not None and school.pupils is not None:
        estimate.per_pupil_per_year = estimate.school_per_year / school.pupils
        step_text = (f"{euro(estimate.school_per_year, lang)} ÷ "
                     f"{_count_text(school.pupils, 'pupils', lang)} = "
                     f"{euro(estimate.per_pupil_per_year, lang)} {words['pupil_per_year']}")
        estimate.steps.append(Step("per_pupil", "divide", estimate.school_per_year,
                                   Decimal(school.pupils), "pupils",
                                   estimate.per_pupil_per_year, step_text))
        texts.append(step_text)
    elif per == "pupil":
        # A price per pupil is already per pupil: no school size needed.
        estimate.per_pupil_per_year = amount / divisor
        if period == "once":
            step_text = (f"{euro(amount, lang)} ÷ {_count_text(school.years, 'years', lang)} = "
                         f"{euro(estimate.per_pupil_per_year, lang)} {words['pupil_per_year']}")
            estimate.steps.append(Step("per_pupil", "divide", amount, divisor, "years",
                                       estimate.per_pupil_per_year, step_text))
            texts.append(step_text)
    elif school.pupils is None and "pupils" not in estimate.missing:
        estimate.missing.append("pupils")

    for name in estimate.missing:
        texts.append(f"{words['count_names'][name]} "
                     + words["missing"].format(param=f"`{name}`"))
    if estimate.missing:
        estimate.status = "counts_missing"
    estimate.arithmetic = "; ".join(texts)
    return estimate
