"""The one place that renders errors: RFC 9457 problem+json for every failure.

Title, detail and every field message are in Dutch unless the request asks for English:
``lang=en`` in the query string, or ``"lang": "en"`` in a JSON body (the body wins). The
same rule as for the answers themselves; Accept-Language is not read, so that an error
never comes in another language than the answer would have.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from ..errors import PROBLEM_TYPES, FieldError, InterventionsError, field_errors, problem_detail
from ..texts import text

PROBLEM_JSON = "application/problem+json"
# nginx's status for "the client closed the connection before the answer": never sent (no
# one is listening), but it keeps the access log and the metrics apart from server errors.
CLIENT_CLOSED = 499
log = logging.getLogger(__name__)


def public_url(request: Request, path: str) -> str:
    """``path`` (with its query) under the configured public URL, or relative without one.
    Never from the request's Host header, which the client chooses."""
    base = request.app.state.settings.public_url
    return f"{base.rstrip('/')}{path}" if base else path


def problem_type(request: Request, slug: str) -> str:
    """The URI that documents the problem type (served by GET /problems/{slug})."""
    return public_url(request, f"/problems/{slug}")


def error_lang(request: Request, asked: Any = None) -> str:
    """'en' when the body (``asked``) or else the query string asks for English; 'nl'
    otherwise, an unknown ``lang`` included."""
    if asked not in ("nl", "en"):
        asked = request.query_params.get("lang")
    return "en" if asked == "en" else "nl"


def problem_response(request: Request, status: int, slug: str, detail: str, lang: str,
                     errors: list[FieldError] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    title = text(f"problem.{slug}.title", lang)
    body: dict[str, Any] = {"type": problem_type(request, slug), "title": title,
                            "status": status, "detail": detail,
                            "instance": request.url.path}
    if errors:
        body["errors"] = [e.as_dict(lang) for e in errors]
    headers = {**(headers or {}), "Content-Language": lang}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(InterventionsError)
    async def _domain(request: Request, exc: InterventionsError) -> JSONResponse:
        lang = error_lang(request, exc.lang)
        return problem_response(request, exc.status, exc.slug, exc.public_detail(lang), lang,
                                exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors(exc.errors())
        body = exc.body if isinstance(exc.body, dict) else {}
        lang = error_lang(request, body.get("lang"))
        return problem_response(request, 422, "invalid-input",
                                problem_detail("invalid-input", lang, errors), lang, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own (404 for no route, 405): the problem type's words, not its
        # English reason phrase.
        slug = next((slug for slug, status in PROBLEM_TYPES.items()
                     if status == exc.status_code),
                    "bad-request" if exc.status_code < 500 else "internal-error")
        lang = error_lang(request)
        return problem_response(request, exc.status_code, slug, problem_detail(slug, lang),
                                lang, headers=getattr(exc, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> Response:
        log.info("client disconnected before sending the whole request on %s",
                 request.url.path)
        return Response(status_code=CLIENT_CLOSED)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        lang = error_lang(request)
        return problem_response(request, 500, "internal-error",
                                problem_detail("internal-error", lang), lang)
