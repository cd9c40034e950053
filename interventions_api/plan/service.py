"""``POST /v1/plan``: validate the body against the loaded catalogue, match, write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..db.repository import Repository, connect
from ..match.index import match_index
from ..match.service import run_match, validation_context
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
    return build_document(result, request, today or dt.date.today())
