"""The SQLModel tables are the schema; the Alembic migrations must build exactly them."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from interventions_api.db import migrate
from interventions_api.db.tables import metadata

FTS_PREFIX = "interventions_fts"


def test_migrations_match_the_models(tmp_path) -> None:
    db_path = tmp_path / "m.db"
    migrate.upgrade(db_path)
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": lambda obj, name, type_, reflected, compare_to: not (
                type_ == "table" and name.startswith(FTS_PREFIX)),
        })
        diff = compare_metadata(context, metadata)
    engine.dispose()
    assert diff == [], f"models and migrations drifted: {diff}"


def test_migrations_create_the_full_text_index(tmp_path) -> None:
    db_path = tmp_path / "m.db"
    migrate.upgrade(db_path)
    conn = sqlite3.connect(db_path)
    sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'interventions_fts'").fetchone()[0]
    conn.close()
    assert "fts5" in sql.lower()


def test_downgrade_to_base_and_up_again(tmp_path) -> None:
    db_path = tmp_path / "m.db"
    migrate.upgrade(db_path)
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    engine.dispose()
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables <= {"alembic_version"}
    migrate.upgrade(db_path)
