"""Fixtures for the match tests: answers for every realistic profile, fetched once."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .helpers import post_match
from .profiles import CURRENT_IDS, PROFILES


class Answers:
    """Responses of POST /v1/match for the realistic profiles, cached per session."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._json: dict[tuple[str, str], dict[str, Any]] = {}
        self._details: dict[str, dict[str, Any]] = {}

    def json(self, name: str, lang: str = "nl") -> dict[str, Any]:
        if (name, lang) not in self._json:
            response = post_match(self.client, PROFILES[name], lang)
            assert response.status_code == 200, response.text
            self._json[name, lang] = response.json()
        return self._json[name, lang]

    def detail(self, intervention_id: str) -> dict[str, Any]:
        if intervention_id not in self._details:
            response = self.client.get(f"/v1/interventions/{intervention_id}")
            assert response.status_code == 200, response.text
            self._details[intervention_id] = response.json()
        return self._details[intervention_id]


@pytest.fixture(scope="session")
def answers(client: TestClient) -> Answers:
    for intervention_id in CURRENT_IDS:
        assert client.get(f"/v1/interventions/{intervention_id}").status_code == 200, (
            f"the profiles name '{intervention_id}' as a current intervention; it must be in "
            "the catalogue")
    return Answers(client)


@pytest.fixture(scope="session")
def evidence_order(client: TestClient) -> list[str]:
    levels = client.get("/v1/vocabularies").json()["data"]["evidence_levels"]
    return [level["key"] for level in sorted(levels, key=lambda level: level["rank"])]


@pytest.fixture(scope="session")
def catalogue_size(client: TestClient) -> int:
    count: int = client.get("/v1/catalogue").json()["data"]["entry_count"]
    return count
