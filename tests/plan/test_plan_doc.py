"""docs/plan.md cannot drift: its example is what the service writes for the OpenAPI
example (regenerate with ``python -m devtools.plan_example --write``), and every way of
asking for the plan that it shows works."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from devtools import doc_blocks
from devtools import plan_example as example

from .helpers import FORMATS


def test_the_example_is_what_the_service_writes(loaded_db: Path) -> None:
    written = example.DOC.read_text(encoding="utf-8")
    generated = doc_blocks.replace_blocks(
        written, {"plan-example": lambda: example.render_example(loaded_db)})
    assert written == generated, ("docs/plan.md's example is stale: run "
                                  "python -m devtools.plan_example --write")


def test_every_format_the_doc_shows_is_offered(client: TestClient) -> None:
    written = example.DOC.read_text(encoding="utf-8")
    shown = set(re.findall(r"-H 'accept: ([^']+)'", written))
    assert shown == set(FORMATS)
    operation = client.get("/openapi.json").json()["paths"]["/v1/plan"]["post"]
    assert shown == set(operation["responses"]["200"]["content"])
