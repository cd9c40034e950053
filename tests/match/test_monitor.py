"""Monitor signals: the yearly pupil survey raises the weight of the concerns it points to,
and the fit text says so."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .helpers import client_for, copy_catalogue, post_match, set_field, twin

PROFILE: dict[str, Any] = {"school_type": "po", "concerns": ["bullying", "cyberbullying"],
                           "limit": 100}


def _answer(client: TestClient, profile: dict[str, Any]) -> dict[str, Any]:
    response = post_match(client, profile)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _fit(match: dict[str, Any], criterion: str) -> dict[str, Any]:
    return next(f for f in match["fit"] if f["criterion"] == criterion)


def _monitor(*results: dict[str, Any]) -> dict[str, Any]:
    return {"year": 2025, "source": "test survey", "results": list(results)}


def test_a_signal_raises_the_weight_of_its_concern_and_says_so(client: TestClient) -> None:
    plain = _answer(client, PROFILE)
    signalled = _answer(client, {**PROFILE, "lang": "en", "monitor": _monitor(
        {"indicator": "cyberbullied", "share": 0.3})})
    assert plain["meta"]["concern_weights"] == {"bullying": 1.0, "cyberbullying": 1.0}
    weights = signalled["meta"]["concern_weights"]
    assert weights["bullying"] == 1.0 and weights["cyberbullying"] > 1.0
    for match in signalled["matches"]:
        text = _fit(match, "concern_themes")["text"]
        assert "30%" in text and "2025" in text and "Cyberbullying" in text
    # An entry that addresses cyberbullying and not bullying now fits the concerns better.
    before = {m["id"]: m for m in plain["matches"]}
    for match in signalled["matches"]:
        themes = set(match["themes"])
        if "cyberbullying" in themes and "bullying" not in themes:
            assert (_fit(match, "concern_themes")["score"]
                    > _fit(before[match["id"]], "concern_themes")["score"])


def test_a_share_at_or_below_its_reference_raises_nothing(client: TestClient) -> None:
    answer = _answer(client, {**PROFILE, "lang": "nl", "monitor": _monitor(
        {"indicator": "cyberbullied", "share": 0.05, "reference": 0.08},
        {"indicator": "unsafe", "share": 0.05, "reference": 0.1})})
    assert answer["meta"]["concern_weights"] == {"bullying": 1.0, "cyberbullying": 1.0}
    text = _fit(answer["matches"][0], "concern_themes")["text"]
    assert "verhoogt het gewicht van Online pesten niet" in text


def test_a_signal_adds_a_concern_the_profile_did_not_name(client: TestClient) -> None:
    answer = _answer(client, {"school_type": "po", "monitor": _monitor(
        {"indicator": "bullied", "share": 0.2})})
    assert answer["meta"]["concern_weights"] == {"bullying": pytest.approx(0.8)}
    assert all(_fit(m, "concern_themes")["applies"] for m in answer["matches"])


@pytest.fixture(scope="module")
def ages_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("monitor")
    root = copy_catalogue(folder / "catalogue", ["kiva"])
    set_field(root, "kiva", "age_range", "{min: 4, max: 12}")
    twin(root, "kiva", "a-kiva-young")
    set_field(root, "a-kiva-young", "age_range", "{min: 4, max: 7}")
    return client_for(root, folder / "monitor.db")


def test_a_signal_in_groep_7_8_counts_half_for_an_entry_that_stops_at_age_7(
        ages_client: TestClient) -> None:
    answer = _answer(ages_client, {"school_type": "po", "concerns": ["bullying"], "lang": "en",
                                   "monitor": _monitor({
                                       "indicator": "bullied", "share": 0.25,
                                       "school_years": {"system": "groep", "min": 7,
                                                        "max": 8}})})
    by_id = {m["id"]: m for m in answer["matches"]}
    young, full = by_id["a-kiva-young"], by_id["kiva"]
    assert _fit(young, "concern_themes")["score"] < _fit(full, "concern_themes")["score"]
    assert [m["id"] for m in answer["matches"]] == ["kiva", "a-kiva-young"]
    assert "signal_out_of_reach" in {w["code"] for w in young["warnings"]}
    assert "groep 7–8" in _fit(young, "concern_themes")["text"]
