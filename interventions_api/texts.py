"""Every sentence and label the service shows a school, in Dutch and English, keyed.

``TEXTS[key]`` holds the ``str.format`` template of one concept in both languages (a test
checks that both exist and take the same placeholders); ``text(key, lang, **values)``
fills one in. One wording per concept: the match, the safety plan, the comparison and the
cost arithmetic all read their words here. Numbers, money and lists are formatted with
Babel for ``nl_NL`` and ``en_GB`` (decimal comma and "a, b en c" in Dutch). Vocabulary
labels are not here: they are catalogue data (catalogue/vocabularies.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

from .schema import EvidenceScale, Vocabularies

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# Babel's currency pattern of each locale, with the plain space the project prints.
MONEY_FORMATS = {"nl": "¤ #,##0.00", "en": "¤#,##0.00"}
PERCENT_FORMAT = "#,##0.#%"
CENT = Decimal("0.01")

TEXTS: dict[str, dict[str, str]] = {
    # --- shared by several parts ----------------------------------------------------------
    "age_range": {"nl": "{min}–{max} jaar", "en": "{min}–{max} years"},
    "price": {"nl": "{amount} per {basis}, {period}", "en": "{amount} per {basis}, {period}"},
    "price_level": {"nl": "prijspeil {year}", "en": "price level {year}"},
    "price_free": {"nl": "gratis", "en": "free"},
    "status.active": {"nl": "wordt aangeboden", "en": "offered"},
    "status.discontinued": {"nl": "niet meer aangeboden", "en": "no longer offered"},
    "studies": {"nl": "Studies", "en": "Studies"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "as_listed_on": {"nl": "zoals vermeld op {date}", "en": "as listed on {date}"},
    "assessment_outcome.not_judged": {"nl": "geen oordeel", "en": "no verdict"},
    "cost.on_request": {"nl": "op aanvraag", "en": "on request"},
    "availability.true": {"nl": "beschikbaar in Nederland", "en": "available in the Netherlands"},
    "availability.false": {"nl": "niet beschikbaar in Nederland",
                           "en": "not available in the Netherlands"},
    "availability.unknown": {"nl": "beschikbaarheid in Nederland onbekend",
                             "en": "availability in the Netherlands unknown"},
    "evidence_warning": {
        "nl": "{study} vond {effect} op {outcome}.",
        "en": "{study} found {effect} on {outcome}.",
    },
    "study.by": {"nl": "het onderzoek van {name}{year}", "en": "the study by {name}{year}"},
    "study.et_al": {"nl": "{name} e.a.", "en": "{name} et al."},
    "study.from": {"nl": "een onderzoek uit {year}", "en": "a study from {year}"},
    "study.some": {"nl": "een onderzoek", "en": "a study"},
    # --- effect verdicts per concern (effects.py, docs/evidence.md) ------------------------
    "verdict.positive": {
        "nl": "Gunstig effect op {concern}",
        "en": "Favourable effect on {concern}",
    },
    "verdict.mixed": {"nl": "Wisselend effect op {concern}", "en": "Mixed effect on {concern}"},
    "verdict.no_effect": {
        "nl": "Geen effect op {concern} gevonden",
        "en": "No effect on {concern} found",
    },
    "verdict.negative": {
        "nl": "Ongunstig effect op {concern}",
        "en": "Unfavourable effect on {concern}",
    },
    "verdict.not_studied": {
        "nl": "Effect op {concern} niet onderzocht",
        "en": "Effect on {concern} not studied",
    },
    "effect.not_studied": {
        "nl": "Geen studie in de catalogus meet een uitkomst van {concern}.",
        "en": "No study in the catalogue measures an outcome of {concern}.",
    },
    "effect.summary": {"nl": "{verdict}: {results}.", "en": "{verdict}: {results}."},
    "effect.result": {"nl": "{result} in {study}{details}",
                      "en": "{result} in {study}{details}"},
    "effect.sample": {"nl": "{n} deelnemers", "en": "{n} participants"},
    "rating.scope": {
        "nl": "erkend voor {scope}, niet voor {concern}",
        "en": "recognised for {scope}, not for {concern}",
    },
    # --- closed sets of the schema --------------------------------------------------------
    "finding.positive": {"nl": "gunstig effect", "en": "favourable effect"},
    "finding.no_effect": {"nl": "geen effect", "en": "no effect"},
    "finding.mixed": {"nl": "wisselend effect", "en": "mixed effect"},
    "finding.negative": {"nl": "ongunstig effect", "en": "unfavourable effect"},
    "cost_basis.school": {"nl": "school", "en": "school"},
    "cost_basis.pupil": {"nl": "leerling", "en": "pupil"},
    "cost_basis.class": {"nl": "klas", "en": "class"},
    "cost_basis.teacher": {"nl": "leerkracht", "en": "teacher"},
    "cost_period.once": {"nl": "eenmalig", "en": "once"},
    "cost_period.year": {"nl": "per jaar", "en": "per year"},
    "indicator.bullied": {"nl": "van de leerlingen gepest", "en": "of pupils bullied"},
    "indicator.bullying_others": {
        "nl": "van de leerlingen pest anderen",
        "en": "of pupils bullying others",
    },
    "indicator.cyberbullied": {
        "nl": "van de leerlingen online gepest",
        "en": "of pupils cyberbullied",
    },
    "indicator.cyberbullying_others": {
        "nl": "van de leerlingen pest anderen online",
        "en": "of pupils cyberbullying others",
    },
    "indicator.unsafe": {
        "nl": "van de leerlingen voelt zich niet veilig",
        "en": "of pupils feeling unsafe",
    },
    "indicator.low_wellbeing": {
        "nl": "van de leerlingen met een laag welbevinden",
        "en": "of pupils with low wellbeing",
    },
    "indicator.discriminated": {
        "nl": "van de leerlingen gediscrimineerd",
        "en": "of pupils discriminated against",
    },
    "indicator.physical_violence": {
        "nl": "van de leerlingen slachtoffer van fysiek geweld",
        "en": "of pupils who experienced physical violence",
    },
    "indicator.sexual_harassment": {
        "nl": "van de leerlingen seksueel geïntimideerd",
        "en": "of pupils sexually harassed",
    },
    # --- match: one sentence per criterion, warnings, the plan (match/) -------------------
    "themes.na": {
        "nl": "Niet meegewogen: het profiel noemt geen zorgen.",
        "en": "Not weighed: the profile names no concerns.",
    },
    "themes.some": {
        "nl": "Richt zich op {matched} ({k} van uw {n} zorgen).",
        "en": "Addresses {matched} ({k} of your {n} concerns).",
    },
    "themes.missing": {"nl": "Niet op {missing}.", "en": "Not {missing}."},
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
        "en": "The {year} monitor{source} reports {share} {indicator}{group}{reference}; so "
              "{concern} weighs {weight} instead of {base}.",
    },
    "signal.not_raised": {
        "nl": "De monitor van {year}{source} meldt {share} {indicator}{group}{reference}; dat "
              "verhoogt het gewicht van {concern} niet.",
        "en": "The {year} monitor{source} reports {share} {indicator}{group}{reference}; that "
              "does not raise the weight of {concern}.",
    },
    "signal.group": {"nl": " in {group}", "en": " in {group}"},
    "signal.reference": {"nl": " (vergelijking: {reference})", "en": " (reference: {reference})"},
    "signal.source": {"nl": " ({source})", "en": " ({source})"},
    "evidence.na": {
        "nl": "Niet meegewogen: het profiel noemt geen zorgen met meetbare uitkomsten.",
        "en": "Not weighed: the profile names no concerns with measurable outcomes.",
    },
    "evidence.verdicts": {"nl": "{verdicts}.", "en": "{verdicts}."},
    "evidence.verdict": {
        "nl": "{label} ({studies}, sterkste opzet: {design})",
        "en": "{label} ({studies}, strongest design: {design})",
    },
    "count.studies.one": {"nl": "{n} studie", "en": "{n} study"},
    "count.studies.other": {"nl": "{n} studies", "en": "{n} studies"},
    "warn.verdict.no_effect": {
        "nl": "Onderzoek vond geen effect op {concern}, een van uw zorgen.",
        "en": "Research found no effect on {concern}, one of your concerns.",
    },
    "warn.verdict.negative": {
        "nl": "Onderzoek vond een ongunstig effect op {concern}, een van uw zorgen.",
        "en": "Research found an unfavourable effect on {concern}, one of your concerns.",
    },
    "level.known": {"nl": "Bewijsniveau: {label}.", "en": "Evidence level: {label}."},
    "level.zero": {
        "nl": "Bewijsniveau: {label}; dat zegt nog niet dat het werkt.",
        "en": "Evidence level: {label}; that does not yet say it works.",
    },
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
    "levels.some": {
        "nl": "Werkt op {levels}: {k} van de {n} niveaus die u wilt.",
        "en": "Works at {levels}: {k} of the {n} levels you want.",
    },
    "levels.missing": {"nl": "Niet op {missing}.", "en": "Not at {missing}."},
    "levels.none": {
        "nl": "Werkt niet op de niveaus die u wilt ({wanted}).",
        "en": "Does not work at the levels you want ({wanted}).",
    },
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
    "cost.fit_on_request": {
        "nl": "Prijs op aanvraag: niet te toetsen aan uw budget.",
        "en": "Price on request: it could not be checked against your budget.",
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
    "training.na": {
        "nl": "Niet meegewogen: het profiel noemt geen maximum aan trainingsuren.",
        "en": "Not weighed: the profile gives no maximum of training hours.",
    },
    "training.known": {
        "nl": "{hours} trainingsuren per leerkracht; uw maximum is {max}.",
        "en": "{hours} training hours per teacher; your maximum is {max}.",
    },
    "availability_fit.true": {"nl": "Beschikbaar in Nederland.",
                              "en": "Available in the Netherlands."},
    "availability_fit.unknown": {"nl": "Niet bekend of het in Nederland te krijgen is.",
                                 "en": "Not known whether it can be had in the Netherlands."},
    "availability_fit.false": {"nl": "Niet beschikbaar in Nederland.",
                               "en": "Not available in the Netherlands."},
    "warn.not_available_in_nl": {
        "nl": "Niet beschikbaar in Nederland: er is geen Nederlandse aanbieder of licentiehouder.",
        "en": "Not available in the Netherlands: there is no Dutch provider or licensee.",
    },
    "training.unknown": {"nl": "Aantal trainingsuren onbekend.", "en": "Training hours unknown."},
    "warn.no_effect": {
        "nl": "{study} vond geen effect op {outcome}, een uitkomst achter uw zorg "
              "{concern}.",
        "en": "{study} found no effect on {outcome}, an outcome behind your concern "
              "{concern}.",
    },
    "warn.negative": {
        "nl": "{study} vond een ongunstig effect op {outcome}, een uitkomst achter uw "
              "zorg {concern}.",
        "en": "{study} found an unfavourable effect on {outcome}, an outcome behind "
              "your concern {concern}.",
    },
    "warn.cost_unknown": {
        "nl": "De kosten zijn onbekend; vraag ze op bij de aanbieder voordat u kiest.",
        "en": "The cost is unknown; ask the provider before choosing.",
    },
    "warn.cost_on_request": {
        "nl": "De aanbieder geeft de prijs op aanvraag; vraag die op voordat u kiest.",
        "en": "The provider gives the price on request; ask for it before choosing.",
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
        "nl": "De monitor wijst {concern} aan in {group}; deze interventie is bedoeld voor {ages}.",
        "en": "The monitor points at {concern} in {group}; this intervention is meant for {ages}.",
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
        "nl": "De {n} passende interventies op het niveau {level} richten zich niet op uw "
              "zorgen ({concerns}).",
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
        "en": "{n} interventions for it work at this level, but your requirements rule them out "
              "({reasons}).",
    },
    "plan.concern_absent": {
        "nl": "geen enkele interventie in de catalogus richt zich daarop op dit niveau.",
        "en": "no intervention in the catalogue addresses it at this level.",
    },
    "plan.limit": {
        "nl": "het plan voegt per niveau hoogstens {max} nieuwe interventies toe; de volgende "
              "kandidaat is {name}.",
        "en": "the plan adds at most {max} new interventions per level; the next candidate is "
              "{name}.",
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
        "nl": "Op plaats {rank} van de interventies die het best bij uw school passen"
              "{concerns}.",
        "en": "Number {rank} of the interventions that fit your school best{concerns}.",
    },
    "plan.why_concerns": {"nl": "; richt zich op {concerns}", "en": "; addresses {concerns}"},
    "constraint.status": {"nl": "niet meer aangeboden", "en": "no longer offered"},
    "constraint.school_type": {"nl": "schooltype", "en": "school type"},
    "constraint.ages": {"nl": "leeftijden", "en": "ages"},
    "constraint.min_evidence": {"nl": "minimaal bewijsniveau", "en": "minimum evidence level"},
    "constraint.budget": {"nl": "budget", "en": "budget"},
    "constraint.max_training_hours": {
        "nl": "maximum trainingsuren",
        "en": "maximum training hours",
    },
    # --- the safety plan as a document (plan/: POST /v1/plan) -------------------------------
    # The school speaks ("wij", "onze school"); no scores, ranks, study keys or versions.
    "plan_doc.title": {
        "nl": "Veiligheidsplan: sociale veiligheid",
        "en": "Safety plan: social safety",
    },
    "plan_doc.school": {"nl": "Onze school: {parts}.", "en": "Our school: {parts}."},
    "plan_doc.school.ages": {"nl": "leerlingen van {ages}", "en": "pupils aged {ages}"},
    "plan_doc.school.years": {"nl": "leerlingen in {years}", "en": "pupils in {years}"},
    "plan_doc.school.concept": {
        "nl": "onderwijsconcept {concept}",
        "en": "school concept: {concept}",
    },
    "plan_doc.school.concerns": {"nl": "onze zorgen: {concerns}", "en": "our concerns: {concerns}"},
    "plan_doc.heading.approach": {"nl": "Schoolbrede aanpak", "en": "A whole-school approach"},
    "plan_doc.heading.norms": {"nl": "Normen en waarden", "en": "Norms and values"},
    "plan_doc.heading.skills": {
        "nl": "Vakmanschap van onze leraren",
        "en": "Our teachers' skills",
    },
    "plan_doc.heading.interventions": {
        "nl": "Interventies die passen bij onze visie en situatie",
        "en": "Interventions that fit our vision and situation",
    },
    "plan_doc.heading.level.individual": {
        "nl": "Op het niveau van de leerling",
        "en": "At the level of the pupil",
    },
    "plan_doc.heading.level.class": {
        "nl": "Op het niveau van de groep of klas",
        "en": "At the level of the class",
    },
    "plan_doc.heading.level.school": {
        "nl": "Op het niveau van de school",
        "en": "At the level of the whole school",
    },
    "plan_doc.heading.programmes": {
        "nl": "Waarom deze interventies, en wat onderzoek zegt",
        "en": "Why these interventions, and what research says",
    },
    "plan_doc.heading.law": {
        "nl": "Wettelijke taken: de Wet veiligheid op school",
        "en": "Legal duties: the Safety at School Act",
    },
    "plan_doc.heading.monitor": {"nl": "Onze monitor", "en": "Our monitoring"},
    "plan_doc.heading.sources": {"nl": "Bronnen", "en": "Sources"},
    "plan_doc.level.individual": {"nl": "De leerling", "en": "The pupil"},
    "plan_doc.level.class": {"nl": "De groep of klas", "en": "The class"},
    "plan_doc.level.school": {"nl": "De school", "en": "The whole school"},
    "plan_doc.approach.intro": {
        "nl": "Wij werken aan sociale veiligheid op drie niveaus tegelijk: bij de leerling, in "
              "de groep of klas en in de school als geheel. Wat wij op die niveaus doen, sluit "
              "op elkaar aan.",
        "en": "We work on social safety at three levels at once: with the pupil, in the class "
              "and in the school as a whole. What we do at each level fits together.",
    },
    "plan_doc.approach.concerns": {
        "nl": "Wij richten ons vooral op {concerns}.",
        "en": "We focus above all on {concerns}.",
    },
    "plan_doc.approach.level": {"nl": "{level}: {names}", "en": "{level}: {names}"},
    "plan_doc.approach.level_open": {
        "nl": "{level}: nog in te vullen",
        "en": "{level}: still to be filled in",
    },
    "plan_doc.approach.owner": {
        "nl": "Wie bij ons bewaakt of het beleid voor sociale veiligheid werkt (naam en "
              "functie): …",
        "en": "Who at our school checks that the social-safety policy works (name and role): …",
    },
    "plan_doc.approach.contact": {
        "nl": "Ons aanspreekpunt voor pesten en sociale veiligheid, voor leerlingen, ouders en "
              "personeel (naam en hoe bereikbaar): …",
        "en": "Our contact person for bullying and social safety, for pupils, parents and staff "
              "(name and how to reach them): …",
    },
    "plan_doc.approach.confidant": {
        "nl": "Onze vertrouwenspersoon (naam en hoe bereikbaar): …",
        "en": "Our confidential adviser (name and how to reach them): …",
    },
    "plan_doc.norms.intro": {
        "nl": "Wij maken onze kernwaarden bekend, en de regels die daaruit volgen, aan "
              "leerlingen, ouders en personeel. Wie een regel overtreedt, merkt daar de gevolgen "
              "van; zo weet iedereen waar hij aan toe is.",
        "en": "We make our core values known, and the rules that follow from them, to pupils, "
              "parents and staff. Breaking a rule has consequences, so that everyone knows "
              "where they stand.",
    },
    "plan_doc.norms.values": {
        "nl": "Onze kernwaarden (bijvoorbeeld respect en harmonie) en wat die bij ons "
              "betekenen: …",
        "en": "Our core values (for example respect and harmony) and what they mean here: …",
    },
    "plan_doc.norms.rules": {
        "nl": "Onze omgangsregels, voor leerlingen en voor volwassenen: …",
        "en": "Our rules for how we treat each other, for pupils and for adults: …",
    },
    "plan_doc.norms.consequences": {
        "nl": "Wat er gebeurt als iemand een regel overtreedt, en wie daarover beslist: …",
        "en": "What happens when someone breaks a rule, and who decides: …",
    },
    "plan_doc.norms.sharing": {
        "nl": "Hoe en wanneer wij leerlingen, ouders en nieuwe collega's over onze kernwaarden "
              "en regels vertellen: …",
        "en": "How and when we tell pupils, parents and new colleagues about our core values "
              "and rules: …",
    },
    "plan_doc.skills.intro": {
        "nl": "Onze leraren dragen de kernwaarden uit, zien grensoverschrijdend gedrag op tijd "
              "en grijpen passend in. Wij geven hun de ruimte om zich daarin te scholen.",
        "en": "Our teachers carry the core values, notice boundary-crossing behaviour in time "
              "and step in well. We give them room to train for this.",
    },
    "plan_doc.skills.training": {
        "nl": "De interventies in ons plan vragen deze training:",
        "en": "The interventions in our plan ask for this training:",
    },
    "plan_doc.skills.hours": {
        "nl": "{name}: {hours} trainingsuren per leraar{requirements}",
        "en": "{name}: {hours} training hours per teacher{requirements}",
    },
    "plan_doc.skills.unknown": {
        "nl": "{name}: aantal trainingsuren onbekend{requirements}",
        "en": "{name}: number of training hours unknown{requirements}",
    },
    "plan_doc.skills.requirements": {
        "nl": "; voorwaarden: {text}",
        "en": "; requirements: {text}",
    },
    "plan_doc.skills.schedule": {
        "nl": "Onze scholingsplanning (wie volgt welke training, en wanneer): …",
        "en": "Our training schedule (who takes which training, and when): …",
    },
    "plan_doc.interventions.intro": {
        "nl": "Wij kiezen interventies die passen bij onze pedagogische visie en onze "
              "situatie, en wij kijken daarbij naar wat onderzoek zegt over het effect op onze "
              "zorgen.",
        "en": "We choose interventions that fit our educational vision and our situation, and "
              "we look at what research says about their effect on our concerns.",
    },
    "plan_doc.interventions.item": {"nl": "{name}: {what}", "en": "{name}: {what}"},
    "plan_doc.interventions.open": {
        "nl": "Voor dit niveau vond de interventiedatabase niets dat bij ons profiel past. "
              "Wat wij hier doen: …",
        "en": "For this level the interventions database found nothing that fits our profile. "
              "What we do here: …",
    },
    "plan_doc.interventions.unasked": {
        "nl": "Wat wij op dit niveau doen: …",
        "en": "What we do at this level: …",
    },
    "plan_doc.interventions.duplicates": {
        "nl": "Wij gebruiken twee schoolbrede programma's voor hetzelfde doel ({names}); wij "
              "overwegen er één te kiezen.",
        "en": "We run two whole-school programmes for the same goal ({names}); we consider "
              "choosing one.",
    },
    "plan_doc.interventions.uncovered": {
        "nl": "Op dit niveau richt niets in ons plan zich op {concern}.",
        "en": "At this level nothing in our plan addresses {concern}.",
    },
    "plan_doc.interventions.none": {
        "nl": "Er staat nog geen interventie in ons plan.",
        "en": "There is no intervention in our plan yet.",
    },
    "plan_doc.why.current": {"nl": "Wij werken hier al mee.", "en": "We already use it."},
    "plan_doc.why.current_since": {
        "nl": "Wij werken hier al mee sinds {year}.",
        "en": "We have used it since {year}.",
    },
    "plan_doc.why.concerns": {
        "nl": "Het richt zich op {concerns}, waar wij ons zorgen over maken.",
        "en": "It addresses {concerns}, which we are concerned about.",
    },
    "plan_doc.why.approaches": {
        "nl": "Het werkt met {approaches}, zoals wij dat willen.",
        "en": "It works through {approaches}, as we want to.",
    },
    "plan_doc.why.concept": {
        "nl": "Het past bij ons onderwijsconcept ({concept}): {approaches}.",
        "en": "It fits our school concept ({concept}): {approaches}.",
    },
    "plan_doc.why.whole_school": {
        "nl": "Het is een schoolbrede aanpak.",
        "en": "It is a whole-school approach.",
    },
    "plan_doc.why.level": {
        "nl": "Bewijsniveau: {label}.",
        "en": "Evidence level: {label}.",
    },
    "plan_doc.effect.summary": {"nl": "{results}.", "en": "{results}."},
    "plan_doc.effect.result": {"nl": "{result} ({details})", "en": "{result} ({details})"},
    "plan_doc.warn.verdict.no_effect": {
        "nl": "Onderzoek vond geen effect op {concern}, een van onze zorgen.",
        "en": "Research found no effect on {concern}, one of our concerns.",
    },
    "plan_doc.warn.verdict.negative": {
        "nl": "Onderzoek vond een ongunstig effect op {concern}, een van onze zorgen.",
        "en": "Research found an unfavourable effect on {concern}, one of our concerns.",
    },
    "plan_doc.warn.not_eligible": {
        "nl": "Het valt buiten ons profiel ({constraint}); het staat in het plan omdat wij "
              "ermee werken.",
        "en": "It falls outside our profile ({constraint}); it is in the plan because we use "
              "it.",
    },
    "plan_doc.warn.cost_unknown": {
        "nl": "De kosten zijn onbekend; wij vragen ze op bij de aanbieder.",
        "en": "The cost is unknown; we ask the provider.",
    },
    "plan_doc.warn.cost_on_request": {
        "nl": "De aanbieder geeft de prijs op aanvraag; wij vragen die op.",
        "en": "The provider gives the price on request; we ask for it.",
    },
    "plan_doc.warn.cost_not_comparable": {
        "nl": "De kosten zijn niet met ons budget te vergelijken zonder het aantal leerlingen, "
              "groepen of leraren.",
        "en": "The cost cannot be compared with our budget without the number of pupils, "
              "classes or teachers.",
    },
    "plan_doc.warn.availability_unknown": {
        "nl": "Of een Nederlandse school dit kan krijgen, is niet bekend; wij vragen dat na "
              "voordat wij kiezen.",
        "en": "It is not known whether a Dutch school can get this; we find out before we "
              "choose.",
    },
    "plan_doc.warn.age_range_unknown": {
        "nl": "Voor welke leeftijden het bedoeld is, is onbekend.",
        "en": "It is not known which ages it is meant for.",
    },
    "plan_doc.advice.no_effect": {
        "nl": "Onderzoek vond geen effect van {name} op {concern}. Wij bespreken met het team "
              "of wij ermee doorgaan, en overwegen {alternative}.",
        "en": "Research found no effect of {name} on {concern}. We discuss with the team "
              "whether to go on with it, and consider {alternative}.",
    },
    "plan_doc.advice.negative": {
        "nl": "Onderzoek vond een ongunstig effect van {name} op {concern}. Wij bespreken met "
              "het team of wij ermee stoppen, en overwegen {alternative}.",
        "en": "Research found an unfavourable effect of {name} on {concern}. We discuss with "
              "the team whether to stop it, and consider {alternative}.",
    },
    "plan_doc.advice.alternative": {
        "nl": "een aanpak met een gunstig effect op {concern}",
        "en": "an approach with a favourable effect on {concern}",
    },
    "plan_doc.advice.alternative_named": {
        "nl": "een aanpak met een gunstig effect op {concern}, zoals {names}",
        "en": "an approach with a favourable effect on {concern}, such as {names}",
    },
    "plan_doc.law.intro": {
        "nl": "Sinds {date} verplicht de Wet veiligheid op school ons tot:",
        "en": "Since {date} the Safety at School Act (Wet veiligheid op school) requires us to:",
    },
    "plan_doc.law.mbo": {
        "nl": "De Wet veiligheid op school geldt voor het primair, speciaal en voortgezet "
              "onderwijs, niet voor het mbo. Wij nemen de taken die de wet daar vraagt toch "
              "over, omdat ze ook bij ons helpen:",
        "en": "The Safety at School Act covers primary, special and secondary schools, not "
              "mbo. We take on the duties it sets there all the same, as they help us too:",
    },
    "plan_doc.law.policy": {
        "nl": "een beleid voor sociale veiligheid voeren dat in de dagelijkse praktijk werkt: "
              "incidenten voorkomen en goed afhandelen;",
        "en": "run a social-safety policy that works in daily practice: preventing incidents "
              "and handling them well;",
    },
    "plan_doc.law.coordinator": {
        "nl": "iemand aanwijzen die het beleid tegen pesten coördineert;",
        "en": "appoint someone to coordinate the anti-bullying policy;",
    },
    "plan_doc.law.contact": {
        "nl": "een aanspreekpunt voor pesten hebben, voor leerlingen en ouders (dat mag "
              "dezelfde persoon zijn als de coördinator);",
        "en": "have a contact point for bullying, for pupils and parents (this may be the same "
              "person as the coordinator);",
    },
    "plan_doc.law.monitor": {
        "nl": "elk jaar de sociale veiligheid en het welbevinden van onze leerlingen meten, met "
              "een instrument dat een actueel en representatief beeld geeft: valide en "
              "betrouwbaar, gestandaardiseerd (vaste vragen en een vaste werkwijze) en "
              "representatief voor onze leerlingen;",
        "en": "measure our pupils' social safety and wellbeing every year, with an instrument "
              "that gives a current and representative picture: valid and reliable, "
              "standardised (fixed questions and a fixed procedure) and representative of our "
              "pupils;",
    },
    "plan_doc.law.inspectie": {
        "nl": "de samengevatte uitkomsten van die monitor beschikbaar stellen aan de Inspectie "
              "van het Onderwijs.",
        "en": "make the aggregated results of that monitoring available to the Inspectorate "
              "of Education (Inspectie van het Onderwijs).",
    },
    "plan_doc.law.duty": {
        "nl": "De Inspectie noemt dit samen de zorgplicht sociale veiligheid. Wie bij ons "
              "coördinator en aanspreekpunt is, staat bij de schoolbrede aanpak.",
        "en": "The Inspectorate calls this together the duty of care for social safety. Who "
              "our coordinator and contact point are is under the whole-school approach.",
    },
    "plan_doc.law.monitor_last": {
        "nl": "Onze laatste meting is van {year}{source}; de volgende meting plannen wij in "
              "{next}.",
        "en": "Our latest survey is from {year}{source}; we plan the next one in {next}.",
    },
    "plan_doc.law.monitor_open": {
        "nl": "Met welk instrument wij elk jaar meten, en wanneer: …",
        "en": "Which instrument we use for the yearly survey, and when: …",
    },
    "plan_doc.law.source.bill": {
        "nl": "Memorie van toelichting bij de Wet veiligheid op school (Kamerstuk 34 130, nr. 3)",
        "en": "Explanatory memorandum to the Safety at School Act (Kamerstuk 34 130, no. 3)",
    },
    "plan_doc.law.source.coordinator": {
        "nl": "Stichting School en Veiligheid: is een anti-pestcoördinator verplicht?",
        "en": "Stichting School en Veiligheid: is an anti-bullying coordinator required? "
              "(in Dutch)",
    },
    "plan_doc.monitor.intro": {
        "nl": "Wij meten elk jaar de sociale veiligheid van onze leerlingen. Hieronder staat "
              "per onderwerp hoe onze cijfers zich ontwikkelen, en wat wij daarvan verwachtten "
              "met de programma's die wij gebruiken.",
        "en": "We measure our pupils' social safety every year. Below, per topic, is how our "
              "figures develop, and what we expected of them with the programmes we use.",
    },
    "plan_doc.heading.monitor_public": {"nl": "Voor onze website en schoolgids",
                                        "en": "For our website and school guide"},
    "plan_doc.monitor.public": {
        "nl": "Deze tekst kunnen wij gebruiken om ouders en leerlingen te vertellen hoe het "
              "met de sociale veiligheid op onze school gaat:",
        "en": "We can use this text to tell parents and pupils how social safety at our "
              "school is going:",
    },
    "plan_doc.sources.rating": {
        "nl": "{name}, oordeel van {registry}: “{rating}”{note}",
        "en": "{name}, rating by {registry}: “{rating}”{note}",
    },
    "plan_doc.sources.provider": {
        "nl": "{name}, aanbieder: {provider}",
        "en": "{name}, provider: {provider}",
    },
    "plan_doc.footer": {
        "nl": "Opgesteld met de open interventiedatabase op {date}.",
        "en": "Drawn up with the open interventions database on {date}.",
    },
    "plan_doc.label.placeholder": {"nl": "In te vullen", "en": "To fill in"},
    "plan_doc.label.warning": {"nl": "Let op", "en": "Note"},
    "plan_doc.label.advice": {"nl": "Advies", "en": "Advice"},
    "plan_doc.label.what": {"nl": "Wat het is", "en": "What it is"},
    "plan_doc.label.why": {"nl": "Waarom", "en": "Why"},
    "plan_doc.label.provider": {"nl": "Aanbieder", "en": "Provider"},
    "plan_doc.label.price": {"nl": "Prijs", "en": "Price"},
    "plan_doc.price.unknown": {"nl": "onbekend; wij vragen die op bij de aanbieder",
                               "en": "unknown; we ask the provider"},
    "plan_doc.label.levels": {"nl": "Niveaus", "en": "Levels"},
    "plan_doc.label.effects": {
        "nl": "Wat onderzoek zegt over onze zorgen",
        "en": "What research says about our concerns",
    },
    "plan_doc.label.chart": {
        "nl": "De cijfers: {caption} (als grafiek in de HTML-versie van dit plan)",
        "en": "The figures: {caption} (as a chart in the HTML version of this plan)",
    },
    # --- monitor: trends, expectations, charts, the public summary (monitor/) -------------
    "monitor.label.bullied": {"nl": "gepest", "en": "bullied"},
    "monitor.label.bullying_others": {"nl": "pest anderen", "en": "bullying others"},
    "monitor.label.cyberbullied": {"nl": "online gepest", "en": "cyberbullied"},
    "monitor.label.cyberbullying_others": {"nl": "pest anderen online",
                                           "en": "cyberbullying others"},
    "monitor.label.unsafe": {"nl": "voelt zich niet veilig", "en": "feeling unsafe"},
    "monitor.label.low_wellbeing": {"nl": "laag welbevinden", "en": "low wellbeing"},
    "monitor.label.discriminated": {"nl": "gediscrimineerd", "en": "discriminated against"},
    "monitor.label.physical_violence": {"nl": "fysiek geweld meegemaakt",
                                        "en": "experienced physical violence"},
    "monitor.label.sexual_harassment": {"nl": "seksueel geïntimideerd",
                                        "en": "sexually harassed"},
    "monitor.subject.bullied": {"nl": "het aandeel gepeste {pupils}",
                                "en": "the share of {pupils} who are bullied"},
    "monitor.subject.bullying_others": {"nl": "het aandeel {pupils} dat anderen pest",
                                        "en": "the share of {pupils} who bully others"},
    "monitor.subject.cyberbullied": {"nl": "het aandeel {pupils} dat online gepest wordt",
                                     "en": "the share of {pupils} who are bullied online"},
    "monitor.subject.cyberbullying_others": {
        "nl": "het aandeel {pupils} dat anderen online pest",
        "en": "the share of {pupils} who bully others online",
    },
    "monitor.subject.unsafe": {"nl": "het aandeel {pupils} dat zich niet veilig voelt",
                               "en": "the share of {pupils} who feel unsafe"},
    "monitor.subject.low_wellbeing": {"nl": "het aandeel {pupils} met een laag welbevinden",
                                      "en": "the share of {pupils} with low wellbeing"},
    "monitor.subject.discriminated": {"nl": "het aandeel {pupils} dat gediscrimineerd wordt",
                                      "en": "the share of {pupils} who are discriminated "
                                            "against"},
    "monitor.subject.physical_violence": {
        "nl": "het aandeel {pupils} dat fysiek geweld meemaakte",
        "en": "the share of {pupils} who experienced physical violence",
    },
    "monitor.subject.sexual_harassment": {
        "nl": "het aandeel {pupils} dat seksueel geïntimideerd wordt",
        "en": "the share of {pupils} who are sexually harassed",
    },
    "monitor.pupils": {"nl": "leerlingen", "en": "pupils"},
    "monitor.pupils.school_years": {"nl": "leerlingen in {group}", "en": "pupils in {group}"},
    "monitor.pupils.ages": {"nl": "leerlingen van {min} tot {max} jaar",
                            "en": "pupils aged {min} to {max}"},
    "monitor.trend.down": {
        "nl": "{subject} daalde van {first} ({first_year}) naar {last} ({last_year}), "
              "ongeveer {change} procentpunt per jaar.",
        "en": "{subject} fell from {first} ({first_year}) to {last} ({last_year}), about "
              "{change} percentage points a year.",
    },
    "monitor.trend.up": {
        "nl": "{subject} steeg van {first} ({first_year}) naar {last} ({last_year}), "
              "ongeveer {change} procentpunt per jaar.",
        "en": "{subject} rose from {first} ({first_year}) to {last} ({last_year}), about "
              "{change} percentage points a year.",
    },
    "monitor.trend.stable": {
        "nl": "{subject} bleef ongeveer gelijk: {first} in {first_year} en {last} in "
              "{last_year}.",
        "en": "{subject} stayed about the same: {first} in {first_year} and {last} in "
              "{last_year}.",
    },
    "monitor.trend.one_year": {
        "nl": "{subject} was {share} in {year}. Voor een trend zijn metingen uit twee of meer "
              "jaren nodig.",
        "en": "{subject} was {share} in {year}. A trend needs surveys from two or more years.",
    },
    "monitor.reference.above": {
        "nl": "Dat is hoger dan de vergelijkingswaarde van {reference}.",
        "en": "That is higher than the reference of {reference}.",
    },
    "monitor.reference.below": {
        "nl": "Dat is lager dan de vergelijkingswaarde van {reference}.",
        "en": "That is lower than the reference of {reference}.",
    },
    "monitor.reference.level": {
        "nl": "Dat is ongeveer gelijk aan de vergelijkingswaarde van {reference}.",
        "en": "That is about the same as the reference of {reference}.",
    },
    "monitor.since": {"nl": "{name} (sinds {year})", "en": "{name} (since {year})"},
    "monitor.expect.one_since": {
        "nl": "{name}, in gebruik sinds {year}, is in onderzoek effectief gebleken tegen "
              "{concern}",
        "en": "{name}, in use since {year}, was found effective against {concern} in "
              "research",
    },
    "monitor.expect.one": {
        "nl": "{name} is in onderzoek effectief gebleken tegen {concern}",
        "en": "{name} was found effective against {concern} in research",
    },
    "monitor.expect.many": {
        "nl": "{names} zijn in onderzoek effectief gebleken tegen {concern}",
        "en": "{names} were found effective against {concern} in research",
    },
    "monitor.moved.yes": {
        "nl": "{expectation}; de cijfers bewegen in de verwachte richting.",
        "en": "{expectation}; the figures move in the expected direction.",
    },
    "monitor.moved.no": {
        "nl": "{expectation}; de cijfers bewegen tegen die verwachting in.",
        "en": "{expectation}; the figures move against that expectation.",
    },
    "monitor.moved.unclear": {
        "nl": "{expectation}; de cijfers laten nog geen duidelijke beweging zien.",
        "en": "{expectation}; the figures show no clear movement yet.",
    },
    "monitor.moved.too_early": {
        "nl": "{expectation}; sinds {year} is er één meting, te weinig om een beweging te zien.",
        "en": "{expectation}; since {year} there is one survey, too few to see a movement.",
    },
    "monitor.moved.later": {
        "nl": "{expectation}. Metingen in de komende jaren laten zien of de cijfers in de "
              "verwachte richting bewegen.",
        "en": "{expectation}. Surveys in the coming years will show whether the figures move "
              "in the expected direction.",
    },
    "monitor.cause.yes": {
        "nl": "Of dat door {names} komt, kunnen deze cijfers niet laten zien.",
        "en": "Whether that is due to {names}, these figures cannot show.",
    },
    "monitor.cause.no": {
        "nl": "Waardoor dat komt, kunnen deze cijfers niet laten zien. Het loont om beter te "
              "kijken: in welke groepen of klassen speelt het, en hoe loopt de aanpak in de "
              "praktijk? Leerlingen en leerkrachten kunnen daar meer over vertellen.",
        "en": "What causes it, these figures cannot show. It is worth looking closer: in "
              "which classes does it happen, and how does the approach work out in "
              "practice? Pupils and teachers can tell more about that.",
    },
    "monitor.other.mixed": {
        "nl": "Voor {names} wisselen de uitkomsten van onderzoek naar {concern}.",
        "en": "For {names}, research on {concern} found mixed results.",
    },
    "monitor.other.no_effect": {
        "nl": "Voor {names} vond onderzoek geen effect op {concern}; een daling is daarvan "
              "niet te verwachten.",
        "en": "For {names}, research found no effect on {concern}; a fall is not to be "
              "expected from it.",
    },
    "monitor.other.negative": {
        "nl": "Voor {names} vond onderzoek een ongunstig effect op {concern}.",
        "en": "For {names}, research found an unfavourable effect on {concern}.",
    },
    "monitor.other.not_studied": {
        "nl": "Geen van de programma's in gebruik is onderzocht op {concern}.",
        "en": "None of the programmes in use was studied on {concern}.",
    },
    "monitor.chart.year": {"nl": "Jaar", "en": "Year"},
    "monitor.chart.school": {"nl": "Onze school", "en": "Our school"},
    "monitor.chart.reference": {"nl": "Vergelijkingswaarde", "en": "Reference"},
    "monitor.chart.title": {"nl": "{subject}, {years}", "en": "{subject}, {years}"},
    "monitor.chart.point": {"nl": "{year}: {share}", "en": "{year}: {share}"},
    "monitor.chart.point_reference": {
        "nl": "{year}: {share} (vergelijkingswaarde {reference})",
        "en": "{year}: {share} (reference {reference})",
    },
    "monitor.summary.heading": {"nl": "Sociale veiligheid op onze school",
                                "en": "Social safety at our school"},
    "monitor.summary.programmes": {"nl": "Wij werken met {items}.", "en": "We work with {items}."},
    "monitor.summary.survey": {
        "nl": "Onze leerlingen vullen een vragenlijst over hun veiligheid en welbevinden op "
              "school in. Dit zijn de uitkomsten van {years}.",
        "en": "Our pupils fill in a questionnaire on their safety and wellbeing at school. "
              "These are the results of {years}.",
    },
    "monitor.summary.survey_source": {
        "nl": "Onze leerlingen vullen een vragenlijst over hun veiligheid en welbevinden op "
              "school in ({sources}). Dit zijn de uitkomsten van {years}.",
        "en": "Our pupils fill in a questionnaire on their safety and wellbeing at school "
              "({sources}). These are the results of {years}.",
    },
    "monitor.summary.caution": {
        "nl": "Deze cijfers laten zien hoe het gaat, niet waardoor het zo gaat.",
        "en": "These figures show how things are going, not why.",
    },
    # --- comparison (services/compare.py, compare_render.py) ------------------------------
    "compare.section.profile": {"nl": "Profiel", "en": "Profile"},
    "compare.section.effects": {
        "nl": "Effect per zorg (uit de studies)",
        "en": "Effect per concern (from the studies)",
    },
    "compare.section.levels": {"nl": "Niveaus", "en": "Levels"},
    "compare.section.content": {"nl": "Thema's en aanpak", "en": "Themes and approaches"},
    "compare.section.ratings": {"nl": "Erkenningen en oordelen", "en": "Registry ratings"},
    "compare.section.outcomes": {"nl": "Uitkomsten", "en": "Outcome findings"},
    "compare.section.delivery": {"nl": "Uitvoering", "en": "Delivery"},
    "compare.section.implementation": {"nl": "Invoering", "en": "Implementation"},
    "compare.section.cost": {"nl": "Kosten", "en": "Cost"},
    "compare.section.freshness": {"nl": "Actualiteit", "en": "Freshness"},
    "compare.row.name": {"nl": "Naam", "en": "Name"},
    "compare.row.provider": {"nl": "Aanbieder", "en": "Provider"},
    "compare.row.status": {"nl": "Status", "en": "Status"},
    "compare.row.origin_country": {"nl": "Land van herkomst", "en": "Country of origin"},
    "compare.row.school_types": {"nl": "Schooltypen", "en": "School types"},
    "compare.row.age_range": {"nl": "Leeftijd (jaar)", "en": "Ages (years)"},
    "compare.row.themes": {"nl": "Thema's", "en": "Themes"},
    "compare.row.approaches": {"nl": "Aanpak", "en": "Approaches"},
    "compare.row.evidence_level": {
        "nl": "Hoogste niveau (gemeenschappelijke schaal)",
        "en": "Highest level (common scale)",
    },
    "compare.row.warnings": {"nl": "Waarschuwingen over pesten", "en": "Warnings on bullying"},
    "compare.row.delivery.lessons": {"nl": "Lessen", "en": "Lessons"},
    "compare.row.delivery.duration": {"nl": "Duur", "en": "Duration"},
    "compare.row.delivery.delivered_by": {"nl": "Uitgevoerd door", "en": "Delivered by"},
    "compare.row.implementation.training_hours": {
        "nl": "Trainingsuren (per leerkracht)",
        "en": "Training hours (per teacher)",
    },
    "compare.row.implementation.requirements": {"nl": "Voorwaarden", "en": "Requirements"},
    "compare.row.cost.published": {"nl": "Prijs zoals gepubliceerd", "en": "Price as published"},
    "compare.row.cost.school_per_year": {
        "nl": "Geschat per jaar voor de school (€)",
        "en": "Estimated per year for the school (€)",
    },
    "compare.row.cost.per_pupil_per_year": {
        "nl": "Geschat per leerling per jaar (€)",
        "en": "Estimated per pupil per year (€)",
    },
    "compare.row.cost.estimate": {"nl": "Berekening", "en": "Arithmetic"},
    "compare.row.freshness.reviewed": {
        "nl": "Laatst redactioneel beoordeeld",
        "en": "Last reviewed",
    },
    "compare.row.freshness.latest_rating": {"nl": "Laatste oordeel", "en": "Latest rating"},
    "compare.row.freshness.review_due": {"nl": "Opnieuw beoordelen uiterlijk", "en": "Review due"},
    "compare.row.freshness.stale": {"nl": "Beoordeling verlopen", "en": "Review overdue"},
    "compare.row.freshness.newer_study_than_rating": {
        "nl": "Nieuwere studie dan laatste oordeel",
        "en": "Study newer than latest rating",
    },
    "compare.title": {"nl": "Vergelijking: {names}", "en": "Comparison: {names}"},
    "compare.heading.row": {"nl": "Rij", "en": "Row"},
    "lessons.year": {"nl": "{number} per jaar", "en": "{number} per year"},
    "lessons.total": {"nl": "{number} in totaal", "en": "{number} in total"},
    # --- errors: problem types, field messages, CSV labels (errors.py, api/problems.py,
    # services/export.py, compare_render.py) — area "polish" ----------------------------
    "problem.invalid-input.title": {"nl": "Ongeldige invoer", "en": "Invalid input"},
    "problem.invalid-input.description": {
        "nl": "Een parameter of veld in de body is onjuist of geen toegestane waarde. "
              "`errors` noemt elk veld, de gegeven waarde en wat wel mag.",
        "en": "A parameter or body field is malformed or not an allowed value. `errors` "
              "names each field, the value given and what is allowed.",
    },
    "problem.invalid-input.detail": {
        "nl": "De invoer klopt niet ({errors}).",
        "en": "The input is not valid ({errors}).",
    },
    "problem.not-found.title": {"nl": "Niet gevonden", "en": "Not found"},
    "problem.not-found.description": {
        "nl": "Op dit pad staat niets, of er is geen item met deze id.",
        "en": "No resource at this path, or no entry with this id.",
    },
    "problem.not-found.detail": {
        "nl": "Op dit adres staat niets.",
        "en": "There is nothing at this address.",
    },
    "problem.method-not-allowed.title": {
        "nl": "Methode niet toegestaan",
        "en": "Method not allowed",
    },
    "problem.method-not-allowed.description": {
        "nl": "De API is alleen-lezen: er zijn alleen GET-verzoeken (en POST voor een "
              "schoolprofiel of monitorcijfers).",
        "en": "The API is read-only: there are only GET requests (and POST for a school "
              "profile or monitor figures).",
    },
    "problem.method-not-allowed.detail": {
        "nl": "Deze methode kan op dit adres niet.",
        "en": "This method is not allowed at this address.",
    },
    "problem.catalogue-not-loaded.title": {
        "nl": "Catalogus niet geladen",
        "en": "Catalogue not loaded",
    },
    "problem.catalogue-not-loaded.description": {
        "nl": "De database bevat nog geen catalogus; een beheerder moet `interventions load` "
              "uitvoeren.",
        "en": "The database holds no catalogue yet; an operator must run "
              "`interventions load`.",
    },
    "problem.catalogue-not-loaded.detail": {
        "nl": "Er is nog geen catalogus geladen; een beheerder moet `interventions load` "
              "uitvoeren. Probeer het later opnieuw.",
        "en": "No catalogue has been loaded yet; an operator must run `interventions load`. "
              "Try again later.",
    },
    "problem.search-unavailable.title": {
        "nl": "Zoekmachine niet bereikbaar",
        "en": "Search engine unavailable",
    },
    "problem.search-unavailable.description": {
        "nl": "Meilisearch antwoordde niet; lijsten vallen dan terug op SQLite.",
        "en": "Meilisearch did not answer; listings fall back to SQLite.",
    },
    "problem.search-unavailable.detail": {
        "nl": "De zoekmachine antwoordde niet. Probeer het later opnieuw.",
        "en": "The search engine did not answer. Try again later.",
    },
    "problem.load-failed.title": {"nl": "Laden mislukt", "en": "Load failed"},
    "problem.load-failed.description": {
        "nl": "Laden of opnieuw indexeren is niet gebeurd; de vorige gegevens blijven "
              "beschikbaar.",
        "en": "A load or reindex did not happen; the previous data keeps serving.",
    },
    "problem.load-failed.detail": {
        "nl": "Het laden is mislukt; de vorige gegevens blijven beschikbaar.",
        "en": "The load failed; the previous data keeps serving.",
    },
    "problem.not-acceptable.title": {"nl": "Formaat niet beschikbaar", "en": "Not acceptable"},
    "problem.not-acceptable.description": {
        "nl": "Geen van de mediatypen in Accept wordt aangeboden.",
        "en": "None of the media types in Accept is offered.",
    },
    "problem.not-acceptable.detail": {
        "nl": "Geen van de gevraagde formaten (Accept) is beschikbaar.",
        "en": "None of the formats asked for (Accept) is available.",
    },
    "problem.unsupported-media-type.title": {
        "nl": "Mediatype niet ondersteund",
        "en": "Unsupported media type",
    },
    "problem.unsupported-media-type.description": {
        "nl": "Een body moet JSON zijn: Content-Type application/json.",
        "en": "A request body must be JSON: Content-Type application/json.",
    },
    "problem.unsupported-media-type.detail": {
        "nl": "Stuur de body als JSON (Content-Type application/json).",
        "en": "Send the body as JSON (Content-Type application/json).",
    },
    "problem.payload-too-large.title": {"nl": "Verzoek te groot", "en": "Payload too large"},
    "problem.payload-too-large.description": {
        "nl": "De body is groter dan de grens.",
        "en": "The request body exceeds the limit.",
    },
    "problem.payload-too-large.detail": {
        "nl": "De body is te groot.",
        "en": "The request body is too large.",
    },
    "problem.query-too-slow.title": {"nl": "Zoekvraag te traag", "en": "Query too slow"},
    "problem.query-too-slow.description": {
        "nl": "De databasevraag duurde langer dan de tijdslimiet en is gestopt, zodat één "
              "trage vraag geen worker vasthoudt; probeer het opnieuw of maak de vraag "
              "kleiner.",
        "en": "The database query ran past its time limit and was stopped, so that one slow "
              "request cannot hold a worker; retry, or narrow the query.",
    },
    "problem.query-too-slow.detail": {
        "nl": "De zoekvraag duurde te lang en is gestopt; probeer het opnieuw of maak de "
              "vraag kleiner.",
        "en": "The query took too long and was stopped; retry, or narrow the query.",
    },
    "problem.bad-request.title": {"nl": "Onjuist verzoek", "en": "Bad request"},
    "problem.bad-request.description": {
        "nl": "Het verzoek zelf is onjuist opgebouwd.",
        "en": "The request itself is malformed.",
    },
    "problem.bad-request.detail": {
        "nl": "Het verzoek is onjuist opgebouwd.",
        "en": "The request is malformed.",
    },
    "problem.internal-error.title": {"nl": "Interne fout", "en": "Internal error"},
    "problem.internal-error.description": {
        "nl": "De service faalde; de fout is gelogd.",
        "en": "The service failed; the error was logged.",
    },
    "problem.internal-error.detail": {
        "nl": "De service kon geen antwoord geven; de fout is gelogd.",
        "en": "The service failed to answer; the error has been logged.",
    },
    "problem.unknown_type": {
        "nl": "Er is geen probleemtype '{slug}'.",
        "en": "There is no problem type '{slug}'.",
    },
    "problem.no_intervention": {
        "nl": "Er is geen interventie met id {ids}.",
        "en": "There is no intervention with id {ids}.",
    },
    "problem.monitor_invalid": {
        "nl": "De monitorgegevens kloppen niet ({errors}).",
        "en": "The monitor results are not valid ({errors}).",
    },
    "problem.profile_invalid": {
        "nl": "Het schoolprofiel klopt niet ({errors}).",
        "en": "The school profile is not valid ({errors}).",
    },
    # Field messages: pydantic's error types (error.<type>, its context as placeholders)
    # and the service's own checks. Lower case, no full stop: they are joined in `detail`.
    "error.other": {"nl": "{message}", "en": "{message}"},
    "error.missing": {"nl": "dit veld is verplicht", "en": "this field is required"},
    "error.extra_forbidden": {
        "nl": "onbekend veld: dit veld bestaat niet",
        "en": "unknown field: there is no such field",
    },
    "error.literal_error": {"nl": "kies {allowed}", "en": "choose {allowed}"},
    "error.enum": {"nl": "kies {allowed}", "en": "choose {allowed}"},
    "error.string_too_short": {
        "nl": "te kort: minstens {min_length} teken(s)",
        "en": "too short: at least {min_length} character(s)",
    },
    "error.string_too_long": {
        "nl": "te lang: hoogstens {max_length} tekens",
        "en": "too long: at most {max_length} characters",
    },
    "error.too_short": {
        "nl": "te weinig: minstens {min_length}, gegeven {actual_length}",
        "en": "too few: at least {min_length}, given {actual_length}",
    },
    "error.too_long": {
        "nl": "te veel: hoogstens {max_length}, gegeven {actual_length}",
        "en": "too many: at most {max_length}, given {actual_length}",
    },
    "error.greater_than": {"nl": "moet groter zijn dan {gt}", "en": "must be greater than {gt}"},
    "error.greater_than_equal": {
        "nl": "moet {ge} of meer zijn",
        "en": "must be {ge} or more",
    },
    "error.less_than": {"nl": "moet kleiner zijn dan {lt}", "en": "must be less than {lt}"},
    "error.less_than_equal": {"nl": "moet {le} of minder zijn", "en": "must be {le} or less"},
    "error.int_type": {"nl": "moet een geheel getal zijn", "en": "must be a whole number"},
    "error.int_parsing": {"nl": "moet een geheel getal zijn", "en": "must be a whole number"},
    "error.int_from_float": {"nl": "moet een geheel getal zijn", "en": "must be a whole number"},
    "error.float_type": {"nl": "moet een getal zijn", "en": "must be a number"},
    "error.float_parsing": {"nl": "moet een getal zijn", "en": "must be a number"},
    "error.finite_number": {"nl": "moet een eindig getal zijn", "en": "must be a finite number"},
    "error.bool_type": {"nl": "moet true of false zijn", "en": "must be true or false"},
    "error.bool_parsing": {"nl": "moet true of false zijn", "en": "must be true or false"},
    "error.string_type": {"nl": "moet tekst zijn", "en": "must be text"},
    "error.list_type": {"nl": "moet een lijst zijn", "en": "must be a list"},
    "error.dict_type": {"nl": "moet een object zijn", "en": "must be an object"},
    "error.model_type": {"nl": "moet een object zijn", "en": "must be an object"},
    "error.model_attributes_type": {"nl": "moet een object zijn", "en": "must be an object"},
    "error.json_invalid": {
        "nl": "geen geldige JSON (de fout zit op regel {line}, teken {column})",
        "en": "not valid JSON (the error is at line {line}, character {column})",
    },
    "error.union_tag_not_found": {
        "nl": "geef {discriminator} op",
        "en": "give {discriminator}",
    },
    "error.union_tag_invalid": {
        "nl": "onbekende {discriminator} {tag}; kies {expected_tags}",
        "en": "unknown {discriminator} {tag}; choose {expected_tags}",
    },
    "error.json_type": {"nl": "geen geldige JSON", "en": "not valid JSON"},
    "error.vocabulary": {
        "nl": "onbekende waarde '{value}' (lijst {section})",
        "en": "unknown {section} key '{value}'",
    },
    "error.evidence_level": {
        "nl": "onbekend bewijsniveau '{value}'",
        "en": "unknown evidence level '{value}'",
    },
    "error.intervention_id": {
        "nl": "geen interventie met id '{value}' in de catalogus (alle id's: "
              "GET /v1/interventions)",
        "en": "no intervention with id '{value}' in the catalogue (ids: GET /v1/interventions)",
    },
    "error.one_group": {
        "nl": "geef ages of school_years, niet allebei",
        "en": "give ages or school_years, not both",
    },
    "error.survey_year_twice": {
        "nl": "jaar {year} staat er twee keer in (ook in {other}); stuur één meting per jaar",
        "en": "year {year} is given twice (also in {other}); send one survey per year",
    },
    "error.indicator_twice": {
        "nl": "'{value}' staat in {year} twee keer in voor dezelfde groep",
        "en": "'{value}' is given twice for the same group in {year}",
    },
    "error.listed_twice": {"nl": "'{value}' staat er twee keer in",
                           "en": "'{value}' is listed twice"},
    "error.since_after_survey": {
        "nl": "{since} ligt na de laatste meting ({latest}); een meting kan niet laten zien "
              "wat later kwam",
        "en": "{since} is after the latest survey ({latest}); a survey cannot show what came "
              "later",
    },
    "error.earlier_needs_monitor": {
        "nl": "eerdere metingen kunnen alleen samen met 'monitor', de laatste meting",
        "en": "earlier surveys need 'monitor', the latest survey",
    },
    "error.before_monitor": {"nl": "moet vóór het jaar van 'monitor' ({year}) liggen",
                             "en": "must be before the year of 'monitor' ({year})"},
    "error.not_current": {"nl": "staat niet in 'current_interventions'",
                          "en": "not in 'current_interventions'"},
    "error.unknown_id": {"nl": "onbekende interventie-id", "en": "unknown intervention id"},
    "error.unknown_term": {
        "nl": "onbekende waarde '{value}' voor {facet}",
        "en": "unknown {facet} '{value}'",
    },
    "error.unknown_concern": {"nl": "onbekende zorg '{value}'", "en": "unknown concern '{value}'"},
    "error.unknown_facet": {"nl": "onbekend facet '{value}'", "en": "unknown facet '{value}'"},
    "error.ids_count": {
        "nl": "geef {min} tot {max} interventie-id's, gegeven {count}",
        "en": "give {min} to {max} intervention ids, given {count}",
    },
    "error.ids_repeated": {
        "nl": "geef elke id één keer; herhaald: {ids}",
        "en": "each id may be given once; repeated: {ids}",
    },
    "error.id_too_long": {
        "nl": "een id heeft hoogstens {max} tekens",
        "en": "an id has at most {max} characters",
    },
    # The column labels of a CSV asked for with `lang` (services/export.py, compare_render.py).
    "csv.column.id": {"nl": "Id", "en": "Id"},
    "csv.column.name": {"nl": "Naam", "en": "Name"},
    "csv.column.aliases": {"nl": "Andere namen", "en": "Other names"},
    "csv.column.summary_nl": {"nl": "Samenvatting (Nederlands)", "en": "Summary (Dutch)"},
    "csv.column.summary_en": {"nl": "Samenvatting (Engels)", "en": "Summary (English)"},
    "csv.column.provider_name": {"nl": "Aanbieder", "en": "Provider"},
    "csv.column.provider_url": {"nl": "Website aanbieder", "en": "Provider website"},
    "csv.column.origin_country": {"nl": "Land van herkomst", "en": "Country of origin"},
    "csv.column.status": {"nl": "Status", "en": "Status"},
    "csv.column.school_types": {"nl": "Schooltypen", "en": "School types"},
    "csv.column.age_min": {"nl": "Leeftijd vanaf (jaar)", "en": "Youngest age (years)"},
    "csv.column.age_max": {"nl": "Leeftijd tot en met (jaar)", "en": "Oldest age (years)"},
    "csv.column.levels": {"nl": "Niveaus", "en": "Levels"},
    "csv.column.themes": {"nl": "Thema's", "en": "Themes"},
    "csv.column.approaches": {"nl": "Aanpak", "en": "Approaches"},
    "csv.column.lessons_number": {"nl": "Aantal lessen", "en": "Number of lessons"},
    "csv.column.lessons_per": {"nl": "Lessen per", "en": "Lessons per"},
    "csv.column.delivered_by": {"nl": "Uitgevoerd door", "en": "Delivered by"},
    "csv.column.training_hours": {
        "nl": "Trainingsuren per leerkracht",
        "en": "Training hours per teacher",
    },
    # bilingual: the requirements in Dutch and in English, like the summary.
    "csv.column.requirements_nl": {"nl": "Voorwaarden (Nederlands)",
                                   "en": "Requirements (Dutch)"},
    "csv.column.requirements_en": {"nl": "Voorwaarden (Engels)", "en": "Requirements (English)"},
    # bilingual2: the duration and the note on a price in Dutch and in English.
    "csv.column.duration_nl": {"nl": "Duur (Nederlands)", "en": "Duration (Dutch)"},
    "csv.column.duration_en": {"nl": "Duur (Engels)", "en": "Duration (English)"},
    "csv.column.cost_note_nl": {"nl": "Toelichting prijs (Nederlands)",
                                "en": "Price note (Dutch)"},
    "csv.column.cost_note_en": {"nl": "Toelichting prijs (Engels)", "en": "Price note (English)"},
    "csv.column.available_nl": {"nl": "Te krijgen in Nederland", "en": "Available in the "
                                                                  "Netherlands"},
    "csv.column.cost_on_request": {"nl": "Prijs op aanvraag", "en": "Price on request"},
    "csv.column.cost_source": {"nl": "Bron prijs", "en": "Price source"},
    "csv.column.cost_amount_eur": {"nl": "Prijs (€)", "en": "Price (€)"},
    "csv.column.cost_per": {"nl": "Prijs per", "en": "Price per"},
    "csv.column.cost_period": {"nl": "Prijsperiode", "en": "Price period"},
    "csv.column.cost_year": {"nl": "Prijspeil (jaar)", "en": "Price level (year)"},
    "csv.column.effect_bullying": {"nl": "Effect op pesten", "en": "Effect on bullying"},
    "csv.column.effects": {"nl": "Effecten per zorg", "en": "Effects per concern"},
    "csv.column.evidence_level": {"nl": "Bewijsniveau", "en": "Evidence level"},
    "csv.column.ratings": {"nl": "Oordelen van registers", "en": "Registry ratings"},
    "csv.column.outcomes": {"nl": "Uitkomsten in onderzoek", "en": "Outcomes in studies"},
    "csv.column.unfavourable_bullying_findings": {
        "nl": "Bevindingen zonder of met ongunstig effect op pesten",
        "en": "Unfavourable or null findings on bullying",
    },
    "csv.column.studies": {"nl": "Studies", "en": "Studies"},
    "csv.column.sources": {"nl": "Bronnen", "en": "Sources"},
    "csv.column.reviewed": {"nl": "Laatst redactioneel beoordeeld", "en": "Last reviewed"},
    "csv.compare.section": {"nl": "Onderdeel", "en": "Section"},
    "csv.compare.row": {"nl": "Rij", "en": "Row"},
    "csv.compare.label": {"nl": "Omschrijving", "en": "Label"},
    # --- cost on one basis (services/cost.py) ---------------------------------------------
    "estimate.unknown": {
        "nl": "Kosten onbekend; er is niets geschat.",
        "en": "Cost unknown; nothing was estimated.",
    },
    "estimate.on_request": {
        "nl": "Prijs op aanvraag; er is niets geschat.",
        "en": "Price on request; nothing was estimated.",
    },
    "estimate.school_per_year": {"nl": "per jaar voor de school",
                                 "en": "per year for the school"},
    "estimate.pupil_per_year": {"nl": "per leerling per jaar", "en": "per pupil per year"},
    "estimate.missing": {"nl": "{count} ontbreekt: geef {param} op",
                         "en": "{count} missing: pass {param}"},
    "count.pupils.one": {"nl": "{n} leerling", "en": "{n} pupil"},
    "count.pupils.other": {"nl": "{n} leerlingen", "en": "{n} pupils"},
    "count.classes.one": {"nl": "{n} klas", "en": "{n} class"},
    "count.classes.other": {"nl": "{n} klassen", "en": "{n} classes"},
    "count.teachers.one": {"nl": "{n} leerkracht", "en": "{n} teacher"},
    "count.teachers.other": {"nl": "{n} leerkrachten", "en": "{n} teachers"},
    "count.years.one": {"nl": "{n} jaar", "en": "{n} year"},
    "count.years.other": {"nl": "{n} jaar", "en": "{n} years"},
    "count_name.pupils": {"nl": "aantal leerlingen", "en": "number of pupils"},
    "count_name.classes": {"nl": "aantal klassen", "en": "number of classes"},
    "count_name.teachers": {"nl": "aantal leerkrachten", "en": "number of teachers"},
}


def text(key: str, lang: str, **values: Any) -> str:
    """The text of ``key`` in ``lang`` ('nl' or 'en'), its placeholders filled in."""
    return TEXTS[key][lang].format(**values)


def number(value: float | Decimal, lang: str, decimals: int = 2) -> str:
    """'1.250,5' in Dutch, '1,250.5' in English; rounded half up to ``decimals`` places,
    without trailing zeros."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return format_decimal(rounded, locale=LOCALES[lang])


