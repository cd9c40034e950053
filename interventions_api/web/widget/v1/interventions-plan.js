/**
 * <interventions-plan>: the questionnaire a Dutch school can answer, and the school's
 * safety-plan chapter on social safety that POST /v1/plan writes from it.
 *
 * Plain ES module, no build step; it imports the small common module next to it. Embed:
 *
 *   <script type="module" src="https://API/widget/v1/interventions-plan.js"></script>
 *   <interventions-plan lang="nl"></interventions-plan>
 *
 * Attributes (all optional):
 *   api-base  base URL of the API; default: the origin this script was loaded from
 *   lang      "nl" (default) or "en"
 *   history   present: a plan goes into the page address (#plan=…), so a link or a reload
 *             opens the same plan and the browser's back button returns to the questions
 *
 * Everything is rendered into a shadow root with DOM nodes and textContent; the API's SVG
 * charts are parsed as SVG and cleaned (common.js, svgNode), never inserted as HTML.
 */

import {
  COMMON_STYLE, HOST_STYLE, decodeJson, encodeJson, evidenceLadder, fetchJson, h, levelIcon, levelWithIcon, LEVEL_KEYS, loadVocabularies, outcomeMarks, pushView, safeLink, sizeLadder,
  longDate, styleNodes, svgNode, viewInAddress, WidgetElement,
} from "./common.js";

const VERSION = "1.0.0";
const DEBOUNCE_MS = 250;
const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const WORD_FILE = "veiligheidsplan-sociale-veiligheid.docx";
const INDICATORS = [
  "bullied", "bullying_others", "cyberbullied", "cyberbullying_others", "unsafe",
  "low_wellbeing", "discriminated", "physical_violence", "sexual_harassment",
];
const MAX_SURVEY_YEARS = 3;
const MAX_ROWS = INDICATORS.length * MAX_SURVEY_YEARS;
const MAX_PROGRAMMES = 30;
// The school says which pupils it means in its own terms: groep (primary) or leerjaar
// (secondary); the profile takes them as `school_years` (the API reads their usual ages).
const SCHOOL_YEARS = {
  po: { system: "groep", max: 8 },
  so: { system: "groep", max: 8 },
  vo: { system: "leerjaar", max: 6 },
  vso: { system: "leerjaar", max: 6 },
};
const THIS_YEAR = new Date().getFullYear();

