"""The words of a search, the same on both engines: stop words, typos, synonyms.

A query's search words are its words (letters and digits, lower case, without
diacritics) minus the stop words of ``stop_words.txt``, at most the first ten. Meilisearch
is sent exactly these words (``search/engine.py``); SQLite builds its full-text query from
them (``db/repository.py``). Both then ask the same question:

- every search word must match (Meilisearch ``matchingStrategy: all``);
- the last word matches as a prefix ("pest" finds "pesten"), the others as whole words;
- a word matches with typos as Meilisearch derives them: one typo from 5 letters, two
  from 9, a typo on the first letter counting as two, never on numbers; for the last word
  a term whose beginning is that close;
- a word, or two or three consecutive words, also match their synonyms
  (``catalogue/synonyms.yaml``), as typed — not the synonyms of a typo correction;
- a query without search words (only stop words, an emoji) finds nothing.

SQLite FTS5 has neither typos nor synonyms, so the typo derivations come from the FTS5
vocabulary (``TypoIndex``, built as soon as a loaded catalogue is read, in
services/catalogue_context.py, never by the first search) and the synonyms from the
loaded catalogue; Meilisearch brings both itself.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources

ONE_TYPO_MIN = 5
TWO_TYPOS_MIN = 9
# Letters; the longest Dutch words in the catalogue have about 25. A typo lookup compares
# the word with many terms, at a cost that grows with the square of its length, so a
# longer word (a user's or a catalogue value's) is matched as written, without typos.
MAX_TYPO_WORD = 40
# Meilisearch reads at most ten words of a query, and finds synonyms for at most three
# consecutive words.
MAX_QUERY_WORDS = 10
MAX_PHRASE_WORDS = 3
# Letters and digits: "_" separates words, as in FTS5's unicode61 tokenizer.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _read_stop_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("stop_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


STOP_WORDS = _read_stop_words()


def fold(text: str) -> str:
    """Lower case without diacritics, as FTS5's ``unicode61 remove_diacritics 2`` sees it."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def search_words(text: str) -> list[str]:
    """The words of ``text`` that count: no stop words, at most ``MAX_QUERY_WORDS``."""
    return [word for word in tokens(text) if word not in STOP_WORDS][:MAX_QUERY_WORDS]