def money(value: float | Decimal, lang: str) -> str:
    """'€ 1.250' in Dutch, '€1,250' in English; cents only when there are any ('€ 4,50'),
    rounded half up as a price is."""
    cents = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    pattern = MONEY_FORMATS[lang]
    if cents == cents.to_integral_value():
        pattern = pattern.replace(".00", "")
    return format_currency(cents, "EUR", pattern, locale=LOCALES[lang], currency_digits=False)


def percent(share: float, lang: str) -> str:
    """0.125 → '12,5%' in Dutch, '12.5%' in English."""
    return format_percent(share, PERCENT_FORMAT, locale=LOCALES[lang])


def join(items: list[str], lang: str) -> str:
    """'a, b en c' in Dutch, 'a, b and c' in English; empty items are left out."""
    return format_list([item for item in items if item], locale=LOCALES[lang])


def price(amount: float | Decimal, per: str, period: str, lang: str) -> str:
    """A published price: '€ 450 per klas, eenmalig'; a price of nothing is 'gratis'."""
    if amount == 0:
        return text("price_free", lang)
    return text("price", lang, amount=money(amount, lang), basis=text("cost_basis." + per, lang),
                period=text("cost_period." + period, lang))


def published_price(cost: Mapping[str, Any], lang: str) -> str:
    """An entry's ``implementation.cost`` as people read it: 'op aanvraag', or the price
    with its price level ('€ 450 per klas, eenmalig (prijspeil 2024)')."""
    if cost.get("amount_eur") is None:
        return text("cost.on_request", lang)
    line = price(cost["amount_eur"], cost["per"], cost["period"], lang)
    if cost.get("year"):
        line += f" ({text('price_level', lang, year=cost['year'])})"
    return line


