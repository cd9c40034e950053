"""The text catalogue: every key says its concept in Dutch and in English, and every value
of the schema's closed sets that is shown to a school has its label."""

from __future__ import annotations

from string import Formatter
from typing import get_args

import pytest

from interventions_api.match.weights import MONITOR_INDICATORS
from interventions_api.schema.intervention import FINDINGS, CostPer, CostPeriod
from interventions_api.texts import TEXTS, country_name, study_reference


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def test_every_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == {"nl", "en"}, key
        assert texts["nl"].strip() and texts["en"].strip(), key
        assert placeholders(texts["nl"]) == placeholders(texts["en"]), key
    closed_sets = {"finding": FINDINGS, "cost_basis": get_args(CostPer),
                   "cost_period": get_args(CostPeriod), "indicator": MONITOR_INDICATORS}
    for prefix, values in closed_sets.items():
        assert {f"{prefix}.{value}" for value in values} <= set(TEXTS), prefix


@pytest.mark.parametrize("citation,year,nl,en", [
    ("Orobio de Castro, B., Mulder, S., & Scholte, R. (2018). Wat werkt tegen pesten?", 2018,
     "het onderzoek van Orobio de Castro e.a. (2018)",
     "the study by Orobio de Castro et al. (2018)"),
    ("Boerefijn, J. (2012). Gelukkig in zes lessen.", 2012,
     "het onderzoek van Boerefijn (2012)", "the study by Boerefijn (2012)"),
    ("What Works Clearinghouse (2015). Check & Connect.", 2015,
     "het onderzoek van What Works Clearinghouse (2015)",
     "the study by What Works Clearinghouse (2015)"),
    ("An RCT of Dating Matters: effects on teen dating violence", 2019,
     "een onderzoek uit 2019", "a study from 2019"),
    ("", None, "een onderzoek", "a study"),
])
def test_a_study_is_named_as_a_reader_finds_it_under_the_sources(
        citation: str, year: int | None, nl: str, en: str) -> None:
    assert study_reference(citation, year, "nl") == nl
    assert study_reference(citation, year, "en") == en


def test_countries_are_named_in_the_language() -> None:
    assert country_name("NL", "nl") == "Nederland"
    assert country_name("gb", "en") == "United Kingdom"
    assert country_name(None, "nl") is None
