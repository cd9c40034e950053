"""Alembic environment: the SQLModel metadata is the target; SQLite needs batch mode."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from interventions_api.db.tables import metadata
from interventions_api.settings import get_settings

# The FTS5 index and its shadow tables are created by raw SQL in the migrations;
# autogenerate must not try to drop them.
FTS_PREFIX = "interventions_fts"


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001, ARG001
    return not (type_ == "table" and name and name.startswith(FTS_PREFIX))


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        url = f"sqlite:///{get_settings().db_path}"
        with create_engine(url).connect() as conn:
            _configure_and_run(conn)
            conn.commit()
    else:
        _configure_and_run(connection)


def _configure_and_run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
