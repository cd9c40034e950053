"""Builds the FastAPI application: routes, CORS, ETags, gzip, problem+json errors."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..db.repository import set_time_limit
from ..errors import InterventionsError
from ..ops.middleware import RequestContextMiddleware
from ..ops.production import check_production
from ..search.meili import close_http_client
from ..services.catalogue_context import catalogue_context
from ..settings import Settings, get_settings
from .openapi import install_openapi
from .problems import install_problem_handlers
from .routes import ROUTERS

DESCRIPTION = """
Open evidence database of anti-bullying and social-safety interventions for Dutch
schools: list, search, filter and compare interventions, with their evidence per
registry and per outcome. Read-only; no key needed.

Errors are `application/problem+json` (RFC 9457). Their `title`, `detail` and every
`errors[].message` are in Dutch, or in English when the request asks for it: `lang=en`
in the query string, or `"lang": "en"` in a JSON body. Field names, `type` and the
`allowed` values are the API's own keys in either language.
"""


# The HTML pages, /docs included (Swagger UI's files are served from here too), load
# scripts and styles from this origin only. Inline styles are allowed: the widget and
# Swagger UI set element styles; inline scripts are not.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'self'")


class SecurityHeadersMiddleware:
    """``nosniff`` on every response, a Content-Security-Policy on every HTML page, and
    HEAD answered wherever GET is: as the GET, without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = PAGE_CSP
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ETagMiddleware:
    """ETags derived from the catalogue version and the request; honours If-None-Match.

    The answer to a GET under /v1 depends only on the loaded catalogue, the day, the URL
    and the negotiated representation, so the tag is computed from those before the
    route runs, and a client that holds it gets a 304 without any work being done.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith("/v1/")):
            await self.app(scope, receive, send)
            return
        try:
            version = catalogue_context(self.settings.db_path).version
        except InterventionsError:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        # The day is part of it: freshness (`stale`, the ?stale filter) changes at midnight.
        # Accept-Encoding too: a gzipped body is another representation (GZipMiddleware).
        key = (f"{version}|{dt.date.today()}|{scope['path']}|"
               f"{scope['query_string'].decode('latin-1')}|{headers.get('accept')}|"
               f"{'gzip' in headers.get('accept-encoding', '')}")
        etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:20] + '"'
        if etag in headers.get("if-none-match", ""):
            await Response(status_code=304, headers={"ETag": etag})(scope, receive, send)
            return

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                response_headers = MutableHeaders(scope=message)
                if "x-search-degraded" not in response_headers:
                    response_headers["ETag"] = etag
                    response_headers.setdefault("Cache-Control", "public, max-age=60")
            await send(message)

        await self.app(scope, receive, send_with_etag)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_production(settings)  # production: refuse a missing or too powerful search key
    set_time_limit(settings.sqlite_time_limit_ms / 1000)  # a slow query cannot hold a worker
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The pool that runs sync routes and run_in_threadpool work.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        await close_http_client()  # the pooled connections to Meilisearch

    app = FastAPI(
        title="Interventions API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs is served by routes/web.py (Swagger UI from this server, a CSP); no
        # ReDoc, whose script FastAPI loads from a CDN.
        docs_url=None, redoc_url=None,
        # A redirect to the URL with(out) the slash would be built from the Host header.
        redirect_slashes=False,
    )
    app.state.settings = settings  # read by the SettingsDep dependency and the middlewares
    install_problem_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    install_openapi(app)  # errors documented as problem+json (api/openapi.py)
    app.add_middleware(ETagMiddleware, settings=settings)
    # Outside the ETag layer, so that a 304 stays empty and the tag is the body's.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["ETag", "X-Search-Degraded", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost: every response gets the request id, a log line and its metrics.
    app.add_middleware(RequestContextMiddleware,
                       metrics_enabled=settings.metrics_enabled)
    return app
