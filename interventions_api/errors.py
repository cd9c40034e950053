"""The one error hierarchy. The API renders every one of them as problem+json (RFC 9457)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Every problem type, documented at GET /problems/{slug} (the `type` URI points there).
PROBLEM_TYPES: dict[str, tuple[int, str, str]] = {
    "invalid-input": (422, "Invalid input",
                      "A parameter or body field is malformed or not an allowed value. "
                      "`errors` names each field, the value given and what is allowed."),
    "not-found": (404, "Not found", "No resource at this path, or no entry with this id."),
    "method-not-allowed": (405, "Method not allowed",
                           "The API is read-only: only GET (and POST /v1/match, /v1/plan) exist."),
    "catalogue-not-loaded": (503, "Catalogue not loaded",
                             "The database holds no catalogue yet; an operator must run "
                             "`interventions load`."),
    "search-unavailable": (503, "Search engine unavailable",
                           "Meilisearch did not answer; listings fall back to SQLite."),
    "load-failed": (500, "Load failed",
                    "A load or reindex did not happen; the previous data keeps serving."),
    "not-acceptable": (406, "Not acceptable", "None of the media types in Accept is offered."),
    "unsupported-media-type": (415, "Unsupported media type",
                               "A request body must be JSON: Content-Type application/json."),
    "payload-too-large": (413, "Payload too large", "The request body exceeds the limit."),
    "query-too-slow": (503, "Query too slow",
                       "The database query ran past its time limit and was stopped, so that "
                       "one slow request cannot hold a worker; retry, or narrow the query."),
    "internal-error": (500, "Internal error", "The service failed; the error was logged."),
}


@dataclass
class FieldError:
    """One bad input: which field, the value given, what is wrong and what is allowed."""

    field: str
    message: str
    value: Any = None
    allowed: list[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        item: dict[str, Any] = {"field": self.field, "message": self.message, "value": self.value}
        if self.allowed is not None:
            item["allowed"] = self.allowed
        return item


def json_safe(value: Any) -> Any:
    """A value that can go into a JSON error body or log line, whatever the input was."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no Infinity or NaN
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def allowed_values(error: Mapping[str, Any]) -> list[str] | None:
    """What a pydantic error says is allowed: our own `allowed`, or a literal's choices."""
    ctx = error.get("ctx") or {}
    if "allowed" in ctx:
        return list(ctx["allowed"]) if ctx["allowed"] is not None else None
    expected = ctx.get("expected")
    if error.get("type") in ("literal_error", "enum") and expected:
        return [part.strip(" '\"") for part in expected.replace(" or ", ", ").split(",")]
    return None


REQUEST_PARTS = ("query", "body", "path", "header")


def field_errors(errors: Iterable[Mapping[str, Any]], whole: str = "request") -> list[FieldError]:
    """pydantic errors → FieldErrors; ``whole`` names an error about the input as a whole."""
    return [
        FieldError(
            ".".join(str(part) for part in e["loc"] if part not in REQUEST_PARTS) or whole,
            e["msg"], json_safe(e.get("input")), allowed_values(e),
        )
        for e in errors
    ]


@dataclass
class InterventionsError(Exception):
    detail: str
    status: int = 500
    slug: str = "internal-error"
    title: str = "Internal error"
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.detail)



class NotFound(InterventionsError):
    def __init__(self, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail, 404, "not-found", "Not found", errors or [])


class InvalidInput(InterventionsError):
    def __init__(self, detail: str, errors: list[FieldError]) -> None:
        super().__init__(detail, 422, "invalid-input", "Invalid input", errors)


class UnsupportedMediaType(InterventionsError):
    def __init__(self, detail: str) -> None:
        super().__init__(detail, 415, "unsupported-media-type", "Unsupported media type")


class NotAcceptable(InterventionsError):
    """An ``Accept`` header that names none of the media types the endpoint offers."""

    def __init__(self, offered: tuple[str, ...]) -> None:
        super().__init__(f"this endpoint answers {', '.join(offered)}; Accept names none of "
                         "them", 406, "not-acceptable", "Not acceptable")


class PayloadTooLarge(InterventionsError):
    """A request body over the size the endpoint accepts."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 413, "payload-too-large", "Payload too large")


class CatalogueNotLoaded(InterventionsError):
    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "catalogue-not-loaded", "Catalogue not loaded",
                         headers={"Retry-After": "30"})


class LoadFailed(InterventionsError):
    """A load or reindex that did not happen; what was serving keeps serving."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 500, "load-failed", "Load failed")


class SearchUnavailable(InterventionsError):
    """Meilisearch did not answer in time; callers fall back to SQLite."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "search-unavailable", "Search engine unavailable")


class QueryTooSlow(InterventionsError):
    """A SQLite query ran past INTERVENTIONS_SQLITE_TIME_LIMIT_MS and was interrupted."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "query-too-slow", "Query too slow",
                         headers={"Retry-After": "1"})


class ConfigurationError(InterventionsError):
    """The service is configured in a way it must not start with (production checks)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 500, "configuration-error", "Configuration error")
