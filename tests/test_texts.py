"""The text catalogue: every key says its concept in Dutch and in English."""

from __future__ import annotations

from string import Formatter

from interventions_api.texts import TEXTS


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def test_every_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == {"nl", "en"}, key
        assert texts["nl"].strip() and texts["en"].strip(), key
        assert placeholders(texts["nl"]) == placeholders(texts["en"]), key
