"""docs/monitor.md cannot drift: its parameters, worked example and chart are what the
monitor produces for the OpenAPI example (regenerate with ``make docs``)."""

from __future__ import annotations

import json

from devtools import doc_blocks
from devtools import monitor_example as example
from interventions_api.api.routes.monitor import MONITOR_EXAMPLE


def test_the_doc_s_generated_blocks_and_chart_are_the_code_s_output() -> None:
    report = example.run_example()
    written = example.DOC.read_text(encoding="utf-8")
    stale = "docs/monitor.md is stale: run python -m devtools.monitor_example --write"
    assert doc_blocks.replace_blocks(written, example.blocks(report)) == written, stale
    assert example.CHART.read_text(encoding="utf-8") == example.shown(report).svg + "\n", stale


def test_the_example_request_shown_is_the_openapi_example() -> None:
    shown = example.request_json()
    assert json.loads(shown) == MONITOR_EXAMPLE
    assert shown in example.DOC.read_text(encoding="utf-8")


def test_the_readme_links_the_monitor_doc() -> None:
    readme = (example.DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/monitor.md)" in readme
