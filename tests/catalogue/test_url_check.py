"""The opt-in URL liveness check, against a real HTTP server started by the test."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from interventions_api.cli import main

ROUTES = {"/ok": 200, "/gone": 404, "/removed": 410, "/broken": 500, "/no-head": 200}
REDIRECTS = {"/moved": "/ok", "/moved-away": "/gone"}


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def _answer(self, with_body: bool) -> None:
        Handler.requests.append((self.command, self.path))
        if self.path in REDIRECTS:
            self.send_response(301)
            self.send_header("Location", REDIRECTS[self.path])
            self.end_headers()
            return
        if self.command == "HEAD" and self.path == "/no-head":
            self.send_response(405)
            self.end_headers()
            return
        status = ROUTES.get(self.path, 404)
        body = b"page"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(with_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(with_body=True)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_sources(root: Path, urls: list[str]) -> dict[str, int]:
    """Replace kiva's sources by ``urls``; returns each URL's line."""
    path = root / "interventions" / "kiva.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("sources:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    lines[start + 1:end] = [f"  - {url}" for url in urls]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {url: start + 2 + i for i, url in enumerate(urls)}


def test_check_urls_reports_gone_and_unreachable_at_their_lines(make_catalogue,
                                                                  server: str) -> None:
    root = make_catalogue(only=["kiva"])
    dead = f"http://127.0.0.1:{closed_port()}/nothing"
    urls = [f"{server}/ok", f"{server}/gone", f"{server}/removed", f"{server}/broken",
            f"{server}/moved", f"{server}/moved-away", f"{server}/no-head", dead]
    lines = with_sources(root, urls)
    result = CliRunner().invoke(main, ["validate", "--check-urls", "--url-timeout", "3",
                                       str(root)])
    reported = {}
    for out in result.output.splitlines():
        for url in urls:
            if f": {url} answers" in out:
                reported[url] = out
    assert set(reported) == {f"{server}/gone", f"{server}/removed", f"{server}/broken",
                             f"{server}/moved-away", dead}
    assert reported[f"{server}/gone"].endswith("HTTP 404 [url-broken]")
    assert reported[f"{server}/removed"].endswith("HTTP 410 [url-broken]")
    assert reported[f"{server}/moved-away"].endswith("HTTP 404 [url-broken]")
    assert reported[f"{server}/broken"].endswith("HTTP 500 [url-unreachable] (warning)")
    assert "cannot connect" in reported[dead] and "(warning)" in reported[dead]
    for url, out in reported.items():
        assert f"kiva.yaml:{lines[url]}:5: sources[" in out
    assert result.exit_code == 1, "a URL that is gone is an error"
    assert ("GET", "/no-head") in Handler.requests, "HEAD refused: retried with GET"


def test_urls_are_not_requested_without_the_flag(make_catalogue, server: str) -> None:
    root = make_catalogue(only=["kiva"])
    with_sources(root, [f"{server}/gone"])
    result = CliRunner().invoke(main, ["validate", str(root)])
    assert result.exit_code == 0
    assert Handler.requests == []


def test_each_distinct_url_is_requested_once(make_catalogue, server: str) -> None:
    root = make_catalogue(only=["kiva"])
    with_sources(root, [f"{server}/ok", f"{server}/ok?again", f"{server}/ok"])
    CliRunner().invoke(main, ["validate", "--check-urls", str(root)])
    assert sorted(Handler.requests) == [("HEAD", "/ok"), ("HEAD", "/ok?again")]
