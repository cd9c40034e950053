"""The Meilisearch index settings, derived from the document shape and the query model.

Every choice here is deliberate:
- searchable attributes in the order a match should count: the name, then other names
  people use, the summaries, the theme and approach labels, the provider;
- filterable attributes: exactly the fields the query model filters and facets on (a
  drift test holds them to ``QUERY_FILTER_FIELDS`` and ``FACET_FIELDS``);
- ranking: ``sort`` first, so an explicit ``sort=evidence|name`` orders strictly like
  SQLite does (without a sort parameter the rule does nothing); then the built-in
  relevance rules; then stronger evidence first among equally relevant hits, and name and
  id to make the order total (the same tie-breakers as the SQLite query);
- typo tolerance on words, never on numbers (``disableOnNumbers``: "groep 7" must not
  match "groep 1");
- synonyms from ``catalogue/synonyms.yaml`` (stored in SQLite by the load);
- stop words from ``search/stop_words.txt``, the list SQLite's query building drops
  (search/text.py);
- Dutch and English summaries declared as such (no auto-detection on short text);
- facets sorted by count and never truncated for our vocabulary sizes.
"""

from __future__ import annotations

from typing import Any

from .documents import FACET_FIELDS, QUERY_FILTER_FIELDS
from .text import STOP_WORDS

PRIMARY_KEY = "id"

SEARCHABLE_ATTRIBUTES = [
    "name",
    "aliases",
    "summary_nl",
    "summary_en",
    "theme_labels",
    "approach_labels",
    "provider",
]

FILTERABLE_ATTRIBUTES = sorted(
    {field for fields in QUERY_FILTER_FIELDS.values() for field in fields}
    | set(FACET_FIELDS.values())
    | {"status"}
)

SORTS: dict[str, list[str]] = {
    "evidence": ["evidence_rank:desc", "name_sort:asc", "id:asc"],
    "name": ["name_sort:asc", "id:asc"],
    # {concern} is the query's concern (InterventionQuery.concern); the same order as the
    # SQLite listing: verdict, then evidence level.
    "effect": ["effect_rank.{concern}:desc", "evidence_rank:desc", "name_sort:asc", "id:asc"],
}
# A topical query (effects.topic_concern): the verdict on the topic first, then the
# relevance rules (a single topic word matches every hit alike).
TOPIC_SORT = ["effect_rank.{concern}:desc"]
# `effect_rank` makes every `effect_rank.<concern>` sortable.
SORTABLE_ATTRIBUTES = sorted({rule.split(":")[0].split(".")[0]
                              for rules in [*SORTS.values(), TOPIC_SORT] for rule in rules})

RANKING_RULES = [
    "sort",
    "words",
    "typo",
    "proximity",
    "attribute",
    "exactness",
    "evidence_rank:desc",
    "name_sort:asc",
    "id:asc",
]

MAX_TOTAL_HITS = 10_000
MAX_FACET_VALUES = 1_000


def index_settings(synonyms: dict[str, list[str]]) -> dict[str, Any]:
    """The full settings body for ``PATCH /indexes/{uid}/settings``."""
    return {
        "searchableAttributes": SEARCHABLE_ATTRIBUTES,
        "displayedAttributes": ["*"],
        "filterableAttributes": FILTERABLE_ATTRIBUTES,
        "sortableAttributes": SORTABLE_ATTRIBUTES,
        "rankingRules": RANKING_RULES,
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            "disableOnNumbers": True,
        },
        "synonyms": {term: sorted(others) for term, others in sorted(synonyms.items())},
        "stopWords": sorted(STOP_WORDS),
        "localizedAttributes": [
            {"locales": ["nld"], "attributePatterns": ["summary_nl"]},
            {"locales": ["eng"], "attributePatterns": ["summary_en"]},
        ],
        "faceting": {"maxValuesPerFacet": MAX_FACET_VALUES, "sortFacetValuesBy": {"*": "count"}},
        "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
    }
