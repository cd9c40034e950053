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

import httpx

from ..errors import ConfigurationError

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


def _client(url: str, api_key: str, timeout: float) -> httpx.Client:
    return httpx.Client(base_url=url.rstrip("/"), timeout=timeout,
                        headers={"Authorization": f"Bearer {api_key}"})


def _error(response: httpx.Response) -> str:
    try:
        body: Any = response.json()
        return f"{response.status_code} {body.get('code')}: {body.get('message')}"
    except ValueError:
        return f"{response.status_code}"


def ensure_search_key(url: str, admin_key: str, uid: str, indexes: list[str],
                      *, timeout: float = 10.0) -> SearchKey:
    """Create the search-only key ``uid`` (idempotent); returns its value.

    A key with that uid but other actions or indexes is deleted and made again: its
    value stays the same, so nothing that already holds it needs to change.
    """
    wanted = {"uid": uid, "name": "interventions-api search",
              "description": "Search-only key of the interventions API (made by "
                             "'interventions create-search-key').",
              "actions": SEARCH_ACTIONS, "indexes": indexes, "expiresAt": None}
    try:
        with _client(url, admin_key, timeout) as client:
            existing = client.get(f"/keys/{uid}")
            if existing.status_code == 200:
                body = existing.json()
                if sorted(body["actions"]) == SEARCH_ACTIONS and \
                        sorted(body["indexes"]) == sorted(indexes) and body["expiresAt"] is None:
                    return SearchKey(uid, body["key"], body["indexes"], created=False)
                deleted = client.delete(f"/keys/{uid}")
                if deleted.status_code != 204:
                    raise ConfigurationError(f"cannot replace key {uid}: {_error(deleted)}")
            elif existing.status_code != 404:
                raise ConfigurationError(f"cannot read key {uid} (the key used needs "
                                         f"keys.get and keys.create): {_error(existing)}")
            created = client.post("/keys", json=wanted)
            if created.status_code != 201:
                raise ConfigurationError(f"cannot create key {uid}: {_error(created)}")
            body = created.json()
            return SearchKey(uid, body["key"], body["indexes"], created=True)
    except httpx.HTTPError as exc:
        raise ConfigurationError(f"Meilisearch at {url} did not answer: {exc}") from exc


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


def _probes(index: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [
        ("keys.get (list the keys)", "GET", "/keys", {"params": {"limit": 1}}),
        ("tasks.get (read the task queue)", "GET", "/tasks", {"params": {"limit": 1}}),
        ("documents.add (write documents)", "POST", f"/indexes/{index}/documents",
         {"content": b"", "headers": {"Content-Type": "application/json"}}),
        ("documents.delete (delete documents)", "POST",
         f"/indexes/{index}/documents/delete", {"json": _INVALID}),
        ("settings.update (change index settings)", "PATCH", f"/indexes/{index}/settings",
         {"json": _INVALID}),
        ("indexes.create (create indexes)", "POST", "/indexes", {"json": {}}),
    ]


def api_indexes(index: str) -> list[str]:
    """Every index the API searches: the live one and the sync-state one beside it."""
    from ..search.sync import state_index

    return [index, state_index(index)]


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 500:
        raise httpx.HTTPStatusError(f"Meilisearch answered {response.status_code}",
                                    request=response.request, response=response)
    return response


def probe_key(url: str, api_key: str, index: str, *, timeout: float = 5.0) -> KeyCapabilities:
    """Ask Meilisearch what ``api_key`` may do. Raises ``httpx.HTTPError`` when it is
    unreachable or failing (the caller decides whether to wait)."""
    capabilities = KeyCapabilities(can_search=True)
    with _client(url, api_key, timeout) as client:
        for uid in api_indexes(index):
            search = _checked(client.post(f"/indexes/{uid}/search", json={"q": "", "limit": 0}))
            if search.status_code == 404:
                capabilities.notes.append(f"index '{uid}' does not exist yet")
            elif search.status_code != 200:
                capabilities.can_search = False
                capabilities.notes.append(f"may not search '{uid}': {_error(search)}")
        for label, method, path, options in _probes(index):
            response = _checked(client.request(method, path, **options))
            if response.status_code not in (401, 403):
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
