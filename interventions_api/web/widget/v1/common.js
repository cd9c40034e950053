/**
 * What <interventions-search> and <interventions-plan> share: their base element, building DOM
 * nodes, fetching
 * JSON, the vocabularies, style sheets, the address of the open view, and the pictures
 * (per-outcome marks, the evidence ladder, the pupil / class / school icons).
 *
 * Plain ES module, no dependencies. Nothing here parses text from the API as HTML; the one
 * exception the API asks for, its SVG charts, goes through svgNode (parsed as SVG, cleaned).
 */

export const LEVEL_KEYS = ["individual", "class", "school"];
export const VERDICTS = ["positive", "mixed", "no_effect", "negative", "not_studied"];

const SVG_NS = "http://www.w3.org/2000/svg";

export const TEXT = {
  nl: {
    verdict: {
      positive: "effect", mixed: "wisselend", no_effect: "geen effect", negative: "ongunstig",
      not_studied: "niet onderzocht",
    },
    marksLabel: "Wat onderzoek vond per thema",
    marksLegend: "Tekens",
    ladderTitle: "De bewijsniveaus",
    ladderIntro: "Een register beoordeelt hoe goed een aanpak is onderbouwd en onderzocht. Hoe hoger op de ladder, hoe sterker het bewijs.",
    ladderHere: "dit niveau",
  },
  en: {
    verdict: {
      positive: "effect", mixed: "mixed", no_effect: "no effect", negative: "harmful",
      not_studied: "not studied",
    },
    marksLabel: "What research found per theme",
    marksLegend: "Marks",
    ladderTitle: "The evidence levels",
    ladderIntro: "A registry judges how well an approach is grounded and studied. The higher on the ladder, the stronger the evidence.",
    ladderHere: "this level",
  },
};

// The origin and path this module was served from (/widget/v1/ sits under the API's root):
// the API base when the page names none.
const SCRIPT_BASE = new URL("../../", import.meta.url).href.replace(/\/$/, "");

let instanceCounter = 0;

/**
 * What both elements are: a shadow root, a unique id prefix for their labels, and the two
 * attributes every embedding sets (api-base, lang). `texts` holds the element's own words
 * per language; `this.t` is the set for the current language.
 */
export class WidgetElement extends HTMLElement {
  constructor(prefix, texts) {
    super();
    this.uid = `${prefix}${++instanceCounter}`;
    this.texts = texts;
    this.attachShadow({ mode: "open" });
  }

  get apiBase() {
    return (this.getAttribute("api-base") || SCRIPT_BASE).replace(/\/+$/, "");
  }

  get lang() {
    return this.getAttribute("lang") === "en" ? "en" : "nl";
  }

  get t() {
    return this.texts[this.lang];
  }
}

/** Builds an element: h("p", {class: "x"}, "text", child). Strings become text nodes. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Only http(s) links become anchors; anything else is shown as text. */
export function safeLink(url, label) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") {
      return h("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, label || url);
    }
  } catch (_) { /* not a URL: fall through to text */ }
  return document.createTextNode(label || String(url));
}

export function formatNumber(value, lang) {
  return Number(value).toLocaleString(lang === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 });
}

/** An ISO day as people write it: "15 december 2022" (nl), "15 December 2022" (en). */
export function longDate(iso, lang) {
  const date = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(lang === "en" ? "en-GB" : "nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

export async function fetchJson(url, options = {}) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, ...options });
  let body = null;
  try {
    body = await response.json();
  } catch (_) { /* an empty or non-JSON body: reported below */ }
  if (!response.ok) {
    const error = new Error((body && (body.detail || body.title)) || `HTTP ${response.status}`);
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}

// The vocabularies are shared by every widget on the page (one request per API and language).
const vocabularyCache = new Map();
export function loadVocabularies(apiBase, lang) {
  const key = `${apiBase}|${lang}`;
  if (!vocabularyCache.has(key)) {
    const promise = fetchJson(`${apiBase}/v1/vocabularies?lang=${lang}`).then((r) => r.data);
    promise.catch(() => vocabularyCache.delete(key));
    vocabularyCache.set(key, promise);
  }
  return vocabularyCache.get(key);
}

