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

from ..texts import money, published_price, text

DEFAULT_SPREAD_YEARS = 4
CENT = Decimal("0.01")

Status = Literal["estimated", "counts_missing", "cost_unknown"]

# The school count a price basis multiplies by (None: the price is for the whole school).
COUNT_FOR_BASIS: dict[str, str | None] = {
    "school": None, "pupil": "pupils", "class": "classes", "teacher": "teachers",
}

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


def _count_text(number: int | Decimal, name: str, lang: str) -> str:
    """'12 klassen', '1 leerling'; ``name`` is pupils, classes, teachers or years."""
    n = int(number)
    return text(f"count.{name}.{'one' if n == 1 else 'other'}", lang, n=n)


def estimate_cost(cost: dict[str, Any] | None, school: SchoolSize,
                  lang: str = "nl") -> CostEstimate:
    """Cost per pupil per year and per school per year, with the arithmetic shown."""
    lang = "en" if lang == "en" else "nl"
    if not cost or cost.get("amount_eur") is None:  # unknown, or "op aanvraag"
        return CostEstimate("cost_unknown", None, school, arithmetic=text(
            "estimate.on_request" if cost else "estimate.unknown", lang))

    amount = Decimal(str(cost["amount_eur"]))
    per, period = cost["per"], cost["period"]
    period_word = text("cost_period." + period, lang)
    published = published_price(cost, lang)
    estimate = CostEstimate("estimated", dict(cost), school)
    texts = [published]
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
            step_text = (f"{money(amount, lang)} × {_count_text(count, count_name, lang)} = "
                         f"{money(per_period, lang)} {period_word}")
            estimate.steps.append(Step("school_cost_per_period", "multiply", amount,
                                       Decimal(count), count_name, per_period, step_text))
            texts.append(step_text)

    # 2. spread a one-off cost over the years
    if per_period is not None:
        estimate.school_per_year = per_period / divisor
        if period == "once":
            step_text = (f"{money(per_period, lang)} ÷ "
                         f"{_count_text(school.years, 'years', lang)} = "
                         f"{money(estimate.school_per_year, lang)} "
                         f"{text('estimate.school_per_year', lang)}")
            estimate.steps.append(Step("spread_over_years", "divide", per_period, divisor,
                                       "years", estimate.school_per_year, step_text))
            texts.append(step_text)

    # 3. per pupil per year
    if estimate.school_per_year is not None and school.pupils is not None:
        estimate.per_pupil_per_year = estimate.school_per_year / school.pupils
        step_text = (f"{money(estimate.school_per_year, lang)} ÷ "
                     f"{_count_text(school.pupils, 'pupils', lang)} = "
                     f"{money(estimate.per_pupil_per_year, lang)} "
                     f"{text('estimate.pupil_per_year', lang)}")
        estimate.steps.append(Step("per_pupil", "divide", estimate.school_per_year,
                                   Decimal(school.pupils), "pupils",
                                   estimate.per_pupil_per_year, step_text))
        texts.append(step_text)
    elif per == "pupil":
        # A price per pupil is already per pupil: no school size needed.
        estimate.per_pupil_per_year = amount / divisor
        if period == "once":
            step_text = (f"{money(amount, lang)} ÷ {_count_text(school.years, 'years', lang)} = "
                         f"{money(estimate.per_pupil_per_year, lang)} "
                         f"{text('estimate.pupil_per_year', lang)}")
            estimate.steps.append(Step("per_pupil", "divide", amount, divisor, "years",
                                       estimate.per_pupil_per_year, step_text))
            texts.append(step_text)
    elif school.pupils is None and "pupils" not in estimate.missing:
        estimate.missing.append("pupils")

    for name in estimate.missing:
        texts.append(text("estimate.missing", lang, count=text("count_name." + name, lang),
                          param=f"`{name}`"))
    if estimate.missing:
        estimate.status = "counts_missing"
    estimate.arithmetic = "; ".join(texts)
    return estimate
