"""Prometheus metrics for the operators (not part of the public API description)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ...errors import NotFound
from ...ops import metrics
from ..deps import SettingsDep

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics(settings: SettingsDep) -> Response:
    """Requests and latency by route, searches by engine, degradations, the catalogue
    version: Prometheus text format."""
    if not settings.metrics_enabled:
        raise NotFound("metrics are switched off (INTERVENTIONS_METRICS_ENABLED=false)")
    return Response(metrics.render(settings.db_path), media_type=metrics.CONTENT_TYPE)
