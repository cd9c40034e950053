"""Production mode against a real Meilisearch: the API refuses the master key and any key
that can do more than search, and starts with the search-only key that
`interventions create-search-key` makes."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.cli import main
from interventions_api.errors import ConfigurationError
from interventions_api.ops.meili_keys import api_indexes, derive_key
from interventions_api.search.sync import sync_index
from interventions_api.settings import Settings, get_settings
from tests.conftest import make_settings
from tests.fixtures.meilisearch import MeiliServer

from .metrics_text import sample


@pytest.fixture(scope="module")
def indexed(meili: MeiliServer, loaded_db: Path) -> str:
    """An index on the shared server holding the real catalogue (synced with the master
    key, as the compose indexer does)."""
    index = meili.index_name("deploy")
    sync_index(meili.settings(loaded_db, index=index))
    return index


def production(meili: MeiliServer, db_path: Path, index: str, **values: Any) -> Settings:
    values.setdefault("meili_api_key", None)
    values.setdefault("meili_admin_key", meili.master_key)
    return meili.settings(db_path, index=index, environment="production",
                          startup_check_timeout_s=2, **values)


def keys_by_name(meili: MeiliServer) -> dict[str, dict[str, Any]]:
    with meili.client() as http:
        results = http.get("/keys", params={"limit": 100}).raise_for_status().json()["results"]
    return {item["name"]: item for item in results if item.get("name")}


def cli(env: dict[str, str], *args: str) -> Any:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(main, list(args), env=env)
    finally:
        get_settings.cache_clear()


def make_search_key(meili: MeiliServer, index: str, output: Path, uid: str) -> Any:
    return cli({"INTERVENTIONS_MEILI_URL": meili.url,
                "INTERVENTIONS_MEILI_API_KEY": meili.master_key,
                "INTERVENTIONS_MEILI_INDEX": index,
                "INTERVENTIONS_MEILI_SEARCH_KEY_UID": uid},
               "create-search-key", "--output", str(output))


@pytest.mark.meili
def test_the_master_key_is_refused(meili: MeiliServer, loaded_db: Path, indexed: str) -> None:
    with pytest.raises(ConfigurationError) as refused:
        create_app(production(meili, loaded_db, indexed, meili_api_key=meili.master_key))
    assert "the master key" in refused.value.detail


@pytest.mark.meili
@pytest.mark.parametrize("name, must_mention", [
    ("Default Admin API Key", ["action *", "index *"]),
    ("Default Read-Only Admin API Key", ["action *.get", "action keys.get"]),
    ("Default Chat API Key", ["action chatCompletions"]),
])
def test_admin_keys_are_refused(meili: MeiliServer, loaded_db: Path, indexed: str,
                                name: str, must_mention: list[str]) -> None:
    key = keys_by_name(meili)[name]["key"]
    with pytest.raises(ConfigurationError) as refused:
        create_app(production(meili, loaded_db, indexed, meili_api_key=key))
    for capability in must_mention:
        assert capability in refused.value.detail


@pytest.mark.meili
def test_serve_exits_2_with_the_master_key(meili: MeiliServer, loaded_db: Path,
                                           indexed: str) -> None:
    env = {**os.environ, "INTERVENTIONS_ENVIRONMENT": "production",
           "INTERVENTIONS_MEILI_URL": meili.url, "INTERVENTIONS_MEILI_API_KEY": meili.master_key,
           "INTERVENTIONS_MEILI_INDEX": indexed, "INTERVENTIONS_DB_PATH": str(loaded_db),
           "INTERVENTIONS_MEILI_ADMIN_KEY": meili.master_key}
    # A serve that failed to refuse would run until the timeout, and fail the test.
    result = subprocess.run([sys.executable, "-m", "interventions_api.cli", "serve",
                             "--port", str(_free_port())], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "refusing to start" in result.stderr and "the master key" in result.stderr
    assert meili.master_key not in result.stderr + result.stdout


@pytest.mark.meili
def test_the_search_only_key_starts_and_searches_on_meilisearch(
        meili: MeiliServer, loaded_db: Path, indexed: str, tmp_path: Path) -> None:
    uid = str(uuid.uuid4())
    key_file = tmp_path / "keys" / "search-key"
    made = make_search_key(meili, indexed, key_file, uid)
    assert made.exit_code == 0, made.output
    key = key_file.read_text().strip()
    assert key not in made.output  # the value goes to the file only
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # Meilisearch derives the value from the master key and the uid.
    assert key == derive_key(meili.master_key, uid)

    settings = production(meili, loaded_db, indexed, meili_api_key_file=key_file)
    assert settings.meili_api_key == key
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/interventions", params={"q": "pesten"})
        text = client.get("/metrics").text
    assert response.status_code == 200
    assert response.json()["meta"]["search_backend"] == "meilisearch"
    assert "x-search-degraded" not in response.headers
    assert sample(text, "interventions_search_requests_total", backend="meilisearch") >= 1


@pytest.mark.meili
def test_create_search_key_is_idempotent_and_repairs_a_widened_key(
        meili: MeiliServer, indexed: str, tmp_path: Path) -> None:
    uid = str(uuid.uuid4())
    first = make_search_key(meili, indexed, tmp_path / "a", uid)
    again = make_search_key(meili, indexed, tmp_path / "b", uid)
    assert "created" in first.output and "already there" in again.output
    assert (tmp_path / "a").read_text() == (tmp_path / "b").read_text()
    # Someone widens the key by hand: the next run puts it back, with the same value.
    with meili.client() as http:
        http.delete(f"/keys/{uid}").raise_for_status()
        http.post("/keys", json={"uid": uid, "actions": ["search", "documents.add"],
                                 "indexes": ["*"], "expiresAt": None}).raise_for_status()
    repaired = make_search_key(meili, indexed, tmp_path / "c", uid)
    assert repaired.exit_code == 0 and "created" in repaired.output
    assert (tmp_path / "c").read_text() == (tmp_path / "a").read_text()
    with meili.client() as http:
        key = http.get(f"/keys/{uid}").raise_for_status().json()
    assert key["actions"] == ["search"] and sorted(key["indexes"]) == sorted(api_indexes(indexed))


@pytest.mark.meili
def test_a_key_that_cannot_search_the_index_is_refused(
        meili: MeiliServer, loaded_db: Path, indexed: str) -> None:
    with meili.client() as http:
        other = http.post("/keys", json={"actions": ["search"], "indexes": [indexed],
                                         "expiresAt": None}).raise_for_status().json()["key"]
    with pytest.raises(ConfigurationError) as refused:
        create_app(production(meili, loaded_db, indexed, meili_api_key=other))
    assert "may not search" in refused.value.detail


# Every action Meilisearch 1.21 knows (its answer to an unknown one), but `search`.
MEILI_1_21_ACTIONS = [
    "*", "documents.*", "documents.add", "documents.get", "documents.delete", "indexes.*",
    "indexes.create", "indexes.get", "indexes.update", "indexes.delete", "indexes.swap",
    "tasks.*", "tasks.cancel", "tasks.delete", "tasks.get", "settings.*", "settings.get",
    "settings.update", "stats.*", "stats.get", "metrics.*", "metrics.get", "dumps.*",
    "dumps.create", "snapshots.*", "snapshots.create", "version", "keys.create", "keys.get",
    "keys.update", "keys.delete", "experimental.get", "experimental.update", "export",
    "network.get", "network.update", "chatCompletions", "chats.*", "chats.get",
    "chats.delete", "chatsSettings.*", "chatsSettings.get", "chatsSettings.update", "*.get",
    "webhooks.get", "webhooks.update", "webhooks.delete", "webhooks.create", "webhooks.*",
]


@pytest.mark.meili
def test_the_action_list_is_the_pinned_versions(meili: MeiliServer) -> None:
    with meili.client() as http:
        answer = http.post("/keys", json={"actions": ["no-such-action"], "indexes": ["*"],
                                          "expiresAt": None}).json()
    known = set(re.findall(r"`([^`]+)`", answer["message"].split("expected one of")[1]))
    assert known == {"search", *MEILI_1_21_ACTIONS}


@pytest.mark.meili
def test_every_right_beyond_search_is_refused_by_name(
        meili: MeiliServer, loaded_db: Path, indexed: str) -> None:
    refused = {}
    with meili.client() as http:
        for action in MEILI_1_21_ACTIONS:
            key = http.post("/keys", json={"actions": ["search", action],
                                           "indexes": api_indexes(indexed),
                                           "expiresAt": None}).raise_for_status().json()
            try:
                create_app(production(meili, loaded_db, indexed, meili_api_key=key["key"]))
            except ConfigurationError as exc:
                refused[action] = exc.detail
            finally:
                http.delete(f"/keys/{key['uid']}")
    assert set(refused) == set(MEILI_1_21_ACTIONS)
    for action, detail in refused.items():
        assert f"action {action})" in detail or f"action {action}," in detail, detail


@pytest.mark.meili
@pytest.mark.parametrize("indexes", [["*"], ["inter*"], ["{index}", "other"]])
def test_a_key_on_more_indexes_is_refused(meili: MeiliServer, loaded_db: Path, indexed: str,
                                          indexes: list[str]) -> None:
    wanted = [uid.format(index=indexed) for uid in indexes]
    with meili.client() as http:
        key = http.post("/keys", json={"actions": ["search"], "indexes": wanted,
                                       "expiresAt": None}).raise_for_status().json()["key"]
    with pytest.raises(ConfigurationError) as refused:
        create_app(production(meili, loaded_db, indexed, meili_api_key=key))
    assert f"index {wanted[-1]}" in refused.value.detail


def test_production_needs_an_admin_key_to_read_the_key(loaded_db: Path) -> None:
    settings = make_settings(loaded_db, environment="production").model_copy(update={
        "meili_url": "http://127.0.0.1:1", "meili_api_key": "search"})
    with pytest.raises(ConfigurationError, match="INTERVENTIONS_MEILI_ADMIN_KEY"):
        create_app(settings)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_production_needs_a_url_and_a_key(loaded_db: Path) -> None:
    base = make_settings(loaded_db, environment="production")
    with pytest.raises(ConfigurationError, match="INTERVENTIONS_MEILI_URL"):
        create_app(base)
    with pytest.raises(ConfigurationError, match="search-only Meilisearch key"):
        create_app(base.model_copy(update={"meili_url": "http://127.0.0.1:1"}))


def test_an_unreachable_meilisearch_is_waited_for_then_refused(loaded_db: Path) -> None:
    settings = make_settings(loaded_db, environment="production",
                             startup_check_timeout_s=0.5).model_copy(update={
                                 "meili_url": f"http://127.0.0.1:{_free_port()}",
                                 "meili_api_key": "some-key", "meili_admin_key": "admin"})
    started = time.monotonic()
    with pytest.raises(ConfigurationError, match="did not answer within 0.5 s"):
        create_app(settings)
    assert time.monotonic() - started >= 0.5


def test_development_mode_does_not_check(loaded_db: Path) -> None:
    settings = make_settings(loaded_db).model_copy(update={
        "meili_url": f"http://127.0.0.1:{_free_port()}", "meili_api_key": "master"})
    assert create_app(settings) is not None


def test_an_unreadable_key_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="INTERVENTIONS_MEILI_API_KEY_FILE"):
        Settings(_env_file=None, meili_api_key_file=tmp_path / "missing")



@pytest.mark.meili
def test_an_admin_key_can_make_the_search_key(meili: MeiliServer, indexed: str) -> None:
    """Where only an admin key is at hand (Meilisearch Cloud, say): the key it makes has
    the same derivable value."""
    uid = str(uuid.uuid4())
    admin = keys_by_name(meili)["Default Admin API Key"]["key"]
    made = cli({"INTERVENTIONS_MEILI_URL": meili.url, "INTERVENTIONS_MEILI_API_KEY": admin,
                "INTERVENTIONS_MEILI_INDEX": indexed, "INTERVENTIONS_MEILI_SEARCH_KEY_UID": uid},
               "create-search-key", "--print")
    assert made.exit_code == 0, made.output
    assert made.stdout.strip() == derive_key(meili.master_key, uid)
