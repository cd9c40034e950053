/**
 * <interventions-search>: an embeddable search of the interventions database.
 *
 * One plain ES module, no build step and no dependencies. Embed it with:
 *
 *   <script type="module" src="https://API/widget/v1/interventions-search.js"></script>
 *   <interventions-search lang="nl"></interventions-search>
 *
 * Attributes (all optional):
 *   api-base     base URL of the API; default: the origin this script was loaded from
 *   lang         "nl" (default) or "en"
 *   school-type  fixed filter, one or more vocabulary keys separated by spaces or commas
 *   level        fixed filter (individual, class, school)
 *   theme        fixed filter (e.g. "bullying cyberbullying")
 *   page-size    results per page, 1-100 (default 10)
 *   compare      "off" hides comparing (offered by default: /v1/compare is part of API v1)
 *   history      present: an opened detail or comparison goes into the page address
 *                (#detail=kiva, #compare=kiva,taakspel), so a link or a reload reopens it
 *                and the browser's back button closes it again
 *
 * Everything is rendered into a shadow root, with DOM nodes and textContent only: data
 * from the API is never parsed as HTML. The API's highlight strings mark matches with
 * <mark>…</mark>; those two tags become real <mark> elements and everything else stays text.
 * Theming goes through CSS custom properties (--interventions-*), which do cross the
 * shadow boundary; nothing else does, in either direction.
 */

import {
  COMMON_STYLE, evidenceLadder, HOST_STYLE, fetchJson, formatNumber, h, labelOf, leaveView, levelWithIcon,
  LEVEL_KEYS, loadVocabularies, marksLegend, outcomeMarks, pushView, safeLink, sizeLadder, styleNodes,
  longDate, verdictIcon, viewInAddress, WidgetElement,
} from "./common.js";

const VERSION = "1.1.0";
const DEFAULT_PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;
const MAX_COMPARE = 4;
const WIDE_PX = 736; // 46rem: from here the filters stand beside the results (see STYLE)
const TERM_FACETS = ["school_type", "level", "theme", "approach"];
const VOCABULARY_SECTION = {
  school_type: "school_types", level: "levels", theme: "themes", approach: "approaches",
};
// Attributes that fix a filter, and the query parameter each one sets.
const FIXED_FILTER_ATTRIBUTES = { "school-type": "school_type", level: "level", theme: "theme" };

const TEXT = {
  nl: {
    searchLabel: "Zoek een interventie",
    placeholder: "Bijvoorbeeld: pesten, KiVa, online pesten",
    found: (n) => (n === 1 ? "1 interventie gevonden" : `${n} interventies gevonden`),
    searching: "Zoeken…",
    loadingDetail: "Gegevens laden…",
    unreachable: "De zoekdienst is niet bereikbaar. Probeer het later opnieuw.",
    noResults: "Geen interventies gevonden. Probeer een ander woord of minder filters.",
    filters: "Filters",
    selected: (n) => `${n} gekozen`,
    facet: {
      school_type: "Schooltype", level: "Werkt op niveau", theme: "Thema", approach: "Aanpak",
    },
    minEvidence: "Minimaal bewijsniveau",
    anyEvidence: "Alle niveaus",
    orHigher: "of hoger",
    clearFilters: "Filters wissen",
    fixedSelection: "Vaste selectie",
    previous: "Vorige",
    next: "Volgende",
    page: (p, n) => `Pagina ${p} van ${n}`,
    pagination: "Paginering",
    resultsLabel: "Zoekresultaten",
    evidence: "Bewijsniveau",
    commonLevel: "Gemeenschappelijk niveau",
    registryVerdicts: "Oordelen van registers",
    noRatings: "Nog door geen register beoordeeld",
    back: "Terug naar de resultaten",
    levelsTitle: "Wat het doet op elk niveau",
    notOnLevel: "Werkt niet op dit niveau.",
    outcomesTitle: "Gevonden effecten per uitkomst",
    noOutcomes: "Geen effectonderzoek opgenomen.",
    outcome: "Uitkomst",
    finding: "Bevinding",
    effect: "Effect",
    study: "Studie",
    note: "Toelichting",
    studiesTitle: "Studies",
    design: "Opzet",
    participants: (n) => `${n.toLocaleString("nl-NL")} deelnemers`,
    registry: "Register",
    verdict: "Oordeel (letterlijk)",
    date: "Datum",
    verdictsTitle: "Oordelen van registers",
    implementationTitle: "Uitvoering",
    training: "Training",
    trainingHours: (h) => `${formatNumber(h, "nl")} uur`,
    unknown: "Onbekend",
    cost: "Kosten",
    costUnknown: "Kosten onbekend",
    per: { school: "per school", pupil: "per leerling", teacher: "per leerkracht", class: "per groep" },
    period: { once: "eenmalig", year: "per jaar" },
    priceYear: (y) => `prijspeil ${y}`,
    requirements: "Voorwaarden",
    duration: "Duur",
    lessonsTitle: "Lessen",
    lessons: (n, per) => `${n} lessen ${per === "year" ? "per jaar" : "in totaal"}`,
    deliveredBy: "Uitgevoerd door",
    audienceTitle: "Voor wie",
    schoolTypes: "Schooltypes",
    ages: "Leeftijd",
    ageRange: (min, max) => `${min}–${max} jaar`,
    origin: (country) => `uit ${country}`,
    originTitle: "Land van herkomst",
    availability: "In Nederland",
    onRequest: "Op aanvraag",
    free: "Gratis",
    costSource: "bron",
    themes: "Thema's",
    approaches: "Aanpak",
    provider: "Aanbieder",
    aliases: "Ook bekend als",
    sourcesTitle: "Bronnen",
    warningsTitle: "Let op",
    discontinued: "Niet meer beschikbaar",
    finding_: {
      positive: "Gunstig effect", no_effect: "Geen effect", mixed: "Gemengde resultaten",
      negative: "Ongunstig effect",
    },
    compare: "Vergelijk",
    compareThis: (name) => `Vergelijk ${name}`,
    compareChosen: (n) => (n === 1 ? "1 interventie gekozen" : `${n} interventies gekozen`),
    compareOpen: "Open de vergelijking",
    compareNeedTwo: "Kies er minstens twee om te vergelijken.",
    compareMax: `Je kunt er maximaal ${MAX_COMPARE} vergelijken.`,
    compareClear: "Keuze wissen",
    compareTitle: "Vergelijking",
    status: { active: "Beschikbaar", discontinued: "Niet meer beschikbaar" },
    pupils: "Aantal leerlingen (voor de kosten per leerling)",
    recalculate: "Herbereken",
    yes: "ja",
    no: "nee",
    reviewed: "Laatst nagekeken",
    openProvider: "Website van de aanbieder",
  },
  en: {
    searchLabel: "Search for an intervention",
    placeholder: "For example: bullying, KiVa, cyberbullying",
    found: (n) => (n === 1 ? "1 intervention found" : `${n} interventions found`),
    searching: "Searching…",
    loadingDetail: "Loading…",
    unreachable: "The search service cannot be reached. Please try again later.",
    noResults: "No interventions found. Try another word or fewer filters.",
    filters: "Filters",
    selected: (n) => `${n} chosen`,
    facet: { school_type: "School type", level: "Works at level", theme: "Theme", approach: "Approach" },
    minEvidence: "Minimum evidence level",
    anyEvidence: "All levels",
    orHigher: "or higher",
    clearFilters: "Clear filters",
    fixedSelection: "Fixed selection",
    previous: "Previous",
    next: "Next",
    page: (p, n) => `Page ${p} of ${n}`,
    pagination: "Pagination",
    resultsLabel: "Search results",
    evidence: "Evidence level",
    commonLevel: "Common level",
    registryVerdicts: "Registry verdicts",
    noRatings: "Not yet assessed by any registry",
    back: "Back to the results",
    levelsTitle: "What it does at each level",
    notOnLevel: "Does not work at this level.",
    outcomesTitle: "Findings per outcome",
    noOutcomes: "No effect studies included.",
    outcome: "Outcome",
    finding: "Finding",
    effect: "Effect",
    study: "Study",
    note: "Note",
    studiesTitle: "Studies",
    design: "Design",
    participants: (n) => `${n.toLocaleString("en-GB")} participants`,
    registry: "Registry",
    verdict: "Verdict (verbatim)",
    date: "Date",
    verdictsTitle: "Registry verdicts",
    implementationTitle: "Implementation",
    training: "Training",
    trainingHours: (h) => `${formatNumber(h, "en")} hours`,
    unknown: "Unknown",
    cost: "Cost",
    costUnknown: "Cost unknown",
    per: { school: "per school", pupil: "per pupil", teacher: "per teacher", class: "per class" },
    period: { once: "one-off", year: "per year" },
    priceYear: (y) => `${y} prices`,
    requirements: "Requirements",
    duration: "Duration",
    lessonsTitle: "Lessons",
    lessons: (n, per) => `${n} lessons ${per === "year" ? "per year" : "in total"}`,
    deliveredBy: "Delivered by",
    audienceTitle: "Who it is for",
    schoolTypes: "School types",
    ages: "Ages",
    ageRange: (min, max) => `${min}–${max} years`,
    origin: (country) => `from ${country}`,
    originTitle: "Country of origin",
    availability: "In the Netherlands",
    onRequest: "On request",
    free: "Free",
    costSource: "source",
    themes: "Themes",
    approaches: "Approach",
    provider: "Provider",
    aliases: "Also known as",
    sourcesTitle: "Sources",
    warningsTitle: "Please note",
    discontinued: "No longer available",
    finding_: {
      positive: "Favourable effect", no_effect: "No effect", mixed: "Mixed results",
      negative: "Unfavourable effect",
    },
    compare: "Compare",
    compareThis: (name) => `Compare ${name}`,
    compareChosen: (n) => (n === 1 ? "1 intervention chosen" : `${n} interventions chosen`),
    compareOpen: "Open the comparison",
    compareNeedTwo: "Choose at least two to compare.",
    compareMax: `You can compare at most ${MAX_COMPARE}.`,
    compareClear: "Clear choice",
    compareTitle: "Comparison",
    status: { active: "Available", discontinued: "No longer available" },
    pupils: "Number of pupils (for the cost per pupil)",
    recalculate: "Recalculate",
    yes: "yes",
    no: "no",
    reviewed: "Last reviewed",
    openProvider: "Provider's website",
  },
};

