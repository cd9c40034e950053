"""An async HTTP load driver: N clients, each sending requests one after the other.

Used by the benchmark runner (latency and throughput), the load test and the fault
tests. Every response is recorded: status, latency, transport errors, and the verdict
of an optional ``check`` (a function that returns a problem description or None).
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass(frozen=True)
class Request:
    """One request to send; ``name`` groups results in reports."""

    name: str
    path: str
    method: str = "GET"
    json: Any = None
    headers: dict[str, str] | None = None


Check = Callable[[Request, httpx.Response], "str | None"]


@dataclass
class Outcome:
    request: Request
    started: float  # seconds since the run began
    seconds: float
    status: int | None  # None: no HTTP answer at all
    error: str | None = None  # transport error or failed check
    body: Any = None  # the parsed JSON body when keep_bodies is set
    degraded: bool = False  # the API said X-Search-Degraded (answered from SQLite)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


@dataclass
class LoadResult:
    outcomes: list[Outcome] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def latencies(self) -> list[float]:
        return [o.seconds for o in self.outcomes if o.status is not None]

    def p(self, value: float) -> float:
        return percentile(self.latencies, value)

    @property
    def throughput(self) -> float:
        return len(self.outcomes) / self.elapsed if self.elapsed else 0.0

    @property
    def statuses(self) -> Counter[int | None]:
        return Counter(o.status for o in self.outcomes)

    @property
    def server_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is None or o.status >= 500]

    @property
    def failures(self) -> list[Outcome]:
        """No answer, a 5xx, or a failed check."""
        return [o for o in self.outcomes
                if o.status is None or o.status >= 500 or o.error is not None]

    def by_name(self) -> dict[str, LoadResult]:
        groups: dict[str, LoadResult] = {}
        for outcome in self.outcomes:
            groups.setdefault(outcome.request.name, LoadResult(elapsed=self.elapsed)) \
                .outcomes.append(outcome)
        return groups

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.outcomes),
            "seconds": round(self.elapsed, 2),
            "throughput_rps": round(self.throughput, 1),
            "p50_ms": round(self.p(50) * 1000, 2),
            "p90_ms": round(self.p(90) * 1000, 2),
            "p99_ms": round(self.p(99) * 1000, 2),
            "max_ms": round(max(self.latencies, default=0.0) * 1000, 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(),
                                                      key=lambda kv: str(kv[0]))},
            "failures": len(self.failures),
        }


async def _run(base_url: str, requests: Iterable[Request], *, clients: int,
               duration: float | None, count: int | None, check: Check | None,
               timeout: float, keep_bodies: bool,
               stop: threading.Event | None) -> LoadResult:
    source = itertools.cycle(list(requests))
    result = LoadResult()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    sent = 0
    start = time.perf_counter()
    deadline = start + duration if duration is not None else None

    def take() -> Request | None:
        nonlocal sent
        if stop is not None and stop.is_set():
            return None
        if count is not None and sent >= count:
            return None
        if deadline is not None and time.perf_counter() >= deadline:
            return None
        sent += 1
        return next(source)

    async with httpx.AsyncClient(base_url=base_url, limits=limits,
                                 timeout=httpx.Timeout(timeout)) as client:
        async def worker() -> None:
            while (request := take()) is not None:
                began = time.perf_counter()
                try:
                    response = await client.request(request.method, request.path,
                                                    json=request.json,
                                                    headers=request.headers)
                    await response.aread()
                except httpx.HTTPError as exc:
                    result.outcomes.append(Outcome(request, began - start,
                                                   time.perf_counter() - began, None,
                                                   f"{type(exc).__name__}: {exc}"))
                    continue
                seconds = time.perf_counter() - began
                error = check(request, response) if check else None
                body = None
                if keep_bodies:
                    try:
                        body = response.json()
                    except ValueError:
                        body = response.text
                result.outcomes.append(Outcome(
                    request, began - start, seconds, response.status_code, error, body,
                    degraded=response.headers.get("x-search-degraded") == "true"))

        await asyncio.gather(*(worker() for _ in range(clients)))
    result.elapsed = time.perf_counter() - start
    return result


def run_load(base_url: str, requests: Iterable[Request], *, clients: int = 1,
             duration: float | None = None, count: int | None = None,
             check: Check | None = None, timeout: float = 30.0,
             keep_bodies: bool = False, stop: threading.Event | None = None) -> LoadResult:
    """Send ``requests`` (cycled) from ``clients`` concurrent clients until ``duration``
    seconds have passed, ``count`` requests were sent or ``stop`` is set."""
    if duration is None and count is None:
        raise ValueError("give a duration or a count")
    return asyncio.run(_run(base_url, requests, clients=clients, duration=duration,
                            count=count, check=check, timeout=timeout,
                            keep_bodies=keep_bodies, stop=stop))
