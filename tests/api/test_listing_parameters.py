"""The listing's query parameters: one pydantic query model (query.ListingParameters),
validated and documented by FastAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.datastructures import URL

from interventions_api.query import ListingParameters


def listing(client: TestClient, query: str) -> dict:
    response = client.get("/v1/interventions?" + query)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_list_parameter_takes_every_value(client: TestClient) -> None:
    both = listing(client, "theme=bullying&theme=cyberbullying&per_page=100")["meta"]["total"]
    one = listing(client, "theme=bullying&per_page=100")["meta"]["total"]
    other = listing(client, "theme=cyberbullying&per_page=100")["meta"]["total"]
    assert max(one, other) < both <= one + other


def test_a_repeated_single_parameter_takes_the_last_value(client: TestClient) -> None:
    meta = listing(client, "per_page=5&page=1&page=2")["meta"]
    assert (meta["page"], meta["per_page"]) == (2, 5)


def test_unknown_parameters_are_ignored(client: TestClient) -> None:
    assert listing(client, "utm_source=portal&per_page=3")["meta"]["per_page"] == 3


def test_a_bad_value_is_named_with_its_value(client: TestClient) -> None:
    response = client.get("/v1/interventions?age=abc&per_page=0")
    assert response.status_code == 422
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert set(errors) == {"age", "per_page"}
    assert errors["age"]["value"] == "abc"


def test_the_document_lists_every_parameter_of_the_model(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/interventions"]["get"]
    documented = [(p["name"], p["in"]) for p in operation["parameters"]]
    assert documented == [(name, "query") for name in ListingParameters.model_fields]
    assert "422" in operation["responses"]


def test_page_links_keep_every_other_parameter_in_order(client: TestClient) -> None:
    query = "theme=bullying&theme=cyberbullying&page=2&per_page=2&lang=en&utm=a%20b"
    links = listing(client, query)["links"]
    url = URL("/v1/interventions?" + query)  # relative: no public URL is configured
    assert links["self"] == str(url)
    assert links["next"] == str(url.include_query_params(page=3))
    assert links["prev"] == str(url.include_query_params(page=1))
    assert links["next"].endswith("lang=en&utm=a+b&page=3")
