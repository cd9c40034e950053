"""POST /v1/match answers JSON only: the plan as a document is POST /v1/plan."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .helpers import post_match


@pytest.mark.parametrize("accept", ["application/json", "*/*", None, "application/*",
                                    "text/html, */*;q=0.8", "application/problem+json, "
                                    "application/json;q=0.5"])
def test_json_whenever_the_client_accepts_it(client: TestClient, accept: str | None) -> None:
    response = post_match(client, {"school_type": "po"}, accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "Accept" in response.headers["vary"].split(", ")


@pytest.mark.parametrize("accept", ["text/markdown", "text/html", "application/json;q=0"])
def test_an_accept_without_json_is_a_406_problem(client: TestClient, accept: str) -> None:
    response = post_match(client, {"school_type": "po"}, accept=accept)
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "/v1/plan" in client.get("/openapi.json").json()["paths"]["/v1/match"]["post"][
        "responses"]["406"]["description"]


def test_plan_warnings_are_objects_like_the_matches_warnings(client: TestClient) -> None:
    profile = {"school_type": "po", "concerns": ["bullying"],
               "current_interventions": ["kanjertraining"]}
    plan = post_match(client, profile).json()["plan"]
    item = next(item for level in plan.values() for item in level["interventions"]
                if item["id"] == "kanjertraining")
    codes = [w["code"] for w in item["warnings"]]
    assert "no_effect_verdict_on_concern" in codes
    assert all(set(w) == {"code", "message"} and w["message"] for w in item["warnings"])