const STYLE = HOST_STYLE + `
:host {
  container-type: inline-size;
  --_mark: var(--interventions-color-mark, #ffe58a);
}
*, *::before, *::after { box-sizing: border-box; }
.root { padding: var(--interventions-padding, 0); }
h2, h3, h4 { line-height: 1.25; margin: 0 0 .5em; }
h2 { font-size: 1.4em; }
h3 { font-size: 1.15em; }
h4 { font-size: 1em; }
p { margin: 0 0 .75em; }
a { color: var(--_accent); }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.search label { display: block; font-weight: 600; margin-bottom: .25em; }
.search input {
  width: 100%; padding: .6em .75em; border: 2px solid var(--_border);
  border-radius: var(--_radius); background: var(--interventions-color-background, #fff);
}
.fixed { color: var(--_muted); font-size: .9em; margin: .4em 0 0; }
.layout { display: grid; grid-template-columns: 1fr; gap: 1em; margin-top: 1em; }
@container (min-width: 46rem) {
  .layout { grid-template-columns: minmax(12rem, 15rem) 1fr; }
}
.facets { font-size: .95em; }
.filter-panel > summary { font-weight: 700; font-size: 1.05em; cursor: pointer; margin-bottom: .5em; }
fieldset { border: 0; padding: 0; margin: 0 0 1em; min-width: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: .25em; }
.facet-option { display: flex; align-items: baseline; gap: .4em; padding: .1em 0; }
.facet-option input { margin: 0; flex: none; }
.facet-option .count { color: var(--_muted); margin-left: auto; padding-left: .5em; }
details.more summary { cursor: pointer; font-weight: 600; margin-bottom: .25em; }
.facets select { width: 100%; padding: .35em; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--interventions-color-background, #fff); }
.facets label.select-label { display: block; font-weight: 600; margin-bottom: .25em; }
.link-button {
  background: none; border: 0; padding: 0; color: var(--_accent); text-decoration: underline;
  cursor: pointer;
}
.status { font-weight: 600; margin: 0 0 .75em; min-height: 1.5em; }
.results { list-style: none; margin: 0; padding: 0; display: grid; gap: .75em; }
.result {
  border: 1px solid var(--_border); border-radius: var(--_radius); padding: .75em 1em;
  background: var(--interventions-color-card, #ffffff);
}
.result-head { display: flex; gap: .75em; align-items: flex-start; justify-content: space-between; }
.result h3 { margin: 0 0 .35em; }
.open {
  background: none; border: 0; padding: 0; text-align: left; cursor: pointer;
  color: var(--_accent); font-weight: 700; text-decoration: underline; font-size: 1em;
}
.summary { margin: .35em 0 .5em; }
mark { background: var(--_mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.badges { display: flex; flex-wrap: wrap; gap: .35em; list-style: none; margin: 0; padding: 0; font-size: .875em; }
.badge {
  display: inline-block; border-radius: 999px; padding: .1em .65em; border: 1px solid currentColor;
  background: #eeeeee; color: #333333;
}
.badge.level-strong_indications { background: var(--interventions-level-strong-background, #d3f0dc); color: var(--interventions-level-strong-text, #0b4a22); }
.badge.level-good_indications { background: var(--interventions-level-good-background, #e3f3e8); color: var(--interventions-level-good-text, #1b5221); }
.badge.level-first_indications { background: var(--interventions-level-first-background, #fff3cd); color: var(--interventions-level-first-text, #574000); }
.badge.level-theoretically_sound { background: var(--interventions-level-sound-background, #e7eefc); color: var(--interventions-level-sound-text, #1d3a8a); }
.badge.level-insufficient { background: var(--interventions-level-insufficient-background, #fde2e1); color: var(--interventions-level-insufficient-text, #8a1c1c); }
.badge.level-not_assessed { background: var(--interventions-level-none-background, #eeeeee); color: var(--interventions-level-none-text, #3d3d3d); }
.badge.registry { background: var(--_surface); color: var(--interventions-color-text, #1a1a1a); border-color: var(--_border); border-radius: var(--_radius); } /* often two lines: a pill would turn oval */
.badge .registry-name { font-weight: 600; }
.badge .scope { font-style: italic; }
.effect { font-weight: 700; margin: .35em 0 .25em; }
.effect.verdict-not_studied { font-weight: 600; }
.meta { color: var(--_muted); font-size: .9em; margin: .4em 0 0; }
.warning {
  background: var(--_warning-bg); color: var(--_warning-text); border-left: 4px solid currentColor;
  padding: .35em .75em; margin: .5em 0; font-size: .925em; border-radius: 0 var(--_radius) var(--_radius) 0;
}
.warning ul { margin: 0; padding-left: 1.1em; }
.compare-toggle { display: flex; align-items: center; gap: .3em; font-size: .9em; white-space: nowrap; }
.pager { display: flex; align-items: center; gap: 1em; margin-top: 1em; flex-wrap: wrap; }
.button {
  background: var(--_accent); color: var(--_accent-text); border: 2px solid var(--_accent);
  border-radius: var(--_radius); padding: .4em .9em; cursor: pointer; font-weight: 600;
}
.button.secondary { background: transparent; color: var(--_accent); }
.button[disabled] { opacity: .55; cursor: not-allowed; }
.compare-bar {
  position: sticky; bottom: 0; display: flex; gap: .75em; align-items: center; flex-wrap: wrap;
  background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  padding: .5em .75em; margin-top: 1em;
}
.compare-bar .hint { color: var(--_muted); font-size: .9em; }
.panel-region { margin-top: 1em; }
.panel .back { margin-bottom: 1em; }
.panel h2:focus { outline: none; }
.panel h2:focus-visible { outline: 3px solid var(--_focus); }
.panel section { margin: 1.25em 0; }
.panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1em; margin: 0; }
.panel dt { font-weight: 600; }
.panel dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .925em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--_border); padding: .35em .5em; }
thead th { background: var(--_surface); }
.finding-positive { color: var(--interventions-finding-positive, #0b4a22); font-weight: 600; }
.finding-no_effect, .finding-mixed { color: var(--interventions-finding-null, #6b3100); font-weight: 600; }
.finding-negative { color: var(--interventions-finding-negative, #8a1c1c); font-weight: 600; }
.levels-grid { display: grid; gap: .75em; grid-template-columns: 1fr; }
@container (min-width: 40rem) { .levels-grid { grid-template-columns: repeat(3, 1fr); } }
.level-card { border: 1px solid var(--_border); border-radius: var(--_radius); padding: .6em .8em; }
.level-card.absent { color: var(--_muted); border-style: dashed; }
.sources { padding-left: 1.2em; word-break: break-word; }
.section-row th { background: var(--_surface); font-size: 1.05em; padding-top: .75em; }
.comparison-table th[scope="row"] { min-width: 10em; }
.comparison-table td { min-width: 12em; }
.cell-list { margin: 0; padding-left: 1.1em; }
.compare-school { margin: 0 0 1em; display: flex; flex-wrap: wrap; align-items: center; gap: .5em; }
.compare-school input { width: 7em; padding: .3em; border: 1px solid var(--_border); border-radius: var(--_radius); }
.error { color: var(--interventions-color-error, #8a1c1c); font-weight: 600; }
.levels-line { display: flex; flex-wrap: wrap; gap: .2em 1em; margin: .4em 0 0; font-size: .9em; }
.level-card h4 { display: flex; }
.mark-cell { display: inline-flex; gap: .3em; align-items: flex-start; }
.ladder-section { max-width: 44rem; }
/* Printing an opened detail or comparison prints that view alone. */
@media print {
  .search, .layout, .back, .compare-school, .compare-bar { display: none !important; }
  .panel-region { margin: 0; }
  .result, .level-card, table { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
}
` + COMMON_STYLE;

