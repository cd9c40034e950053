"""The plan's section on the school's monitor: the one place where it is written.

It reports what ``POST /v1/monitor`` reports for the same figures (``monitor.service``):
per indicator how the share developed, what the programmes in use were expected to move
and whether the figures moved that way, with its chart; then the summary the school can
put on its public page. The plan adds no judgement of its own.
"""

from __future__ import annotations

from typing import Any

from ..monitor.models import IndicatorReport, MonitorReport
from ..texts import Texts


def _figures(item: IndicatorReport, t: Texts) -> dict[str, Any]:
    """The chart's figures as a table, for the formats that cannot show an SVG (Word,
    Markdown): one row per year, the reference column only when a year has one."""
    with_reference = any(p.reference is not None for p in item.points)
    columns = [t.say("monitor.chart.year"), t.say("monitor.chart.school")]
    if with_reference:
        columns.append(t.say("monitor.chart.reference"))
    rows = []
    for point in item.points:
        row = [str(point.year), t.pct(point.share)]
        if with_reference:
            row.append("—" if point.reference is None else t.pct(point.reference))
        rows.append(row)
    return {"columns": columns, "rows": rows}


def monitor_section(report: MonitorReport, t: Texts) -> dict[str, Any]:
    """The section "Onze monitor" for the school's ``report``."""
    indicators = []
    for item in report.indicators:
        heading = f"{item.label} ({item.group})" if item.group else item.label
        indicators.append({
            "id": f"monitor-{item.indicator}", "heading": heading[:1].upper() + heading[1:],
            "blocks": [*({"type": "paragraph", "text": sentence} for sentence in item.text),
                       {"type": "chart", "indicator": item.indicator, "caption": heading,
                        "svg": item.svg, "figures": _figures(item, t)}],
            "sections": []})
    public = {"id": "monitor-public", "heading": t.say("plan_doc.heading.monitor_public"),
              "blocks": [{"type": "paragraph", "text": t.say("plan_doc.monitor.public")}],
              "sections": [{"id": "monitor-public-text", "heading": report.summary.heading,
                            "blocks": [{"type": "paragraph", "text": p}
                                       for p in report.summary.paragraphs],
                            "sections": []}]}
    return {"id": "monitor", "heading": t.say("plan_doc.heading.monitor"),
            "blocks": [{"type": "paragraph", "text": t.say("plan_doc.monitor.intro")}],
            "sections": [*indicators, public]}
