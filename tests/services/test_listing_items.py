"""Presented listing items are cached as JSON per database file, language and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from interventions_api.db.load import load_catalogue
from interventions_api.db.repository import Repository, connect
from interventions_api.json_bytes import dumps
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.services.listing_items import PresentedItems, presented_items
from interventions_api.services.presenters import present_item
from tests.conftest import read_ok

DAY = dt.date(2026, 11, 28)


def parsed(page: list[bytes] | None) -> list[dict[str, Any]]:
    assert page is not None
    return [orjson.loads(item) for item in page]


def all_ids(db_path: Path) -> list[str]:
    with connect(db_path) as conn:
        return Repository(conn).ids()


def test_items_are_the_json_of_what_the_presenter_makes_for_every_entry_and_language(
    loaded_db: Path,
) -> None:
    context = catalogue_context(loaded_db)
    ids = all_ids(loaded_db)
    with connect(loaded_db) as conn:
        documents = Repository(conn).documents(ids)
    cache = PresentedItems(loaded_db)
    highlights = {"kiva": {"name": "<mark>KiVa</mark> “één”", "summary": ""}}
    for lang in ("nl", "en"):
        for _ in range(2):  # from the database, then from the cache
            page = cache.page(ids, context, lang, DAY, highlights)
            # Byte for byte what the response encoder makes of the presented dict.
            assert page == [dumps(present_item(documents[i], context, lang,
                                               highlights.get(i), DAY))
                            for i in ids]


def test_order_follows_the_ids_and_unknown_ids_are_left_out(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    page = PresentedItems(loaded_db).page(["taakspel", "no-such-entry", "kiva"], context,
                                          "nl", DAY, {})
    assert [item["id"] for item in parsed(page)] == ["taakspel", "kiva"]
    assert all(item["highlight"] is None for item in parsed(page))


def test_a_highlight_belongs_to_its_request_only(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    cache = PresentedItems(loaded_db)
    first = cache.page(["kiva"], context, "nl", DAY, {"kiva": {"name": "x", "summary": ""}})
    again = cache.page(["kiva"], context, "nl", DAY, {})
    assert parsed(first)[0]["highlight"] == {"name": "x", "summary": ""}
    assert parsed(again)[0]["highlight"] is None


def test_freshness_is_relative_to_the_day_asked_for(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    cache = PresentedItems(loaded_db)
    ids = all_ids(loaded_db)
    now = cache.page(ids, context, "nl", DAY, {})
    later = cache.page(ids, context, "nl", DAY + dt.timedelta(days=6 * 366), {})
    # Reviews are due five years on: six years later every entry is stale.
    assert False in [i["freshness"]["stale"] for i in parsed(now)]
    assert [i["freshness"]["stale"] for i in parsed(later)] == [True] * len(ids)


def test_the_cache_holds_at_most_its_bound_and_keeps_the_newest(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    cache = PresentedItems(loaded_db, max_items=5)
    ids = all_ids(loaded_db)
    for start in range(0, 20, 4):
        cache.page(ids[start:start + 4], context, "nl", DAY, {})
        assert len(cache) <= 5
    assert len(cache) == 5
    # The page stored last is the one kept; the first pages are gone.
    assert cache.cached_page(ids[16:20], "nl", DAY, {}) is not None
    assert cache.cached_page(ids[0:4], "nl", DAY, {}) is None
    # A page larger than the bound is still served whole.
    assert len(cache.page(ids[:12], context, "en", DAY, {})) == 12


def test_a_load_that_replaces_the_file_is_seen_by_the_next_page(
    make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = tmp_path / "swap.db"
    load_catalogue(read_ok(root), db_path)
    context = catalogue_context(db_path)
    before = presented_items(db_path).page(["kiva"], context, "nl", DAY, {})
    entry = root / "interventions" / "kiva.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("name: KiVa", "name: KiVa NL", 1),
                     encoding="utf-8")
    load_catalogue(read_ok(root), db_path)
    context = catalogue_context(db_path)
    after = presented_items(db_path).page(["kiva"], context, "nl", DAY, {})
    assert (parsed(before)[0]["name"], parsed(after)[0]["name"]) == ("KiVa", "KiVa NL")
