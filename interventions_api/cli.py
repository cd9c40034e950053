"""The ``interventions`` command: validate, load, index, serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .catalogue import read_catalogue
from .errors import InterventionsError
from .settings import get_settings


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
def validate(path: Path | None, output_format: str) -> None:
    """Check every file of the catalogue at PATH (default: the configured catalogue).

    Reports every problem in one run as file:line:col: key.path: message [rule].
    Exits 1 when there is any error; warnings alone exit 0.
    """
    root = path or get_settings().catalogue_dir
    result = read_catalogue(root)
    for problem in result.problems:
        click.echo(problem.format_github() if output_format == "github" else problem.format())
    errors = len(result.errors)
    warnings = len(result.problems) - errors
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
def load(catalogue_dir: Path | None, db_path: Path | None) -> None:
    """Validate the catalogue, migrate the database and load it in one transaction.

    A catalogue with any error changes nothing: the previous data keeps serving.
    """
    from .db.load import load_catalogue

    settings = get_settings()
    root = catalogue_dir or settings.catalogue_dir
    target = db_path or settings.db_path
    result = read_catalogue(root)
    for problem in result.problems:
        _echo_err(problem.format())
    if not result.ok or result.catalogue is None:
        _echo_err(f"not loaded: {len(result.errors)} error(s) in {root}; "
                  f"{target} is unchanged")
        sys.exit(1)
    try:
        report = load_catalogue(result.catalogue, target, progress=_echo_err)
    except InterventionsError as exc:
        _echo_err(f"not loaded: {exc.detail}")
        sys.exit(1)
    click.echo(f"loaded {report.entry_count} interventions, catalogue version "
               f"{report.version}" + (f" (git {report.git_commit[:10]})"
                                      if report.git_commit else "") + f" into {target}")


@main.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file (default: INTERVENTIONS_DB_PATH).")
@click.option("--full", is_flag=True, help="Rebuild the whole index and swap it in.")
def index(db_path: Path | None, full: bool) -> None:
    """Push the loaded catalogue to Meilisearch (INTERVENTIONS_MEILI_URL).

    Builds the index with settings derived from the schema, waits for every task and
    checks its status; a failed reindex leaves the live index as it was.
    """
    from .search.sync import sync_index

    settings = get_settings()
    if db_path:
        settings = settings.model_copy(update={"db_path": db_path})
    if not settings.meili_url:
        _echo_err("INTERVENTIONS_MEILI_URL is not set; nothing to index")
        sys.exit(2)
    try:
        report = sync_index(settings, full=full, progress=_echo_err)
    except InterventionsError as exc:
        _echo_err(f"index not updated: {exc.detail}")
        sys.exit(1)
    click.echo(report.summary())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int,
              help="Worker processes (INTERVENTIONS_WORKERS in the container).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve the read-only HTTP API."""
    import uvicorn

    uvicorn.run("interventions_api.api.app:create_app", factory=True, host=host, port=port,
                workers=workers, reload=reload, log_level=get_settings().log_level)


if __name__ == "__main__":  # pragma: no cover
    main()
