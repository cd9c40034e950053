"""The text catalogue: every key says its concept in Dutch and in English, and every value
of the schema's closed sets that is shown to a school has its label."""

from __future__ import annotations

from string import Formatter
from typing import get_args

from interventions_api.match.weights import MONITOR_INDICATORS
from interventions_api.schema.intervention import FINDINGS, CostPer, CostPeriod
from interventions_api.texts import TEXTS


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
