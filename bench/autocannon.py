"""Throughput under concurrency, measured by autocannon (npm, pinned in bench/package.json).

A load generator written in Python tops out, on a small machine, below what Meilisearch
or the API can serve, and then measures itself. autocannon is a standard one that is not
the bottleneck here; its ceiling on a trivial route is measured and reported beside the
results, so a reader can see how far from it a result is. The requests of a run are
written as a HAR file, which autocannon sends in rotation on every connection.

    npm ci --prefix bench        # make bench-deps
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from interventions_api.settings import PROJECT_ROOT

from .driver import Request

PREFIX = PROJECT_ROOT / "bench"


def command() -> list[str]:
    return ["npx", "--no-install", "--prefix", str(PREFIX), "autocannon"]


def version() -> str:
    try:
        done = subprocess.run([*command(), "--version"], capture_output=True, text=True,
                              timeout=60, check=False)
    except OSError:
        return "not installed"
    return done.stdout.strip().splitlines()[0] if done.returncode == 0 else "not installed"


def har(base_url: str, requests: list[Request]) -> dict[str, Any]:
    """The requests as a HAR log, the one way autocannon's command line sends several."""
    entries = []
    for request in requests:
        headers = [{"name": name, "value": value}
                   for name, value in (request.headers or {}).items()]
        entry: dict[str, Any] = {"method": request.method, "url": base_url + request.path,
                                 "headers": headers}
        if request.json is not None:
            headers.append({"name": "Content-Type", "value": "application/json"})
            entry["postData"] = {"mimeType": "application/json",
                                 "text": json.dumps(request.json)}
        entries.append({"request": entry})
    return {"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"},
                    "entries": entries}}


def run(base_url: str, requests: list[Request], *, connections: int,
        duration: float) -> dict[str, Any]:
    """``connections`` kept-alive connections for ``duration`` seconds; the summary
    (requests per second over the whole run, latency percentiles in whole milliseconds
    as autocannon records them). Any answer but a 2xx is an error: a fast failure must
    not count as throughput."""
    with tempfile.TemporaryDirectory(prefix="bench-har-") as folder:
        path = Path(folder) / "requests.har"
        path.write_text(json.dumps(har(base_url, requests)), encoding="utf-8")
        argv = [*command(), "--json", "--connections", str(connections),
                "--duration", str(duration), "--har", str(path), base_url]
        done = subprocess.run(argv, capture_output=True, text=True, check=False,
                              timeout=duration + 120)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"autocannon failed ({done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    problems = {key: result[key] for key in ("errors", "timeouts", "non2xx") if result[key]}
    if problems:
        raise RuntimeError(f"autocannon on {base_url}{requests[0].path}: {problems}, "
                           f"statuses {result.get('statusCodeStats')}")
    total = result["requests"]["total"]
    return {"requests": total, "seconds": result["duration"],
            "throughput_rps": round(total / result["duration"], 1),
            "p50_ms": result["latency"]["p50"], "p99_ms": result["latency"]["p99"]}
