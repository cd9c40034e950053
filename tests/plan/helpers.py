"""Helpers for the plan tests: posting a body in one format, reading a Word file back."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
from fastapi.testclient import TestClient

JSON, MARKDOWN, HTML = "application/json", "text/markdown", "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = (JSON, MARKDOWN, HTML, DOCX)


def post_plan(client: TestClient, body: dict[str, Any] | str, accept: str | None = None) -> Any:
    headers = {"content-type": "application/json"}
    if accept:
        headers["accept"] = accept
    content = body if isinstance(body, str) else json.dumps(body)
    return client.post("/v1/plan", content=content, headers=headers)


def docx_paragraphs(content: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of a Word file, read back with python-docx."""
    word = docx.Document(io.BytesIO(content))
    return [(p.style.name if p.style is not None else "", p.text) for p in word.paragraphs]


def as_text(media: str, response: Any) -> str:
    """The words of an answer in any format (a Word file's paragraphs, one per line)."""
    if media == DOCX:
        return "\n".join(text for _, text in docx_paragraphs(response.content))
    if media == JSON:
        return json.dumps(response.json(), ensure_ascii=False)
    return str(response.text)
