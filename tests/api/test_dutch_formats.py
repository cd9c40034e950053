"""Dutch texts write numbers and dates the Dutch way ("0,5", "12,5%", "1 maart 2025"): the
prose of real Dutch responses (detail, comparison in JSON, CSV and Markdown, the match's
explanations) has no English decimal and no ISO date. Machine fields (a lone date, a
number) and what the catalogue quotes verbatim (an effect size as its study reports it,
a name such as "Cyberprogram 2.0") are not prose of ours and are left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])")  # 0.5, 12.5 (not 4.383)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

COMPARED = "kiva,kanjertraining,taakspel,pad,olweus,fourth-r"
PROFILE = {
    "school_type": "po", "ages": {"min": 8, "max": 12},
    "concerns": ["bullying", "cyberbullying"],
    "budget": {"max_eur": 3000.5, "per": "school", "period": "year"},
    "school_size": {"pupils": 300, "classes": 12, "teachers": 20},
    "max_training_hours": 16.5, "current_interventions": ["kanjertraining"], "limit": 30,
    "monitor": {"year": 2025, "source": "leerlingvragenlijst", "results": [
        {"indicator": "cyberbullied", "share": 0.145, "reference": 0.085,
         "school_years": {"system": "groep", "min": 7, "max": 8}}]},
}


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


@pytest.fixture(scope="module")
def verbatim(client: TestClient) -> list[str]:
    """Every free text of the catalogue (with a space: not a lone date or key), longest
    first: what the service quotes and does not write itself."""
    documents = client.get("/v1/export.json").json()["interventions"]
    texts = {s for s in strings(documents) if " " in s or re.search(r"[A-Za-z]\d|\d\.\d", s)}
    return sorted((t for t in texts if not ISO_DATE.fullmatch(t)), key=len, reverse=True)


def english_formats(text: str, verbatim: list[str]) -> list[str]:
    for quoted in verbatim:
        if quoted in text:
            text = text.replace(quoted, " ")
    return ENGLISH_DECIMAL.findall(text) + ISO_DATE.findall(text)


def prose(body: Any) -> list[str]:
    """The strings a person reads as a sentence (with a space), not machine values."""
    return [s for s in strings(body) if " " in s.strip()]


def test_dutch_responses_write_numbers_and_dates_the_dutch_way(
        client: TestClient, verbatim: list[str]) -> None:
    texts: list[str] = []
    for entry in COMPARED.split(","):
        texts += prose(client.get(f"/v1/interventions/{entry}").json())
    compare = f"/v1/compare?ids={COMPARED}&pupils=300&classes=12&teachers=20"
    texts += prose(client.get(compare).json())
    texts.append(client.get(compare + "&format=csv").text)
    texts.append(client.get(compare + "&format=markdown").text)
    match = client.post("/v1/match", json=PROFILE).json()
    texts += prose(match)
    found = {text[:120]: bad for text in texts if (bad := english_formats(text, verbatim))}
    assert found == {}


def test_the_scan_finds_english_formats(verbatim: list[str]) -> None:
    """The scan above can fail: it sees what it looks for, and only outside quotes."""
    assert english_formats("Kost € 450 (prijspeil 2024), 12.5% van uw budget", verbatim)
    assert english_formats("Laatst beoordeeld op 2025-03-01.", verbatim)
    assert not english_formats("Kost € 1.250,50; 12,5% van uw budget; 1 maart 2025", verbatim)
    effect = next(v for v in verbatim if ENGLISH_DECIMAL.search(v))
    assert not english_formats(f"gunstig effect ({effect})", verbatim)


def test_dutch_numbers_appear_where_the_profile_has_fractions(client: TestClient) -> None:
    text = " ".join(prose(client.post("/v1/match", json=PROFILE).json()))
    assert "14,5%" in text and "8,5%" in text  # the monitor's shares
    assert "€ 3.000,50" in text or "16,5" in text  # the budget or the training maximum
