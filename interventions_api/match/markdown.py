"""The plan as a Markdown section a school can paste into its safety plan (veiligheidsplan).

It holds: the chosen interventions per level and why; their evidence with sources; and
what the school still has to arrange — the tasks the Wet veiligheid op school (2015) puts
on schools in po, (v)so and vo: a person who coordinates the anti-bullying policy, a
contact point for bullying, and monitoring pupils' social safety every year.
"""

from __future__ import annotations

from typing import Any

from ..query import DEFAULT_CONCERN
from ..services.presenters import present_effects, scope_note
from ..texts import Texts, as_listed
from .scoring import signal_sentences
from .service import MatchResult

# Criteria whose sentences the section repeats under "why" (the rest are in the JSON).
EXPLAINED_CRITERIA = ("concern_themes", "concern_evidence", "evidence_level",
                      "pedagogical_fit")

LAW_SOURCES = (
    "https://zoek.officielebekendmakingen.nl/kst-34130-3.html",
    "https://www.schoolenveiligheid.nl/veelgestelde-vragen/is-anti-pestcoordinator-verplicht/",
)
# The law covers funderend onderwijs (primary, special and secondary), not mbo.
LAW_SCHOOL_TYPES = frozenset({"po", "so", "vo", "vso"})

def _p(t: Texts, key: str, **values: Any) -> str:
    return t.say("safety_plan." + key, **values)


def _h(t: Texts, key: str) -> str:
    return t.say("safety_plan.heading." + key)


def _profile_summary(result: MatchResult, t: Texts) -> str:
    profile = result.profile
    parts = [t.label("school_types", profile.school_type)]
    if profile.ages:
        parts.append(_p(t, "profile.ages", min=profile.ages.min, max=profile.ages.max))
    if result.needs.concerns:
        parts.append(_p(t, "profile.concerns", items=t.labels("themes", result.needs.concerns)))
    if profile.school_concept:
        parts.append(_p(t, "profile.concept",
                        item=t.label("school_concepts", profile.school_concept)))
    if profile.approaches:
        parts.append(_p(t, "profile.approaches",
                        items=t.labels("approaches", list(profile.approaches))))
    if result.current:
        parts.append(_p(t, "profile.current",
                        items=t.join([s.candidate.name for s in result.current])))
    if profile.monitor:
        parts.append(_p(t, "profile.monitor", year=profile.monitor.year))
    return "; ".join(parts)


def _study_link(study: dict[str, Any]) -> str | None:
    if study.get("doi"):
        return f"https://doi.org/{study['doi']}"
    url: str | None = study.get("url")
    return url


def _evidence_block(document: dict[str, Any], t: Texts, result: MatchResult) -> list[str]:
    evidence = document.get("evidence", {})
    lines = [f"#### {document['name']}", ""]
    # The verdicts on the school's concerns first, in bold: they answer its question.
    effects = present_effects(document, result.context, t.lang)
    concerns = [c for c in result.needs.concerns if c in effects] or [DEFAULT_CONCERN]
    for concern in concerns:
        lines.append(f"- **{effects[concern]['label']}** — {effects[concern]['summary']}")
    lines.append(f"- {_p(t, 'level')}: {t.level_label(evidence.get('level', 'not_assessed'))}")
    ratings = []
    for a in evidence.get("assessments", []):
        when = a.get("date") or a.get("year") or as_listed(a.get("checked"), t.lang) or ""
        verdict = a.get("rating") or t.say("assessment_outcome." + a["outcome"])
        note = scope_note(a, concerns[0], result.context, t.lang)
        ratings.append(f"{t.label('registries', a['registry'])}: “{verdict}” "
                       f"({when})" + (f", {note}" if note else "") + f" <{a['url']}>")
    if ratings:
        lines.append(f"- {_p(t, 'ratings')}:")
        lines += [f"  - {r}" for r in ratings]
    else:
        lines.append(f"- {_p(t, 'ratings')}: {_p(t, 'no_ratings')}")
    outcomes = evidence.get("outcomes", [])
    if outcomes:
        lines.append(f"- {_p(t, 'findings')}:")
        for o in outcomes:
            effect = f", {o['effect']}" if o.get("effect") else ""
            lines.append(f"  - {t.label('outcomes', o['outcome'])}: "
                         f"{t.say('finding.' + o['finding'])} ({o['study']}{effect})")
    studies = evidence.get("studies", {})
    if studies:
        lines.append(f"- {t.say('studies')}:")
        for key in sorted(studies):
            study = studies[key]
            link = _study_link(study)
            lines.append(f"  - `{key}`: {study['citation']}" + (f" <{link}>" if link else ""))
    sources = document.get("sources", [])
    if sources:
        lines.append(f"- {_p(t, 'sources')}: " + ", ".join(f"<{u}>" for u in sources))
    lines.append("")
    return lines


