"""Listing items, presented and serialized once per database file, language and day.

Parsing an entry's stored document and presenting it (labels, ratings, warnings,
freshness) was about a third of a search's time in Python (docs/benchmarks.md), and the
same entries come back page after page. An entry changes only when a load replaces the
database file, so the presented items live in a per-file cache (``PerDatabaseFile``: a
new file starts an empty one). The day is part of the key because freshness is relative
to today. Bounded, oldest out first: a 10,000-entry catalogue in two languages would
otherwise hold every entry twice.

Items are kept as JSON, not as dicts: serializing a page of twenty (some forty
kilobytes) on every request was about a sixth of a search's Python time in cProfile
(docs/benchmarks.md). Only the highlight differs per request, and it is the item's last
key, so a page is the cached JSON of each item with its highlight appended: the same
bytes as serializing the presented dict.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from ..db.cache import PerDatabaseFile
from ..db.repository import Repository, connect
from ..json_bytes import dumps
from .catalogue_context import CatalogueContext
from .presenters import present_item

MAX_ITEMS = 4_000

ItemKey = tuple[str, str, dt.date]  # id, language, day


def item_head(item: dict[str, Any]) -> bytes:
    """The item's JSON up to its highlight: the object without its closing brace. The
    presenter puts ``highlight`` last (services/presenters.py)."""
    fields = dict(item)
    del fields["highlight"]
    return dumps(fields)[:-1]


def with_highlight(head: bytes, highlight: dict[str, str] | None) -> bytes:
    """A cached item completed with the request's highlight (null when none)."""
    return b"".join((head, b',"highlight":',
                     dumps(highlight) if highlight else b"null", b"}"))


class PresentedItems:
    """The presented items of one database file, as JSON (``item_head``)."""

    def __init__(self, db_path: Path, max_items: int = MAX_ITEMS) -> None:
        self.db_path = db_path
        self.max_items = max_items
        self._items: dict[ItemKey, bytes] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def page(self, ids: list[str], context: CatalogueContext, lang: str, today: dt.date,
             highlights: dict[str, dict[str, str]]) -> list[bytes]:
        """The JSON of the items of ``ids`` in that order, each with its highlight; ids
        not in the database are left out."""
        missing = [i for i in ids if (i, lang, today) not in self._items]
        if missing:
            with connect(self.db_path) as conn:
                documents = Repository(conn).documents(missing)
            self._store({(i, lang, today):
                         item_head(present_item(document, context, lang, None, today))
                         for i, document in documents.items()})
        return self._assemble(ids, lang, today, highlights, skip_missing=True) or []

    def cached_page(self, ids: list[str], lang: str, today: dt.date,
                    highlights: dict[str, dict[str, str]]) -> list[bytes] | None:
        """The page if every item of it is cached (no database read), else None."""
        return self._assemble(ids, lang, today, highlights, skip_missing=False)

    def _assemble(self, ids: list[str], lang: str, today: dt.date,
                  highlights: dict[str, dict[str, str]],
                  skip_missing: bool) -> list[bytes] | None:
        page = []
        for i in ids:
            head = self._items.get((i, lang, today))
            if head is None:
                if skip_missing:
                    continue
                return None
            page.append(with_highlight(head, highlights.get(i)))
        return page

    def _store(self, items: dict[ItemKey, bytes]) -> None:
        with self._lock:
            self._items.update(items)
            # Oldest first out; the page just stored stays (it is the newest).
            excess = len(self._items) - max(self.max_items, len(items))
            for key in list(self._items)[:max(excess, 0)]:
                del self._items[key]


_caches: PerDatabaseFile[PresentedItems] = PerDatabaseFile(PresentedItems)


def presented_items(db_path: Path) -> PresentedItems:
    """The item cache of ``db_path``; a new one when a load replaced the file."""
    return _caches.get(db_path)