const TEXT = {
  nl: {
    aboutSchool: "Over de school",
    schoolType: "Schooltype",
    choose: "Kies…",
    yearsLegend: { groep: "Voor welke groepen?", leerjaar: "Voor welke leerjaren?" },
    yearsHint: "Laat leeg als het voor de hele school geldt.",
    from: { groep: "Van groep", leerjaar: "Van leerjaar" },
    to: { groep: "Tot en met groep", leerjaar: "Tot en met leerjaar" },
    concerns: "Waar maakt de school zich zorgen over?",
    concernsHint: "Kies één of meer thema's.",
    concept: "Onderwijsconcept of visie",
    noConcept: "Geen bijzonder concept",
    programmes: "Welke programma's gebruikt de school al?",
    programmesHint: "Typ een naam en kies uit de lijst. Vul in sinds welk jaar, als u dat weet.",
    suggestions: "Voorstellen",
    noSuggestions: "Geen programma gevonden met deze naam.",
    since: "In gebruik sinds (jaar)",
    sinceOf: (name) => `${name} in gebruik sinds (jaar)`,
    remove: "Verwijder",
    removeOf: (name) => `Verwijder ${name}`,
    chosenCount: (n) => (n === 1 ? "1 programma gekozen" : `${n} programma's gekozen`),
    size: "Aantal leerlingen",
    budget: "Budget (optioneel)",
    maxEur: "Hoogstens (€)",
    per: "Per",
    period: "Periode",
    perOptions: { school: "school", pupil: "leerling", teacher: "leerkracht", class: "groep" },
    periodOptions: { year: "per jaar", once: "eenmalig" },
    monitor: "Resultaten van de leerlingvragenlijst (optioneel)",
    monitorHint: `Uit de jaarlijkse monitor sociale veiligheid, per vraag en per jaar; tot ${MAX_SURVEY_YEARS} jaren. Het aandeel en de vergelijking in procenten.`,
    source: "Naam van de vragenlijst",
    indicator: "Wat is gemeten",
    year: "Jaar",
    share: "Aandeel leerlingen (%)",
    reference: "Vergelijking, bijv. landelijk (%)",
    rowLabel: (label, n) => `${label}, rij ${n}`,
    addRow: "Rij toevoegen",
    removeRow: (n) => `Verwijder rij ${n}`,
    indicators: {
      bullied: "gepest", bullying_others: "pest anderen", cyberbullied: "online gepest",
      cyberbullying_others: "pest anderen online", unsafe: "voelt zich niet veilig",
      low_wellbeing: "laag welbevinden", discriminated: "gediscrimineerd",
      physical_violence: "slachtoffer van fysiek geweld", sexual_harassment: "seksueel geïntimideerd",
    },
    submit: "Maak ons plan",
    invalid: "Controleer deze antwoorden:",
    required: {
      school_type: "Kies het schooltype.", indicator: "Kies wat er gemeten is.",
      year: "Vul het jaar van de vragenlijst in.", share: "Vul het aandeel in procenten in.",
    },
    wholeNumber: (min, max) => `Vul een heel getal in van ${min} tot en met ${max}.`,
    number: (min, max) => `Vul een getal in van ${min} tot en met ${max}.`,
    percent: "Vul een percentage in van 0 tot en met 100.",
    referencePercent: "Vul een percentage in groter dan 0 en hoogstens 100.",
    tooManyYears: `Vul hoogstens ${MAX_SURVEY_YEARS} verschillende jaren in.`,
    duplicateRow: "Dit onderdeel staat al voor dit jaar in de tabel.",
    working: "Bezig met het plan…",
    done: "Het plan is klaar.",
    failed: "Het plan kon niet worden gemaakt. Probeer het later opnieuw.",
    notAvailable: "Het plan is op deze server (nog) niet beschikbaar.",
    loadFailed: "De vragen konden niet worden geladen.",
    brokenLink: "Deze link bevat geen leesbaar plan.",
    download: "Download als Word",
    downloading: "Het Word-bestand wordt gemaakt…",
    downloaded: "Het Word-bestand is gedownload.",
    print: "Afdrukken",
    edit: "Vragen aanpassen",
    current: "al in gebruik",
    whyLabel: "Waarom het past",
    providerLabel: "Aanbieder",
    priceLabel: "Prijs",
    effectsLabel: "Wat onderzoek vond",
    warning: "Let op",
    advice: "Ons advies",
    placeholder: "In te vullen",
    levelsLabel: "Werkt op",
    more: (name) => `Meer over ${name}`,
    generated: (version, date) => `Catalogusversie ${version} · gemaakt op ${date}`,
    ladderToggle: "Wat betekenen de bewijsniveaus?",
  },
  en: {
    aboutSchool: "About the school",
    schoolType: "School type",
    choose: "Choose…",
    yearsLegend: { groep: "For which years (groep)?", leerjaar: "For which years (leerjaar)?" },
    yearsHint: "Leave empty if it applies to the whole school.",
    from: { groep: "From groep", leerjaar: "From leerjaar" },
    to: { groep: "To groep", leerjaar: "To leerjaar" },
    concerns: "What worries the school?",
    concernsHint: "Choose one or more themes.",
    concept: "Educational concept or vision",
    noConcept: "No particular concept",
    programmes: "Which programmes does the school already use?",
    programmesHint: "Type a name and choose from the list. Fill in since which year, if you know.",
    suggestions: "Suggestions",
    noSuggestions: "No programme found with this name.",
    since: "In use since (year)",
    sinceOf: (name) => `${name} in use since (year)`,
    remove: "Remove",
    removeOf: (name) => `Remove ${name}`,
    chosenCount: (n) => (n === 1 ? "1 programme chosen" : `${n} programmes chosen`),
    size: "Number of pupils",
    budget: "Budget (optional)",
    maxEur: "At most (€)",
    per: "Per",
    period: "Period",
    perOptions: { school: "school", pupil: "pupil", teacher: "teacher", class: "class" },
    periodOptions: { year: "per year", once: "one-off" },
    monitor: "Results of the pupil survey (optional)",
    monitorHint: `From the yearly social-safety monitor, per question and per year; up to ${MAX_SURVEY_YEARS} years. The share and the comparison in per cent.`,
    source: "Name of the survey",
    indicator: "What was measured",
    year: "Year",
    share: "Share of pupils (%)",
    reference: "Comparison, e.g. national (%)",
    rowLabel: (label, n) => `${label}, row ${n}`,
    addRow: "Add a row",
    removeRow: (n) => `Remove row ${n}`,
    indicators: {
      bullied: "bullied", bullying_others: "bullying others", cyberbullied: "cyberbullied",
      cyberbullying_others: "cyberbullying others", unsafe: "feeling unsafe",
      low_wellbeing: "low wellbeing", discriminated: "discriminated against",
      physical_violence: "physical violence", sexual_harassment: "sexually harassed",
    },
    submit: "Make our plan",
    invalid: "Please check these answers:",
    required: {
      school_type: "Choose the school type.", indicator: "Choose what was measured.",
      year: "Fill in the year of the survey.", share: "Fill in the share in per cent.",
    },
    wholeNumber: (min, max) => `Fill in a whole number from ${min} to ${max}.`,
    number: (min, max) => `Fill in a number from ${min} to ${max}.`,
    percent: "Fill in a percentage from 0 to 100.",
    referencePercent: "Fill in a percentage above 0 and at most 100.",
    tooManyYears: `Fill in at most ${MAX_SURVEY_YEARS} different years.`,
    duplicateRow: "This item is already in the table for this year.",
    working: "Making the plan…",
    done: "The plan is ready.",
    failed: "The plan could not be made. Please try again later.",
    notAvailable: "The plan is not (yet) available on this server.",
    loadFailed: "The questions could not be loaded.",
    brokenLink: "This link holds no readable plan.",
    download: "Download as Word",
    downloading: "Making the Word file…",
    downloaded: "The Word file has been downloaded.",
    print: "Print",
    edit: "Change the answers",
    current: "already in use",
    whyLabel: "Why it fits",
    providerLabel: "Provider",
    priceLabel: "Price",
    effectsLabel: "What research found",
    warning: "Please note",
    advice: "Our advice",
    placeholder: "To fill in",
    levelsLabel: "Works at",
    more: (name) => `More about ${name}`,
    generated: (version, date) => `Catalogue version ${version} · made on ${date}`,
    ladderToggle: "What do the evidence levels mean?",
  },
};

