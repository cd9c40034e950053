"""The OpenAPI document says what the service accepts, both ways, on the cases
schemathesis (`--checks all`) found: a request the document calls valid is accepted, one
it calls invalid is refused."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

RESULT = {"indicator": "bullied", "share": 0.2}


def parameter(client: TestClient, path: str, name: str) -> Draft202012Validator:
    operation = client.get("/openapi.json").json()["paths"][path]["get"]
    [schema] = [p["schema"] for p in operation["parameters"] if p["name"] == name]
    return Draft202012Validator(schema)


def match_body(client: TestClient) -> Draft202012Validator:
    operation = client.get("/openapi.json").json()["paths"]["/v1/match"]["post"]
    return Draft202012Validator(operation["requestBody"]["content"]["application/json"]["schema"])


@pytest.mark.parametrize("values, valid", [([""], False), (["theme"], True),
                                           (["colour"], False)])
def test_facets(client: TestClient, values: list[str], valid: bool) -> None:
    assert parameter(client, "/v1/interventions", "facets").is_valid(values) is valid
    status = client.get("/v1/interventions", params={"facets": values}).status_code
    assert (status == 200) is valid


@pytest.mark.parametrize("name, value", [("theme", "nonsense"), ("level", ""),
                                         ("min_evidence", "excellent"), ("effect_on", ""),
                                         ("effect_on", "weather")])
def test_vocabulary_keys_are_enums(client: TestClient, name: str, value: str) -> None:
    schema = parameter(client, "/v1/interventions", name)
    assert not schema.is_valid([value] if name in ("theme", "level") else value)
    assert client.get("/v1/interventions", params={name: value}).status_code == 422


@pytest.mark.parametrize("ids, valid", [([""], False), (["kiva"], False),
                                        (["kiva", "kiva"], False), (["kiva", "taakspel"], True),
                                        (["kiva", "nonsense"], False)])
def test_compare_ids(client: TestClient, ids: list[str], valid: bool) -> None:
    assert parameter(client, "/v1/compare", "ids").is_valid(ids) is valid
    status = client.get("/v1/compare", params={"ids": ids}).status_code
    assert (status == 200) is valid


@pytest.mark.parametrize("profile, valid", [
    ({"school_type": "po", "levels": ["class", "school", "individual", "class"]}, False),
    ({"school_type": "po", "limit": 7.0}, True),
    ({"school_type": "po", "limit": 7.5}, False),
    ({"school_type": "po", "current_interventions": ["nonsense"]}, False),
    ({"school_type": "po", "monitor": {"year": 2025, "results": [
        {**RESULT, "ages": {"min": 8, "max": 10},
         "school_years": {"system": "groep", "min": 5, "max": 6}}]}}, False),
    ({"school_type": "po", "monitor": {"year": 2025, "results": [
        {**RESULT, "ages": None, "school_years": {"system": "groep", "min": 5, "max": 6}}]}},
     True),
    ({"school_type": "po", "school_size": {"pupils": 0}}, False),
])
def test_match_profiles(client: TestClient, profile: dict[str, Any], valid: bool) -> None:
    assert match_body(client).is_valid(profile) is valid
    assert (client.post("/v1/match", json=profile).status_code == 200) is valid


def plan_body(client: TestClient) -> Draft202012Validator:
    operation = client.get("/openapi.json").json()["paths"]["/v1/plan"]["post"]
    return Draft202012Validator(operation["requestBody"]["content"]["application/json"]["schema"])


@pytest.mark.parametrize("body, valid", [
    # a year of use is keyed by a catalogue id: the document lists the ids
    ({"school_type": "po", "current_interventions": ["kiva"], "in_use_since": {"kiva": 2020}},
     True),
    ({"school_type": "po", "in_use_since": {"nil": 2020}}, False),
    ({"school_type": "po", "in_use_since": {"\u00a0": 2020}}, False),
    # pupils in the school's terms, or in years, not both
    ({"school_type": "po", "school_years": {"system": "groep", "min": 5, "max": 8}}, True),
    ({"school_type": "po", "school_years": {"system": "groep", "min": 5, "max": 8},
      "ages": {"min": 8, "max": 12}}, False),
])
def test_plan_bodies(client: TestClient, body: dict[str, Any], valid: bool) -> None:
    assert plan_body(client).is_valid(body) is valid
    assert (client.post("/v1/plan", json=body).status_code == 200) is valid