def edit_distance(a: str, b: str, limit: int, prefix: bool = False) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping above ``limit``;
    with ``prefix``, the distance of ``a`` to the closest beginning of ``b`` at most one
    letter shorter than ``a`` (or all of ``b``). That is how Meilisearch's prefix
    automaton was seen to count: "lasting" is one typo from "lastige", "supportiv" two
    from "supported", "supportive" three."""
    if not prefix and abs(len(a) - len(b)) > limit:
        return limit + 1
    if prefix:
        b = b[:len(a) + limit]  # a longer beginning is more than ``limit`` edits away
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[min(len(a) - 1, len(b)):]) if prefix else previous[-1]


# Letters Meilisearch writes out when it indexes ("Læringsmiljøsenteret" is
# "laeringsmiljosenteret" to it) and FTS5 keeps as they are.
_WRITTEN_OUT = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ß": "ss"})


class TypoIndex:
    """The indexed terms, sorted as Meilisearch spells them, for typo derivations and
    prefixes; the lookups answer with the terms as FTS5 holds them. Stop words are left
    out: Meilisearch does not index them, so no search word may match them."""

    def __init__(self, terms: Iterable[str]) -> None:
        pairs = sorted({(t.translate(_WRITTEN_OUT), t) for t in terms
                        if t and t not in STOP_WORDS})
        self.terms = [spelled for spelled, _ in pairs]
        self._fts_terms = [term for _, term in pairs]
        # The terms by all but their first letter: for typos on the first letter.
        self._tails = sorted((spelled[1:], spelled, term) for spelled, term in pairs)

    def __contains__(self, term: str) -> bool:
        at = bisect.bisect_left(self.terms, term)
        return at < len(self.terms) and self.terms[at] == term

    def _range(self, start: str) -> tuple[int, int]:
        return (bisect.bisect_left(self.terms, start),
                bisect.bisect_left(self.terms, start + "\U0010ffff"))

    def starting_with(self, start: str) -> list[str]:
        at, end = self._range(start)
        return self._fts_terms[at:end]

    def _matching(self, start: str, prefix: bool,
                  tails: bool = False) -> list[tuple[str, str]]:
        """(spelling, FTS5 term) of the terms that are ``start`` (with ``prefix``: begin
        with it); with ``tails``, whose letters after the first are or begin with it."""
        if tails:
            at = bisect.bisect_left(self._tails, (start,))
            end = bisect.bisect_left(self._tails, (start + "\U0010ffff",))
            found = [(spelled, term) for _, spelled, term in self._tails[at:end]]
        else:
            at, end = self._range(start)
            found = list(zip(self.terms[at:end], self._fts_terms[at:end], strict=True))
        return found if prefix else [(spelled, term) for spelled, term in found
                                     if (spelled[1:] if tails else spelled) == start]

    def _first_letter_typos(self, word: str, prefix: bool) -> list[str]:
        """The terms ``word`` becomes with one typo on its first letter and none
        elsewhere: that letter replaced, dropped, one put before it, or swapped with
        the second."""
        found = [*self._matching(word[1:], prefix, tails=True),
                 *self._matching(word[1:], prefix),
                 *self._matching(word, prefix, tails=True),
                 *self._matching(word[1] + word[0] + word[2:], prefix)]
        return sorted({term for spelled, term in found if spelled[0] != word[0]})

    def typos(self, word: str, prefix: bool, fewer: int = 0) -> list[str]:
        """The terms ``word`` matches only with typos (or only as Meilisearch spells the
        term), as Meilisearch derives them: up to one typo from 5 letters, two from 9
        (``fewer`` less); a typo on the first letter counts as two; never on numbers.
        With ``prefix``, terms whose beginning is that close."""
        limit = (2 if len(word) >= TWO_TYPOS_MIN else 1 if len(word) >= ONE_TYPO_MIN
                 else 0) - fewer
        if word.isdigit():
            return []
        if len(word) > MAX_TYPO_WORD:
            limit = 0
        at, end = self._range(word[0])
        found = []
        for spelled, term in zip(self.terms[at:end], self._fts_terms[at:end], strict=True):
            if spelled.startswith(word) if prefix else spelled == word:
                if spelled != term:
                    found.append(term)  # the same word to Meilisearch
            elif limit >= 1 and edit_distance(word, spelled, limit, prefix) <= limit:
                found.append(term)
        if limit == 2:
            found += self._first_letter_typos(word, prefix)
        return found


@dataclass(frozen=True)
class SearchWord:
    word: str
    prefix: bool  # the last word: it matches the beginning of a term
    alternatives: list[str] = field(default_factory=list)  # whole terms or phrases


@dataclass(frozen=True)
class SearchText:
    """What a query's text asks: every word (or one of its alternatives) must match; a
    run of two or three words may instead match as one: the words written together
    ("b e" finds "behaviour"), or a synonym of the run (``runs``)."""

    words: list[SearchWord]
    runs: dict[tuple[int, int], SearchWord]  # (first word, number of words) → the run


def best_split(word: str, typo_index: TypoIndex,
               pair_count: Callable[[str, str], int]) -> str | None:
    """The word cut in two indexed terms that stand side by side in the most entries
    ("antipestprogramma" → "anti pestprogramma", as in "anti-pestprogramma"), the first
    such cut on a tie; Meilisearch matches a word's best split as a phrase too."""
    best: tuple[int, str] | None = None
    for at in range(1, len(word)):
        left, right = word[:at], word[at:]
        if left in typo_index and right in typo_index:
            count = pair_count(left, right)
            if count and (best is None or count > best[0]):
                best = (count, f"{left} {right}")
    return best[1] if best else None


def search_text(text: str, synonyms: dict[str, list[str]], typo_index: TypoIndex | None,
                pair_count: Callable[[str, str], int] | None = None) -> SearchText:
    """The search words of ``text`` with their typo derivations, best split and synonyms
    (``pair_count(left, right)``: in how many entries the two terms stand side by side)."""
    words = search_words(text)
    lookup = {" ".join(tokens(key)): [" ".join(tokens(v)) for v in values]
              for key, values in synonyms.items()}
    parsed: list[SearchWord] = []
    for position, word in enumerate(words):
        prefix = position == len(words) - 1
        alternatives = typo_index.typos(word, prefix) if typo_index else []
        if prefix and typo_index and any(stop.startswith(word) for stop in STOP_WORDS):
            # An FTS5 prefix query would also find the stop words, which Meilisearch
            # does not index: name the terms the prefix stands for instead.
            alternatives = typo_index.starting_with(word) + alternatives
            prefix = False
        split = best_split(word, typo_index, pair_count) if typo_index and pair_count else None
        for extra in [*([split] if split else []), *lookup.get(word, [])]:
            if extra not in alternatives:
                alternatives.append(extra)
        parsed.append(SearchWord(word, prefix, alternatives))
    runs = {}
    for start in range(len(words)):
        for length in range(2, MAX_PHRASE_WORDS + 1):
            if start + length > len(words):
                break
            # Meilisearch allows a run one typo less per extra word.
            joined = "".join(words[start:start + length])
            prefix = start + length == len(words)
            alternatives = typo_index.typos(joined, prefix, length - 1) if typo_index else []
            if prefix and typo_index and any(stop.startswith(joined) for stop in STOP_WORDS):
                alternatives = typo_index.starting_with(joined) + alternatives
                prefix = False
            alternatives += lookup.get(" ".join(words[start:start + length]), [])
            runs[(start, length)] = SearchWord(joined, prefix, alternatives)
    return SearchText(parsed, runs)


