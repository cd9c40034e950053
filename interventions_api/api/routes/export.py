"""The whole catalogue as open data (licence: catalogue/LICENSE, CC BY 4.0)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ...query import Lang
from ...services import export
from ..deps import SettingsDep

router = APIRouter(prefix="/v1", tags=["open data"])

# The CSV options of the export and the comparison (docs/open-data.md, docs/compare.md).
DelimiterQuery = Annotated[export.Delimiter, Query(
    description="`semicolon` for a spreadsheet in a Dutch locale (Excel): semicolons "
                "between the columns, decimal commas, and a byte-order mark.")]
CsvLangQuery = Annotated[Lang | None, Query(
    description="Column labels in this language instead of the column keys, with a "
                "byte-order mark (for a spreadsheet). Without it: the keys.")]


def download_headers(settings: SettingsDep, extension: str,
                     name: str = "interventies") -> dict[str, str]:
    return {
        "Content-Disposition":
            f'attachment; filename="{export.export_filename(settings, extension, name)}"',
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
                    headers=download_headers(settings, "json"))


@router.get("/export.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}},
                             "description": "One row per intervention."}})
def export_csv(settings: SettingsDep, delimiter: DelimiterQuery = "comma",
               lang: CsvLangQuery = None) -> Response:
    """The whole catalogue as CSV, one row per intervention with its key fields flattened.

    Multi-valued keys are separated by `; `, composite items (ratings, findings, studies,
    sources) by ` | `; the column meanings are in `meta.csv_columns` of `/v1/export.json`.
    By default for programs: commas, the column keys as header, UTF-8. For Excel:
    `delimiter=semicolon` (semicolons, decimal commas) and/or `lang=nl` (Dutch column
    labels); either adds a UTF-8 byte-order mark. The licence is in the `Link` header.
    """
    body = export.export_csv(settings, export.CsvStyle(delimiter, lang))
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers=download_headers(settings, "csv"))
