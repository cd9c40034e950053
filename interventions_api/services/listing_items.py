"""The items of a listing page: the stored documents of its ids, presented in the
request's language, with each item's highlight and freshness as of the request's day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..db.repository import Repository, connect
from ..query import DEFAULT_CONCERN
from .catalogue_context import CatalogueContext
from .presenters import present_item


def listing_items(db_path: Path, ids: list[str], context: CatalogueContext, lang: str,
                  today: dt.date, highlights: dict[str, dict[str, str]],
                  concern: str = DEFAULT_CONCERN) -> list[dict[str, Any]]:
    """The items of ``ids`` in that order; ids not in the database are left out (a load
    may have replaced the file since the search engine answered)."""
    with connect(db_path) as conn:
        documents = Repository(conn).documents(ids)
    return [present_item(documents[i], context, lang, highlights.get(i), today, concern)
            for i in ids if i in documents]
