"""Documentation of the problem types that error responses name in their `type`."""

from __future__ import annotations

from fastapi import APIRouter

from ...errors import PROBLEM_TYPES, NotFound
from ..schemas import ProblemType, ProblemTypes

router = APIRouter(prefix="/problems", tags=["errors"])


def _describe(slug: str) -> dict[str, object]:
    status, title, description = PROBLEM_TYPES[slug]
    return {"type": slug, "status": status, "title": title, "description": description}


@router.get("", response_model=ProblemTypes)
def list_problem_types() -> dict[str, list[dict[str, object]]]:
    """Every problem type an error response can carry."""
    return {"data": [_describe(slug) for slug in PROBLEM_TYPES]}


@router.get("/{slug}", response_model=ProblemType)
def problem_type(slug: str) -> dict[str, object]:
    """What one problem type means."""
    if slug not in PROBLEM_TYPES:
        raise NotFound(f"no problem type '{slug}'")
    return _describe(slug)
