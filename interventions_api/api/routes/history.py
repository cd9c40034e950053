"""The evidence history of one intervention."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ...services.history import get_history
from ..deps import LangQuery, SettingsDep

router = APIRouter(prefix="/v1", tags=["interventions"])


class LevelState(BaseModel):
    level: str
    label: str


class RatingState(BaseModel):
    rating: str = Field(description="The registry's own label, verbatim.")
    assessed: str | None = Field(description="Date or year of the verdict.")
    level: str | None = Field(description="The common level the label maps to.")
    level_label: str | None


class HistoryChange(BaseModel):
    recorded_at: str = Field(description="UTC; the load's time, or the commit's time for "
                                         "changes rebuilt from git.")
    kind: Literal["evidence_level", "rating"]
    change: Literal["added", "removed", "changed"]
    registry: str | None = Field(description="For a rating: the registry key.")
    registry_label: str | None
    from_: LevelState | RatingState | None = Field(alias="from")
    to: LevelState | RatingState | None
    source: Literal["load", "backfill"]
    git_commit: str | None
    catalogue_version: str | None


class HistoryMeta(BaseModel):
    id: str
    total: int
    in_catalogue: bool = Field(description="False for an intervention that was removed.")
    current_evidence_level: str | None
    catalogue_version: str
    lang: str


class HistoryResponse(BaseModel):
    data: list[HistoryChange]
    meta: HistoryMeta


@router.get("/interventions/{intervention_id}/history", response_model=HistoryResponse,
            response_model_by_alias=True)
def intervention_history(intervention_id: str, settings: SettingsDep,
                         lang: LangQuery = "nl") -> dict[str, Any]:
    """How the intervention's evidence level and registry ratings changed, oldest first.

    Each load records what changed since the last recorded state; `interventions
    backfill-history` rebuilds the changes from the git history of the catalogue.
    An intervention first appears with `change: added`. A removed intervention keeps its
    history (`meta.in_catalogue` is false); an id that never existed is a 404.
    """
    return get_history(settings, intervention_id, lang)
