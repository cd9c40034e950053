"""Push the loaded catalogue (SQLite) to Meilisearch: a full rebuild with an atomic swap,
or an incremental update when the index settings are unchanged.

Full rebuild: a fresh index gets the settings first (so documents are indexed once),
then the documents; every task is awaited and its status checked; only then is it
swapped with the live index in one atomic step and the old one deleted. Anything that
fails before the swap leaves the live index exactly as it was.

Incremental: when the settings hash recorded at the last sync equals the current one,
only added, changed (by content hash) and removed documents are sent.

The sync state (settings hash, catalogue version) lives in a one-document index
``<index>_sync`` next to the live one, so a search-only key for ``<index>*`` can read it.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue, CatalogueEntry, ReadResult, read_catalogue
from ..catalogue.reader import EntryCallback, Reference
from ..db.load import (
    EntryRows,
    LoadReport,
    catalogue_file_rows,
    entries_rows,
    entry_rows,
    load_report,
)
from ..db.repository import Repository, connect
from ..db.staging import StagedLoad
from ..errors import LoadFailed
from ..services.catalogue_context import catalogue_context
from ..settings import Settings
from .client import MeiliClient, MeiliError
from .documents import build_document, document_from_rows
from .index_settings import PRIMARY_KEY, index_settings, settings_hash

Progress = Callable[[str], None]

BATCH_SIZE = 1000
# While the catalogue is read, the first batch is small, so that Meilisearch starts early;
# each next one doubles, up to BATCH_SIZE (each batch costs Meilisearch a little). Towards
# the end they shrink again, to half of what is left but not below TAIL_BATCH_SIZE, and
# the last goes with the last entry: Meilisearch indexes faster than Python reads, so
# what it has left to do when the reading ends is about the last batch.
STREAM_BATCH_SIZE = 250
TAIL_BATCH_SIZE = 50
# The entries' SQLite rows wait until the documents have gone out: a load waits for
# Meilisearch, which indexes on the other CPU while Python then writes SQLite (1,000
# entries: full load / Meilisearch-only 1.48 -> 1.38 in an interleaved A/B). At most
# ROWS_HELD entries' rows wait: at 10,000 entries they hold about 20 MB.
ROWS_HELD = 10_000
HTTP_TIMEOUT_S = 30.0
TASK_TIMEOUT_S = 600.0
STATE_ID = "state"


def state_index(index: str) -> str:
    return f"{index}_sync"


def build_prefix(index: str) -> str:
    return f"{index}_build_"


@dataclass
class SyncReport:
    index: str
    mode: str  # "full" or "incremental"
    reason: str
    documents: int
    catalogue_version: str
    settings_hash: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    tasks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        changes = (f"{len(self.added)} added, {len(self.updated)} changed, "
                   f"{len(self.removed)} removed, {self.unchanged} unchanged")
        if self.mode == "full":
            what = (f"full rebuild ({self.reason}): {self.documents} documents indexed and "
                    f"swapped in atomically; compared with the previous index: {changes}")
        elif self.added or self.updated or self.removed:
            what = f"incremental update: {changes}"
        else:
            what = f"incremental update: nothing to send, {self.unchanged} documents unchanged"
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
    def __init__(self, client: MeiliClient, index: str, say: Progress) -> None:
        self.client = client
        self.index = index
        self.say = say
        self.task_count = 0

    def wait(self, *responses: dict[str, Any]) -> None:
        uids = [response["taskUid"] for response in responses]

        def on_wait(task: dict[str, Any]) -> None:
            self.say(f"  waiting for Meilisearch task {task['uid']} ({task['type']}, "
                     f"{task['status']})")

        self.client.wait_for_tasks(uids, timeout_s=TASK_TIMEOUT_S, on_wait=on_wait)
        self.task_count += len(uids)

    def read_state(self) -> dict[str, Any] | None:
        try:
            state: dict[str, Any] = self.client.get(
                f"/indexes/{state_index(self.index)}/documents/{STATE_ID}")
        except MeiliError as exc:
            if exc.code in ("index_not_found", "document_not_found"):
                return None
            raise
        return state

    def write_state(self, report: SyncReport) -> None:
        self.wait(self.client.post(
            f"/indexes/{state_index(self.index)}/documents?primaryKey=id",
            [{"id": STATE_ID, "index": self.index, "settings_hash": report.settings_hash,
              "catalogue_version": report.catalogue_version, "documents": report.documents,
              "synced_at": datetime.now(UTC).isoformat(timespec="seconds")}],
        ))

    def live_hashes(self, uid: str) -> dict[str, str]:
        hashes: dict[str, str] = {}
        offset = 0
        while True:
            page = self.client.get(f"/indexes/{uid}/documents", fields="id,content_hash",
                                   limit=BATCH_SIZE, offset=offset)
            for document in page["results"]:
                hashes[str(document["id"])] = str(document.get("content_hash", ""))
            offset += len(page["results"])
            if not page["results"] or offset >= page["total"]:
                return hashes

    def send_documents(self, uid: str, documents: list[dict[str, Any]]) -> None:
        tasks = self.enqueue_documents(uid, documents, len(documents))
        if tasks:
            self.wait(*tasks)

    def enqueue_documents(self, uid: str, documents: Iterable[dict[str, Any]],
                          total: int) -> list[dict[str, Any]]:
        """Send the documents in batches without waiting. ``documents`` may be built as
        they are sent: Meilisearch starts on a batch while the next one is built."""
        tasks = []
        sent = 0
        pending = iter(documents)
        while batch := list(islice(pending, BATCH_SIZE)):
            tasks.append(self.send_batch(uid, batch, sent + 1, f" of {total}"))
            sent += len(batch)
        return tasks

    def send_batch(self, uid: str, batch: list[dict[str, Any]], first: int,
                   of: str = "") -> dict[str, Any]:
        """Enqueue one batch of documents (numbered from ``first``); its task."""
        task: dict[str, Any] = self.client.post(
            f"/indexes/{uid}/documents?primaryKey={PRIMARY_KEY}", batch)
        self.say(f"  sent documents {first}–{first + len(batch) - 1}{of}")
        return task

    def remove_leftover_builds(self) -> None:
        """Indexes of earlier rebuilds that died before cleaning up (e.g. a killed run)."""
        indexes = self.client.get("/indexes", limit=1000)["results"]
        for item in indexes:
            if item["uid"].startswith(build_prefix(self.index)):
                self.say(f"removing the leftover build index {item['uid']}")
                self.wait(self.client.delete(f"/indexes/{item['uid']}"))

    def begin_rebuild(self, body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        """Create a fresh build index and give it the settings, without waiting:
        Meilisearch works through the tasks while the caller goes on. It runs an index's
        tasks in the order they were enqueued, so documents enqueued next still reach a
        configured index and are indexed once. Returns the build's name and tasks;
        ``finish_rebuild`` waits for them and swaps. The live index is untouched."""
        self.remove_leftover_builds()
        build = f"{build_prefix(self.index)}{int(time.time())}_{secrets.token_hex(3)}"
        self.say(f"building a fresh index {build}")
        try:
            tasks = [self.client.post("/indexes", {"uid": build, "primaryKey": PRIMARY_KEY})]
            self.say("applying the index settings to the empty index")
            tasks.append(self.client.patch(f"/indexes/{build}/settings", body))
            state = state_index(self.index)
            if not self.client.index_exists(state):
                # Made now, while the documents are: making an index took Meilisearch up
                # to 0.2 s here (docs/benchmarks.md), and the state is written last.
                tasks.append(self.client.post("/indexes", {"uid": state, "primaryKey": "id"}))
        except MeiliError:
            self._drop(build)
            raise
        return build, tasks

    def add_to_build(self, build: str, documents: Iterable[dict[str, Any]],
                     total: int) -> list[dict[str, Any]]:
        """Enqueue the documents of a build (dropped if that fails)."""
        self.say(f"adding {total} documents")
        try:
            return self.enqueue_documents(build, documents, total)
        except MeiliError:
            self._drop(build)
            raise

    def finish_rebuild(self, build: str, tasks: list[dict[str, Any]], expected: int,
                       live_exists: bool) -> None:
        """Wait for every task of the build, check it, and swap it in atomically."""
        try:
            self.wait(*tasks)
            stats = self.client.get(f"/indexes/{build}/stats")
            if stats["numberOfDocuments"] != expected:
                raise MeiliError(f"the new index holds {stats['numberOfDocuments']} documents, "
                                 f"expected {expected}")
            self.say(f"swapping {build} with the live index {self.index}")
            swap: dict[str, Any] = {"indexes": [build, self.index]}
            if not live_exists:
                swap["rename"] = True  # no live index yet: the build is renamed to it
            self.wait(self.client.post("/swap-indexes", [swap]))
        except MeiliError:
            self._drop(build)
            raise
        if live_exists:
            # After the swap the build name holds the previous live index.
            self._drop(build)

    def full_rebuild(self, documents: list[dict[str, Any]], body: dict[str, Any],
                     live_exists: bool) -> None:
        build, tasks = self.begin_rebuild(body)
        tasks += self.add_to_build(build, documents, len(documents))
        self.finish_rebuild(build, tasks, len(documents), live_exists)

    def _drop(self, uid: str) -> None:
        try:
            self.wait(self.client.delete(f"/indexes/{uid}"))
        except MeiliError as exc:
            if exc.code != "index_not_found" and not exc.unreachable:
                self.say(f"could not delete {uid}: {exc.message}")

    def incremental(self, documents: list[dict[str, Any]], report: SyncReport) -> None:
        by_id = {document["id"]: document for document in documents}
        changed = [by_id[i] for i in report.added + report.updated]
        if changed:
            self.say(f"sending {len(report.added)} new and {len(report.updated)} changed "
                     "documents")
            self.send_documents(self.index, changed)
        if report.removed:
            self.say(f"removing {len(report.removed)} documents")
            self.wait(self.client.post(f"/indexes/{self.index}/documents/delete-batch",
                                       report.removed))


def _diff(report: SyncReport, documents: list[dict[str, Any]], live: dict[str, str]) -> None:
    _diff_hashes(report, {document["id"]: document["content_hash"] for document in documents},
                 live)


def _diff_hashes(report: SyncReport, current: dict[str, str], live: dict[str, str]) -> None:
    report.added = sorted(set(current) - set(live))
    report.removed = sorted(set(live) - set(current))
    report.updated = sorted(i for i in set(current) & set(live) if current[i] != live[i])
    report.unchanged = len(current) - len(report.added) - len(report.updated)


def sync_index(settings: Settings, full: bool = False, progress: Progress | None = None, *,
               settings_body: dict[str, Any] | None = None) -> SyncReport:
    """Bring the Meilisearch index ``settings.meili_index`` up to the loaded catalogue.

    ``full`` forces a rebuild and swap. ``settings_body`` replaces the derived index
    settings (tests use it to make Meilisearch reject a rebuild). Raises ``LoadFailed``
    with Meilisearch's own message when anything fails; the live index is then unchanged
    (full rebuild) or partially updated by whole tasks (incremental; the next run repairs
    it, since it compares content hashes).
    """
    say = progress or (lambda _message: None)
    if not settings.meili_url:
        raise LoadFailed("INTERVENTIONS_MEILI_URL is not set; there is no index to update")
    started = time.monotonic()
    documents, body, version = load_documents(settings)
    if settings_body is not None:
        body = settings_body
    wanted_hash = settings_hash(body)
    index = settings.meili_index
    try:
        with MeiliClient(settings.meili_url, settings.meili_api_key, HTTP_TIMEOUT_S) as client:
            sync = _Sync(client, index, say)
            client.get("/health")
            live_exists = client.index_exists(index)
            state = sync.read_state() if live_exists else None
            if full:
                reason = "requested"
            elif not live_exists:
                reason = "no live index yet"
            elif state is None:
                reason = "no sync state recorded"
            elif state.get("settings_hash") != wanted_hash:
                reason = "index settings changed"
            else:
                reason = ""
            mode = "full" if reason else "incremental"
            report = SyncReport(index, mode, reason or "settings unchanged", len(documents),
                                version, wanted_hash)
            live = sync.live_hashes(index) if live_exists else {}
            _diff(report, documents, live)
            say(f"index '{index}' at {settings.meili_url}: {mode} "
                f"({report.reason}); {len(documents)} documents in the database")
            if mode == "full":
                sync.full_rebuild(documents, body, live_exists)
            else:
                sync.incremental(documents, report)
            sync.write_state(report)
            report.tasks = sync.task_count
    except MeiliError as exc:
        raise LoadFailed(f"Meilisearch index '{index}' not updated: {exc.message}") from exc
    report.seconds = time.monotonic() - started
    return report


@dataclass
class LoadAndIndexReport:
    load: LoadReport
    index: SyncReport
    # Set when SQLite was loaded but the index was not rebuilt (it still holds the
    # previous catalogue, as after `interventions load` and a failed `interventions index`).
    index_failed: LoadFailed | None = None
    sqlite_seconds: float = 0.0  # from the start until SQLite serves the new catalogue


# Feeds a load: calls back with every entry, returns the catalogue, or None when it is not
# valid as a whole (after some entries may have gone through the callback).
EntryFeed = Callable[[EntryCallback], Catalogue | None]


def load_and_index(catalogue: Catalogue, settings: Settings, progress: Progress | None = None,
                   *, fail_before_swap: Callable[[], None] | None = None) -> LoadAndIndexReport:
    """`load_catalogue` and a full rebuild of the index, for a catalogue already read; see
    ``read_load_and_index``."""

    def feed(on_entry: EntryCallback) -> Catalogue:
        reference = catalogue.reference
        for entry in catalogue.entries:
            on_entry(entry, reference)
        return catalogue

    report = _load_and_index(feed, settings, progress, fail_before_swap)
    assert report is not None  # the feed always gives the catalogue
    return report


def read_load_and_index(
    root: Path, settings: Settings, progress: Progress | None = None, *,
    today: date | None = None, fail_before_swap: Callable[[], None] | None = None,
) -> tuple[ReadResult, LoadAndIndexReport | None]:
    """`interventions load --index`: read the catalogue at ``root``, load it into SQLite
    and rebuild the index, Meilisearch indexing while Python reads and writes.

    Each entry's rows and document are made as soon as its file has passed, and the
    documents go to a fresh build index in batches while the other files are read: the
    checks across files come last, so the build holds a catalogue that may still fail.
    It is swapped in only after the whole catalogue passed and SQLite serves it. An
    invalid catalogue drops the build and loads nothing (the report is None; the problems
    are in the ``ReadResult``). A failed SQLite load raises ``LoadFailed`` and drops the
    build: both keep serving the previous catalogue. A failed rebuild leaves SQLite loaded
    and the live index as it was (``index_failed``), as `interventions load &&
    interventions index --full` would.
    """
    read: list[ReadResult] = []

    def feed(on_entry: EntryCallback) -> Catalogue | None:
        read.append(read_catalogue(root, today=today, on_entry=on_entry))
        return read[0].catalogue if read[0].ok else None

    report = _load_and_index(feed, settings, progress, fail_before_swap)
    return read[0], report


def _load_and_index(feed: EntryFeed, settings: Settings, progress: Progress | None,
                    fail_before_swap: Callable[[], None] | None) -> LoadAndIndexReport | None:
    say = progress or (lambda _message: None)
    if not settings.meili_url:
        raise LoadFailed("INTERVENTIONS_MEILI_URL is not set; there is no index to update")
    with MeiliClient(settings.meili_url, settings.meili_api_key, HTTP_TIMEOUT_S) as client:
        started = time.monotonic()
        # The staging file is opened after the first batch of documents is sent and
        # written once they all are (ROWS_HELD).
        sqlite = StagedLoad(settings.db_path, say)
        build = _StreamedBuild(_Sync(client, settings.meili_index, say), sqlite)
        try:
            catalogue = feed(build.add)
            if catalogue is not None:
                if not build.begun:  # no entries at all: still an (empty) rebuild
                    build.begin(catalogue.reference)
                build.flush()
                if not sqlite.opened:  # no entries at all
                    sqlite.open()
                build.write_rows()
                sqlite.add(catalogue_file_rows(catalogue))
                sqlite.commit(catalogue, fail_before_swap)
        except BaseException as exc:
            sqlite.discard()
            build.drop()  # not in SQLite, so not in the index either
            if isinstance(exc, Exception):
                raise sqlite.failure(exc) from exc
            raise
        if catalogue is None:
            sqlite.discard()
            build.drop()
            return None
        sqlite_seconds = time.monotonic() - started
        report = build.finish(catalogue)
        report.seconds = time.monotonic() - started
    index_failed = (LoadFailed(f"Meilisearch index '{settings.meili_index}' not updated: "
                               f"{build.failure.message}") if build.failure else None)
    return LoadAndIndexReport(load_report(catalogue, sqlite), report, index_failed,
                              sqlite_seconds)


def next_batch_size(size: int, left: int | None) -> int:
    """The size of the batch after one of ``size``, with ``left`` entries at most to come
    (None: unknown)."""
    doubled = min(BATCH_SIZE, 2 * size)
    return doubled if left is None else min(doubled, max(TAIL_BATCH_SIZE, left // 2))


class _StreamedBuild:
    """A full rebuild fed entry by entry: each entry's rows and document are made when it
    arrives; the documents go to the build index a batch at a time, so Meilisearch
    indexes while the rest is read, and the rows to the SQLite load after them (at the
    end, or every ROWS_HELD entries). The live index is untouched until ``finish``.

    The build index is made and the batches are posted by a thread of their own:
    Meilisearch takes a few milliseconds to answer, and the reading goes on meanwhile (the
    wait releases the interpreter lock). One request at a time, in order; the main thread
    uses the client only after the last (``_settle``).

    A Meilisearch failure does not stop the feed: the rows still go to SQLite (loaded all
    the same, as by `interventions load`) and ``failure`` says why the index was not
    rebuilt."""

    def __init__(self, sync: _Sync, sqlite: StagedLoad) -> None:
        self.sync = sync
        self.sqlite = sqlite
        self.begun = False
        self.body: dict[str, Any] = {}
        self.build: str | None = None
        self.live_exists = False
        self.live: dict[str, str] = {}
        self.tasks: list[dict[str, Any]] = []
        self.failure: MeiliError | None = None
        # The documents made since the last batch; of those sent only the hashes are
        # kept, for the report: 10,000 whole documents freed at the end cost 50 ms.
        self.documents: list[dict[str, Any]] = []
        self.hashes: dict[str, str] = {}
        self.rows: list[EntryRows] = []  # not yet written to SQLite
        self.batch_size = STREAM_BATCH_SIZE
        self._sender: ThreadPoolExecutor | None = None
        # The build's start and its batches, posted or about to be, in order.
        self._sending: list[Future[dict[str, Any] | None]] = []

    def begin(self, reference: Reference) -> None:
        """Create the build index and give it the settings, on the sender thread: the
        reading goes on meanwhile (at 1,000 entries these requests held it up 7 ms), and
        Meilisearch sets the index up while the first batch is made."""
        self.begun = True
        # The synonyms as SQLite stores and returns them (JSON), as load_documents reads.
        self.body = index_settings(json.loads(json.dumps(reference.synonyms)))
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="meili-batches")
        self._sending.append(self._sender.submit(self._begin_build))

    def _begin_build(self) -> None:
        sync = self.sync
        try:
            sync.client.get("/health")
            self.live_exists = sync.client.index_exists(sync.index)
            self.live = sync.live_hashes(sync.index) if self.live_exists else {}
            sync.say(f"index '{sync.index}': full rebuild while the catalogue is read and "
                     "SQLite is written")
            self.build, self.tasks = sync.begin_rebuild(self.body)
        except MeiliError as exc:
            self.failure = exc

    def add(self, entry: CatalogueEntry, reference: Reference) -> None:
        if not self.begun:
            self.begin(reference)
        rows = entry_rows(entry, reference)
        self.rows.append(rows)
        document = document_from_rows(rows.intervention, rows.terms, reference.vocabularies,
                                      rows.document)
        self.documents.append(document)
        self.hashes[document["id"]] = document["content_hash"]
        expected = reference.expected_entries
        left = None if expected is None else expected - len(self.hashes)
        if len(self.documents) >= self.batch_size or left == 0:
            self.flush()
            self.batch_size = next_batch_size(self.batch_size, left)

    def flush(self) -> None:
        """Send the documents made since the last batch; write the rows waiting for
        SQLite once ROWS_HELD entries' rows wait (``write_rows`` writes the rest)."""
        if not self.documents:
            return
        batch, self.documents = self.documents, []
        if self._sender is not None:  # None once the build is dropped
            self._send(batch, len(self.hashes) - len(batch) + 1)
        del batch  # the sender's; freed once posted
        if not self.sqlite.opened:
            self.sqlite.open()  # after the first batch is sent: Meilisearch starts sooner
        if len(self.rows) >= ROWS_HELD:
            self.write_rows()

    def write_rows(self) -> None:
        """Write the rows of the entries not yet in SQLite."""
        if self.rows:
            self.sqlite.add(entries_rows(self.rows))
            self.rows = []

    def _send(self, batch: list[dict[str, Any]], first: int) -> None:
        assert self._sender is not None
        self._sending.append(self._sender.submit(self._post, batch, first))
        while self._sending and self._sending[0].done():  # a failure shows up early
            self._collect(self._sending.pop(0))

    def _post(self, batch: list[dict[str, Any]], first: int) -> dict[str, Any] | None:
        """On the sender thread, after ``_begin_build``: no build if that failed."""
        return None if self.build is None else self.sync.send_batch(self.build, batch, first)

    def _collect(self, sent: Future[dict[str, Any] | None]) -> None:
        try:
            task = sent.result()
        except MeiliError as exc:
            if self.failure is None:
                self.failure = exc
            self.drop()
            return
        if self.build is not None and task is not None:
            self.tasks.append(task)

    def _settle(self) -> None:
        """Wait for every batch handed to the sender; their tasks join ``tasks``."""
        while self._sending:
            self._collect(self._sending.pop(0))
        self._stop_sender()

    def _stop_sender(self) -> None:
        pending, self._sending = self._sending, []
        for sent in pending:
            sent.exception()  # waits; the build is dropped either way
        if self._sender is not None:
            self._sender.shutdown()
            self._sender = None

    def drop(self) -> None:
        # Not before the sender is done: a batch posted after the delete would create the
        # index again.
        self._stop_sender()
        if self.build is not None:
            self.sync._drop(self.build)
            self.build = None

    def finish(self, catalogue: Catalogue) -> SyncReport:
        """Wait for the build, swap it in and record the sync state."""
        report = SyncReport(self.sync.index, "full", "load --index", len(catalogue.entries),
                            catalogue.version, settings_hash(self.body))
        self._settle()
        if self.build is not None:
            try:
                _diff_hashes(report, self.hashes, self.live)
                self.sync.finish_rebuild(self.build, self.tasks, len(self.hashes),
                                         self.live_exists)
                self.sync.write_state(report)
            except MeiliError as exc:
                self.failure = exc
        report.tasks = self.sync.task_count
        return report
