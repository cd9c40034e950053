"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ...errors import InterventionsError
from ...services.catalogue_context import catalogue_context
from ..deps import SettingsDep
from ..schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Readiness)
async def readyz(settings: SettingsDep, response: Response) -> dict[str, Any]:
    """Readiness: the database is loaded; the state of the search engine.

    503 when no catalogue is loaded. With Meilisearch configured but unreachable the
    service is still ready (search falls back to SQLite) and reports `degraded`.
    """
    checks: dict[str, Any] = {}
    ready = True
    try:
        context = catalogue_context(settings.db_path)
        checks["database"] = {"status": "ok", "catalogue_version": context.version}
    except InterventionsError as exc:
        checks["database"] = {"status": "unavailable", "detail": exc.detail}
        ready = False
    if settings.meili_url:
        from ...search.engine import meili_health

        checks["search"] = await meili_health(settings)
    else:
        checks["search"] = {"status": "ok", "backend": "sqlite"}
    status = "ok" if ready else "unavailable"
    if ready and checks["search"]["status"] != "ok":
        status = "degraded"
    response.status_code = 200 if ready else 503
    return {"status": status, "checks": checks}
