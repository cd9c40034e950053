"""The benchmark: the API against raw Meilisearch and datasette, on the same data.

For each catalogue size (default 100, 1,000 and 10,000 synthetic entries) it measures

  (a) text search: the API vs the same search sent straight to Meilisearch
      (p50, p99 and throughput at concurrency 1 and 16);
  (b) filtered listing: the API (SQLite backend) vs datasette's JSON API on the same
      SQLite file with the same filter (throughput at concurrency 16, latency at 1);
  (c) the full load YAML → SQLite → Meilisearch vs Meilisearch-only indexing of the
      same documents with the same index settings;
  (d) POST /v1/match vs a filtered listing (p99 at concurrency 1);
  (e) the resident memory of the API process after the traffic.

Real processes throughout: Meilisearch (the binary the tests use), the API under
uvicorn, datasette from PyPI. The two sides of each comparison run interleaved, in
alternating order, for several rounds; the report gives medians over rounds and the
ratio of the medians. It prints a table and writes docs/benchmarks.md.

    python -m bench.run                      # all sizes, writes docs/benchmarks.md
    python -m bench.run --sizes 100 --rounds 1 --no-docs   # a quick look
    python -m bench.run --save before-x      # also keep the result as a baseline
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.query import InterventionQuery
from interventions_api.search.engine import search_request
from interventions_api.search.sync import BATCH_SIZE, load_documents, sync_index
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.settings import PROJECT_ROOT, Settings

from . import report
from .driver import Request, run_load
from .harness import ApiServer, DatasetteServer, api_env
from .synthetic import generate
from .workload import (
    SEARCH_TERMS,
    api_list_requests,
    api_search_requests,
    datasette_list_requests,
    match_requests,
)

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
DOC = PROJECT_ROOT / "docs" / "benchmarks.md"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def meili_server_class() -> Any:
    # The test suite's own server class: same binary, same flags.
    from tests.fixtures.meilisearch import MeiliServer, meili_binary

    return MeiliServer, meili_binary()


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        server_class, binary = meili_server_class()
        if not binary.exists():
            raise SystemExit(f"no Meilisearch binary at {binary}: run make meilisearch")
        self.meili = server_class(binary, workdir / "meilisearch")

    # --- helpers ------------------------------------------------------------------
    def settings(self, db_path: Path, index: str) -> Settings:
        return Settings(_env_file=None, db_path=db_path, meili_url=self.meili.url,
                        meili_api_key=self.meili.master_key, meili_index=index,
                        meili_timeout_ms=5000)

    def meili_http(self) -> httpx.Client:
        return self.meili.client(timeout=120.0)

    def drop_index(self, uid: str) -> None:
        with self.meili_http() as http:
            for name in (uid, f"{uid}_sync"):
                response = http.delete(f"/indexes/{name}")
                if response.status_code == 202:
                    self.meili.wait_for_task(response.json()["taskUid"], timeout=300)

    def interleave(self, rounds: int, sides: dict[str, Callable[[], Any]]) -> dict[str, list[Any]]:
        """Run each side once per round, alternating which goes first."""
        results: dict[str, list[Any]] = {name: [] for name in sides}
        names = list(sides)
        for round_number in range(rounds):
            order = names if round_number % 2 == 0 else list(reversed(names))
            for name in order:
                results[name].append(sides[name]())
        return results

    # --- (c) loading --------------------------------------------------------------
    def full_load(self, root: Path, db_path: Path, index: str) -> dict[str, float]:
        """What `interventions load --index` runs: the SQLite load ("sqlite": reading the
        catalogue and loading it), then a full rebuild of the index from the database
        ("index")."""
        started = time.perf_counter()
        result = read_catalogue(root)
        assert result.catalogue is not None, "synthetic catalogue invalid"
        load_catalogue(result.catalogue, db_path)
        loaded = time.perf_counter()
        sync_index(self.settings(db_path, index), full=True)
        finished = time.perf_counter()
        return {"total": finished - started, "sqlite": loaded - started,
                "index": finished - loaded}

    def meili_only(self, documents: list[dict[str, Any]], body: dict[str, Any],
                   index: str) -> dict[str, float]:
        with self.meili_http() as http:
            started = time.perf_counter()
            tasks = [http.post("/indexes", json={"uid": index, "primaryKey": "id"})]
            tasks.append(http.patch(f"/indexes/{index}/settings", json=body))
            for start in range(0, len(documents), BATCH_SIZE):
                tasks.append(http.post(f"/indexes/{index}/documents",
                                       json=documents[start:start + BATCH_SIZE]))
            for response in tasks:
                response.raise_for_status()
                task = self.meili.wait_for_task(response.json()["taskUid"], timeout=600)
                if task["status"] != "succeeded":
                    raise RuntimeError(f"Meilisearch task failed: {task}")
            finished = time.perf_counter()
        return {"total": finished - started}

    def bench_load(self, size: int, root: Path) -> tuple[dict[str, Any], Path, str]:
        """Interleaved rounds of both loads; returns the results, and the database and
        index of the last full load (which then serve the traffic benchmarks)."""
        rounds = self.args.load_rounds
        counter = {"full": 0, "raw": 0}
        kept: dict[str, Any] = {}
        # The documents Meilisearch-only indexing sends: built once, outside the timing.
        reference_db = self.workdir / f"reference-{size}.db"
        result = read_catalogue(root)
        assert result.catalogue is not None
        load_catalogue(result.catalogue, reference_db)
        documents, body, _version = load_documents(self.settings(reference_db, "unused"))

        def full() -> dict[str, float]:
            counter["full"] += 1
            db_path = self.workdir / f"load-{size}-{counter['full']}.db"
            index = f"bench_{size}_full_{counter['full']}"
            timing = self.full_load(root, db_path, index)
            if kept:
                self.drop_index(kept["index"])
                Path(kept["db"]).unlink(missing_ok=True)
            kept.update(db=db_path, index=index)
            say(f"  full load {size}: {timing['total']:.2f}s (until SQLite serves "
                f"{timing['sqlite']:.2f}s, rest of the index {timing['index']:.2f}s)")
            return timing

        def raw() -> dict[str, float]:
            counter["raw"] += 1
            index = f"bench_{size}_raw_{counter['raw']}"
            timing = self.meili_only(documents, body, index)
            self.drop_index(index)
            say(f"  Meilisearch-only indexing {size}: {timing['total']:.2f}s")
            return timing

        # Not counted: the first load after the previous size's traffic is slow for
        # whichever side runs first, and the full load runs first in the first round.
        for _ in range(self.args.load_warmup):
            full()
            raw()
        runs = self.interleave(rounds, {"full": full, "meili_only": raw})
        return runs, Path(kept["db"]), str(kept["index"])

    # --- traffic ------------------------------------------------------------------
    def latency(self, url: str, requests: list[Request]) -> dict[str, Any]:
        run_load(url, requests, clients=1, count=len(requests) * 2)  # warm up
        sequential = run_load(url, requests, clients=1, count=self.args.sequential)
        concurrent = run_load(url, requests, clients=16, duration=self.args.duration)
        for result in (sequential, concurrent):
            failures = result.failures
            non_ok = [o for o in result.outcomes if o.status != 200]
            if failures or non_ok:
                sample = (failures or non_ok)[0]
                raise RuntimeError(f"{url}{sample.request.path}: {sample.status} {sample.error}")
        return {"c1": sequential.summary(), "c16": concurrent.summary()}

    def raw_search_requests(self, settings: Settings) -> list[Request]:
        """The API's own main Meilisearch query for each term, sent straight to the index,
        retrieving whole documents (what a client of Meilisearch would display).

        Without compression, as the API's own client asks: Meilisearch's gzip responses
        are chunked, and on a kept-alive connection each then waits for a delayed ACK."""
        context = catalogue_context(settings.db_path)
        requests = []
        for term in SEARCH_TERMS:
            main = search_request(settings, InterventionQuery(q=term), context)[0]
            main.pop("attributesToRetrieve", None)
            uid = main.pop("indexUid")
            requests.append(Request("search", f"/indexes/{uid}/search", "POST", json=main,
                                    headers={"Authorization": f"Bearer {self.meili.master_key}",
                                             "Accept-Encoding": "identity"}))
        return requests

    def bench_size(self, size: int) -> dict[str, Any]:
        say(f"== {size} entries")
        root = generate(self.workdir / f"catalogue-{size}", size, seed=self.args.seed)
        load_runs, db_path, index = self.bench_load(size, root)
        settings = self.settings(db_path, index)
        logs = self.workdir / "logs"
        api = ApiServer(api_env(db_path, meili_url=self.meili.url,
                                meili_key=self.meili.master_key, meili_index=index,
                                meili_timeout_ms=5000),
                        logs / f"api-{size}.log")
        api_sqlite = ApiServer(api_env(db_path), logs / f"api-sqlite-{size}.log")
        datasette = DatasetteServer(db_path, logs / f"datasette-{size}.log")
        result: dict[str, Any] = {"size": size, "load": load_runs}
        with api, api_sqlite, datasette:
            match_available = "/v1/match" in httpx.get(api.url + "/openapi.json").json()["paths"]
            evidence_order = catalogue_context(db_path).evidence_scale.order
            api_search = api_search_requests()
            raw_search = self.raw_search_requests(settings)
            api_list = api_list_requests()
            datasette_list = datasette_list_requests(datasette.database, evidence_order)
            self.check_same_answers(api_sqlite.url, datasette.url, api_list, datasette_list)
            rounds = self.args.rounds
            self.check_backend(api.url, api_search)
            say("  (a) search: API vs raw Meilisearch")
            result["search"] = self.interleave(rounds, {
                "api": lambda: self.latency(api.url, api_search),
                "meilisearch": lambda: self.latency(self.meili.url, raw_search),
            })
            self.check_backend(api.url, api_search)
            say("  (b) listing: API (SQLite) vs datasette")
            result["listing"] = self.interleave(rounds, {
                "api": lambda: self.latency(api_sqlite.url, api_list),
                "datasette": lambda: self.latency(datasette.url, datasette_list),
                "api_meilisearch": lambda: self.latency(api.url, api_list),
            })
            if match_available:
                say("  (d) match vs filtered listing")
                result["match"] = self.interleave(rounds, {
                    "match": lambda: self.latency(api.url, match_requests()),
                    "listing": lambda: self.latency(api.url, api_list),
                })
            result["rss_bytes"] = {"api": api.rss_bytes(), "api_sqlite": api_sqlite.rss_bytes(),
                                   "datasette": datasette.rss_bytes()}
            say(f"  (e) API RSS {result['rss_bytes']['api'] / 2**20:.0f} MB")
        self.drop_index(index)
        return result

    def check_backend(self, api_url: str, requests: list[Request]) -> None:
        """The API's searches must be answered by Meilisearch, not degraded to SQLite."""
        for request in requests:
            backend = httpx.get(api_url + request.path).json()["meta"]["search_backend"]
            if backend != "meilisearch":
                raise RuntimeError(f"{request.path} was answered by {backend}")

    def check_same_answers(self, api_url: str, datasette_url: str, api_list: list[Request],
                           datasette_list: list[Request]) -> None:
        """Both sides must answer the same question: the same total for each filter."""
        for ours, theirs in zip(api_list, datasette_list, strict=True):
            total = httpx.get(api_url + ours.path).json()["meta"]["total"]
            body = httpx.get(datasette_url + theirs.path).json()
            their_total = body.get("filtered_table_rows_count")
            if total != their_total:
                raise RuntimeError(f"listing mismatch for {ours.path}: API {total}, "
                                   f"datasette {their_total}")

    def run(self) -> dict[str, Any]:
        started = environment(self.meili.binary)  # the code measured is the code at the start
        self.meili.start()
        try:
            sizes = [self.bench_size(size) for size in self.args.sizes]
        finally:
            self.meili.stop()
        return {"environment": started, "config": {
            "sizes": self.args.sizes, "rounds": self.args.rounds,
            "load_rounds": self.args.load_rounds, "load_warmup": self.args.load_warmup,
            "sequential": self.args.sequential,
            "duration_s": self.args.duration, "seed": self.args.seed,
        }, "sizes": sizes}


