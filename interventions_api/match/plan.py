"""The plan: what covers each level (individual, class, school), current interventions first.

Filling order is school → class → individual, so a whole-school programme chosen as the
frame also covers the other levels it works on. A level counts as covered when, for every
concern, something in the plan addresses that concern at that level (without concerns:
when anything works there). At most ``MAX_NEW_PER_LEVEL`` new interventions are added per
level, each the best-ranked eligible one that addresses a concern still open there and
that does not do the same job as a whole-school programme already in the plan. A
programme research found ineffective or harmful on a concern does not address it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..texts import Texts
from .candidates import CONSTRAINTS, Candidate
from .needs import SchoolNeeds
from .scoring import SCORE_DECIMALS, Ranking, Scored
from .weights import MAX_NEW_PER_LEVEL, OUTPUT_LEVELS, PLAN_LEVELS, WHOLE_SCHOOL_APPROACH


def is_whole_school(c: Candidate) -> bool:
    return WHOLE_SCHOOL_APPROACH in c.approaches and "school" in c.levels


def job(c: Candidate, needs: SchoolNeeds) -> set[str]:
    return set(addresses(c, needs)) if needs.concerns else set(c.themes)


def same_job(a: Candidate, b: Candidate, needs: SchoolNeeds) -> bool:
    return (a.id != b.id and is_whole_school(a) and is_whole_school(b)
            and bool(job(a, needs) & job(b, needs)))


@dataclass
class PlanChoice:
    selected: list[Scored]                       # current first, then added, in order
    added: set[str] = field(default_factory=set)
    blocked: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # level -> (id, by)


# Research found it does not work on the concern (or works against it): such a programme
# does not cover the concern in the plan, whatever its themes say.
NOT_WORKING = frozenset({"no_effect", "negative"})


def works_on(c: Candidate, concern: str) -> bool:
    return concern in c.themes and c.verdict(concern) not in NOT_WORKING


def addresses(c: Candidate, needs: SchoolNeeds) -> list[str]:
    return [concern for concern in needs.concerns if works_on(c, concern)]


def _open_concerns(level: str, selected: list[Scored], needs: SchoolNeeds) -> list[str] | None:
    """Concerns nobody addresses at ``level`` yet; None when the level is fully covered."""
    here = [s.candidate for s in selected if level in s.candidate.levels]
    if not needs.concerns:
        return None if here else []
    covered = {concern for c in here for concern in addresses(c, needs)}
    still_open = [concern for concern in needs.concerns if concern not in covered]
    return still_open or None


def choose(ranked: Ranking, current: list[Scored], needs: SchoolNeeds) -> PlanChoice:
    choice = PlanChoice(selected=list(current))
    for level in PLAN_LEVELS:
        if level not in needs.wanted_levels:
            continue
        for _ in range(MAX_NEW_PER_LEVEL):
            still_open = _open_concerns(level, choice.selected, needs)
            if still_open is None:
                break
            pick = _best_addition(level, still_open, ranked, choice, needs)
            if pick is None:
                break
            choice.selected.append(pick)
            choice.added.add(pick.candidate.id)
    return choice


def _best_addition(level: str, still_open: list[str], ranked: Ranking, choice: PlanChoice,
                   needs: SchoolNeeds) -> Scored | None:
    """The best-ranked eligible entry that works at ``level`` on a concern still open there
    and does not do the job of one in the plan; those that would are noted as blocked."""
    selected = {s.candidate.id for s in choice.selected}
    wanted = set(still_open)
    for scored in ranked:
        c = scored.candidate
        if level not in c.levels or c.id in selected:
            continue
        if needs.concerns and wanted.isdisjoint(addresses(c, needs)):
            continue
        rival = next((s.candidate for s in choice.selected
                      if same_job(c, s.candidate, needs)), None)
        if rival is not None:
            choice.blocked.setdefault(level, []).append((c.id, rival.id))
            continue
        return scored
    return None


class CatalogueView:
    """Every entry of the catalogue (excluded ones too, with the constraint that ruled each
    out), to explain a gap: how many work at a level, and what ruled them out."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self._candidates = candidates
        self._by_id = {c.id: c for c in candidates}

    def _at(self, level: str, concern: str | None) -> list[Candidate]:
        return [c for c in self._candidates if level in c.levels
                and (concern is None or works_on(c, concern))]

    def count(self, level: str, concern: str | None = None) -> int:
        return len(self._at(level, concern))

    def excluded(self, level: str, concern: str | None = None) -> Counter[str]:
        return Counter(c.failed for c in self._at(level, concern) if c.failed)

    def entry(self, entry_id: str) -> Candidate:
        return self._by_id[entry_id]

    def eligible(self, level: str) -> int:
        """How many eligible entries work at ``level``."""
        return sum(1 for c in self._at(level, None) if c.failed is None)

    def eligible_addressing(self, level: str, concerns: list[str]) -> bool:
        """Whether an eligible entry works at ``level`` on any of ``concerns``."""
        return any(c.failed is None and any(works_on(c, concern) for concern in concerns)
                   for c in self._at(level, None))


