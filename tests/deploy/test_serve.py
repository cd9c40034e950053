"""`interventions serve` as a real process with two workers: JSON logs with the request
id, and /metrics adding up the counts of both workers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .metrics_text import sample

WORKERS = 2
REQUESTS = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    def __init__(self, url: str, log: Path, metrics_dir: Path) -> None:
        self.url, self.log, self.metrics_dir = url, log, metrics_dir


@pytest.fixture(scope="module")
def served(loaded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    metrics_dir = folder / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"left over from an earlier run")
    log = folder / "serve.log"
    port = _free_port()
    env = {**os.environ, "INTERVENTIONS_DB_PATH": str(loaded_db),
           "INTERVENTIONS_LOG_FORMAT": "json", "INTERVENTIONS_WORKERS": str(WORKERS),
           "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    for name in ("INTERVENTIONS_MEILI_URL", "INTERVENTIONS_ENVIRONMENT"):
        env.pop(name, None)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "interventions_api.cli", "serve", "--port", str(port)],
            env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield Served(url, log, metrics_dir)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_metrics_add_up_every_worker(served: Served) -> None:
    before = httpx.get(f"{served.url}/metrics", timeout=5).text
    for _ in range(REQUESTS):  # a new connection each time, so both workers take some
        assert httpx.get(f"{served.url}/healthz", timeout=5).status_code == 200
    after = httpx.get(f"{served.url}/metrics", timeout=5).text
    labels = {"route": "/healthz", "status": "200", "method": "GET"}
    assert sample(after, "interventions_http_requests_total", **labels) - \
        sample(before, "interventions_http_requests_total", **labels) == REQUESTS
    # Both workers keep their counts in the shared folder; the stale file is gone.
    writers = {path.stem.rsplit("_", 1)[-1] for path in served.metrics_dir.glob("*.db")}
    assert len(writers) >= WORKERS and "999999" not in writers


def test_logs_are_json_lines_with_the_request_id(served: Served) -> None:
    response = httpx.get(f"{served.url}/v1/interventions", params={"per_page": 1},
                         headers={"X-Request-ID": "serve-test-1"}, timeout=5)
    assert response.headers["x-request-id"] == "serve-test-1"
    deadline = time.monotonic() + 5
    while True:
        lines = [json.loads(line) for line in served.log.read_text().splitlines()
                 if line.startswith("{")]
        access = [line for line in lines if line.get("request_id") == "serve-test-1"]
        if access or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert access, served.log.read_text()[-2000:]
    assert access[0]["route"] == "/v1/interventions" and access[0]["status"] == 200
    # Every line the service wrote is JSON (uvicorn's own lines included).
    text_lines = [line for line in served.log.read_text().splitlines() if line.strip()]
    assert all(line.startswith("{") for line in text_lines), text_lines[:5]
