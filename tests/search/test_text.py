"""The words of a search (search/text.py) and SQLite's full-text query built from them."""

from __future__ import annotations

import time

import pytest

from interventions_api.db.repository import fts_query
from interventions_api.search.text import (
    CLOSE,
    OPEN,
    STOP_WORDS,
    TypoIndex,
    crop,
    edit_distance,
    fold,
    search_text,
    search_words,
    split_marked,
)

TERMS = ["pesten", "pestgedrag", "weerbaarheid", "klassenmanagement", "kiva", "groep",
         "groepsvorming", "online", "2024", "7", "de", "en", "energie", "water", "rots",
         "testen", "eerbaarheid"]
SYNONYMS = {"pesten": ["bullying"], "bullying": ["pesten"],
            "online pesten": ["cyberpesten"], "cyberpesten": ["online pesten"]}


@pytest.fixture(scope="module")
def index() -> TypoIndex:
    return TypoIndex(TERMS)


def test_stop_words_do_not_count_and_only_ten_words_do() -> None:
    assert search_words("Rots en Water") == ["rots", "water"]
    assert search_words("de het een") == []
    assert search_words("🙂 !!! \ufffd") == []
    assert search_words("x_y c-d") == ["x", "y", "c", "d"]
    assert len(search_words(" ".join(f"w{i}" for i in range(15)))) == 10
    # School types and negations are never stop words.
    assert not {"po", "vo", "so", "niet", "geen", "not", "no"} & STOP_WORDS


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("pesten", "pesten", 0), ("pestn", "pesten", 1), ("pseten", "pesten", 1),
    ("kivva", "kiva", 1), ("weerbaarhied", "weerbaarheid", 1), ("wearbaarhied", "weerbaarheid", 2),
])
def test_edit_distance_counts_a_swap_as_one(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 2) == distance


def test_prefix_distance_is_to_the_closest_beginning() -> None:
    assert edit_distance("pestg", "pestgedrag", 1, prefix=True) == 0
    assert edit_distance("pextg", "pestgedrag", 1, prefix=True) == 1
    assert edit_distance("pextg", "pestgedrag", 1) == 2
    # As Meilisearch counts: to a beginning at most one letter shorter than the word.
    assert edit_distance("lasting", "lastige", 1, prefix=True) == 1
    assert edit_distance("supportiv", "supported", 2, prefix=True) == 2
    assert edit_distance("supportive", "supported", 2, prefix=True) == 3


@pytest.mark.parametrize(("word", "prefix", "typos"), [
    ("pestn", False, ["pesten"]),            # 5 letters: one typo
    ("kivva", False, ["kiva"]),
    ("pesten", False, []),                   # "testen" would be a typo on the first letter
    ("wearbaarhied", False, ["weerbaarheid"]),  # 9+ letters: two typos
    ("weerbaarheid", False, ["eerbaarheid"]),   # … or one on the first letter
    ("klasenmanagment", False, ["klassenmanagement"]),
    ("pstn", False, []),                     # under 5 letters: none
    ("pestxx", False, []),                   # two typos in a 6-letter word: none
    ("pestgx", True, ["pestgedrag"]),        # the last word: a close beginning
    ("pestgx", False, []),
    ("20244", False, []),                    # numbers never
])
def test_typos_are_derived_as_meilisearch_derives_them(index: TypoIndex, word: str,
                                                       prefix: bool, typos: list[str]) -> None:
    assert index.typos(word, prefix) == typos


def test_letters_meilisearch_writes_out_are_found_as_it_finds_them() -> None:
    index = TypoIndex(["læringsmiljøsenteret", "lager"])
    assert index.typos("laering", True) == ["læringsmiljøsenteret"]  # no typo: "ae"
    assert index.typos("laeringsmiljosenteret", False) == ["læringsmiljøsenteret"]
    assert index.typos("later", True) == ["læringsmiljøsenteret", "lager"]


