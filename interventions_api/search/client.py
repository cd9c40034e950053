"""A small Meilisearch HTTP client: requests, errors, and waiting for tasks.

The official client opens a new connection per call and has no notion of our timeouts;
the search path needs a kept-alive connection and a hard deadline, so we talk HTTP —
with the standard library's ``http.client``: a search is one short request on loopback,
and httpx's machinery cost about 0.7 ms of CPU and 2 ms of wall time per search
(docs/benchmarks.md), as much as Meilisearch needs to answer it.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson

TaskProgress = Callable[[dict[str, Any]], None]


class MeiliError(Exception):
    """Meilisearch answered with an error, or did not answer at all."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None,
                 unreachable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.unreachable = unreachable

    @property
    def server_side(self) -> bool:
        """Down, slow or broken (as opposed to a request the server rejected)."""
        return self.unreachable or (self.status is not None and self.status >= 500)


class TaskFailed(MeiliError):
    """An asynchronous task ended as failed or canceled."""

    def __init__(self, task: dict[str, Any]) -> None:
        error = task.get("error") or {}
        detail = error.get("message") or f"task ended as {task.get('status')}"
        super().__init__(f"{task.get('type')} task {task.get('uid')} on "
                         f"{task.get('indexUid') or 'all indexes'} {task.get('status')}: {detail}",
                         code=error.get("code"))
        self.task = task


@dataclass(frozen=True)
class ServerAddress:
    tls: bool
    host: str
    port: int
    prefix: str  # a path the server is mounted under, without the trailing slash
    netloc: str

    @classmethod
    def of(cls, url: str) -> ServerAddress:
        parts = urlsplit(url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise MeiliError(f"not a Meilisearch URL: {url!r} (expected http(s)://host:port)")
        tls = parts.scheme == "https"
        return cls(tls, parts.hostname, parts.port or (443 if tls else 80),
                   parts.path.rstrip("/"), parts.netloc)


class MeiliClient:
    """Thread-safe: each thread keeps its own kept-alive connection to the server."""

    def __init__(self, url: str, api_key: str | None, timeout_s: float) -> None:
        self.url = url.rstrip("/")
        server = ServerAddress.of(url)
        self._https = server.tls
        self._host = server.host
        self._port = server.port
        self._prefix = server.prefix
        self._timeout_s = timeout_s
        # No response compression: with gzip, Meilisearch 1.21's chunked responses arrive
        # about 45 ms later (measured on localhost, 3.5 ms → 52 ms median for a search),
        # and our responses are a few kilobytes at most.
        self._headers = {"Accept-Encoding": "identity", "Content-Type": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._local = threading.local()
        self._open: list[http.client.HTTPConnection] = []
        self._open_lock = threading.Lock()

    def close(self) -> None:
        with self._open_lock:
            connections, self._open = self._open, []
        for connection in connections:
            connection.close()

    def __enter__(self) -> MeiliClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            connection = kind(self._host, self._port, timeout=self._timeout_s)
            self._local.connection = connection
            with self._open_lock:
                self._open.append(connection)
        return connection

    def _drop_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
            with self._open_lock:
                if connection in self._open:
                    self._open.remove(connection)

    def _exchange(self, method: str, target: str, body: bytes | None) -> tuple[int, bytes]:
        # A kept-alive connection the server has closed in the meantime fails on first
        # use without an answer; one retry on a fresh connection tells that apart from a
        # server that is really gone. Timeouts are never retried: the deadline is the
        # deadline.
        for attempt in (1, 2):
            connection = self._connection()
            reused = connection.sock is not None
            try:
                connection.request(method, target, body=body, headers=self._headers)
                response = connection.getresponse()
                return response.status, response.read()
            except TimeoutError:
                self._drop_connection()
                raise
            except (http.client.HTTPException, OSError):
                self._drop_connection()
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def request(self, method: str, path: str, *, json: Any = None,
                params: dict[str, Any] | None = None) -> Any:
        target = self._prefix + path + (f"?{urlencode(params)}" if params else "")
        body = None if json is None else _dumps(json)
        try:
            status, content = self._exchange(method, target, body)
        except TimeoutError as exc:
            raise MeiliError(f"Meilisearch at {self.url} did not answer in time "
                             f"({type(exc).__name__})", unreachable=True) from exc
        except (http.client.HTTPException, OSError) as exc:
            raise MeiliError(f"Meilisearch at {self.url} is unreachable: "
                             f"{type(exc).__name__}: {exc}", unreachable=True) from exc
        return answer(method, path, status, content)

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params=params or None)

    def post(self, path: str, body: Any) -> Any:
        return self.request("POST", path, json=body)

    def patch(self, path: str, body: Any) -> Any:
        return self.request("PATCH", path, json=body)

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)

    def index_exists(self, uid: str) -> bool:
        try:
            self.get(f"/indexes/{uid}")
        except MeiliError as exc:
            if exc.code == "index_not_found":
                return False
            raise
        return True

    def wait_for_tasks(self, task_uids: list[int], *, timeout_s: float = 300.0,
                       on_wait: TaskProgress | None = None) -> list[dict[str, Any]]:
        """Wait until every task is finished; raise ``TaskFailed`` for the first that failed.

        ``on_wait`` is called (at most every few seconds) with a still-running task, so
        long work can report progress.
        """
        pending = list(dict.fromkeys(task_uids))
        finished: dict[int, dict[str, Any]] = {}
        deadline = time.monotonic() + timeout_s
        started = last_report = time.monotonic()
        polls = 0
        while pending:
            uids = ",".join(str(uid) for uid in pending)
            tasks = self.get("/tasks", uids=uids, limit=len(pending))["results"]
            for task in tasks:
                if task["status"] not in ("enqueued", "processing"):
                    finished[task["uid"]] = task
            pending = [uid for uid in pending if uid not in finished]
            if not pending:
                break
            if time.monotonic() > deadline:
                raise MeiliError(f"tasks {pending} still not finished after {timeout_s:.0f}s")
            if on_wait and time.monotonic() - last_report > 3.0:
                last_report = time.monotonic()
                running = [t for t in tasks if t["uid"] in pending]
                if running:
                    on_wait(running[0])
            time.sleep(poll_delay(polls, time.monotonic() - started))
            polls += 1
        results = [finished[uid] for uid in dict.fromkeys(task_uids)]
        for task in results:
            if task["status"] != "succeeded":
                raise TaskFailed(task)
        return results


