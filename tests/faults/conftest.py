"""Fault tests: a real API process (uvicorn) under load while something breaks.

The API runs as a subprocess (``bench.harness.ApiServer``) so that what is measured is a
real HTTP server with its own threads; the load comes from ``bench.driver`` in a
background thread while the test breaks something in the foreground.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.driver import LoadResult, Request, run_load
from bench.harness import ApiServer


class BackgroundLoad:
    """``run_load`` in a thread: start it, break something, then ``result()``."""

    def __init__(self, url: str, requests: list[Request], **kwargs: Any) -> None:
        self.stop = threading.Event()
        self._result: LoadResult | None = None
        self._error: BaseException | None = None

        def target() -> None:
            try:
                self._result = run_load(url, requests, stop=self.stop, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - re-raised in result()
                self._error = exc

        self._thread = threading.Thread(target=target, daemon=True)
        self._thread.start()

    def result(self, timeout: float = 120.0, *, stop: bool = False) -> LoadResult:
        """Wait for the load to end (``stop``: end it now) and return what it measured."""
        if stop:
            self.stop.set()
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the load did not finish"
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


@pytest.fixture
def start_api(tmp_path: Path) -> Iterator[Callable[..., ApiServer]]:
    """``start_api(env, **kwargs)``: a started API process, stopped after the test."""
    servers: list[ApiServer] = []

    def start(env: dict[str, str], **kwargs: Any) -> ApiServer:
        server = ApiServer(env, tmp_path / f"api-{len(servers)}.log", **kwargs)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


def describe(result: LoadResult, limit: int = 5) -> str:
    lines = [f"{result.summary()}"]
    for outcome in result.failures[:limit]:
        lines.append(f"{outcome.request.method} {outcome.request.path}: {outcome.status} "
                     f"{outcome.error}")
    return "\n".join(lines)
