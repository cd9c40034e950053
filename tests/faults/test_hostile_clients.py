"""Clients that misbehave on the wire, against a real ``interventions serve``: a body cut
off mid-way, a request that never finishes its headers."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.harness import ApiServer, api_env
from tests.deploy.metrics_text import sample


def _send_and_close(api: ApiServer, data: bytes) -> None:
    with socket.create_connection(("127.0.0.1", api.port), timeout=5) as sock:
        sock.sendall(data)
        time.sleep(0.2)  # the server is now waiting for the rest of the body


def test_a_client_that_leaves_mid_body_is_no_server_error(
        loaded_db: Path, start_api: Callable[..., ApiServer]) -> None:
    api = start_api(api_env(loaded_db, log_level="info"))
    body = b'{"school_type": "po", "levels": ["class"]'
    for _ in range(3):
        _send_and_close(api, b"POST /v1/match HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                        + body)
    time.sleep(0.5)
    metrics = httpx.get(api.url + "/metrics").text
    log = api.log_path.read_text()
    assert sample(metrics, "interventions_http_requests_total", status="500") == 0, log
    assert "Traceback" not in log
    assert log.count("client disconnected") == 3, log
    assert httpx.post(api.url + "/v1/match", json={"school_type": "po"}).status_code in (
        200, 422)


def test_half_sent_requests_cannot_take_every_connection(
        loaded_db: Path, start_api: Callable[..., ApiServer]) -> None:
    """uvicorn has no read timeout for headers or bodies (the reverse proxy has them,
    docs/deploy.md); the cap on connections per worker keeps a flood of half-sent
    requests from using up the process's file descriptors: beyond it, 503 at once."""
    api = start_api(api_env(loaded_db, max_connections=4), workers=1)
    held = [socket.create_connection(("127.0.0.1", api.port), timeout=5) for _ in range(4)]
    try:
        for sock in held:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # no end of headers
        time.sleep(0.3)
        refused = httpx.get(api.url + "/healthz", timeout=5)
    finally:
        for sock in held:
            sock.close()
    assert refused.status_code == 503
    time.sleep(0.3)
    assert httpx.get(api.url + "/healthz", timeout=5).status_code == 200
