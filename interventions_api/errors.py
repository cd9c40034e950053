"""The one error hierarchy. The API renders every one of them as problem+json (RFC 9457)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROBLEM_BASE = "https://github.com/interventions-nl/interventions-api/blob/main/docs/errors.md#"


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

    @property
    def type(self) -> str:
        return PROBLEM_BASE + self.slug


class NotFound(InterventionsError):
    def __init__(self, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail, 404, "not-found", "Not found", errors or [])


class InvalidInput(InterventionsError):
    def __init__(self, detail: str, errors: list[FieldError]) -> None:
        super().__init__(detail, 422, "invalid-input", "Invalid input", errors)


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


class ConfigurationError(InterventionsError):
    """The service is configured in a way it must not start with (production checks)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, 500, "configuration-error", "Configuration error")