export function labelOf(vocabularies, section, key) {
  const terms = vocabularies && vocabularies[section];
  const term = Array.isArray(terms) ? terms.find((t) => t.key === key) : null;
  return term ? term.label : String(key).replace(/_/g, " ");
}

// One constructed style sheet per text, shared by every widget on the page. Unlike a
// <style> element it needs no 'unsafe-inline' in a partner's Content-Security-Policy.
const sheets = new Map();
export function styleNodes(shadowRoot, cssText) {
  if ("adoptedStyleSheets" in shadowRoot && typeof CSSStyleSheet === "function"
      && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sheets.has(cssText)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      sheets.set(cssText, sheet);
    }
    shadowRoot.adoptedStyleSheets = [sheets.get(cssText)];
    return [];
  }
  return [h("style", {}, cssText)];
}

// ---------------------------------------------------------------- the address of a view

/** The view named in the page address: "#detail=kiva" → {key: "detail", value: "kiva"}. */
export function viewInAddress() {
  const hash = window.location.hash.replace(/^#/, "");
  const at = hash.indexOf("=");
  if (at < 1) return null;
  try {
    return { key: hash.slice(0, at), value: decodeURIComponent(hash.slice(at + 1)) };
  } catch (_) {
    return null; // a broken link opens nothing
  }
}

/** Puts a view in the address as a new history entry, so "back" returns to before it
 *  (`replace`: the same view changed, e.g. its language; no new entry). */
export function pushView(key, value, { replace = false } = {}) {
  const url = new URL(window.location.href);
  // Commas stay readable (#compare=kiva,taakspel); they need no escaping in a fragment.
  url.hash = `${key}=${encodeURIComponent(value).replace(/%2C/gi, ",")}`;
  if (url.href === window.location.href) return;
  if (replace) window.history.replaceState(window.history.state, "", url);
  else window.history.pushState({ interventionsView: key }, "", url);
}

/** Takes a view out of the address: back, when this page put it there; else replaced. */
export function leaveView() {
  if (window.history.state && window.history.state.interventionsView) {
    window.history.back();
  } else if (window.location.hash) {
    const url = new URL(window.location.href);
    url.hash = "";
    window.history.replaceState(null, "", url.href.replace(/#$/, ""));
  }
}

/** JSON in the address: UTF-8, base64url, so a link survives mail clients and chats. */
export function encodeJson(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeJson(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

// ---------------------------------------------------------------- pictures

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

function icon(...shapes) {
  return svg("svg", {
    viewBox: "0 0 24 24", width: "1.25em", height: "1.25em", "aria-hidden": "true",
    focusable: "false", class: "icon", fill: "none", stroke: "currentColor",
    "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round",
  }, ...shapes);
}

function person(x, y, scale = 1) {
  return [svg("circle", { cx: x, cy: y, r: 2.6 * scale }),
    svg("path", { d: `M${x - 4.5 * scale} ${y + 10 * scale}v-1.5a${4.5 * scale} ${4.5 * scale} 0 0 1 ${9 * scale} 0v1.5` })];
}

/** A picture of a pupil (one person), a class (a group) or the school (a building). */
export function levelIcon(level) {
  if (level === "individual") return icon(...person(12, 7, 1.3));
  if (level === "class") return icon(...person(6, 8, 0.8), ...person(18, 8, 0.8), ...person(12, 9.5, 1));
  return icon(svg("path", { d: "M3 10 12 4l9 6" }), svg("path", { d: "M5 10v10h14V10" }),
    svg("path", { d: "M10 20v-5h4v5" }));
}

/** The level's picture with its name beside it (never the picture alone). */
export function levelWithIcon(vocabularies, level) {
  return h("span", { class: "level-with-icon", dataset: { level } }, levelIcon(level),
    h("span", {}, labelOf(vocabularies, "levels", level)));
}

/** A shape per verdict, so that it reads without colour: ✓ = ~ ! ?. */
export function verdictIcon(verdict) {
  const ring = svg("circle", { cx: 12, cy: 12, r: 9.5 });
  switch (verdict) {
    case "positive": return icon(ring, svg("path", { d: "m7.5 12.5 3 3 6-6.5" }));
    case "no_effect": return icon(ring, svg("path", { d: "M8 10h8M8 14h8" }));
    case "mixed": return icon(ring, svg("path", { d: "M7.5 13c1.5-2.5 3-2.5 4.5 0s3 2.5 4.5 0" }));
    case "negative": return icon(svg("path", { d: "M12 3 22 20H2Z" }), svg("path", { d: "M12 9.5v4.5M12 17v.1" }));
    default: return icon(svg("circle", { cx: 12, cy: 12, r: 9.5, "stroke-dasharray": "3 3" }),
      svg("path", { d: "M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5M12 16.5v.1" }));
  }
}

/**
 * One mark per concern: the verdict's shape and colour, the theme's name, and the API's
 * full sentence ("Geen effect op pesten gevonden") for screen readers and as a tooltip.
 */
export function outcomeMarks(effects, concerns, vocabularies, lang) {
  const T = TEXT[lang] || TEXT.nl;
  const shown = concerns.filter((key) => effects && effects[key]);
  if (!shown.length) return null;
  return h("ul", { class: "marks", "aria-label": T.marksLabel }, shown.map((key) => {
    const effect = effects[key];
    return h("li", { class: `mark verdict-${effect.verdict}`, title: effect.label, dataset: { verdict: effect.verdict, concern: key } },
      verdictIcon(effect.verdict),
      h("span", { "aria-hidden": "true" }, labelOf(vocabularies, "themes", key)),
      h("span", { class: "visually-hidden" }, effect.label));
  }));
}

/** What the shapes mean, once above a list of marks. */
export function marksLegend(lang) {
  const T = TEXT[lang] || TEXT.nl;
  return h("p", { class: "marks-legend" }, h("span", { class: "visually-hidden" }, `${T.marksLegend}: `),
    VERDICTS.map((verdict) => h("span", { class: `legend-item verdict-${verdict}` },
      verdictIcon(verdict), T.verdict[verdict])));
}

/**
 * The evidence scale as a ladder, highest level on top, from the API's own levels (their
 * labels and descriptions): no level is made up here. `current` marks one step.
 */
export function evidenceLadder(vocabularies, lang, current = null, headingLevel = "h3") {
  const T = TEXT[lang] || TEXT.nl;
  const levels = [...((vocabularies && vocabularies.evidence_levels) || [])]
    .sort((a, b) => (b.rank || 0) - (a.rank || 0));
  if (!levels.length) return null;
  const top = Math.max(1, ...levels.map((l) => l.rank || 0));
  return h("figure", { class: "ladder" },
    h("figcaption", {}, h(headingLevel, { class: "ladder-title" }, T.ladderTitle), h("p", {}, T.ladderIntro)),
    h("ol", { class: "ladder-steps", reversed: true }, levels.map((level) => h("li", {
      class: `step level-${level.key}`, "aria-current": level.key === current ? "true" : null,
      dataset: { level: level.key },
    },
    h("span", { class: "bar", "aria-hidden": "true", dataset: { rank: String(level.rank || 0) } }),
    h("span", { class: "step-text" }, h("strong", {}, level.label),
      level.key === current ? h("span", { class: "here" }, ` — ${T.ladderHere}`) : null,
      level.description ? h("span", { class: "step-description" }, level.description) : null)))),
    // The bar widths follow the ranks; set through CSSOM (no inline style attributes, CSP).
    h("span", { hidden: true, dataset: { top: String(top) } }));
}

/** Sizes the ladder's bars after it is in the document: rank / top of the width. */
export function sizeLadder(root) {
  for (const ladder of root.querySelectorAll(".ladder")) {
    const top = Number(ladder.querySelector("[data-top]").dataset.top) || 1;
    for (const bar of ladder.querySelectorAll(".bar")) {
      bar.style.width = `${Math.round(((Number(bar.dataset.rank) + 1) / (top + 1)) * 100)}%`;
    }
  }
}

/**
 * An SVG chart from the API as a node: parsed as image/svg+xml (never as HTML), anything
 * that could run or load something removed, then imported into this document.
 */
export function svgNode(text) {
  const parsed = new DOMParser().parseFromString(String(text || ""), "image/svg+xml");
  const root = parsed.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg"
      || parsed.getElementsByTagName("parsererror").length) return null;
  for (const element of [...root.querySelectorAll("script, foreignObject, iframe, image, use, a, animate, set")]) {
    element.remove();
  }
  for (const element of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name === "href" || name === "xlink:href" || /url\(|javascript:|expression\(/i.test(attribute.value)) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(root, true);
}

/** The host's reset and the theme's custom properties (docs/embedding.md), first in each
 * component's style so that its own :host additions come after the reset. */
export const HOST_STYLE = `
:host {
  all: initial;
  display: block;
  font-family: var(--interventions-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--interventions-font-size, 1rem);
  line-height: 1.5;
  color: var(--interventions-color-text, #1a1a1a);
  background: var(--interventions-color-background, #ffffff);
  --_accent: var(--interventions-color-accent, #0b5cad);
  --_accent-text: var(--interventions-color-accent-text, #ffffff);
  --_muted: var(--interventions-color-muted, #545454);
  --_border: var(--interventions-color-border, #767676);
  --_surface: var(--interventions-color-surface, #f5f7fa);
  --_radius: var(--interventions-radius, 6px);
  --_focus: var(--interventions-focus-ring, #c2410c);
  --_warning-bg: var(--interventions-color-warning-background, #fff4e5);
  --_warning-text: var(--interventions-color-warning-text, #6b3100);
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
`;

export const COMMON_STYLE = `
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.icon { flex: none; vertical-align: -.25em; }
.level-with-icon { display: inline-flex; align-items: center; gap: .3em; }
.verdict-positive { color: var(--interventions-finding-positive, #0b4a22); }
.verdict-mixed, .verdict-no_effect { color: var(--interventions-finding-null, #6b3100); }
.verdict-negative { color: var(--interventions-finding-negative, #8a1c1c); }
.verdict-not_studied { color: var(--interventions-color-muted, #545454); }
.marks { display: flex; flex-wrap: wrap; gap: .3em .4em; list-style: none; margin: .35em 0; padding: 0; font-size: .875em; }
.mark {
  display: inline-flex; align-items: center; gap: .25em; padding: .05em .55em .05em .3em;
  border: 1px solid currentColor; border-radius: 999px; background: var(--interventions-color-background, #ffffff);
}
.mark.verdict-not_studied { border-style: dashed; }
.marks-legend { display: flex; flex-wrap: wrap; gap: .2em 1em; font-size: .85em; margin: 0 0 .5em; }
.legend-item { display: inline-flex; align-items: center; gap: .25em; }
.ladder { margin: 0; }
.ladder figcaption p { margin: 0 0 .5em; }
.ladder-steps { list-style: none; margin: 0; padding: 0; display: grid; gap: .3em; }
.step { display: grid; grid-template-columns: minmax(3rem, 8rem) 1fr; gap: .75em; align-items: center; }
.step .bar {
  display: block; height: 1.1em; min-width: .6em; border-radius: 3px;
  background: var(--interventions-color-accent, #0b5cad); opacity: .35;
}
.step[aria-current="true"] .bar { opacity: 1; }
.step[aria-current="true"] .step-text strong { text-decoration: underline; }
.step-description { display: block; font-size: .875em; color: var(--interventions-color-muted, #545454); }
`;
