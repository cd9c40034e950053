"""A listing page's items: the presented stored documents, in the order of the ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from interventions_api.db.load import load_catalogue
from interventions_api.db.repository import Repository, connect
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.services.listing_items import listing_items
from interventions_api.services.presenters import present_item
from tests.conftest import read_ok

DAY = dt.date(2026, 11, 28)


def all_ids(db_path: Path) -> list[str]:
    with connect(db_path) as conn:
        return Repository(conn).ids()


def test_items_are_what_the_presenter_makes_for_every_entry_and_language(
    loaded_db: Path,
) -> None:
    context = catalogue_context(loaded_db)
    ids = all_ids(loaded_db)
    with connect(loaded_db) as conn:
        documents = Repository(conn).documents(ids)
    highlights = {"kiva": {"name": "<mark>KiVa</mark> “één”", "summary": ""}}
    for lang in ("nl", "en"):
        page = listing_items(loaded_db, ids, context, lang, DAY, highlights)
        assert page == [present_item(documents[i], context, lang, highlights.get(i), DAY)
                        for i in ids]


def test_order_follows_the_ids_and_unknown_ids_are_left_out(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    page = listing_items(loaded_db, ["taakspel", "no-such-entry", "kiva"], context, "nl",
                         DAY, {})
    assert [item["id"] for item in page] == ["taakspel", "kiva"]
    assert all(item["highlight"] is None for item in page)


def test_a_highlight_belongs_to_its_request_only(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    first = listing_items(loaded_db, ["kiva"], context, "nl", DAY,
                          {"kiva": {"name": "x", "summary": ""}})
    again = listing_items(loaded_db, ["kiva"], context, "nl", DAY, {})
    assert first[0]["highlight"] == {"name": "x", "summary": ""}
    assert again[0]["highlight"] is None


def test_freshness_is_relative_to_the_day_asked_for(loaded_db: Path) -> None:
    context = catalogue_context(loaded_db)
    ids = all_ids(loaded_db)
    now = listing_items(loaded_db, ids, context, "nl", DAY, {})
    later = listing_items(loaded_db, ids, context, "nl", DAY + dt.timedelta(days=6 * 366), {})
    # Reviews are due five years on: six years later every entry is stale.
    assert False in [i["freshness"]["stale"] for i in now]
    assert [i["freshness"]["stale"] for i in later] == [True] * len(ids)


def test_a_load_that_replaces_the_file_is_seen_by_the_next_page(
    make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = tmp_path / "swap.db"
    load_catalogue(read_ok(root), db_path)
    before = listing_items(db_path, ["kiva"], catalogue_context(db_path), "nl", DAY, {})
    entry = root / "interventions" / "kiva.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("name: KiVa", "name: KiVa NL", 1),
                     encoding="utf-8")
    load_catalogue(read_ok(root), db_path)
    after = listing_items(db_path, ["kiva"], catalogue_context(db_path), "nl", DAY, {})
    assert (before[0]["name"], after[0]["name"]) == ("KiVa", "KiVa NL")