def test_words_and_runs_of_words_have_their_synonyms(index: TypoIndex) -> None:
    text = search_text("Online pesten", SYNONYMS, index)
    assert [(w.word, w.prefix, w.alternatives) for w in text.words] == [
        ("online", False, []), ("pesten", True, ["bullying"])]
    # The run written together, as a prefix (it ends the query), or its synonym.
    run = text.runs[(0, 2)]
    assert (run.word, run.prefix, run.alternatives) == ("onlinepesten", True, ["cyberpesten"])
    # A typo finds the term, not the term's synonyms (neither does Meilisearch).
    assert search_text("pestn", SYNONYMS, index).words[0].alternatives == [
        "pesten", "pestgedrag"]


def test_a_word_is_also_found_cut_in_two_where_the_halves_stand_together(
        index: TypoIndex) -> None:
    together = {("rots", "water"): 3, ("rot", "swater"): 0}
    text = search_text("rotswater", {}, index, lambda a, b: together.get((a, b), 0))
    assert text.words[0].alternatives == ["rots water"]


def test_a_last_word_that_begins_a_stop_word_names_its_terms(index: TypoIndex) -> None:
    # "e" begins "en", which Meilisearch does not index: no prefix query that finds it.
    word = search_text("rots e", {}, index).words[-1]
    assert (word.prefix, word.alternatives) == (False, ["eerbaarheid", "energie"])


def test_every_word_must_match_and_input_cannot_change_the_expression(
        index: TypoIndex) -> None:
    assert fts_query(search_text("kiva", {}, index)) == '"kiva"*'
    assert fts_query(search_text("rots en water", {}, index)) == (
        '(("rots" AND "water"*) OR "rotswater"*)')
    expression = fts_query(search_text('online" OR NEAR(x) pesten*', SYNONYMS, index))
    assert expression and expression.startswith('(("online" AND (("near" AND ')
    assert '"or"' not in expression  # a stop word
    assert set(expression) <= set('abcdefghijklmnopqrstuvwxyz "*()ANDOR')
    assert fts_query(search_text("online pesten", SYNONYMS, index)) == (
        '(("online" AND ("pesten"* OR "bullying")) OR ("onlinepesten"* OR "cyberpesten"))')
    assert fts_query(search_text("de 🙂", SYNONYMS, index)) is None


def test_highlights_are_cut_by_language_and_cropped() -> None:
    marked = f"Het {OPEN}pesten{CLOSE} stopt\nStop {OPEN}bullying{CLOSE}"
    assert split_marked(marked, len("Het pesten stopt")) == (
        f"Het {OPEN}pesten{CLOSE} stopt", f"Stop {OPEN}bullying{CLOSE}")
    long = " ".join(f"w{i}" for i in range(40)) + f" {OPEN}online pesten{CLOSE} " + "x " * 40
    cropped = crop(long, 24)
    assert cropped.startswith("…") and cropped.endswith("…")
    assert len(cropped.split()) == 24 and f"{OPEN}online" in cropped
    assert crop(f"{OPEN}a b{CLOSE} c", 1) == f"{OPEN}a{CLOSE}…"


def test_fold_removes_diacritics_like_fts5() -> None:
    assert fold("Coördinator Ärger") == "coordinator arger"


def test_long_words_keep_the_index_cheap() -> None:
    """Ten 3,000-letter words (summaries of one "word" each, which the schema allows) once
    took seconds to index, and a 10 MB name made the first search after its load take
    52 s: building the index and looking a long word up stay cheap."""
    long_words = [("abcdefghij" * 300)[i:] + "xyz"[i % 3] * i for i in range(10)]
    started = time.monotonic()
    index = TypoIndex([*TERMS, *long_words])
    assert index.typos("pestne", prefix=False) == ["pesten"]  # short words still corrected
    assert index.typos(long_words[0][:-1] + "q", prefix=False) == []  # long: as written
    assert long_words[0] in index.starting_with(long_words[0][:50])
    assert time.monotonic() - started < 1.0
