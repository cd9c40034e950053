/**
 * The reference page around the two components: the language switch, and which opened
 * view a printout holds (the plan or the detail / comparison, whichever was opened last).
 *
 * Plain ES module, no dependencies. The components do the rest (widget/v1/).
 */

const TEXT = {
  nl: {
    title: "Interventies tegen pesten en voor sociale veiligheid",
    skip: "Naar de inhoud",
    siteTitle: "Interventies voor een sociaal veilige school",
    heading: "Welke aanpak tegen pesten past bij onze school?",
    lead: "Zoek in de interventies die Nederlandse scholen overwegen, met het oordeel van elk register en wat onderzoek vond — ook waar het geen effect vond.",
    searchHeading: "Zoeken",
    planHeading: "Ons veiligheidsplan: wat past bij onze school?",
    planIntro: "Beantwoord een paar vragen over de school. U krijgt het hoofdstuk sociale veiligheid voor het veiligheidsplan: wat we doen op het niveau van de leerling, de groep en de school, wat onderzoek daarover zegt, en wat de wet vraagt.",
    footer: "Open data en een open API:",
    catalogueLink: "catalogusversie",
  },
  en: {
    title: "Interventions against bullying and for social safety",
    skip: "Skip to content",
    siteTitle: "Interventions for a socially safe school",
    heading: "Which anti-bullying approach fits our school?",
    lead: "Search the interventions Dutch schools consider, with every registry's verdict and what research found — including where it found no effect.",
    searchHeading: "Search",
    planHeading: "Our safety plan: what fits our school?",
    planIntro: "Answer a few questions about the school. You get the social-safety chapter for the safety plan: what we do at the level of the pupil, the class and the school, what research says about it, and what the law asks.",
    footer: "Open data and an open API:",
    catalogueLink: "catalogue version",
  },
};

let lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";

function applyLanguage() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    const text = t[element.dataset.i18n];
    if (typeof text === "string") element.textContent = text;
  }
  for (const button of document.querySelectorAll(".lang-switch")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  }
  for (const component of document.querySelectorAll("interventions-search, interventions-plan")) {
    component.setAttribute("lang", lang);
  }
}

for (const button of document.querySelectorAll(".lang-switch")) {
  button.addEventListener("click", () => {
    if (button.dataset.lang === lang) return;
    lang = button.dataset.lang;
    const url = new URL(window.location.href);
    url.searchParams.set("lang", lang);
    window.history.replaceState(window.history.state, "", url);
    applyLanguage();
  });
}

// A printout holds the view opened last: <html data-print="plan|search"> (see page.css).
document.addEventListener("interventions-view", (event) => {
  const source = event.target.localName === "interventions-plan" ? "plan" : "search";
  const open = ["plan", "detail", "compare"].includes(event.detail.view);
  if (open) document.documentElement.dataset.print = source;
  else if (document.documentElement.dataset.print === source) delete document.documentElement.dataset.print;
});

applyLanguage();
