/**
 * The reference page: language switch, and the "what fits our school?" questionnaire that
 * sends a school profile to POST /v1/match and shows the plan on three levels.
 *
 * Plain ES module, no dependencies. Every text from the API goes in through textContent.
 */

const API = window.location.origin;
const LEVELS = ["individual", "class", "school"];

const TEXT = {
  nl: {
    title: "Interventies tegen pesten en voor sociale veiligheid",
    skip: "Naar de inhoud",
    siteTitle: "Interventies voor een sociaal veilige school",
    heading: "Welke aanpak tegen pesten past bij onze school?",
    lead: "Zoek in de interventies die Nederlandse scholen overwegen, met het oordeel van elk register en wat onderzoek vond — ook waar het geen effect vond.",
    searchHeading: "Zoeken",
    matchHeading: "Wat past bij onze school?",
    matchIntro: "Beantwoord een paar vragen. U krijgt de interventies die het best passen, met uitleg, en een plan voor het niveau van de leerling, de klas en de school.",
    loading: "Laden…",
    footer: "Open data en een open API:",
    catalogueLink: "catalogusversie",
    schoolType: "Schooltype",
    ages: "Leeftijd van de leerlingen (jaar)",
    agesHint: "Laat leeg als het voor alle leeftijden geldt.",
    from: "Van",
    to: "Tot en met",
    concerns: "Waar maakt de school zich zorgen over?",
    concernsHint: "Kies één of meer thema's.",
    concept: "Onderwijsconcept",
    noConcept: "Geen bijzonder concept",
    levels: "Op welke niveaus wilt u iets doen?",
    current: "Wat doet de school al?",
    currentHint: "Interventies die u al gebruikt, komen als eerste in het plan.",
    evidence: "Minimaal bewijsniveau",
    anyEvidence: "Geen minimum",
    budget: "Budget (optioneel)",
    maxEur: "Hoogstens (€)",
    per: "Per",
    period: "Periode",
    perOptions: { school: "school", pupil: "leerling", teacher: "leerkracht", class: "groep" },
    periodOptions: { year: "per jaar", once: "eenmalig" },
    training: "Hoogstens trainingsuren per leerkracht (optioneel)",
    submit: "Toon wat past",
    working: "Bezig met zoeken naar wat past…",
    done: (n) => `Klaar: ${n} passende interventie${n === 1 ? "" : "s"} en een plan op drie niveaus.`,
    failed: "Het advies kon niet worden opgehaald.",
    notAvailable: "Het advies is op deze server (nog) niet beschikbaar.",
    invalid: "Controleer de volgende antwoorden:",
    planHeading: "Uw plan op drie niveaus",
    matchesHeading: "Best passende interventies",
    currentTag: "al in gebruik",
    nothing: "Hier past niets uit de catalogus.",
    score: (s) => `past voor ${Math.round(s * 100)}%`,
    warnings: "Let op",
    excluded: "Uitgesloten door uw voorwaarden",
    level: { individual: "Leerling", class: "Klas / groep", school: "School" },
    why: "Waarom",
    details: "Bekijk de details",
    detailsOf: (name) => `Bekijk de details van ${name}`,
    markdown: "Download het plan voor uw veiligheidsplan (Markdown)",
    markdownFile: "plan-sociale-veiligheid.md",
    constraint: {
      status: "niet meer beschikbaar", school_type: "ander schooltype", ages: "andere leeftijd",
      min_evidence: "te weinig bewijs", budget: "boven budget", max_training_hours: "te veel training",
    },
  },
  en: {
    title: "Interventions against bullying and for social safety",
    skip: "Skip to content",
    siteTitle: "Interventions for a socially safe school",
    heading: "Which anti-bullying approach fits our school?",
    lead: "Search the interventions Dutch schools consider, with every registry's verdict and what research found — including where it found no effect.",
    searchHeading: "Search",
    matchHeading: "What fits our school?",
    matchIntro: "Answer a few questions. You get the interventions that fit best, with explanations, and a plan for the level of the pupil, the class and the school.",
    loading: "Loading…",
    footer: "Open data and an open API:",
    catalogueLink: "catalogue version",
    schoolType: "School type",
    ages: "Ages of the pupils (years)",
    agesHint: "Leave empty if it applies to all ages.",
    from: "From",
    to: "To",
    concerns: "What worries the school?",
    concernsHint: "Choose one or more themes.",
    concept: "Educational concept",
    noConcept: "No particular concept",
    levels: "At which levels do you want to act?",
    current: "What does the school already do?",
    currentHint: "Interventions you already use come first in the plan.",
    evidence: "Minimum evidence level",
    anyEvidence: "No minimum",
    budget: "Budget (optional)",
    maxEur: "At most (€)",
    per: "Per",
    period: "Period",
    perOptions: { school: "school", pupil: "pupil", teacher: "teacher", class: "class" },
    periodOptions: { year: "per year", once: "one-off" },
    training: "Most training hours per teacher (optional)",
    submit: "Show what fits",
    working: "Finding what fits…",
    done: (n) => `Done: ${n} matching intervention${n === 1 ? "" : "s"} and a plan on three levels.`,
    failed: "The advice could not be fetched.",
    notAvailable: "The advice is not (yet) available on this server.",
    invalid: "Please check these answers:",
    planHeading: "Your plan on three levels",
    matchesHeading: "Best fitting interventions",
    currentTag: "already in use",
    nothing: "Nothing in the catalogue fits here.",
    score: (s) => `${Math.round(s * 100)}% fit`,
    warnings: "Please note",
    excluded: "Ruled out by your conditions",
    level: { individual: "Pupil", class: "Class", school: "School" },
    why: "Why",
    details: "See the details",
    detailsOf: (name) => `See the details of ${name}`,
    markdown: "Download the plan for your safety plan (Markdown)",
    markdownFile: "social-safety-plan.md",
    constraint: {
      status: "no longer available", school_type: "other school type", ages: "other ages",
      min_evidence: "too little evidence", budget: "over budget", max_training_hours: "too much training",
    },
  },
};

let lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";
const t = () => TEXT[lang];

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

async function getJson(path) {
  const response = await fetch(`${API}${path}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

// ------------------------------------------------------------------ language

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t().title;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    const text = t()[element.dataset.i18n];
    if (typeof text === "string") element.textContent = text;
  }
  for (const button of document.querySelectorAll(".lang-switch")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  }
  const widget = document.getElementById("widget");
  if (widget) widget.setAttribute("lang", lang);
}

// ------------------------------------------------------------------ the questionnaire

let vocabularies = null;
let lastProfile = null;
let catalogueItems = [];

async function loadChoices() {
  const [vocab, list] = await Promise.all([
    getJson(`/v1/vocabularies?lang=${lang}`),
    getJson(`/v1/interventions?per_page=100&sort=name&lang=${lang}`),
  ]);
  vocabularies = vocab.data;
  catalogueItems = list.data.map((item) => ({ id: item.id, name: item.name }));
}

function choiceList(name, terms, checked = []) {
  return h("div", { class: "choices" }, terms.map((term) => {
    const id = `q-${name}-${term.key}`;
    return h("div", { class: "choice" },
      h("input", { type: "checkbox", id, name, value: term.key, checked: checked.includes(term.key) }),
      h("label", { for: id }, term.label));
  }));
}

function numberField(id, label, attributes = {}) {
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("input", { type: "number", id, name: id, inputmode: "decimal", ...attributes }));
}

function select(id, label, options, { required = false, empty = null } = {}) {
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("select", { id, name: id, required },
      empty !== null ? h("option", { value: "" }, empty) : null,
      options.map(([value, text]) => h("option", { value }, text))));
}

function buildForm(previous) {
  const T = t();
  const v = vocabularies;
  const form = h("form", { novalidate: true, "aria-describedby": "match-status" },
    select("school_type", T.schoolType, v.school_types.map((term) => [term.key, term.label]), { required: true }),
    h("fieldset", {}, h("legend", {}, T.ages), h("p", { class: "hint" }, T.agesHint),
      h("div", { class: "row" },
        numberField("age_min", T.from, { min: 0, max: 30, step: 1 }),
        numberField("age_max", T.to, { min: 0, max: 30, step: 1 }))),
    h("fieldset", {}, h("legend", {}, T.concerns), h("p", { class: "hint" }, T.concernsHint),
      choiceList("concerns", v.themes)),
    select("school_concept", T.concept, (v.school_concepts || []).map((term) => [term.key, term.label]),
      { empty: T.noConcept }),
    h("fieldset", {}, h("legend", {}, T.levels), choiceList("levels", v.levels, LEVELS)),
    h("details", {}, h("summary", {}, T.current),
      h("fieldset", {}, h("legend", { class: "hint" }, T.currentHint),
        choiceList("current", catalogueItems.map((item) => ({ key: item.id, label: item.name }))))),
    select("min_evidence", T.evidence,
      v.evidence_levels.filter((l) => l.key !== "not_assessed").map((l) => [l.key, l.label]),
      { empty: T.anyEvidence }),
    h("fieldset", {}, h("legend", {}, T.budget), h("div", { class: "row" },
      numberField("budget_max", T.maxEur, { min: 0, step: 50 }),
      select("budget_per", T.per, Object.entries(T.perOptions)),
      select("budget_period", T.period, Object.entries(T.periodOptions)))),
    h("div", { class: "row" }, numberField("max_training_hours", T.training, { min: 0, max: 2000, step: 1 })),
    h("button", { type: "submit" }, T.submit));
  if (previous) restore(form, previous);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(form);
  });
  return form;
}

/** Keeps the answers when the language changes and the form is rebuilt. */
function snapshot(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") {
      values[element.id] = element.checked;
    } else {
      values[element.id] = element.value;
    }
  }
  return values;
}

function restore(form, values) {
  for (const element of form.elements) {
    if (!(element.id in values)) continue;
    if (element.type === "checkbox") element.checked = values[element.id];
    else element.value = values[element.id];
  }
}

function number(form, name) {
  const raw = form.elements[name].value.trim();
  if (raw === "") return null;
  const value = Number(raw.replace(",", "."));
  return Number.isFinite(value) ? value : raw;
}

function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

export function profileFrom(form) {
  const profile = { school_type: form.elements.school_type.value, lang };
  const ageMin = number(form, "age_min");
  const ageMax = number(form, "age_max");
  if (ageMin !== null || ageMax !== null) {
    profile.ages = { min: ageMin ?? 0, max: ageMax ?? 30 };
  }
  const concerns = checkedValues(form, "concerns");
  if (concerns.length) profile.concerns = concerns;
  if (form.elements.school_concept.value) profile.school_concept = form.elements.school_concept.value;
  const levels = checkedValues(form, "levels");
  if (levels.length && levels.length < LEVELS.length) profile.levels = levels;
  const current = checkedValues(form, "current");
  if (current.length) profile.current_interventions = current;
  if (form.elements.min_evidence.value) profile.min_evidence = form.elements.min_evidence.value;
  const budget = number(form, "budget_max");
  if (budget !== null) {
    profile.budget = { max_eur: budget, per: form.elements.budget_per.value,
                       period: form.elements.budget_period.value };
  }
  const training = number(form, "max_training_hours");
  if (training !== null) profile.max_training_hours = training;
  return profile;
}

async function submit(form) {
  const T = t();
  const status = document.getElementById("match-status");
  const result = document.getElementById("match-result");
  result.replaceChildren();
  status.textContent = T.working;
  let response;
  let body = null;
  try {
    response = await fetch(`${API}/v1/match`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(lastProfile = profileFrom(form)),
    });
    body = await response.json().catch(() => null);
  } catch (_) {
    status.textContent = T.failed;
    return;
  }
  if (response.status === 404 || response.status === 405) {
    status.textContent = T.notAvailable;
    return;
  }
  if (!response.ok) {
    status.textContent = T.failed;
    result.append(problemView(body));
    return;
  }
  const matches = body.matches || [];
  status.textContent = T.done(matches.length);
  result.append(planView(body), matchesView(body));
  const heading = result.querySelector("h3");
  if (heading) heading.focus();
}

function problemView(problem) {
  const T = t();
  const errors = (problem && problem.errors) || [];
  return h("div", { class: "errors", role: "alert" },
    h("p", {}, errors.length ? T.invalid : (problem && (problem.detail || problem.title)) || T.failed),
    errors.length ? h("ul", {}, errors.map((e) => h("li", {}, `${e.field}: ${e.message}`))) : null);
}

function nameOf(id) {
  const found = catalogueItems.find((item) => item.id === id);
  return found ? found.name : id;
}

function planView(body) {
  const T = t();
  const wrapper = h("section", { "aria-labelledby": "plan-heading" },
    h("h3", { id: "plan-heading", tabindex: "-1" }, T.planHeading));
  const grid = h("div", { class: "plan" });
  for (const level of LEVELS) {
    const entry = (body.plan && body.plan[level]) || { interventions: [], reason: null, notes: [] };
    const label = (vocabularies.levels.find((l) => l.key === level) || {}).label || T.level[level];
    const card = h("section", { class: "plan-level", "data-level": level, "aria-label": label },
      h("h4", {}, label));
    const picks = entry.interventions || [];
    if (picks.length) {
      card.append(h("ul", {}, picks.map((pick) => h("li", {},
        h("strong", {}, pick.name || nameOf(pick.id)),
        pick.current ? h("span", { class: "tag" }, T.currentTag) : null,
        pick.what ? h("div", {}, pick.what) : null,
        pick.why ? h("div", { class: "why" }, pick.why) : null,
        (pick.warnings || []).map((w) => h("p", { class: "warning" },
          h("strong", {}, `${T.warnings}: `), w.message || w.code))))));
    } else {
      card.append(h("p", { class: "none" }, entry.reason || T.nothing));
    }
    for (const note of entry.notes || []) {
      card.append(h("p", { class: "note" }, typeof note === "string" ? note : note.text || note.message || ""));
    }
    grid.append(card);
  }
  wrapper.append(grid, markdownButton());
  return wrapper;
}

/** The safety-plan chapter as Markdown (POST /v1/plan, Accept: text/markdown). */
function markdownButton() {
  const T = t();
  return h("p", {}, h("button", {
    type: "button", class: "secondary-button",
    onclick: async () => {
      const status = document.getElementById("match-status");
      try {
        const response = await fetch(`${API}/v1/plan`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/markdown" },
          body: JSON.stringify(lastProfile),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = new Blob([await response.text()], { type: "text/markdown" });
        const link = h("a", { href: URL.createObjectURL(blob), download: T.markdownFile });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      } catch (_) {
        status.textContent = T.failed;
      }
    },
  }, T.markdown));
}

function showDetail(id) {
  const widget = document.getElementById("widget");
  if (!widget || typeof widget.openDetail !== "function") return;
  widget.scrollIntoView({ behavior: "smooth", block: "start" });
  widget.openDetail(id);
}

function matchesView(body) {
  const T = t();
  const section = h("section", { "aria-labelledby": "matches-heading" },
    h("h3", { id: "matches-heading" }, T.matchesHeading));
  const list = h("ol", { class: "matches" });
  for (const match of body.matches || []) {
    const applying = (match.fit || []).filter((f) => f.applies !== false);
    list.append(h("li", {},
      h("span", { class: "match-name" }, match.name || nameOf(match.id)), " ",
      match.current ? h("span", { class: "tag" }, T.currentTag) : null, " ",
      typeof match.score === "number" ? h("span", { class: "score" }, `(${T.score(match.score)})`) : null,
      // The verdicts on the school's concerns first: they answer its question.
      Object.values(match.effects || {}).map((e) => h("p", { class: `effect verdict-${e.verdict}`, title: e.summary }, e.label)),
      " ", match.evidence_level_label ? h("span", { class: "level" }, match.evidence_level_label) : null,
      (match.ratings || []).filter((r) => r.scope_note).map((r) => h("p", { class: "scope" },
        `${r.registry_label}: ${r.rating} — ${r.scope_note}`)),
      (match.warnings || []).map((w) => h("p", { class: "warning" },
        h("strong", {}, `${T.warnings}: `), typeof w === "string" ? w : w.message || w.code)),
      h("ul", { class: "fit", "aria-label": T.why }, applying.map((f) => h("li", {}, f.text))),
      h("button", { type: "button", class: "link-button", onclick: () => showDetail(match.id),
                    "aria-label": T.detailsOf(match.name) }, T.details)));
  }
  section.append(list);
  const excluded = Object.entries(body.excluded || {}).filter(([, count]) => count > 0);
  if (excluded.length) {
    section.append(h("p", { class: "excluded" }, `${T.excluded}: `
      + excluded.map(([key, count]) => `${T.constraint[key] || key.replace(/_/g, " ")}: ${count}`).join(", ")));
  }
  return section;
}

// ------------------------------------------------------------------ start

async function render(previous) {
  const holder = document.getElementById("questionnaire");
  try {
    await loadChoices();
    holder.replaceChildren(buildForm(previous));
  } catch (_) {
    holder.replaceChildren(h("p", { class: "errors", role: "alert" }, t().failed));
  }
}

for (const button of document.querySelectorAll(".lang-switch")) {
  button.addEventListener("click", () => {
    if (button.dataset.lang === lang) return;
    const form = document.querySelector("#questionnaire form");
    const previous = form ? snapshot(form) : null;
    lang = button.dataset.lang;
    const url = new URL(window.location.href);
    url.searchParams.set("lang", lang);
    window.history.replaceState(null, "", url);
    applyLanguage();
    document.getElementById("match-result").replaceChildren();
    document.getElementById("match-status").textContent = "";
    render(previous);
  });
}

applyLanguage();
render(null);