const STYLE = HOST_STYLE + `
:host { --_error: var(--interventions-color-error, #8a1c1c); }
*, *::before, *::after { box-sizing: border-box; }
h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1em 0 .5em; }
h3 { font-size: 1.4em; }
h4 { font-size: 1.2em; }
h5 { font-size: 1.05em; }
h6 { font-size: 1em; }
p { margin: 0 0 .75em; }
a { color: var(--_accent); }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
/* minmax(0, 1fr): a wide table scrolls in its own box instead of widening the form. */
form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.25em; max-width: 48rem; }
form > * { min-width: 0; }
fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: .75em 1em; margin: 0; min-width: 0; }
legend { font-weight: 700; padding: 0 .25em; }
label { font-weight: 600; }
.hint { color: var(--_muted); font-weight: 400; font-size: .925em; margin: .1em 0 .4em; }
.field { display: grid; gap: .25em; align-content: start; }
.row { display: flex; flex-wrap: wrap; gap: 1em; align-items: start; }
.row .field { min-width: 8em; }
input[type="number"], input[type="text"], input[type="search"], select {
  padding: .35em .5em; border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--interventions-color-background, #ffffff); max-width: 100%;
}
[aria-invalid="true"] { border: 2px solid var(--_error) !important; }
.field-error { color: var(--_error); font-weight: 600; font-size: .925em; margin: .15em 0 0; }
.choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: .2em 1em; }
.choice { display: flex; gap: .4em; align-items: baseline; }
.choice label { font-weight: 400; }
.picker { position: relative; }
.picker input[type="search"] { width: 100%; }
.suggestions {
  list-style: none; margin: .25em 0 0; padding: 0; border: 1px solid var(--_border);
  border-radius: var(--_radius); background: var(--interventions-color-background, #ffffff); max-height: 16em; overflow-y: auto;
}
.suggestions li { padding: .35em .6em; cursor: pointer; }
.suggestions li[aria-selected="true"], .suggestions li:hover { background: var(--_surface); outline: 2px solid var(--_accent); outline-offset: -2px; }
.suggestions .empty { color: var(--_muted); cursor: default; }
.chosen { list-style: none; margin: .5em 0 0; padding: 0; display: grid; gap: .4em; }
.chosen li { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1em; border: 1px solid var(--_border); border-radius: var(--_radius); padding: .35em .6em; }
.chosen .name { font-weight: 700; flex: 1 1 10em; }
.chosen input { width: 6em; }
.button {
  background: var(--_accent); color: var(--_accent-text); border: 2px solid var(--_accent);
  border-radius: var(--_radius); padding: .45em 1.1em; cursor: pointer; font-weight: 700; justify-self: start;
}
.button.secondary { background: transparent; color: var(--_accent); }
.link-button { background: none; border: 0; padding: 0; color: var(--_accent); text-decoration: underline; cursor: pointer; }
details > summary { cursor: pointer; font-weight: 700; }
.table-wrap { overflow-x: auto; position: relative; } /* holds its hidden labels too */
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--_border); padding: .35em .4em; }
.monitor-table input { width: 6em; }
.monitor-table select { max-width: 14em; }
.errors { border-left: 4px solid var(--_error); color: var(--_error); padding: .5em 1em; background: #fde2e1; }
.errors ul { margin: .25em 0 0; padding-left: 1.1em; }
.errors button { color: var(--_error); text-align: left; }
.status { font-weight: 600; margin: 1em 0; min-height: 1.5em; }
.plan-view { margin-top: 1em; }
.plan-view h3:focus { outline: none; }
.plan-view h3:focus-visible { outline: 3px solid var(--_focus); }
.toolbar { display: flex; flex-wrap: wrap; gap: .75em; align-items: center; margin: .5em 0 1em; }
.school-line { font-size: 1.05em; }
.doc-section { margin: 1.25em 0; }
.doc-section .doc-section { margin-left: 0; }
.placeholder {
  border: 2px dashed var(--_border); border-radius: var(--_radius); padding: .5em .75em; background: var(--_surface);
}
.placeholder .tag { margin-right: .5em; }
.tag {
  display: inline-block; font-size: .8em; font-weight: 700; border: 1px solid currentColor;
  border-radius: 999px; padding: 0 .5em; vertical-align: middle;
}
.warning {
  background: var(--_warning-bg); color: var(--_warning-text); border-left: 4px solid currentColor;
  padding: .35em .75em; margin: .5em 0; border-radius: 0 var(--_radius) var(--_radius) 0;
}
.warning ul { margin: 0; padding-left: 1.1em; }
.cards { display: grid; gap: 1em; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20em), 1fr)); }
.card { border: 1px solid var(--_border); border-radius: var(--_radius); padding: .75em 1em; break-inside: avoid; }
.level-heading { display: flex; align-items: center; gap: .35em; }
.card .card-title { margin: 0 0 .35em; font-size: 1.15em; display: flex; flex-wrap: wrap; gap: .4em; align-items: center; }
.levels-line { display: flex; flex-wrap: wrap; gap: .2em 1em; margin: 0 0 .5em; font-size: .9em; }
.effects { margin: .25em 0 .5em; padding-left: 1.1em; }
.effects .effect-label { font-weight: 700; }
.effects .effect-summary { display: block; color: var(--_muted); font-size: .925em; }
.advice { border-left: 4px solid var(--_accent); padding: .2em .75em; }
.chart { margin: 1em 0; }
.chart svg { display: block; max-width: min(100%, 40rem); height: auto; }
.chart figcaption { color: var(--_muted); font-size: .925em; }
.meta { color: var(--_muted); font-size: .9em; }
.sources { padding-left: 1.2em; overflow-wrap: anywhere; }
.ladder-details { margin: 1.5em 0 0; max-width: 44rem; }
@media print {
  form, .toolbar, .status, .ladder-details, .more { display: none !important; }
  .plan-view { margin: 0; }
  .cards { display: block; }
  .card { margin: 0 0 1em; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
}
` + COMMON_STYLE;

function emptyAnswers() {
  return {
    school_type: "", year_from: "", year_to: "", concerns: [], school_concept: "",
    programmes: [], pupils: "", budget_max: "", budget_per: "school", budget_period: "year",
    survey_source: "", rows: [],
  };
}

/** "12,5" or "12.5" → 12.5; empty → null; anything else → NaN (reported on the field). */
function parseNumber(text) {
  const raw = String(text ?? "").trim();
  if (raw === "") return null;
  return /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
}

function percent(value) {
  return Math.round(value * 100 * 10) / 10; // 0.145 → 14.5
}


export class InterventionsPlan extends WidgetElement {
  static get observedAttributes() {
    return ["api-base", "lang", "history"];
  }

  constructor() {
    super("ip", TEXT);
    this.answers = emptyAnswers();
    this.vocabularies = null;
    this.plan = null;
    this.request = null;
    this.shownAddress = null;
    this.errors = [];
    this.suggestions = [];
    this.activeSuggestion = -1;
    this.connected = false;
  }

  id(name) {
    return `${this.uid}-${name}`;
  }

  connectedCallback() {
    if (this.connected) return;
    this.connected = true;
    const root = this.shadowRoot;
    this.formRegion = h("div", { class: "form-region" });
    this.status = h("p", { class: "status", role: "status", "aria-live": "polite" });
    this.planRegion = h("div", { class: "plan-region" });
    root.replaceChildren(...styleNodes(root, STYLE),
      h("div", { class: "root", part: "root", lang: this.lang }, this.formRegion, this.status, this.planRegion));
    if (this.hasAttribute("history")) {
      this.onAddress = () => this.followAddress();
      window.addEventListener("popstate", this.onAddress);
      window.addEventListener("hashchange", this.onAddress);
    }
    this.load().then(() => { if (this.hasAttribute("history")) this.followAddress(); });
  }

