"""A bad profile gets a 422 problem+json that names each bad field; no input gives a 500."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import post_match

PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}

def _problem(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


def _vocabulary(client: TestClient, section: str) -> list[str]:
    return sorted(term["key"] for term in client.get("/v1/vocabularies").json()["data"][section])


def test_every_bad_field_is_named_at_once_with_what_is_allowed(client: TestClient) -> None:
    body = _problem(post_match(client, {
        "school_type": "basisschool", "concerns": ["bullying", "pesten"],
        "approaches": ["restorative", "strict"], "school_concept": "steiner",
        "levels": ["klas"], "min_evidence": "proven", "current_interventions": ["kivaa"],
        "ages": {"min": 40, "max": 6}, "lang": "de", "limit": 0, "colour": "blue",
    }))
    errors = {e["field"]: e for e in body["errors"]}
    assert set(errors) == {"school_type", "concerns.1", "approaches.1", "school_concept",
                           "levels.0", "min_evidence", "current_interventions.0", "ages.max",
                           "lang", "limit", "colour"}
    assert errors["school_type"]["allowed"] == _vocabulary(client, "school_types")
    assert errors["concerns.1"]["allowed"] == _vocabulary(client, "themes")
    assert errors["concerns.1"]["value"] == "pesten"
    assert errors["approaches.1"]["allowed"] == _vocabulary(client, "approaches")
    assert errors["school_concept"]["allowed"] == _vocabulary(client, "school_concepts")
    assert errors["levels.0"]["allowed"] == ["class", "individual", "school"]
    assert "strong_indications" in errors["min_evidence"]["allowed"]
    assert errors["lang"]["allowed"] == ["nl", "en"]
    for field in errors:
        assert field in body["detail"]


def test_school_type_is_required_and_types_are_strict(client: TestClient) -> None:
    body = _problem(post_match(client, {"ages": {"min": "8", "max": 12},
                                        "budget": {"max_eur": -5, "per": "month"},
                                        "monitor": {"year": 2025, "results": [
                                            {"indicator": "sad", "share": 1.5}]}}))
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"school_type", "ages.min", "budget.max_eur", "budget.per",
                      "monitor.results.0.indicator", "monitor.results.0.share"}


def test_a_body_that_is_not_a_json_object_is_a_422(client: TestClient) -> None:
    for content in (b"", b"{not json", b"[1, 2]", b'"po"', b"\xff\xfe"):
        body = _problem(client.post("/v1/match", content=content, headers=JSON))
        assert body["errors"][0]["field"] == "body"


def test_a_body_over_64_kib_is_a_413(client: TestClient) -> None:
    padding = {"school_type": "po", "monitor": {"year": 2025, "source": "x" * 70_000,
                                                "results": []}}
    _problem(client.post("/v1/match", content=json.dumps(padding), headers=JSON), 413)
    chunks = (b"{" if i == 0 else b" " * 8192 for i in range(10))
    _problem(client.post("/v1/match", content=chunks, headers=JSON), 413)  # no length


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
FIELDS = ["school_type", "ages", "concerns", "approaches", "school_concept", "levels",
          "current_interventions", "min_evidence", "budget", "school_size",
          "max_training_hours", "monitor", "lang", "limit"]
PLAUSIBLE = {
    "school_type": st.sampled_from(["po", "vo", "so", "vso", "mbo", "xx"]),
    "concerns": st.lists(st.sampled_from(["bullying", "cyberbullying", "wellbeing", "x"])),
    "levels": st.lists(st.sampled_from(["individual", "class", "school"]), max_size=3),
    "ages": st.fixed_dictionaries({"min": st.integers(-1, 31), "max": st.integers(-1, 31)}),
    "budget": st.fixed_dictionaries({"max_eur": st.floats(-1, 1e7, allow_nan=False)}),
    "lang": st.sampled_from(["nl", "en", "fr"]),
    "limit": st.integers(-1, 101),
}
PROFILES = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6) | st.builds(
    lambda fixed, extra: {**extra, **fixed},
    st.fixed_dictionaries({}, optional=PLAUSIBLE), st.dictionaries(st.sampled_from(FIELDS),
                                                                   JSON_VALUES, max_size=2))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(profile=PROFILES)
def test_no_profile_makes_the_service_answer_500(client: TestClient,
                                                  profile: dict[str, Any]) -> None:
    response = post_match(client, profile)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["errors"]
    else:
        assert {"matches", "plan", "excluded"} <= set(response.json())


def test_a_span_given_high_to_low_is_the_same_span(client: TestClient) -> None:
    """The OpenAPI cannot say that max is at least min, so what it calls valid is read as
    meant: groep 8 to 5 is groep 5 to 8."""
    result = {"indicator": "bullied", "share": 0.1}
    base = {"school_type": "po", "concerns": ["bullying"]}
    forward = post_match(client, {**base, "ages": {"min": 8, "max": 11}, "monitor": {
        "year": 2025, "results": [{**result, "school_years": {"system": "groep", "min": 5,
                                                               "max": 8}}]}})
    backward = post_match(client, {**base, "ages": {"min": 11, "max": 8}, "monitor": {
        "year": 2025, "results": [{**result, "school_years": {"system": "groep", "min": 8,
                                                               "max": 5}}]}})
    assert forward.status_code == backward.status_code == 200, backward.text
    assert forward.json() == backward.json()


def test_leerjaar_runs_to_6_in_the_schema_and_the_service(client: TestClient) -> None:
    body = _problem(post_match(client, {"school_type": "vo", "monitor": {"year": 2025, "results": [
        {"indicator": "bullied", "share": 0.1,
         "school_years": {"system": "leerjaar", "min": 5, "max": 7}}]}}))
    assert [e["field"] for e in body["errors"]] == ["monitor.results.0.school_years.leerjaar.max"]
    openapi = client.get("/openapi.json").json()
    assert '"maximum": 6' in json.dumps(openapi) and "$defs" not in json.dumps(openapi)
