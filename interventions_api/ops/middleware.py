"""One middleware for every request: its id, its access-log line and its metrics.

Plain ASGI (not ``BaseHTTPMiddleware``), so that it sees the final status of every
response, including the ones other middlewares answer (304, CORS preflight), and sets the
request id in the context the route and the error handlers run in.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics
from .logs import REQUEST_ID

REQUEST_ID_HEADER = "X-Request-ID"
# An id from a client or proxy is kept only if it is short and plain: it ends up in logs.
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_log = logging.getLogger("interventions.access")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _ACCEPTED_ID.fullmatch(text) else None
    return None


def route_template(scope: Scope) -> str:
    """The path pattern that matched (``/v1/interventions/{intervention_id}``), so that
    metrics have one series per route rather than one per URL."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else metrics.UNMATCHED_ROUTE


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, metrics_enabled: bool = True) -> None:
        self.app = app
        self.metrics_enabled = metrics_enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            status = 500
            raise
        finally:
            # The request id stays set on purpose: each request runs in its own task
            # context, and the error handler that runs after an exception logs with it.
            self._record(scope, status, time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = route_template(scope)
        method = scope["method"]
        if self.metrics_enabled:
            metrics.observe_request(method, route, status, seconds)
        level = logging.ERROR if status >= 500 else logging.INFO
        access_log.log(
            level, "%s %s %d", method, scope["path"], status,
            extra={"method": method, "path": scope["path"], "route": route,
                   "status": status, "duration_ms": round(seconds * 1000, 2)},
        )
