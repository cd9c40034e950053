"""Opt-in liveness check of every URL in the intervention files (``validate --check-urls``).

Off by default and in CI: it needs the internet, and the answer of a third-party site is
not a property of the pull request. A 404 or 410 is an error (the page is gone); any
other failure (timeout, refused connection, 5xx, a site that refuses robots) is a
warning, because it is often temporary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .problems import Problem, path_text
from .reader import INTERVENTIONS_DIR
from .yaml_source import SourceDocument

URL = re.compile(r"^https?://\S+$")
GONE = frozenset({404, 410})
# Servers that refuse HEAD, or answer it differently from GET: retry with GET.
RETRY_WITH_GET = frozenset({400, 403, 405, 406, 429, 500, 501, 502, 503})
USER_AGENT = "interventions-validate (link check of an open evidence catalogue)"


@dataclass(frozen=True)
class UrlUse:
    file: str
    path: tuple[str | int, ...]
    url: str


@dataclass(frozen=True)
class UrlStatus:
    url: str
    status: int | None  # None: no HTTP answer at all
    detail: str


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str) and URL.match(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def url_uses(documents: dict[str, SourceDocument]) -> list[UrlUse]:
    """Every URL written in an intervention file, where it is written."""
    uses = []
    for file, doc in documents.items():
        if Path(file).parent.name != INTERVENTIONS_DIR:
            continue
        uses += [UrlUse(file, path, url) for path, url in _walk(doc.data, ())]
    return uses


def probe(client: httpx.Client, url: str) -> UrlStatus:
    try:
        response = client.head(url)
        if response.status_code in RETRY_WITH_GET:
            with client.stream("GET", url) as streamed:
                response = streamed
        status = response.status_code
        return UrlStatus(url, status, f"HTTP {status}")
    except httpx.TimeoutException:
        return UrlStatus(url, None, "no answer in time")
    except httpx.HTTPError as exc:
        return UrlStatus(url, None, f"cannot connect ({type(exc).__name__})")


def check_urls(documents: dict[str, SourceDocument], *, timeout: float = 10.0,
               workers: int = 8) -> list[Problem]:
    """Probe each distinct URL once (HEAD, then GET where HEAD is refused)."""
    uses = url_uses(documents)
    distinct = sorted({use.url for use in uses})
    with httpx.Client(timeout=timeout, follow_redirects=True,
                      headers={"User-Agent": USER_AGENT}) as client, \
            ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = {s.url: s for s in pool.map(lambda url: probe(client, url), distinct)}
    problems = []
    for use in uses:
        status = statuses[use.url]
        if status.status is not None and status.status < 400:
            continue
        position = documents[use.file].position_of(use.path)
        rule = "url-broken" if status.status in GONE else "url-unreachable"
        problems.append(Problem(use.file, position.line, position.column, path_text(use.path),
                                f"{use.url} answers: {status.detail}", rule))
    return sorted(problems)
