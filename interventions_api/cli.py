"""The ``interventions`` command: validate, load, index, serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .catalogue import ReadResult, read_catalogue
from .editors_cli import register as register_editors_commands
from .errors import InterventionsError
from .settings import Settings, get_settings


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.group()
@click.version_option(package_name="interventions-api")
def main() -> None:
    """The open evidence database of social-safety interventions for Dutch schools."""


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "github"]),
              default="text", show_default=True,
              help="'github' prints ::error annotations for GitHub Actions.")
@click.option("--check-urls", is_flag=True,
              help="Also request every URL (needs the internet; off by default and in CI).")
@click.option("--url-timeout", default=10.0, show_default=True, type=float,
              help="Seconds to wait for each URL with --check-urls.")
@click.option("--unused-keys", is_flag=True,
              help="Also warn about vocabulary keys that no entry uses.")
def validate(path: Path | None, output_format: str, check_urls: bool,
             url_timeout: float, unused_keys: bool) -> None:
    """Check every file of the catalogue at PATH (default: the configured catalogue).

    Reports every problem in one run as file:line:col: key.path: message [rule]; the
    rule codes are explained in docs/validation-rules.md. Exits 1 when there is any
    error; warnings alone exit 0.
    """
    root = path or get_settings().catalogue_dir
    result = read_catalogue(root, keep_sources=check_urls, unused_keys=unused_keys)
    problems = result.problems
    if check_urls:
        from .catalogue.url_check import check_urls as probe_urls

        problems = sorted(problems + probe_urls(result.documents, timeout=url_timeout))
    for problem in problems:
        click.echo(problem.format_github() if output_format == "github" else problem.format())
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    if errors:
        _echo_err(f"{errors} error(s), {warnings} warning(s) in {root}")
        sys.exit(1)
    count = len(result.catalogue.entries) if result.catalogue else 0
    _echo_err(f"{root}: {count} interventions valid ({warnings} warning(s))")


@main.command()
@click.option("--catalogue", "catalogue_dir", type=click.Path(path_type=Path),
              help="Catalogue folder (default: INTERVENTIONS_CATALOGUE_DIR).")
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file (default: INTERVENTIONS_DB_PATH).")
@click.option("--index", "and_index", is_flag=True,
              help="Then rebuild the Meilisearch index (INTERVENTIONS_MEILI_URL) from the "
                   "loaded database and swap it in: 'load && index' in one run.")
def load(catalogue_dir: Path | None, db_path: Path | None, and_index: bool) -> None:
    """Validate the catalogue, migrate the database and load it in one transaction.

    A catalogue with any error changes nothing: the previous data keeps serving. With
    --index, a failed load leaves the index as it was too, and a failed rebuild leaves
    the live index as it was (the database is loaded; exit 1).
    """
    from .db.load import load_catalogue

    settings = get_settings()
    root = catalogue_dir or settings.catalogue_dir
    target = db_path or settings.db_path
    if and_index and not settings.meili_url:
        _echo_err("INTERVENTIONS_MEILI_URL is not set; nothing to index")
        sys.exit(2)
    result = read_catalogue(root)
    _report_problems(result, root, target)
    assert result.catalogue is not None
    try:
        report = load_catalogue(result.catalogue, target, progress=_echo_err)
    except InterventionsError as exc:
        _echo_err(f"not loaded: {exc.detail}")
        sys.exit(1)
    click.echo(f"loaded {report.entry_count} interventions, catalogue version "
               f"{report.version}" + (f" (git {report.git_commit[:10]})"
                                      if report.git_commit else "") + f" into {target}")
    if and_index:
        _index(settings.model_copy(update={"db_path": target}),
               failed=f"{target} is loaded; index not updated")


def _report_problems(result: ReadResult, root: Path, target: Path) -> None:
    """Print every problem; exit 1 if the catalogue is not valid."""
    for problem in result.problems:
        _echo_err(problem.format())
    if not result.ok or result.catalogue is None:
        _echo_err(f"not loaded: {len(result.errors)} error(s) in {root}; "
                  f"{target} is unchanged")
        sys.exit(1)


@main.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file (default: INTERVENTIONS_DB_PATH).")
def index(db_path: Path | None) -> None:
    """Rebuild the Meilisearch index (INTERVENTIONS_MEILI_URL) from the loaded catalogue.

    Builds a fresh index with settings derived from the schema, waits for every task and
    checks its status, then swaps it in atomically; a failed rebuild leaves the live
    index as it was.
    """
    settings = get_settings()
    if db_path:
        settings = settings.model_copy(update={"db_path": db_path})
    if not settings.meili_url:
        _echo_err("INTERVENTIONS_MEILI_URL is not set; nothing to index")
        sys.exit(2)
    _index(settings, failed="index not updated")


def _index(settings: Settings, *, failed: str) -> None:
    """Rebuild the index from the database; on failure say ``failed`` and why, exit 1."""
    from .search.sync import sync_index

    try:
        report = sync_index(settings, progress=_echo_err)
    except InterventionsError as exc:
        _echo_err(f"{failed}: {exc.detail}")
        sys.exit(1)
    click.echo(report.summary())


@main.command("catalogue-doc")
@click.option("--output", type=click.Path(path_type=Path), default=Path("docs/catalogue.md"),
              show_default=True)
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the page differs from the catalogue.")
def catalogue_doc(output: Path, check: bool) -> None:
    """Write the catalogue overview page (docs/catalogue.md) from the catalogue."""
    from .catalogue.overview import render_overview

    result = read_catalogue(get_settings().catalogue_dir)
    if result.catalogue is None:
        for problem in result.errors:
            _echo_err(problem.format())
        sys.exit(1)
    page = render_overview(result.catalogue)
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if current != page:
            _echo_err(f"{output} is out of date; run 'interventions catalogue-doc' and commit it")
            sys.exit(1)
        click.echo(f"up to date: {output}")
        return
    output.write_text(page, encoding="utf-8")
    click.echo(f"wrote {output} ({len(result.catalogue.entries)} interventions)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(1, 64),
              help="Worker processes (default: INTERVENTIONS_WORKERS, which defaults to 1).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, workers: int | None, reload: bool) -> None:
    """Serve the read-only HTTP API.

    In production (INTERVENTIONS_ENVIRONMENT=production) it first checks with Meilisearch
    that its key can search and nothing more, and exits 2 when not.
    """
    import uvicorn

    from .ops.logs import log_config
    from .ops.metrics import prepare_multiprocess
    from .ops.production import check_production

    settings = get_settings()
    workers = workers or settings.workers
    try:
        check_production(settings)
    except InterventionsError as exc:
        _echo_err(f"refusing to start: {exc.detail}")
        sys.exit(2)
    if workers > 1:
        prepare_multiprocess()  # each worker counts alone; /metrics adds them up
    uvicorn.run("interventions_api.api.app:create_app", factory=True, host=host, port=port,
                workers=workers, reload=reload, log_level=settings.log_level,
                log_config=log_config(settings), access_log=False,
                limit_concurrency=settings.max_connections,
                timeout_keep_alive=settings.keep_alive_s,
                timeout_graceful_shutdown=settings.graceful_shutdown_s,
                # Absolute URLs come from INTERVENTIONS_PUBLIC_URL, never from headers.
                proxy_headers=False, server_header=False)


@main.command("create-search-key")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the key's value to this file (mode 600) for the API to read "
                   "through INTERVENTIONS_MEILI_API_KEY_FILE.")
@click.option("--print", "print_key", is_flag=True,
              help="Print the key's value on standard output (for a secret store).")
def create_search_key(output: Path | None, print_key: bool) -> None:
    """Make the API's search-only Meilisearch key (idempotent).

    Uses INTERVENTIONS_MEILI_API_KEY, which must be the master key or an admin key that
    may manage keys. The key has the fixed uid INTERVENTIONS_MEILI_SEARCH_KEY_UID, may
    only search, and only INTERVENTIONS_MEILI_INDEX and its sync-state index;
    Meilisearch derives its value from the master key and that uid, so it survives a
    rebuild of Meilisearch.
    Without --output or --print the value is not shown anywhere.
    """
    from .ops.meili_keys import api_indexes, ensure_search_key, write_secret

    settings = get_settings()
    if not settings.meili_url or not settings.meili_api_key:
        _echo_err("set INTERVENTIONS_MEILI_URL and INTERVENTIONS_MEILI_API_KEY (master key)")
        sys.exit(2)
    try:
        key = ensure_search_key(settings.meili_url, settings.meili_api_key,
                                settings.meili_search_key_uid,
                                api_indexes(settings.meili_index))
    except InterventionsError as exc:
        _echo_err(f"no search key: {exc.detail}")
        sys.exit(1)
    _echo_err(f"search-only key {key.uid} {'created' if key.created else 'already there'} "
              f"(actions: search; indexes: {', '.join(key.indexes)})")
    if output:
        write_secret(output, key.key)
        _echo_err(f"its value is in {output}")
    if print_key:
        click.echo(key.key)


# The editors' workflow: schema, diff, backfill-history, export (editors_cli.py).
register_editors_commands(main)


if __name__ == "__main__":  # pragma: no cover
    main()
