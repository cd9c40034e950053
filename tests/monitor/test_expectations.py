"""What the school's interventions were expected to move, from their effect verdicts on
the concern behind the indicator, and whether the figures moved that way. The entries are
picked from the loaded catalogue by verdict, so the tests do not depend on one programme's
current evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .helpers import report, with_verdict, yearly


def _indicator(client: TestClient, shares: dict[int, float], interventions: list[dict[str, Any]],
               lang: str = "nl") -> dict[str, Any]:
    answer = report(client, {"lang": lang, "surveys": yearly(shares),
                             "interventions": interventions})
    [indicator] = answer["indicators"]
    return indicator


@pytest.fixture(scope="module")
def works(loaded_db: Path) -> tuple[str, str]:
    return with_verdict(loaded_db, "bullying", "positive")


def test_a_fall_after_a_programme_shown_to_work_moved_as_expected_with_no_causal_claim(
        client: TestClient, works: tuple[str, str]) -> None:
    entry_id, name = works
    indicator = _indicator(client, {2023: 0.14, 2024: 0.12, 2025: 0.09},
                           [{"id": entry_id, "since": 2023}])
    assert indicator["moved_as_expected"] == "yes"
    assert indicator["expected"] == [{"id": entry_id, "name": name, "since": 2023,
                                      "concern": "bullying", "verdict": "positive",
                                      "label": "Gunstig effect op pesten"}]
    assert indicator["text"][1:] == [
        f"{name}, in gebruik sinds 2023, is in onderzoek effectief gebleken tegen pesten; de "
        "cijfers bewegen in de verwachte richting.",
        f"Of dat door {name} komt, kunnen deze cijfers niet laten zien."]


def test_a_rise_is_said_plainly_with_a_suggestion_to_look_closer(
        client: TestClient, works: tuple[str, str]) -> None:
    entry_id, name = works
    for lang, against, closer in (("nl", "tegen die verwachting in", "beter te kijken"),
                                  ("en", "against that expectation", "looking closer")):
        indicator = _indicator(client, {2023: 0.09, 2024: 0.11, 2025: 0.14},
                               [{"id": entry_id, "since": 2023}], lang)
        assert indicator["moved_as_expected"] == "no"
        text = " ".join(indicator["text"])
        assert against in text and closer in text
        assert f"door {name}" not in text and f"due to {name}" not in text


def test_no_clear_movement_is_unclear(client: TestClient, works: tuple[str, str]) -> None:
    indicator = _indicator(client, {2023: 0.10, 2024: 0.11, 2025: 0.10},
                           [{"id": works[0], "since": 2023}])
    assert indicator["moved_as_expected"] == "unclear"
    assert "geen duidelijke beweging" in indicator["text"][1]


def test_only_the_years_since_the_programme_began_count(
        client: TestClient, works: tuple[str, str]) -> None:
    shares = {2021: 0.20, 2022: 0.10, 2023: 0.10, 2024: 0.12}
    # Overall the share fell; from 2023, when the programme began, it rose.
    from_2023 = _indicator(client, shares, [{"id": works[0], "since": 2023}])
    assert from_2023["change_per_year"] < 0
    assert from_2023["moved_as_expected"] == "no"
    # In use throughout (no year given): every year counts.
    throughout = _indicator(client, shares, [{"id": works[0]}])
    assert throughout["moved_as_expected"] == "yes"
    assert throughout["text"][1].startswith(f"{works[1]} is in onderzoek effectief")


def test_one_survey_since_the_programme_began_is_too_early_to_tell(
        client: TestClient, works: tuple[str, str]) -> None:
    indicator = _indicator(client, {2024: 0.12, 2025: 0.09}, [{"id": works[0], "since": 2025}])
    assert indicator["moved_as_expected"] == "unclear"
    assert "sinds 2025 is er één meting" in indicator["text"][1]


def test_a_programme_without_a_shown_effect_sets_no_expectation(
        client: TestClient, loaded_db: Path) -> None:
    entry_id, name = with_verdict(loaded_db, "bullying", "no_effect")
    indicator = _indicator(client, {2023: 0.14, 2025: 0.09}, [{"id": entry_id, "since": 2023}])
    assert indicator["moved_as_expected"] is None
    assert indicator["expected"][0]["verdict"] == "no_effect"
    assert indicator["text"][1] == (f"Voor {name} vond onderzoek geen effect op pesten; een "
                                    "daling is daarvan niet te verwachten.")


def test_a_programme_not_studied_on_the_concern_is_listed_but_sets_nothing(
        client: TestClient, loaded_db: Path) -> None:
    entry_id, _ = with_verdict(loaded_db, "sexual_boundaries", "not_studied")
    answer = report(client, {"surveys": yearly({2024: 0.03, 2025: 0.05}, "sexual_harassment"),
                             "interventions": [{"id": entry_id, "since": 2024}]})
    [indicator] = answer["indicators"]
    assert indicator["moved_as_expected"] is None
    assert indicator["expected"][0]["verdict"] == "not_studied"
    assert indicator["text"][-1].startswith("Geen van de programma's in gebruik is onderzocht")


def test_with_one_year_there_is_no_trend_and_no_judgement(
        client: TestClient, works: tuple[str, str]) -> None:
    for lang, needs in (("nl", "twee of meer jaren"), ("en", "two or more years")):
        indicator = _indicator(client, {2025: 0.09}, [{"id": works[0], "since": 2025}], lang)
        assert indicator["change_per_year"] is None
        assert indicator["moved_as_expected"] is None
        assert len(indicator["points"]) == 1
        assert needs in indicator["text"][0]