def poll_delay(polls: int, waited_s: float) -> float:
    """Seconds to wait before the next look at a task, after ``polls`` looks over
    ``waited_s``. Small tasks (a swap, the sync state) finish in 5–20 ms: every 2 ms at
    first. Then a tenth of the time waited so far, up to 50 ms: a task is noticed at most
    about 10% late. (Growing by half per poll instead, the wait for the last batches of a
    1,000-entry load noticed them up to 40 ms late, a tenth of the load.)"""
    if polls < 10:
        return 0.002
    return min(0.05, max(0.002, waited_s / 10))


def answer(method: str, path: str, status: int, content: bytes) -> Any:
    """The parsed body of a response, or the ``MeiliError`` it stands for."""
    if status >= 400:
        try:
            error = _loads(content)
        except ValueError:
            error = None
        if not isinstance(error, dict):
            error = {"message": content[:300].decode("utf-8", "replace")}
        raise MeiliError(f"{method} {path}: {status} "
                         f"{error.get('code', '')}: {error.get('message', '')}".strip(),
                         status=status, code=error.get("code"))
    return _loads(content) if content else None


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)  # batches of 1,000 documents: the standard encoder is slow


_loads = orjson.loads


_shared: dict[tuple[str, str | None, float], MeiliClient] = {}
_shared_lock = threading.Lock()


def shared_client(url: str, api_key: str | None, timeout_s: float) -> MeiliClient:
    """One pooled client per server, key and timeout, for the request path (thread-safe)."""
    key = (url, api_key, timeout_s)
    client = _shared.get(key)
    if client is None:
        with _shared_lock:
            client = _shared.get(key)
            if client is None:
                client = _shared[key] = MeiliClient(url, api_key, timeout_s)
    return client
