"""Benchmark of POST /v1/match beside a plain filtered listing (a script, not a test).

Times, in process and on a real SQLite file, (a) the match service and (b) the SQLite
filtered listing (``GET /v1/interventions`` with school type, theme and minimum evidence),
on the real catalogue and on a synthetic one of 10,000 entries (``bench/synthetic.py``,
seeded; written to a temporary folder, never into catalogue/). Optionally (``--http``)
the same through the ASGI app with a TestClient, to include parsing and serialisation.
Prints p50, p99 and the mean per side, and how many full (generation 2) garbage
collections ran during the timed runs: one such pause walks every object of the process,
the cached index included, and shows as a p99 far above the p50. Nothing is asserted.

    python -m bench.match_bench                       # real + 10,000, 200/100 runs
    python -m bench.match_bench --sizes 1000 --runs 50 --http
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.match.index import clear_cache
from interventions_api.match.markdown import render_markdown
from interventions_api.match.service import match
from interventions_api.query import InterventionQuery
from interventions_api.services.interventions import list_interventions_async
from interventions_api.settings import PROJECT_ROOT, Settings

from .driver import percentile
from .synthetic import generate

PROFILES: tuple[dict[str, Any], ...] = (
    {"school_type": "po", "ages": {"min": 8, "max": 12}, "concerns": ["bullying", "cyberbullying"],
     "school_concept": "jenaplan", "approaches": ["restorative"],
     "monitor": {"year": 2025, "results": [{"indicator": "cyberbullied", "share": 0.14,
                                            "reference": 0.08}]}},
    {"school_type": "vo", "concerns": ["bullying", "classroom_behaviour"],
     "min_evidence": "first_indications", "budget": {"max_eur": 3000},
     "max_training_hours": 16, "lang": "en"},
    {"school_type": "so", "concerns": ["classroom_behaviour", "social_emotional_skills"]},
    {"school_type": "po"},
)
LISTINGS: tuple[dict[str, Any], ...] = (
    {"school_type": ["po"], "theme": ["bullying"]},
    {"school_type": ["vo"], "theme": ["bullying", "cyberbullying"],
     "min_evidence": "first_indications"},
)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


Timing = tuple[list[float], int]  # milliseconds per run, full collections during them


def full_collections() -> int:
    return gc.get_stats()[2]["collections"]


def timed(fn: Callable[[], object], runs: int) -> Timing:
    fn()  # warm the caches (catalogue context, SQLite pages), as a serving replica would
    samples = []
    collections = full_collections()
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, full_collections() - collections


def summary(timing: Timing) -> dict[str, float]:
    samples, collections = timing
    return {"p50_ms": round(percentile(samples, 50), 2),
            "p99_ms": round(percentile(samples, 99), 2),
            "mean_ms": round(statistics.fmean(samples), 2), "runs": len(samples),
            "full_gc": collections}


def cycle(calls: list[Callable[[], object]]) -> Callable[[], object]:
    state = {"i": 0}

    def call() -> object:
        state["i"] += 1
        return calls[state["i"] % len(calls)]()

    return call


_loop = asyncio.new_event_loop()


def listing(settings: Settings, query: InterventionQuery) -> object:
    """The API's listing service, on one event loop kept for all runs."""
    return _loop.run_until_complete(list_interventions_async(settings, query))


def build_db(catalogue_root: Path, db_path: Path) -> int:
    result = read_catalogue(catalogue_root)
    if result.catalogue is None:
        raise SystemExit("\n".join(p.format() for p in result.errors))
    load_catalogue(result.catalogue, db_path)
    return len(result.catalogue.entries)


def measure(db_path: Path, runs: int, http: bool) -> dict[str, dict[str, float]]:
    settings = Settings(db_path=db_path, meili_url=None, _env_file=None)
    bodies = [json.dumps(profile) for profile in PROFILES]
    queries = [InterventionQuery(**params) for params in LISTINGS]

    def matched(body: str) -> Callable[[], object]:
        return partial(match, db_path, body)

    def with_markdown(body: str) -> Callable[[], object]:
        return lambda: render_markdown(match(db_path, body))

    def cold(body: str) -> Callable[[], object]:
        def run() -> object:
            clear_cache()  # as the first request after a load: the index is read again
            return match(db_path, body)
        return run

    results = {
        "match (service)": timed(cycle([matched(b) for b in bodies]), runs),
        "match + Markdown": timed(cycle([with_markdown(b) for b in bodies]), runs),
        "match, first after a load": timed(cycle([cold(b) for b in bodies]),
                                           max(5, runs // 10)),
        "filtered listing (service)": timed(cycle([
            partial(listing, settings, q) for q in queries]), runs),
    }
    if http:
        from fastapi.testclient import TestClient

        from interventions_api.api.app import create_app

        client = TestClient(create_app(settings))
        results["match (HTTP, in process)"] = timed(cycle([
            partial(client.post, "/v1/match", content=b) for b in bodies]), runs)
        results["filtered listing (HTTP, in process)"] = timed(cycle([
            partial(client.get, "/v1/interventions", params=params) for params in LISTINGS]),
            runs)
    return {name: summary(samples) for name, samples in results.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000],
                        help="synthetic catalogue sizes (the real catalogue always runs)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs on the real one")
    parser.add_argument("--synthetic-runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--http", action="store_true", help="also time through the app")
    args = parser.parse_args(argv)

    rows: list[tuple[str, int, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="match-bench-") as folder:
        work = Path(folder)
        say("loading the real catalogue")
        count = build_db(PROJECT_ROOT / "catalogue", work / "real.db")
        for name, stats in measure(work / "real.db", args.runs, args.http).items():
            rows.append(("real", count, name, stats))
        for size in args.sizes:
            say(f"generating and loading {size} synthetic entries (seed {args.seed})")
            started = time.perf_counter()
            root = generate(work / f"synthetic-{size}", size, args.seed)
            count = build_db(root, work / f"synthetic-{size}.db")
            say(f"  ready in {time.perf_counter() - started:.0f} s")
            for name, stats in measure(work / f"synthetic-{size}.db", args.synthetic_runs,
                                       args.http).items():
                rows.append((f"synthetic (seed {args.seed})", count, name, stats))

    print(f"{'catalogue':<20} {'entries':>7}  {'operation':<38} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'mean ms':>8} {'runs':>5} {'full gc':>7}")
    for catalogue, entries, name, stats in rows:
        print(f"{catalogue:<20} {entries:>7}  {name:<38} {stats['p50_ms']:>8.2f} "
              f"{stats['p99_ms']:>8.2f} {stats['mean_ms']:>8.2f} {stats['runs']:>5} "
              f"{stats['full_gc']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
