"""Turn benchmark results (bench/results/*.json) into the printed table and
docs/benchmarks.md. Every number here comes from a result file the runner wrote."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 2**20


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    limit: float
    higher_is_better: bool
    sizes: tuple[int, ...] | None = None  # None: every size

    def text(self) -> str:
        if self.key == "rss_mb":
            return f"≤ {self.limit:.0f} MB at 10,000"
        return f"{'≥' if self.higher_is_better else '≤'} {self.limit:g}×"

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit


TARGETS = (
    Target("search_p50_ratio", "search p50, API / raw Meilisearch (c=1)", 1.3, False),
    Target("listing_rps_ratio", "listing throughput, API / datasette (c=16)", 2.0, True),
    Target("load_ratio", "full load / Meilisearch-only indexing", 1.5, False),
    Target("match_p99_ratio", "match p99 / filtered listing p99 (c=1)", 5.0, False),
    Target("rss_mb", "API process RSS (MB)", 200.0, False, sizes=(10_000,)),
)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _metric(runs: list[dict[str, Any]], concurrency: str, name: str) -> float:
    return _median([run[concurrency][name] for run in runs])


def _round_ratios(a: list[dict[str, Any]], b: list[dict[str, Any]],
                  value: Callable[[dict[str, Any]], float]) -> list[float]:
    """a/b within each round (both ran back to back)."""
    return [value(x) / value(y) for x, y in zip(a, b, strict=True) if value(y)]


def _paired_ratio(a: list[dict[str, Any]], b: list[dict[str, Any]],
                  value: Callable[[dict[str, Any]], float]) -> float:
    """The median over rounds of a/b within each round."""
    return _median(_round_ratios(a, b, value))


# The per-round ratios behind each target's median, shown as a range in the summary.
ROUND_RATIOS: dict[str, tuple[str, str, str, Callable[[dict[str, Any]], float]]] = {
    "search_p50_ratio": ("search", "api", "meilisearch", lambda r: r["c1"]["p50_ms"]),
    "listing_rps_ratio": ("listing", "api", "datasette", lambda r: r["c16"]["throughput_rps"]),
    "load_ratio": ("load", "full", "meili_only", lambda r: r["total"]),
    "match_p99_ratio": ("match", "match", "listing", lambda r: r["c1"]["p99_ms"]),
}


def round_range(size_result: dict[str, Any], key: str) -> tuple[float, float] | None:
    if key not in ROUND_RATIOS or ROUND_RATIOS[key][0] not in size_result:
        return None
    group, a, b, value = ROUND_RATIOS[key]
    ratios = _round_ratios(size_result[group][a], size_result[group][b], value)
    return (min(ratios), max(ratios)) if len(ratios) > 1 else None


def summarize(size_result: dict[str, Any]) -> dict[str, float]:
    s: dict[str, float] = {}
    search = size_result["search"]
    s["search_p50_ratio"] = _paired_ratio(search["api"], search["meilisearch"],
                                          lambda r: r["c1"]["p50_ms"])
    s["search_p50_ratio_c16"] = _paired_ratio(search["api"], search["meilisearch"],
                                              lambda r: r["c16"]["p50_ms"])
    listing = size_result["listing"]
    s["listing_rps_ratio"] = _paired_ratio(listing["api"], listing["datasette"],
                                           lambda r: r["c16"]["throughput_rps"])
    s["listing_rps_ratio_meili"] = _paired_ratio(listing["api_meilisearch"],
                                                 listing["datasette"],
                                                 lambda r: r["c16"]["throughput_rps"])
    load = size_result["load"]
    s["load_ratio"] = _paired_ratio(load["full"], load["meili_only"], lambda r: r["total"])
    if "match" in size_result:
        match = size_result["match"]
        s["match_p99_ratio"] = _paired_ratio(match["match"], match["listing"],
                                             lambda r: r["c1"]["p99_ms"])
    s["rss_mb"] = size_result["rss_bytes"]["api"] / MB
    return s


def _fmt(value: float, digits: int = 2) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.{digits}f}"


def _verdict(target: Target, value: float | None, size_result: dict[str, Any]) -> str:
    if value is None:
        return "–"
    text = _fmt(value, 0 if target.key == "rss_mb" else 2)
    if target.sizes is None or size_result["size"] in target.sizes:
        text += " ✓" if target.met(value) else " ✗ missed"
    spread = round_range(size_result, target.key)
    return text + (f" ({_fmt(spread[0])}–{_fmt(spread[1])})" if spread else "")


def summary_table(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    summaries = [summarize(r) for r in sizes]
    head = "| measure | target | " + " | ".join(f"{r['size']:,} entries" for r in sizes) + " |"
    rule = "| --- | --- |" + " ---: |" * len(sizes)
    lines = [head, rule]
    for target in TARGETS:
        cells = [_verdict(target, s.get(target.key), r)
                 for s, r in zip(summaries, sizes, strict=True)]
        lines.append(f"| {target.label} | {target.text()} | " + " | ".join(cells) + " |")
    extra = [("search p50, API / raw Meilisearch (c=16)", "search_p50_ratio_c16"),
             ("listing throughput, API on Meilisearch / datasette (c=16)",
              "listing_rps_ratio_meili")]
    for label, key in extra:
        lines.append(f"| {label} | (info) | " +
                     " | ".join(_fmt(s.get(key, float("nan"))) for s in summaries) + " |")
    return "\n".join(lines)


def _traffic_rows(name: str, sides: dict[str, list[dict[str, Any]]]) -> list[str]:
    rows = []
    for side, runs in sides.items():
        rows.append(
            f"| {name} | {side} | {_fmt(_metric(runs, 'c1', 'p50_ms'))} | "
            f"{_fmt(_metric(runs, 'c1', 'p99_ms'))} | "
            f"{_fmt(_metric(runs, 'c1', 'throughput_rps'), 0)} | "
            f"{_fmt(_metric(runs, 'c16', 'p50_ms'))} | {_fmt(_metric(runs, 'c16', 'p99_ms'))} | "
            f"{_fmt(_metric(runs, 'c16', 'throughput_rps'), 0)} |")
    return rows


def detail_tables(results: dict[str, Any]) -> str:
    parts = []
    for size_result in results["sizes"]:
        size = size_result["size"]
        lines = [f"### {size:,} entries", "",
                 "Medians over the rounds; latencies in ms, throughput in requests/s.", "",
                 "| comparison | side | p50 c=1 | p99 c=1 | req/s c=1 | p50 c=16 | p99 c=16 "
                 "| req/s c=16 |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        lines += _traffic_rows("(a) search", size_result["search"])
        lines += _traffic_rows("(b) listing", size_result["listing"])
        if "match" in size_result:
            lines += _traffic_rows("(d) match", size_result["match"])
        load = size_result["load"]
        lines += ["", *_load_rows(load["full"], load["meili_only"])]
        rss = size_result["rss_bytes"]
        lines += ["", f"(e) RSS after the traffic: API (Meilisearch backend) "
                  f"{rss['api'] / MB:.0f} MB, API (SQLite backend) {rss['api_sqlite'] / MB:.0f} "
                  f"MB, datasette {rss['datasette'] / MB:.0f} MB.", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def _load_rows(full: list[dict[str, float]], raw: list[dict[str, float]]) -> list[str]:
    def median(key: str, runs: list[dict[str, float]]) -> str:
        return _fmt(_median([run[key] for run in runs]))

    if "read_validate" in full[0]:  # runs before reading and indexing overlapped
        return ["| (c) load, seconds (median) | total | read + validate YAML | SQLite, "
                "documents sent meanwhile | rest of the rebuild (wait, swap) |",
                "| --- | ---: | ---: | ---: | ---: |",
                f"| full load | {median('total', full)} | {median('read_validate', full)} | "
                f"{median('sqlite', full)} | {median('index', full)} |",
                f"| Meilisearch-only indexing | {median('total', raw)} | | | |"]
    return ["| (c) load, seconds (median) | total | until SQLite serves (read, validate, rows; "
            "documents sent meanwhile) | rest of the rebuild (wait, swap) |",
            "| --- | ---: | ---: | ---: |",
            f"| full load | {median('total', full)} | {median('sqlite', full)} | "
            f"{median('index', full)} |",
            f"| Meilisearch-only indexing | {median('total', raw)} | | |"]


def table(results: dict[str, Any]) -> str:
    return summary_table(results) + "\n\n" + detail_tables(results)


def _environment(results: dict[str, Any]) -> str:
    env = results["environment"]
    config = results["config"]
    return (f"Measured {env['date']} at commit {env['commit']} on {env['cpus']} CPUs "
            f"({env['machine']}, load average {env['load_average']:.1f} at the start), "
            f"Python {env['python']}, {env['meilisearch']}, {env['datasette']}. "
            f"{config['rounds']} interleaved rounds per traffic comparison "
            f"({config['sequential']} sequential requests, then {config['duration_s']:g} s at "
            f"concurrency 16), {config['load_rounds']} per load comparison"
            + (f" after {config['load_warmup']} uncounted warm-up run of each side"
               if config.get("load_warmup") else "")
            + f"; synthetic catalogue seed {config['seed']}.")


# What profiling (py-spy on the API under load, pyinstrument on the load) found and what
# was changed; the effect is in the "Before and after" tables, measured by the runner.
# The first round is measured in bench/results/first-round.json, the second in latest.
FIXES = (
    "Settings reached the routes through `app.dependency_overrides`; with any override "
    "in place FastAPI analyses every dependency's signature again on every request. Now "
    "they are kept on `app.state` (api/deps.py `app_settings`).",
    "Term filters were `i.id IN (SELECT … FROM intervention_terms …)`: SQLite collected "
    "and sorted every match before taking a page. As correlated `EXISTS` on the "
    "(intervention_id, facet, term) key it walks the listing order and stops at the "
    "page's last row (db/repository.py `Filters`).",
    "The listing validated its own response against `InterventionList` on every request; "
    "it now returns the JSON it builds (the schemathesis tests check every response "
    "against the schema instead).",
    "Every unit of work opened its own SQLite connection, and SQLite parsed the schema "
    "again for each. The API now keeps one read-only connection per thread and file, "
    "reopened when a load renames a new file into place (db/repository.py `connect`).",
    "A listing's last page no longer runs the count query: its total is the offset plus "
    "its rows.",
    "uvicorn ran on its pure-Python HTTP parser and event loop (h11, asyncio); "
    "httptools and uvloop are dependencies now, and uvicorn uses them by itself "
    "(datasette, in the same environment, gets them too).",
    "Sync routes ran on a pool of 40 threads, which under load mostly contended for the "
    "interpreter; the pool is now sized by `INTERVENTIONS_THREADS` (default 8).",
    "The ETag middleware was a `BaseHTTPMiddleware`, which wraps each response in a "
    "stream and a task; it is plain ASGI now.",
    "Reading the catalogue composed YAML in pure Python; it uses libyaml and falls back "
    "to pure Python only for files libyaml rejects, so editors' messages are unchanged "
    "(a test compares both readers on every catalogue and malformed-corpus file). Display "
    "paths are memoised and source positions are named tuples.",
    "Syncing to Meilisearch polled task status with a back-off of up to 250 ms; now at "
    "most 50 ms.",
)

SECOND_ROUND_FIXES = (
    "A search waited for Meilisearch in a worker thread (two thread hand-offs per request) "
    "through httpx, whose machinery cost about 0.7 ms of CPU per call. The listing route is "
    "async now: the search goes out on the event loop through a small asyncio client "
    "(search/async_client.py: kept-alive connections, httptools' parser, the same deadline, "
    "errors and degrade to SQLite), and only SQLite work goes to the thread pool. The "
    "blocking client (scripts, indexing, readiness) uses the standard library's "
    "http.client.",
    "FastAPI inspected the type of each of the listing's sixteen query parameters on every "
    "request (about a millisecond) and ran the plain-`def` dependencies in the thread pool. "
    "The listing now validates its parameters as one pydantic model (`ListingParameters`, "
    "api/deps.py) and documents them from the same model; shared dependencies are "
    "`async def`.",
    "Each listing parsed its page's stored documents and presented them again; presented "
    "items are now kept per database file, language and day (services/listing_items.py, "
    "bounded), so a page is a few dictionary look-ups.",
    "Responses are rendered by orjson (api/responses.py) instead of the standard encoder.",
    "With searches on the event loop, 8 worker threads contended with it for the "
    "interpreter: on two cores, 4 served about twice the listings per second. "
    "`INTERVENTIONS_THREADS` defaults to 4.",
    "The match scored every eligible entry with the explaining code, and the objects it "
    "made per entry triggered full garbage collections, each walking the whole cached "
    "index (the slowest matches: up to 130 ms at 10,000 entries). The cached index now "
    "groups entries by value with a bitmask per value: hard constraints are checked once "
    "per distinct value, criteria scored once per distinct key and summed with "
    "`math.fsum`, the ranking is one sort of floats, and only the returned and planned "
    "entries are explained (match/index.py, match/ranking.py; tests/match/"
    "test_fast_path.py checks every entry against the plain rules).",
    "Reading the catalogue built every value with its source position and resolved YAML "
    "tags in Python, and the garbage collector kept scanning the millions of objects that "
    "live until the load ends. A fast path now builds plain values; a file with anything "
    "to report goes through the positional reader, so messages are unchanged "
    "(tests/catalogue/test_reading_fast_path.py compares both on every catalogue and "
    "malformed file); the collector is paused over reading and loading.",
    "Most of the SQLite phase was sqlite-utils' per-value conversion in `insert_all`; "
    "catalogue and history rows now go in with `executemany` (db/rows.py; a test "
    "compares every table with what sqlite-utils wrote).",
    "The full rebuild waited for five Meilisearch tasks one after another and then read "
    "the documents back out of SQLite. `interventions load --index` builds each document "
    "from the rows it writes and sends them, batch by batch, to the new index while SQLite "
    "is still being written (search/sync.py `load_and_index`).",
    "Waiting for a Meilisearch task polled first after 10 ms; a swap or the sync state "
    "takes a few, and a rebuild waits for several in a row. Polling now starts at 2 ms "
    "and backs off to 50 ms.",
    "The entry hash was canonicalised with the standard JSON encoder and the files sorted "
    "by comparing Path objects: orjson and a sort by name took a quarter of a second off "
    "reading 10,000 files.",
)


THIRD_ROUND_FIXES = (
    "Meilisearch got its first document only after the whole catalogue was read and "
    "validated (at 10,000 entries about 2 s of the 5 s load, with Meilisearch idle). "
    "`interventions load --index` now reads, loads and indexes in one pass "
    "(search/sync.py `read_load_and_index`): the reader hands over each entry as soon as "
    "its file is read and its fields validated (`read_catalogue(on_entry=...)`, in id "
    "order), its rows and document are made at once, the documents go to the build index "
    "in batches that start at 250 and double up to 1,000 (Meilisearch starts early and "
    "indexes few batches), and each batch's rows then go into the staging SQLite file "
    "(db/staging.py `StagedLoad`, opened after the first batch is sent). The checks across "
    "files still come last: a catalogue that fails them drops the build and the staging "
    "file and loads nothing (tests/search/test_load_and_index.py feeds a build with a "
    "duplicate id and with a file that does not validate, and checks that SQLite and the "
    "live index are unchanged and no build is left; a test compares every table with "
    "what reading first and loading after writes).",
    "The stored entry JSON, the document hash and the Meilisearch request bodies were "
    "made by the standard JSON encoder: orjson now (a test checks that every document "
    "hash is still the hash of the standard encoder's bytes, so indexes built before "
    "need no rebuild).",
    "The catalogue version read every file a second time and sorted Path objects; it now "
    "hashes the bytes the reader already has, sorted by strings in the same order (a test "
    "compares it with the plain definition). Display paths and the unused-key check no "
    "longer make Path objects per file, and rows become tuples through "
    "`operator.itemgetter`.",
    "The evidence history compared every entry's state through the general pairing of "
    "ratings, after dumping each assessment to JSON: a new entry (all of a first load) "
    "and an unchanged one (most of a reload) are now shortcuts, checked against the "
    "general comparison by a test.",
    "A swap or the sync state takes Meilisearch 5–20 ms, and the task poll backed off "
    "from 2 ms at once, so each wait overshot by several milliseconds; it now polls every "
    "2 ms ten times before backing off.",
    "The entry's content hash dumped and encoded every entry a second time; it is now "
    "the hash of the stored document the row holds, which the load encodes anyway.",
    "Tried and dropped, as both made the load slower on two CPUs: parsing the YAML in a "
    "forked worker process (reading alone took a second less, but the worker competed "
    "with Meilisearch's indexing and the pickling cost more than it saved), and writing "
    "SQLite on a thread of its own (SQLite releases the interpreter lock for every row "
    "and waits to get it back).",
    "Tried and dropped: a YAML parser written in Rust (yaml-rs), four times faster than "
    "libyaml's composer here. It reads more plain values as numbers, booleans or null "
    "than the catalogue's rules do (010, 1e3, True, Null, 0x1F, 1_000, .inf), and "
    "finding in advance the files it would read differently took a regular-expression "
    "pass over each file that cost more than the parser saved. (The seventh round took "
    "it up again, with a cheaper pass.)",
)


FOURTH_ROUND_FIXES = (
    "Measuring: CPU time per request on this machine moved by a third between runs of "
    "the same code, too much to see a change of a few percent. The fourth round counted "
    "instructions instead (`make bench-instructions`, bench/instructions.py): valgrind's "
    "callgrind around N requests through the ASGI app in process (against a real "
    "Meilisearch, 1,000 synthetic entries), minus the same for a smaller N. Same code, "
    "same count to within 1%. A search took 2.34 million instructions at the start of the "
    "round; an empty route through the same middleware 0.50 million; the exchange with "
    "Meilisearch alone 0.40 million.",
    "A page of search results was about forty kilobytes of JSON, serialized again for "
    "every request from presented items that change only with a load, and orjson took "
    "60–120 µs on a request's fresh objects against 18 µs on warm ones. The cached items "
    "are now kept as JSON (services/listing_items.py): a page is each item's cached bytes "
    "with the request's highlight appended, which is the item's last key, and the "
    "response is assembled from encoded parts (json_bytes.py). A test checks that every "
    "item is byte for byte what encoding the presented dict gives, and another that an "
    "object assembled from encoded parts is byte for byte the encoding of the whole. "
    "2.34 → 2.07 million instructions per search.",
    "Smaller costs on the same path: the labelled Prometheus series are looked up once "
    "rather than through `labels()` on every request; the access-log fields are built "
    "only when the line is logged; the listing parameters are validated once (they were "
    "validated, then copied into a second model); the allowed vocabulary keys are sorted "
    "only for an error message; the search request body is encoded by orjson. 2.07 → "
    "1.92 million instructions per search (1.90 million in `make bench-instructions` "
    "at the end of the round). In an A/B at 1,000 entries (the API on "
    "uvicorn, 300 searches per round), the API process's CPU time went from 0.70–0.83 ms "
    "per search to 0.47–0.60 ms.",
    "Load: the documents went to Meilisearch in batches doubling up to 1,000, and the "
    "last batch was sent only after the checks across files. With 1,000 entries "
    "Meilisearch still had a batch of 250 to index when the reading ended. The reader "
    "now says how many entry files follow (`Reference.expected_entries`), batches shrink "
    "towards the end (half of what is left, at least 50), and the last goes with the "
    "last entry, before the checks across files.",
    "Load: Meilisearch takes some milliseconds to accept a batch (it stores it first), "
    "and the reading waited for that each time. A sender thread now posts the batches, "
    "one at a time and in order, while the reading goes on. A refused batch drops the "
    "build only after the batches in flight (a test refuses one mid-stream).",
    "Load: running the migrations on a new file took about 20 ms, a twentieth of loading "
    "1,000 entries. A new file is now a copy of an empty database the migrations built "
    "once (db/migrate.py `new_database`). It is kept next to the database and named by a "
    "digest of the migration scripts and the versions of Alembic, SQLAlchemy and SQLite. "
    "A test checks that the copy has the schema the migrations build. A reload of an "
    "existing file, the usual case in production, still migrates the copy; at head that "
    "costs about 4 ms.",
    "Full rebuild: the state index (the catalogue version the index holds) was made by "
    "the write of the state, the last step of a load into an index name Meilisearch had "
    "not seen. Making an index took Meilisearch up to 0.2 s here, "
    "the bench's loads each use a new name, and at 100 entries that wait was most of the "
    "load. It is now made with the build, while the catalogue is read (a test checks the "
    "order of the tasks).",
    "Tried and dropped: reading the entry files on a thread ahead of the parser. With the "
    "files in the page cache, reading 10,000 entries took 2.6 s instead of 2.2 s (the "
    "two threads hand the interpreter lock back and forth); with the cache dropped it "
    "saved nothing (3.1–3.3 s either way). Also no change: a 64 MB SQLite page cache for "
    "the staging file, and a first batch of 50 or 100 documents instead of 250.",
    "Run to run: a complete run after the search changes, the tail batches and the "
    "sender thread and the template, before the state index, gave search 1.39 / 1.12 / "
    "1.28, listing 2.36 / 2.58 / 2.74 and load 2.15 / 1.56 / 1.48 at 100 / 1,000 / "
    "10,000 entries; at 100 entries its full loads waited up to 0.2 s for Meilisearch "
    "to make the state index.",
    "Measured and left: the sync-state query that rides along with every search (the "
    "catalogue-version check) costs Meilisearch 0.02–0.04 ms; cProfile gives FastAPI's "
    "native telemetry check and the asyncio streams of the Meilisearch client about 2% of "
    "a search each (a profiler's share, not timed apart); "
    "C-level hooks for libyaml's tag resolver changed nothing measurable.",
)


FIFTH_ROUND_FIXES = (
    "Where a load's time goes, from the times Meilisearch records for its batches and "
    "marks in Python (10,000 entries): Meilisearch was busy from the first batch to the "
    "last, a batch of 1,000 documents taking it 0.24–0.31 s as the index grew (alone, in "
    "one batch, 0.22 ms per document), and Python posted the next batch about when the "
    "last was done; the two ran in step. After the last entry Python still spent 0.35 s "
    "(the checks across files, the catalogue version, the evidence history, the commit) "
    "while Meilisearch needed 0.13 s, and then 0.15–0.2 s freeing what the load had "
    "built. Python's CPU time for reading and loading was 3.0 s alone and 3.5 s with "
    "Meilisearch indexing on the other CPU.",
    "The reader kept every entry file's parsed data to the end: for the unused-key check "
    "(now gathered file by file, checks.py `KeyUsage`) and in `ReadResult.documents` "
    "(now only with `keep_sources`, which `validate --check-urls` asks for; a test checks "
    "both). Each file's data is freed when the file is done, while it is still in the "
    "cache; freeing 10,000 of them at the end cost about 0.1 s.",
    "The streamed rebuild kept every document until the end, for the report of what "
    "changed; it keeps the id and hash of each sent document now.",
    "The catalogue version listed the files with `rglob` (40 ms for 10,000 Path objects); "
    "`os.walk` takes 8 ms. The version test has a hidden file and a linked folder now (a "
    "walk that follows links fails it).",
    "The staged load had SQLite check foreign keys on every row (about 30 ms at 10,000 "
    "entries); the check over the whole staged file before the rename stays, and a test "
    "loads a row whose intervention is missing.",
    "Waiting for Meilisearch's tasks polled every 2 ms ten times, then 1.5 times less "
    "often per look up to 50 ms. The last batches of a 1,000-entry load are a wait of "
    "about 0.15 s, and were noticed up to 40 ms after Meilisearch had finished them. "
    "After the first ten looks the next now comes after a tenth of the time waited so "
    "far (client.py `poll_delay`, with a test), at most 50 ms.",
    "A/B over the same 10,000-entry catalogue, interleaved, against one Meilisearch: a "
    "load took 3.73 s (median of five) before these changes and 3.55 s after them, "
    "3.98 s and 3.72 s in a second run on a busier machine; the load's CPU time went "
    "from 3.54 s to 3.37 s and from 3.87 s to 3.49 s.",
    "Tried and dropped: 16 KB SQLite pages for new files (the inserts took about 80 ms "
    "less, the load no measurable time less); dropping the secondary indexes for the "
    "inserts and making them again (100 ms less inserting, 80 ms to build them); "
    "`intervention_terms` without a rowid (about 25 ms less inserting, not worth a "
    "migration); middle batches of 2,500 documents instead of 1,000 (within noise). "
    "Measured "
    "and left: the evidence history of a first load is 0.16 s at 10,000 entries (19,000 "
    "rows; a third of it the insert).",
)

SIXTH_ROUND_FIXES = (
    "Where the 1,000-entry load's time went (Meilisearch's batch times against marks in "
    "Python, as in the fifth round): Python posted a batch and then wrote that batch's "
    "SQLite rows before it read on, so the documents reached Meilisearch only as fast as "
    "Python could also write SQLite. Meilisearch got its first batch 0.07 s into the "
    "load and then sat idle for about 40 ms waiting for the second. Each side needed "
    "about 0.3 s of CPU; Python finished SQLite at 0.32 s and Meilisearch its last batch "
    "at 0.38 s.",
    "The entries' SQLite rows now wait until all the documents have been sent (search/"
    "sync.py `ROWS_HELD`). At most 10,000 entries' rows wait, about 20 MB, before they "
    "are written. Meilisearch gets its documents sooner, and Python writes SQLite while "
    "Meilisearch indexes the last batches. An in-process A/B over 20 interleaved rounds "
    "at 1,000 entries: full load / Meilisearch-only 1.48 before, 1.38 after (medians). At "
    "10,000 entries, 8 rounds gave 1.44 both ways. A test pins the order of the sends "
    "and the writes, both when the rows wait to the end and when the limit is reached.",
    "The staging SQLite file keeps its rollback journal in memory and is not synced at "
    "its commit. It is synced once, just before the rename that makes it live. A test "
    "checks that no journal file appears beside it and that the fsync comes before the "
    "rename. SQLite's commit at 1,000 entries took 9 ms and now takes 0.3 ms, plus 0.7 ms "
    "for the sync.",
    "The build index is created, and the live index's hashes are read, on the sender "
    "thread, so the reading starts while Meilisearch answers. Before, the reading "
    "waited about 7 ms at 1,000 entries. A test checks which thread does it.",
    "The reader starts `git rev-parse` when the reading starts and reads its answer at "
    "the end. The end of a 1,000-entry read waited 3 ms for git; it now waits 0.14 ms. "
    "Entry files are read with `os.read`: 3.5 ms instead of 6.7 ms per 1,000 files. "
    "Tests: the commit is recorded, and a folder named like an entry file is reported.",
    "The runner now runs 7 rounds of each load comparison, not 3. A load round takes "
    "under a second at 1,000 entries, and one disturbed round moved a median of three by "
    "0.1. With 3 rounds, two complete runs of this round's code gave load 1.13 / 1.51 / "
    "1.46 (at e73168f) and 1.22 / 1.60 / 1.24 (at 8b5cdd0, on a busy machine). Over the "
    "same hour, 10–20-round A/Bs of unchanged code gave medians from 1.38 to 1.50 at "
    "1,000 entries; later, on a busy machine, 1.58–1.60. Complete runs with 7 rounds "
    "gave 1.02 / 1.50 / 1.39 at 8b5cdd0. At "
    "cd8b551 they gave 1.22 / 1.66 / 1.39 on a busy machine (load average 1.5 at the "
    "start; search at 100 entries was 1.41 in the same run), and then 1.27 / 1.53 / 1.32 "
    "(the result at the top). At 1,000 entries the rounds of that last run range from "
    "1.40 to 2.20: Meilisearch-only took 0.25–0.32 s, and the wait for Meilisearch "
    "after SQLite served took 0.06–0.16 s.",
    "Tried and dropped, all measured:",
    "  - a first batch of 50 or 100 documents instead of 250 (the runner's own load "
    "comparison, 16 rounds: 1.50 / 1.50 / 1.52 for 50 / 250 / 100), and fixed batches of "
    "100 or 150;",
    "  - writing the waiting rows every 2,000 or 5,000 entries (worse at 10,000 entries);",
    "  - gathering the used vocabulary keys straight into their sets (7.2 ms per 1,000 "
    "entries, against 6.5 ms before; cProfile had made it look three times bigger);",
    "  - rapidyaml, which parses 1,000 entry files in 8 ms. Walking its tree from Python "
    "took 137 ms, against 83 ms for PyYAML's whole fast path;",
    "  - a pause of half a second before every run of either side (no change).",
    "Measured and left: the evidence history of a first load costs 8 ms of Python per "
    "1,000 entries, plus its insert. While the main thread parses, each request from "
    "the sender thread waits for the interpreter lock: 5.5 ms per request with the "
    "default switch interval of 5 ms, 0.8 ms with `sys.setswitchinterval(0.0005)` "
    "(measured apart). A 16-round A/B of the load showed no difference, 1.60 both ways "
    "on a busy machine, so the interval was left as it is.",
)

SEVENTH_ROUND_FIXES = (
    "What was left of Python's part of the 1,000-entry load was CPU: 0.36 s, of which "
    "reading YAML took 96 ms (libyaml makes a Python object for every node, and the "
    "values are built from those), while Meilisearch alone indexes in 0.25–0.3 s on the "
    "same two CPUs.",
    "Entry files are now read by yaml-rs (Rust), where it reads them as the catalogue's "
    "rules do (catalogue/yaml_source.py `_native_values`). The third round dropped it "
    "because the regular-expression pass that finds the texts it reads differently cost "
    "more than the parser saved. This round's pass is three patterns, each anchored on "
    "few characters, plus a check that every key is text: 36 ms per 1,000 files, and "
    "with the parser 69 ms against 96 ms. In-process A/B over 16 interleaved rounds at "
    "1,000 entries: full load / Meilisearch-only 1.45 before, 1.30 after (medians); the "
    "load's CPU time 0.362 s before, 0.318 s after. Sixty-five of the 66 real entry files "
    "take the new path; the other has `0,07` in its prose, which looks like a number to "
    "the pass.",
    "Where yaml-rs and libyaml differ, found by comparing them on generated texts: "
    "yaml-rs resolves plain 010, 0x1F, 0o17, 1_000, _1, 1e3, .inf, True and Null to "
    "numbers, booleans or null; it accepts control characters, anchors with any name, "
    "plain values starting with an indicator inside a flow collection, and implicit keys "
    "spread over two lines; an empty block scalar can keep a newline; a byte-order mark "
    "stays in the first key. A file with any of these (or with something that merely "
    "looks like one) takes the PyYAML path, as does anything yaml-rs refuses. "
    "tests/catalogue/test_native_yaml.py compares the two readers strictly (1, 1.0 and "
    "True differ): the real and 200 synthetic entries, 37 texts known to differ (each "
    "still differs in yaml-rs itself), every plain value of up to two characters in 12 "
    "places, 12,000 numbers, 3,000 edited entry files and 300 generated documents. "
    "Removing any one part of the pass fails it. `make fuzz-yaml` runs the same at "
    "length: every value of up to three characters (1.1 million texts) and 240,000 "
    "edited entry files, with no difference (52 s). yaml-rs is pinned to one version, "
    "as the comparison holds per version.",
)

# Why a target can be missed, from the profiles; shown for the targets the latest run
# missed (the numbers are in the tables).
WHY_MISSED = {
    "search_p50_ratio": (
        "Search: the API's answer is Meilisearch's answer plus one more loopback round trip "
        "and about half a millisecond of CPU per request in the API process: uvicorn, "
        "FastAPI's middleware and routing (a quarter of the instructions of a search "
        "called in process), the parameters, the version check, the cached page and the "
        "exchange with Meilisearch (fourth round). Meilisearch "
        "answers a page in 3–5 ms here, so the ratio sits near the target, and the "
        "per-round ratios (in brackets) straddle it on this shared two-core machine: the "
        "client, the API and Meilisearch take turns on two CPUs, and every extra process "
        "switch shows. Three complete runs on the same search code (third round) gave "
        "medians from 1.13 to 1.52."),
    "load_ratio": (
        "Load: Meilisearch indexes while Python reads, validates and writes, and the two "
        "share two CPUs. At 1,000 entries Python needs about 0.32 s of CPU: reading the "
        "YAML about a fifth since the seventh round, the SQLite inserts with the full-text "
        "index, the pydantic models, the rows, the documents, the commit and the evidence "
        "history. Meilisearch alone indexes the same documents in 0.25–0.3 s. With both "
        "CPUs busy in between, what is left idle is the start (Meilisearch waits 0.03–0.07 "
        "s for the first batch) and the end (the swap and the sync state, 10–20 ms). The "
        "per-round ratios spread widely on this shared machine: the same code gave "
        "medians from 1.38 to 1.60 at 1,000 entries in the sixth round. At 100 entries a "
        "load is about a tenth of a second, and Meilisearch's waits for making indexes "
        "and swapping them move it by tens of percent."),
    "match_p99_ratio": (
        "Match: it scores every entry of the catalogue against the profile (the listing "
        "reads one page), so its time grows with the catalogue while a listing's page "
        "does not."),
    "listing_rps_ratio": (
        "Listing: where a listing's SQL is cheap (the smaller catalogues), the time goes to "
        "request handling in Python on both sides. The API's share (the parameters, the "
        "hand-off of the SQLite query to a worker thread and back, the cached page, the "
        "middleware for ETags, CORS, request ids and metrics) is about half of datasette's "
        "at 100 entries, so the ratio sits at 2 there: 1.97 and 2.36 in the two complete "
        "runs of the fourth round, 2.07 in the third. The API's lead grows with the "
        "catalogue, as its listing SQL stops at the page."),
    "rss_mb": "Memory: over the target; see the RSS line of the details.",
}


def missed_notes(results: dict[str, Any]) -> list[str]:
    missed: set[str] = set()
    for size_result in results["sizes"]:
        summary = summarize(size_result)
        for target in TARGETS:
            applies = target.sizes is None or size_result["size"] in target.sizes
            value = summary.get(target.key)
            if applies and value is not None and not target.met(value):
                missed.add(target.key)
    return [WHY_MISSED[t.key] for t in TARGETS if t.key in missed]


def render_doc(results_dir: Path) -> str:
    latest_path = results_dir / "latest.json"
    latest = json.loads(latest_path.read_text())
    baselines = sorted(
        (json.loads(path.read_text()) | {"_name": path.stem}
         for path in results_dir.glob("*.json") if path.stem not in ("latest", "load")),
        key=lambda r: r["environment"]["date"])
    out = [
        "# Benchmarks",
        "",
        "<!-- Written by bench/run.py from bench/results/*.json; do not edit by hand. -->",
        "",
        "Reproduce (needs the Meilisearch binary, `make meilisearch`, and the bench extras):",
        "",
        "```sh",
        "make bench          # = .venv/bin/python -m bench.run",
        "```",
        "",
        f"This run: `{latest['command'].strip()}`. {_environment(latest)}",
        "",
        "What is compared, on the same synthetic catalogue (bench/synthetic.py: field "
        "distributions measured on the real catalogue, Dutch and English text from the "
        "vocabularies, fixed seed):",
        "",
        "- **(a) search**: `GET /v1/interventions?q=…` on the API (Meilisearch backend) vs "
        "the API's own main Meilisearch query for the same term sent straight to "
        "`POST /indexes/<index>/search`, retrieving whole documents.",
        "- **(b) listing**: `GET /v1/interventions` with filters on the API (SQLite backend) "
        "vs datasette's table JSON API on the same SQLite file with the same filter "
        "(`_where` subqueries on `intervention_terms`, column filters, sorted by evidence, "
        "20 rows, `_shape=objects`; datasette started with `-i` and "
        "`--setting suggest_facets off`). The runner checks that both sides return the same "
        "total for every filter before it measures.",
        "- **(c) load**: what `interventions load --index` runs (`read_load_and_index`: "
        "reading and validating the YAML, a fresh SQLite file, and a full rebuild of the "
        "index that Meilisearch works on while the files are read and SQLite is written, "
        "swapped in at the end) vs creating "
        "an index, applying the same settings and adding the same documents in batches of "
        "1,000, waiting for every task.",
        "- **(d) match**: `POST /v1/match` with two school profiles vs the filtered listings, "
        "on the same API process.",
        "- **(e) memory**: resident set size of the API process (uvicorn, one worker) after "
        "all of its traffic.",
        "",
        "Ratios are medians of per-round ratios (the two sides of a round run back to back, "
        "in alternating order); the range of the per-round ratios follows in brackets. The "
        "machine is shared and noisy: expect a few percent to tens of percent between "
        "runs.",
        "",
        "## Result",
        "",
        summary_table(latest),
        "",
        *(f"- {note}" for note in missed_notes(latest)),
        "",
        "## Details",
        "",
        detail_tables(latest),
    ]
    out += ["## What profiling found and what was changed", "",
            "Profiles: `py-spy record -p <API pid> -f raw -d 12` on the API under 16 "
            "concurrent listings or searches (bench/harness.py starts it; every thread is "
            "sampled), and `pyinstrument` around `read_catalogue` and `load_catalogue`; "
            "for the second round also `yappi` (CPU clock) on the ASGI app called in "
            "process, the API process's CPU time per request (psutil) and cProfile around "
            "the match; for the third, cProfile around `read_load_and_index` and the CPU "
            "time of both processes over a load (psutil); for the fourth, valgrind's "
            "callgrind (instructions per search, in process) and cProfile; for the fifth, "
            "the start and end of each batch as Meilisearch records them (`/tasks`) "
            "against marks in Python, and CPU time per thread; for the sixth, the same, "
            "`py-spy record -r 500` over repeated loads, and timers around single "
            "steps; for the seventh, timers around the two YAML readers and in-process "
            "A/Bs of the load.", "",
            "First round (measured in `first-round` below):", "",
            *(f"- {fix}" for fix in FIXES), "",
            "Second round (measured in `second-round` below):", "",
            *(f"- {fix}" for fix in SECOND_ROUND_FIXES), "",
            "Third round, the load (measured in `third-round` below):", "",
            *(f"- {fix}" for fix in THIRD_ROUND_FIXES), "",
            "Fourth round (measured in `fourth-round` below):", "",
            *(f"- {fix}" for fix in FOURTH_ROUND_FIXES), "",
            "Fifth round, the load again (measured in `fifth-round` below):", "",
            *(f"- {fix}" for fix in FIFTH_ROUND_FIXES), "",
            "Sixth round, the load at 1,000 entries (measured in `sixth-round` below):",
            "", *(f"{'' if fix.startswith('  ') else '- '}{fix}"
                  for fix in SIXTH_ROUND_FIXES), "",
            "Seventh round, reading YAML (measured in the result at the top):", "",
            *(f"- {fix}" for fix in SEVENTH_ROUND_FIXES), ""]
    load_path = results_dir / "load.json"
    if load_path.exists():
        load = json.loads(load_path.read_text())
        env = load["environment"]
        out += ["## Load test", "",
                f"`{load['command'].strip()}` (`make load-test`): {load['clients']} clients for "
                f"{load['duration_s']:g} s of mixed requests (searches, filtered listings, "
                "detail pages, facets, vocabularies, compare, match) on loopback, "
                + (f"{load['entries']:,} synthetic entries, " if load.get("entries") else "")
                + f"measured {load['date']} at commit {env['commit']} on {env['cpus']} CPUs "
                f"(load average {env['load_average']:.1f} at the start). Latencies in ms.", "",
                load["table"], ""]
    if baselines:
        out += ["## Before and after", "",
                "The result above is the code as it is now. Earlier complete runs of the "
                "runner, kept with `--save NAME` (oldest first), each at the commit named; "
                "`before` ran from a worktree of the commit before the fixes above, "
                "`first-round` after the first round of them, `second-round` after the "
                "second, `third-round` after the third, `fourth-round` after the fourth, "
                "`fifth-round` after the fifth, `sixth-round` after the sixth.", ""]
        for baseline in baselines:
            notes = baseline.get("notes", "")
            out += [f"### {baseline['_name']}", "", _environment(baseline) +
                    (f" {notes}" if notes else ""), "", summary_table(baseline), ""]
    return "\n".join(out).rstrip() + "\n"
