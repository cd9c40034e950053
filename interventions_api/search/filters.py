"""The query model's filters as a Meilisearch filter, safe against injection.

Attribute names come only from the allow-list in ``documents.py``; every string value is
double-quoted with backslashes and quotes escaped; numbers are formatted here from
validated ints and floats. Each condition is one element of the filter array (the
elements are ANDed by Meilisearch) and is parenthesised, so no value can change the
structure of the expression: ``bullying" OR id != "x`` is one (non-matching) value.
"""

from __future__ import annotations

import math
from decimal import Decimal

from ..errors import FieldError, InvalidInput, Say
from ..query import InterventionQuery
from .documents import TERM_FIELDS


def quote(value: str) -> str:
    """A Meilisearch string literal: ``"`` + value with ``\\`` and ``"`` escaped + ``"``."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(value: float | int) -> str:
    """A plain decimal literal (Meilisearch's grammar has no exponent notation)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput("a number must be finite",
                           [FieldError("max_cost_eur", Say("error.finite_number"), str(value))])
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


class MeiliFilters:
    """The conditions of one query; ``expression(exclude=facet)`` leaves a facet's own
    condition out, for disjunctive facet counts (as ``db.repository.Filters`` does)."""

    def __init__(self, query: InterventionQuery, evidence_order: list[str]) -> None:
        self.query = query
        self.evidence_order = evidence_order

    def active(self, facet: str) -> bool:
        """Whether the query filters on this facet (so its counts need their own query)."""
        if facet == "evidence_level":
            return self.query.min_evidence is not None
        return bool(self.query.terms(facet))

    def expression(self, exclude: str | None = None) -> list[str]:
        q = self.query
        conditions: list[str] = []
        for facet, field in TERM_FIELDS.items():
            values = q.terms(facet)
            if values and facet != exclude:
                conditions.append(f"({field} IN [{', '.join(quote(v) for v in values)}])")
        if q.age is not None:
            conditions.append(f"(age_min <= {number(int(q.age))})")
            conditions.append(f"(age_max >= {number(int(q.age))})")
        if q.min_evidence and exclude != "evidence_level":
            if q.min_evidence not in self.evidence_order:
                raise InvalidInput(
                    f"unknown evidence level '{q.min_evidence}'",
                    [FieldError("min_evidence",
                                Say("error.evidence_level", {"value": q.min_evidence}),
                                q.min_evidence,
                                self.evidence_order)])
            rank = self.evidence_order.index(q.min_evidence)
            conditions.append(f"(evidence_rank >= {number(rank)})")
        if q.max_cost_eur is not None:
            known = f"cost_amount_eur <= {number(float(q.max_cost_eur))}"
            if q.cost_per:
                known = f"{known} AND cost_per = {quote(q.cost_per)}"
            if q.include_unknown_cost:
                # Unknown cost, or cost on another basis that cannot be compared.
                unknown = "cost_amount_eur IS NULL"
                if q.cost_per:
                    unknown += f" OR cost_per != {quote(q.cost_per)}"
                conditions.append(f"(({known}) OR {unknown})")
            else:
                conditions.append(f"({known})")
        if q.available_in_nl is not None:
            # Unknown (null) matches neither true nor false, as in SQLite.
            conditions.append(f"(available_nl = {'true' if q.available_in_nl else 'false'})")
        if q.effect_on:
            conditions.append(f"(effects_positive = {quote(q.effect_on)})")
        if q.stale is not None:
            # Same rule as db.repository.Filters: stale = review_due before `today`.
            day = number(int(q.today.strftime("%Y%m%d")))
            conditions.append(f"(review_due_yyyymmdd < {day})" if q.stale else
                              f"(review_due_yyyymmdd >= {day} OR review_due_yyyymmdd IS NULL)")
        return conditions
