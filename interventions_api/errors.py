"""The one error hierarchy. The API renders every one of them as problem+json (RFC 9457)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list
from babel.numbers import format_decimal

from .texts import LOCALES, TEXTS, number, text

# Every problem type, documented at GET /problems/{slug} (the `type` URI points there): its
# status. Its title, description and default detail are texts (texts.py, `problem.<slug>.*`),
# in Dutch and English like every other error text.
PROBLEM_TYPES: dict[str, int] = {
    "invalid-input": 422,
    "not-found": 404,
    "method-not-allowed": 405,
    "catalogue-not-loaded": 503,
    "search-unavailable": 503,
    "load-failed": 500,
    "not-acceptable": 406,
    "unsupported-media-type": 415,
    "payload-too-large": 413,
    "query-too-slow": 503,
    "bad-request": 400,
    "internal-error": 500,
}


def _show(value: Any, lang: str) -> Any:
    """A value for an error text: numbers in the language's notation ("0,5"), lists of
    allowed values quoted and joined with "of"/"or"."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float) and math.isfinite(value):
        if abs(value) < 10_000:  # a year or a small limit: "2100", not "2.100"
            return format_decimal(value, "0.######", locale=LOCALES[lang])
        return number(value, lang, decimals=6)
    if isinstance(value, list | tuple):
        return format_list([f"'{v}'" for v in value], style="or", locale=LOCALES[lang])
    return value


@dataclass(frozen=True)
class Say:
    """An error text that is rendered in the language the request asks for: a key of
    ``texts.TEXTS`` and the values of its placeholders."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str, **extra: str) -> str:
        """``extra``: values already in ``lang`` (the listed field errors)."""
        return text(self.key, lang, **{k: _show(v, lang) for k, v in self.params.items()},
                    **extra)


@dataclass
class FieldError:
    """One bad input: which field, the value given, what is wrong and what is allowed."""

    field: str
    message: Say
    value: Any = None
    allowed: list[str] | None = None

    def as_dict(self, lang: str) -> dict[str, Any]:
        item: dict[str, Any] = {"field": self.field, "message": self.message.render(lang),
                                "value": self.value}
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


def pydantic_message(error: Mapping[str, Any]) -> Say:
    """A pydantic error as a text of ours, by its type (``error.<type>`` in texts.py), its
    context (limits, the allowed values) as the placeholders. A type without a text of
    ours keeps pydantic's own (English) message."""
    kind = str(error["type"])
    if f"error.{kind}" not in TEXTS:
        return Say("error.other", {"message": error["msg"]})
    params = {k: v for k, v in (error.get("ctx") or {}).items() if k != "error"}
    if kind == "json_invalid":  # where, from the parser's "… at line 1 column 2"
        where = re.search(r"line (\d+) column (\d+)", str((error.get("ctx") or {}).get("error")))
        params.update(line=where[1] if where else "?", column=where[2] if where else "?")
    allowed = allowed_values(error)
    if allowed is not None:
        params["allowed"] = allowed
    return Say(f"error.{kind}", params)


def field_errors(errors: Iterable[Mapping[str, Any]], whole: str = "request") -> list[FieldError]:
    """pydantic errors → FieldErrors; ``whole`` names an error about the input as a whole."""
    return [
        FieldError(
            ".".join(str(part) for part in e["loc"] if part not in REQUEST_PARTS) or whole,
            pydantic_message(e), json_safe(e.get("input")), allowed_values(e),
        )
        for e in errors
    ]


@dataclass
class InterventionsError(Exception):
    """``detail`` is the English sentence for logs and the command line; a response says
    ``say`` (or the problem type's own detail) in the language the request asks for."""

    detail: str
    status: int = 500
    slug: str = "internal-error"
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    say: Say | None = None
    # The language the input itself asked for (``lang`` in a JSON body), when known.
    lang: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.detail)

    def public_detail(self, lang: str) -> str:
        """The detail a client reads: ``say``, else the problem type's detail, which may
        name the bad fields (``{errors}``)."""
        return problem_detail(self.slug, lang, self.errors, self.say)


def problem_detail(slug: str, lang: str, errors: list[FieldError] | None = None,
                   say: Say | None = None) -> str:
    """``say`` (or the problem type's own detail) in ``lang``; ``{errors}`` in it lists
    the bad fields."""
    listed = "; ".join(f"{e.field}: {e.message.render(lang)}" for e in errors or [])
    return (say or Say(f"problem.{slug}.detail")).render(lang, errors=listed)


class NotFound(InterventionsError):
    def __init__(self, detail: str, errors: list[FieldError] | None = None,
                 say: Say | None = None) -> None:
        super().__init__(detail, 404, "not-found", errors or [], say=say)


class InvalidInput(InterventionsError):
    """``lang``: the language the input asked for (a JSON body's ``lang``), if it says."""

    def __init__(self, detail: str, errors: list[FieldError], lang: str | None = None,
                 say: Say | None = None) -> None:
        super().__init__(detail, 422, "invalid-input", errors, say=say, lang=lang)


class UnsupportedMediaType(InterventionsError):
    def __init__(self, detail: str, say: Say | None = None) -> None:
        super().__init__(detail, 415, "unsupported-media-type", say=say)


class NotAcceptable(InterventionsError):
    """An ``Accept`` header that names none of the media types the endpoint offers."""

    def __init__(self, offered: tuple[str, ...]) -> None:
        super().__init__(f"this endpoint answers {', '.join(offered)}; Accept names none of "
                         "them", 406, "not-acceptable")


class PayloadTooLarge(InterventionsError):
    """A request body over the size the endpoint accepts."""

    def __init__(self, detail: str, say: Say | None = None) -> None:
        super().__init__(detail, 413, "payload-too-large", say=say)


class CatalogueNotLoaded(InterventionsError):
    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "catalogue-not-loaded",
                         headers={"Retry-After": "30"})


class LoadFailed(InterventionsError):
    """A load or reindex that did not happen; what was serving keeps serving."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 500, "load-failed")


class SearchUnavailable(InterventionsError):
    """Meilisearch did not answer in time; callers fall back to SQLite."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "search-unavailable")


class QueryTooSlow(InterventionsError):
    """A SQLite query ran past INTERVENTIONS_SQLITE_TIME_LIMIT_MS and was interrupted."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 503, "query-too-slow",
                         headers={"Retry-After": "1"})


class ConfigurationError(InterventionsError):
    """The service is configured in a way it must not start with (production checks)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 500, "internal-error")  # never served: refuses the start
