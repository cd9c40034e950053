"""The plan as a Markdown section a school can paste into its safety plan (veiligheidsplan).

It holds: the chosen interventions per level and why; their evidence with sources; and
what the school still has to arrange — the tasks the Wet veiligheid op school (2015) puts
on schools in po, (v)so and vo: a person who coordinates the anti-bullying policy, a
contact point for bullying, and monitoring pupils' social safety every year.
"""

from __future__ import annotations

from typing import Any

from ..labels import FINDING_LABELS, prefixed
from .scoring import signal_sentences
from .service import MatchResult
from .texts import Texts

# Criteria whose sentences the section repeats under "why" (the rest are in the JSON).
EXPLAINED_CRITERIA = ("concern_themes", "concern_evidence", "evidence_level",
                      "pedagogical_fit")

LAW_SOURCES = (
    "https://zoek.officielebekendmakingen.nl/kst-34130-3.html",
    "https://www.schoolenveiligheid.nl/veelgestelde-vragen/is-anti-pestcoordinator-verplicht/",
)
# The law covers funderend onderwijs (primary, special and secondary), not mbo.
LAW_SCHOOL_TYPES = frozenset({"po", "so", "vo", "vso"})

HEADINGS = {
    "title": {"nl": "Interventies voor sociale veiligheid: schoolbrede aanpak",
              "en": "Social-safety interventions: a whole-school approach"},
    "evidence": {"nl": "Onderbouwing en bronnen", "en": "Evidence and sources"},
    "todo": {"nl": "Wat de school nog moet regelen", "en": "What the school still has to arrange"},
    "level.individual": {"nl": "Niveau van de leerling", "en": "Level of the individual pupil"},
    "level.class": {"nl": "Niveau van de groep / klas", "en": "Level of the class"},
    "level.school": {"nl": "Niveau van de school", "en": "Level of the whole school"},
}

