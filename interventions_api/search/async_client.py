"""Searches on the event loop: POST to Meilisearch over kept-alive asyncio connections.

The search route waits on Meilisearch for most of its time. Doing that on the event
loop rather than in a worker thread saves two thread hand-offs per search, which on a
busy machine cost more than the rest of the request (docs/benchmarks.md). Responses are
parsed by httptools (the C parser uvicorn uses). The semantics are those of the
blocking client (client.py): the same errors, no compression, one retry when a
kept-alive connection turns out to be closed, and a deadline for the whole exchange.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import httptools
import orjson

from .client import MeiliError, ServerAddress, answer

MAX_IDLE = 16  # kept-alive connections per event loop; more are closed after use


class _Response:
    """httptools callbacks: collects one response."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.body = bytearray()
        self.complete = False
        self.status = 0
        self.keep_alive = False

    def on_headers_complete(self) -> None:
        # Read here: once the message is complete the parser is reset for the next one.
        self.status = self.parser.get_status_code()
        self.keep_alive = self.parser.should_keep_alive()

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        self.complete = True


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.used = False  # has answered a request before: may have been closed since

    def close(self) -> None:
        self.writer.close()

    async def exchange(self, request: bytes) -> tuple[int, bytes, bool]:
        """Send one request; the status, body and whether the connection may be reused."""
        self.writer.write(request)
        response = _Response()
        while not response.complete:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionResetError("Meilisearch closed the connection")
            response.parser.feed_data(data)
        self.used = True
        return response.status, bytes(response.body), response.keep_alive


class AsyncMeiliClient:
    """POST requests on the running event loop. Connections belong to the loop that
    opened them, so idle ones are kept per loop."""

    def __init__(self, url: str, api_key: str | None, timeout_s: float) -> None:
        self.url = url.rstrip("/")
        server = ServerAddress.of(url)
        self._tls = server.tls
        self.timeout_s = timeout_s
        self._host = server.host
        self._port = server.port
        self._prefix = server.prefix
        headers = [f"Host: {server.netloc}", "Content-Type: application/json",
                   "Accept-Encoding: identity"]  # why no gzip: see client.py
        if api_key:
            headers.append(f"Authorization: Bearer {api_key}")
        self._headers = "\r\n".join(headers)
        self._idle: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[_Connection]] = (
            weakref.WeakKeyDictionary())

    async def post(self, path: str, body: Any) -> Any:
        payload = orjson.dumps(body)
        request = (f"POST {self._prefix}{path} HTTP/1.1\r\n{self._headers}\r\n"
                   f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
        try:
            async with asyncio.timeout(self.timeout_s):
                status, content = await self._exchange(request)
        except TimeoutError as exc:
            raise MeiliError(f"Meilisearch at {self.url} did not answer in time "
                             f"(TimeoutError)", unreachable=True) from exc
        except OSError as exc:
            raise MeiliError(f"Meilisearch at {self.url} is unreachable: "
                             f"{type(exc).__name__}: {exc}", unreachable=True) from exc
        except httptools.HttpParserError as exc:
            raise MeiliError(f"Meilisearch at {self.url} sent a malformed response: {exc}",
                             unreachable=True) from exc
        return answer("POST", path, status, content)

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        idle = self._idle.setdefault(asyncio.get_running_loop(), [])
        for attempt in (1, 2):
            connection = idle.pop() if idle else await self._connect()
            try:
                status, answer, reusable = await connection.exchange(request)
            except (OSError, httptools.HttpParserError):
                connection.close()
                # A kept-alive connection the server has closed meanwhile: once more on a
                # fresh one. A new connection that fails means the server is gone.
                if connection.used and attempt == 1:
                    continue
                raise
            except BaseException:  # timeout, cancellation: the exchange is unfinished
                connection.close()
                raise
            if reusable and len(idle) < MAX_IDLE:
                idle.append(connection)
            else:
                connection.close()
            return status, answer
        raise AssertionError("unreachable")

    async def _connect(self) -> _Connection:
        reader, writer = await asyncio.open_connection(self._host, self._port,
                                                       ssl=True if self._tls else None)
        return _Connection(reader, writer)


_shared: dict[tuple[str, str | None, float], AsyncMeiliClient] = {}


def shared_async_client(url: str, api_key: str | None, timeout_s: float) -> AsyncMeiliClient:
    """One client per server, key and timeout. No lock: two event loops racing here
    would at worst each make a client, and the loser's is dropped."""
    key = (url, api_key, timeout_s)
    client = _shared.get(key)
    if client is None:
        client = _shared[key] = AsyncMeiliClient(url, api_key, timeout_s)
    return client