def environment(meili_binary: Path) -> dict[str, Any]:
    def version(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30,
                                  check=False).stdout.strip()
        except OSError:
            return "?"

    datasette = DatasetteServer.binary()
    commit = version(["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"])
    dirty = version(["git", "-C", str(PROJECT_ROOT), "status", "--porcelain",
                     "--untracked-files=no", "--", "interventions_api"])
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "meilisearch": version([str(meili_binary), "--version"]),
        "datasette": version([datasette, "--version"]) if datasette else "not installed",
        "load_average": os.getloadavg()[0],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the API (see bench/run.py).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds of each traffic comparison")
    # Seven, not three: one round of a load is under a second at 1,000 entries, and a
    # single disturbed round moved the median of three by 0.1 (sixth round).
    parser.add_argument("--load-rounds", type=int, default=7,
                        help="interleaved rounds of each load comparison")
    parser.add_argument("--load-warmup", type=int, default=1,
                        help="uncounted runs of each side of the load comparison first")
    parser.add_argument("--sequential", type=int, default=200,
                        help="requests per concurrency-1 run")
    parser.add_argument("--duration", type=float, default=4.0,
                        help="seconds per concurrency-16 run")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", type=Path, help="keep the data here (default: a temp dir)")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--save", metavar="NAME",
                        help="also store the result as bench/results/NAME.json (a baseline "
                             "the doc shows next to the latest result)")
    parser.add_argument("--render", action="store_true",
                        help="only rewrite docs/benchmarks.md from bench/results/")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        DOC.write_text(report.render_doc(RESULTS_DIR), encoding="utf-8")
        say(f"wrote {DOC}")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="interventions-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = Bench(args, workdir).run()
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    results["command"] = "python -m bench.run " + " ".join(argv if argv is not None
                                                            else sys.argv[1:])
    print(report.table(results))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    if args.save:
        (RESULTS_DIR / f"{args.save}.json").write_text(json.dumps(results, indent=1) + "\n")
    if not args.no_docs:
        DOC.write_text(report.render_doc(RESULTS_DIR), encoding="utf-8")
        say(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
