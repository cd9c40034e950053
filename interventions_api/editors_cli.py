"""The editors' commands of ``interventions``: schema, diff, backfill-history, export.

Registered on the main group by ``cli.py``; kept apart so that the editors' workflow can
grow without crowding the service commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import InterventionsError
from .settings import get_settings


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.command("schema")
@click.option("--catalogue", "catalogue_dir", type=click.Path(path_type=Path),
              help="Catalogue folder (default: INTERVENTIONS_CATALOGUE_DIR).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when catalogue/schema/ is out of date.")
def schema_command(catalogue_dir: Path | None, check: bool) -> None:
    """Generate the JSON Schemas in catalogue/schema/ from the models and vocabularies.

    Editors' YAML language servers read them through the modeline at the top of every
    catalogue file. Run this after changing the models, vocabularies.yaml or
    evidence-scale.yaml, and commit the result.
    """
    from .catalogue.checks import SCHEMA_DIR
    from .catalogue.reader import read_reference_data
    from .schema.json_schema import generated_schemas

    root = catalogue_dir or get_settings().catalogue_dir
    vocabularies, scale, problems = read_reference_data(root)
    if vocabularies is None or scale is None:
        for problem in problems:
            _echo_err(problem.format())
        _echo_err("cannot generate the schema: fix vocabularies.yaml / evidence-scale.yaml")
        sys.exit(1)
    folder = root / SCHEMA_DIR
    outdated = []
    for name, text in generated_schemas(vocabularies, scale).items():
        path = folder / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        outdated.append(path)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check and outdated:
        for path in outdated:
            _echo_err(f"{path} is out of date; run 'interventions schema' and commit it")
        sys.exit(1)
    verb = "wrote" if outdated else "up to date:"
    names = ", ".join(str(p) for p in outdated) or str(folder)
    click.echo(f"{verb} {names}")


@click.command("diff")
@click.argument("rev_a", required=False)
@click.argument("rev_b", required=False)
@click.option("--catalogue", "catalogue_dir", type=click.Path(path_type=Path),
              help="Catalogue folder (default: INTERVENTIONS_CATALOGUE_DIR).")
@click.option("--output", type=click.Path(path_type=Path),
              help="Write the report to this file (e.g. $GITHUB_STEP_SUMMARY) as well.")
def diff_command(rev_a: str | None, rev_b: str | None, catalogue_dir: Path | None,
                 output: Path | None) -> None:
    """Markdown report of what changed in the catalogue between two git revisions.

    REV_A defaults to the merge base of HEAD with main (where the branch started);
    REV_B defaults to the working tree, uncommitted changes included. Evidence-level,
    rating and finding changes come first. A file that cannot be read is listed as such
    (never as removed) and the command exits 1.
    """
    from .catalogue.diff import compare, to_markdown
    from .catalogue.git_versions import CatalogueRepo, GitProblem
    from .catalogue.snapshot import directory_files, snapshot

    root = catalogue_dir or get_settings().catalogue_dir
    try:
        repo = CatalogueRepo.of(root)
        base = repo.resolve(rev_a) if rev_a else repo.default_base()
        old_label = f"`{rev_a or 'merge base with main'}` ({base[:10]})"
        old = snapshot(old_label, repo.files_at(base))
        if rev_b:
            head = repo.resolve(rev_b)
            new = snapshot(f"`{rev_b}` ({head[:10]})", repo.files_at(head),
                           fallback_scale=old.scale)
        else:
            new = snapshot("working tree", directory_files(root), fallback_scale=old.scale)
    except GitProblem as exc:
        _echo_err(f"diff: {exc}")
        sys.exit(2)
    diff = compare(old, new)
    report = to_markdown(diff)
    click.echo(report)
    if output:
        with output.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    if diff.unreadable:
        _echo_err("diff: a file could not be read (see 'Files that could not be read'); "
                  "fix it, then compare again")
        sys.exit(1)


@click.command("backfill-history")
@click.option("--catalogue", "catalogue_dir", type=click.Path(path_type=Path),
              help="Catalogue folder in a git repository (default: INTERVENTIONS_CATALOGUE_DIR).")
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file (default: INTERVENTIONS_DB_PATH).")
def backfill_history_command(catalogue_dir: Path | None, db_path: Path | None) -> None:
    """Rebuild the evidence history from the git log of the catalogue.

    Replays every commit that touched the catalogue, oldest first, and records each
    change of an evidence level or a rating at the commit's time. Replaces the whole
    history, atomically; the catalogue data itself is not touched. Run it once on a
    fresh database (before or after 'interventions load') to give it the full history.
    """
    from .catalogue.git_versions import GitProblem
    from .db.history import backfill, history_from_git

    settings = get_settings()
    root = catalogue_dir or settings.catalogue_dir
    target = db_path or settings.db_path
    try:
        rows = history_from_git(root, progress=_echo_err)
        backfill(target, rows, progress=_echo_err)
    except GitProblem as exc:
        _echo_err(f"backfill-history: {exc}")
        sys.exit(2)
    except InterventionsError as exc:
        _echo_err(f"backfill-history: {exc.detail}")
        sys.exit(1)
    entries = len({row["intervention_id"] for row in rows})
    click.echo(f"recorded {len(rows)} evidence change(s) of {entries} intervention(s) "
               f"into {target}")


@click.command("export")
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), required=True,
              help="json: one document with metadata; csv: one row per intervention.")
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file (default: INTERVENTIONS_DB_PATH).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write to this file instead of standard output.")
def export_command(output_format: str, db_path: Path | None, output: Path | None) -> None:
    """Export the loaded catalogue as open data (CC BY 4.0, see catalogue/LICENSE).

    The same bytes as GET /v1/export.json and /v1/export.csv for the same load.
    """
    from .services.export import export_csv, export_json

    settings = get_settings()
    if db_path:
        settings = settings.model_copy(update={"db_path": db_path})
    try:
        text = export_json(settings) if output_format == "json" else export_csv(settings)
    except InterventionsError as exc:
        _echo_err(f"export: {exc.detail}")
        sys.exit(1)
    if output:
        output.write_bytes(text.encode("utf-8"))
        _echo_err(f"wrote {output}")
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()


def register(main: click.Group) -> None:
    for command in (schema_command, diff_command, backfill_history_command, export_command):
        main.add_command(command)



