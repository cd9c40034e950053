"""Turn a benchmark result (what bench/run.py writes to bench/results/latest.json) into
the printed table and docs/benchmarks.md. Every number comes from the result; the text
here says what was measured and how, never what a run found."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Dataset = dict[str, Any]


def _ratios(group: str, a: str, b: str, key: str) -> Callable[[Dataset], list[float]]:
    """Per round, side ``a`` over side ``b`` (both ran back to back in that round)."""

    def per_round(dataset: Dataset) -> list[float]:
        runs = dataset[group]
        return [x[key] / y[key] for x, y in zip(runs[a], runs[b], strict=True) if y[key]]

    return per_round


@dataclass(frozen=True)
class Target:
    label: str
    limit: float
    higher_is_better: bool
    values: Callable[[Dataset], list[float]]
    min_entries: int = 0  # judged only on catalogues at least this large
    unit: str = "×"

    def text(self) -> str:
        where = f" at {self.min_entries:,} entries" if self.min_entries else ""
        return f"{'≥' if self.higher_is_better else '≤'} {self.limit:g}{self.unit}{where}"

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit


TARGETS = (
    Target("text search p50 at concurrency 1, API / raw Meilisearch", 2.0, False,
           _ratios("c1", "api_search", "meili_search", "p50_ms")),
    Target("text search throughput at concurrency 16, API / raw Meilisearch", 0.5, True,
           _ratios("c16", "api_search", "meili_search", "throughput_rps")),
    Target("filtered listing throughput at concurrency 16, API / datasette", 2.0, True,
           _ratios("c16", "api_list", "datasette_list", "throughput_rps")),
    Target("`load --index` / Meilisearch-only indexing of the same documents", 4.0, False,
           lambda d: [cli / meili for cli, meili in zip(d["load"]["cli"],
                                                        d["load"]["meili_only"], strict=True)],
           min_entries=10_000),
    Target("match p99 / filtered listing p99, concurrency 1", 10.0, False,
           _ratios("c1", "api_match", "api_list", "p99_ms"), min_entries=10_000),
    Target("API resident memory after the traffic", 200.0, False,
           lambda d: [d["rss_mb"]["api"]], unit=" MB"),
)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fmt(value: float, digits: int = 2) -> str:
    return "–" if value != value else f"{value:,.{digits}f}"  # NaN: nothing measured


def verdict(target: Target, dataset: Dataset) -> str:
    """The median with ✓ or ✗ where the target applies, and the range over rounds."""
    values = target.values(dataset)
    if not values:
        return "–"
    value = _median(values)
    text = _fmt(value, 0 if target.unit == " MB" else 2)
    if dataset["entries"] >= target.min_entries:
        text += " ✓" if target.met(value) else " ✗"
    if len(values) > 1:
        text += f" ({_fmt(min(values))}–{_fmt(max(values))})"
    return text


def _title(dataset: Dataset) -> str:
    return f"{dataset['name']}, {dataset['entries']:,} entries"


def summary_table(results: dict[str, Any]) -> str:
    datasets = results["datasets"]
    lines = ["| target | limit | " + " | ".join(_title(d) for d in datasets) + " |",
             "| --- | --- |" + " ---: |" * len(datasets)]
    for target in TARGETS:
        cells = " | ".join(verdict(target, d) for d in datasets)
        lines.append(f"| {target.label} | {target.text()} | {cells} |")
    return "\n".join(lines)


SIDES = {
    "api_search": ("text search", "API `GET /v1/interventions?q=…`"),
    "meili_search": ("text search", "Meilisearch `POST /indexes/…/search`"),
    "api_list": ("filtered listing", "API `GET /v1/interventions?…`"),
    "datasette_list": ("filtered listing", "datasette `/…/interventions.json?…`"),
    "api_match": ("match", "API `POST /v1/match`"),
}


def _medians(runs: list[dict[str, Any]], keys: tuple[str, ...], digits: int) -> str:
    return " | ".join(_fmt(_median([run[key] for run in runs]), digits) for key in keys)


def detail_tables(dataset: Dataset) -> str:
    lines = [f"### {_title(dataset)}", "",
             "Concurrency 1 (one kept-alive connection), medians over the rounds:", "",
             "| request | side | p50 ms | p99 ms | mean ms |",
             "| --- | --- | ---: | ---: | ---: |"]
    for name, runs in dataset["c1"].items():
        request, side = SIDES[name]
        lines.append(f"| {request} | {side} | "
                     f"{_medians(runs, ('p50_ms', 'p99_ms', 'mean_ms'), 2)} |")
    lines += ["", "Concurrency 16 (autocannon), medians over the rounds; autocannon records "
              "latency in whole milliseconds:", "",
              "| request | side | requests/s | p50 ms | p99 ms |",
              "| --- | --- | ---: | ---: | ---: |"]
    for name, runs in dataset["c16"].items():
        request, side = SIDES[name]
        lines.append(f"| {request} | {side} | "
                     f"{_medians(runs, ('throughput_rps', 'p50_ms', 'p99_ms'), 0)} |")
    for route, run in dataset["ceiling"].items():
        lines.append(f"| autocannon's ceiling | {route} | "
                     f"{_medians([run], ('throughput_rps', 'p50_ms', 'p99_ms'), 0)} |")
    load = dataset["load"]
    lines += ["", "| load, seconds | median | rounds |", "| --- | ---: | --- |"]
    for name, label in (("cli", "`interventions load --index`"),
                        ("meili_only", "Meilisearch-only indexing")):
        lines.append(f"| {label} | {_fmt(_median(load[name]))} | "
                     f"{', '.join(_fmt(s) for s in load[name])} |")
    rss = dataset["rss_mb"]
    lines += ["", f"Resident memory after the traffic: API {rss['api']:.0f} MB (all its "
              f"processes), datasette {rss['datasette']:.0f} MB.", ""]
    return "\n".join(lines)


def table(results: dict[str, Any]) -> str:
    return "\n\n".join([summary_table(results),
                        *(detail_tables(d) for d in results["datasets"])])


def environment_text(results: dict[str, Any]) -> str:
    env, config = results["environment"], results["config"]
    return (f"Measured {env['date']} at commit {env['commit']} on {env['machine']} (load "
            f"average {env['load_average_start']:.1f} at the start, "
            f"{env['load_average_end']:.1f} at the end; {env['minutes']:g} minutes), "
            f"Python {env['python']}, {env['meilisearch']}, {env['datasette']}, "
            f"{env['autocannon']} on Node {env['node']}. "
            f"{config['rounds']} interleaved round(s) per traffic comparison "
            f"({config['sequential']} requests at concurrency 1, then "
            f"{config['duration']:g} s at concurrency {config['connections']}), "
            f"{config['load_rounds']} per load comparison; synthetic catalogue seed "
            f"{config['seed']}.")


COMPARED = """\
- **text search**: `GET /v1/interventions?q=…` on the API, for words that schools type,
  vs the same search sent straight to Meilisearch (`POST /indexes/<index>/search`, same
  words, same page size, highlighted and cropped summaries, whole documents with all
  their attributes). Before measuring, the runner checks that both return the same hits
  in the same order.
