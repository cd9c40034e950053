"""What production mode demands before the API serves: a Meilisearch key that can search
and do nothing else.

A leaked search key lets someone search a public catalogue; a leaked admin or master key
lets them rewrite or delete the index. The API only ever searches, so in production it
refuses to start with anything more.
"""

from __future__ import annotations

import logging
import time

from ..errors import ConfigurationError
from ..search.meili import MEILI_ERRORS, describe
from ..settings import Settings
from .meili_keys import KeyCapabilities, probe_key

log = logging.getLogger(__name__)


def check_production(settings: Settings, *, sleep: float = 1.0) -> KeyCapabilities | None:
    """Raise ``ConfigurationError`` unless the configured key is fit for production.

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
    deadline = time.monotonic() + settings.startup_check_timeout_s
    while True:
        try:
            capabilities = probe_key(settings.meili_url, settings.meili_api_key,
                                     settings.meili_index)
            break
        except MEILI_ERRORS as exc:
            problem = describe(exc, settings.meili_url)
            if time.monotonic() >= deadline:
                raise ConfigurationError(
                    f"cannot check the Meilisearch key: {settings.meili_url} did not answer "
                    f"within {settings.startup_check_timeout_s:g} s ({problem})") from exc
            log.info("waiting for Meilisearch to check the key", extra={"error": problem})
            time.sleep(sleep)
    if capabilities.beyond_search:
        raise ConfigurationError(
            "the Meilisearch key can do more than search ("
            + ", ".join(capabilities.beyond_search)
            + "); production needs a search-only key (see 'interventions create-search-key')")
    if not capabilities.can_search:
        raise ConfigurationError(
            "the Meilisearch key is not valid or may not search every index the API "
            "reads: " + "; ".join(capabilities.notes))
    for note in capabilities.notes:
        log.warning("production key check: %s", note)
    log.info("Meilisearch key is search-only", extra={"index": settings.meili_index})
    return capabilities
