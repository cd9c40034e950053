"""Requests on the real catalogue whose answers are known to be non-empty."""

from __future__ import annotations

from urllib.parse import urlencode

from bench.driver import Request

SEARCHES = ("pesten", "bullying", "online pesten", "weerbaarheid", "kiva", "taakspel")
LISTINGS = (
    {"school_type": "po", "theme": "bullying"},
    {"level": "class", "min_evidence": "first_indications"},
    {"school_type": "vo"},
    {},
)


def search_requests() -> list[Request]:
    return [Request("search", "/v1/interventions?" + urlencode({"q": q})) for q in SEARCHES]


def listing_requests() -> list[Request]:
    return [Request("list", "/v1/interventions?" + urlencode(params)) for params in LISTINGS]


def traffic() -> list[Request]:
    """Searches and listings interleaved, with a detail page now and then."""
    mix: list[Request] = []
    for index, search in enumerate(search_requests()):
        mix += [search, listing_requests()[index % len(LISTINGS)]]
        if index % 2 == 0:
            mix.append(Request("detail", "/v1/interventions/kiva"))
    return mix
