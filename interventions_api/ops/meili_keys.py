"""The API's Meilisearch key: made with a fixed uid, and checked for what it can do.

Meilisearch derives the value of a key from its uid and the master key
(HMAC-SHA256, hex), so a key created with a fixed uid has the same value on every
instance that shares the master key, and the key can be recreated after a volume loss
without reconfiguring the API. The API must hold a key that can only search; it checks
that by asking Meilisearch, with requests that change nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchApiError

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


@dataclass
class KeyCapabilities:
    """What a key may do, as Meilisearch answered the probes."""

    can_search: bool
    beyond_search: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Each probe asks for something a search-only key is refused (403 invalid_api_key) and
# that changes nothing when it is allowed: reads, or writes with a body Meilisearch
# rejects (400) before it creates any task. Meilisearch checks the key first, so the
# status tells the permission apart (checked against a real 1.21 in tests/deploy).
_INVALID = {"noSuchField": 1}


def _probes(client: meilisearch.Client, index: str) -> list[tuple[str, Any]]:
    http = client.http
    return [
        ("keys.get (list the keys)", lambda: http.get("keys?limit=1")),
        ("tasks.get (read the task queue)", lambda: http.get("tasks?limit=1")),
        ("documents.add (write documents)", lambda: http.post(f"indexes/{index}/documents",
                                                                b"")),
        ("documents.delete (delete documents)",
         lambda: http.post(f"indexes/{index}/documents/delete", _INVALID)),
        ("settings.update (change index settings)",
         lambda: http.patch(f"indexes/{index}/settings", _INVALID)),
        ("indexes.create (create indexes)", lambda: http.post("indexes", {})),
    ]


def api_indexes(index: str) -> list[str]:
    """Every index the API searches: the live one and the sync-state one beside it."""
    return [index, state_index(index)]


def _status(request: Any) -> int:
    """The status Meilisearch answers ``request()`` with; a failing server raises."""
    try:
        request()
    except MeilisearchApiError as exc:
        if exc.status_code >= 500:
            raise
        return exc.status_code
    return 200


def probe_key(url: str, api_key: str, index: str, *, timeout: int = 5) -> KeyCapabilities:
    """Ask Meilisearch what ``api_key`` may do. Raises one of ``MEILI_ERRORS`` when it is
    unreachable or failing (the caller decides whether to wait)."""
    capabilities = KeyCapabilities(can_search=True)
    client = admin_client(url, api_key, timeout)
    for uid in api_indexes(index):
        try:
            client.index(uid).search("", {"limit": 0})
        except MeilisearchApiError as exc:
            if exc.status_code >= 500:
                raise
            if exc.code == "index_not_found":
                capabilities.notes.append(f"index '{uid}' does not exist yet")
            else:
                capabilities.can_search = False
                capabilities.notes.append(f"may not search '{uid}': {describe(exc, url)}")
    for label, request in _probes(client, index):
        if _status(request) not in (401, 403):
            capabilities.beyond_search.append(label)
    return capabilities


def write_secret(path: Path, value: str) -> None:
    """Write ``value`` to ``path``, readable by its owner only, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.replace(staging, path)
