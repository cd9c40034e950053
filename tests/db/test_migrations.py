"""The SQLModel tables are the schema; the Alembic migrations must build exactly them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

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


def schema_of(db_path: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                              "ORDER BY type, name").fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()
    return [*schema, *version]


def test_a_new_database_is_what_the_migrations_build(tmp_path: Path) -> None:
    migrate.upgrade(tmp_path / "migrated.db")
    migrate.new_database(tmp_path / "first.db")  # builds the template
    migrate.new_database(tmp_path / "second.db")  # copies it
    templates = list(tmp_path.glob(f"{migrate.TEMPLATE_PREFIX}*.db"))
    assert [t.name for t in templates] == [
        f"{migrate.TEMPLATE_PREFIX}{migrate.migrations_digest()}.db"]
    expected = schema_of(tmp_path / "migrated.db")
    assert schema_of(tmp_path / "first.db") == expected
    assert schema_of(tmp_path / "second.db") == expected


def test_the_template_of_other_migrations_is_replaced(tmp_path: Path) -> None:
    stale = tmp_path / f"{migrate.TEMPLATE_PREFIX}0123456789abcdef.db"
    stale.write_bytes(b"the schema of migrations that changed since")
    migrate.new_database(tmp_path / "x.db")
    assert not stale.exists()
    assert schema_of(tmp_path / "x.db")[-1] == schema_of(
        tmp_path / f"{migrate.TEMPLATE_PREFIX}{migrate.migrations_digest()}.db")[-1]


def test_the_digest_follows_the_migration_scripts(tmp_path: Path) -> None:
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy)
    assert migrate.migrations_digest(copy) == migrate.migrations_digest()
    script = next((copy / "versions").glob("0001_*.py"))
    script.write_text(script.read_text() + "\n# an edit\n")
    assert migrate.migrations_digest(copy) != migrate.migrations_digest()


def test_without_a_usable_template_the_file_is_migrated_directly(tmp_path: Path) -> None:
    # Something else holds the template's name: it cannot be written there.
    (tmp_path / f"{migrate.TEMPLATE_PREFIX}{migrate.migrations_digest()}.db").mkdir()
    migrate.new_database(tmp_path / "x.db")
    assert not list(tmp_path.glob("*.building-*"))  # the half-made template is gone
    migrate.upgrade(tmp_path / "migrated.db")
    assert schema_of(tmp_path / "x.db") == schema_of(tmp_path / "migrated.db")
