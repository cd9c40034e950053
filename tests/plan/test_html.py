"""The plan as HTML: one standalone page (no outside assets), with its language, that
parses as HTML5 with every element closed in order."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .conftest import BODIES, Plans
from .helpers import HTML

VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "area", "base", "col",
        "embed", "track"}


class Nesting(HTMLParser):
    """Checks that every element is closed, in order, and collects attributes that load."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.loads: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag != "a":  # a link is followed by the reader, not loaded with the page
            self.loads += [v or "" for k, v in attrs if k in ("src", "href", "srcset")]
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ["openapi_example", "mbo", "kanjertraining_in_use"])
def test_a_standalone_page_with_its_language(name: str, lang: str, plans: Plans) -> None:
    assert name in BODIES
    page = plans.get(name, HTML, lang).text
    assert page.startswith("<!DOCTYPE html>\n")
    assert re.search(rf'<html lang="{lang}">', page)
    parser = Nesting()
    parser.feed(page)
    parser.close()
    assert not parser.problems and not parser.open
    assert parser.loads == []  # no script, stylesheet, image or font from anywhere
    assert "@import" not in page and "url(" not in page
    assert len(parser.ids) == len(set(parser.ids))
    assert "<style>" in page and "@media print" in page
    title = plans.document(name, lang)["title"]
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page


def test_text_is_escaped(plans: Plans) -> None:
    page = plans.get("openapi_example", HTML).text
    body = page.split("<body>", 1)[1].split("</body>", 1)[0]
    charts = re.findall(r"<svg.*?</svg>", body, flags=re.S)
    assert charts and not any("<script" in chart or "href" in chart for chart in charts)
    # Outside the monitor's charts the only markup is the renderer's: catalogue text
    # cannot open an element.
    assert not re.search(r"<(?!/?(main|h[1-6]|p|ul|li|section|strong|a|figure|figcaption)"
                         r"[\s>])", re.sub(r"<svg.*?</svg>", "", body, flags=re.S))
