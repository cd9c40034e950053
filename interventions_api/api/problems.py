"""The one place that renders errors: RFC 9457 problem+json for every failure."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from ..errors import PROBLEM_TYPES, FieldError, InterventionsError, field_errors

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


def problem_response(request: Request, status: int, title: str, detail: str, slug: str,
                     errors: list[FieldError] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": problem_type(request, slug), "title": title,
                            "status": status, "detail": detail,
                            "instance": request.url.path}
    if errors:
        body["errors"] = [e.as_dict() for e in errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(InterventionsError)
    async def _domain(request: Request, exc: InterventionsError) -> JSONResponse:
        return problem_response(request, exc.status, exc.title, exc.detail, exc.slug,
                                exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors(exc.errors())
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        return problem_response(request, 422, "Invalid input", detail, "invalid-input", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug = next((slug for slug, (status, _, _) in PROBLEM_TYPES.items()
                     if status == exc.status_code), "http-error")
        title = PROBLEM_TYPES[slug][1] if slug in PROBLEM_TYPES else "HTTP error"
        return problem_response(request, exc.status_code, title, str(exc.detail), slug,
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> Response:
        log.info("client disconnected before sending the whole request on %s",
                 request.url.path)
        return Response(status_code=CLIENT_CLOSED)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return problem_response(request, 500, "Internal error",
                                "The service failed to answer; the error has been logged.",
                                "internal-error")