// ---------------------------------------------------------------- small helpers

function listAttribute(value) {
  return (value || "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The API's highlight text as nodes: "<mark>" and "</mark>" become a <mark> element, and
 * everything else, tags included, stays literal text. Never parsed as HTML.
 */
export function highlightNodes(text) {
  const nodes = [];
  const parts = String(text).split(/(<mark>|<\/mark>)/);
  let mark = null;
  for (const part of parts) {
    if (part === "<mark>") {
      mark = document.createElement("mark");
    } else if (part === "</mark>") {
      if (mark) nodes.push(mark);
      mark = null;
    } else if (part) {
      const node = document.createTextNode(part);
      if (mark) mark.append(node);
      else nodes.push(node);
    }
  }
  if (mark) nodes.push(mark);
  return nodes;
}

function truncate(text, length) {
  if (!text || text.length <= length) return text || "";
  return `${text.slice(0, length).replace(/\s+\S*$/, "")}…`;
}

/** A country's name in the widget's language, from its ISO code ("FI" → "Finland"). */
function countryName(code, lang) {
  try {
    return new Intl.DisplayNames([lang === "en" ? "en-GB" : "nl-NL"], { type: "region" }).of(code);
  } catch {
    return code;
  }
}

// ---------------------------------------------------------------- the element

export class InterventionsSearch extends WidgetElement {
  static get observedAttributes() {
    return ["api-base", "lang", "school-type", "level", "theme", "page-size", "compare", "history"];
  }

  constructor() {
    super("is", TEXT);
    this.state = {
      q: "",
      filters: { school_type: [], level: [], theme: [], approach: [] },
      minEvidence: "",
      page: 1,
      response: null,
      loading: false,
      error: null,
      view: "list", // "list" | "detail" | "compare"
      detail: null,
      compareData: null,
      openedFrom: null,
      compareIds: [],
      compareAvailable: false,
      compareMessage: "",
    };
    this.vocabularies = null;
    this.requestSeq = 0;
    this.filtersOpen = null; // null: follow the width; true/false: what the person chose
    this.wide = true;
    this.debounceTimer = null;
    this.controller = null;
    this.connected = false;
  }

  // --- attributes

  get pageSize() {
    const size = parseInt(this.getAttribute("page-size") || "", 10);
    return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : DEFAULT_PAGE_SIZE;
  }

  /** The concern whose effect verdict the cards show first: the one theme filtered on
   *  (fixed or chosen), else bullying, as the API reads its ratings' scope. */
  get concern() {
    const themes = this.fixedFilters.theme || this.state.filters.theme;
    return themes.length === 1 ? themes[0] : "bullying";
  }

  /** The verdict on the concern, more prominent than the ratings (docs/evidence.md). */
  effectLine(effects, concern) {
    const effect = (effects || {})[concern];
    if (!effect) return null;
    return h("p", { class: `effect verdict-${effect.verdict}`, title: effect.summary }, effect.label);
  }

  get fixedFilters() {
    const fixed = {};
    for (const [attribute, parameter] of Object.entries(FIXED_FILTER_ATTRIBUTES)) {
      const values = listAttribute(this.getAttribute(attribute));
      if (values.length) fixed[parameter] = values;
    }
    return fixed;
  }

  connectedCallback() {
    if (this.connected) return;
    this.connected = true;
    this.wide = this.getBoundingClientRect().width >= WIDE_PX || this.getBoundingClientRect().width === 0;
    if (typeof ResizeObserver === "function" && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver((entries) => {
        const wide = entries[0].contentRect.width >= WIDE_PX;
        if (wide === this.wide) return;
        this.wide = wide;
        const panel = this.shadowRoot.querySelector(".filter-panel");
        if (panel && this.filtersOpen == null) panel.open = wide;
      });
      this.resizeObserver.observe(this);
    }
    this.renderShell();
    this.refreshContext();
    if (this.hasAttribute("history")) {
      this.onAddress = () => this.followAddress();
      window.addEventListener("popstate", this.onAddress);
      window.addEventListener("hashchange", this.onAddress);
      this.followAddress();
    }
  }

  /** Opens (or closes) what the page address names: #detail=ID or #compare=ID,ID. */
  followAddress() {
    const view = viewInAddress();
    if (view && view.key === "detail") {
      if (this.state.view !== "detail" || this.state.openedFrom !== view.value) {
        this.openDetail(view.value, { fromAddress: true });
      }
    } else if (view && view.key === "compare") {
      const ids = view.value.split(",").filter(Boolean).slice(0, MAX_COMPARE);
      if (this.state.view !== "compare" || ids.join(",") !== this.state.compareIds.join(",")) {
        this.state.compareIds = ids;
        this.openCompare({ fromAddress: true });
      }
    } else if (this.state.view !== "list") {
      this.closePanel({ fromAddress: true });
    }
  }

  disconnectedCallback() {
    this.connected = false;
    if (this.onAddress) {
      window.removeEventListener("popstate", this.onAddress);
      window.removeEventListener("hashchange", this.onAddress);
      this.onAddress = null;
    }
    if (this.resizeObserver) this.resizeObserver.disconnect();
    this.resizeObserver = null;
    if (this.controller) this.controller.abort();
    clearTimeout(this.debounceTimer);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.connected || oldValue === newValue) return;
    if (name === "lang") {
      this.vocabularies = null;  // the labels of the old language
      this.renderShell();
      this.refreshContext();
      // An open detail or comparison stays open, asked for again in the new language.
      if (this.state.view === "detail" && this.state.detail) {
        this.openDetail(this.state.detail.id, { fromAddress: true });
      } else if (this.state.view === "compare") {
        this.openCompare({ again: true });
      }
    } else if (name === "api-base" || name === "compare") {
      this.refreshContext();
    } else {
      this.state.page = 1;
      this.renderShell();
      this.search();
    }
  }

  async refreshContext() {
    const lang = this.lang;
    const apiBase = this.apiBase;
    this.search();
    try {
      this.vocabularies = await loadVocabularies(apiBase, lang);
    } catch (_) {
      this.vocabularies = null;
    }
    // No capability probe: the widget v1 is served by the API v1 it talks to, and
    // /v1/compare is part of that contract.
    this.state.compareAvailable = this.getAttribute("compare") !== "off";
    if (this.lang === lang) this.renderBody();
  }

  // --- querying

  buildQuery() {
    const params = new URLSearchParams();
    const { q, filters, minEvidence, page } = this.state;
    if (q.trim()) params.set("q", q.trim().slice(0, 200));
    const fixed = this.fixedFilters;
    for (const facet of TERM_FACETS) {
      for (const value of fixed[facet] || filters[facet]) params.append(facet, value);
    }
    if (minEvidence) params.set("min_evidence", minEvidence);
    params.set("page", String(page));
    params.set("per_page", String(this.pageSize));
    for (const facet of [...TERM_FACETS, "evidence_level"]) {
      if (!fixed[facet]) params.append("facets", facet);
    }
    params.set("lang", this.lang);
    return params;
  }

  scheduleSearch() {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.search(), DEBOUNCE_MS);
  }

  async search() {
    clearTimeout(this.debounceTimer);
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const seq = ++this.requestSeq;
    this.state.loading = true;
    this.state.error = null;
    this.setBusy(true);
    try {
      const response = await fetchJson(`${this.apiBase}/v1/interventions?${this.buildQuery()}`,
                                       { signal: this.controller.signal });
      if (seq !== this.requestSeq) return;
      this.state.response = response;
    } catch (error) {
      if (error.name === "AbortError" || seq !== this.requestSeq) return;
      this.state.response = null;
      this.state.error = error.status ? error.message : this.t.unreachable;
    }
    this.state.loading = false;
    this.setBusy(false);
    this.renderBody();
    this.dispatchEvent(new CustomEvent("interventions-results", {
      bubbles: true, composed: true,
      detail: { total: this.state.response ? this.state.response.meta.total : 0, error: this.state.error },
    }));
  }

  setBusy(busy) {
    const results = this.shadowRoot.querySelector(".results-region");
    if (results) results.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // --- rendering: the shell (style, search box, regions) and the body (facets, results)

  renderShell() {
    const t = this.t;
    const root = this.shadowRoot;
    root.replaceChildren();
    const inputId = `${this.uid}-q`;
    const statusId = `${this.uid}-status`;
    const input = h("input", {
      id: inputId, type: "search", autocomplete: "off", spellcheck: "false",
      placeholder: t.placeholder, "aria-describedby": statusId, maxlength: "200",
      enterkeyhint: "search",
    });
    input.value = this.state.q;
    input.addEventListener("input", () => {
      this.state.q = input.value;
      this.state.page = 1;
      this.state.view = "list";
      this.scheduleSearch();
    });
    input.addEventListener("keydown", (event) => this.onInputKeydown(event));
    const fixed = this.fixedFilters;
    this.fixedNote = h("p", { class: "fixed", hidden: Object.keys(fixed).length === 0 });
    const form = h("form", { class: "search", role: "search", onsubmit: (e) => { e.preventDefault(); this.search(); } },
      h("label", { for: inputId }, t.searchLabel), input, this.fixedNote);
    this.status = h("p", { id: statusId, class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.facetsRegion = h("aside", { class: "facets", "aria-labelledby": `${this.uid}-filters` });
    this.resultsRegion = h("div", { class: "results-region", "aria-busy": "false" });
    this.compareRegion = h("div", { class: "compare-region" });
    this.panelRegion = h("div", { class: "panel-region" });
    this.layout = h("div", { class: "layout" }, this.facetsRegion,
      h("div", { class: "main" }, this.status, this.resultsRegion, this.compareRegion));
    root.append(...styleNodes(root, STYLE),
      h("div", { class: "root", part: "root", lang: this.lang }, form, this.layout, this.panelRegion));
    this.input = input;
    this.renderBody();
  }

  renderBody() {
    if (!this.resultsRegion) return;
    const focusKey = this.shadowRoot.activeElement && this.shadowRoot.activeElement.dataset
      ? this.shadowRoot.activeElement.dataset.focusKey : null;
    this.renderFixedNote();
    const inPanel = this.state.view !== "list";
    this.layout.hidden = inPanel;
    this.panelRegion.hidden = !inPanel;
    this.renderStatus();
    this.renderFacets();
    this.renderResults();
    this.renderCompareBar();
    if (focusKey) {
      const again = this.shadowRoot.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (again && !again.disabled) again.focus();
    }
  }

  renderFixedNote() {
    const fixed = this.fixedFilters;
    const parts = Object.entries(fixed).map(([facet, values]) =>
      values.map((v) => labelOf(this.vocabularies, VOCABULARY_SECTION[facet], v)).join(", "));
    this.fixedNote.hidden = parts.length === 0;
    this.fixedNote.textContent = parts.length ? `${this.t.fixedSelection}: ${parts.join(" · ")}` : "";
  }

  renderStatus() {
    const { loading, error, response } = this.state;
    let text = "";
    if (error) text = error;
    else if (response) text = this.t.found(response.meta.total);
    else if (loading) text = this.t.searching;
    // Writing the same text again would make some screen readers repeat it.
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.classList.toggle("error", Boolean(error));
  }

  renderFacets() {
    const t = this.t;
    const region = this.facetsRegion;
    region.replaceChildren();
    const response = this.state.response;
    const facets = (response && response.meta.facets) || {};
    const fixed = this.fixedFilters;
    // The filters fold away on narrow screens (open by default when there is room beside
    // the results), so that the results are not pushed far down; a person's choice sticks.
    const selectedCount = TERM_FACETS.reduce((n, f) => n + this.state.filters[f].length, 0)
      + (this.state.minEvidence ? 1 : 0);
    const summary = h("summary", { id: `${this.uid}-filters`, dataset: { focusKey: "filters" } },
      t.filters, selectedCount ? ` (${t.selected(selectedCount)})` : "");
    const panel = h("details", { class: "filter-panel", open: this.filtersOpen ?? this.wide }, summary);
    summary.addEventListener("click", () => { this.filtersOpen = !panel.open; });
    region.append(panel);
    const target = panel;
    for (const facet of TERM_FACETS) {
      if (fixed[facet]) continue;
      const fieldset = this.facetFieldset(facet, facets[facet] || {});
      if (!fieldset) continue;
      if (facet === "approach") {
        const open = this.state.filters.approach.length > 0 || this.approachOpen;
        const details = h("details", { class: "more", open },
          h("summary", {}, t.facet.approach), fieldset);
        details.addEventListener("toggle", () => { this.approachOpen = details.open; });
        target.append(details);
      } else {
        target.append(fieldset);
      }
    }
    target.append(this.evidenceSelect(facets.evidence_level || {}));
    const anySelected = TERM_FACETS.some((f) => this.state.filters[f].length) || this.state.minEvidence;
    if (anySelected) {
      target.append(h("button", {
        type: "button", class: "link-button", dataset: { focusKey: "clear-filters" },
        onclick: () => this.clearFilters(),
      }, t.clearFilters));
    }
  }

  facetFieldset(facet, counts) {
    const selected = this.state.filters[facet];
    const section = VOCABULARY_SECTION[facet];
    const order = this.vocabularies && Array.isArray(this.vocabularies[section])
      ? this.vocabularies[section].map((term) => term.key) : Object.keys(counts);
    const keys = order.filter((key) => (counts[key] || 0) > 0 || selected.includes(key));
    for (const key of Object.keys(counts)) if (!keys.includes(key)) keys.push(key);
    if (!keys.length) return null;
    const legend = facet === "approach"
      ? h("legend", { class: "visually-hidden" }, this.t.facet[facet])
      : h("legend", {}, this.t.facet[facet]);
    const fieldset = h("fieldset", {}, legend);
    for (const key of keys) {
      const id = `${this.uid}-${facet}-${key}`;
      const count = counts[key] || 0;
      const label = labelOf(this.vocabularies, section, key);
      const checkbox = h("input", {
        type: "checkbox", id, value: key, checked: selected.includes(key),
        dataset: { focusKey: `facet-${facet}-${key}` },
      });
      checkbox.addEventListener("change", () => this.toggleFilter(facet, key, checkbox.checked));
      fieldset.append(h("div", { class: "facet-option" }, checkbox,
        h("label", { for: id }, label,
          h("span", { class: "visually-hidden" }, ` (${count})`)),
        h("span", { class: "count", "aria-hidden": "true" }, String(count))));
    }
    return fieldset;
  }

  evidenceSelect(counts) {
    const t = this.t;
    const id = `${this.uid}-evidence`;
    const levels = (this.vocabularies && this.vocabularies.evidence_levels) || [];
    const select = h("select", { id, dataset: { focusKey: "min-evidence" } });
    select.append(h("option", { value: "" }, t.anyEvidence));
    // Counts are per exact level; "at least this level" adds the levels above it.
    let atLeast = 0;
    const cumulative = {};
    for (const level of [...levels].reverse()) {
      atLeast += counts[level.key] || 0;
      cumulative[level.key] = atLeast;
    }
    for (const level of levels) {
      if (level.key === "not_assessed") continue;
      select.append(h("option", { value: level.key, selected: this.state.minEvidence === level.key },
        `${level.label} ${t.orHigher} (${cumulative[level.key] || 0})`));
    }
    select.value = this.state.minEvidence;
    select.addEventListener("change", () => {
      this.state.minEvidence = select.value;
      this.state.page = 1;
      this.search();
    });
    return h("div", { class: "evidence-filter" },
      h("label", { for: id, class: "select-label" }, t.minEvidence), select);
  }

  toggleFilter(facet, key, on) {
    const values = this.state.filters[facet].filter((v) => v !== key);
    if (on) values.push(key);
    this.state.filters[facet] = values;
    this.state.page = 1;
    this.search();
  }

  clearFilters() {
    for (const facet of TERM_FACETS) this.state.filters[facet] = [];
    this.state.minEvidence = "";
    this.state.page = 1;
    this.input.focus();
    this.search();
  }

  renderResults() {
    const t = this.t;
    const region = this.resultsRegion;
    region.replaceChildren();
    const response = this.state.response;
    if (!response) return;
    if (!response.data.length) {
      region.append(h("p", {}, t.noResults));
      return;
    }
    const list = h("ul", { class: "results", "aria-label": t.resultsLabel });
    list.addEventListener("keydown", (event) => this.onResultsKeydown(event));
    for (const item of response.data) list.append(this.resultItem(item));
    region.append(marksLegend(this.lang), list);
    const { total, page, per_page: perPage } = response.meta;
    const pages = Math.max(1, Math.ceil(total / perPage));
    if (pages > 1) {
      region.append(h("nav", { class: "pager", "aria-label": t.pagination },
        h("button", {
          type: "button", class: "button secondary", disabled: page <= 1,
          dataset: { focusKey: "page-prev" }, onclick: () => this.goToPage(page - 1),
        }, t.previous),
        h("span", {}, t.page(page, pages)),
        h("button", {
          type: "button", class: "button secondary", disabled: page >= pages,
          dataset: { focusKey: "page-next" }, onclick: () => this.goToPage(page + 1),
        }, t.next)));
    }
  }

  resultItem(item) {
    const t = this.t;
    const highlight = item.highlight || {};
    const titleId = `${this.uid}-title-${item.id}`;
    const open = h("button", {
      type: "button", class: "open", id: titleId, dataset: { id: item.id, focusKey: `open-${item.id}` },
      "aria-describedby": `${this.uid}-badges-${item.id}`,
      onclick: () => this.openDetail(item.id),
    }, highlight.name ? highlightNodes(highlight.name) : item.name);
    const head = h("div", { class: "result-head" }, h("h3", {}, open));
    if (this.state.compareAvailable) head.append(this.compareToggle(item));
    const summary = highlight.summary
      ? h("p", { class: "summary" }, highlightNodes(highlight.summary))
      : h("p", { class: "summary" }, truncate(item.summary, 240));
    const warnings = (item.warnings || []).length
      ? h("div", { class: "warning" }, h("strong", {}, `${t.warningsTitle}: `),
        item.warnings.map((w) => w.message).join(" "))
      : null;
    const meta = [];
    if (item.school_types && item.school_types.length) {
      meta.push(item.school_types.map((k) => labelOf(this.vocabularies, "school_types", k)).join(", "));
    }
    if (item.age_range) meta.push(t.ageRange(item.age_range.min, item.age_range.max));
    // Where it comes from, and — only when the catalogue knows it — that a Dutch school
    // cannot get it; unknown availability says nothing.
    if (item.origin_country) meta.push(t.origin(countryName(item.origin_country, this.lang)));
    if (item.availability && item.availability.nl === false) meta.push(item.availability.label);
    return h("li", { class: "result" },
      h("article", { "aria-labelledby": titleId },
        head,
        this.effectLine(item.effects, this.concern),
        outcomeMarks(item.effects, this.markedConcerns(item), this.vocabularies, this.lang),
        this.evidenceBadges(item, `${this.uid}-badges-${item.id}`),
        summary,
        warnings,
        this.levelsLine(item.levels),
        meta.length ? h("p", { class: "meta" }, meta.join(" — ")) : null));
  }

  /** The concern first, then the themes the programme itself names, in vocabulary order. */
  markedConcerns(item) {
    const order = ((this.vocabularies && this.vocabularies.themes) || []).map((term) => term.key);
    const themes = [...(item.themes || [])].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return [...new Set([this.concern, ...themes])];
  }

  /** The levels it works on, each as a picture with its name. */
  levelsLine(levels) {
    const keys = LEVEL_KEYS.filter((k) => (levels || []).includes(k));
    if (!keys.length) return null;
    return h("p", { class: "levels-line", "aria-label": this.t.levelsTitle },
      keys.map((k) => levelWithIcon(this.vocabularies, k)));
  }

  /** The common level, then each registry's latest verdict in its own words. */
  evidenceBadges(item, id) {
    const t = this.t;
    const latest = new Map();
    for (const rating of item.ratings || []) {
      if (!rating.rating) continue; // an outcome without a label is no badge
      const when = rating.date || String(rating.year || "");
      const previous = latest.get(rating.registry);
      if (!previous || when > (previous.date || String(previous.year || ""))) latest.set(rating.registry, rating);
    }
    const badges = h("ul", { class: "badges", id, "aria-label": t.evidence });
    badges.append(h("li", { class: `badge level-${item.evidence_level}` },
      h("span", { class: "visually-hidden" }, `${t.commonLevel}: `), item.evidence_level_label));
    for (const rating of latest.values()) {
      const year = rating.date ? rating.date.slice(0, 4) : rating.year || rating.as_listed;
      badges.append(h("li", { class: "badge registry", title: rating.registry_label },
        h("span", { class: "registry-name" }, rating.registry_label), `: ${rating.rating}`,
        year ? ` (${year})` : "",
        rating.scope_note ? h("span", { class: "scope" }, ` — ${rating.scope_note}`) : ""));
    }
    return badges;
  }

  compareToggle(item) {
    const t = this.t;
    const id = `${this.uid}-cmp-${item.id}`;
    const chosen = this.state.compareIds.includes(item.id);
    const full = this.state.compareIds.length >= MAX_COMPARE && !chosen;
    const checkbox = h("input", {
      type: "checkbox", id, checked: chosen, "aria-disabled": full ? "true" : null,
      dataset: { focusKey: `compare-${item.id}` },
    });
    checkbox.addEventListener("change", () => {
      if (checkbox.checked && this.state.compareIds.length >= MAX_COMPARE) {
        checkbox.checked = false;
        this.state.compareMessage = t.compareMax;
      } else {
        this.state.compareIds = checkbox.checked
          ? [...this.state.compareIds, item.id]
          : this.state.compareIds.filter((x) => x !== item.id);
        this.state.compareMessage = "";
        this.compareNames = this.compareNames || {};
        this.compareNames[item.id] = item.name;
      }
      this.renderResults();
      this.renderCompareBar();
      const again = this.shadowRoot.getElementById(id);
      if (again) again.focus();
    });
    return h("span", { class: "compare-toggle" }, checkbox,
      h("label", { for: id }, h("span", { "aria-hidden": "true" }, t.compare),
        h("span", { class: "visually-hidden" }, t.compareThis(item.name))));
  }

  renderCompareBar() {
    const t = this.t;
    const region = this.compareRegion;
    region.replaceChildren();
    const ids = this.state.compareIds;
    if (!this.state.compareAvailable || (!ids.length && !this.state.compareMessage)) return;
    const names = ids.map((id) => (this.compareNames && this.compareNames[id]) || id);
    region.append(h("div", { class: "compare-bar", role: "region", "aria-label": t.compare },
      h("span", { role: "status" }, `${t.compareChosen(ids.length)}${names.length ? `: ${names.join(", ")}` : ""}`),
      h("button", {
        type: "button", class: "button", disabled: ids.length < 2,
        dataset: { focusKey: "compare-open" }, onclick: () => this.openCompare(),
      }, t.compareOpen),
      h("button", {
        type: "button", class: "link-button", dataset: { focusKey: "compare-clear" },
        onclick: () => { this.state.compareIds = []; this.state.compareMessage = ""; this.renderBody(); this.input.focus(); },
      }, t.compareClear),
      h("span", { class: "hint" }, this.state.compareMessage || (ids.length < 2 ? t.compareNeedTwo : ""))));
  }

  goToPage(page) {
    this.state.page = page;
    this.search().then(() => {
      const first = this.shadowRoot.querySelector(".results .open");
      if (first) first.focus();
    });
  }

  // --- keyboard

  onInputKeydown(event) {
    if (event.key === "ArrowDown") {
      const first = this.shadowRoot.querySelector(".results .open");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape" && this.input.value) {
      event.preventDefault();
      this.input.value = "";
      this.state.q = "";
      this.state.page = 1;
      this.search();
    } else if (event.key === "Enter") {
      event.preventDefault();
      this.search();
    }
  }

  onResultsKeydown(event) {
    const buttons = [...this.shadowRoot.querySelectorAll(".results .open")];
    const index = buttons.indexOf(this.shadowRoot.activeElement);
    if (index < 0) return;
    let target = null;
    if (event.key === "ArrowDown") target = buttons[index + 1];
    else if (event.key === "ArrowUp") target = index === 0 ? this.input : buttons[index - 1];
    else if (event.key === "Home") target = buttons[0];
    else if (event.key === "End") target = buttons[buttons.length - 1];
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  // --- detail and comparison panels

  async openDetail(id, { fromAddress = false } = {}) {
    const t = this.t;
    this.state.openedFrom = id;
    if (!fromAddress && this.hasAttribute("history")) pushView("detail", id);
    this.showPanel(h("p", { role: "status" }, t.loadingDetail));
    try {
      // Opened from a link, the detail can come before the vocabularies (its labels, the ladder).
      const [detail, vocabularies] = await Promise.all([
        fetchJson(`${this.apiBase}/v1/interventions/${encodeURIComponent(id)}?lang=${this.lang}`),
        this.vocabularies || loadVocabularies(this.apiBase, this.lang).catch(() => null),
      ]);
      this.vocabularies = vocabularies;
      this.state.detail = detail;
      this.showPanel(this.detailView(detail));
      sizeLadder(this.shadowRoot);
      this.dispatchEvent(new CustomEvent("interventions-select", { bubbles: true, composed: true, detail: { id } }));
    } catch (error) {
      this.showPanel(h("p", { class: "error", role: "alert" }, error.status ? error.message : t.unreachable));
    }
  }

  async openCompare({ fromAddress = false, again = false } = {}) {
    const t = this.t;
    const ids = this.state.compareIds;
    if (ids.length < 2) return;
    this.state.openedFrom = "compare";
    if (!fromAddress && !again && this.hasAttribute("history")) pushView("compare", ids.join(","));
    this.showPanel(h("p", { role: "status" }, t.loadingDetail), "compare");
    try {
      const params = new URLSearchParams({ ids: ids.join(","), lang: this.lang });
      if (this.state.comparePupils) params.set("pupils", String(this.state.comparePupils));
      const data = await fetchJson(`${this.apiBase}/v1/compare?${params}`);
      // Names for the compare bar, also when the comparison was opened from a link.
      this.compareNames = this.compareNames || {};
      for (const item of data.data.interventions || []) this.compareNames[item.id] = item.name;
      this.showPanel(this.compareView(data), "compare");
    } catch (error) {
      this.showPanel(h("p", { class: "error", role: "alert" }, error.status ? error.message : t.unreachable), "compare");
    }
  }

  showPanel(content, view = "detail") {
    const t = this.t;
    this.setView(view);
    const back = h("button", {
      type: "button", class: "button secondary back", onclick: () => this.closePanel(),
    }, `← ${t.back}`);
    const panel = h("div", { class: "panel" }, back, content);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.closePanel();
      }
    });
    this.panelRegion.replaceChildren(panel);
    this.layout.hidden = true;
    this.panelRegion.hidden = false;
    const heading = panel.querySelector("h2");
    (heading || back).focus();
  }

  /** The open view, on the host too (print styles) and as an event for the page. */
  setView(view) {
    const changed = this.state.view !== view;
    this.state.view = view;
    if (view === "list") this.removeAttribute("view");
    else this.setAttribute("view", view);
    if (changed) {
      this.dispatchEvent(new CustomEvent("interventions-view", { bubbles: true, composed: true, detail: { view } }));
    }
  }

  closePanel({ fromAddress = false } = {}) {
    if (!fromAddress && this.hasAttribute("history")) leaveView();
    this.setView("list");
    this.panelRegion.replaceChildren();
    this.panelRegion.hidden = true;
    this.layout.hidden = false;
    const from = this.state.openedFrom;
    const target = from === "compare"
      ? this.shadowRoot.querySelector('[data-focus-key="compare-open"]')
      : this.shadowRoot.querySelector(`.results .open[data-id="${CSS.escape(from || "")}"]`);
    (target || this.input).focus();
  }

  detailView(d) {
    const t = this.t;
    const vocab = this.vocabularies;
    const titleId = `${this.uid}-detail-title`;
    const evidence = d.evidence || {};
    const studies = evidence.studies || {};
    const implementation = d.implementation || {};
    const delivery = d.delivery || {};
    const levelLabel = (key) => {
      const found = (vocab && vocab.evidence_levels || []).find((l) => l.key === key);
      return found ? found.label : key;
    };
    const levelDescription = (vocab && vocab.evidence_levels || []).find((l) => l.key === evidence.level);

    const header = [
      h("h2", { id: titleId, tabindex: "-1" }, d.name),
      d.status === "discontinued" ? h("p", { class: "warning" }, t.discontinued) : null,
      this.effectLine(d.effects, this.concern),
      d.effects && d.effects[this.concern] ? h("p", { class: "meta" }, d.effects[this.concern].summary) : null,
      outcomeMarks(d.effects, this.markedConcerns(d), vocab, this.lang),
      h("ul", { class: "badges", "aria-label": t.evidence },
        h("li", { class: `badge level-${evidence.level}` },
          h("span", { class: "visually-hidden" }, `${t.commonLevel}: `),
          (d.labels && d.labels.evidence_level) || levelLabel(evidence.level))),
      levelDescription ? h("p", { class: "meta" }, levelDescription.description) : null,
      h("p", {}, d.summary_text),
      (d.warnings || []).length
        ? h("div", { class: "warning", role: "note" }, h("strong", {}, t.warningsTitle),
          h("ul", {}, d.warnings.map((w) => h("li", {}, w.message))))
        : null,
    ];

    const levels = h("section", { "aria-labelledby": `${titleId}-levels` },
      h("h3", { id: `${titleId}-levels` }, t.levelsTitle),
      h("div", { class: "levels-grid" }, LEVEL_KEYS.map((key) => {
        const text = d.levels && d.levels[key];
        return h("div", { class: `level-card${text ? "" : " absent"}` },
          h("h4", {}, levelWithIcon(vocab, key)),
          h("p", {}, text ? (text[this.lang] || text.nl) : t.notOnLevel));
      })));

    const verdicts = h("section", { "aria-labelledby": `${titleId}-verdicts` },
      h("h3", { id: `${titleId}-verdicts` }, t.verdictsTitle),
      (evidence.assessments || []).length
        ? h("div", { class: "table-wrap" }, h("table", {},
          h("thead", {}, h("tr", {}, [t.registry, t.verdict, t.date, t.commonLevel].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, evidence.assessments.map((a, i) => h("tr", {},
            h("td", {}, labelOf(vocab, "registries", a.registry)),
            h("td", {}, a.url ? safeLink(a.url, a.rating || a.outcome_label) : a.rating || a.outcome_label,
              d.ratings && d.ratings[i] && d.ratings[i].scope_note
                ? h("div", { class: "scope" }, h("strong", {}, d.ratings[i].scope_note)) : null,
              a.note ? h("div", { class: "meta" }, a.note[this.lang] || a.note.nl) : null),
            h("td", {}, a.date ? longDate(a.date, this.lang) : (a.year ? String(a.year) : a.as_listed || "")),
            h("td", {}, levelLabel(a.level)))))))
        : h("p", {}, t.noRatings));

    const outcomes = h("section", { "aria-labelledby": `${titleId}-outcomes` },
      h("h3", { id: `${titleId}-outcomes` }, t.outcomesTitle),
      (evidence.outcomes || []).length
        ? h("div", { class: "table-wrap" }, h("table", {},
          h("thead", {}, h("tr", {}, [t.outcome, t.finding, t.effect, t.study].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, evidence.outcomes.map((o) => h("tr", {},
            h("td", {}, labelOf(vocab, "outcomes", o.outcome)),
            h("td", { class: `finding-${o.finding}` }, t.finding_[o.finding] || o.finding),
            h("td", {}, o.effect || "", o.note ? h("div", { class: "meta" }, o.note[this.lang] || o.note.nl) : null),
            h("td", {}, o.study_name || o.study || ""))))))
        : h("p", {}, t.noOutcomes));

    const studyEntries = Object.entries(studies);
    const studyList = studyEntries.length
      ? h("section", { "aria-labelledby": `${titleId}-studies` },
        h("h3", { id: `${titleId}-studies` }, t.studiesTitle),
        h("ul", { class: "sources" }, studyEntries.map(([, s]) => h("li", {},
          s.citation || "",
          h("div", { class: "meta" }, [
            s.design ? `${t.design}: ${labelOf(vocab, "study_designs", s.design)}` : null,
            s.n ? t.participants(s.n) : null,
            s.country ? countryName(s.country, this.lang) : null,
          ].filter(Boolean).join(" · ")),
          s.doi ? h("div", {}, safeLink(`https://doi.org/${s.doi}`, `doi:${s.doi}`)) : null))))
      : null;

    const facts = [];
    const fact = (term, ...value) => facts.push(h("dt", {}, term), h("dd", {}, ...value));
    fact(t.training, implementation.training_hours != null ? t.trainingHours(implementation.training_hours) : t.unknown);
    const cost = implementation.cost;
    fact(t.cost, this.costText(cost), cost && cost.source ? [" (", safeLink(cost.source, t.costSource), ")"] : null);
    const requirements = implementation.requirements;
    if (requirements) fact(t.requirements, requirements[this.lang] || requirements.nl);
    if (delivery.lessons) fact(t.lessonsTitle, t.lessons(delivery.lessons.number, delivery.lessons.per));
    const duration = delivery.duration;
    if (duration) fact(t.duration, duration[this.lang] || duration.nl);
    if ((delivery.delivered_by || []).length) {
      fact(t.deliveredBy, delivery.delivered_by.map((k) => labelOf(vocab, "delivered_by", k)).join(", "));
    }
    const implementationSection = h("section", { "aria-labelledby": `${titleId}-impl` },
      h("h3", { id: `${titleId}-impl` }, t.implementationTitle), h("dl", {}, facts));

    const audience = [];
    const who = (term, value) => audience.push(h("dt", {}, term), h("dd", {}, value));
    who(t.schoolTypes, (d.school_types || []).map((k) => labelOf(vocab, "school_types", k)).join(", "));
    if (d.age_range) who(t.ages, t.ageRange(d.age_range.min, d.age_range.max));
    if (d.origin_country) who(t.originTitle, countryName(d.origin_country, this.lang));
    if (d.availability_text) {
      const { label, note } = d.availability_text;  // note: who offers it, or why not
      who(t.availability, note ? `${label}: ${note}` : label);
    }
    who(t.themes, (d.themes || []).map((k) => labelOf(vocab, "themes", k)).join(", "));
    if ((d.approaches || []).length) who(t.approaches, d.approaches.map((k) => labelOf(vocab, "approaches", k)).join(", "));
    if (d.provider) who(t.provider, d.provider.url ? safeLink(d.provider.url, d.provider.name) : d.provider.name);
    if ((d.aliases || []).length) who(t.aliases, d.aliases.join(", "));
    if (d.reviewed) who(t.reviewed, longDate(d.reviewed, this.lang));
    const audienceSection = h("section", { "aria-labelledby": `${titleId}-who` },
      h("h3", { id: `${titleId}-who` }, t.audienceTitle), h("dl", {}, audience));

    const sources = (d.sources || []).length
      ? h("section", { "aria-labelledby": `${titleId}-sources` },
        h("h3", { id: `${titleId}-sources` }, t.sourcesTitle),
        h("ul", { class: "sources" }, d.sources.map((url) => h("li", {}, safeLink(url)))))
      : null;

    const ladder = h("section", { class: "ladder-section" },
      evidenceLadder(vocab, this.lang, evidence.level, "h3"));

    return h("article", { "aria-labelledby": titleId, class: "detail" },
      header, levels, verdicts, ladder, outcomes, studyList, implementationSection, audienceSection, sources);
  }

  costText(cost) {
    const t = this.t;
    if (!cost || (!cost.on_request && cost.amount_eur == null)) return t.costUnknown;
    // The note says whom to ask ("op aanvraag") or what a price covers.
    const note = cost.note ? `. ${cost.note[this.lang] || cost.note.nl}` : "";
    if (cost.on_request) return t.onRequest + note;
    let text;
    if (Number(cost.amount_eur) === 0) {
      text = t.free;  // as the API words a price of nothing
    } else {
      const amount = Number(cost.amount_eur).toLocaleString(this.lang === "en" ? "en-GB" : "nl-NL",
        { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
      text = [amount, t.per[cost.per] || cost.per, t.period[cost.period] || cost.period]
        .filter(Boolean).join(" ");
    }
    if (cost.year) text += ` (${t.priceYear(cost.year)})`;
    return text + note;
  }

  /**
   * The comparison as one table: a column per intervention, the API's rows grouped by its
   * sections. Each row has a ``kind`` that says the shape of its values (see
   * services/compare.py); every cell is built from text nodes.
   */
  compareView(response) {
    const t = this.t;
    const titleId = `${this.uid}-compare-title`;
    const data = response.data;
    const items = data.interventions || [];
    const table = h("table", { class: "comparison-table" },
      h("caption", { class: "visually-hidden" }, t.compareTitle),
      h("thead", {}, h("tr", {}, h("td", {}),
        items.map((item) => h("th", { scope: "col" }, item.name)))));
    for (const section of data.sections || []) {
      const rows = (data.rows || []).filter((row) => row.section === section.key);
      if (!rows.length) continue;
      const body = h("tbody", {}, h("tr", { class: "section-row" },
        h("th", { scope: "colgroup", colspan: String(items.length + 1) }, section.label)));
      for (const row of rows) {
        body.append(h("tr", {}, h("th", { scope: "row" }, row.label),
          items.map((item) => h("td", {}, this.compareCell(row.kind, row.values[item.id], row.key)))));
      }
      table.append(body);
    }
    const pupilsId = `${this.uid}-pupils`;
    const pupils = h("input", {
      id: pupilsId, type: "number", min: "1", max: "100000", inputmode: "numeric",
      value: this.state.comparePupils || "",
    });
    const form = h("form", { class: "compare-school", onsubmit: (event) => {
      event.preventDefault();
      const value = parseInt(pupils.value, 10);
      this.state.comparePupils = Number.isFinite(value) && value > 0 ? value : null;
      this.openCompare({ again: true });
    } }, h("label", { for: pupilsId }, t.pupils), " ", pupils, " ",
    h("button", { type: "submit", class: "button secondary" }, t.recalculate));
    return h("article", { "aria-labelledby": titleId, class: "comparison" },
      h("h2", { id: titleId, tabindex: "-1" }, t.compareTitle),
      form,
      h("div", { class: "table-wrap" }, table));
  }

  compareCell(kind, value, key) {
    const t = this.t;
    const empty = "—";
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return empty;
    if (key === "status") return t.status[value] || value;
    switch (kind) {
      case "provider":
        return value.url ? safeLink(value.url, value.name) : value.name || empty;
      case "terms":
        return value.map((term) => term.label || term.key).join(", ");
      case "range":
        return t.ageRange(value.min, value.max);
      case "level":
        return h("span", { class: `badge level-${value.key}` }, value.label);
      case "effect":
        return h("span", { class: `effect mark-cell verdict-${value.verdict}`, title: value.summary },
          verdictIcon(value.verdict), " ", value.label);
      case "ratings":
        return h("ul", { class: "cell-list" }, value.map((r) => h("li", {},
          r.url ? safeLink(r.url, r.rating) : r.rating,
          ` (${r.date ? longDate(r.date, this.lang) : r.year || r.as_listed || ""}) → ${r.level_label}`,
          r.scope_note ? h("em", {}, ` — ${r.scope_note}`) : "")));
      case "findings":
        return h("ul", { class: "cell-list" }, value.map((f) => h("li", {},
          h("span", { class: `finding-${f.finding}` }, t.finding_[f.finding] || f.finding_label),
          ` — ${f.study_name}`, f.effect ? `: ${f.effect}` : "")));
      case "warnings":
        return h("ul", { class: "cell-list" }, value.map((w) => h("li", {}, w.message)));
      case "lessons":
        return t.lessons(value.number, value.per);
      case "number":
        return t.trainingHours(value);
      case "cost":
        return this.costText(value);
      case "euro":
        return Number(value).toLocaleString(this.lang === "en" ? "en-GB" : "nl-NL",
          { style: "currency", currency: "EUR" });
      case "estimate":
        return value.arithmetic || (value.status === "unknown" ? t.costUnknown : (value.missing || []).join(", ") || empty);
      case "rating_ref":
        return `${value.registry_label}: ${value.rating} (${value.date ? longDate(value.date, this.lang) : value.year})`;
      case "date":
        return longDate(value, this.lang);
      case "bool":
        return value ? t.yes : t.no;
      default:
        return cellText(value);
    }
  }
}

/** A value of a kind the widget does not know yet, as plain text. */
function cellText(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(cellText).join("; ");
  if (typeof value === "object") {
    if ("label" in value) return cellText(value.label);
    if ("text" in value) return cellText(value.text);
    return Object.entries(value).map(([k, v]) => `${k}: ${cellText(v)}`).join(", ");
  }
  return String(value);
}

InterventionsSearch.version = VERSION;

if (!customElements.get("interventions-search")) {
  customElements.define("interventions-search", InterventionsSearch);
}
