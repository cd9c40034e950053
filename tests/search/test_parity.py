"""Parity: the same filters and the same text give the same answer on both engines.

Hypothesis draws filter combinations from the real vocabularies (with costs and ages at
and around the catalogue's own values, where off-by-one mistakes hide) and checks both
engines return the same ids in the same order for sort=evidence, name and effect (with
the effect_on filter among them), the same
totals, and the same facet counts.

For text, a fixed list of real Dutch queries and queries Hypothesis builds from the
catalogue's own words (with typos, cut-off last words, stop words, synonyms, punctuation,
emoji) must find the same set of entries on both engines (the order within equally
relevant hits may differ: docs/search.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interventions_api.db.repository import Repository, connect
from interventions_api.effects import CONCERNS
from interventions_api.query import FACETS, InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.search.sync import sync_index
from interventions_api.search.text import STOP_WORDS, search_words
from interventions_api.services.catalogue_context import CatalogueContext, catalogue_context
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import Settings
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili


def _costs(db_path: Path) -> list[float]:
    with connect(db_path) as conn:
        rows = Repository(conn).search_index_rows()
    amounts = {row["cost_amount_eur"] for row in rows if row["cost_amount_eur"] is not None}
    # a cent below each price, but never below zero: a free entry (amount 0) is real data
    below = {a - 0.01 for a in amounts if a >= 0.01}
    return sorted(amounts | below | {a + 0.5 for a in amounts} | {0.0})


def queries(context: CatalogueContext, costs: list[float]) -> st.SearchStrategy[InterventionQuery]:
    vocab = context.vocabularies

    def keys(section: str) -> st.SearchStrategy[list[str]]:
        # Mostly no filter on a facet, so that combined filters still match something.
        some = st.lists(st.sampled_from(sorted(vocab.section(section))), min_size=1,
                        max_size=3, unique=True)
        return st.one_of(st.just([]), st.just([]), some)

    return st.builds(
        InterventionQuery,
        school_type=keys("school_types"),
        level=keys("levels"),
        theme=keys("themes"),
        approach=keys("approaches"),
        age=st.none() | st.integers(min_value=0, max_value=20),
        min_evidence=st.none() | st.sampled_from(context.evidence_scale.order),
        max_cost_eur=st.none() | st.sampled_from(costs)
        | st.floats(min_value=0, max_value=100_000, allow_nan=False),
        cost_per=st.none() | st.sampled_from(["school", "pupil", "teacher", "class"]),
        include_unknown_cost=st.booleans(),
        stale=st.none() | st.booleans(),
        available_in_nl=st.none() | st.booleans(),
        effect_on=st.one_of(st.none(), st.none(), st.sampled_from(CONCERNS)),
        sort=st.sampled_from(["evidence", "name", "effect"]),
        page=st.integers(min_value=1, max_value=3),
        per_page=st.integers(min_value=1, max_value=25),
        facets=st.lists(st.sampled_from(sorted(FACETS)), unique=True),
    )


def both(settings: Settings, query: InterventionQuery, context: CatalogueContext) -> tuple:
    sqlite = sqlite_search(settings, query, context)
    meili = meili_search(settings, query, context)
    assert meili.backend == "meilisearch"
    return sqlite, meili


def as_lists(facets: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    return {name: list(counts.items()) for name, counts in facets.items()}


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_filters_give_the_same_answer_on_both_engines(
    data: st.DataObject, indexed: Settings, context: CatalogueContext, loaded_db: Path,
) -> None:
    query = data.draw(queries(context, _costs(loaded_db)))
    sqlite, meili = both(indexed, query, context)
    assert meili.ids == sqlite.ids
    assert meili.total == sqlite.total
    assert as_lists(meili.facets) == as_lists(sqlite.facets)


@pytest.mark.parametrize("available", [True, False])
def test_availability_filter_gives_the_same_answer_on_both_engines(
    indexed: Settings, context: CatalogueContext, real_catalogue, available: bool,
) -> None:
    query = InterventionQuery(available_in_nl=available, per_page=100)
    sqlite, meili = both(indexed, query, context)
    assert meili.ids == sqlite.ids
    # Unknown availability matches neither true nor false.
    assert set(sqlite.ids) == {e.id for e in real_catalogue.entries
                               if e.intervention.availability
                               and e.intervention.availability.nl is available}


@pytest.mark.parametrize("sort", ["evidence", "name", "effect"])
def test_unfiltered_listing_pages_through_the_same_order(
    indexed: Settings, context: CatalogueContext, sort: str,
) -> None:
    sqlite_ids: list[str] = []
    meili_ids: list[str] = []
    for page in range(1, 5):
        query = InterventionQuery(sort=sort, page=page, per_page=20)
        sqlite, meili = both(indexed, query, context)
        sqlite_ids += sqlite.ids
        meili_ids += meili.ids
    assert meili_ids == sqlite_ids
    assert len(set(sqlite_ids)) == len(sqlite_ids) == sqlite.total


def test_facet_counts_ignore_their_own_filter_but_respect_the_others(
    indexed: Settings, context: CatalogueContext,
) -> None:
    facets = ["theme", "school_type", "evidence_level"]
    filtered = InterventionQuery(theme=["cyberbullying"], school_type=["vo"],
                                 min_evidence="first_indications", facets=facets)
    theme_only_others = InterventionQuery(school_type=["vo"], min_evidence="first_indications",
                                          facets=["theme"])
    for engine in both(indexed, filtered, context):
        reference = sqlite_search(indexed, theme_only_others, context)
        # The theme counts are those of the query without its theme filter …
        assert engine.facets["theme"] == reference.facets["theme"]
        # … and several themes are counted, not only the one filtered on.
        assert len(engine.facets["theme"]) > 1
        assert sum(engine.facets["evidence_level"].values()) >= engine.total


# Test data only (the real catalogue publishes no amounts other than € 0): costs on
# different bases, for entries that have no cost of their own.
SOURCE = "source: https://example.org/test-price"
TEST_COSTS = {
    "de-vreedzame-school": f"{{amount_eur: 1200, per: school, period: year, year: 2024, {SOURCE}}}",
    "taakspel": f"{{amount_eur: 12.5, per: pupil, period: year, year: 2024, {SOURCE}}}",
    "olweus": f"{{amount_eur: 1200.01, per: school, period: once, year: 2023, {SOURCE}}}",
    "leefstijl": f"{{amount_eur: 0, per: school, period: once, year: 2024, {SOURCE}}}",
}


def test_cost_filters_give_the_same_answer_on_both_engines(
    make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path], meili: MeiliServer,
) -> None:
    root = make_catalogue()
    for intervention_id, cost in TEST_COSTS.items():
        path = root / "interventions" / f"{intervention_id}.yaml"
        text = path.read_text(encoding="utf-8")
        assert "\nimplementation:\n" in text and "\n  cost:" not in text
        path.write_text(text.replace("\nimplementation:\n",
                                     f"\nimplementation:\n  cost: {cost}\n", 1),
                        encoding="utf-8")
    db_path = make_db(root)
    settings_ = meili.settings(db_path)
    sync_index(settings_)
    context = catalogue_context(db_path)
    seen_totals = set()
    for amount in (None, 0, 0.0, 12.49, 12.5, 100, 1199.99, 1200, 1200.005, 1200.01, 5000):
        for per in (None, "school", "pupil", "teacher"):
            for unknown in (False, True):
                query = InterventionQuery(max_cost_eur=amount, cost_per=per,
                                          include_unknown_cost=unknown, sort="name",
                                          per_page=100, facets=["evidence_level"])
                sqlite, meili_result = both(settings_, query, context)
                assert meili_result.ids == sqlite.ids, query
                assert meili_result.facets == sqlite.facets
                seen_totals.add(sqlite.total)
    assert len(seen_totals) > 4  # the grid really exercised the filter


@pytest.mark.parametrize(("typed", "plain"), [
    ("-pesten", "pesten"),
    ('"online pesten"', "online pesten"),
    ("pesten --online", "pesten online"),
])
def test_search_operators_mean_nothing_special_on_meilisearch(
    indexed: Settings, context: CatalogueContext, typed: str, plain: str,
) -> None:
    # SQLite has no phrase or negation syntax; Meilisearch must not apply its own either.
    as_typed = meili_search(indexed, InterventionQuery(q=typed), context)
    as_plain = meili_search(indexed, InterventionQuery(q=plain), context)
    assert (as_typed.ids, as_typed.total) == (as_plain.ids, as_plain.total)
    assert as_typed.total > 0


# Queries schools type (from the relevance judgments, the issues and the catalogue's
# themes), with stop words, typos, school words and phrases.
REAL_QUERIES = [
    "pesten", "rots en water", "aanpak tegen pesten in de klas", "pesten op school",
    "online pesten", "cyberpesten", "digitaal pesten", "pestn online", "kivva",
    "kanjertrainng", "olweuss", "weerbaarheid meisjes", "weerbaarheidstraining",
    "groepsvorming", "groepsdynamiek in de klas", "klassenklimaat", "klassenmanagement",
    "sociale veiligheid", "schoolklimaat", "sociaal emotioneel leren",
    "sociaal-emotionele vaardigheden", "mediawijsheid", "sexting",
    "relationele en seksuele vorming", "homofobie", "lhbti acceptatie", "lhbtiq",
    "seksuele diversiteit", "omstanders bij pesten", "herstelgericht werken",
    "leerlingbemiddeling", "traumasensitief onderwijs", "lessen in geluk",
    "de vreedzame school", "het pestprotocol van de school", "ouders betrekken bij pesten",
    "conflicten oplossen", "agressie en geweld", "discriminatie", "burgerschap",
    "welbevinden van leerlingen", "wat te doen tegen pesten", "gouden weken",
    "pesten groep 7", "cyberpesten vo", "antipestprogramma basisschool",
    "weerbaar", "empathie", "rock and water", "good behaviour game",
]


def same_set(settings: Settings, context: CatalogueContext, text: str) -> None:
    query = InterventionQuery(q=text, per_page=100)
    sqlite, meili = both(settings, query, context)
    assert set(meili.ids) == set(sqlite.ids), (text, set(meili.ids) ^ set(sqlite.ids))
    assert meili.total == sqlite.total == len(sqlite.ids), text


@pytest.mark.parametrize("text", REAL_QUERIES)
def test_real_queries_find_the_same_entries_on_both_engines(
    indexed: Settings, context: CatalogueContext, text: str,
) -> None:
    same_set(indexed, context, text)


@pytest.mark.parametrize("text", ["de", "en het", "🙂", "\ufffd\ufffd", "!!!", "-", '"'])
def test_a_query_without_search_words_finds_nothing_on_both_engines(
    indexed: Settings, context: CatalogueContext, text: str,
) -> None:
    query = InterventionQuery(q=text, facets=["theme"])
    for result in both(indexed, query, context):
        assert (result.ids, result.total, result.facets) == ([], 0, {"theme": {}})


def _words(db_path: Path) -> list[str]:
    """The catalogue's words, without numbers: the two engines cut text like
    "N=1-onderzoek" into words differently (docs/search.md)."""
    with connect(db_path) as conn:
        terms = Repository(conn).fts_vocabulary()
    return sorted(term for term in terms if not any(ch.isdigit() for ch in term))


def _typo(word: str, draw: st.DrawFn) -> str:
    """``word`` with one typo (not on its first letter): a letter dropped, doubled,
    changed, or swapped with the next."""
    if len(word) < 3:
        return word
    at = draw(st.integers(min_value=1, max_value=len(word) - 2))
    kind = draw(st.sampled_from(["drop", "double", "change", "swap"]))
    if kind == "drop":
        return word[:at] + word[at + 1:]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "change":
        return word[:at] + draw(st.sampled_from("aeiostx")) + word[at + 1:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


@st.composite
def text_queries(draw: st.DrawFn, words: list[str], synonyms: list[str]) -> str:
    def piece() -> str:
        kind = draw(st.sampled_from(["word", "word", "word", "typo", "cut", "stop",
                                     "synonym", "noise"]))
        if kind == "noise":
            return draw(st.text(alphabet="abcdeéëiöu -'\".,!?🙂", max_size=6))
        if kind == "stop":
            return draw(st.sampled_from(sorted(STOP_WORDS)))
        if kind == "synonym":
            return draw(st.sampled_from(synonyms))
        word = draw(st.sampled_from(words))
        if kind == "typo":
            return _typo(word, draw)
        if kind == "cut":
            return word[:draw(st.integers(min_value=1, max_value=len(word)))]
        return word.capitalize() if draw(st.booleans()) else word

    pieces = draw(st.lists(st.builds(piece), min_size=1, max_size=4))
    separator = draw(st.sampled_from([" ", " ", ", ", " - "]))
    return separator.join(pieces)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_text_finds_the_same_entries_on_both_engines(
    data: st.DataObject, indexed: Settings, context: CatalogueContext, loaded_db: Path,
) -> None:
    text = data.draw(text_queries(_words(loaded_db), sorted(context.synonyms)))
    # Where the engines may differ (docs/search.md): one-letter words; a last word (or
    # the last words written together) of up to four letters that begins a stop word,
    # for which Meilisearch's prefix index may count the stop words.
    words = search_words(text)
    assume(all(len(word) > 1 for word in words))
    ends = ["".join(words[-length:]) for length in (1, 2, 3) if len(words) >= length]
    assume(not any(len(end) <= 4 and any(stop.startswith(end) for stop in STOP_WORDS)
                   for end in ends))
    same_set(indexed, context, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("rots en water", {"rots-en-water"}),  # "en" is no search word: not all 66 entries
    ("de vreedzame school", {"de-vreedzame-school"}),
])
def test_stop_words_do_not_count_on_either_engine(
    indexed: Settings, context: CatalogueContext, text: str, expected: set[str],
) -> None:
    for result in both(indexed, InterventionQuery(q=text, per_page=100), context):
        assert set(result.ids) == expected, result.backend


def _plain(highlighted: str) -> str:
    text = highlighted.replace("<mark>", "").replace("</mark>", "").replace("…", " ")
    return " ".join(text.split())


@pytest.mark.parametrize("text", ["pesten", "bullying", "weerbaarheid", "online pesten"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_highlighted_summaries_are_in_the_asked_language_on_both_engines(
    indexed: Settings, context: CatalogueContext, loaded_db: Path, text: str, lang: str,
) -> None:
    with connect(loaded_db) as conn:
        summaries = {row["id"]: row for row in Repository(conn).search_index_rows()}
    query = InterventionQuery(q=text, lang=lang, per_page=100)
    for result in both(indexed, query, context):
        assert result.highlights
        marked = 0
        for entry_id, highlight in result.highlights.items():
            row = summaries[entry_id]
            shown = row["summary_en"] if lang == "en" and row["summary_en"] else row["summary_nl"]
            assert _plain(highlight["summary"]) in " ".join(shown.split()), (
                result.backend, entry_id, highlight["summary"])
            marked += "<mark>" in highlight["summary"]
        assert marked, result.backend  # the matched words are marked
