"""Push the loaded catalogue (SQLite) to Meilisearch: always a full rebuild with an atomic
swap, so that the live index is either the old one or the new one, never half of each.

A fresh index gets the settings first (so documents are indexed once), then the
documents; every task is awaited and its status checked; only then is it swapped with
the live index in one atomic step and the old one deleted. Anything that fails before
the swap leaves the live index exactly as it was. The report compares the new documents
with the previous index by content hash, so an editor sees what changed.

The sync state (catalogue version, when) lives in a one-document index ``<index>_sync``
next to the live one, so a search-only key for ``<index>*`` can read it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchError
from meilisearch.models.task import TaskInfo

from ..db.repository import Repository, connect
from ..errors import LoadFailed
from ..services.catalogue_context import catalogue_context
from ..settings import Settings
from .documents import build_document
from .index_settings import PRIMARY_KEY, index_settings
from .meili import MEILI_ERRORS, admin_client, describe, load_failed, not_found

Progress = Callable[[str], None]

BATCH_SIZE = 1000  # documents per request
TASK_TIMEOUT_S = 600.0
STATE_ID = "state"


def state_index(index: str) -> str:
    return f"{index}_sync"


def build_prefix(index: str) -> str:
    return f"{index}_build_"


class TaskFailed(MeilisearchError):
    """An asynchronous task that ended failed or canceled."""


@dataclass
class SyncReport:
    index: str
    documents: int
    catalogue_version: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    tasks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        changes = (f"{len(self.added)} added, {len(self.updated)} changed, "
                   f"{len(self.removed)} removed, {self.unchanged} unchanged")
        what = (f"{self.documents} documents indexed and swapped in atomically; "
                f"compared with the previous index: {changes}")
        return (f"index '{self.index}': {what}; catalogue version {self.catalogue_version}; "
                f"{self.tasks} task(s) succeeded in {self.seconds:.1f}s")


def load_documents(settings: Settings) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    """The documents and index settings for the database at ``settings.db_path``."""
    context = catalogue_context(settings.db_path)
    with connect(settings.db_path) as conn:
        rows = Repository(conn).search_index_rows()
    documents = [build_document(row, context.vocabularies) for row in rows]
    return documents, index_settings(context.synonyms), context.version


class _Sync:
    def __init__(self, client: meilisearch.Client, index: str, say: Progress) -> None:
        self.client = client
        self.index = index
        self.say = say
        self.task_count = 0

    def wait(self, *tasks: TaskInfo) -> None:
        """Wait for each task; ``TaskFailed`` for the first that did not succeed."""
        for info in tasks:
            task = self.client.wait_for_task(info.task_uid,
                                             timeout_in_ms=int(TASK_TIMEOUT_S * 1000))
            if task.status != "succeeded":
                detail = (task.error or {}).get("message") or f"task ended as {task.status}"
                raise TaskFailed(f"{task.type} task {task.uid} on "
                                 f"{task.index_uid or 'all indexes'} {task.status}: {detail}")
            self.task_count += 1

    def index_exists(self, uid: str) -> bool:
        try:
            self.client.get_raw_index(uid)
        except MEILI_ERRORS as exc:
            if not_found(exc):
                return False
            raise
        return True

    def write_state(self, report: SyncReport) -> None:
        self.wait(self.client.index(state_index(self.index)).add_documents(
            [{"id": STATE_ID, "index": self.index,
              "catalogue_version": report.catalogue_version, "documents": report.documents,
              "synced_at": datetime.now(UTC).isoformat(timespec="seconds")}],
            primary_key="id"))

    def live_hashes(self, uid: str) -> dict[str, str]:
        hashes: dict[str, str] = {}
        while True:
            page = self.client.index(uid).get_documents(
                {"fields": ["id", "content_hash"], "limit": BATCH_SIZE, "offset": len(hashes)})
            for document in page.results:
                hashes[str(document.id)] = str(getattr(document, "content_hash", ""))
            if not page.results or len(hashes) >= page.total:
                return hashes

    def send_documents(self, uid: str, documents: list[dict[str, Any]]) -> None:
        """Send the documents in batches, then wait until Meilisearch has indexed them."""
        tasks = []
        for start in range(0, len(documents), BATCH_SIZE):
            batch = documents[start:start + BATCH_SIZE]
            tasks.append(self.client.index(uid).add_documents(batch, PRIMARY_KEY))
            self.say(f"  sent documents {start + 1}–{start + len(batch)} of {len(documents)}")
        if tasks:
            self.say("  waiting for Meilisearch to index them")
        self.wait(*tasks)

    def remove_leftover_builds(self) -> None:
        """Indexes of earlier rebuilds that died before cleaning up (e.g. a killed run)."""
        for item in self.client.get_indexes({"limit": 1000})["results"]:
            if item.uid.startswith(build_prefix(self.index)):
                self.say(f"removing the leftover build index {item.uid}")
                self.wait(self.client.delete_index(item.uid))

    def full_rebuild(self, documents: list[dict[str, Any]], body: dict[str, Any],
                     live_exists: bool) -> None:
        """Build a fresh index, check it, and swap it in atomically."""
        self.remove_leftover_builds()
        build = f"{build_prefix(self.index)}{int(time.time())}_{secrets.token_hex(3)}"
        self.say(f"building a fresh index {build}")
        try:
            self.wait(self.client.create_index(build, {"primaryKey": PRIMARY_KEY}))
            self.say("applying the index settings to the empty index")
            self.wait(self.client.index(build).update_settings(body))
            self.say(f"adding {len(documents)} documents")
            self.send_documents(build, documents)
            stats = self.client.index(build).get_stats()
            if stats.number_of_documents != len(documents):
                raise TaskFailed(f"the new index holds {stats.number_of_documents} "
                                 f"documents, expected {len(documents)}")
            self.say(f"swapping {build} with the live index {self.index}")
            # With no live index yet, the build is renamed to it.
            self.wait(self.client.swap_indexes([{"indexes": [build, self.index],
                                                 "rename": not live_exists}]))
        except MEILI_ERRORS:
            self._drop(build)
            raise
        if live_exists:
            # After the swap the build name holds the previous live index.
            self._drop(build)

    def _drop(self, uid: str) -> None:
        try:
            self.wait(self.client.delete_index(uid))
        except MEILI_ERRORS as exc:
            # Unreachable: the next rebuild removes it (remove_leftover_builds).
            if not not_found(exc):
                self.say(f"could not delete {uid}: {describe(exc, self.client.config.url)}")


def _diff(report: SyncReport, documents: list[dict[str, Any]], live: dict[str, str]) -> None:
    current = {document["id"]: document["content_hash"] for document in documents}
    report.added = sorted(set(current) - set(live))
    report.removed = sorted(set(live) - set(current))
    report.updated = sorted(i for i in set(current) & set(live) if current[i] != live[i])
    report.unchanged = len(current) - len(report.added) - len(report.updated)


def sync_index(settings: Settings, progress: Progress | None = None, *,
               settings_body: dict[str, Any] | None = None) -> SyncReport:
    """Rebuild the Meilisearch index ``settings.meili_index`` from the loaded catalogue and
    swap it in.

    ``settings_body`` replaces the derived index settings (tests use it to make
    Meilisearch reject a rebuild). Raises ``LoadFailed`` with Meilisearch's own message
    when anything fails; the live index is then unchanged.
    """
    say = progress or (lambda _message: None)
    if not settings.meili_url:
        raise LoadFailed("INTERVENTIONS_MEILI_URL is not set; there is no index to update")
    started = time.monotonic()
    documents, body, version = load_documents(settings)
    if settings_body is not None:
        body = settings_body
    index = settings.meili_index
    sync = _Sync(admin_client(settings.meili_url, settings.meili_api_key), index, say)
    try:
        sync.client.health()
        live_exists = sync.index_exists(index)
        report = SyncReport(index, len(documents), version)
        _diff(report, documents, sync.live_hashes(index) if live_exists else {})
        say(f"index '{index}' at {settings.meili_url}: rebuilding from "
            f"{len(documents)} documents in the database")
        sync.full_rebuild(documents, body, live_exists)
        sync.write_state(report)
    except MEILI_ERRORS as exc:
        raise load_failed(exc, settings.meili_url, index) from exc
    report.tasks = sync.task_count
    report.seconds = time.monotonic() - started
    return report
