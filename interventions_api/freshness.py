"""How fresh an entry is: when it was reviewed, when it is due again, what is newer.

Pure functions over the stored document (the JSON the load writes), so the load (to
store ``review_due`` as a column for the ``stale`` filter) and the presenters (to show
it) compute the same thing. The rules, also in docs/compare.md:

- ``review_due`` is five years (the Dutch registry's re-assessment cycle) after the later
  of the entry's last editorial review (``reviewed``) and its latest rating.
- A rating known only by its year counts as **1 January** of that year: the earliest day
  it can have been. That never moves a re-check later than five years after anything we
  know, and never puts a rating date in the future.
- 29 February plus five years is 28 February.
- ``stale`` means ``review_due`` is before today (on the due day itself it is not yet
  stale).
- A study is *newer than the latest rating* when its year is after the year of the
  latest rating. Studies have an optional ``year``; without it the year is read from the
  citation only when the citation holds exactly one year in parentheses, as in APA
  "(2020)." — otherwise the study is listed as undated and never raises the flag. Same
  year as the rating does not count: we cannot tell which came first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

REVIEW_CYCLE_YEARS = 5

# "(2020)" or "(2020a)" not glued to a word or number, so "141(1234)" (an issue number)
# is not taken for a year.
_CITATION_YEAR = re.compile(r"(?<![\w])\((\d{4})[a-z]?\)")
_PLAUSIBLE_YEARS = range(1900, 2101)


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def citation_year(citation: str) -> int | None:
    """The publication year in an APA-style citation, or None when it is not certain."""
    years = {int(y) for y in _CITATION_YEAR.findall(citation)}
    if len(years) != 1:
        return None
    year = years.pop()
    return year if year in _PLAUSIBLE_YEARS else None


def study_year(study: dict[str, Any]) -> tuple[int | None, str | None]:
    """A study's year and where it came from: ``field``, ``citation`` or (None, None)."""
    if study.get("year") is not None:
        return int(study["year"]), "field"
    year = citation_year(study.get("citation", ""))
    return (year, "citation") if year is not None else (None, None)


def rating_day(assessment: dict[str, Any]) -> dt.date | None:
    """The day a rating counts from: its date, or 1 January of its year.

    None for a rating known only by the day its page was read (``checked``: the verdict
    itself may be years older) and for an assessment without a rating."""
    if not assessment.get("rating"):
        return None
    if assessment.get("date"):
        return dt.date.fromisoformat(str(assessment["date"]))
    if assessment.get("year") is not None:
        return dt.date(int(assessment["year"]), 1, 1)
    return None


@dataclass(frozen=True)
class Freshness:
    reviewed: dt.date
    review_due: dt.date
    due_from: str  # "reviewed" or "rating": which of the two the due date counts from
    latest_rating: dict[str, Any] | None
    newer_studies: list[dict[str, Any]] = field(default_factory=list)
    undated_studies: list[str] = field(default_factory=list)

    @property
    def newer_study_than_rating(self) -> bool | None:
        """None when the entry has no rating to be newer than."""
        if self.latest_rating is None:
            return None
        return bool(self.newer_studies)

    def stale(self, today: dt.date) -> bool:
        return self.review_due < today

    def as_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "reviewed": self.reviewed.isoformat(),
            "review_due": self.review_due.isoformat(),
            "review_due_from": self.due_from,
            "stale": self.stale(today),
            "latest_rating": self.latest_rating,
            "newer_study_than_rating": self.newer_study_than_rating,
            "newer_studies": self.newer_studies,
            "undated_studies": self.undated_studies,
        }


def freshness(document: dict[str, Any]) -> Freshness:
    """The freshness of one stored entry (see the module docstring for the rules)."""
    reviewed = dt.date.fromisoformat(str(document["reviewed"]))
    evidence = document.get("evidence", {})
    latest: dict[str, Any] | None = None
    latest_day: dt.date | None = None
    for assessment in evidence.get("assessments", []):
        day = rating_day(assessment)
        if day is not None and (latest_day is None or day > latest_day):
            latest_day, latest = day, assessment
    latest_rating = None
    if latest is not None and latest_day is not None:
        latest_rating = {
            "registry": latest["registry"], "rating": latest["rating"],
            "date": latest.get("date"), "year": latest.get("year"),
            "counted_as": latest_day.isoformat(),
        }
    if latest_day is not None and latest_day > reviewed:
        start, due_from = latest_day, "rating"
    else:
        start, due_from = reviewed, "reviewed"
    newer: list[dict[str, Any]] = []
    undated: list[str] = []
    for key, study in sorted(evidence.get("studies", {}).items()):
        year, source = study_year(study)
        if year is None:
            undated.append(key)
        elif latest_day is not None and year > latest_day.year:
            newer.append({"study": key, "year": year, "year_from": source})
    return Freshness(reviewed, add_years(start, REVIEW_CYCLE_YEARS), due_from, latest_rating,
                     newer, undated)