  disconnectedCallback() {
    this.connected = false;
    if (this.onAddress) {
      window.removeEventListener("popstate", this.onAddress);
      window.removeEventListener("hashchange", this.onAddress);
      this.onAddress = null;
    }
    clearTimeout(this.pickerTimer);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.connected || oldValue === newValue) return;
    if (name === "lang" || name === "api-base") {
      this.shadowRoot.querySelector(".root").setAttribute("lang", this.lang);
      this.status.textContent = "";
      // The same answers in the other language; a plan shown is asked for again.
      this.load().then(() => { if (this.plan) this.submit({ replace: true }); });
    }
  }

  async load() {
    try {
      this.vocabularies = await loadVocabularies(this.apiBase, this.lang);
      this.renderForm();
    } catch (_) {
      this.formRegion.replaceChildren(h("p", { class: "errors", role: "alert" }, this.t.loadFailed));
    }
  }

  // ---------------------------------------------------------------- the address

  /** Shows the plan the address names (#plan=…), or the questions when it names none. */
  async followAddress() {
    if (!this.vocabularies) return;
    const view = viewInAddress();
    if (view && view.key === "plan") {
      if (view.value === this.shownAddress) return;
      let body;
      try {
        body = decodeJson(view.value);
      } catch (_) {
        this.status.textContent = this.t.brokenLink;
        return;
      }
      await this.restore(body);
      this.submit({ fromAddress: true });
    } else if (!view && this.plan) {
      this.closePlan();
    }
  }

  /** The answers again from a request body (the reverse of requestBody). */
  async restore(body) {
    const answers = emptyAnswers();
    answers.school_type = typeof body.school_type === "string" ? body.school_type : "";
    const years = SCHOOL_YEARS[answers.school_type];
    const given = body.school_years;
    if (years && given && given.system === years.system) {
      answers.year_from = String(Math.min(years.max, Math.max(1, given.min)));
      answers.year_to = String(Math.min(years.max, Math.max(1, given.max)));
    }
    answers.concerns = Array.isArray(body.concerns) ? body.concerns : [];
    answers.school_concept = body.school_concept || "";
    const since = body.in_use_since || {};
    const ids = Array.isArray(body.current_interventions) ? body.current_interventions : [];
    answers.programmes = await Promise.all(ids.map(async (id) => {
      let name = id;
      try {
        name = (await fetchJson(`${this.apiBase}/v1/interventions/${encodeURIComponent(id)}?lang=${this.lang}`)).name;
      } catch (_) { /* the id stays as its name; the API will say what is wrong with it */ }
      return { id, name, since: since[id] != null ? String(since[id]) : "" };
    }));
    answers.pupils = body.school_size && body.school_size.pupils != null ? String(body.school_size.pupils) : "";
    if (body.budget) {
      answers.budget_max = String(body.budget.max_eur ?? "");
      answers.budget_per = body.budget.per || "school";
      answers.budget_period = body.budget.period || "year";
    }
    const surveys = [...(body.earlier_surveys || []), ...(body.monitor ? [body.monitor] : [])];
    answers.survey_source = (body.monitor && body.monitor.source) || "";
    for (const survey of surveys) {
      for (const result of survey.results || []) {
        answers.rows.push({
          indicator: result.indicator || "", year: String(survey.year ?? ""),
          share: result.share != null ? String(percent(result.share)).replace(".", this.lang === "nl" ? "," : ".") : "",
          reference: result.reference != null ? String(percent(result.reference)).replace(".", this.lang === "nl" ? "," : ".") : "",
        });
      }
    }
    this.answers = answers;
    this.renderForm();
  }

  // ---------------------------------------------------------------- the questionnaire

  renderForm() {
    const t = this.t;
    const a = this.answers;
    const v = this.vocabularies;
    const form = h("form", { novalidate: true, onsubmit: (event) => { event.preventDefault(); this.submit(); } });
    this.form = form;

    const typeSelect = this.select("school_type", t.schoolType,
      (v.school_types || []).map((term) => [term.key, term.label]), a.school_type, { empty: t.choose, required: true });
    typeSelect.querySelector("select").addEventListener("change", (event) => {
      a.school_type = event.target.value;
      a.year_from = "";
      a.year_to = "";
      this.yearsHolder.replaceChildren(...this.yearFields());
    });
    this.yearsHolder = h("div", { class: "years" }, this.yearFields());

    const concerns = h("fieldset", { id: this.id("concerns") },
      h("legend", {}, t.concerns), h("p", { class: "hint" }, t.concernsHint),
      h("div", { class: "choices" }, (v.themes || []).map((term) => {
        const id = this.id(`concern-${term.key}`);
        const box = h("input", { type: "checkbox", id, value: term.key, checked: a.concerns.includes(term.key), dataset: { concern: term.key } });
        box.addEventListener("change", () => {
          a.concerns = box.checked ? [...a.concerns, term.key] : a.concerns.filter((k) => k !== term.key);
        });
        return h("div", { class: "choice" }, box, h("label", { for: id }, term.label));
      })));

    const concept = this.select("school_concept", t.concept,
      (v.school_concepts || []).map((term) => [term.key, term.label]), a.school_concept, { empty: t.noConcept });

    const pupils = this.numberField("pupils", t.size, a.pupils, { min: 1, max: 100000, step: 1 });

    const budget = h("fieldset", {}, h("legend", {}, t.budget), h("div", { class: "row" },
      this.numberField("budget_max", t.maxEur, a.budget_max, { min: 0, step: 50 }),
      this.select("budget_per", t.per, Object.entries(t.perOptions), a.budget_per),
      this.select("budget_period", t.period, Object.entries(t.periodOptions), a.budget_period)));

    form.append(
      h("fieldset", {}, h("legend", {}, t.aboutSchool), h("div", { class: "row" }, typeSelect), this.yearsHolder),
      concerns,
      concept,
      this.picker(),
      h("div", { class: "row" }, pupils),
      budget,
      this.monitorTable(),
      h("div", { class: "errors", id: this.id("errors"), role: "alert", tabindex: "-1", hidden: true }),
      h("button", { type: "submit", class: "button" }, t.submit));
    this.formRegion.replaceChildren(form);
    this.showErrors(this.errors);
  }

  yearFields() {
    const t = this.t;
    const a = this.answers;
    const years = SCHOOL_YEARS[a.school_type];
    if (!years) return [];
    const options = Array.from({ length: years.max }, (_, i) => [String(i + 1), String(i + 1)]);
    return [h("fieldset", { class: "school-years" },
      h("legend", {}, t.yearsLegend[years.system]), h("p", { class: "hint" }, t.yearsHint),
      h("div", { class: "row" },
        this.select("year_from", t.from[years.system], options, a.year_from, { empty: "—" }),
        this.select("year_to", t.to[years.system], options, a.year_to, { empty: "—" })))];
  }

  /** A labelled select bound to answers[name]. */
  select(name, label, options, value, { empty = null, required = false } = {}) {
    const id = this.id(name);
    const select = h("select", { id, name, required, "aria-required": required ? "true" : null },
      empty !== null ? h("option", { value: "" }, empty) : null,
      options.map(([key, text]) => h("option", { value: key, selected: key === value }, text)));
    select.value = value || (empty !== null ? "" : options.length ? options[0][0] : "");
    select.addEventListener("change", () => { this.answers[name] = select.value; });
    return h("div", { class: "field" }, h("label", { for: id }, label), select);
  }

  numberField(name, label, value, attributes = {}) {
    const id = this.id(name);
    const input = h("input", { id, name, type: "text", inputmode: "decimal", autocomplete: "off", value: value || "", ...attributes });
    input.addEventListener("input", () => { this.answers[name] = input.value; });
    return h("div", { class: "field" }, h("label", { for: id }, label), input);
  }

  // --- the programmes picker (search as you type, like a combobox)

  picker() {
    const t = this.t;
    const inputId = this.id("programme-search");
    const listId = this.id("programme-suggestions");
    const input = h("input", {
      id: inputId, type: "search", role: "combobox", autocomplete: "off", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": listId, "aria-describedby": this.id("programmes-hint"),
    });
    const list = h("ul", { id: listId, class: "suggestions", role: "listbox", "aria-label": t.suggestions, hidden: true });
    this.pickerInput = input;
    this.pickerList = list;
    input.addEventListener("input", () => {
      clearTimeout(this.pickerTimer);
      this.pickerTimer = setTimeout(() => this.suggest(input.value), DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (event) => this.onPickerKey(event));
    this.chosenList = h("ul", { class: "chosen", "aria-label": t.chosenCount(this.answers.programmes.length) });
    this.renderChosen();
    return h("fieldset", { class: "picker", id: this.id("programmes") },
      h("legend", {}, t.programmes),
      h("p", { class: "hint", id: this.id("programmes-hint") }, t.programmesHint),
      h("label", { for: inputId, class: "visually-hidden" }, t.programmes),
      input, list, this.chosenList);
  }

  async suggest(text) {
    const query = text.trim();
    const seq = (this.suggestSeq = (this.suggestSeq || 0) + 1);
    if (!query) {
      this.showSuggestions([]);
      return;
    }
    try {
      const params = new URLSearchParams({ q: query.slice(0, 200), per_page: "8", lang: this.lang });
      const response = await fetchJson(`${this.apiBase}/v1/interventions?${params}`);
      if (seq !== this.suggestSeq) return;
      const chosen = new Set(this.answers.programmes.map((p) => p.id));
      this.showSuggestions(response.data.filter((item) => !chosen.has(item.id)), query);
    } catch (_) {
      if (seq === this.suggestSeq) this.showSuggestions([]);
    }
  }

  showSuggestions(items, query = "") {
    this.suggestions = items;
    this.activeSuggestion = -1;
    const list = this.pickerList;
    list.replaceChildren();
    this.pickerInput.removeAttribute("aria-activedescendant");
    if (!items.length && !query) {
      list.hidden = true;
      this.pickerInput.setAttribute("aria-expanded", "false");
      return;
    }
    if (!items.length) {
      list.append(h("li", { class: "empty", role: "option", "aria-disabled": "true" }, this.t.noSuggestions));
    }
    items.forEach((item, index) => {
      list.append(h("li", {
        id: this.id(`suggestion-${index}`), role: "option", "aria-selected": "false", dataset: { id: item.id },
        onmousedown: (event) => event.preventDefault(), // keep the focus in the box
        onclick: () => this.choose(item),
      }, item.name));
    });
    list.hidden = false;
    this.pickerInput.setAttribute("aria-expanded", "true");
  }

  onPickerKey(event) {
    const count = this.suggestions.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.activeSuggestion = (this.activeSuggestion + step + count) % count;
      const options = [...this.pickerList.querySelectorAll("[role=option]")];
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === this.activeSuggestion)));
      this.pickerInput.setAttribute("aria-activedescendant", options[this.activeSuggestion].id);
      options[this.activeSuggestion].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault(); // Enter in the box chooses; it never sends the form
      const item = this.suggestions[this.activeSuggestion >= 0 ? this.activeSuggestion : 0];
      if (item && this.pickerInput.value.trim()) this.choose(item);
    } else if (event.key === "Escape" && !this.pickerList.hidden) {
      event.preventDefault();
      this.showSuggestions([]);
    }
  }

  choose(item) {
    if (this.answers.programmes.length >= MAX_PROGRAMMES) return;
    if (!this.answers.programmes.some((p) => p.id === item.id)) {
      this.answers.programmes.push({ id: item.id, name: item.name, since: "" });
    }
    this.pickerInput.value = "";
    this.showSuggestions([]);
    this.renderChosen();
    this.pickerInput.focus();
  }

  renderChosen() {
    const t = this.t;
    const list = this.chosenList;
    list.setAttribute("aria-label", t.chosenCount(this.answers.programmes.length));
    list.replaceChildren(...this.answers.programmes.map((programme) => {
      const sinceId = this.id(`since-${programme.id}`);
      const since = h("input", {
        id: sinceId, type: "text", inputmode: "numeric", autocomplete: "off", value: programme.since,
        dataset: { programme: programme.id },
      });
      since.addEventListener("input", () => { programme.since = since.value; });
      return h("li", { dataset: { id: programme.id } },
        h("span", { class: "name" }, programme.name),
        h("span", { class: "field" },
          h("label", { for: sinceId }, h("span", { "aria-hidden": "true" }, t.since),
            h("span", { class: "visually-hidden" }, t.sinceOf(programme.name))), since),
        h("button", {
          type: "button", class: "link-button", "aria-label": t.removeOf(programme.name),
          onclick: () => {
            this.answers.programmes = this.answers.programmes.filter((p) => p.id !== programme.id);
            this.renderChosen();
            this.pickerInput.focus();
          },
        }, t.remove));
    }));
  }

  // --- the monitor table

  monitorTable() {
    const t = this.t;
    const a = this.answers;
    this.rowsBody = h("tbody", {});
    this.renderRows();
    const details = h("details", { class: "monitor", open: a.rows.length > 0 },
      h("summary", {}, t.monitor),
      h("p", { class: "hint" }, t.monitorHint),
      h("div", { class: "row" }, this.textField("survey_source", t.source, a.survey_source)),
      h("div", { class: "table-wrap" }, h("table", { class: "monitor-table" },
        h("thead", {}, h("tr", {}, [t.indicator, t.year, t.share, t.reference].map((c) => h("th", { scope: "col" }, c)),
          h("td", {}))),
        this.rowsBody)),
      h("p", {}, h("button", {
        type: "button", class: "button secondary", id: this.id("add-row"),
        onclick: () => this.addRow(),
      }, t.addRow)));
    return details;
  }

  textField(name, label, value) {
    const id = this.id(name);
    const input = h("input", { id, name, type: "text", maxlength: "120", value: value || "" });
    input.addEventListener("input", () => { this.answers[name] = input.value; });
    return h("div", { class: "field" }, h("label", { for: id }, label), input);
  }

  addRow() {
    const rows = this.answers.rows;
    if (rows.length >= MAX_ROWS) return;
    const last = rows[rows.length - 1];
    rows.push({ indicator: "", year: last ? last.year : String(THIS_YEAR), share: "", reference: "" });
    this.renderRows();
    this.rowsBody.querySelector("tr:last-child select").focus();
  }

  renderRows() {
    const t = this.t;
    this.rowsBody.replaceChildren(...this.answers.rows.map((row, index) => {
      const n = index + 1;
      const cell = (key, control) => {
        control.id = this.id(`row-${index}-${key}`);
        return h("td", {}, h("label", { for: control.id, class: "visually-hidden" },
          t.rowLabel({ indicator: t.indicator, year: t.year, share: t.share, reference: t.reference }[key], n)), control);
      };
      const indicator = h("select", { dataset: { row: String(index), key: "indicator" } },
        h("option", { value: "" }, t.choose),
        INDICATORS.map((key) => h("option", { value: key, selected: row.indicator === key }, t.indicators[key])));
      indicator.value = row.indicator;
      indicator.addEventListener("change", () => { row.indicator = indicator.value; });
      const input = (key) => {
        const element = h("input", { type: "text", inputmode: key === "year" ? "numeric" : "decimal", autocomplete: "off", value: row[key], dataset: { row: String(index), key } });
        element.addEventListener("input", () => { row[key] = element.value; });
        return element;
      };
      return h("tr", {}, cell("indicator", indicator), cell("year", input("year")), cell("share", input("share")),
        cell("reference", input("reference")),
        h("td", {}, h("button", {
          type: "button", class: "link-button", "aria-label": t.removeRow(n),
          onclick: () => {
            this.answers.rows.splice(index, 1);
            this.renderRows();
            this.shadowRoot.getElementById(this.id("add-row")).focus();
          },
        }, t.remove)));
    }));
  }

  // ---------------------------------------------------------------- checks and the request

  /** The client's own checks; each error names the control it belongs to. */
  validate() {
    const t = this.t;
    const a = this.answers;
    const errors = [];
    const add = (control, message) => errors.push({ control: this.id(control), message });
    if (!a.school_type) add("school_type", t.required.school_type);
    const wholeIn = (text, min, max) => {
      const value = parseNumber(text);
      return value === null || (Number.isInteger(value) && value >= min && value <= max);
    };
    for (const programme of a.programmes) {
      if (!wholeIn(programme.since, 1980, THIS_YEAR)) add(`since-${programme.id}`, t.wholeNumber(1980, THIS_YEAR));
    }
    if (!wholeIn(a.pupils, 1, 100000)) add("pupils", t.wholeNumber(1, 100000));
    const budget = parseNumber(a.budget_max);
    if (budget !== null && !(budget >= 0 && budget <= 10000000)) add("budget_max", t.number(0, "10.000.000"));
    const seen = new Set();
    a.rows.forEach((row, index) => {
      if (!row.indicator) add(`row-${index}-indicator`, t.required.indicator);
      if (String(row.year).trim() === "") add(`row-${index}-year`, t.required.year);
      else if (!wholeIn(row.year, 2000, THIS_YEAR + 1)) add(`row-${index}-year`, t.wholeNumber(2000, THIS_YEAR + 1));
      const share = parseNumber(row.share);
      if (share === null) add(`row-${index}-share`, t.required.share);
      else if (!(share >= 0 && share <= 100)) add(`row-${index}-share`, t.percent);
      const reference = parseNumber(row.reference);
      if (reference !== null && !(reference > 0 && reference <= 100)) add(`row-${index}-reference`, t.referencePercent);
      const key = `${row.indicator}|${String(row.year).trim()}`;
      if (row.indicator && seen.has(key)) add(`row-${index}-indicator`, t.duplicateRow);
      seen.add(key);
    });
    const years = [...new Set(a.rows.map((row) => String(row.year).trim()).filter(Boolean))];
    if (years.length > MAX_SURVEY_YEARS) {
      const index = a.rows.findIndex((row) => String(row.year).trim() === years[MAX_SURVEY_YEARS]);
      add(`row-${index}-year`, t.tooManyYears);
    }
    return errors;
  }

  /**
   * The POST /v1/plan body (a school profile plus the monitor's earlier years), and where
   * each survey result came from in the table, to put the API's field errors back on it.
   */
  requestBody() {
    const a = this.answers;
    const body = { lang: this.lang, school_type: a.school_type };
    const years = SCHOOL_YEARS[a.school_type];
    const from = parseNumber(a.year_from);
    const to = parseNumber(a.year_to);
    if (years && (from !== null || to !== null)) {
      const low = Math.min(from ?? to, to ?? from);
      const high = Math.max(from ?? to, to ?? from);
      body.school_years = { system: years.system, min: low, max: high };
    }
    if (a.concerns.length) body.concerns = [...a.concerns];
    if (a.school_concept) body.school_concept = a.school_concept;
    if (a.programmes.length) {
      body.current_interventions = a.programmes.map((p) => p.id);
      const since = Object.fromEntries(a.programmes.filter((p) => parseNumber(p.since) !== null)
        .map((p) => [p.id, parseNumber(p.since)]));
      if (Object.keys(since).length) body.in_use_since = since;
    }
    const pupils = parseNumber(a.pupils);
    if (pupils !== null) body.school_size = { pupils };
    const budget = parseNumber(a.budget_max);
    if (budget !== null) body.budget = { max_eur: budget, per: a.budget_per, period: a.budget_period };
    const rowPaths = {};
    if (a.rows.length) {
      const byYear = new Map();
      a.rows.forEach((row, index) => {
        const year = parseNumber(row.year);
        if (!byYear.has(year)) byYear.set(year, []);
        byYear.get(year).push(index);
      });
      const ordered = [...byYear.keys()].sort((x, y) => x - y);
      const survey = (year, path) => {
        const indexes = byYear.get(year);
        rowPaths[`${path}.year`] = indexes[0];
        return {
          year,
          ...(a.survey_source.trim() ? { source: a.survey_source.trim() } : {}),
          results: indexes.map((index, i) => {
            const row = a.rows[index];
            rowPaths[`${path}.results.${i}`] = index;
            const result = { indicator: row.indicator, share: Math.round(parseNumber(row.share) * 10) / 1000 };
            const reference = parseNumber(row.reference);
            if (reference !== null) result.reference = Math.round(reference * 10) / 1000;
            return result;
          }),
        };
      };
      const latest = ordered[ordered.length - 1];
      const earlier = ordered.slice(0, -1).map((year, j) => survey(year, `earlier_surveys.${j}`));
      body.monitor = survey(latest, "monitor");
      if (earlier.length) body.earlier_surveys = earlier;
    }
    return { body, rowPaths };
  }

  /** The control an API error's field path belongs to ("body.monitor.results.0.share"). */
  controlFor(field, rowPaths) {
    const path = String(field || "").replace(/^body\.?/, "");
    const parts = path.split(".");
    const rowKey = (index, key) => `row-${index}-${["indicator", "share", "reference"].includes(key) ? key : "share"}`;
    const survey = parts[0] === "monitor" ? "monitor" : parts[0] === "earlier_surveys" ? `earlier_surveys.${parts[1]}` : null;
    if (survey) {
      const rest = parts.slice(survey === "monitor" ? 1 : 2);
      if (rest[0] === "results" && rest[1] !== undefined && rowPaths[`${survey}.results.${rest[1]}`] !== undefined) {
        return rowKey(rowPaths[`${survey}.results.${rest[1]}`], rest[2]);
      }
      if (rest[0] === "source") return "survey_source";
      if (rowPaths[`${survey}.year`] !== undefined) return `row-${rowPaths[`${survey}.year`]}-year`;
      return this.answers.rows.length ? "row-0-year" : "add-row";
    }
    switch (parts[0]) {
      case "school_type": return "school_type";
      case "ages":
      case "school_years":
        return SCHOOL_YEARS[this.answers.school_type] ? "year_from" : "school_type";
      case "concerns": return `concern-${(this.vocabularies.themes || [])[0] ? this.vocabularies.themes[0].key : ""}`;
      case "school_concept": return "school_concept";
      case "current_interventions": return "programme-search";
      case "in_use_since": return parts[1] ? `since-${parts[1]}` : "programme-search";
      case "school_size": return "pupils";
      case "budget": return parts[1] === "per" ? "budget_per" : parts[1] === "period" ? "budget_period" : "budget_max";
      default: return null;
    }
  }

  /** Each message next to its control (aria-invalid, aria-describedby), and a list on top. */
  showErrors(errors) {
    this.errors = errors;
    const root = this.shadowRoot;
    for (const old of root.querySelectorAll(".field-error")) old.remove();
    for (const control of root.querySelectorAll("[aria-invalid]")) {
      control.removeAttribute("aria-invalid");
      const described = (control.getAttribute("aria-describedby") || "").split(" ")
        .filter((id) => id && !id.endsWith("-error"));
      if (described.length) control.setAttribute("aria-describedby", described.join(" "));
      else control.removeAttribute("aria-describedby");
    }
    const summary = root.getElementById(this.id("errors"));
    if (!summary) return;
    summary.hidden = !errors.length;
    summary.replaceChildren();
    if (!errors.length) return;
    const items = [];
    errors.forEach((error, index) => {
      const control = error.control ? root.getElementById(error.control) : null;
      if (control) {
        const messageId = `${error.control}-${index}-error`;
        const message = h("p", { class: "field-error", id: messageId }, error.message);
        const holder = control.closest(".choices") || control;
        holder.after(message);
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby",
          [control.getAttribute("aria-describedby"), messageId].filter(Boolean).join(" "));
      }
      const label = control && control.labels && control.labels[0] ? control.labels[0].textContent : "";
      items.push(h("li", {}, control
        ? h("button", { type: "button", class: "link-button", onclick: () => control.focus() },
          label ? `${label}: ${error.message}` : error.message)
        : error.message));
    });
    summary.append(h("p", {}, this.t.invalid), h("ul", {}, items));
  }

  // ---------------------------------------------------------------- asking for the plan

  async submit({ fromAddress = false, replace = false } = {}) {
    const t = this.t;
    const problems = this.validate();
    this.showErrors(problems);
    if (problems.length) {
      this.status.textContent = "";
      this.shadowRoot.getElementById(this.id("errors")).focus();
      return;
    }
    const { body, rowPaths } = this.requestBody();
    this.status.textContent = t.working;
    let response;
    let answer = null;
    try {
      response = await fetch(`${this.apiBase}/v1/plan`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      answer = await response.json().catch(() => null);
    } catch (_) {
      this.status.textContent = t.failed;
      return;
    }
    if (response.status === 404 || response.status === 405) {
      this.status.textContent = t.notAvailable;
      return;
    }
    if (!response.ok) {
      const fieldErrors = (answer && answer.errors) || [];
      if (response.status === 422 && fieldErrors.length) {
        this.status.textContent = "";
        this.showErrors(fieldErrors.map((e) => ({ control: this.controlFor(e.field, rowPaths) && this.id(this.controlFor(e.field, rowPaths)), message: e.message })));
        this.shadowRoot.getElementById(this.id("errors")).focus();
      } else {
        this.status.textContent = (answer && (answer.detail || answer.title)) || t.failed;
      }
      return;
    }
    this.plan = answer;
    this.request = body;
    const address = encodeJson(body);
    this.shownAddress = address;
    if (this.hasAttribute("history") && !fromAddress) pushView("plan", address, { replace });
    this.status.textContent = t.done;
    this.renderPlan();
    this.setView("plan");
    this.dispatchEvent(new CustomEvent("interventions-plan", { bubbles: true, composed: true, detail: { plan: answer } }));
    const heading = this.planRegion.querySelector("h3");
    if (heading) heading.focus();
  }

  closePlan() {
    this.plan = null;
    this.shownAddress = null;
    this.planRegion.replaceChildren();
    this.status.textContent = "";
    this.setView("form");
  }

  /** The open view on the host (print styles) and as an event for the page. */
  setView(view) {
    if (view === "plan") this.setAttribute("view", "plan");
    else this.removeAttribute("view");
    this.dispatchEvent(new CustomEvent("interventions-view", { bubbles: true, composed: true, detail: { view } }));
  }

  /** The same plan as a Word document (Accept: DOCX), saved under its file name. */
  async downloadWord() {
    const t = this.t;
    this.status.textContent = t.downloading;
    try {
      const response = await fetch(`${this.apiBase}/v1/plan`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: WORD },
        body: JSON.stringify(this.request),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      // The header's name when the browser may read it (same origin), else the usual one.
      const disposition = response.headers.get("Content-Disposition") || "";
      const named = /filename="?([^";]+)"?/i.exec(disposition);
      const link = h("a", { href: URL.createObjectURL(blob), download: named ? named[1] : WORD_FILE, hidden: true });
      this.shadowRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.status.textContent = t.downloaded;
    } catch (_) {
      this.status.textContent = t.failed;
    }
  }

  // ---------------------------------------------------------------- the plan view

  renderPlan() {
    const t = this.t;
    const doc = this.plan;
    const headingId = this.id("plan-title");
    const view = h("article", { class: "plan-view", "aria-labelledby": headingId, lang: doc.lang || this.lang },
      h("h3", { id: headingId, tabindex: "-1" }, doc.title || ""),
      doc.school ? h("p", { class: "school-line" }, doc.school) : null,
      h("div", { class: "toolbar" },
        h("button", { type: "button", class: "button", onclick: () => this.downloadWord() }, t.download),
        h("button", { type: "button", class: "button secondary", onclick: () => window.print() }, t.print),
        h("button", {
          type: "button", class: "link-button",
          onclick: () => { const first = this.form.querySelector("select, input"); if (first) first.focus(); },
        }, t.edit)),
      (doc.sections || []).map((section) => this.sectionView(section, 4)),
      doc.meta ? h("p", { class: "meta" }, t.generated(doc.meta.catalogue_version || "", longDate(doc.meta.generated || "", this.lang))) : null,
      h("details", { class: "ladder-details" }, h("summary", {}, t.ladderToggle),
        evidenceLadder(this.vocabularies, this.lang, null, "h4")));
    this.planRegion.replaceChildren(view);
    sizeLadder(this.planRegion);
  }

  sectionView(section, depth) {
    const level = Math.min(depth, 6);
    const cards = [];
    const nodes = [];
    const flush = () => {
      if (cards.length) nodes.push(h("div", { class: "cards" }, cards.splice(0)));
    };
    for (const block of section.blocks || []) {
      if (block.type === "intervention") {
        cards.push(this.interventionCard(block, level + 1));
      } else {
        flush();
        nodes.push(this.blockView(block));
      }
    }
    flush();
    // A section per level (the plan's "individual", "class", "school") shows its picture.
    const picture = LEVEL_KEYS.includes(section.id) ? levelIcon(section.id) : null;
    return h("section", { class: "doc-section", dataset: { section: section.id || "" } },
      h(`h${level}`, { class: picture ? "level-heading" : null }, picture, picture ? " " : null, section.heading || ""),
      nodes,
      (section.sections || []).map((child) => this.sectionView(child, depth + 1)));
  }

  blockView(block) {
    const t = this.t;
    switch (block.type) {
      case "paragraph":
        return h("p", {}, block.text);
      case "list":
        return h("ul", {}, (block.items || []).map((item) => h("li", {}, item)));
      case "placeholder":
        return h("p", { class: "placeholder" }, h("span", { class: "tag" }, t.placeholder), block.text);
      case "warning":
        return h("p", { class: "warning", role: "note" }, h("strong", {}, `${t.warning}: `), block.text);
      case "chart": {
        const picture = svgNode(block.svg);
        return h("figure", { class: "chart", dataset: { indicator: block.indicator || "" } },
          picture, block.caption ? h("figcaption", {}, block.caption) : null);
      }
      case "sources":
        return h("ul", { class: "sources" }, (block.items || []).map((item) => h("li", {},
          item.url ? safeLink(item.url, item.text) : item.text)));
      default:
        return block.text ? h("p", {}, block.text) : null;
    }
  }

  interventionCard(block, depth) {
    const t = this.t;
    const level = Math.min(depth, 6);
    const effects = block.effects || [];
    const byConcern = Object.fromEntries(effects.map((e) => [e.concern, e]));
    const levels = LEVEL_KEYS.filter((k) => (block.levels || []).includes(k));
    return h("article", { class: "card", dataset: { id: block.id || "" } },
      h(`h${level}`, { class: "card-title" }, block.name, block.current ? h("span", { class: "tag" }, t.current) : null),
      levels.length ? h("p", { class: "levels-line" }, h("span", { class: "visually-hidden" }, `${t.levelsLabel}: `),
        levels.map((k) => levelWithIcon(this.vocabularies, k))) : null,
      block.what ? h("p", {}, block.what) : null,
      block.why ? h("p", {}, h("strong", {}, `${t.whyLabel}: `), block.why) : null,
      block.provider ? h("p", {}, h("strong", {}, `${t.providerLabel}: `), block.provider) : null,
      block.price ? h("p", {}, h("strong", {}, `${t.priceLabel}: `), block.price) : null,
      effects.length ? [
        outcomeMarks(byConcern, effects.map((e) => e.concern), this.vocabularies, this.lang),
        h("ul", { class: "effects", "aria-label": t.effectsLabel }, effects.map((e) => h("li", {},
          h("span", { class: `effect-label verdict-${e.verdict}` }, e.label),
          e.summary ? h("span", { class: "effect-summary" }, e.summary) : null))),
      ] : null,
      (block.warnings || []).length
        ? h("div", { class: "warning", role: "note" }, h("strong", {}, t.warning),
          h("ul", {}, block.warnings.map((w) => h("li", {}, typeof w === "string" ? w : w.message || ""))))
        : null,
      block.advice ? h("p", { class: "advice" }, h("strong", {}, `${t.advice}: `), block.advice) : null,
      this.hasAttribute("history") && block.id
        ? h("p", { class: "more" }, h("a", { href: `#detail=${encodeURIComponent(block.id)}` }, t.more(block.name)))
        : null);
  }
}

InterventionsPlan.version = VERSION;

if (!customElements.get("interventions-plan")) {
  customElements.define("interventions-plan", InterventionsPlan);
}
