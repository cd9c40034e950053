"""SQLite's typo tolerance and synonym expansion (search/text.py)."""

from __future__ import annotations

import time

import pytest

from interventions_api.db.repository import fts_groups, fts_query
from interventions_api.search.text import TypoIndex, edit_distance, expansions, fold

TERMS = ["pesten", "pestgedrag", "weerbaarheid", "klassenmanagement", "kiva", "groep",
         "groepsvorming", "online", "2024", "7"]
SYNONYMS = {"pesten": ["bullying"], "bullying": ["pesten"],
            "online pesten": ["cyberpesten"], "cyberpesten": ["online pesten"]}


@pytest.fixture(scope="module")
def index() -> TypoIndex:
    return TypoIndex(TERMS)


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("pesten", "pesten", 0), ("pestn", "pesten", 1), ("pseten", "pesten", 1),
    ("kivva", "kiva", 1), ("weerbaarhied", "weerbaarheid", 1), ("wearbaarhied", "weerbaarheid", 2),
])
def test_edit_distance_counts_a_swap_as_one(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 2) == distance


@pytest.mark.parametrize(("word", "corrections"), [
    ("pestn", ["pesten"]),              # 5 letters: one typo
    ("kivva", ["kiva"]),
    ("wearbaarhied", ["weerbaarheid"]),  # 9+ letters: two typos
    ("klasenmanagment", ["klassenmanagement"]),
    ("pstn", []),                        # under 5 letters: none
    ("pestxx", []),                      # two typos in a 6-letter word: none
    ("groep", []),                       # known words are not corrected
    ("groeps", []),                      # … nor prefixes of known words
    ("20244", []),                       # numbers never
])
def test_corrections_follow_meilisearch_thresholds(index: TypoIndex, word: str,
                                                   corrections: list[str]) -> None:
    assert index.corrections(word) == corrections


def test_words_and_phrases_expand_to_their_synonyms(index: TypoIndex) -> None:
    assert expansions("Pesten", SYNONYMS, index) == {"pesten": ["bullying"]}
    assert expansions("online pesten", SYNONYMS, index) == {
        "online": ["cyberpesten"], "pesten": ["bullying"]}
    # The synonyms of a corrected word count too.
    assert expansions("pestn", SYNONYMS, index) == {"pestn": ["pesten", "bullying"]}
    assert expansions("cyberpesten", SYNONYMS, index) == {"cyberpesten": ["online pesten"]}


def test_fts_expression_keeps_phrases_and_strips_syntax() -> None:
    groups = fts_groups('online" OR NEAR(x) pesten*', {"online": ["cyber pesten"]})
    assert groups == ['"online"* OR "cyber pesten"*', '"or"*', '"near"*', '"x"*', '"pesten"*']
    assert fts_query("a a b") == '("a"*) OR ("b"*)'
    assert fts_query("!!!") is None


def test_fold_removes_diacritics_like_fts5() -> None:
    assert fold("Coördinator Ärger") == "coordinator arger"


def test_long_words_keep_the_index_cheap() -> None:
    """A word's one-letter deletions are as many as its letters: ten 3,000-letter words
    (summaries of one "word" each, which the schema allows) once took seconds to index,
    and a 10 MB name made the first search after its load take 52 s."""
    long_words = [("abcdefghij" * 300)[i:] + "xyz"[i % 3] * i for i in range(10)]
    started = time.monotonic()
    index = TypoIndex([*TERMS, *long_words])
    assert time.monotonic() - started < 1.0
    assert index.corrections("pestn") == ["pesten"]  # the short words are still corrected
    assert index.corrections(long_words[0][:-1] + "q") == []  # long ones are not
    assert index.has_prefix(long_words[0][:50])  # but found as they are
