"""Run the Alembic migrations in ``migrations/`` against a SQLite file."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from ..settings import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(db_path: Path, revision: str = "head") -> None:
    """Bring the database at ``db_path`` to ``revision`` (creating it if needed)."""
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
