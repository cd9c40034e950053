"""The plan as a Word file: it opens (python-docx reads it back), with the four points
of the action plan and the legal duties as headings, what the school fills in
highlighted, and the document's language set."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from .conftest import BODIES, Plans
from .helpers import DOCX, docx_paragraphs

HEADINGS = {
    "nl": ["Schoolbrede aanpak", "Normen en waarden", "Vakmanschap van onze leraren",
           "Interventies die passen bij onze visie en situatie",
           "Wettelijke taken: de Wet veiligheid op school"],
    "en": ["A whole-school approach", "Norms and values", "Our teachers' skills",
           "Interventions that fit our vision and situation",
           "Legal duties: the Safety at School Act"],
}
DUTIES = {"nl": ("coördineert", "aanspreekpunt voor pesten", "valide en betrouwbaar",
                 "gestandaardiseerd", "representatief", "Inspectie"),
          "en": ("coordinate", "contact point for bullying", "valid and reliable",
                 "standardised", "representative", "Inspectorate")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_word_file_holds_the_four_points_and_the_legal_duties(lang: str,
                                                                 plans: Plans) -> None:
    paragraphs = docx_paragraphs(plans.get("openapi_example", DOCX, lang).content)
    level_one = [text for style, text in paragraphs if style == "Heading 1"]
    assert level_one[:5] == HEADINGS[lang]
    law = "\n".join(text for _, text in paragraphs).split(HEADINGS[lang][4], 1)[1]
    for duty in DUTIES[lang]:
        assert duty in law
    assert [style for style, _ in paragraphs][0] == "Title"
    document = plans.document("openapi_example", lang)
    start = paragraphs.index(("Heading 1", HEADINGS[lang][3]))
    end = paragraphs.index(("Heading 1", HEADINGS[lang][4]))
    names = [text for style, text in paragraphs[start:end] if style == "Heading 3"]
    programmes = next(s for s in document["sections"] if s["id"] == "interventions")[
        "sections"][-1]["blocks"]
    assert names == [b["name"] for b in programmes]


def test_what_the_school_fills_in_is_highlighted_and_the_language_set(plans: Plans) -> None:
    word = docx.Document(io.BytesIO(plans.get("openapi_example", DOCX).content))
    marked = [p for p in word.paragraphs if p.text.startswith("In te vullen: ")]
    assert len(marked) >= 8
    assert all(p.runs[-1].font.highlight_color == WD_COLOR_INDEX.YELLOW for p in marked)
    assert word.core_properties.language == "nl-NL"
    assert word.core_properties.author == ""
    normal = word.styles["Normal"].element.rPr
    assert normal is not None and 'w:val="nl-NL"' in normal.xml


def test_each_monitor_chart_comes_as_a_table_of_its_figures(plans: Plans) -> None:
    """Word cannot show the SVG: the figures the chart draws are a table in its place, the
    school's share per year and the reference, as the request gave them."""
    body = BODIES["openapi_example"]
    surveys = [*body["earlier_surveys"], body["monitor"]]
    word = docx.Document(io.BytesIO(plans.get("openapi_example", DOCX).content))
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in word.tables]
    indicators = sorted({r["indicator"] for s in surveys for r in s["results"]})
    assert len(tables) == len(indicators)
    expected = {
        indicator: [["Jaar", "Onze school", "Vergelijkingswaarde"]] + [
            [str(s["year"]), f"{round(r['share'] * 100)}%", f"{round(r['reference'] * 100)}%"]
            for s in surveys for r in s["results"] if r["indicator"] == indicator]
        for indicator in indicators}
    assert sorted(tables) == sorted(expected.values())
