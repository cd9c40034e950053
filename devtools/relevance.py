"""Relevance judgments, their metrics, and the per-query report on both engines.

A judgment is a query with the entries that must be in the top 3 and in the top 10. The
reciprocal rank of a query is 1/rank of the first result that is in either list (0 when
none is in the top 10); the mean over all queries is the MRR. tests/search/test_relevance.py
holds a floor on it; the report prints the table behind it:

    .venv/bin/python -m devtools.relevance [--engine both|sqlite|meilisearch]

loads the catalogue into a temporary SQLite file, indexes it into Meilisearch (a throwaway
local server from search/bin/meilisearch, or the server at --meili-url) and runs every
judged query of tests/search/judgments.yaml on each engine: the rank of the first relevant
result, the judged entries that are missing from their place, the MRR and the share of
queries fully in place.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.query import InterventionQuery
from interventions_api.services.catalogue_context import catalogue_context
from interventions_api.services.interventions import sqlite_search
from interventions_api.settings import PROJECT_ROOT, Settings

DEPTH = 10
FILTER_KEYS = ("school_type", "level", "theme", "approach", "age", "min_evidence")


@dataclass
class Judgment:
    q: str
    top3: list[str] = field(default_factory=list)
    top10: list[str] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    why: str = ""

    @property
    def relevant(self) -> set[str]:
        return set(self.top3) | set(self.top10)

    def query(self) -> InterventionQuery:
        return InterventionQuery(q=self.q, per_page=DEPTH, **self.filters)

    @property
    def label(self) -> str:
        extra = " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
                         for k, v in self.filters.items())
        return f"{self.q} [{extra}]" if extra else self.q


@dataclass
class Outcome:
    judgment: Judgment
    ids: list[str]

    @property
    def rank(self) -> int | None:
        """1-based rank of the first relevant result within the top 10."""
        for position, intervention_id in enumerate(self.ids[:DEPTH], start=1):
            if intervention_id in self.judgment.relevant:
                return position
        return None

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.rank if self.rank else 0.0

    @property
    def missing(self) -> list[str]:
        """Judged entries that are not where they must be."""
        late = [i for i in self.judgment.top3 if i not in self.ids[:3]]
        return late + [i for i in self.judgment.top10 if i not in self.ids[:DEPTH]]


def load_judgments(path: Path) -> list[Judgment]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    judgments = []
    for item in data["queries"]:
        filters = {k: item[k] for k in FILTER_KEYS if k in item}
        judgments.append(Judgment(str(item["q"]), list(item.get("top3", [])),
                                  list(item.get("top10", [])), filters, item.get("why", "")))
    return judgments


def evaluate(judgments: list[Judgment],
             search: Callable[[InterventionQuery], list[str]]) -> list[Outcome]:
    return [Outcome(judgment, search(judgment.query())) for judgment in judgments]


def mean_reciprocal_rank(outcomes: list[Outcome]) -> float:
    return sum(o.reciprocal_rank for o in outcomes) / len(outcomes) if outcomes else 0.0


def satisfied(outcomes: list[Outcome]) -> float:
    """The share of queries whose judged entries are all where they must be."""
    return sum(not o.missing for o in outcomes) / len(outcomes) if outcomes else 0.0


def report(results: dict[str, list[Outcome]]) -> str:
    """The per-query table: rank of the first relevant hit and misses, per engine."""
    engines = list(results)
    judgments = [o.judgment for o in next(iter(results.values()))]
    width = max(len(j.label) for j in judgments) + 2
    lines = ["query".ljust(width) + "".join(f"{e:<34}" for e in engines)]
    lines.append("-" * (width + 34 * len(engines)))
    for index, judgment in enumerate(judgments):
        cells = []
        for engine in engines:
            outcome = results[engine][index]
            rank = f"rank {outcome.rank}" if outcome.rank else "NOT IN TOP 10"
            miss = f" missing: {','.join(outcome.missing)}" if outcome.missing else ""
            cells.append(f"{rank}{miss}"[:33].ljust(34))
        lines.append(judgment.label.ljust(width) + "".join(cells))
    lines.append("-" * (width + 34 * len(engines)))
    lines.append("MRR".ljust(width) + "".join(
        f"{mean_reciprocal_rank(results[e]):<34.3f}" for e in engines))
    lines.append("all judged entries in place".ljust(width) + "".join(
        f"{satisfied(results[e]):<34.0%}" for e in engines))
    lines.append(f"{len(judgments)} queries")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="The per-query relevance table of the "
                                     "judged queries, on SQLite and on Meilisearch.")
    parser.add_argument("--engine", choices=["both", "sqlite", "meilisearch"], default="both")
    parser.add_argument("--judgments", type=Path,
                        default=PROJECT_ROOT / "tests/search/judgments.yaml")
    parser.add_argument("--catalogue", type=Path, default=PROJECT_ROOT / "catalogue")
    parser.add_argument("--meili-url", help="use this server instead of a throwaway one")
    parser.add_argument("--meili-key", help="its admin or master key")
    args = parser.parse_args()

    result = read_catalogue(args.catalogue)
    if result.catalogue is None:
        print("\n".join(p.format() for p in result.errors), file=sys.stderr)
        return 1
    judgments = load_judgments(args.judgments)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "interventions.db"
        load_catalogue(result.catalogue, db_path)
        settings = Settings(_env_file=None, db_path=db_path, catalogue_dir=args.catalogue)
        context = catalogue_context(db_path)
        results = {}
        if args.engine in ("both", "sqlite"):
            def on_sqlite(query: InterventionQuery) -> list[str]:
                return sqlite_search(settings, query, context).ids

            results["sqlite"] = evaluate(judgments, on_sqlite)
        if args.engine in ("both", "meilisearch"):
            results["meilisearch"] = _on_meilisearch(args, settings, judgments, Path(tmp))
    print(report(results))
    return 0


def _on_meilisearch(args: argparse.Namespace, settings: Settings, judgments: list[Judgment],
                    tmp: Path) -> list[Outcome]:
    from interventions_api.search.engine import meili_search
    from interventions_api.search.meili import admin_client
    from interventions_api.search.sync import sync_index

    from .meili_server import MeiliServer, meili_binary

    server = None
    if args.meili_url:
        url, key = args.meili_url, args.meili_key
    else:
        server = MeiliServer(meili_binary(), tmp / "meili")
        server.start()
        url, key = server.url, server.master_key
    index = f"relevance_report_{tmp.name[-8:].lower()}"
    meili = settings.model_copy(update={"meili_url": url, "meili_api_key": key,
                                        "meili_index": index, "meili_timeout_ms": 5000})
    try:
        sync_index(meili)
        context = catalogue_context(settings.db_path)

        def on_meili(query: InterventionQuery) -> list[str]:
            return meili_search(meili, query, context).ids

        return evaluate(judgments, on_meili)
    finally:
        if server is not None:
            server.stop()
        else:  # someone else's server: leave it as it was
            client = admin_client(url, key)
            for uid in (index, f"{index}_sync"):
                client.delete_index(uid)


if __name__ == "__main__":
    sys.exit(main())
