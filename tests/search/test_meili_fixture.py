"""The Meilisearch fixture really runs a server: the version we pin, with auth, and tasks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from devtools.meili_server import meili_binary
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili


def test_the_server_answers_health_and_is_the_pinned_version(meili: MeiliServer) -> None:
    assert httpx.get(f"{meili.url}/health", timeout=5).json() == {"status": "available"}
    with meili.client() as http:
        assert http.get("/version").json()["pkgVersion"] == "1.21.0"


def test_the_master_key_is_required(meili: MeiliServer) -> None:
    assert httpx.get(f"{meili.url}/indexes", timeout=5).status_code == 401
    with meili.client() as http:
        assert http.get("/indexes").status_code == 200


def test_index_factory_and_wait_for_task(meili: MeiliServer) -> None:
    first, second = meili.create_index("fixture"), meili.create_index("fixture")
    assert first != second
    with meili.client() as http:
        response = http.post(f"/indexes/{first}/documents", json=[{"id": "a", "name": "x"}])
        task = meili.wait_for_task(response.json()["taskUid"])
        assert task["status"] == "succeeded"
        assert http.get(f"/indexes/{first}/documents/a").json()["name"] == "x"
        assert http.get(f"/indexes/{second}/stats").json()["numberOfDocuments"] == 0


def test_a_private_server_can_be_stopped_and_restarted_with_its_data(
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    index = server.create_index("restart")
    server.stop()
    assert not server.running
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{server.url}/health", timeout=1)
    server.start()
    with server.client() as http:
        assert http.get(f"/indexes/{index}").status_code == 200


@pytest.mark.usefixtures("meili")  # the binary is there (or the test is skipped / fails on CI)
def test_a_master_key_that_starts_with_a_dash_is_not_read_as_an_option(
    tmp_path: Path,
) -> None:
    # Keys are URL-safe random text, so about one in 32 starts with "-".
    server = MeiliServer(meili_binary(), tmp_path / "dash")
    server.master_key = "-f" + server.master_key[2:]
    server.start()
    try:
        with server.client() as http:
            assert http.get("/indexes").status_code == 200
    finally:
        server.kill()
