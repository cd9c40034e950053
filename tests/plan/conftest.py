"""Fixtures for the plan tests: every profile's plan in every format, fetched once."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.routes.plan import PLAN_EXAMPLE
from tests.match.profiles import PROFILES

from .helpers import post_plan

# The match's realistic profiles, the OpenAPI example, and an mbo school (no law).
BODIES: dict[str, dict[str, Any]] = {
    **PROFILES, "openapi_example": PLAN_EXAMPLE,
    "mbo": {"school_type": "mbo", "concerns": ["bullying", "cyberbullying"]},
    "kanjertraining_in_use": {"school_type": "po", "concerns": ["bullying"],
                              "current_interventions": ["kanjertraining"]},
}


class Plans:
    """Responses of POST /v1/plan, cached per session."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._responses: dict[tuple[str, str, str], Any] = {}

    def get(self, name: str, media: str, lang: str = "nl") -> Any:
        key = (name, media, lang)
        if key not in self._responses:
            response = post_plan(self.client, {**BODIES[name], "lang": lang}, accept=media)
            assert response.status_code == 200, response.text
            self._responses[key] = response
        return self._responses[key]

    def document(self, name: str, lang: str = "nl") -> dict[str, Any]:
        document: dict[str, Any] = self.get(name, "application/json", lang).json()
        return document


@pytest.fixture(scope="session")
def plans(client: TestClient) -> Plans:
    return Plans(client)
