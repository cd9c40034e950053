"""Fixtures of the search tests: the real catalogue indexed once into the shared server."""

from __future__ import annotations

from pathlib import Path

import pytest

from interventions_api.search.sync import sync_index
from interventions_api.services.catalogue_context import CatalogueContext, catalogue_context
from interventions_api.settings import Settings
from tests.fixtures.meilisearch import MeiliServer


@pytest.fixture(scope="session")
def indexed(meili: MeiliServer, loaded_db: Path) -> Settings:
    """Settings searching the real catalogue on Meilisearch (index built once; read-only)."""
    settings = meili.settings(loaded_db, index=meili.index_name("catalogue"))
    sync_index(settings)
    return settings


@pytest.fixture(scope="session")
def context(loaded_db: Path) -> CatalogueContext:
    return catalogue_context(loaded_db)
