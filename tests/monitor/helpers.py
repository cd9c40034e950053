"""Helpers for the monitor tests: building and posting requests, finding catalogue entries
by their effect verdict (read from the loaded catalogue, so the tests follow the data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from interventions_api.match.index import match_index

GROUP = {"system": "groep", "min": 5, "max": 8}


def survey(year: int, *results: dict[str, Any], source: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"year": year, "results": list(results)}
    if source:
        body["source"] = source
    return body


def bullied(share: float, reference: float | None = None, **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"indicator": "bullied", "share": share, **extra}
    if reference is not None:
        result["reference"] = reference
    return result


def yearly(shares: dict[int, float], indicator: str = "bullied") -> list[dict[str, Any]]:
    """One survey per year with one result for the whole school."""
    return [survey(year, {"indicator": indicator, "share": share})
            for year, share in shares.items()]


def post_monitor(client: TestClient, body: dict[str, Any],
                 content_type: str = "application/json") -> Any:
    return client.post("/v1/monitor", content=json.dumps(body),
                       headers={"content-type": content_type})


def report(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = post_monitor(client, body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def with_verdict(db_path: Path, concern: str, verdict: str) -> tuple[str, str]:
    """(id, name) of the first catalogue entry with this verdict on this concern."""
    for entry in match_index(db_path).entries:
        if entry.effects.get(concern, {}).get("verdict", "not_studied") == verdict:
            return entry.id, entry.name
    raise AssertionError(f"no entry with verdict {verdict} on {concern} in the catalogue")
