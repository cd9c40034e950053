#!/usr/bin/env python3
"""Print the per-query relevance table of tests/search/judgments.yaml on both engines.

Loads the catalogue into a temporary SQLite file, indexes it into Meilisearch (a
throwaway local server from search/bin/meilisearch, or the server at --meili-url), and
runs every judged query on each engine: rank of the first relevant result, the judged
entries that are missing from their place, the MRR and the share of queries fully in place.

    .venv/bin/python scripts/relevance_report.py [--engine both|sqlite|meilisearch]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interventions_api.catalogue import read_catalogue  # noqa: E402
from interventions_api.db.load import load_catalogue  # noqa: E402
from interventions_api.query import InterventionQuery  # noqa: E402
from interventions_api.search.relevance import evaluate, load_judgments, report  # noqa: E402
from interventions_api.services.catalogue_context import catalogue_context  # noqa: E402
from interventions_api.services.interventions import sqlite_search  # noqa: E402
from interventions_api.settings import Settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["both", "sqlite", "meilisearch"], default="both")
    parser.add_argument("--judgments", type=Path, default=ROOT / "tests/search/judgments.yaml")
    parser.add_argument("--catalogue", type=Path, default=ROOT / "catalogue")
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


def _on_meilisearch(args: argparse.Namespace, settings: Settings, judgments: list,
                    tmp: Path) -> list:
    from interventions_api.search.engine import meili_search
    from interventions_api.search.local_server import MeiliServer, meili_binary
    from interventions_api.search.sync import sync_index

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
        sync_index(meili, full=True)
        context = catalogue_context(settings.db_path)

        def on_meili(query: InterventionQuery) -> list[str]:
            return meili_search(meili, query, context).ids

        return evaluate(judgments, on_meili)
    finally:
        if server is not None:
            server.stop()
        else:
            from interventions_api.search.meili import admin_client

            client = admin_client(url, key)
            for uid in (index, f"{index}_sync"):
                client.delete_index(uid)


if __name__ == "__main__":
    sys.exit(main())
