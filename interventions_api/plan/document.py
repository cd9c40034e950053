"""The safety-plan chapter on social safety, as a document built from a match.

The sections follow the four points of the sector's action plan (PO-raad and VO-raad,
2014) — a school-wide approach on three levels, norms and values, teachers' skills,
interventions that fit the school's vision and situation — then the legal duties of the
Wet veiligheid op school, the school's monitor when it gave one, and the sources. The
school speaks ("wij", "onze school"); what only the school knows is a placeholder it fills
in. Nothing here shows a score, a rank, a study key or a catalogue version: those explain
the match (``POST /v1/match``), not the school's plan. Every block is plain text; the
renderers (markdown.py, html.py, docx.py) give it its form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..match.plan import same_job
from ..match.scoring import Scored
from ..match.service import MatchResult
from ..monitor.models import MonitorReport
from ..query import DEFAULT_CONCERN
from ..services.presenters import concern_name, present_effects, present_ratings
from ..texts import Texts, country_name, long_date, published_price
from .monitor import monitor_section
from .request import PlanRequest

LEVELS = ("individual", "class", "school")
# The law covers funderend onderwijs (primary, special and secondary), not mbo.
LAW_SCHOOL_TYPES = frozenset({"po", "so", "vo", "vso"})
LAW_IN_FORCE = dt.date(2015, 8, 1)
LAW_SOURCES = (
    ("plan_doc.law.source.bill", "https://zoek.officielebekendmakingen.nl/kst-34130-3.html"),
    ("plan_doc.law.source.coordinator",
     "https://www.schoolenveiligheid.nl/veelgestelde-vragen/is-anti-pestcoordinator-verplicht/"),
)
LAW_DUTIES = ("policy", "coordinator", "contact", "monitor", "inspectie")
UNFAVOURABLE_VERDICTS = ("no_effect", "negative")
MAX_ALTERNATIVES = 2  # named in the advice for a programme without effect
# Match warnings in the school's own words; those not named here are said elsewhere in
# the plan (training hours under skills, findings under effects) or need no rewording.
OWN_WORDS = {"not_eligible", "cost_unknown", "cost_on_request", "cost_not_comparable",
             "age_range_unknown"}
AS_THEY_ARE = {"discontinued", "not_available_in_nl", "signal_out_of_reach"}


def section(section_id: str, heading: str, blocks: list[dict[str, Any]],
            sections: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": section_id, "heading": heading, "blocks": blocks, "sections": sections or []}


def paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "text": text}


def items(texts: list[str]) -> dict[str, Any]:
    return {"type": "list", "items": texts}


def placeholder(text: str) -> dict[str, Any]:
    return {"type": "placeholder", "text": text}


def warning(text: str) -> dict[str, Any]:
    return {"type": "warning", "text": text}


class PlanWriter:
    """Writes the document of one match; one instance per request."""

    def __init__(self, result: MatchResult, request: PlanRequest,
                 monitor: MonitorReport | None) -> None:
        self.result = result
        self.request = request
        self.monitor = monitor
        self.t: Texts = result.texts
        self.concerns = result.needs.concerns or [DEFAULT_CONCERN]
        self.selected: list[Scored] = list(result.choice.selected)
        self.levels_of: dict[str, list[str]] = {}
        for level in LEVELS:
            for item in result.plan[level]["interventions"]:
                self.levels_of.setdefault(item["id"], []).append(level)

    def say(self, key: str, **values: Any) -> str:
        return self.t.say("plan_doc." + key, **values)

    def concern(self, key: str) -> str:
        return concern_name(key, self.result.context, self.t.lang)

    # --- the document ----------------------------------------------------------------
    def document(self, today: dt.date) -> dict[str, Any]:
        sections = [self.approach(), self.norms(), self.skills(), self.interventions(),
                    self.law()]
        if self.monitor is not None:
            sections.append(monitor_section(self.monitor, self.t))
        sections.append(self.sources(today))
        return {"lang": self.t.lang, "title": self.say("title"), "school": self.school(),
                "sections": sections,
                "meta": {"catalogue_version": self.result.context.version,
                         "generated": today.isoformat()}}

    def school(self) -> str:
        profile, t = self.request, self.t
        parts = [t.label("school_types", profile.school_type).lower()]
        if profile.school_years:
            parts.append(self.say("school.years", years=profile.school_years.label()))
        elif profile.ages:
            parts.append(self.say("school.ages", ages=t.ages(profile.ages.min,
                                                             profile.ages.max)))
        if profile.school_concept:
            parts.append(self.say("school.concept",
                                  concept=t.label("school_concepts", profile.school_concept)))
        if self.result.needs.concerns:
            parts.append(self.say("school.concerns", concerns=t.join(
                [self.concern(c) for c in self.result.needs.concerns])))
        return self.say("school", parts="; ".join(parts))

    def approach(self) -> dict[str, Any]:
        blocks = [paragraph(self.say("approach.intro"))]
        if self.result.needs.concerns:
            blocks.append(paragraph(self.say("approach.concerns", concerns=self.t.join(
                [self.concern(c) for c in self.result.needs.concerns]))))
        lines = []
        for level in LEVELS:
            names = [item["name"] for item in self.result.plan[level]["interventions"]]
            label = self.say("level." + level)
            lines.append(self.say("approach.level", level=label, names=self.t.join(names))
                         if names else self.say("approach.level_open", level=label))
        blocks += [items(lines), placeholder(self.say("approach.owner")),
                   placeholder(self.say("approach.contact")),
                   placeholder(self.say("approach.confidant"))]
        return section("approach", self.say("heading.approach"), blocks)

    def norms(self) -> dict[str, Any]:
        return section("norms", self.say("heading.norms"), [
            paragraph(self.say("norms.intro")),
            *(placeholder(self.say("norms." + key))
              for key in ("values", "rules", "consequences", "sharing"))])

    def skills(self) -> dict[str, Any]:
        blocks = [paragraph(self.say("skills.intro"))]
        lines = []
        for scored in self.selected:
            implementation = self.result.documents.get(scored.candidate.id, {}).get(
                "implementation", {})
            asked = implementation.get("requirements") or {}
            requirements = (asked.get(self.t.lang) or asked.get("nl") or "").strip().rstrip(".")
            extra = self.say("skills.requirements", text=requirements) if requirements else ""
            hours = implementation.get("training_hours")
            if hours is None:
                lines.append(self.say("skills.unknown", name=scored.candidate.name,
                                      requirements=extra))
            else:
                lines.append(self.say("skills.hours", name=scored.candidate.name,
                                      hours=self.t.number(hours), requirements=extra))
        if lines:
            blocks += [paragraph(self.say("skills.training")), items(lines)]
        blocks.append(placeholder(self.say("skills.schedule")))
        return section("skills", self.say("heading.skills"), blocks)

    # --- interventions ------------------------------------------------------------------
    def interventions(self) -> dict[str, Any]:
        levels = [self.level(level) for level in LEVELS]
        blocks = [self.intervention(s) for s in self.selected]
        programmes = section("programmes", self.say("heading.programmes"),
                             blocks or [paragraph(self.say("interventions.none"))])
        return section("interventions", self.say("heading.interventions"),
                       [paragraph(self.say("interventions.intro"))], [*levels, programmes])

    def level(self, level: str) -> dict[str, Any]:
        entries = self.result.plan[level]["interventions"]
        blocks: list[dict[str, Any]] = []
        if entries:
            blocks.append(items([self.say("interventions.item", name=e["name"], what=e["what"])
                                 if e.get("what") else e["name"] for e in entries]))
            if self.result.needs.concerns and level in self.result.needs.wanted_levels:
                covered = {c for e in entries for c in e["addresses"]}
                blocks += [warning(self.say("interventions.uncovered",
                                            concern=self.concern(c)))
                           for c in self.result.needs.concerns if c not in covered]
        elif level in self.result.needs.wanted_levels:
            blocks.append(placeholder(self.say("interventions.open")))
        else:
            blocks.append(placeholder(self.say("interventions.unasked")))
        if level == "school":
            current = [s.candidate for s in self.selected if s.candidate.current]
            blocks += [warning(self.say("interventions.duplicates",
                                        names=self.t.join([a.name, b.name])))
                       for i, a in enumerate(current) for b in current[i + 1:]
                       if same_job(a, b, self.result.needs)]
        return section(level, self.say("heading.level." + level), blocks)

    def intervention(self, scored: Scored) -> dict[str, Any]:
        c = scored.candidate
        document = self.result.documents.get(c.id, {})
        summary = document.get("summary", {})
        effects = present_effects(document, self.result.context, self.t.lang)
        return {
            "type": "intervention", "id": c.id, "name": c.name,
            "levels": self.levels_of.get(c.id, []), "current": c.current,
            "what": summary.get(self.t.lang) or summary.get("nl") or "",
            "why": self.why(scored),
            "provider": (document.get("provider") or {}).get("name"),
            "price": self.price(document),
            "effects": [{"concern": concern, "verdict": effects[concern]["verdict"],
                         "label": effects[concern]["label"],
                         "summary": self.effect_summary(document, concern)}
                        for concern in self.concerns if concern in effects],
            "warnings": self.warnings(scored),
            "advice": self.advice(scored),
            "url": f"/v1/interventions/{c.id}",
        }

    def why(self, scored: Scored) -> str:
        """Why it is in the plan, in words: the match's criteria without their numbers."""
        c, t, profile = scored.candidate, self.t, self.request
        sentences = []
        if c.current:
            since = self.request.in_use_since.get(c.id)
            sentences.append(self.say("why.current_since", year=since) if since
                             else self.say("why.current"))
        addressed = [k for k in self.result.needs.concerns if k in c.themes]
        if addressed:
            sentences.append(self.say("why.concerns", concerns=t.join(
                [self.concern(k) for k in addressed])))
        shared = [a for a in profile.approaches if a in c.approaches]
        if shared:
            sentences.append(self.say("why.approaches",
                                      approaches=t.labels("approaches", shared).lower()))
        concept_approaches = self.result.needs.concept_approaches
        if profile.school_concept and concept_approaches:
            fitting = [a for a in c.approaches if a in concept_approaches]
            if fitting:
                sentences.append(self.say(
                    "why.concept", concept=t.label("school_concepts", profile.school_concept),
                    approaches=t.labels("approaches", fitting).lower()))
        if "whole_school" in c.approaches and "school" in c.levels:
            sentences.append(self.say("why.whole_school"))
        sentences.append(self.say("why.level", label=t.level_label(c.evidence_level)))
        return " ".join(sentences)

    def price(self, document: dict[str, Any]) -> str:
        """What it costs, as the catalogue has it: the price, 'op aanvraag' or unknown."""
        cost = document.get("implementation", {}).get("cost")
        return published_price(cost, self.t.lang) if cost else self.say("price.unknown")

    def effect_summary(self, document: dict[str, Any], concern: str) -> str:
        """Every study behind the verdict, named by design, country, size and year (the
        full citations are under the sources)."""
        effect = document.get("evidence", {}).get("effects", {}).get(concern, {})
        if effect.get("verdict", "not_studied") == "not_studied":
            return self.t.say("effect.not_studied", concern=self.concern(concern))
        t = self.t
        results = []
        for result in effect["results"]:
            details = [t.label("study_designs", result["design"]).lower() if result["design"]
                       else None,
                       country_name(result["country"], t.lang),
                       t.say("effect.sample", n=t.number(result["n"], 0)) if result["n"]
                       else None,
                       str(result["year"]) if result["year"] else None]
            text = t.say("finding." + result["result"])
            present = [d for d in details if d]
            results.append(self.say("effect.result", result=text, details=", ".join(present))
                           if present else text)
        joined = "; ".join(results)
        return self.say("effect.summary", results=joined[:1].upper() + joined[1:])

    def warnings(self, scored: Scored) -> list[str]:
        c, texts = scored.candidate, []
        for w in scored.warnings:
            code = w["code"]
            if code.endswith("_verdict_on_concern") and not c.current:
                texts.append(self.say("warn.verdict." + w["verdict"],
                                      concern=self.concern(w["concern"])))
            elif code == "not_eligible":
                texts.append(self.say("warn.not_eligible",
                                      constraint=self.t.say("constraint." + w["constraint"])))
            elif code in OWN_WORDS:
                texts.append(self.say("warn." + code))
            elif code in AS_THEY_ARE:
                texts.append(w["message"])
        # The match weighs an unknown availability without a warning; a plan the school
        # acts on says it, as it says an unknown cost. What the school runs it already has.
        if c.available_nl is None and not c.current:
            texts.append(self.say("warn.availability_unknown"))
        return texts

    def advice(self, scored: Scored) -> str | None:
        """For a programme the school runs that research found not to work (or to harm)
        on one of its concerns: what it could do, instead of "already in use"."""
        c = scored.candidate
        if not c.current:
            return None
        sentences = []
        for concern in self.result.needs.concerns:
            verdict = c.verdict(concern)
            if verdict not in UNFAVOURABLE_VERDICTS:
                continue
            # The best-ranked programmes shown to work on it, in the plan or not; those a
            # Dutch school can get first, none that it cannot get.
            shown_to_work = [s.candidate for s in self.result.ranked
                             if not s.candidate.current
                             and s.candidate.verdict(concern) == "positive"
                             and s.candidate.available_nl is not False]
            shown_to_work.sort(key=lambda other: other.available_nl is not True)
            better = [other.name for other in shown_to_work[:MAX_ALTERNATIVES]]
            name = self.concern(concern)
            alternative = (self.say("advice.alternative_named", concern=name,
                                    names=self.t.join(better)) if better
                           else self.say("advice.alternative", concern=name))
            sentences.append(self.say("advice." + verdict, name=c.name, concern=name,
                                      alternative=alternative))
        return " ".join(sentences) or None

    # --- law and sources ----------------------------------------------------------------
    def law(self) -> dict[str, Any]:
        if self.request.school_type in LAW_SCHOOL_TYPES:
            intro = self.say("law.intro", date=long_date(LAW_IN_FORCE, self.t.lang))
        else:
            intro = self.say("law.mbo")
        blocks = [paragraph(intro), items([self.say("law." + duty) for duty in LAW_DUTIES]),
                  paragraph(self.say("law.duty"))]
        monitor = self.request.monitor
        if monitor is not None:
            source = self.t.say("signal.source", source=monitor.source) if monitor.source else ""
            blocks.append(paragraph(self.say("law.monitor_last", year=monitor.year,
                                             source=source, next=monitor.year + 1)))
        else:
            blocks.append(placeholder(self.say("law.monitor_open")))
        blocks.append({"type": "sources", "items": [{"text": self.say(key[len("plan_doc."):]),
                                                     "url": url} for key, url in LAW_SOURCES]})
        return section("law", self.say("heading.law"), blocks)

    def sources(self, today: dt.date) -> dict[str, Any]:
        entries: list[dict[str, str]] = []
        seen: set[str] = set()

        def add(text: str, url: str | None) -> None:
            if url and url not in seen:
                seen.add(url)
                entries.append({"text": text, "url": url})

        for scored in self.selected:
            document = self.result.documents.get(scored.candidate.id, {})
            studies = document.get("evidence", {}).get("studies", {})
            for key in sorted(studies):
                study = studies[key]
                add(study["citation"],
                    f"https://doi.org/{study['doi']}" if study.get("doi") else study.get("url"))
            assessments = document.get("evidence", {}).get("assessments", [])
            ratings = present_ratings(document, self.result.context, self.t.lang,
                                      self.concerns[0])
            for assessment, rating in zip(assessments, ratings, strict=True):
                verdict = rating["rating"] or rating["outcome_label"] or ""
                note = f" ({rating['scope_note']})" if rating["scope_note"] else ""
                add(self.say("sources.rating", name=scored.candidate.name,
                             registry=rating["registry_label"], rating=verdict, note=note),
                    assessment["url"])
            provider = document.get("provider") or {}
            add(self.say("sources.provider", name=scored.candidate.name,
                         provider=provider.get("name", "")), provider.get("url"))
        blocks: list[dict[str, Any]] = [{"type": "sources", "items": entries}] if entries else []
        blocks.append(paragraph(self.say("footer", date=long_date(today, self.t.lang))))
        return section("sources", self.say("heading.sources"), blocks)


def build_document(result: MatchResult, request: PlanRequest, monitor: MonitorReport | None,
                   today: dt.date) -> dict[str, Any]:
    """The plan document (the JSON of ``POST /v1/plan``) of one match, with the monitor's
    report of the school's figures when it gave some."""
    return PlanWriter(result, request, monitor).document(today)