def render(choice: PlanChoice, ranked: Ranking, needs: SchoolNeeds, t: Texts,
           documents: dict[str, dict[str, Any]], view: CatalogueView) -> dict[str, Any]:
    plan: dict[str, Any] = {}
    for level in OUTPUT_LEVELS:
        wanted = level in needs.wanted_levels
        here = [s for s in choice.selected if level in s.candidate.levels
                and (wanted or s.candidate.current)]
        items = [_item(s, level, ranked, needs, t, documents) for s in here]
        notes: list[str] = []
        reason = None
        if not wanted:
            if items:
                notes.append(t.say("plan.not_requested"))
            else:
                reason = t.say("plan.not_requested")
        elif not items:
            reason = _why_none(level, ranked, choice, needs, t, view)
        elif needs.concerns:
            covered = {c for s in here for c in addresses(s.candidate, needs)}
            for concern in needs.concerns:
                if concern not in covered:
                    notes.append(_why_uncovered(level, concern, ranked, choice, t, view))
        if level == "school":
            notes += _current_duplicates(choice, needs, t)
        plan[level] = {"covered": bool(items), "interventions": items,
                       "reason": reason, "notes": notes}
    return plan


def _item(s: Scored, level: str, ranked: Ranking, needs: SchoolNeeds, t: Texts,
          documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    c = s.candidate
    rank = ranked.rank_of(c.id)
    document = documents.get(c.id, {})
    what = document.get("levels", {}).get(level, {})
    concerns = addresses(c, needs)
    if c.current:
        why = t.say("plan.why_current")
    else:
        why = t.say("plan.why_added", rank=rank,
                    concerns=(t.say("plan.why_concerns", concerns=t.labels("themes", concerns))
                              if concerns else ""))
    return {
        "id": c.id, "name": c.name, "current": c.current, "rank": rank,
        "score": round(s.score, SCORE_DECIMALS), "addresses": concerns,
        "what": what.get(t.lang) or what.get("nl"), "why": why,
        "whole_school": is_whole_school(c),
        # Objects as in matches[].warnings: a client reads one shape in both places.
        "warnings": [{"code": w["code"], "message": w["message"]} for w in s.warnings],
    }


def _reasons(counts: Counter[str], t: Texts) -> str:
    return t.join([f"{t.say('constraint.' + name)}: {counts[name]}"
                   for name in CONSTRAINTS if counts.get(name)])


def _not_chosen(level: str, concern: str | None, ranked: Ranking, choice: PlanChoice,
                t: Texts, view: CatalogueView) -> str | None:
    """Why eligible entries for this level (and concern) are not in the plan, if any are."""
    selected = {s.candidate.id for s in choice.selected}

    def is_open(c: Candidate) -> bool:
        return (level in c.levels and c.id not in selected
                and (concern is None or works_on(c, concern)))

    first = next((s.candidate for s in ranked if is_open(s.candidate)), None)
    if first is None:
        return None
    # Only eligible entries are blocked (``choose`` scans the ranking), so the open ones
    # among them are those ``is_open`` accepts.
    blocked = [(cid, rival) for cid, rival in choice.blocked.get(level, [])
               if is_open(view.entry(cid))]
    if blocked:
        rival = blocked[0][1]
        ids = list(dict.fromkeys(cid for cid, r in blocked if r == rival))
        return t.say("plan.duplicate", names=t.join([view.entry(i).name for i in ids]),
                     other=view.entry(rival).name)
    return t.say("plan.limit", max=MAX_NEW_PER_LEVEL, name=first.name)


def _why_none(level: str, ranked: Ranking, choice: PlanChoice, needs: SchoolNeeds,
              t: Texts, view: CatalogueView) -> str:
    level_label = t.label("levels", level)
    total = view.count(level)
    if total == 0:
        return t.say("plan.none_at_level", level=level_label)
    eligible = view.eligible(level)
    if not eligible:
        return t.say("plan.all_excluded", n=total, level=level_label,
                     reasons=_reasons(view.excluded(level), t))
    if needs.concerns and not view.eligible_addressing(level, needs.concerns):
        return t.say("plan.no_concern", n=eligible, level=level_label,
                     concerns=t.labels("themes", needs.concerns))
    return (_not_chosen(level, None, ranked, choice, t, view)
            or t.say("plan.none_at_level", level=level_label))


def _why_uncovered(level: str, concern: str, ranked: Ranking, choice: PlanChoice,
                   t: Texts, view: CatalogueView) -> str:
    values = {"level": t.label("levels", level), "concern": t.label("themes", concern)}
    why = _not_chosen(level, concern, ranked, choice, t, view)
    if why:
        return t.say("plan.uncovered", why=why, **values)
    excluded = view.excluded(level, concern)
    if excluded:
        return t.say("plan.uncovered", why=t.say(
            "plan.concern_excluded", n=sum(excluded.values()), reasons=_reasons(excluded, t)),
            **values)
    return t.say("plan.uncovered", why=t.say("plan.concern_absent"), **values)


def _current_duplicates(choice: PlanChoice, needs: SchoolNeeds, t: Texts) -> list[str]:
    current = [s.candidate for s in choice.selected if s.candidate.current]
    notes = []
    for i, a in enumerate(current):
        for b in current[i + 1:]:
            if same_job(a, b, needs):
                notes.append(t.say("plan.current_duplicates", names=t.join([a.name, b.name])))
    return notes
