"""Large responses are gzipped for clients that accept it; the headers stay as they are."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from tests.conftest import make_settings

LISTING = "/v1/interventions?per_page=50"
GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


def raw_get(client: TestClient, url: str,
            headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """The response and its body as sent, without httpx undoing the content coding."""
    with client.stream("GET", url, headers=headers) as response:
        return response, b"".join(response.iter_raw())


def test_a_large_listing_is_gzipped_when_asked_and_not_otherwise(client: TestClient) -> None:
    zipped, zipped_body = raw_get(client, LISTING, GZIP)
    plain, plain_body = raw_get(client, LISTING, IDENTITY)
    assert zipped.status_code == plain.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert len(plain_body) > 1000
    assert gzip.decompress(zipped_body) == plain_body
    assert len(zipped_body) < len(plain_body) / 3
    assert "accept-encoding" in zipped.headers["vary"].lower()
    for name in ("etag", "cache-control", "x-request-id"):
        assert name in zipped.headers and name in plain.headers


def test_small_responses_and_problems_are_sent_as_they_are(client: TestClient) -> None:
    for url in ("/healthz", "/v1/interventions?per_page=0"):
        response, _ = raw_get(client, url, GZIP)
        assert "content-encoding" not in response.headers
    problem, _ = raw_get(client, "/v1/interventions?per_page=0", GZIP)
    assert problem.headers["content-type"] == "application/problem+json"


def test_each_coding_has_its_own_etag_and_revalidates(client: TestClient) -> None:
    zipped = raw_get(client, LISTING, GZIP)[0].headers["etag"]
    plain = raw_get(client, LISTING, IDENTITY)[0].headers["etag"]
    assert zipped != plain
    again = client.get(LISTING, headers={**GZIP, "If-None-Match": zipped})
    assert again.status_code == 304 and again.content == b""


def test_a_degraded_answer_keeps_its_header_when_gzipped(loaded_db: Path) -> None:
    # Nothing listens on port 9: the search falls back to SQLite at once.
    settings = make_settings(loaded_db).model_copy(update={"meili_url": "http://127.0.0.1:9"})
    with TestClient(create_app(settings)) as client:
        response, _ = raw_get(client, LISTING, GZIP)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["x-search-degraded"] == "true"
    assert "etag" not in response.headers
