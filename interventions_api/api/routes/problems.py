"""Documentation of the problem types that error responses name in their `type`."""

from __future__ import annotations

from fastapi import APIRouter

from ...errors import PROBLEM_TYPES, NotFound, Say
from ...texts import text
from ..deps import LangQuery
from ..schemas import ProblemType, ProblemTypes

router = APIRouter(prefix="/problems", tags=["errors"])


def _describe(slug: str, lang: str) -> dict[str, object]:
    return {"type": slug, "status": PROBLEM_TYPES[slug],
            "title": text(f"problem.{slug}.title", lang),
            "titles": {code: text(f"problem.{slug}.title", code) for code in ("nl", "en")},
            "description": text(f"problem.{slug}.description", lang)}


@router.get("", response_model=ProblemTypes)
def list_problem_types(lang: LangQuery = "nl") -> dict[str, list[dict[str, object]]]:
    """Every problem type an error response can carry, its title and description in
    `lang` (an error's `title` is the same words in the language of the request)."""
    return {"data": [_describe(slug, lang) for slug in PROBLEM_TYPES]}


@router.get("/{slug}", response_model=ProblemType)
def problem_type(slug: str, lang: LangQuery = "nl") -> dict[str, object]:
    """What one problem type means; `titles` holds its title in Dutch and English."""
    if slug not in PROBLEM_TYPES:
        raise NotFound(f"no problem type '{slug}'", say=Say("problem.unknown_type",
                                                             {"slug": slug}))
    return _describe(slug, lang)
