"""What production mode demands before the API serves: a Meilisearch key that can search
and do nothing else.

A leaked search key lets someone search a public catalogue; a leaked admin or master key
lets them rewrite or delete the index. The API only ever searches, so in production it
refuses to start with anything more.

The check is an allow-list on the key's own description (its actions and indexes), not a
probe of some dangerous requests: only what the description says can be proven, and an
action a later Meilisearch adds is refused without this code knowing it. A search-only
key may not read its own description (that needs ``keys.get``), so the admin key
(``INTERVENTIONS_MEILI_ADMIN_KEY``) reads it, at startup only; docs/deploy.md says why.
"""

from __future__ import annotations

import logging
import time

from meilisearch.errors import MeilisearchApiError

from ..errors import ConfigurationError
from ..search.meili import MEILI_ERRORS, describe
from ..settings import Settings
from .meili_keys import excess_rights, read_key, search_notes

log = logging.getLogger(__name__)


def check_production(settings: Settings, *, sleep: float = 1.0) -> list[str] | None:
    """Raise ``ConfigurationError`` unless the configured key is fit for production; the
    notes of the check (indexes that do not exist yet).

    Does nothing outside production. Waits up to ``startup_check_timeout_s`` for
    Meilisearch to answer; if it never does, the key cannot be checked and the API does
    not start (fail closed).
    """
    if settings.environment != "production":
        return None
    if not settings.meili_url:
        raise ConfigurationError("production needs Meilisearch: set INTERVENTIONS_MEILI_URL")
    if not settings.meili_api_key:
        raise ConfigurationError(
            "production needs a search-only Meilisearch key: set INTERVENTIONS_MEILI_API_KEY "
            "or INTERVENTIONS_MEILI_API_KEY_FILE (see 'interventions create-search-key')")
    if not settings.meili_admin_key:
        raise ConfigurationError(
            "production checks what the Meilisearch key may do by reading its description, "
            "which needs a key with keys.get: set INTERVENTIONS_MEILI_ADMIN_KEY or "
            "INTERVENTIONS_MEILI_ADMIN_KEY_FILE (used at startup only)")
    deadline = time.monotonic() + settings.startup_check_timeout_s
    while True:
        try:
            key = read_key(settings.meili_url, settings.meili_admin_key,
                           settings.meili_api_key)
            notes = search_notes(settings.meili_url, settings.meili_api_key,
                                 settings.meili_index)
            break
        except MeilisearchApiError as exc:
            if exc.status_code >= 500 and time.monotonic() < deadline:
                time.sleep(sleep)
                continue
            if exc.status_code == 404:
                raise ConfigurationError(
                    "the Meilisearch key is none of the server's API keys: the master key "
                    "(which can do everything) or a deleted key; production needs a "
                    "search-only key (see 'interventions create-search-key')") from exc
            raise ConfigurationError(f"cannot read the Meilisearch key's description with "
                                     f"the admin key: {describe(exc, settings.meili_url)}"
                                     ) from exc
        except MEILI_ERRORS as exc:
            problem = describe(exc, settings.meili_url)
            if time.monotonic() >= deadline:
                raise ConfigurationError(
                    f"cannot check the Meilisearch key: {settings.meili_url} did not answer "
                    f"within {settings.startup_check_timeout_s:g} s ({problem})") from exc
            log.info("waiting for Meilisearch to check the key", extra={"error": problem})
            time.sleep(sleep)
    extra = excess_rights(key.actions, key.indexes, settings.meili_index)
    if extra:
        raise ConfigurationError(
            "the Meilisearch key can do more than search the API's indexes ("
            + ", ".join(extra)
            + "); production needs a search-only key (see 'interventions create-search-key')")
    refused = [note for note in notes if not note.endswith("does not exist yet")]
    if refused:
        raise ConfigurationError(
            "the Meilisearch key is not valid or may not search every index the API "
            "reads: " + "; ".join(refused))
    for note in notes:
        log.warning("production key check: %s", note)
    log.info("Meilisearch key is search-only", extra={"index": settings.meili_index})
    return notes
