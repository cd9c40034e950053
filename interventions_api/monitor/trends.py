"""The figures of each indicator over the years: points, change per year, the reference.

Every indicator the survey reports is something a school wants less of (pupils bullied,
feeling unsafe, …), so "down" is the hoped-for direction throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import fsum
from typing import Any, Final, Literal

from ..match.profile import MonitorResult, Survey
from ..match.weights import MONITOR_INDICATORS
from .models import group_key

# A school's survey share moves a little from year to year by chance (a few hundred
# respondents); a difference with the reference under one percentage point is read as
# level, and a change under half a point a year as no clear movement.
LEVEL_MARGIN: Final = 0.01
STABLE_PER_YEAR: Final = 0.005

Direction = Literal["down", "up", "stable"]
Position = Literal["above", "below", "level"]


@dataclass(frozen=True)
class Series:
    """One indicator for one group of pupils, one result per survey year, oldest first."""

    indicator: str
    group: tuple[Any, ...]
    results: tuple[tuple[int, MonitorResult], ...]

    @property
    def years(self) -> list[int]:
        return [year for year, _ in self.results]

    @property
    def first(self) -> tuple[int, MonitorResult]:
        return self.results[0]

    @property
    def last(self) -> tuple[int, MonitorResult]:
        return self.results[-1]

    def since(self, year: int | None) -> list[tuple[int, float]]:
        """(year, share) of the surveys in or after ``year`` (all without one)."""
        return [(y, r.share) for y, r in self.results if year is None or y >= year]


def series_of(surveys: list[Survey]) -> list[Series]:
    """Every indicator and group in the surveys, in the order of the survey's indicators
    (bullied first), then the whole school before groups, then by group."""
    found: dict[tuple[str, tuple[Any, ...]], list[tuple[int, MonitorResult]]] = {}
    for survey in sorted(surveys, key=lambda s: s.year):
        for result in survey.results:
            found.setdefault((result.indicator, group_key(result)), []).append(
                (survey.year, result))
    order = list(MONITOR_INDICATORS)
    keys = sorted(found, key=lambda k: (order.index(k[0]), len(k[1]) > 0, k[1]))
    return [Series(indicator, group, tuple(found[indicator, group]))
            for indicator, group in keys]


def change_per_year(points: list[tuple[int, float]]) -> float | None:
    """The least-squares slope of share against year; None with fewer than two years."""
    if len(points) < 2:
        return None
    mean_x = fsum(x for x, _ in points) / len(points)
    mean_y = fsum(y for _, y in points) / len(points)
    spread = fsum((x - mean_x) ** 2 for x, _ in points)
    return fsum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def direction(change: float) -> Direction:
    change = round(change, 6)  # so that a change of exactly half a point counts
    if change <= -STABLE_PER_YEAR:
        return "down"
    if change >= STABLE_PER_YEAR:
        return "up"
    return "stable"


def position(share: float, reference: float | None) -> Position | None:
    """The share against its reference; None without one."""
    if reference is None:
        return None
    if round(abs(share - reference), 6) < LEVEL_MARGIN:
        return "level"
    return "above" if share > reference else "below"
