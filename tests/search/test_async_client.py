"""The event-loop Meilisearch client against a real server: the same answers and errors
as the blocking client, kept-alive connections, deadlines."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from interventions_api.search.async_client import AsyncMeiliClient
from interventions_api.search.client import MeiliClient, MeiliError
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili

SEARCH = {"queries": [{"indexUid": "async_client_probe", "q": "", "limit": 1}]}


def run(coroutine: Any) -> Any:
    # In a thread of its own: other tests (the browser ones) may leave an event loop
    # running in the main thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def probe_index(meili: MeiliServer) -> str:
    with MeiliClient(meili.url, meili.master_key, 5.0) as client:
        task = client.post("/indexes/async_client_probe/documents",
                           [{"id": n, "title": f"document {n}"} for n in range(30)])
        client.wait_for_tasks([task["taskUid"]])
    return "async_client_probe"


def test_answers_as_the_blocking_client(meili: MeiliServer, probe_index: str) -> None:
    body = {"queries": [{"indexUid": probe_index, "q": "document", "limit": 30}]}
    with MeiliClient(meili.url, meili.master_key, 5.0) as blocking:
        expected = blocking.post("/multi-search", body)
    answer = run(AsyncMeiliClient(meili.url, meili.master_key, 5.0).post("/multi-search", body))
    for result in (expected, answer):
        result["results"][0].pop("processingTimeMs")
    assert answer == expected and len(answer["results"][0]["hits"]) == 30


@pytest.mark.usefixtures("probe_index")
def test_one_connection_serves_request_after_request(meili: MeiliServer) -> None:
    client = AsyncMeiliClient(meili.url, meili.master_key, 5.0)

    async def many() -> int:
        for _ in range(20):
            await client.post("/multi-search", SEARCH)
        return len(client._idle[asyncio.get_running_loop()])

    assert run(many()) == 1


def test_concurrent_requests_each_get_a_connection(meili: MeiliServer,
                                                   probe_index: str) -> None:
    client = AsyncMeiliClient(meili.url, meili.master_key, 5.0)

    async def together() -> tuple[list[Any], int]:
        answers = await asyncio.gather(*(client.post("/multi-search", SEARCH)
                                         for _ in range(6)))
        return answers, len(client._idle[asyncio.get_running_loop()])

    answers, idle = run(together())
    assert all(a["results"][0]["indexUid"] == probe_index for a in answers)
    assert 1 <= idle <= 6


def test_errors_carry_the_status_and_code(meili: MeiliServer) -> None:
    client = AsyncMeiliClient(meili.url, meili.master_key, 5.0)
    with pytest.raises(MeiliError) as raised:
        run(client.post("/multi-search", {"queries": [{"indexUid": "no_such_index_x"}]}))
    assert raised.value.status == 400 and raised.value.code == "index_not_found"
    assert not raised.value.server_side


def test_a_restarted_server_is_reached_on_the_next_request(
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    client = AsyncMeiliClient(server.url, server.master_key, 5.0)
    health = {"queries": []}

    async def around_a_restart() -> Any:
        await client.post("/multi-search", health)
        await asyncio.to_thread(server.stop)
        await asyncio.to_thread(server.start)
        return await client.post("/multi-search", health)  # on the dead kept-alive connection

    assert run(around_a_restart()) == {"results": []}


def test_a_stopped_server_is_unreachable(make_meili_server: Callable[[], MeiliServer]) -> None:
    server = make_meili_server()
    server.stop()
    with pytest.raises(MeiliError) as raised:
        run(AsyncMeiliClient(server.url, server.master_key, 5.0).post("/multi-search",
                                                                      {"queries": []}))
    assert raised.value.unreachable and "unreachable" in raised.value.message


def test_a_hung_server_costs_the_timeout_and_no_more(
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    client = AsyncMeiliClient(server.url, server.master_key, 0.3)
    server.pause()
    try:
        async def timed() -> float:
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(MeiliError) as raised:
                await client.post("/multi-search", {"queries": []})
            assert "did not answer in time" in raised.value.message
            return loop.time() - started

        assert run(timed()) < 1.5  # 0.3 s deadline, generous margin for a loaded machine
    finally:
        server.resume()
