"""All configuration, from the environment (prefix ``INTERVENTIONS_``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVENTIONS_", env_file=".env", extra="ignore")

    catalogue_dir: Path = Field(
        default=Path("catalogue"), description="Folder holding the YAML catalogue."
    )
    db_path: Path = Field(
        default=Path("var/interventions.db"), description="The SQLite database file."
    )
    meili_url: str | None = Field(
        default=None, description="Meilisearch base URL; unset means search runs on SQLite."
    )
    meili_api_key: str | None = Field(
        default=None, description="Meilisearch key (the API needs only a search key)."
    )
    meili_index: str = Field(default="interventions", description="Name of the live index.")
    meili_timeout_ms: int = Field(
        default=300, ge=10, le=10_000,
        description="How long a search waits for Meilisearch before answering from SQLite.",
    )
    cors_origins: list[str] = Field(
        default=["*"], description="Origins allowed to call the API from a browser."
    )
    environment: Literal["development", "production"] = Field(
        default="development", description="'production' enforces a search-only Meilisearch key."
    )
    log_level: str = Field(default="info", description="Log level of the service.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
