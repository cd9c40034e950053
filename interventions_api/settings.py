"""All configuration, from the environment (prefix ``INTERVENTIONS_``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVENTIONS_", env_file=".env", extra="ignore")

    catalogue_dir: Path = Field(
        default=Path("catalogue"), description="Folder holding the YAML catalogue."
    )
    db_path: Path = Field(
        default=Path("var/interventions.db"),
        description="The SQLite database file. Loads also write in its folder: the staging "
                    "file `.<name>.loading-<pid>` while they run (`.<name>.backfill-<pid>` "
                    "for a history backfill; either removes those whose process is gone), "
                    "and `.schema-<digest>.db`, the empty migrated database a new file "
                    "starts from.",
    )
    meili_url: str | None = Field(
        default=None, description="Meilisearch base URL; unset means search runs on SQLite."
    )
    meili_api_key: str | None = Field(
        default=None, description="Meilisearch key (the API needs only a search key)."
    )
    meili_api_key_file: Path | None = Field(
        default=None,
        description="File holding the Meilisearch key, read when INTERVENTIONS_MEILI_API_KEY "
        "is unset; compose shares the search-only key this way.",
    )
    meili_admin_key: str | None = Field(
        default=None,
        description="Production only: a Meilisearch key that may read keys (keys.get), used "
        "once at startup to read the search key's own description and refuse it unless its "
        "actions are exactly ['search'] on the API's indexes; never used to serve.",
    )
    meili_admin_key_file: Path | None = Field(
        default=None,
        description="File holding INTERVENTIONS_MEILI_ADMIN_KEY, read when that is unset.",
    )
    meili_search_key_uid: str = Field(
        default="5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="Fixed uid of the search-only key made by 'interventions "
        "create-search-key'; its value follows from the master key and this uid.",
    )
    meili_index: str = Field(default="interventions", description="Name of the live index.")
    meili_timeout_ms: int = Field(
        default=300, ge=10, le=10_000,
        description="How long a search waits for Meilisearch before answering from SQLite.",
    )
    meili_sync_check_s: float = Field(
        default=5, ge=0, le=3600,
        description="How often a worker asks Meilisearch again which catalogue version the "
        "index holds while the database's stays the same (a new one in the database is "
        "checked at once). Until the index holds the database's version, searches are "
        "answered from SQLite.",
    )
    sqlite_time_limit_ms: int = Field(
        default=2000, ge=10, le=60_000,
        description="How long one SQLite unit of work (a search, a listing, a match) may run "
        "before it is interrupted and answered 503, so a slow query cannot hold a worker.",
    )
    threads: int = Field(
        default=4, ge=1, le=200,
        description="Threads per worker for the blocking work of requests (SQLite, the "
        "match, readiness checks). Fewer threads contend less for the interpreter under "
        "load than the library default of 40. Searches on Meilisearch wait on the event "
        "loop and hold no thread.",
    )
    public_url: str | None = Field(
        default=None, pattern=r"^https?://[^/?#]+(/[^?#]*)?$",
        description="The address the public reaches the API at (https://api.example.nl), "
        "for absolute URLs in `links` and problem `type`; unset, they are relative. Never "
        "taken from the request's Host header.",
    )
    cors_origins: list[str] = Field(
        default=["*"], description="Origins allowed to call the API from a browser."
    )
    environment: Literal["development", "production"] = Field(
        default="development", description="'production' enforces a search-only Meilisearch key."
    )
    log_level: Literal["critical", "error", "warning", "info", "debug"] = Field(
        default="info", description="Log level of the service."
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="'json': one JSON object per line, with the request id."
    )
    workers: int = Field(
        default=1, ge=1, le=64, description="Worker processes of 'interventions serve'."
    )
    max_connections: int = Field(
        default=200, ge=1, le=100_000,
        description="Open connections (and requests in progress) per worker; beyond it "
        "'interventions serve' answers 503 at once. Bounds what half-sent requests can hold: "
        "uvicorn has no read timeout for headers or bodies, the reverse proxy has them "
        "(docs/deploy.md).",
    )
    keep_alive_s: int = Field(
        default=5, ge=1, le=300,
        description="How long 'interventions serve' keeps an idle connection open after an "
        "answer.",
    )
    graceful_shutdown_s: int = Field(
        default=10, ge=0, le=600,
        description="On SIGTERM, how long 'interventions serve' lets requests in progress "
        "finish before it closes their connections.",
    )
    metrics_enabled: bool = Field(
        default=True, description="Serve Prometheus metrics at /metrics."
    )
    startup_check_timeout_s: float = Field(
        default=30, ge=0, le=600,
        description="Production: how long the key check at startup waits for Meilisearch.",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _keys_from_files(self) -> Settings:
        # Docker-secret style: the key lives in a file that only the API mounts.
        for name in ("meili_api_key", "meili_admin_key"):
            path = getattr(self, f"{name}_file")
            if getattr(self, name) is None and path is not None:
                try:
                    key = path.read_text(encoding="utf-8").strip()
                except OSError as exc:
                    raise ValueError(f"cannot read INTERVENTIONS_{name.upper()}_FILE "
                                     f"{path}: {exc.strerror}") from exc
                setattr(self, name, key or None)
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
