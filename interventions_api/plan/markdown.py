"""The plan document as Markdown, to paste into the school's safety plan."""

from __future__ import annotations

from typing import Any

from ..texts import text


def _block(block: dict[str, Any], lang: str, depth: int) -> list[str]:
    def label(key: str) -> str:
        return text("plan_doc.label." + key, lang)

    kind = block["type"]
    if kind == "paragraph":
        return [block["text"], ""]
    if kind == "list":
        return [*(f"- {item}" for item in block["items"]), ""]
    if kind == "placeholder":
        return [f"> **[{label('placeholder')}]** {block['text']}", ""]
    if kind == "warning":
        return [f"> **{label('warning')}:** {block['text']}", ""]
    if kind == "sources":
        return [*(f"- {item['text']} <{item['url']}>" for item in block["items"]), ""]
    if kind == "chart":
        figures = block["figures"]
        return [f"*{text('plan_doc.label.chart', lang, caption=block['caption'])}*", "",
                "| " + " | ".join(figures["columns"]) + " |",
                "| " + " | ".join("---:" if i else "---" for i in range(len(figures["columns"])))
                + " |",
                *("| " + " | ".join(row) + " |" for row in figures["rows"]), ""]
    # an intervention
    lines = [f"{'#' * (depth + 1)} {block['name']}", ""]
    if block["advice"]:
        lines += [f"> **{label('advice')}:** {block['advice']}", ""]
    lines += [f"**{label('what')}:** {block['what']}", "",
              f"**{label('why')}:** {block['why']}", ""]
    if block["provider"]:
        lines += [f"**{label('provider')}:** {block['provider']}", ""]
    lines += [f"**{label('price')}:** {block['price']}", ""]
    if block["effects"]:
        lines += [f"**{label('effects')}:**", ""]
        lines += [f"- **{e['label']}.** {e['summary']}" for e in block["effects"]]
        lines.append("")
    for note in block["warnings"]:
        lines += [f"> **{label('warning')}:** {note}", ""]
    return lines


def _section(section: dict[str, Any], lang: str, depth: int) -> list[str]:
    lines = [f"{'#' * depth} {section['heading']}", ""]
    for block in section["blocks"]:
        lines += _block(block, lang, depth)
    for sub in section["sections"]:
        lines += _section(sub, lang, depth + 1)
    return lines


def render_markdown(document: dict[str, Any]) -> str:
    lines = [f"# {document['title']}", "", document["school"], ""]
    for section in document["sections"]:
        lines += _section(section, document["lang"], 2)
    return "\n".join(lines).rstrip() + "\n"
