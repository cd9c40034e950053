"""The plan's section on the school's monitor: the one place where it is written.

``monitor_section`` gets the body of ``POST /v1/monitor`` (the MonitorRequest of issue
22's contract: every survey oldest first, and the programmes in use since when). The
monitor service (``interventions_api/monitor/``: trends, what the programmes were
expected to move, a chart per indicator) is joined here when it is merged; until then the
section states the figures the school gave, as given, and draws no conclusion from them.
"""

from __future__ import annotations

from typing import Any

from ..texts import Texts, age_range


def _group(result: dict[str, Any], lang: str) -> str | None:
    years = result.get("school_years")
    if years:
        span = str(years["min"]) if years["min"] == years["max"] else (
            f"{years['min']}–{years['max']}")
        return f"{years['system']} {span}"
    ages = result.get("ages")
    return age_range(ages["min"], ages["max"], lang) if ages else None


def monitor_section(monitor_request: dict[str, Any], t: Texts,
                    names: dict[str, str]) -> dict[str, Any]:
    """The section "Onze monitor" for ``monitor_request``; ``names``: intervention id →
    name, for the programmes in use."""
    lines = []
    for survey in monitor_request["surveys"]:
        source = t.say("signal.source", source=survey["source"]) if survey.get("source") else ""
        for result in survey["results"]:
            group = _group(result, t.lang)
            reference = result.get("reference")
            lines.append(t.say(
                "plan_doc.monitor.result", year=survey["year"], source=source,
                share=t.pct(result["share"]), indicator=t.say("indicator." + result["indicator"]),
                group=t.say("signal.group", group=group) if group else "",
                reference=(t.say("signal.reference", reference=t.pct(reference))
                           if reference is not None else "")))
    blocks: list[dict[str, Any]] = [
        {"type": "paragraph", "text": t.say("plan_doc.monitor.intro")},
        {"type": "list", "items": lines}]
    in_use = []
    for item in monitor_request["interventions"]:
        name = names.get(item["id"], item["id"])
        in_use.append(t.say("plan_doc.monitor.since", name=name, year=item["since"])
                      if item.get("since") else
                      t.say("plan_doc.monitor.since_unknown", name=name))
    if in_use:
        blocks += [{"type": "paragraph", "text": t.say("plan_doc.monitor.in_use")},
                   {"type": "list", "items": in_use}]
    return {"id": "monitor", "heading": t.say("plan_doc.heading.monitor"), "blocks": blocks,
            "sections": []}
