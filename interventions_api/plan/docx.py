"""The plan document as a Word file (python-docx): coordinators write their safety plan
in Word. Headings use Word's own heading styles, so the chapter slots into a school's
document and its table of contents; what the school fills in is highlighted."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..texts import text

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILENAME = "veiligheidsplan-sociale-veiligheid.docx"
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def _set_language(word: WordDocument, lang: str) -> None:
    """Spelling and hyphenation in the document's language (the Normal style's w:lang)."""
    properties = word.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), LANGUAGES[lang])
    properties.append(element)


def _labelled(word: WordDocument, label: str, body: str, highlight: bool = False) -> Paragraph:
    paragraph = word.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    run = paragraph.add_run(body)
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _table(word: WordDocument, figures: dict[str, Any]) -> None:
    table = word.add_table(rows=1, cols=len(figures["columns"]))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, figures["columns"], strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for values in figures["rows"]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def _block(word: WordDocument, block: dict[str, Any], lang: str, depth: int) -> None:
    def label(key: str) -> str:
        return text("plan_doc.label." + key, lang)

    kind = block["type"]
    if kind == "paragraph":
        word.add_paragraph(block["text"])
    elif kind == "list":
        for item in block["items"]:
            word.add_paragraph(item, style="List Bullet")
    elif kind == "placeholder":
        _labelled(word, label("placeholder"), block["text"], highlight=True)
    elif kind == "warning":
        _labelled(word, label("warning"), block["text"])
    elif kind == "sources":
        for item in block["items"]:
            word.add_paragraph(f"{item['text']}: {item['url']}", style="List Bullet")
    elif kind == "chart":
        # Word cannot show an SVG without a raster copy: the chart's figures as a table.
        word.add_paragraph(text("plan_doc.label.chart", lang, caption=block["caption"]))
        _table(word, block["figures"])
    else:  # an intervention
        word.add_heading(block["name"], level=min(depth, 9))
        if block["advice"]:
            _labelled(word, label("advice"), block["advice"])
        _labelled(word, label("what"), block["what"])
        _labelled(word, label("why"), block["why"])
        if block["provider"]:
            _labelled(word, label("provider"), block["provider"])
        _labelled(word, label("price"), block["price"])
        if block["effects"]:
            word.add_paragraph().add_run(label("effects") + ":").bold = True
            for effect in block["effects"]:
                paragraph = word.add_paragraph(style="List Bullet")
                paragraph.add_run(effect["label"] + ". ").bold = True
                paragraph.add_run(effect["summary"])
        for note in block["warnings"]:
            _labelled(word, label("warning"), note)


def _section(word: WordDocument, section: dict[str, Any], lang: str, depth: int) -> None:
    word.add_heading(section["heading"], level=depth)
    for block in section["blocks"]:
        _block(word, block, lang, depth + 1)
    for sub in section["sections"]:
        _section(word, sub, lang, depth + 1)


def render_docx(document: dict[str, Any]) -> bytes:
    word = Document()
    lang = document["lang"]
    _set_language(word, lang)
    word.core_properties.title = document["title"]
    word.core_properties.author = ""  # the school's, not the template's ("python-docx")
    word.core_properties.language = LANGUAGES[lang]
    word.add_heading(document["title"], level=0)
    word.add_paragraph(document["school"]).runs[0].italic = True
    for section in document["sections"]:
        _section(word, section, lang, 1)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
