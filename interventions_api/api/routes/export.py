"""The whole catalogue as open data (licence: catalogue/LICENSE, CC BY 4.0)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ...services import export
from ..deps import SettingsDep

router = APIRouter(prefix="/v1", tags=["open data"])


def _headers(settings: SettingsDep, extension: str) -> dict[str, str]:
    return {
        "Content-Disposition":
            f'attachment; filename="{export.export_filename(settings, extension)}"',
        "Link": f'<{export.LICENCE["url"]}>; rel="license"',
    }


@router.get("/export.json", response_class=Response,
            responses={200: {"content": {"application/json": {}},
                             "description": "The catalogue, its vocabularies and evidence "
                                            "scale, with licence metadata."}})
def export_json(settings: SettingsDep) -> Response:
    """The whole catalogue as one JSON document.

    `meta` names the licence (CC BY 4.0), the catalogue version and git commit;
    `interventions` holds every entry with every field and its derived evidence level;
    `vocabularies` and `evidence_scale` make the file self-contained.
    """
    return Response(export.export_json(settings), media_type="application/json",
                    headers=_headers(settings, "json"))


@router.get("/export.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}},
                             "description": "One row per intervention."}})
def export_csv(settings: SettingsDep) -> Response:
    """The whole catalogue as CSV, one row per intervention with its key fields flattened.

    Multi-valued keys are separated by `; `, composite items (ratings, findings, studies,
    sources) by ` | `. UTF-8 with a byte-order mark; the column meanings are in
    `meta.csv_columns` of `/v1/export.json`. The licence is in the `Link` header.
    """
    return Response(export.export_csv(settings), media_type="text/csv; charset=utf-8",
                    headers=_headers(settings, "csv"))