# School-type words (docs/search.md): a school says "vmbo" or "groep 7" and means a kind
# of school or an age, which the entries record as school types and an age range, not as
# words in their text. Such words become filters, not search words. Keys are folded
# words; values are school type keys of catalogue/vocabularies.yaml.
SCHOOL_TYPE_WORDS = {
    "po": "po", "basisschool": "po", "basisonderwijs": "po", "primair onderwijs": "po",
    "sbo": "po", "primary school": "po", "primary education": "po",
    "vo": "vo", "middelbare school": "vo", "voortgezet onderwijs": "vo", "vmbo": "vo",
    "mavo": "vo", "havo": "vo", "vwo": "vo", "gymnasium": "vo", "atheneum": "vo",
    "brugklas": "vo", "secondary school": "vo", "secondary education": "vo",
    "so": "so", "speciaal onderwijs": "so", "special education": "so",
    "vso": "vso", "voortgezet speciaal onderwijs": "vso",
    "mbo": "mbo",
}
# A year of school and the age of its pupils at the start of it: groep 1-8 of primary
# school (a pupil of groep N is N + 3 to N + 4), leerjaar 1-6 of secondary school (12 to
# 18); the brugklas is leerjaar 1.
YEAR_WORDS: dict[str, tuple[range, int]] = {"groep": (range(1, 9), 3),
                                            "leerjaar": (range(1, 7), 11)}
BRUGKLAS_AGE = 12


@dataclass(frozen=True)
class SchoolWords:
    """A query's school-type and year words, and the rest of its text."""

    text: str
    school_types: list[str]
    age: int | None
    recognized: list[tuple[str, str, str | int]]  # (words, filter, value)


def school_words(text: str) -> SchoolWords:
    words = tokens(text)
    rest: list[str] = []
    school_types: list[str] = []
    age: int | None = None
    recognized: list[tuple[str, str, str | int]] = []
    at = 0
    while at < len(words):
        for length in (3, 2, 1):
            phrase = " ".join(words[at:at + length])
            if at + length <= len(words) and phrase in SCHOOL_TYPE_WORDS:
                school_type = SCHOOL_TYPE_WORDS[phrase]
                recognized.append((phrase, "school_type", school_type))
                if school_type not in school_types:
                    school_types.append(school_type)
                if phrase == "brugklas" and age is None:
                    age = BRUGKLAS_AGE
                    recognized.append((phrase, "age", age))
                at += length
                break
        else:
            word = words[at]
            following = words[at + 1] if at + 1 < len(words) else ""
            years, offset = YEAR_WORDS.get(word, (range(0), 0))
            if following.isdigit() and int(following) in years:
                phrase = f"{word} {following}"
                recognized.append((phrase, "age", int(following) + offset))
                if age is None:
                    age = int(following) + offset
                if word == "leerjaar" and "vo" not in school_types:
                    school_types.append("vo")
                    recognized.append((phrase, "school_type", "vo"))
                at += 2
            else:
                rest.append(word)
                at += 1
    return SchoolWords(" ".join(rest), school_types, age, recognized)


# Highlights: SQLite marks matches with characters no catalogue text holds, so that a
# "<mark>" written in a summary can never be taken for a match.
OPEN, CLOSE = "\x02", "\x03"
CROP_WORDS = 24  # as Meilisearch's cropLength (search/engine.py)


def split_marked(marked: str, at: int) -> tuple[str, str]:
    """A marked text cut at position ``at`` of the unmarked text; the character there
    (the separator of the two parts) is left out."""
    seen = 0
    for index, char in enumerate(marked):
        if char in (OPEN, CLOSE):
            continue
        if seen == at:
            return marked[:index], marked[index + 1:]
        seen += 1
    return marked, ""


def crop(marked: str, words: int = CROP_WORDS) -> str:
    """At most ``words`` words of a marked text, from a little before its first match;
    "…" where text was cut."""
    parts = marked.split()
    if len(parts) <= words:
        return " ".join(parts)
    first = next((i for i, part in enumerate(parts) if OPEN in part), 0)
    start = max(0, min(first - words // 4, len(parts) - words))
    window = " ".join(parts[start:start + words])
    if window.count(OPEN) > window.count(CLOSE):
        window += CLOSE  # a marked phrase cut off at the end
    if window.find(CLOSE) < window.find(OPEN) or (CLOSE in window and OPEN not in window):
        window = OPEN + window  # … or at the beginning
    return ("…" if start > 0 else "") + window + ("…" if start + words < len(parts) else "")


def as_html(marked: str) -> str:
    return marked.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
