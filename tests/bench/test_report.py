"""The benchmark report (bench/report.py) from a small, made-up result: each target shows
its measured ratio and whether it is met, only where it applies."""

from __future__ import annotations

from typing import Any

from bench import report
from bench.autocannon import har
from bench.driver import Request


def c1(p50: float, p99: float) -> dict[str, float]:
    return {"requests": 100, "p50_ms": p50, "p99_ms": p99, "mean_ms": p50}


def c16(rps: float) -> dict[str, float]:
    return {"requests": int(rps * 5), "seconds": 5.0, "throughput_rps": rps,
            "p50_ms": 10, "p99_ms": 40}


def dataset(name: str, entries: int, *, api_p50: tuple[float, float], match_p99: float,
            load_s: tuple[float, float], rss: float) -> dict[str, Any]:
    """Two rounds; the API's search and the load differ between them."""
    return {
        "name": name, "entries": entries,
        "load": {"cli": list(load_s), "meili_only": [1.0, 1.0]},
        "ceiling": {"api /healthz": c16(2000), "meilisearch /health": c16(30000)},
        "c1": {"api_search": [c1(api_p50[0], 9), c1(api_p50[1], 9)],
               "meili_search": [c1(2, 5), c1(2, 5)],
               "api_list": [c1(1, 4), c1(1, 4)],
               "datasette_list": [c1(3, 6), c1(3, 6)],
               "api_match": [c1(2, match_p99), c1(2, match_p99)]},
        "c16": {"api_search": [c16(300), c16(300)], "meili_search": [c16(400), c16(400)],
                "api_list": [c16(900), c16(900)], "datasette_list": [c16(300), c16(300)]},
        "rss_mb": {"api": rss, "datasette": 60.0},
    }


RESULTS = {
    "environment": {"date": "2026-12-04T19:00:00+00:00", "commit": "abc1234",
                    "machine": "x86_64, 2 CPUs", "python": "3.11.7",
                    "meilisearch": "meilisearch 1.21.0", "datasette": "datasette 0.65",
                    "autocannon": "autocannon v9.0.0", "node": "v20", "load_average_start": 1.5,
                    "load_average_end": 2.0, "minutes": 12.0},
    "config": {"quick": False, "rounds": 2, "load_rounds": 2, "sequential": 100,
               "duration": 5.0, "connections": 16, "seed": 8},
    "datasets": [
        # Small: the 10,000-entry targets are shown but not judged.
        dataset("real", 66, api_p50=(3.0, 3.4), match_p99=80.0, load_s=(6.0, 6.4), rss=100.0),
        dataset("synthetic", 10_000, api_p50=(5.0, 5.4), match_p99=20.0, load_s=(3.0, 3.4),
                rss=250.0),
    ],
}


def row(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_each_target_shows_its_median_ratio_range_and_verdict() -> None:
    table = report.summary_table(RESULTS)
    assert row(table, "target") == ["target", "limit", "real, 66 entries",
                                    "synthetic, 10,000 entries"]
    # p50 ratios per round: 1.5 and 1.7 (real), 2.5 and 2.7 (synthetic).
    assert row(table, report.TARGETS[0].label)[1:] == [
        "≤ 2×", "1.60 ✓ (1.50–1.70)", "2.60 ✗ (2.50–2.70)"]
    assert row(table, report.TARGETS[1].label)[2:] == ["0.75 ✓ (0.75–0.75)"] * 2
    assert row(table, report.TARGETS[2].label)[2:] == ["3.00 ✓ (3.00–3.00)"] * 2


def test_targets_at_10000_entries_are_judged_only_there() -> None:
    table = report.summary_table(RESULTS)
    load = row(table, report.TARGETS[3].label)
    assert load[1] == "≤ 4× at 10,000 entries"
    assert load[2] == "6.20 (6.00–6.40)"  # over the limit, but not judged at 66 entries
    assert load[3] == "3.20 ✓ (3.00–3.40)"
    match = row(table, report.TARGETS[4].label)
    assert match[2:] == ["20.00 (20.00–20.00)", "5.00 ✓ (5.00–5.00)"]
    assert row(table, report.TARGETS[5].label)[2:] == ["100 ✓", "250 ✗"]


def test_the_page_names_the_run_and_shows_the_load_generators_ceiling() -> None:
    page = report.render_doc(RESULTS)
    assert page.startswith("# Benchmarks\n")
    assert "at commit abc1234 on x86_64, 2 CPUs" in page
    assert "load average 1.5 at the start, 2.0 at the end" in page
    assert "autocannon v9.0.0" in page
    assert page.count("| autocannon's ceiling | meilisearch /health | 30,000 |") == 2
    for target in report.TARGETS:
        assert f"| {target.label} |" in page


def test_requests_become_a_har_log_with_json_bodies() -> None:
    log = har("http://127.0.0.1:7700", [
        Request("search", "/indexes/i/search", "POST", json={"q": "pesten"},
                headers={"Authorization": "Bearer k"}),
        Request("list", "/v1/interventions?theme=bullying"),
    ])["log"]["entries"]
    post, get = (entry["request"] for entry in log)
    assert post["url"] == "http://127.0.0.1:7700/indexes/i/search"
    assert post["postData"]["text"] == '{"q": "pesten"}'
    assert {"name": "Content-Type", "value": "application/json"} in post["headers"]
    assert {"name": "Authorization", "value": "Bearer k"} in post["headers"]
    assert (get["method"], get["url"], get["headers"]) == (
        "GET", "http://127.0.0.1:7700/v1/interventions?theme=bullying", [])
    assert "postData" not in get