def _implementation_line(document: dict[str, Any], t: Texts) -> str:
    implementation = document.get("implementation", {})
    details = []
    if implementation.get("training_hours") is not None:
        details.append(_p(t, "todo.training", hours=t.number(implementation["training_hours"])))
    if implementation.get("requirements"):
        details.append(_p(t, "todo.requirements",
                           text=implementation["requirements"].strip().rstrip(".")))
    cost = implementation.get("cost")
    if cost and cost.get("amount_eur") is not None:  # not "op aanvraag"
        details.append(_p(t, "todo.cost", cost=t.cost(cost["amount_eur"], cost["per"],
                                                      cost["period"]), year=cost["year"]))
    else:
        details.append(_p(t, "todo.cost_unknown"))
    if document.get("provider"):
        provider = document["provider"]
        name = provider["name"] + (f" <{provider['url']}>" if provider.get("url") else "")
        details.append(_p(t, "todo.provider", name=name))
    return _p(t, "todo.implement", name=document["name"], details="; ".join(details) + ".")


def render_markdown(result: MatchResult) -> str:
    t = result.texts
    current = {s.candidate.id: s for s in result.current}
    lines = [f"## {_h(t, 'title')}", "",
             _p(t, "intro", version=result.context.version,
                profile=_profile_summary(result, t)), ""]
    signals = signal_sentences(result.needs, t)
    if signals:
        lines += [" ".join(signals), ""]
    explained: set[str] = set()
    for level in ("individual", "class", "school"):
        entry = result.plan[level]
        lines += [f"### {_h(t, 'level.' + level)}", ""]
        for item in entry["interventions"]:
            status = _p(t, "current") if item["current"] else _p(t, "new")
            what = f" — {item['what']}" if item.get("what") else ""
            lines.append(f"- **{item['name']}** ({status}){what}")
            if item["id"] in explained:
                lines.append(f"  - {_p(t, 'see_above')}")
                continue
            explained.add(item["id"])
            lines.append(f"  - {_p(t, 'why')}: {item['why']}")
            scored = result.ranked.get(item["id"]) or current.get(item["id"])
            for fit in scored.fit if scored is not None else []:
                if fit.applies and fit.criterion in EXPLAINED_CRITERIA:
                    text = fit.text
                    for sentence in signals:
                        text = text.replace(sentence, "").strip()
                    lines.append(f"  - {text}")
            for warning in item["warnings"]:
                lines.append(f"  - {_p(t, 'attention')}: {warning}")
        if entry["reason"]:
            lines.append(_p(t, "nothing", reason=entry["reason"]))
        for note in entry["notes"]:
            lines.append(f"- {_p(t, 'attention')}: {note}")
        lines.append("")

    lines += [f"### {_h(t, 'evidence')}", ""]
    for scored in result.choice.selected:
        document = result.documents.get(scored.candidate.id)
        if document:
            lines += _evidence_block(document, t, result)
    if not result.choice.selected:
        lines += [_p(t, "none_chosen"), ""]

    lines += [f"### {_h(t, 'todo')}", ""]
    lines.append(f"- {_p(t, 'todo.coordinator')}")
    lines.append(f"- {_p(t, 'todo.contact')}")
    monitor = result.profile.monitor
    if monitor is not None:
        source = f" ({monitor.source})" if monitor.source else ""
        extra = _p(t, "todo.monitor_last", year=monitor.year, source=source,
                   next=monitor.year + 1)
    else:
        extra = _p(t, "todo.monitor_none")
    lines.append(f"- {_p(t, 'todo.monitor')}{extra}")
    for scored in result.choice.selected:
        document = result.documents.get(scored.candidate.id)
        if document and not scored.candidate.current:
            lines.append(f"- {_implementation_line(document, t)}")
    gaps = [(level, result.plan[level]["reason"] or " ".join(result.plan[level]["notes"]))
            for level in ("individual", "class", "school")
            if result.plan[level]["reason"] or result.plan[level]["notes"]]
    if gaps:
        lines.append(f"- {_p(t, 'todo.gaps')}")
        for level, text in gaps:
            lines.append(f"  - {_p(t, 'todo.gap', level=_h(t, 'level.' + level), text=text)}")
    lines.append("")
    law = "todo.law" if result.profile.school_type in LAW_SCHOOL_TYPES else "todo.law_mbo"
    lines.append(_p(t, law) + " " + _p(t, "law_sources") + ": "
                 + ", ".join(f"<{u}>" for u in LAW_SOURCES))
    lines.append("")
    return "\n".join(lines)
