"""Instructions per request, counted by valgrind's callgrind: a measure that does not move
with the machine's load, for changes of a few percent (docs/benchmarks.md, fourth round).

    python -m bench.instructions [--entries 1000] [--kinds search list ping exchange]

Starts a Meilisearch server, loads a synthetic catalogue into it and into SQLite, then for
each kind runs a worker process under callgrind twice, with a small and a larger number
of requests, and prints the difference divided by the difference in requests: the
instructions of one request, without the interpreter's start-up and the warm-up. The
worker calls the ASGI app in process (no uvicorn, no sockets to a client); Meilisearch is
real. Kinds:

- ``search``: ``GET /v1/interventions?q=…`` on the Meilisearch backend;
- ``list``: filtered ``GET /v1/interventions`` on the SQLite backend;
- ``ping``: an empty route through the same middleware (the framework's share);
- ``exchange``: only the search's exchange with Meilisearch (the client's share).

Needs ``valgrind`` (Debian package ``valgrind``). Runs of the same code agree to about 1%.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from interventions_api.settings import PROJECT_ROOT, Settings

from .run import meili_server_class, say
from .synthetic import generate
from .workload import LIST_FILTERS, SEARCH_TERMS

KINDS = ("search", "list", "ping", "exchange")
WARM_UP = 3  # rounds over the kind's requests before the counted ones
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def collected_instructions(valgrind_output: str) -> int:
    """The instruction count callgrind prints when the program ends."""
    match = _COLLECTED.search(valgrind_output)
    if match is None:
        raise ValueError("no instruction count in valgrind's output:\n" + valgrind_output[-2000:])
    return int(match.group(1))


def per_request(counts: dict[int, int]) -> float:
    """Instructions of one request, from the totals of two runs by number of requests."""
    (few, few_count), (many, many_count) = sorted(counts.items())
    return (many_count - few_count) / (many - few)


# --- the worker: requests through the ASGI app, in process ----------------------------

def _scope(path: str, query: bytes) -> dict[str, Any]:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
            "query_string": query, "root_path": "",
            "headers": [(b"host", b"localhost"), (b"accept", b"*/*")],
            "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8000), "state": {}}


def _requests(kind: str, config: dict[str, Any]) -> Callable[[int], Awaitable[None]]:
    from fastapi import Response

    from interventions_api.api.app import create_app
    from interventions_api.query import InterventionQuery
    from interventions_api.search.engine import search_request
    from interventions_api.search.meili import post
    from interventions_api.services.catalogue_context import catalogue_context

    meili = {"meili_url": config["url"], "meili_api_key": config["key"],
             "meili_index": config["index"], "meili_timeout_ms": 10_000}
    settings = Settings(_env_file=None, db_path=config["db"],
                        **(meili if kind != "list" else {"meili_url": None}))
    app = create_app(settings)

    @app.get("/v1/ping", include_in_schema=False)
    async def ping() -> Response:
        return Response(b"{}", media_type="application/json")

    app.router.routes.insert(0, app.router.routes.pop())  # matched first, as a hot route
    terms = [urlencode({"q": term}).encode() for term in SEARCH_TERMS]
    queries = {"search": terms, "exchange": terms, "ping": [b""],
               "list": [urlencode(p, doseq=True).encode() for p in LIST_FILTERS]}[kind]
    path = "/v1/ping" if kind == "ping" else "/v1/interventions"
    statuses: set[int] = set()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.add(message["status"])

    async def through_app(number: int) -> None:
        await app(_scope(path, queries[number % len(queries)]), receive, send)
        if statuses != {200}:
            raise RuntimeError(f"{kind}: statuses {sorted(statuses)}")

    if kind != "exchange":
        return through_app
    context = catalogue_context(settings.db_path)
    bodies = [{"queries": search_request(
        settings, InterventionQuery(**dict(parse_qsl(query.decode()))), context)}
        for query in queries]

    async def exchange(number: int) -> None:
        await post(config["url"], config["key"], "/multi-search", bodies[number % len(bodies)],
                   10.0)

    return exchange


def worker(kind: str, count: int, config: dict[str, Any]) -> None:
    import uvloop

    async def run() -> None:
        request = _requests(kind, config)
        for number in range(WARM_UP * 8):
            await request(number)
        for number in range(count):
            await request(number)

    uvloop.run(run())


# --- the runner ---------------------------------------------------------------------

def count_instructions(kind: str, count: int, config_path: Path) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-m", "bench.instructions", "--worker", kind, str(count),
               str(config_path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} worker failed:\n{result.stderr[-3000:]}")
    return collected_instructions(result.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--requests", type=int, nargs=2, default=[100, 600],
                        metavar=("FEW", "MANY"))
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "COUNT", "CONFIG"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, count, config = args.worker
        worker(kind, int(count), json.loads(Path(config).read_text()))
        return 0
    if shutil.which("valgrind") is None:
        say("valgrind is not installed (Debian: apt-get install valgrind)")
        return 2
    from interventions_api.catalogue import read_catalogue
    from interventions_api.db.load import load_catalogue
    from interventions_api.search.sync import sync_index

    server_class, binary = meili_server_class()
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        server = server_class(binary, workdir / "meili")
        server.start()
        try:
            root = generate(workdir / "catalogue", args.entries)
            settings = server.settings(workdir / "bench.db", "bench")
            result = read_catalogue(root)
            if result.catalogue is None:
                raise RuntimeError("the synthetic catalogue did not load")
            load_catalogue(result.catalogue, settings.db_path)
            sync_index(settings, full=True)
            config_path = workdir / "config.json"
            config_path.write_text(json.dumps({
                "url": settings.meili_url, "key": settings.meili_api_key,
                "index": settings.meili_index, "db": str(settings.db_path)}))
            say(f"{args.entries:,} synthetic entries; callgrind, {args.requests[1]} and "
                f"{args.requests[0]} requests per kind")
            for kind in args.kinds:
                counts = {count: count_instructions(kind, count, config_path)
                          for count in args.requests}
                print(f"{kind:9} {per_request(counts) / 1e6:6.2f} million instructions "
                      "per request", flush=True)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
