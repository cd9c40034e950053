"""The synthetic catalogue of the benchmarks: valid, deterministic, never in catalogue/."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.driver import percentile
from bench.synthetic import REAL_CATALOGUE, generate
from interventions_api.catalogue import read_catalogue


def test_it_validates_without_errors(tmp_path: Path) -> None:
    root = generate(tmp_path / "synthetic", 40, seed=3)
    result = read_catalogue(root)
    assert result.ok, "\n".join(p.format() for p in result.errors)
    assert result.catalogue is not None and len(result.catalogue.entries) == 40
    entries = [entry.intervention for entry in result.catalogue.entries]
    assert all(e.summary.nl for e in entries)
    # Distributions drawn from the real catalogue: several school types and themes occur.
    assert len(Counter(t for e in entries for t in e.school_types)) >= 2
    assert len(Counter(t for e in entries for t in e.themes)) >= 5


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 15, seed=8)
    second = generate(tmp_path / "b", 15, seed=8)
    other = generate(tmp_path / "c", 15, seed=9)

    def texts(root: Path) -> list[str]:
        return [p.read_text() for p in sorted((root / "interventions").glob("*.yaml"))]

    assert texts(first) == texts(second)
    assert texts(first) != texts(other)


def test_it_refuses_to_write_into_the_real_catalogue() -> None:
    with pytest.raises(ValueError, match="refusing"):
        generate(REAL_CATALOGUE / "synthetic", 1)


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (
        50.0, 99.0, 100.0)
    assert percentile([], 50) == 0.0
