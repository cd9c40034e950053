"""Shared fixtures: a real catalogue, a real SQLite file, the app, a real Meilisearch.

Factories (``make_catalogue``, ``make_db``) let a test change the catalogue and load it
into a fresh file; the session fixtures load the real catalogue once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.catalogue import Catalogue, read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.settings import PROJECT_ROOT, Settings

pytest_plugins = ["tests.fixtures.meilisearch"]

REAL_CATALOGUE = PROJECT_ROOT / "catalogue"


def read_ok(root: Path) -> Catalogue:
    result = read_catalogue(root)
    assert result.catalogue is not None, "\n".join(p.format() for p in result.errors)
    return result.catalogue


@pytest.fixture
def make_catalogue(tmp_path: Path) -> Callable[..., Path]:
    """Copy the real catalogue to a temporary folder; returns the folder.

    ``only=[ids]`` keeps just those entries, to make small, fast catalogues.
    """
    counter = iter(range(1000))

    def make(only: list[str] | None = None) -> Path:
        root = tmp_path / f"catalogue-{next(counter)}"
        shutil.copytree(REAL_CATALOGUE, root, ignore=shutil.ignore_patterns("schema"))
        if only is not None:
            for path in (root / "interventions").glob("*.yaml"):
                if path.stem not in only:
                    path.unlink()
        return root

    return make


@pytest.fixture
def make_db(tmp_path: Path) -> Callable[[Path], Path]:
    """Load a catalogue folder into a new SQLite file; returns the file's path."""
    counter = iter(range(1000))

    def make(catalogue_root: Path) -> Path:
        db_path = tmp_path / f"db-{next(counter)}.db"
        load_catalogue(read_ok(catalogue_root), db_path)
        return db_path

    return make


@pytest.fixture(scope="session")
def real_catalogue() -> Catalogue:
    return read_ok(REAL_CATALOGUE)


@pytest.fixture(scope="session")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, real_catalogue: Catalogue) -> Path:
    """The real catalogue loaded once into a SQLite file (treat it as read-only)."""
    db_path = tmp_path_factory.mktemp("db") / "interventions.db"
    load_catalogue(real_catalogue, db_path)
    return db_path


def make_settings(db_path: Path, **overrides: object) -> Settings:
    return Settings(db_path=db_path, catalogue_dir=REAL_CATALOGUE, meili_url=None,
                    _env_file=None, **overrides)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def client(loaded_db: Path) -> Iterator[TestClient]:
    """The app on the real catalogue, searching on SQLite."""
    with TestClient(create_app(make_settings(loaded_db))) as test_client:
        yield test_client
