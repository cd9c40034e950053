"""Rules for the catalogue's content: sourced, complete, covering what schools need."""

from __future__ import annotations

import pytest

from interventions_api.catalogue.overview import render_overview
from interventions_api.settings import PROJECT_ROOT

# The 13 programmes the Commissie Anti-pestprogramma's judged in 2014 as promising
# ("kansrijk") or with potential ("potentie").
COMMISSIE_2014 = {
    "alles-kidzzz", "kanjertraining", "kiva", "plezier-op-school", "prima", "pad",
    "sta-sterk", "taakspel", "de-vreedzame-school",  # kansrijk
    "omgaan-met-elkaar", "pestkoppen-stoppen", "swpbs", "zippys-vrienden",  # potentie
}


def test_at_least_fifty_entries(real_catalogue) -> None:
    assert len(real_catalogue.entries) >= 50


def test_the_commissie_programmes_are_present_with_their_2014_verdict(real_catalogue) -> None:
    entries = real_catalogue.by_id()
    missing = sorted(COMMISSIE_2014 - set(entries))
    assert not missing, f"Commissie 2014 programmes missing: {missing}"
    for programme in COMMISSIE_2014:
        verdicts = [a for a in entries[programme].intervention.evidence.assessments
                    if a.registry == "commissie_antipest"
                    and (a.year == 2014 or (a.date and a.date.year == 2014))]
        assert verdicts, f"{programme} lacks its 2014 Commissie verdict"


def test_every_entry_has_sources_and_both_summaries(real_catalogue) -> None:
    for entry in real_catalogue.entries:
        item = entry.intervention
        assert item.sources, item.id
        assert item.summary.nl and item.summary.en, item.id


def test_every_assessment_has_a_date_or_year_and_a_url(real_catalogue) -> None:
    for entry in real_catalogue.entries:
        for assessment in entry.intervention.evidence.assessments:
            assert assessment.date or assessment.year or assessment.checked, entry.id
            assert assessment.url.startswith(("http://", "https://")), entry.id


def test_every_outcome_cites_a_study_of_the_same_entry(real_catalogue) -> None:
    for entry in real_catalogue.entries:
        evidence = entry.intervention.evidence
        for outcome in evidence.outcomes:
            assert outcome.study in evidence.studies, (entry.id, outcome.study)


@pytest.mark.parametrize("section,field", [
    ("school_types", "school_types"), ("levels", "levels"), ("themes", "themes"),
])
def test_every_school_type_level_and_theme_has_entries(real_catalogue, section: str,
                                                       field: str) -> None:
    used = {key for e in real_catalogue.entries for key in getattr(e.intervention, field)}
    unused = set(real_catalogue.vocabularies.section(section)) - used
    assert not unused, f"{section} without entries: {sorted(unused)}"


def test_kanjertraining_shows_the_nro_null_finding_on_bullying(real_catalogue) -> None:
    outcomes = real_catalogue.by_id()["kanjertraining"].intervention.evidence.outcomes
    assert any(o.outcome.startswith("bullying_") and o.finding == "no_effect" for o in outcomes)


def test_catalogue_page_is_in_sync(real_catalogue) -> None:
    page = (PROJECT_ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert page == render_overview(real_catalogue), (
        "docs/catalogue.md is out of date: run `interventions catalogue-doc`")


def test_the_catalogue_page_counts_the_decision_facts_of_available_entries(
        real_catalogue) -> None:
    """Editors see what is left to find: availability, price and ages per entry."""
    page = render_overview(real_catalogue)
    items = [e.intervention for e in real_catalogue.entries]
    available = [i for i in items if i.availability and i.availability.nl]
    assert (f"Available in the Netherlands: {len(available)}; of those, with a price or "
            f"'on request': {sum(1 for i in available if i.implementation.cost)}, with an "
            f"age range: {sum(1 for i in available if i.age_range)}.") in page
    rows = {line.split("](")[1].split(".yaml")[0].rsplit("/", 1)[1]: line.split(" | ")
            for line in page.splitlines() if line.startswith("| [")}
    assert rows["kiva"][5:7] == ["yes", "on request"]
    assert rows["olweus"][5:7] == ["?", "–"]
    free = next(i for i in available if i.implementation.cost
                and i.implementation.cost.amount_eur == 0)
    assert rows[free.id][6] == f"free ({free.implementation.cost.year})"
