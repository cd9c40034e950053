"""Request ids, JSON access logs and Prometheus metrics, on the real app and database."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.ops.logs import JsonFormatter
from interventions_api.services.catalogue_context import catalogue_context
from tests.conftest import make_settings

from .metrics_text import names, sample


@pytest.fixture(scope="module")
def app_client(loaded_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(loaded_db))) as client:
        yield client


def metrics(client: TestClient) -> str:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def test_a_request_id_is_made_and_returned(app_client: TestClient) -> None:
    first = app_client.get("/healthz").headers["x-request-id"]
    second = app_client.get("/healthz").headers["x-request-id"]
    assert len(first) == 32 and first != second


def test_a_sane_incoming_request_id_is_kept_and_a_strange_one_replaced(
        app_client: TestClient) -> None:
    kept = app_client.get("/healthz", headers={"X-Request-ID": "lb-42.abc:7"})
    assert kept.headers["x-request-id"] == "lb-42.abc:7"
    for strange in ("has space", "x" * 129, "quote\"s", "new\\nline"):
        replaced = app_client.get("/healthz", headers={"X-Request-ID": strange})
        assert replaced.headers["x-request-id"] != strange
    # Errors carry it too: a 404 and a 422 from the problem handler.
    assert app_client.get("/v1/interventions/nope").headers["x-request-id"]
    assert app_client.get("/v1/interventions?page=0").headers["x-request-id"]


def test_requests_are_counted_by_route_template(app_client: TestClient,
                                                real_catalogue) -> None:
    an_id = real_catalogue.entries[0].intervention.id
    route = "/v1/interventions/{intervention_id}"
    before = metrics(app_client)
    for _ in range(3):
        assert app_client.get(f"/v1/interventions/{an_id}").status_code == 200
    assert app_client.get("/v1/interventions/no-such-thing").status_code == 404
    assert app_client.get("/not/a/route").status_code == 404
    after = metrics(app_client)

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert delta("interventions_http_requests_total", route=route, status="200") == 3
    assert delta("interventions_http_requests_total", route=route, status="404") == 1
    assert delta("interventions_http_requests_total", route="<unmatched>", status="404") == 1
    assert delta("interventions_http_request_duration_seconds_count",
                 route=route, method="GET") == 4
    # One series per route, never one per URL.
    assert f'route="/v1/interventions/{an_id}"' not in after


def test_searches_are_counted_by_backend(app_client: TestClient) -> None:
    before = metrics(app_client)
    assert app_client.get("/v1/interventions", params={"q": "pesten"}).json()[
        "meta"]["search_backend"] == "sqlite"
    after = metrics(app_client)
    assert sample(after, "interventions_search_requests_total", backend="sqlite") - \
        sample(before, "interventions_search_requests_total", backend="sqlite") == 1
    assert sample(after, "interventions_search_degraded_total") == \
        sample(before, "interventions_search_degraded_total")
    assert {"interventions_search_requests_total", "interventions_search_degraded_total"} \
        <= names(after)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


class JsonLines(logging.Handler):
    """Formats each record when it is emitted (inside the request), as a stream would."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def json_logs() -> Iterator[JsonLines]:
    handler = JsonLines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_a_degraded_search_is_counted_and_logged_with_the_request_id(
        loaded_db: Path, json_logs: JsonLines) -> None:
    settings = make_settings(loaded_db).model_copy(update={
        "meili_url": f"http://127.0.0.1:{_closed_port()}", "meili_api_key": "irrelevant"})
    with TestClient(create_app(settings)) as client:
        before = metrics(client)
        response = client.get("/v1/interventions", params={"q": "pesten"},
                              headers={"X-Request-ID": "degraded-1"})
        assert response.headers.get("x-search-degraded") == "true"
        after = metrics(client)
    # The service's own warning, written in a worker thread, carries the request's id.
    warning = [line for line in json_logs.lines
               if line["logger"] == "interventions_api.services.interventions"]
    assert warning and warning[0]["request_id"] == "degraded-1"
    assert warning[0]["level"] == "warning"
    assert sample(after, "interventions_search_degraded_total") - \
        sample(before, "interventions_search_degraded_total") == 1
    assert sample(after, "interventions_search_requests_total", backend="sqlite") - \
        sample(before, "interventions_search_requests_total", backend="sqlite") == 1


def test_the_catalogue_version_is_exposed(app_client: TestClient, loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    text = metrics(app_client)
    assert sample(text, "interventions_catalogue_info", version=context.version) == 1
    assert sample(text, "interventions_catalogue_loaded") == 1
    assert sample(text, "interventions_catalogue_interventions") == context.load["entry_count"]


def test_metrics_can_be_switched_off(loaded_db: Path) -> None:
    with TestClient(create_app(make_settings(loaded_db, metrics_enabled=False))) as client:
        response = client.get("/metrics")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_access_log_lines_are_json_with_the_request_id(app_client: TestClient,
                                                       json_logs: JsonLines) -> None:
    response = app_client.get("/v1/interventions", params={"per_page": 1},
                              headers={"X-Request-ID": "trace-123"})
    line = next(item for item in json_logs.lines if item.get("request_id") == "trace-123"
                and item["logger"] == "interventions.access")
    assert response.headers["x-request-id"] == "trace-123"
    assert line["route"] == "/v1/interventions" and line["status"] == 200
    assert line["level"] == "info" and line["logger"] == "interventions.access"
    assert isinstance(line["duration_ms"], float)


def test_a_crash_is_logged_with_the_request_id(loaded_db: Path, json_logs: JsonLines) -> None:
    app = create_app(make_settings(loaded_db))

    def crash() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/crash-for-test", crash)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/crash-for-test", headers={"X-Request-ID": "crash-1"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    crashed = [line for line in json_logs.lines if line.get("request_id") == "crash-1"]
    assert {line["logger"] for line in crashed} >= {"interventions.access",
                                                    "interventions_api.api.problems"}
    assert any("RuntimeError: boom" in str(line.get("exception")) for line in crashed)
    access = next(line for line in crashed if line["logger"] == "interventions.access")
    assert access["status"] == 500 and access["level"] == "error"
