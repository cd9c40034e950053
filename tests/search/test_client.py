"""The Meilisearch HTTP client against a real server: kept-alive connections, errors."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from interventions_api.search.client import MeiliClient, MeiliError, poll_delay
from tests.fixtures.meilisearch import MeiliServer

pytestmark = pytest.mark.meili


def test_a_restarted_server_is_reached_again_on_the_next_request(
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    with MeiliClient(server.url, server.master_key, 2.0) as client:
        assert client.get("/health") == {"status": "available"}
        # The kept-alive connection dies with the server; the next request must not
        # fail because of it.
        server.stop()
        server.start()
        assert client.get("/health") == {"status": "available"}


def test_a_stopped_server_is_unreachable_not_a_hang(
    make_meili_server: Callable[[], MeiliServer],
) -> None:
    server = make_meili_server()
    with MeiliClient(server.url, server.master_key, 2.0) as client:
        client.get("/health")
        server.stop()
        with pytest.raises(MeiliError) as raised:
            client.get("/health")
    assert raised.value.unreachable and raised.value.server_side
    assert "unreachable" in raised.value.message


def test_errors_carry_the_status_and_meilisearch_code(meili: MeiliServer) -> None:
    with MeiliClient(meili.url, meili.master_key, 2.0) as client:
        with pytest.raises(MeiliError) as raised:
            client.get("/indexes/no_such_index_here")
        assert not client.index_exists("no_such_index_here")
    error = raised.value
    assert error.status == 404 and error.code == "index_not_found"
    assert not error.server_side
    assert "404 index_not_found" in error.message


def test_a_wrong_key_is_a_client_error(meili: MeiliServer) -> None:
    with MeiliClient(meili.url, "not-the-key", 2.0) as client, \
            pytest.raises(MeiliError) as raised:
        client.post("/multi-search", {"queries": []})
    assert raised.value.status == 403 and not raised.value.server_side


def test_threads_share_a_client_each_on_its_own_connection(meili: MeiliServer) -> None:
    answers: list[object] = []
    errors: list[BaseException] = []
    with MeiliClient(meili.url, meili.master_key, 2.0) as client:
        def ask() -> None:
            try:
                for _ in range(20):
                    answers.append(client.get("/health"))
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(client._open) == 4
    assert not errors
    assert answers == [{"status": "available"}] * 80
    assert client._open == []  # closed with the client


def test_a_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(MeiliError, match="not a Meilisearch URL"):
        MeiliClient("localhost:7700", None, 1.0)


def test_waiting_for_a_task_looks_often_at_first_and_at_most_a_tenth_late() -> None:
    assert [poll_delay(polls, 0.002 * polls) for polls in range(10)] == [0.002] * 10
    for waited in (0.03, 0.1, 0.14, 0.3, 0.5):
        assert poll_delay(10, waited) == pytest.approx(waited / 10)
    assert poll_delay(10, 0.001) == 0.002  # never busier than the first looks
    assert poll_delay(100, 60.0) == 0.05  # long indexing: every 50 ms
