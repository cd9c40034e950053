"""Dutch and English labels of the schema's small closed sets (findings, cost bases, cost
periods): one wording wherever the API, the comparison and the safety plan show them."""

from __future__ import annotations

from .schema.intervention import FINDINGS

Labels = dict[str, dict[str, str]]

FINDING_LABELS: Labels = {
    "positive": {"nl": "gunstig effect", "en": "favourable effect"},
    "no_effect": {"nl": "geen effect", "en": "no effect"},
    "mixed": {"nl": "wisselend effect", "en": "mixed effect"},
    "negative": {"nl": "ongunstig effect", "en": "unfavourable effect"},
}
assert set(FINDING_LABELS) == set(FINDINGS)

COST_BASIS_LABELS: Labels = {
    "school": {"nl": "school", "en": "school"},
    "pupil": {"nl": "leerling", "en": "pupil"},
    "class": {"nl": "klas", "en": "class"},
    "teacher": {"nl": "leerkracht", "en": "teacher"},
}

COST_PERIOD_LABELS: Labels = {
    "once": {"nl": "eenmalig", "en": "once"},
    "year": {"nl": "per jaar", "en": "per year"},
}


def prefixed(prefix: str, labels: Labels, before: dict[str, str] | None = None) -> Labels:
    """``labels`` keyed ``prefix.key``, each text optionally preceded by a word per language
    (e.g. 'per' → 'per leerling' / 'per pupil')."""
    return {
        f"{prefix}.{key}": {lang: f"{before[lang]} {text}" if before else text
                            for lang, text in texts.items()}
        for key, texts in labels.items()
    }
