"""The plan document as a standalone HTML page: one file that prints well on A4, with
its own small stylesheet and no outside assets (a school may save it and open it
offline, or print it from the browser)."""

from __future__ import annotations

from html import escape
from typing import Any

from ..texts import text

STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #1a1a1a;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2;
                 break-after: avoid; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.school { font-style: italic; margin-top: 0; }
.placeholder { border: 1px dashed #555; background: #fff8d6; padding: .4rem .6rem; }
.warning, .advice { border-left: 4px solid #b35900; background: #fdf1e6; padding: .4rem .6rem; }
.intervention { break-inside: avoid; }
.effects li strong { font-weight: bold; }
.chart svg { max-width: 100%; height: auto; }
.footer { color: #555; font-size: .9rem; }
a { color: #1a4f8b; overflow-wrap: anywhere; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .placeholder, .warning, .advice { -webkit-print-color-adjust: exact;
                                    print-color-adjust: exact; }
}
@page { size: A4; margin: 2cm; }
"""


def _e(value: str) -> str:
    return escape(value, quote=True)


def _block(block: dict[str, Any], lang: str, depth: int) -> str:
    def label(key: str) -> str:
        return _e(text("plan_doc.label." + key, lang))

    kind = block["type"]
    if kind == "paragraph":
        return f"<p>{_e(block['text'])}</p>"
    if kind == "list":
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block["items"]) + "</ul>"
    if kind == "placeholder":
        return (f'<p class="placeholder"><strong>{label("placeholder")}:</strong> '
                f"{_e(block['text'])}</p>")
    if kind == "warning":
        return f'<p class="warning"><strong>{label("warning")}:</strong> {_e(block["text"])}</p>'
    if kind == "sources":
        return '<ul class="sources">' + "".join(
            f'<li>{_e(item["text"])}: <a href="{_e(item["url"])}">{_e(item["url"])}</a></li>'
            for item in block["items"]) + "</ul>"
    if kind == "chart":
        # The SVG is the monitor's own drawing (with <title> and <desc>), not user input.
        return (f'<figure class="chart">{block["svg"]}'
                f"<figcaption>{_e(block['caption'])}</figcaption></figure>")
    # an intervention
    level = min(depth + 1, 6)
    parts = [f'<section class="intervention"><h{level}>{_e(block["name"])}</h{level}>']
    if block["advice"]:
        parts.append(f'<p class="advice"><strong>{label("advice")}:</strong> '
                     f"{_e(block['advice'])}</p>")
    parts.append(f"<p><strong>{label('what')}:</strong> {_e(block['what'])}</p>")
    parts.append(f"<p><strong>{label('why')}:</strong> {_e(block['why'])}</p>")
    if block["provider"]:
        parts.append(f"<p><strong>{label('provider')}:</strong> {_e(block['provider'])}</p>")
    parts.append(f"<p><strong>{label('price')}:</strong> {_e(block['price'])}</p>")
    if block["effects"]:
        parts.append(f"<p><strong>{label('effects')}:</strong></p>")
        parts.append('<ul class="effects">' + "".join(
            f"<li><strong>{_e(e['label'])}.</strong> {_e(e['summary'])}</li>"
            for e in block["effects"]) + "</ul>")
    parts += [f'<p class="warning"><strong>{label("warning")}:</strong> {_e(note)}</p>'
              for note in block["warnings"]]
    parts.append("</section>")
    return "".join(parts)


def _section(section: dict[str, Any], lang: str, depth: int) -> str:
    level = min(depth, 6)
    parts = [f'<section id="{_e(section["id"])}"><h{level}>{_e(section["heading"])}'
             f"</h{level}>"]
    for block in section["blocks"]:
        if section["id"] == "sources" and block["type"] == "paragraph":
            parts.append(f'<p class="footer">{_e(block["text"])}</p>')
        else:
            parts.append(_block(block, lang, depth))
    parts += [_section(sub, lang, depth + 1) for sub in section["sections"]]
    parts.append("</section>")
    return "\n".join(parts)


def render_html(document: dict[str, Any]) -> str:
    lang = document["lang"]
    body = "\n".join(_section(s, lang, 2) for s in document["sections"])
    return (f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(document['title'])}</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n<main>\n<h1>{_e(document['title'])}</h1>\n"
            f'<p class="school">{_e(document["school"])}</p>\n{body}\n</main>\n</body>\n'
            "</html>\n")
