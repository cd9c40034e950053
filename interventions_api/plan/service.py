"""``POST /v1/plan``: validate the body against the loaded catalogue, match, write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..db.repository import Repository, connect
from ..match.index import match_index
from ..match.service import run_match, validation_context
from ..monitor.service import report
from ..services.catalogue_context import catalogue_context
from .document import build_document
from .request import parse_plan_request


def plan(db_path: Path, body: bytes | str, today: dt.date | None = None) -> dict[str, Any]:
    """The plan document of the school profile in ``body`` (JSON)."""
    context = catalogue_context(db_path)
    index = match_index(db_path)
    request = parse_plan_request(body, validation_context(index, context))
    with connect(db_path) as conn:
        result = run_match(index, Repository(conn), context, request)
    monitor_request = request.monitor_request()
    monitor = report(monitor_request, index, context) if monitor_request else None
    return build_document(result, request, monitor, today or dt.date.today())
