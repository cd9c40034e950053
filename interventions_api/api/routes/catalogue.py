"""Routes about the catalogue as a whole: its version and its vocabularies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...services.catalogue_context import catalogue_context
from ..deps import LangQuery, SettingsDep
from ..schemas import CatalogueInfo, Vocabularies

router = APIRouter(prefix="/v1", tags=["catalogue"])


@router.get("/vocabularies", response_model=Vocabularies)
def vocabularies(settings: SettingsDep, lang: LangQuery = "nl") -> dict[str, Any]:
    """Every controlled term with its Dutch and English label and description.

    `label` and `description` are in `lang`; `labels` and `descriptions` carry both.
    The common evidence levels, lowest first, are under `evidence_levels`.
    """
    context = catalogue_context(settings.db_path)
    sections: dict[str, Any] = {}
    for section, terms in context.vocabularies.model_dump().items():
        sections[section] = [
            {
                "key": key,
                "label": term["label"].get(lang) or term["label"]["nl"],
                "description": term["description"].get(lang) or term["description"]["nl"],
                "labels": term["label"],
                "descriptions": term["description"],
                **({"url": term["url"]} if term.get("url") else {}),
                **({"approaches": term["approaches"]} if term.get("approaches") else {}),
            }
            for key, term in terms.items()
        ]
    sections["evidence_levels"] = [
        {"key": level.key, "rank": rank, "label": level.label.get(lang),
         "description": level.description.get(lang),
         "labels": level.label.model_dump(), "descriptions": level.description.model_dump()}
        for rank, level in enumerate(context.evidence_scale.levels)
    ]
    sections["registry_scales"] = {
        registry: scale.labels for registry, scale in context.evidence_scale.registries.items()
    }
    return {"data": sections, "meta": {"catalogue_version": context.version, "lang": lang}}


@router.get("/catalogue", response_model=CatalogueInfo)
def catalogue(settings: SettingsDep) -> dict[str, Any]:
    """The loaded catalogue: its version, git commit, counts, and when it was loaded."""
    load = catalogue_context(settings.db_path).load
    return {
        "data": {
            "version": load["version"],
            "git_commit": load["git_commit"],
            "loaded_at": load["loaded_at"],
            "entry_count": load["entry_count"],
            "counts": load["counts"],
        }
    }
