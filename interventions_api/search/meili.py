"""How the project talks to Meilisearch, and the one place where what goes wrong on the way
becomes the project's error.

Two clients, one per kind of caller: the commands (index, keys) and the production key
check use the official ``meilisearch`` client, blocking, one call at a time; the API sends
its searches and readiness checks through one pooled ``httpx.AsyncClient``, so that
waiting for Meilisearch holds no thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from typing import Any

import httpx
import meilisearch
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)

from ..errors import LoadFailed, SearchUnavailable

log = logging.getLogger(__name__)


class MeiliRefused(Exception):
    """Meilisearch answered a search with an error (the httpx side of
    ``MeilisearchApiError``)."""

    def __init__(self, status: int, code: str | None, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class CircuitOpen(Exception):
    """Meilisearch failed too often in a row: the request was not sent."""


# What either client raises when Meilisearch refuses, fails, hangs or is not there.
MEILI_ERRORS: tuple[type[Exception], ...] = (
    MeilisearchError, MeiliRefused, httpx.HTTPError, CircuitOpen)


def admin_client(url: str, api_key: str | None, timeout_s: int = 30) -> meilisearch.Client:
    """The official client, for everything but the API's searches."""
    return meilisearch.Client(url.rstrip("/"), api_key, timeout=timeout_s)


def _refusal(exc: BaseException) -> tuple[int, str | None, str] | None:
    """Status, code and message of an error Meilisearch answered with; None for others."""
    if isinstance(exc, MeilisearchApiError):
        return exc.status_code, exc.code, exc.message
    if isinstance(exc, MeiliRefused):
        return exc.status, exc.code, exc.message
    return None


def describe(exc: BaseException, url: str | None) -> str:
    """What went wrong, in one line, whichever client raised it; ``url`` None leaves the
    address out (for what the public may read)."""
    where = f"Meilisearch at {url}" if url else "Meilisearch"
    refusal = _refusal(exc)
    if refusal is not None:
        status, code, message = refusal
        return f"{status} {code}: {message}" if code else f"{status}: {message}"
    if isinstance(exc, MeilisearchTimeoutError | httpx.TimeoutException):
        return f"{where} did not answer in time ({type(exc).__name__})"
    if isinstance(exc, MeilisearchCommunicationError | httpx.TransportError):
        detail = exc.message if isinstance(exc, MeilisearchError) else str(exc)
        if not url:
            detail = type(exc).__name__  # the error's text may hold the address
        return f"{where} is unreachable: {detail or type(exc).__name__}"
    message = exc.message if isinstance(exc, MeilisearchError) else str(exc)
    return f"{where}: {message}"


def not_found(exc: BaseException) -> bool:
    """Meilisearch said the index (or document) asked for does not exist."""
    refusal = _refusal(exc)
    return refusal is not None and refusal[1] in ("index_not_found", "document_not_found")


def load_failed(exc: BaseException, url: str, index: str) -> LoadFailed:
    """An index update that failed: the live index keeps serving."""
    return LoadFailed(f"Meilisearch index '{index}' not updated: {describe(exc, url)}")


def search_unavailable(exc: BaseException, url: str) -> SearchUnavailable:
    """A search that failed: the service answers from SQLite. Down, slow or broken is the
    server's state; a search Meilisearch rejected is our mistake, and logged as one."""
    problem = describe(exc, url)
    refusal = _refusal(exc)
    if refusal is not None and refusal[0] < 500:
        log.error("Meilisearch rejected a search (%s); answering from SQLite", problem)
    return SearchUnavailable(problem)


# One pooled client per event loop: in the service that is one per process (a worker
# runs one loop); tests and scripts may run loops one after another, and a connection
# belongs to the loop that opened it.
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = (
    weakref.WeakKeyDictionary())


def _http_client() -> httpx.AsyncClient:
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None:
        # Uncompressed: Meilisearch's compressed (chunked) answers reach the client only
        # after a delayed-acknowledgement wait, which a school would notice on every search;
        # the answers are small.
        client = _clients[loop] = httpx.AsyncClient(headers={"Accept-Encoding": "identity"})
    return client


async def close_http_client() -> None:
    """Close this event loop's client (at the app's shutdown)."""
    client = _clients.pop(asyncio.get_running_loop(), None)
    if client is not None:
        await client.aclose()


class Breaker:
    """A circuit breaker per Meilisearch: after ``FAILURES`` timeouts, connection errors or
    5xx in a row, requests fail at once (and searches go to SQLite) instead of each
    waiting out the timeout; after ``COOL_DOWN_S`` one request goes through as a probe,
    and its success closes the breaker. Per worker process, as the pooled client."""

    FAILURES = 3
    COOL_DOWN_S = 5.0

    def __init__(self) -> None:
        self.failures = 0
        self.opened_at: float | None = None

    def before(self) -> None:
        if self.opened_at is None:
            return
        now = time.monotonic()
        if now - self.opened_at < self.COOL_DOWN_S:
            raise CircuitOpen(f"failed {self.failures} times in a row; searching on SQLite "
                              f"until a probe succeeds")
        self.opened_at = now  # this request is the probe; the others still fail fast

    def record(self, ok: bool) -> None:
        if ok:
            if self.opened_at is not None:
                log.info("Meilisearch answers again; searching on it")
            self.failures, self.opened_at = 0, None
            return
        self.failures += 1
        if self.failures >= self.FAILURES and self.opened_at is None:
            log.warning("Meilisearch failed %d times in a row; searching on SQLite for "
                        "%g s before trying it again", self.failures, self.COOL_DOWN_S)
            self.opened_at = time.monotonic()


_breakers: dict[str, Breaker] = {}


def breaker(url: str) -> Breaker:
    return _breakers.setdefault(url, Breaker())


async def post(url: str, api_key: str | None, path: str, body: Any,
               timeout_s: float) -> Any:
    """POST ``body`` to Meilisearch on the pooled client; the parsed answer.

    Raises one of ``MEILI_ERRORS`` or ``MeiliRefused``. The timeout bounds each step
    (connecting, sending, each wait for data), so a hung server costs one timeout, and
    the breaker keeps it from costing one per request.
    """
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    circuit = breaker(url)
    circuit.before()
    try:
        response = await _http_client().post(f"{url.rstrip('/')}{path}", json=body,
                                             headers=headers, timeout=timeout_s)
    except httpx.TransportError:
        circuit.record(ok=False)
        raise
    circuit.record(ok=response.status_code < 500)
    if response.is_error:
        try:
            error = response.json()
        except ValueError:
            error = None
        if not isinstance(error, dict):
            error = {"message": response.text[:300]}
        raise MeiliRefused(response.status_code, error.get("code"),
                           str(error.get("message", "")))
    return response.json()
