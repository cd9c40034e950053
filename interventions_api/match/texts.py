"""Sentences of the match in Dutch and English: every template in one table.

Templates are ``str.format`` strings; a key must exist in both languages (a test checks).
Vocabulary keys are always shown by their label in the requested language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..labels import COST_BASIS_LABELS, COST_PERIOD_LABELS, prefixed
from ..schema import EvidenceScale, Vocabularies

TEMPLATES: dict[str, dict[str, str]] = {
    # concern_themes
    "themes.na": {
        "nl": "Niet meegewogen: het profiel noemt geen zorgen.",
        "en": "Not weighed: the profile names no concerns.",
    },
    "themes.some": {
        "nl": "Richt zich op {matched} ({k} van uw {n} zorgen).",
        "en": "Addresses {matched} ({k} of your {n} concerns).",
    },
    "themes.missing": {
        "nl": "Niet op {missing}.",
        "en": "Not {missing}.",
    },
    "themes.none": {
        "nl": "Richt zich op geen van uw zorgen ({missing}).",
        "en": "Addresses none of your concerns ({missing}).",
    },
    "themes.out_of_reach": {
        "nl": "De leeftijden ({ages}) reiken niet tot {group}, waar de monitor {concern} "
              "aanwijst; dat telt daarom half.",
        "en": "Its ages ({ages}) do not reach {group}, where the monitor points at {concern}; "
              "so that counts half.",
    },
    "signal.raised": {
        "nl": "De monitor van {year}{source} meldt {share} {indicator}{group}{reference}; "
              "daardoor weegt {concern} {weight} in plaats van {base}.",
        "en": "The {year} monitor{source} reports {share} {indicator}{group}{reference}; "
              "so {concern} weighs {weight} instead of {base}.",
    },
    "signal.not_raised": {
        "nl": "De monitor van {year}{source} meldt {share} {indicator}{group}{reference}; "
              "dat verhoogt het gewicht van {concern} niet.",
        "en": "The {year} monitor{source} reports {share} {indicator}{group}{reference}; "
              "that does not raise the weight of {concern}.",
    },
    "signal.group": {"nl": " in {group}", "en": " in {group}"},
    "signal.reference": {"nl": " (vergelijking: {reference})", "en": " (reference: {reference})"},
    "signal.source": {"nl": " ({source})", "en": " ({source})"},
    # concern_evidence
    "evidence.na": {
        "nl": "Niet meegewogen: het profiel noemt geen zorgen met meetbare uitkomsten.",
        "en": "Not weighed: the profile names no concerns with measurable outcomes.",
    },
    "evidence.positive": {
        "nl": "Gunstig effect gevonden op {items}.",
        "en": "Favourable effect found on {items}.",
    },
    "evidence.mixed": {
        "nl": "Wisselende resultaten op {items}.",
        "en": "Mixed results on {items}.",
    },
    "evidence.no_favourable": {
        "nl": "Geen gunstig effect gevonden op de uitkomsten achter uw zorgen.",
        "en": "No favourable effect found on the outcomes behind your concerns.",
    },
    "evidence.none": {
        "nl": "Geen onderzoeksresultaten op de uitkomsten achter uw zorgen ({outcomes}).",
        "en": "No study results on the outcomes behind your concerns ({outcomes}).",
    },
    "evidence.no_effect": {
        "nl": "Geen effect gevonden op {items}: dat verlaagt de score.",
        "en": "No effect found on {items}: that lowers the score.",
    },
    "evidence.negative": {
        "nl": "Ongunstig effect gevonden op {items}: dat verlaagt de score sterk.",
        "en": "Unfavourable effect found on {items}: that lowers the score considerably.",
    },
    "evidence.item": {"nl": "{outcome} ({study})", "en": "{outcome} ({study})"},
    # evidence_level
    "level.known": {
        "nl": "Bewijsniveau: {label}.",
        "en": "Evidence level: {label}.",
    },
    "level.zero": {
        "nl": "Bewijsniveau: {label}; dat zegt nog niet dat het werkt.",
        "en": "Evidence level: {label}; that does not yet say it works.",
    },
    # pedagogical_fit
    "pedagogy.na": {
        "nl": "Niet meegewogen: het profiel noemt geen aanpakken en geen onderwijsconcept.",
        "en": "Not weighed: the profile names no approaches and no school concept.",
    },
    "pedagogy.shared": {
        "nl": "Deelt {shared} met uw aanpakken ({k} van {n}).",
        "en": "Shares {shared} with your approaches ({k} of {n}).",
    },
    "pedagogy.not_shared": {
        "nl": "Deelt geen van uw aanpakken ({wanted}).",
        "en": "Shares none of your approaches ({wanted}).",
    },
    "pedagogy.concept": {
        "nl": "{k} van zijn {n} aanpakken passen bij {concept}{fitting}.",
        "en": "{k} of its {n} approaches fit {concept}{fitting}.",
    },
    "pedagogy.concept_unknown": {
        "nl": "Er staan geen aanpakken bij om met {concept} te vergelijken.",
        "en": "It lists no approaches to compare with {concept}.",
    },
    # levels
    "levels.some": {
        "nl": "Werkt op {levels}: {k} van de {n} niveaus die u wilt.",
        "en": "Works at {levels}: {k} of the {n} levels you want.",
    },
    "levels.missing": {"nl": "Niet op {missing}.", "en": "Not at {missing}."},
    "levels.none": {
        "nl": "Werkt niet op de niveaus die u wilt ({wanted}).",
        "en": "Does not work at the levels you want ({wanted}).",
    },
    # cost
    "cost.na": {
        "nl": "Niet meegewogen: het profiel noemt geen budget.",
        "en": "Not weighed: the profile gives no budget.",
    },
    "cost.known": {
        "nl": "Kost {cost} (prijspeil {year}); in het eerste jaar {converted}, {share} van uw "
              "budget van {budget}.",
        "en": "Costs {cost} (price level {year}); {converted} in the first year, {share} of "
              "your budget of {budget}.",
    },
    "cost.unknown": {
        "nl": "Kosten onbekend: niet te toetsen aan uw budget.",
        "en": "Cost unknown: it could not be checked against your budget.",
    },
    "cost.incomparable": {
        "nl": "Kost {cost} (prijspeil {year}); zonder {missing} in school_size is dat niet te "
              "vergelijken met uw budget van {budget}.",
        "en": "Costs {cost} (price level {year}); without {missing} in school_size that cannot "
              "be compared with your budget of {budget}.",
    },
    "cost.recurring": {
        "nl": "Let op: deze kosten komen elk jaar terug.",
        "en": "Note: this cost recurs every year.",
    },
    # training
    "training.na": {
        "nl": "Niet meegewogen: het profiel noemt geen maximum aan trainingsuren.",
        "en": "Not weighed: the profile gives no maximum of training hours.",
    },
    "training.known": {
        "nl": "{hours} trainingsuren per leerkracht; uw maximum is {max}.",
        "en": "{hours} training hours per teacher; your maximum is {max}.",
    },
    "training.unknown": {
        "nl": "Aantal trainingsuren onbekend.",
        "en": "Training hours unknown.",
    },
    # warnings
    "warn.no_effect": {
        "nl": "Studie '{study}' vond geen effect op {outcome}, een uitkomst achter uw zorg "
              "{concern}.",
        "en": "Study '{study}' found no effect on {outcome}, an outcome behind your concern "
              "{concern}.",
    },
    "warn.negative": {
        "nl": "Studie '{study}' vond een ongunstig effect op {outcome}, een uitkomst achter uw "
              "zorg {concern}.",
        "en": "Study '{study}' found an unfavourable effect on {outcome}, an outcome behind "
              "your concern {concern}.",
    },
    "warn.cost_unknown": {
        "nl": "De kosten zijn onbekend; vraag ze op bij de aanbieder voordat u kiest.",
        "en": "The cost is unknown; ask the provider before choosing.",
    },
    "warn.cost_not_comparable": {
        "nl": "De kosten ({cost}) zijn niet te vergelijken met uw budget zonder {missing} in "
              "school_size.",
        "en": "The cost ({cost}) cannot be compared with your budget without {missing} in "
              "school_size.",
    },
    "warn.training_unknown": {
        "nl": "Het aantal trainingsuren is onbekend; het is niet getoetst aan uw maximum.",
        "en": "The training hours are unknown; they were not checked against your maximum.",
    },
    "warn.age_range_unknown": {
        "nl": "De leeftijdsrange is onbekend; niet getoetst aan de leeftijden van uw leerlingen.",
        "en": "Its age range is unknown; it was not checked against your pupils' ages.",
    },
    "warn.signal_out_of_reach": {
        "nl": "De monitor wijst {concern} aan in {group}; deze interventie is bedoeld voor "
              "{ages}.",
        "en": "The monitor points at {concern} in {group}; this intervention is meant for "
              "{ages}.",
    },
    "warn.discontinued": {
        "nl": "Deze interventie wordt niet meer aangeboden.",
        "en": "This intervention is no longer offered.",
    },
    "warn.not_eligible": {
        "nl": "Valt buiten het profiel ({constraint}), maar staat in het plan omdat de school "
              "het al gebruikt.",
        "en": "Falls outside the profile ({constraint}), but is in the plan because the school "
              "already uses it.",
    },
    # plan
    "plan.not_requested": {
        "nl": "Niet gevraagd: dit niveau staat niet in de niveaus van het profiel.",
        "en": "Not requested: this level is not among the profile's levels.",
    },
    "plan.none_at_level": {
        "nl": "Geen enkele interventie in de catalogus werkt op het niveau {level}.",
        "en": "No intervention in the catalogue works at the {level} level.",
    },
    "plan.all_excluded": {
        "nl": "{n} interventies werken op het niveau {level}, maar uw eisen sluiten ze uit "
              "({reasons}).",
        "en": "{n} interventions work at the {level} level, but your requirements rule them out "
              "({reasons}).",
    },
    "plan.no_concern": {
        "nl": "De {n} passende interventies op het niveau {level} richten zich niet op uw zorgen "
              "({concerns}).",
        "en": "The {n} eligible interventions at the {level} level do not address your concerns "
              "({concerns}).",
    },
    "plan.duplicate": {
        "nl": "{names} zou hetzelfde doen als het schoolbrede programma {other}; twee "
              "schoolbrede programma's voor hetzelfde doel worden niet gestapeld.",
        "en": "{names} would do the same job as the whole-school programme {other}; two "
              "whole-school programmes for the same goal are not stacked.",
    },
    "plan.uncovered": {
        "nl": "Op het niveau {level} richt niets in het plan zich op {concern}: {why}",
        "en": "At the {level} level, nothing in the plan addresses {concern}: {why}",
    },
    "plan.concern_excluded": {
        "nl": "{n} interventies daarvoor werken op dit niveau, maar uw eisen sluiten ze uit "
              "({reasons}).",
        "en": "{n} interventions for it work at this level, but your requirements rule them "
              "out ({reasons}).",
    },
    "plan.concern_absent": {
        "nl": "geen enkele interventie in de catalogus richt zich daarop op dit niveau.",
        "en": "no intervention in the catalogue addresses it at this level.",
    },
    "plan.limit": {
        "nl": "het plan voegt per niveau hoogstens {max} nieuwe interventies toe; de volgende "
              "kandidaat is {name}.",
        "en": "the plan adds at most {max} new interventions per level; the next candidate "
              "is {name}.",
    },
    "plan.current_duplicates": {
        "nl": "U gebruikt nu twee schoolbrede programma's voor hetzelfde doel ({names}); "
              "overweeg er één te kiezen.",
        "en": "You currently run two whole-school programmes for the same goal ({names}); "
              "consider choosing one.",
    },
    "plan.why_current": {
        "nl": "Al in gebruik op uw school.",
        "en": "Already in use at your school.",
    },
    "plan.why_added": {
        "nl": "Nummer {rank} in de ranglijst (score {score}){concerns}.",
        "en": "Ranked {rank} (score {score}){concerns}.",
    },
    "plan.why_concerns": {
        "nl": "; richt zich op {concerns}",
        "en": "; addresses {concerns}",
    },
    "constraint.status": {"nl": "niet meer aangeboden", "en": "no longer offered"},
    "constraint.school_type": {"nl": "schooltype", "en": "school type"},
    "constraint.ages": {"nl": "leeftijden", "en": "ages"},
    "constraint.min_evidence": {"nl": "minimaal bewijsniveau", "en": "minimum evidence level"},
    "constraint.budget": {"nl": "budget", "en": "budget"},
    "constraint.max_training_hours": {"nl": "maximum trainingsuren",
                                      "en": "maximum training hours"},
    "and": {"nl": "en", "en": "and"},
    **prefixed("per", COST_BASIS_LABELS, before={"nl": "per", "en": "per"}),
    **prefixed("period", COST_PERIOD_LABELS),
    "size.pupil": {"nl": "pupils (aantal leerlingen)", "en": "pupils"},
    "size.class": {"nl": "classes (aantal groepen)", "en": "classes"},
    "size.teacher": {"nl": "teachers (aantal leerkrachten)", "en": "teachers"},
    "years": {"nl": "{min}–{max} jaar", "en": "ages {min}–{max}"},
}

INDICATOR_LABELS: dict[str, dict[str, str]] = {
    "bullied": {"nl": "van de leerlingen gepest", "en": "of pupils bullied"},
    "bullying_others": {"nl": "van de leerlingen pest anderen",
                        "en": "of pupils bullying others"},
    "cyberbullied": {"nl": "van de leerlingen online gepest", "en": "of pupils cyberbullied"},
    "cyberbullying_others": {"nl": "van de leerlingen pest anderen online",
                             "en": "of pupils cyberbullying others"},
    "unsafe": {"nl": "van de leerlingen voelt zich niet veilig", "en": "of pupils feeling unsafe"},
    "low_wellbeing": {"nl": "van de leerlingen met een laag welbevinden",
                      "en": "of pupils with low wellbeing"},
    "discriminated": {"nl": "van de leerlingen gediscrimineerd",
                      "en": "of pupils discriminated against"},
    "physical_violence": {"nl": "van de leerlingen slachtoffer van fysiek geweld",
                          "en": "of pupils who experienced physical violence"},
    "sexual_harassment": {"nl": "van de leerlingen seksueel geïntimideerd",
                          "en": "of pupils sexually harassed"},
}


@dataclass(frozen=True)
class Texts:
    """Formats sentences, labels, numbers and lists in one language."""

    lang: str
    vocabularies: Vocabularies
    scale: EvidenceScale

    def say(self, key: str, **values: Any) -> str:
        return TEMPLATES[key][self.lang].format(**values)

    def label(self, section: str, key: str) -> str:
        return self.vocabularies.label(section, key, self.lang)

    def labels(self, section: str, keys: list[str]) -> str:
        return self.join([self.label(section, key) for key in keys])

    def level_label(self, key: str) -> str:
        return self.scale.level_label(key, self.lang)

    def indicator(self, key: str) -> str:
        return INDICATOR_LABELS[key][self.lang]

    def join(self, items: list[str]) -> str:
        items = [item for item in items if item]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.say('and')} {items[-1]}"

    def number(self, value: float, decimals: int = 2) -> str:
        text = f"{value:,.{decimals}f}" if value != int(value) else f"{int(value):,}"
        if self.lang == "nl":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def eur(self, value: float) -> str:
        return f"€ {self.number(value)}" if self.lang == "nl" else f"€{self.number(value)}"

    def pct(self, share: float) -> str:
        value = round(share * 100, 1)
        return f"{self.number(value, 1)}%"

    def weight(self, value: float) -> str:
        return self.number(round(value, 2), 2)

    def ages(self, low: int | None, high: int | None) -> str:
        return self.say("years", min=low, max=high)

    def cost(self, amount: float, per: str, period: str) -> str:
        return f"{self.eur(amount)} {self.say('per.' + per)}, {self.say('period.' + period)}"
