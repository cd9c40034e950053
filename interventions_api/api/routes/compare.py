"""Routes for comparing interventions side by side."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response

from ...query import Lang
from ...services import compare as service
from ...services.compare_render import to_csv, to_markdown
from ...services.cost import DEFAULT_SPREAD_YEARS, SchoolSize
from ...services.export import CsvStyle
from ..content import negotiate
from ..deps import SettingsDep
from ..schemas import Comparison
from .export import DelimiterQuery, download_headers

router = APIRouter(prefix="/v1", tags=["compare"])

JSON, CSV, MARKDOWN = "application/json", "text/csv", "text/markdown"
OFFERED = (JSON, CSV, MARKDOWN)  # in order of preference when the client does not mind
FORMATS = {"json": JSON, "csv": CSV, "markdown": MARKDOWN}


@router.get(
    "/compare",
    response_model=Comparison,
    responses={200: {"content": {CSV: {"schema": {"type": "string"}},
                                 MARKDOWN: {"schema": {"type": "string"}}},
                     "description": "The aligned comparison; CSV or Markdown by `Accept`."},
               404: {"description": "An id that is not in the catalogue; `errors` names it."}},
)
def compare(
    settings: SettingsDep,
    response: Response,
    ids: Annotated[list[str], Query(
        description="2 to 6 intervention ids, comma-separated (`ids=kiva,taakspel`) "
                    "and/or repeated (`ids=kiva&ids=taakspel`); each once.")],
    pupils: Annotated[int | None, Query(ge=1, le=100_000,
                                        description="Pupils in the school.")] = None,
    classes: Annotated[int | None, Query(ge=1, le=5_000,
                                         description="Classes (groepen) in the school.")] = None,
    teachers: Annotated[int | None, Query(ge=1, le=10_000,
                                          description="Teachers in the school.")] = None,
    years: Annotated[int, Query(ge=1, le=20, description="Years over which a one-off cost "
                                                         "is spread.")] = DEFAULT_SPREAD_YEARS,
    lang: Annotated[Lang | None, Query(
        description="Language of labels and texts (default `nl`). Given, a CSV also "
                    "gets its header in words and a byte-order mark.")] = None,
    format: Annotated[Literal["json", "csv", "markdown"] | None, Query(
        description="The representation, instead of `Accept` (for a download link).")] = None,
    delimiter: DelimiterQuery = "comma",
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    """Two to six interventions aligned row by row.

    Rows: school types and ages; what each does at the individual, class and school
    level; themes and approaches; every registry's ratings side by side (verbatim label,
    date or year, the common level it maps to); findings per outcome with the study;
    delivery; training hours; cost as published and on one basis (per pupil per year
    and per school per year, with the arithmetic; give `pupils`, and `classes` or
    `teachers` when the price is per class or teacher); freshness. Every row has a value
    for every entry: `null` when unknown, `[]` when there is nothing to list.

    JSON by default; `Accept: text/csv` or `Accept: text/markdown` (or `format=csv`,
    `format=markdown`, which win over `Accept`) for a table. The CSV is a download: for
    Excel in a Dutch locale ask `delimiter=semicolon` (and `lang` for a header in words).
    Unknown ids give a 404 naming them; fewer than 2, more than 6 or repeated ids a 422.
    """
    school = SchoolSize(pupils=pupils, classes=classes, teachers=teachers, years=years)
    comparison = service.compare(settings, ids, school, lang or "nl")
    # An Accept that names none of the offered types gets JSON rather than a 406, like
    # most APIs do for a GET.
    media = FORMATS[format] if format else negotiate(accept, OFFERED) or JSON
    if media == CSV:
        return Response(to_csv(comparison, CsvStyle(delimiter, lang)),
                        media_type="text/csv; charset=utf-8",
                        headers={"Vary": "Accept",
                                 **download_headers(settings, "csv", "interventies-vergelijking")})
    if media == MARKDOWN:
        return Response(to_markdown(comparison), media_type="text/markdown; charset=utf-8",
                        headers={"Vary": "Accept"})
    response.headers["Vary"] = "Accept"
    return comparison.as_dict()
