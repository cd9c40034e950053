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


# What either client raises when Meilisearch refuses, fails, hangs or is not there.
MEILI_ERRORS: tuple[type[Exception], ...] = (MeilisearchError, MeiliRefused, httpx.HTTPError)


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


def describe(exc: BaseException, url: str) -> str:
    """What went wrong, in one line, whichever client raised it."""
    refusal = _refusal(exc)
    if refusal is not None:
        status, code, message = refusal
        return f"{status} {code}: {message}" if code else f"{status}: {message}"
    if isinstance(exc, MeilisearchTimeoutError | httpx.TimeoutException):
        return f"Meilisearch at {url} did not answer in time ({type(exc).__name__})"
    if isinstance(exc, MeilisearchCommunicationError | httpx.TransportError):
        detail = exc.message if isinstance(exc, MeilisearchError) else str(exc)
        return f"Meilisearch at {url} is unreachable: {detail or type(exc).__name__}"
    message = exc.message if isinstance(exc, MeilisearchError) else str(exc)
    return f"Meilisearch at {url}: {message}"


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


async def post(url: str, api_key: str | None, path: str, body: Any,
               timeout_s: float) -> Any:
    """POST ``body`` to Meilisearch on the pooled client; the parsed answer.

    Raises one of ``MEILI_ERRORS`` or ``MeiliRefused``. The timeout bounds each step
    (connecting, sending, each wait for data), so a hung server costs one timeout.
    """
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    response = await _http_client().post(f"{url.rstrip('/')}{path}", json=body,
                                         headers=headers, timeout=timeout_s)
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
