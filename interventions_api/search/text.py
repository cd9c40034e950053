"""Query text for the SQLite engine: synonyms (phrases too) and typo tolerance.

Meilisearch brings both itself; SQLite FTS5 has neither. To answer alike, the SQLite
search expands each query word with
- corrections: indexed terms within edit distance 1 (words of 5+ letters) or 2 (9+
  letters) — Meilisearch's default thresholds — for words that match no indexed term
  (not even as a prefix); numbers are never corrected;
- synonyms from ``catalogue/synonyms.yaml``, for single words and for phrases of up to
  four words, looked up for the word as typed and for its corrections.

Lookups never compare a word with every term: a term one edit away shares a variant with
one letter deleted (the "symmetric delete" method, a few dictionary hits), and a term two
edits away shares all but four of the word's letter pairs (an inverted index of letter
pairs narrows the candidates before the exact distance is computed). The structures are
built from the FTS5 vocabulary as soon as a loaded catalogue is read (services/
catalogue_context.py), never by the first search. A term has as many one-letter
deletions as letters, each nearly as long, so its cost grows with the square of its
length: words longer than ``MAX_TYPO_WORD`` are neither corrected nor corrections, and one
long "word" in a catalogue value cannot make the index costly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

ONE_TYPO_MIN = 5
TWO_TYPOS_MIN = 9
MAX_CORRECTIONS = 4
MAX_PHRASE_WORDS = 4
MAX_TYPO_WORD = 40  # letters; the longest Dutch words in the catalogue have about 25
_TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without diacritics, as FTS5's ``unicode61 remove_diacritics 2`` sees it."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _deletes(word: str, count: int) -> set[str]:
    """``word`` and every variant of it with up to ``count`` letters deleted."""
    variants = {word}
    for n in range(1, min(count, len(word) - 1) + 1):
        for positions in combinations(range(len(word)), n):
            variants.add("".join(ch for i, ch in enumerate(word) if i not in positions))
    return variants


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
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
    return previous[-1]


def _bigrams(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)}


class TypoIndex:
    """The indexed terms, with lookup structures for fast typo corrections."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = sorted({t for t in terms if t and not t.isdigit()})
        # One typo: terms by their one-letter deletion variants.
        self._variants: dict[str, set[str]] = {}
        # Two typos: terms by the letter pairs they contain.
        self._by_bigram: dict[str, list[str]] = {}
        for term in self.terms:
            if not ONE_TYPO_MIN - 1 <= len(term) <= MAX_TYPO_WORD + 2:
                continue
            for variant in _deletes(term, 1):
                self._variants.setdefault(variant, set()).add(term)
            if len(term) >= TWO_TYPOS_MIN - 2:
                for bigram in _bigrams(term):
                    self._by_bigram.setdefault(bigram, []).append(term)

    def has_prefix(self, word: str) -> bool:
        """Whether some indexed term is ``word`` or starts with it."""
        at = bisect.bisect_left(self.terms, word)
        return at < len(self.terms) and self.terms[at].startswith(word)

    def _one_edit_candidates(self, word: str) -> set[str]:
        """Terms one edit away share a variant with one letter deleted."""
        found: set[str] = set()
        for variant in _deletes(word, 1):
            found |= self._variants.get(variant, set())
        return found

    def _two_edit_candidates(self, word: str) -> set[str]:
        """Each edit removes at most two of a word's distinct letter pairs, so a term two
        edits away still shares all but four of them (the q-gram lemma)."""
        pairs = _bigrams(word)
        shared: Counter[str] = Counter()
        for pair in pairs:
            shared.update(self._by_bigram.get(pair, ()))
        need = len(pairs) - 4
        return {term for term, count in shared.items()
                if count >= need and abs(len(term) - len(word)) <= 2}

    def corrections(self, word: str) -> list[str]:
        """Indexed terms within the allowed distance of an unknown word, closest first."""
        if (not ONE_TYPO_MIN <= len(word) <= MAX_TYPO_WORD or word.isdigit()
                or self.has_prefix(word)):
            return []
        limit = 2 if len(word) >= TWO_TYPOS_MIN else 1
        candidates = (self._two_edit_candidates(word) if limit == 2
                      else self._one_edit_candidates(word))
        scored = sorted((edit_distance(word, term, limit), term) for term in candidates)
        return [term for distance, term in scored if distance <= limit][:MAX_CORRECTIONS]


def expansions(text: str, synonyms: dict[str, list[str]],
               typo_index: TypoIndex | None) -> dict[str, list[str]]:
    """Query word → extra words and phrases to OR in (the input of ``fts_query``)."""
    words = tokens(text)
    alternatives: list[list[str]] = []
    extra: dict[str, list[str]] = {}
    for word in words:
        corrected = typo_index.corrections(word) if typo_index else []
        alternatives.append([word, *corrected])
        for term in corrected:
            _add(extra, word, term)
    folded_synonyms = {fold(key): [fold(v) for v in values] for key, values in synonyms.items()}
    for start in range(len(words)):
        for length in range(1, MAX_PHRASE_WORDS + 1):
            if start + length > len(words):
                break
            for phrase in _phrases(alternatives[start:start + length]):
                for synonym in folded_synonyms.get(phrase, []):
                    _add(extra, words[start], synonym)
    return extra


def _phrases(options: list[list[str]]) -> Iterable[str]:
    """Each way to spell the words: as typed, or with one of their corrections."""
    if not options:
        yield ""
        return
    for head in options[0]:
        for rest in _phrases(options[1:]):
            yield f"{head} {rest}".strip()


def _add(extra: dict[str, list[str]], word: str, addition: str) -> None:
    values = extra.setdefault(word, [])
    if addition != word and addition not in values:
        values.append(addition)