def long_date(day: dt.date | str, lang: str) -> str:
    """'4 december 2026' in Dutch, '4 December 2026' in English."""
    value = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(value, "d MMMM y", locale=LOCALES[lang])


def as_listed(checked: dt.date | str | None, lang: str) -> str | None:
    """'zoals vermeld op 4 december 2026': the when of a rating read from a registry page
    that shows no date (``checked``); None without one."""
    return text("as_listed_on", lang, date=long_date(checked, lang)) if checked else None


def capitalised(sentence: str) -> str:
    """The first letter in upper case, the rest as it is ('het onderzoek …' → 'Het …')."""
    return sentence[:1].upper() + sentence[1:]


def country_name(code: str | None, lang: str) -> str | None:
    """'NL' → 'Nederland' (Babel's territory names); an unknown code stays as it is."""
    if not code:
        return None
    name = Locale.parse(LOCALES[lang]).territories.get(code.upper())
    return str(name) if name else code


# "Orobio de Castro, B., Mulder, S., … (2018)": the first author's surname; "What Works
# Clearinghouse (2015)": an organisation as author.
FIRST_AUTHOR = re.compile(r"^([^,()]{2,40}?),\s+(?:[A-Z]\.|[A-Z][a-z]*\.)")
ORGANISATION = re.compile(r"^([^,()]{2,60}?)\s+\((?:19|20)\d\d")