PHRASES = {
    "intro": {
        "nl": "Opgesteld met de open interventiedatabase (catalogusversie `{version}`), op "
              "basis van dit schoolprofiel: {profile}.",
        "en": "Drawn up with the open interventions database (catalogue version `{version}`), "
              "from this school profile: {profile}.",
    },
    "profile.ages": {"nl": "leerlingen van {min}–{max} jaar", "en": "pupils aged {min}–{max}"},
    "profile.concerns": {"nl": "zorgen: {items}", "en": "concerns: {items}"},
    "profile.concept": {"nl": "onderwijsconcept: {item}", "en": "school concept: {item}"},
    "profile.approaches": {"nl": "voorkeursaanpakken: {items}",
                           "en": "preferred approaches: {items}"},
    "profile.current": {"nl": "al in gebruik: {items}", "en": "already in use: {items}"},
    "profile.monitor": {"nl": "monitor {year}", "en": "monitor {year}"},
    "current": {"nl": "al in gebruik", "en": "already in use"},
    "new": {"nl": "nieuw", "en": "new"},
    "why": {"nl": "Waarom", "en": "Why"},
    "see_above": {"nl": "Zie hierboven.", "en": "See above."},
    "none_chosen": {"nl": "Er is geen interventie gekozen; zie de redenen per niveau.",
                    "en": "No intervention was chosen; see the reasons per level."},
    "attention": {"nl": "Let op", "en": "Note"},
    "nothing": {"nl": "Hier past niets uit de catalogus: {reason}",
                "en": "Nothing from the catalogue fits here: {reason}"},
    "level": {"nl": "Bewijsniveau", "en": "Evidence level"},
    "ratings": {"nl": "Oordelen", "en": "Ratings"},
    "no_ratings": {"nl": "geen oordeel van een register", "en": "no registry verdict"},
    "findings": {"nl": "Uitkomsten in onderzoek", "en": "Outcomes in studies"},
    "studies": {"nl": "Studies", "en": "Studies"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    **prefixed("finding", FINDING_LABELS),
    "todo.coordinator": {
        "nl": "**Coördinator anti-pestbeleid**: wijs een persoon aan die het beleid tegen "
              "pesten coördineert.",
        "en": "**Anti-bullying coordinator**: appoint a person who coordinates the policy "
              "against bullying.",
    },
    "todo.contact": {
        "nl": "**Aanspreekpunt pesten**: zorg voor een aanspreekpunt waar leerlingen en "
              "ouders pesten kunnen melden, en maak bekend wie dat is.",
        "en": "**Contact point for bullying**: make sure pupils and parents have a contact "
              "point to report bullying, and make known who it is.",
    },
    "todo.monitor": {
        "nl": "**Jaarlijkse monitor**: meet elk jaar de sociale veiligheid en het welbevinden "
              "van de leerlingen met een instrument dat een actueel en representatief beeld "
              "geeft.",
        "en": "**Yearly monitor**: measure pupils' social safety and wellbeing every year, "
              "with an instrument that gives a current and representative picture.",
    },
    "todo.monitor_last": {
        "nl": " De laatste monitor in dit profiel is van {year}{source}; plan de volgende "
              "meting in {next} en vergelijk de uitkomsten.",
        "en": " The latest monitor in this profile is from {year}{source}; plan the next one "
              "in {next} and compare the results.",
    },
    "todo.monitor_none": {
        "nl": " Dit profiel bevat geen monitoruitkomsten; neem de laatste meting op om de "
              "keuze te onderbouwen.",
        "en": " This profile holds no monitor results; add the latest survey to ground the "
              "choice.",
    },
    "todo.law": {
        "nl": "De Wet veiligheid op school (2015) vraagt dit van scholen in het po, (v)so en vo.",
        "en": "The Dutch Safety at School Act (Wet veiligheid op school, 2015) asks this of "
              "primary, special and secondary schools.",
    },
    "todo.law_mbo": {
        "nl": "De Wet veiligheid op school (2015) geldt voor het po, (v)so en vo, niet voor "
              "het mbo; deze taken zijn ook daar verstandig.",
        "en": "The Dutch Safety at School Act (2015) covers primary, special and secondary "
              "schools, not mbo; these tasks are sensible there too.",
    },
    "todo.implement": {
        "nl": "**Invoeren van {name}**: {details}",
        "en": "**Introducing {name}**: {details}",
    },
    "todo.training": {"nl": "{hours} trainingsuren per leerkracht", "en": "{hours} training "
                                                                          "hours per teacher"},
    "todo.requirements": {"nl": "voorwaarden: {text}", "en": "requirements: {text}"},
    "todo.cost": {"nl": "kosten: {cost} (prijspeil {year})", "en": "cost: {cost} "
                                                                   "(price level {year})"},
    "todo.cost_unknown": {"nl": "kosten opvragen bij de aanbieder",
                          "en": "ask the provider for the cost"},
    "todo.provider": {"nl": "aanbieder: {name}", "en": "provider: {name}"},
    "todo.gap": {"nl": "**{level}**: {text}", "en": "**{level}**: {text}"},
    "todo.gaps": {"nl": "Open plekken in het plan:", "en": "Gaps in the plan:"},
    "law_sources": {"nl": "Bronnen bij de wettelijke taken", "en": "Sources for the legal tasks"},
}


def _p(t: Texts, key: str, **values: Any) -> str:
    return PHRASES[key][t.lang].format(**values)


def _h(t: Texts, key: str) -> str:
    return HEADINGS[key][t.lang]


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


def _evidence_block(document: dict[str, Any], t: Texts) -> list[str]:
    evidence = document.get("evidence", {})
    lines = [f"#### {document['name']}", ""]
    lines.append(f"- {_p(t, 'level')}: {t.level_label(evidence.get('level', 'not_assessed'))}")
    ratings = []
    for a in evidence.get("assessments", []):
        when = a.get("date") or a.get("year") or ""
        ratings.append(f"{t.label('registries', a['registry'])}: “{a['rating']}” "
                       f"({when}) <{a['url']}>")
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
                         f"{_p(t, 'finding.' + o['finding'])} ({o['study']}{effect})")
    studies = evidence.get("studies", {})
    if studies:
        lines.append(f"- {_p(t, 'studies')}:")
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
    if cost:
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
            lines += _evidence_block(document, t)
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
