"""The API's Meilisearch key: made with a fixed uid, and checked for what it can do.

Meilisearch derives the value of a key from its uid and the master key
(HMAC-SHA256, hex), so a key created with a fixed uid has the same value on every
instance that shares the master key, and the key can be recreated after a volume loss
without reconfiguring the API. The API must hold a key that can only search; it checks
that against the key's own description in Meilisearch (``excess_rights``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from meilisearch.errors import MeilisearchApiError
from meilisearch.models.key import Key

from ..errors import ConfigurationError
from ..search.meili import MEILI_ERRORS, admin_client, describe
from ..search.sync import state_index

SEARCH_ACTIONS = ["search"]


def derive_key(master_key: str, uid: str) -> str:
    """The value Meilisearch gives a key with this ``uid`` under this master key."""
    return hmac.new(master_key.encode(), uid.encode(), hashlib.sha256).hexdigest()


@dataclass
class SearchKey:
    uid: str
    key: str
    indexes: list[str]
    created: bool


def ensure_search_key(url: str, admin_key: str, uid: str, indexes: list[str],
                      *, timeout: int = 10) -> SearchKey:
    """Create the search-only key ``uid`` (idempotent); returns its value.

    A key with that uid but other actions or indexes is deleted and made again: its
    value stays the same, so nothing that already holds it needs to change.
    """
    wanted = {"uid": uid, "name": "interventions-api search",
              "description": "Search-only key of the interventions API (made by "
                             "'interventions create-search-key').",
              "actions": SEARCH_ACTIONS, "indexes": indexes, "expiresAt": None}
    client = admin_client(url, admin_key, timeout)
    try:
        try:
            existing = client.get_key(uid)
        except MeilisearchApiError as exc:
            if exc.status_code != 404:
                raise ConfigurationError(f"cannot read key {uid} (the key used needs "
                                         f"keys.get and keys.create): "
                                         f"{describe(exc, url)}") from exc
        else:
            if sorted(existing.actions) == SEARCH_ACTIONS and existing.expires_at is None \
                    and sorted(existing.indexes) == sorted(indexes):
                return SearchKey(uid, existing.key, existing.indexes, created=False)
            client.delete_key(uid)
        created = client.create_key(wanted)
        return SearchKey(uid, created.key, created.indexes, created=True)
    except MEILI_ERRORS as exc:
        raise ConfigurationError(f"cannot make key {uid}: {describe(exc, url)}") from exc


def api_indexes(index: str) -> list[str]:
    """Every index the API searches: the live one and the sync-state one beside it."""
    return [index, state_index(index)]


def excess_rights(actions: list[str], indexes: list[str], index: str) -> list[str]:
    """What a key with these ``actions`` on these ``indexes`` may do beyond what the API
    needs; empty for a fit key. An allow-list: anything but the action ``search`` on the
    API's own indexes is named, whatever Meilisearch version added it, and an index
    pattern (``*``, ``inter*``) counts as more indexes, as it covers indexes that do not
    exist yet."""
    extra = [f"action {action}" for action in sorted(set(actions) - set(SEARCH_ACTIONS))]
    allowed = set(api_indexes(index))
    extra += [f"index {uid}" for uid in sorted(set(indexes) - allowed)]
    return extra


def read_key(url: str, admin_key: str, api_key: str, *, timeout: int = 5) -> Key:
    """The description Meilisearch holds of ``api_key`` (its actions and indexes).

    Reading a key needs ``keys.get``, which a search-only key lacks by definition, so
    the admin key reads it. Raises one of ``MEILI_ERRORS`` (the caller decides whether
    to wait); ``MeilisearchApiError`` 404 when ``api_key`` is no key of this server."""
    return admin_client(url, admin_key, timeout).get_key(api_key)


def search_notes(url: str, api_key: str, index: str, *, timeout: int = 5) -> list[str]:
    """Why ``api_key`` cannot search the API's indexes (empty when it can); an index that
    does not exist yet is noted, not refused."""
    notes = []
    client = admin_client(url, api_key, timeout)
    for uid in api_indexes(index):
        try:
            client.index(uid).search("", {"limit": 0})
        except MeilisearchApiError as exc:
            if exc.status_code >= 500:
                raise
            notes.append(f"index '{uid}' does not exist yet" if exc.code == "index_not_found"
                         else f"may not search '{uid}': {describe(exc, url)}")
    return notes


def write_secret(path: Path, value: str) -> None:
    """Write ``value`` to ``path``, readable by its owner only, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.replace(staging, path)
