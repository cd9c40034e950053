"""The Meilisearch filter compiler: allow-listed names, quoted values, plain numbers."""

from __future__ import annotations

import pytest

from interventions_api.errors import InvalidInput
from interventions_api.query import InterventionQuery
from interventions_api.search.filters import MeiliFilters, number, quote

ORDER = ["not_assessed", "insufficient", "theoretically_sound", "first_indications",
         "good_indications", "strong_indications"]


@pytest.mark.parametrize(("value", "literal"), [
    ("bullying", '"bullying"'),
    ('a"b', '"a\\"b"'),
    ("a\\b", '"a\\\\b"'),
    ('\\"', '"\\\\\\""'),
    ("' OR 1", "\"' OR 1\""),
    ("", '""'),
])
def test_quote_escapes_backslashes_then_quotes(value: str, literal: str) -> None:
    assert quote(value) == literal


@pytest.mark.parametrize(("value", "literal"), [
    (7, "7"), (0, "0"), (350.0, "350.0"), (0.1, "0.1"), (1e20, "100000000000000000000"),
    (2.5e-7, "0.00000025"),
])
def test_numbers_are_plain_decimals(value: float, literal: str) -> None:
    assert number(value) == literal


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(InvalidInput):
        number(float("inf"))


def test_every_condition_is_its_own_parenthesised_element() -> None:
    query = InterventionQuery(school_type=["po", "vo"], theme=['x" OR id != "y'], age=9,
                              min_evidence="good_indications", max_cost_eur=500,
                              cost_per="school", include_unknown_cost=True)
    assert MeiliFilters(query, ORDER).expression() == [
        '(school_types IN ["po", "vo"])',
        '(themes IN ["x\\" OR id != \\"y"])',
        "(age_min <= 9)",
        "(age_max >= 9)",
        "(evidence_rank >= 4)",
        '((cost_amount_eur <= 500.0 AND cost_per = "school") OR cost_amount_eur IS NULL '
        'OR cost_per != "school")',
    ]


def test_a_facet_leaves_only_its_own_condition_out() -> None:
    query = InterventionQuery(school_type=["po"], theme=["bullying"],
                              min_evidence="first_indications")
    filters = MeiliFilters(query, ORDER)
    assert filters.expression(exclude="theme") == ['(school_types IN ["po"])',
                                                   "(evidence_rank >= 3)"]
    assert filters.expression(exclude="evidence_level") == ['(school_types IN ["po"])',
                                                            '(themes IN ["bullying"])']
    assert filters.active("theme") and not filters.active("level")