- **filtered listing**: `GET /v1/interventions` with the reference page's filters on the
  API vs datasette's table JSON API on the same SQLite file with the same filters (term
  filters as `_where` subqueries on `intervention_terms`, column filters for ranges, the
  same order and page size; datasette started with `-i` and `--setting suggest_facets
  off`). The runner checks that both return the same total for every filter.
- **load**: `interventions load --index` as a user runs it (a fresh SQLite file and a
  full rebuild of a fresh index, process start-up included) vs Meilisearch-only
  indexing of the documents and settings of the index it built: create the index, apply
  the settings, add the documents in batches of 1,000, wait for every task. Both run
  without an uncounted warm-up, so the first round also pays for cold caches.
- **match**: `POST /v1/match` with school profiles vs the filtered listings, on the
  same API process.
- **memory**: resident set size of the API (all its processes) after all its traffic."""

METHOD = """\
Real processes on loopback: Meilisearch (the binary the tests use, one indexing thread),
the API through `interventions serve` with its default worker count and the Meilisearch
backend, as deployed, and datasette. The sides of each comparison run interleaved, in
alternating order, for several rounds; a target's value is the median of the per-round
ratios, with their range in brackets. Latency at concurrency 1 is measured by a
kept-alive httpx client (one pass over the requests first, uncounted), throughput at
concurrency 16 by autocannon, which sends the requests of a side in rotation on every
connection (one uncounted second of each side first); no request asks for compression.
autocannon's ceiling on a trivial route of each server is measured in the same run: a
throughput far below it is the server's, not the load generator's. The machine is shared
(two cores), so expect differences of tens of percent between runs; the load averages
above say how busy it was."""


def render_doc(results: dict[str, Any]) -> str:
    return "\n".join([
        "# Benchmarks", "",
        "<!-- Written by bench/run.py from bench/results/latest.json; do not edit by "
        "hand. -->", "",
        "Reproduce (needs the Meilisearch binary and the bench extras, "
        "`make meilisearch bench-deps`):", "",
        "```sh",
        "make bench                # both catalogues; writes this page (up to 15 minutes)",
        "BENCH_QUICK=1 make bench  # real catalogue, one short round; writes nothing",
        "```", "",
        environment_text(results), "",
        "What is compared, on the real catalogue (catalogue/) and on a synthetic one "
        "(bench/synthetic.py: field distributions measured on the real catalogue, Dutch "
        "and English text from the vocabularies, fixed seed):", "",
        COMPARED, "",
        "## Targets", "",
        summary_table(results), "",
        "## Details", "",
        *(detail_tables(d) for d in results["datasets"]),
        "## Method", "",
        METHOD, "",
    ])
