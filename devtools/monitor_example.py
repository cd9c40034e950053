"""The worked example of docs/monitor.md, computed by the monitor itself.

``python -m devtools.monitor_example --write`` posts the OpenAPI example of
``POST /v1/monitor`` (three years, two programmes of the real catalogue) to the service,
rewrites the ``monitor-example`` block of docs/monitor.md with its request, one
indicator's texts and the public summary, and saves that indicator's chart as
docs/img/monitor-example.svg (without ``--write`` it prints the block);
tests/monitor/test_monitor_doc.py checks that both are what this code produces.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from devtools import doc_blocks
from interventions_api.api.routes.monitor import MONITOR_EXAMPLE
from interventions_api.monitor import trends
from interventions_api.monitor.models import MAX_SURVEYS, MIN_SINCE, MonitorReport
from interventions_api.monitor.service import monitor
from interventions_api.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "monitor.md"
CHART = PROJECT_ROOT / "docs" / "img" / "monitor-example.svg"
SHOWN = "bullied"  # the indicator whose texts and chart the document shows


def run_example() -> MonitorReport:
    with doc_blocks.loaded_catalogue() as db_path:
        return monitor(db_path, json.dumps(MONITOR_EXAMPLE))


def shown(report: MonitorReport) -> Any:
    return next(i for i in report.indicators if i.indicator == SHOWN)


def request_json() -> str:
    """The example request, one survey result a line."""
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    surveys = []
    for survey in MONITOR_EXAMPLE["surveys"]:
        head = {key: value for key, value in survey.items() if key != "results"}
        results = ",\n".join(f"    {dump(result)}" for result in survey["results"])
        surveys.append(f"  {dump(head)[:-1]}, \"results\": [\n{results}]}}")
    return "\n".join([
        f'{{"lang": {dump(MONITOR_EXAMPLE["lang"])},',
        ' "surveys": [', ",\n".join(surveys) + "],",
        f' "interventions": {dump(MONITOR_EXAMPLE["interventions"])}}}'])


def render_parameters() -> str:
    return (f"| parameter | value |\n|---|---|\n"
            f"| no clear movement | a change under {trends.STABLE_PER_YEAR} (a share) a year |\n"
            f"| level with the reference | a difference under {trends.LEVEL_MARGIN} (a share) |\n"
            f"| surveys per request | 1 to {MAX_SURVEYS}, one per year |\n"
            f"| year of use (`since`) | {MIN_SINCE} up to the latest survey's year |\n")


def render_example(report: MonitorReport) -> str:
    indicator = shown(report)
    summary = report.summary
    expected = ", ".join(f"{e.name}: `{e.verdict}`" for e in indicator.expected)
    lines = [
        "The request (the example of `POST /v1/monitor` in the OpenAPI document):", "",
        "```json", request_json(), "```", "",
        f"For `{SHOWN}` in {indicator.group}: `change_per_year` "
        f"{indicator.change_per_year}, `versus_reference` `{indicator.versus_reference}`, "
        f"`expected` {expected}, `moved_as_expected` `{indicator.moved_as_expected}`. "
        "Its `text`:", "",
        *[f"> {sentence}" for sentence in indicator.text], "",
        f"Its `svg` ([{CHART.relative_to(DOC.parent)}]({CHART.relative_to(DOC.parent)})):",
        "", f"![{indicator.label}]({CHART.relative_to(DOC.parent)})", "",
        "The `summary`, ready for the school's public page:", "",
        f"> **{summary.heading}**", ">",
    ]
    for i, paragraph in enumerate(summary.paragraphs):
        lines += [f"> {paragraph}"] + ([">"] if i < len(summary.paragraphs) - 1 else [])
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    report = run_example()
    if argv[1:] == ["--write"]:
        CHART.write_text(shown(report).svg + "\n", encoding="utf-8")
        print(f"wrote {CHART}")
    doc_blocks.main(argv, DOC, blocks(report))


def blocks(report: MonitorReport) -> doc_blocks.Blocks:
    return {"monitor-parameters": render_parameters,
            "monitor-example": lambda: render_example(report)}


if __name__ == "__main__":
    main(sys.argv)