def study_reference(citation: str | None, year: int | None, lang: str) -> str:
    """A study as a reader can look it up under the sources: 'het onderzoek van Orobio de
    Castro e.a. (2018)'; 'een onderzoek uit 2019' when the citation names no author."""
    citation = citation or ""
    author = FIRST_AUTHOR.match(citation)
    if author:
        head = citation.split("(", 1)[0]
        name = author.group(1).strip()
        if "&" in head or "et al" in head or head.count(".,") > 1:
            name = text("study.et_al", lang, name=name)
    else:
        organisation = ORGANISATION.match(citation)
        name = organisation.group(1).strip() if organisation else ""
    if name:
        return text("study.by", lang, name=name, year=f" ({year})" if year else "")
    return text("study.from", lang, year=year) if year else text("study.some", lang)


def availability_label(nl: bool | None, lang: str) -> str:
    """Whether a Dutch school can get it: yes, no, or unknown."""
    return text("availability." + ("unknown" if nl is None else str(nl).lower()), lang)


def age_range(low: int | None, high: int | None, lang: str) -> str:
    return text("age_range", lang, min=low, max=high)


@dataclass(frozen=True)
class Texts:
    """The catalogue in one language, with the loaded vocabularies for the labels of
    their keys: what the match writes its sentences with."""

    lang: str
    vocabularies: Vocabularies
    scale: EvidenceScale

    def say(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)

    def label(self, section: str, key: str) -> str:
        return self.vocabularies.label(section, key, self.lang)

    def labels(self, section: str, keys: list[str]) -> str:
        return self.join([self.label(section, key) for key in keys])

    def level_label(self, key: str) -> str:
        return self.scale.level_label(key, self.lang)

    def join(self, items: list[str]) -> str:
        return join(items, self.lang)

    def number(self, value: float, decimals: int = 2) -> str:
        return number(value, self.lang, decimals)

    def eur(self, value: float) -> str:
        return money(value, self.lang)

    def pct(self, share: float) -> str:
        return percent(share, self.lang)

    def ages(self, low: int | None, high: int | None) -> str:
        return age_range(low, high, self.lang)

    def cost(self, amount: float, per: str, period: str) -> str:
        return price(amount, per, period, self.lang)
