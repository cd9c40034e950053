"""The benchmark (make bench): the API beside raw Meilisearch and datasette, on the real
catalogue and on a synthetic one of 10,000 entries, side by side in one run.

For each catalogue it measures

- load: ``interventions load --index`` (a fresh SQLite file and a full rebuild of a fresh
  index, start-up included) vs Meilisearch-only indexing of the same documents with the
  same index settings (create the index, apply the settings, add the documents in
  batches, wait for every task);
- search: ``GET /v1/interventions?q=…`` vs the same search sent straight to Meilisearch
  for whole documents (bench/workload.py); the hits must be the same;
- listing: a filtered ``GET /v1/interventions`` vs datasette's JSON API on the same SQLite
  file with the same filter; the totals must be the same;
- match: ``POST /v1/match`` vs the filtered listing, on the same API process;
- memory: the resident memory of the API after all of its traffic.

Everything runs as real processes: Meilisearch (the binary the tests use), the API through
``interventions serve`` (default worker count, Meilisearch backend, as deployed), datasette
from PyPI. Latency at concurrency 1 comes from a kept-alive httpx client, throughput at
concurrency 16 from autocannon (bench/autocannon.py), whose own ceiling on a trivial route
is measured too. The sides of each comparison run interleaved, in alternating order, for
several rounds; a ratio is the median of the per-round ratios.

    python -m bench.run            # both catalogues; writes docs/benchmarks.md
    python -m bench.run --quick    # real catalogue only, short runs, writes nothing
    python -m bench.run --render   # docs/benchmarks.md again from bench/results/latest.json
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
from typing import Any, TypeVar

import httpx
import yaml

from interventions_api.settings import PROJECT_ROOT

from . import autocannon, report
from .driver import Request, percentile
from .harness import ApiServer, DatasetteServer, MeiliServer, api_env, load_catalogue, meili_binary
from .synthetic import generate
from .workload import (
    api_list_requests,
    api_search_requests,
    datasette_list_requests,
    match_requests,
    meili_search_requests,
)

RESULTS = PROJECT_ROOT / "bench" / "results" / "latest.json"
DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
MB = 2**20
BATCH = 1000  # documents per request of the Meilisearch-only indexing

Measure = Callable[[], dict[str, Any]]
T = TypeVar("T")


STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{(time.monotonic() - STARTED) / 60:4.1f} min] {message}", file=sys.stderr,
          flush=True)


def sequential(base_url: str, requests: list[Request], count: int) -> dict[str, Any]:
    """``count`` requests one after the other on one kept-alive connection, after one
    uncounted pass over the list; latency of each until its body is read."""
    samples = []
    with httpx.Client(base_url=base_url, timeout=30.0,
                      headers={"Accept-Encoding": "identity"}) as client:
        for index in range(len(requests) + count):
            request = requests[index % len(requests)]
            started = time.perf_counter()
            response = client.request(request.method, request.path, json=request.json,
                                      headers=request.headers)
            seconds = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{request.method} {base_url}{request.path}: "
                                   f"{response.status_code} {response.text[:300]}")
            if index >= len(requests):
                samples.append(seconds * 1000)
    return {"requests": count, "p50_ms": round(percentile(samples, 50), 3),
            "p99_ms": round(percentile(samples, 99), 3),
            "mean_ms": round(sum(samples) / len(samples), 3)}


def interleave(rounds: int, sides: dict[str, Callable[[], T]]) -> dict[str, list[T]]:
    """Each side once per round, in alternating order, so that a slow spell of the
    machine falls on both sides alike."""
    results: dict[str, list[T]] = {name: [] for name in sides}
    for number in range(rounds):
        names = list(sides) if number % 2 == 0 else list(reversed(sides))
        for name in names:
            results[name].append(sides[name]())
    return results


class Dataset:
    """One catalogue through every comparison."""

    def __init__(self, name: str, catalogue: Path, meili: MeiliServer, workdir: Path,
                 args: argparse.Namespace) -> None:
        self.name = name
        self.catalogue = catalogue
        self.meili = meili
        self.workdir = workdir
        self.args = args
        self.entries = len(list((catalogue / "interventions").glob("*.yaml")))
        self.documents: list[dict[str, Any]] = []
        self.index_settings: dict[str, Any] = {}

    # --- load -----------------------------------------------------------------------
    def env(self, db_path: Path, index: str) -> dict[str, str]:
        return api_env(db_path, meili_url=self.meili.url, meili_key=self.meili.master_key,
                       meili_index=index)

    def wait(self, http: httpx.Client, response: httpx.Response) -> None:
        response.raise_for_status()
        task = self.meili.wait_for_task(response.json()["taskUid"], timeout=900)
        if task["status"] != "succeeded":
            raise RuntimeError(f"Meilisearch task failed: {task}")

    def drop(self, index: str) -> None:
        """The index and whatever the CLI built beside it (its name, then "_…")."""
        with self.meili.client(timeout=120) as http:
            listed = http.get("/indexes", params={"limit": 1000}).raise_for_status().json()
            for uid in (i["uid"] for i in listed["results"]):
                if uid == index or uid.startswith(index + "_"):
                    self.wait(http, http.delete(f"/indexes/{uid}"))

    def fetch(self, index: str) -> None:
        """The documents and settings of an index the CLI built, for Meilisearch-only
        indexing to send: the same documents whatever code built them."""
        with self.meili.client(timeout=120) as http:
            self.index_settings = http.get(f"/indexes/{index}/settings") \
                .raise_for_status().json()
            documents: list[dict[str, Any]] = []
            while True:
                page = http.get(f"/indexes/{index}/documents",
                                params={"limit": BATCH, "offset": len(documents)}) \
                    .raise_for_status().json()
                documents += page["results"]
                if len(documents) >= page["total"] or not page["results"]:
                    break
        if len(documents) != self.entries:
            raise RuntimeError(f"index {index} holds {len(documents)} documents, the "
                               f"catalogue {self.entries} entries")
        self.documents = documents

    def meili_only(self, index: str) -> float:
        with self.meili.client(timeout=300) as http:
            started = time.perf_counter()
            responses = [http.post("/indexes", json={"uid": index, "primaryKey": "id"}),
                         http.patch(f"/indexes/{index}/settings", json=self.index_settings)]
            for start in range(0, len(self.documents), BATCH):
                responses.append(http.post(f"/indexes/{index}/documents",
                                           json=self.documents[start:start + BATCH]))
            for response in responses:
                self.wait(http, response)
            return time.perf_counter() - started

    def compare_loads(self) -> tuple[dict[str, list[float]], Path, str]:
        """Interleaved rounds of both; the database and index of the last CLI load then
        serve the traffic."""
        counter = {"cli": 0, "meili": 0}
        kept: dict[str, Any] = {}

        def cli() -> float:
            counter["cli"] += 1
            db_path = self.workdir / f"{self.name}-{counter['cli']}.db"
            index = f"bench_{self.name}_{counter['cli']}"
            seconds = load_catalogue(self.catalogue, self.env(db_path, index), index=True)
            if not self.documents:
                self.fetch(index)
            if kept:
                self.drop(kept["index"])
                Path(kept["db"]).unlink(missing_ok=True)
            kept.update(db=db_path, index=index)
            say(f"  load --index: {seconds:.2f} s")
            return seconds

        def meili() -> float:
            counter["meili"] += 1
            index = f"bench_{self.name}_raw_{counter['meili']}"
            seconds = self.meili_only(index)
            self.drop(index)
            say(f"  Meilisearch-only indexing: {seconds:.2f} s")
            return seconds

        # The CLI goes first in the first round: its index gives the documents.
        runs = interleave(self.args.load_rounds, {"cli": cli, "meili_only": meili})
        return runs, Path(kept["db"]), str(kept["index"])

    # --- traffic --------------------------------------------------------------------
    def check_same_answers(self, api: ApiServer, datasette: DatasetteServer,
                           index: str, db_path: Path) -> None:
        """Both sides of a comparison must answer the same question."""
        api_search = api_search_requests()
        raw = meili_search_requests(index, self.meili.master_key, db_path)
        for ours, theirs in zip(api_search, raw, strict=True):
            listed = [item["id"] for item in httpx.get(api.url + ours.path).json()["data"]]
            hits = httpx.post(self.meili.url + theirs.path, json=theirs.json,
                              headers=theirs.headers).raise_for_status().json()["hits"]
            if listed != [hit["id"] for hit in hits]:
                raise RuntimeError(f"search mismatch for {ours.path}: API {listed}, "
                                   f"Meilisearch {[hit['id'] for hit in hits]}")
        for ours, theirs in zip(api_list_requests(), self.datasette_requests(datasette),
                                strict=True):
            total = httpx.get(api.url + ours.path).json()["meta"]["total"]
            their_total = httpx.get(datasette.url + theirs.path).json() \
                .get("filtered_table_rows_count")
            if total != their_total:
                raise RuntimeError(f"listing mismatch for {ours.path}: API {total}, "
                                   f"datasette {their_total}")

    def datasette_requests(self, datasette: DatasetteServer) -> list[Request]:
        scale = yaml.safe_load((self.catalogue / "evidence-scale.yaml").read_text("utf-8"))
        return datasette_list_requests(datasette.database,
                                       [level["key"] for level in scale["levels"]])

    def traffic(self, db_path: Path, index: str) -> dict[str, Any]:
        args = self.args
        logs = self.workdir / "logs"
        api = ApiServer(self.env(db_path, index), logs / f"api-{self.name}.log")
        datasette = DatasetteServer(db_path, logs / f"datasette-{self.name}.log")
        with api, datasette:
            self.check_same_answers(api, datasette, index, db_path)
            targets: dict[str, tuple[str, list[Request]]] = {
                "api_search": (api.url, api_search_requests()),
                "meili_search": (self.meili.url,
                                 meili_search_requests(index, self.meili.master_key,
                                                       db_path)),
                "api_list": (api.url, api_list_requests()),
                "datasette_list": (datasette.url, self.datasette_requests(datasette)),
                "api_match": (api.url, match_requests()),
            }

            def c1(name: str) -> Measure:
                return lambda: sequential(*targets[name], args.sequential)

            def c16(name: str, duration: float) -> Measure:
                return lambda: autocannon.run(*targets[name], connections=args.connections,
                                              duration=duration)

            say("  ceiling of autocannon on trivial routes")
            ceiling = {
                "api /healthz": autocannon.run(api.url, [Request("health", "/healthz")],
                                               connections=args.connections,
                                               duration=args.duration),
                "meilisearch /health": autocannon.run(
                    self.meili.url, [Request("health", "/health")],
                    connections=args.connections, duration=args.duration),
            }
            concurrent = ("api_search", "meili_search", "api_list", "datasette_list")
            for name in concurrent:  # uncounted: warms caches and connections
                c16(name, 1.0)()
            say(f"  concurrency 1: {args.rounds} round(s) of {args.sequential} requests")
            latency = interleave(args.rounds, {name: c1(name) for name in targets})
            say(f"  concurrency {args.connections}: {args.rounds} round(s) of "
                f"{args.duration:g} s")
            throughput = interleave(args.rounds, {name: c16(name, args.duration)
                                                  for name in concurrent})
            rss = {"api": api.rss_bytes() / MB, "datasette": datasette.rss_bytes() / MB}
        return {"ceiling": ceiling, "c1": latency, "c16": throughput, "rss_mb": rss}

    def run(self) -> dict[str, Any]:
        say(f"== {self.name}: {self.entries:,} entries")
        load, db_path, index = self.compare_loads()
        result = {"name": self.name, "entries": self.entries, "load": load,
                  **self.traffic(db_path, index)}
        self.drop(index)
        return result


def environment() -> dict[str, Any]:
    def output(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60,
                                  check=False).stdout.strip()
        except OSError:
            return "?"

    datasette = DatasetteServer.binary()
    commit = output(["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"])
    dirty = output(["git", "-C", str(PROJECT_ROOT), "status", "--porcelain",
                    "--untracked-files=no", "--", "interventions_api", "bench"])
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "meilisearch": output([str(meili_binary()), "--version"]),
        "datasette": (output([datasette, "--version"]).replace(", version", "")
                      if datasette else "not installed"),
        "autocannon": autocannon.version(),
        "node": output(["node", "--version"]),
        "load_average_start": round(os.getloadavg()[0], 2),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the API (see bench/run.py).")
    parser.add_argument("--quick", action="store_true",
                        default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
                        help="real catalogue only, one short round; writes nothing "
                             "(also BENCH_QUICK=1)")
    parser.add_argument("--entries", type=int, default=10_000,
                        help="size of the synthetic catalogue")
    parser.add_argument("--seed", type=int, default=8, help="of the synthetic catalogue")
    parser.add_argument("--rounds", type=int, help="interleaved rounds of the traffic "
                        "comparisons (default 3, quick 1)")
    parser.add_argument("--load-rounds", type=int,
                        help="interleaved rounds of the load comparison (default 3, quick 1)")
    parser.add_argument("--sequential", type=int,
                        help="requests per concurrency-1 run (default 300, quick 60)")
    parser.add_argument("--duration", type=float,
                        help="seconds per autocannon run (default 5, quick 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workdir", type=Path, help="keep the data here (default: a temp dir)")
    parser.add_argument("--no-docs", action="store_true",
                        help="do not write bench/results/latest.json and docs/benchmarks.md")
    parser.add_argument("--render", action="store_true",
                        help="only write docs/benchmarks.md again from "
                             "bench/results/latest.json")
    args = parser.parse_args(argv)
    defaults = {"rounds": (3, 1), "load_rounds": (3, 1), "sequential": (300, 60),
                "duration": (5.0, 2.0)}
    for name, (full, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        DOC.write_text(report.render_doc(json.loads(RESULTS.read_text())), encoding="utf-8")
        say(f"wrote {DOC}")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="interventions-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    env = environment()  # the code measured is the code at the start
    meili = MeiliServer(meili_binary(), workdir / "meilisearch")
    try:
        catalogues = [("real", PROJECT_ROOT / "catalogue")]
        if not args.quick:
            say(f"generating {args.entries:,} synthetic entries (seed {args.seed})")
            catalogues.append(("synthetic", generate(workdir / "synthetic", args.entries,
                                                     args.seed)))
        meili.start()
        datasets = [Dataset(name, root, meili, workdir, args).run()
                    for name, root in catalogues]
    finally:
        meili.stop()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    env["load_average_end"] = round(os.getloadavg()[0], 2)
    env["minutes"] = round((time.perf_counter() - started) / 60, 1)
    config = {key: getattr(args, key) for key in ("quick", "rounds", "load_rounds",
                                                  "sequential", "duration", "connections",
                                                  "seed")}
    results = {"environment": env, "config": config, "datasets": datasets}
    print(report.table(results))
    if not args.quick and not args.no_docs:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        DOC.write_text(report.render_doc(results), encoding="utf-8")
        say(f"wrote {RESULTS.relative_to(PROJECT_ROOT)} and {DOC.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
