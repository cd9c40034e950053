"""Load test: 32 clients for 60 s of mixed, realistic requests on loopback.

Without ``--url`` it builds its own world: a synthetic catalogue (``--entries``), a real
Meilisearch with the index (``interventions load --index``), and the API (``interventions
serve``); with ``--url`` it loads an API
that is already running. It reports errors and latency percentiles per kind of request
and exits 1 when any request failed (no answer, a 5xx, or an unexpected status).

    python -m bench.load                         # make load-test
    python -m bench.load --clients 32 --duration 60 --entries 1000
    python -m bench.load --url http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from .driver import LoadResult, Request, run_load
from .harness import ApiServer, MeiliServer, api_env, load_catalogue, meili_binary
from .synthetic import generate
from .workload import mixed_requests


def expect_ok(_request: Request, response: httpx.Response) -> str | None:
    if response.status_code != 200:
        return f"status {response.status_code}: {response.text[:200]}"
    return None


def degraded_answers(result: LoadResult) -> dict[str, int]:
    """Per request name, the answers that came from SQLite because Meilisearch did not
    answer within the API's timeout (X-Search-Degraded): a slow search is not a failure,
    but it should be rare."""
    return {name: sum(1 for o in group.outcomes if o.degraded)
            for name, group in sorted(result.by_name().items())}


@contextmanager
def own_api(entries: int, workers: int | None, workdir: Path) -> Iterator[str]:
    root = generate(workdir / "catalogue", entries)
    meili = MeiliServer(meili_binary(), workdir / "meilisearch")
    with ExitStack() as stack:
        meili.start()
        stack.callback(meili.stop)
        env = api_env(workdir / "interventions.db", meili_url=meili.url,
                      meili_key=meili.master_key, meili_index="interventions")
        load_catalogue(root, env, index=True)
        api = stack.enter_context(ApiServer(env, workdir / "api.log", workers=workers))
        print(f"API on {api.url} ({workers or 'default'} worker(s)), {entries} synthetic "
              f"entries, Meilisearch on {meili.url}", file=sys.stderr)
        yield api.url


def report(result: LoadResult) -> str:
    lines = ["| request | count | failures | p50 ms | p90 ms | p99 ms | max ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    groups = result.by_name()
    for name in sorted(groups):
        s = groups[name].summary()
        lines.append(f"| {name} | {s['requests']} | {s['failures']} | {s['p50_ms']} | "
                     f"{s['p90_ms']} | {s['p99_ms']} | {s['max_ms']} |")
    s = result.summary()
    lines.append(f"| **all** | {s['requests']} | {s['failures']} | {s['p50_ms']} | "
                 f"{s['p90_ms']} | {s['p99_ms']} | {s['max_ms']} |")
    lines.append("")
    lines.append(f"{s['requests']} requests in {s['seconds']} s = {s['throughput_rps']} "
                 f"requests/s; statuses {s['statuses']}; {s['failures']} failed")
    degraded = {name: n for name, n in degraded_answers(result).items() if n}
    lines.append("answered from SQLite because Meilisearch was slower than the API's timeout: "
                 + (", ".join(f"{name} {n}" for name, n in degraded.items()) or "none"))
    for outcome in result.failures[:10]:
        lines.append(f"  failed: {outcome.request.method} {outcome.request.path}: "
                     f"{outcome.status} {outcome.error}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test of the API (bench/load.py).")
    parser.add_argument("--url", help="an API that is already running")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--entries", type=int, default=1000,
                        help="synthetic catalogue size (without --url)")
    parser.add_argument("--workers", type=int,
                        help="worker processes of the API (without --url; default: the "
                             "API's default)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="interventions-load-"))
    failed = False
    try:
        with ExitStack() as stack:
            url = args.url or stack.enter_context(own_api(args.entries, args.workers, workdir))
            listing = httpx.get(f"{url}/v1/interventions",
                                params={"per_page": 100, "sort": "name"}, timeout=30).json()
            ids = [item["id"] for item in listing["data"]]
            requests = mixed_requests(ids)
            print(f"{args.clients} clients for {args.duration:g} s, {len(requests)} kinds of "
                  "request in rotation", file=sys.stderr)
            result = run_load(url, requests, clients=args.clients, duration=args.duration,
                              check=expect_ok)
            failed = bool(result.failures)
    finally:
        log = workdir / "api.log"
        if failed and log.exists():
            kept = Path(tempfile.gettempdir()) / f"interventions-load-api-{os.getpid()}.log"
            shutil.copy(log, kept)
            print(f"failures: the API's log is kept at {kept}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(result))
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
