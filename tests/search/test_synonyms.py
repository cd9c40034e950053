"""Dutch and English: synonyms kept as data, checked by the reader, used by both engines;
typo tolerance on words but not on numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.db.repository import connect
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import meili_search
from interventions_api.search.index_settings import index_settings
from interventions_api.services.catalogue_context import CatalogueContext, catalogue_context
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import Settings
from tests.fixtures.meilisearch import MeiliServer

# The pairs issue 4 names, in both directions.
PAIRS = [
    ("pesten", "bullying"), ("bullying", "pesten"),
    ("online pesten", "cyberbullying"), ("cyberbullying", "online pesten"),
    ("cyberpesten", "cyberbullying"), ("cyberpesten", "online pesten"),
    ("weerbaarheid", "resilience"), ("resilience", "weerbaarheid"),
    ("groepsvorming", "group dynamics"), ("group dynamics", "groepsvorming"),
]


def test_the_catalogue_synonyms_are_loaded_into_sqlite(context: CatalogueContext) -> None:
    assert "bullying" in context.synonyms["pesten"]
    assert {"cyberpesten", "cyberbullying"} <= set(context.synonyms["online pesten"])
    assert "resilience" in context.synonyms["weerbaarheid"]
    assert "group dynamics" in context.synonyms["groepsvorming"]


def test_the_reader_reports_every_synonym_problem_with_its_line(
    make_catalogue: Callable[..., Path],
) -> None:
    root = make_catalogue(only=["kiva"])
    (root / "synonyms.yaml").write_text(
        "groups:\n"                       # 1
        "  - [pesten, bullying]\n"        # 2
        "  - [bullying, plagen]\n"        # 3: bullying already in group 1
        "  - [alleen]\n"                  # 4: one term
        "  - [groep, 7]\n"                # 5: a number
        "  - [ok, 'a;b']\n"               # 6: not a search term
        "  - [gedrag in de klas, x]\n"    # 7: a stop word
        "extra: 1\n",                     # 8: unknown field
        encoding="utf-8")
    problems = [p for p in read_catalogue(root).errors if p.file.endswith("synonyms.yaml")]
    by_line = {p.line: p.message for p in problems}
    assert set(by_line) == {3, 4, 5, 6, 7, 8}, by_line
    assert "already in group 1 (line 2)" in by_line[3]
    assert "at least two" in by_line[4]
    assert "quote it" in by_line[5]
    assert "not a search term" in by_line[6]
    assert "stop word 'in'" in by_line[7]
    assert "allowed: groups" in by_line[8]


def only_in_other(db_path: Path, word: str, other: str) -> set[str]:
    """Entries whose indexed text has ``other`` but not ``word`` (as phrases)."""
    with connect(db_path) as conn:
        def ids(phrase: str) -> set[str]:
            rows = conn.execute("SELECT id FROM interventions_fts WHERE interventions_fts "
                                "MATCH ?", [f'"{phrase}"']).fetchall()
            return {row[0] for row in rows}
        return ids(other) - ids(word)


def found(search: Callable[[InterventionQuery], list[str]], text: str) -> set[str]:
    return set(search(InterventionQuery(q=text, per_page=100)))


def check_pairs(search: Callable[[InterventionQuery], list[str]], db_path: Path) -> int:
    checked = 0
    for word, synonym in PAIRS:
        expected = only_in_other(db_path, word, synonym)
        if expected:
            checked += 1
            missing = expected - found(search, word)
            assert not missing, f"'{word}' does not find {missing}, which say '{synonym}'"
    return checked


def test_sqlite_finds_entries_through_synonyms(loaded_db: Path,
                                               context: CatalogueContext) -> None:
    settings = Settings(_env_file=None, db_path=loaded_db)
    checked = check_pairs(lambda q: sqlite_search(settings, q, context).ids, loaded_db)
    assert checked >= len(PAIRS) // 2  # the catalogue really exercises most pairs


@pytest.mark.meili
def test_meilisearch_finds_entries_through_synonyms(indexed: Settings, loaded_db: Path,
                                                    context: CatalogueContext) -> None:
    checked = check_pairs(lambda q: meili_search(indexed, q, context).ids, loaded_db)
    assert checked >= len(PAIRS) // 2


@pytest.mark.meili
def test_pestn_online_finds_the_cyberbullying_entries_on_both_engines(
    indexed: Settings, context: CatalogueContext, loaded_db: Path,
) -> None:
    with connect(loaded_db) as conn:
        cyber = {row[0] for row in conn.execute(
            "SELECT intervention_id FROM intervention_terms "
            "WHERE facet = 'theme' AND term = 'cyberbullying'")}
    query = InterventionQuery(q="pestn online", per_page=10)
    for result in (sqlite_search(indexed, query, context), meili_search(indexed, query, context)):
        top = result.ids[:10]
        assert len(cyber & set(top)) >= min(5, len(cyber)), (result.backend, top)


@pytest.mark.meili
def test_meilisearch_corrects_words_but_never_numbers(meili: MeiliServer) -> None:
    index = meili.create_index("typos")
    with meili.client() as http:
        body = {**index_settings({}), "filterableAttributes": [], "sortableAttributes": [],
                "rankingRules": ["words", "typo", "proximity", "attribute", "exactness"]}
        meili.wait_for_task(http.patch(f"/indexes/{index}/settings", json=body).json()["taskUid"])
        task = http.post(f"/indexes/{index}/documents", json=[
            {"id": "a", "name": "Weerbaarheid", "summary_nl": "groep 12345"}]).json()
        assert meili.wait_for_task(task["taskUid"])["status"] == "succeeded"

        def hits(q: str) -> list[str]:
            response = http.post(f"/indexes/{index}/search", json={"q": q})
            return [h["id"] for h in response.json()["hits"]]

        assert hits("weerbaarhied") == ["a"]  # a typo in a word: found
        assert hits("12345") == ["a"]
        assert hits("12346") == []  # one digit off: not the same number


def test_a_catalogue_without_synonyms_is_fine(make_catalogue: Callable[..., Path],
                                              make_db: Callable[[Path], Path]) -> None:
    root = make_catalogue(only=["kiva"])
    (root / "synonyms.yaml").unlink()
    db_path = make_db(root)
    assert catalogue_context(db_path).synonyms == {}


SEXUAL_DIVERSITY = {"gender-sexuality-alliance", "schoolsout"}


@pytest.mark.meili
@pytest.mark.parametrize("text", ["homofobie", "lhbti", "lhbtiq", "seksuele diversiteit",
                                  "transfobie"])
def test_sexual_diversity_words_find_those_programmes_on_both_engines(
    indexed: Settings, context: CatalogueContext, text: str,
) -> None:
    query = InterventionQuery(q=text, per_page=100)
    for result in (sqlite_search(indexed, query, context), meili_search(indexed, query, context)):
        assert set(result.ids) >= SEXUAL_DIVERSITY, (result.backend, result.ids)
