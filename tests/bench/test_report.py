"""The benchmark report's summary: every target with per-round ratios shows their range."""

from __future__ import annotations

import json

from bench import report
from bench.run import RESULTS_DIR


def test_every_paired_target_shows_the_range_of_its_round_ratios() -> None:
    latest = json.loads((RESULTS_DIR / "latest.json").read_text())
    for size_result in latest["sizes"]:
        for key, (group, a, b, _value) in report.ROUND_RATIOS.items():
            assert group in size_result and a in size_result[group] and b in size_result[group]
            low, high = report.round_range(size_result, key) or (None, None)
            assert low is not None and high is not None and low <= high, (key, size_result["size"])
            median = report.summarize(size_result)[key]
            assert low <= median <= high
