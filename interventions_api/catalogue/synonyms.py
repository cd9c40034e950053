"""``catalogue/synonyms.yaml``: words and phrases that mean the same to a searcher.

Editors maintain groups of equivalent terms; a search for any term of a group also finds
the others, on both engines (SQLite expands the query, Meilisearch gets them as its
``synonyms`` setting). The reader turns the groups into a mapping term → the other
terms of its group, which the load stores in SQLite (``catalogue_files``, name
``synonyms``) and ``interventions index`` sends to Meilisearch.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..search.text import STOP_WORDS, tokens
from .problems import Problem
from .yaml_source import YamlProblem, read_yaml

SYNONYMS_FILE = "synonyms.yaml"
# Meilisearch keeps at most 50 synonyms per term and silently drops the rest.
MAX_GROUP_SIZE = 50
MAX_TERM_LENGTH = 80
_ALLOWED = re.compile(r"^[\w][\w '\-]*$", re.UNICODE)


def normalise(term: str) -> str:
    """Lower case, single spaces: the form both engines compare."""
    return " ".join(term.casefold().split())


def read_synonyms(root: Path, display: str, problems: list[Problem]) -> dict[str, list[str]]:
    """The synonym mapping of the catalogue at ``root``; problems are appended.

    A catalogue without the file simply has no synonyms.
    """
    path = Path(root) / SYNONYMS_FILE
    if not path.exists():
        return {}
    try:
        doc = read_yaml(path, root)
    except YamlProblem as exc:
        problems.append(Problem(display, exc.position.line, exc.position.column, "",
                                exc.message, exc.rule))
        return {}
    except OSError as exc:
        problems.append(Problem(display, 1, 1, "", f"cannot read file: {exc}", "io"))
        return {}
    for found in doc.problems:
        problems.append(Problem(display, found.position.line, found.position.column, "",
                                found.message, found.rule))

    def report(loc: tuple[str | int, ...], message: str) -> None:
        position = doc.position_of(loc)
        text = ".".join(str(part) for part in loc)
        problems.append(Problem(display, position.line, position.column, text, message,
                                "synonyms"))

    data: Any = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        report((), "synonyms.yaml holds 'groups:', a list of groups of equivalent terms, "
                    "e.g. '- [pesten, bullying]'")
        return {}
    for key in data:
        if key != "groups":
            report((key,), f"unknown field '{key}'; allowed: groups")

    mapping: dict[str, list[str]] = {}
    first_group: dict[str, int] = {}
    for g, group in enumerate(data["groups"]):
        loc: tuple[str | int, ...] = ("groups", g)
        if not isinstance(group, list) or len(group) < 2:
            report(loc, "a group is a list of at least two equivalent terms, "
                         "e.g. [weerbaarheid, resilience]")
            continue
        if len(group) > MAX_GROUP_SIZE:
            report(loc, f"a group holds at most {MAX_GROUP_SIZE} terms "
                         f"(Meilisearch ignores the rest); this one has {len(group)}")
            continue
        terms: list[str] = []
        for t, raw in enumerate(group):
            if not isinstance(raw, str):
                report((*loc, t), f"a term is text; quote it: \"{raw}\"")
                continue
            term = normalise(raw)
            if not term or len(term) > MAX_TERM_LENGTH or not _ALLOWED.match(term):
                report((*loc, t), f"'{raw}' is not a search term: use letters, digits, "
                                   f"spaces, - and ', at most {MAX_TERM_LENGTH} characters")
                continue
            stop_words = [word for word in tokens(term) if word in STOP_WORDS]
            if stop_words:
                # Search drops stop words from the query, and Meilisearch cannot match a
                # phrase that holds one: such a term would never be found.
                report((*loc, t), f"'{raw}' holds the stop word '{stop_words[0]}', which "
                                   "search ignores; leave it out of the term")
                continue
            if term in terms:
                report((*loc, t), f"'{raw}' appears twice in this group")
                continue
            if term in first_group:
                report((*loc, t), f"'{raw}' is already in group {first_group[term] + 1} "
                                   "(line "
                                   f"{doc.position_of(('groups', first_group[term])).line}); "
                                   "merge the two groups")
                continue
            terms.append(term)
        for term in terms:
            first_group[term] = g
            mapping[term] = sorted(other for other in terms if other != term)
    return {term: others for term, others in sorted(mapping.items()) if others}
