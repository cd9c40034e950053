"""compose.yaml, parsed and checked: the services, who holds which key, health checks,
volumes, and that every INTERVENTIONS_ variable it sets is a real setting."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml

from interventions_api.settings import PROJECT_ROOT, Settings

COMPOSE = PROJECT_ROOT / "compose.yaml"
INSTALL_SCRIPT = PROJECT_ROOT / "search" / "install-meilisearch.sh"
MASTER = "MEILI_MASTER_KEY"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = compose["services"]
    return result


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def shell_steps(service: dict[str, Any]) -> list[list[str]]:
    """The commands of a ``sh -c "a && b && c"`` service, each split into words."""
    command = service["command"]
    assert command[:2] == ["sh", "-c"], command
    return [shlex.split(step) for step in command[2].split("&&")]


def mounts(service: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """target → (source, mode)."""
    result = {}
    for volume in service.get("volumes", []):
        source, target, *mode = volume.split(":")
        result[target] = (source, mode[0] if mode else "rw")
    return result


def test_the_services(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == {"api", "meilisearch", "indexer", "proxy"}
    # Production runs the Meilisearch release the tests run (search/install-meilisearch.sh).
    tested = re.search(r'^VERSION="(.+)"$', INSTALL_SCRIPT.read_text(encoding="utf-8"), re.M)
    assert tested is not None
    assert services["meilisearch"]["image"] == f"getmeili/meilisearch:v{tested[1]}"
    # The API and the indexer run the image built from this repository's Dockerfile.
    for name in ("api", "indexer"):
        assert services[name]["build"]["context"] == "."
    assert services["api"]["image"] == services["indexer"]["image"]


def test_meilisearch_takes_its_master_key_from_the_environment(
        services: dict[str, dict[str, Any]], compose: dict[str, Any]) -> None:
    meili = services["meilisearch"]
    env = environment(meili)
    assert re.fullmatch(r"\$\{MEILI_MASTER_KEY:\?.+\}", env[MASTER]), env[MASTER]
    assert env["MEILI_ENV"] == "production"  # refuses to run without a master key
    source, _mode = mounts(meili)["/meili_data"]
    assert source in compose["volumes"]
    assert "ports" not in meili  # reachable only from the compose network


def test_the_api_gets_the_master_key_only_as_a_file_to_check_its_key(
        compose: dict[str, Any], services: dict[str, dict[str, Any]]) -> None:
    api = services["api"]
    assert MASTER not in yaml.safe_dump(api)  # not in its environment
    assert "env_file" not in api
    env = environment(api)
    assert env["INTERVENTIONS_ENVIRONMENT"] == "production"  # so it checks its key
    assert "INTERVENTIONS_MEILI_API_KEY" not in env
    assert "INTERVENTIONS_MEILI_ADMIN_KEY" not in env
    [secret] = api["secrets"]
    assert compose["secrets"][secret] == {"environment": MASTER}
    assert env["INTERVENTIONS_MEILI_ADMIN_KEY_FILE"] == f"/run/secrets/{secret}"
    key_file = env["INTERVENTIONS_MEILI_API_KEY_FILE"]
    folder = key_file.rsplit("/", 1)[0]
    source, mode = mounts(api)[folder]
    assert mode == "ro"
    # The indexer writes that very file, into the same volume.
    indexer = services["indexer"]
    assert mounts(indexer)[folder][0] == source
    create = next(step for step in shell_steps(indexer) if "create-search-key" in step)
    assert create[create.index("--output") + 1] == key_file


def test_the_indexer_waits_loads_indexes_with_the_master_key(
        services: dict[str, dict[str, Any]]) -> None:
    indexer = services["indexer"]
    env = environment(indexer)
    assert env["INTERVENTIONS_MEILI_API_KEY"].startswith("${" + MASTER)
    assert indexer["depends_on"]["meilisearch"]["condition"] == "service_healthy"
    assert [step[:2] for step in shell_steps(indexer)] == [
        ["interventions", "load"], ["interventions", "index"],
        ["interventions", "create-search-key"]]
    assert indexer["restart"] == "no"


def test_the_api_starts_after_the_indexer_and_a_healthy_meilisearch(
        services: dict[str, dict[str, Any]]) -> None:
    depends = services["api"]["depends_on"]
    assert depends["indexer"]["condition"] == "service_completed_successfully"
    assert depends["meilisearch"]["condition"] == "service_healthy"
    assert services["api"]["read_only"] is True


def test_health_checks(services: dict[str, dict[str, Any]]) -> None:
    meili = " ".join(services["meilisearch"]["healthcheck"]["test"])
    assert "/health" in meili and "7700" in meili
    api = " ".join(services["api"]["healthcheck"]["test"])
    assert "/healthz" in api and "8000" in api
    # A one-shot job serves nothing: the image's HTTP check would only mark it unhealthy.
    assert services["indexer"]["healthcheck"] == {"disable": True}


def test_every_interventions_variable_is_a_setting(
        services: dict[str, dict[str, Any]]) -> None:
    known = {f"INTERVENTIONS_{name.upper()}" for name in Settings.model_fields}
    for name, service in services.items():
        for variable in environment(service):
            if variable.startswith("INTERVENTIONS_"):
                assert variable in known, f"{name}: {variable} is not a setting"


def test_a_reverse_proxy_is_the_only_way_in(services: dict[str, dict[str, Any]]) -> None:
    assert "ports" not in services["api"]
    proxy = services["proxy"]
    assert proxy["ports"] == ["${INTERVENTIONS_PORT:-8000}:8080"]
    assert proxy["image"].startswith("nginx:1.") and proxy["read_only"] is True
    source, mode = mounts(proxy)["/etc/nginx/nginx.conf"]
    assert mode == "ro"
    config = (PROJECT_ROOT / source).read_text(encoding="utf-8")
    for directive in ("client_header_timeout", "client_body_timeout", "client_max_body_size",
                      "proxy_read_timeout", "limit_conn ", "X-Content-Type-Options",
                      "proxy_request_buffering on", "server api:8000"):
        assert directive in config, directive
    assert proxy["depends_on"]["api"]["condition"] == "service_healthy"
