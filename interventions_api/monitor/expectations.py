"""What the school's interventions were expected to move, and whether the figures did.

An indicator points to a concern (``match/weights.py``: bullied → bullying); each
intervention has an effect verdict per concern, computed at load from its outcome
findings (``effects.py``) and read here from the match's cached index. Only a programme
shown to work on the concern (``positive``) sets an expectation: the share should go down
from the year it came into use. Figures can match or contradict that expectation; they
cannot show that the programme caused it, and the texts say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..match.index import MatchIndex
from ..match.weights import MONITOR_INDICATORS
from .models import InterventionInUse
from .trends import Series, change_per_year, direction

Moved = Literal["yes", "no", "unclear"]
MOVED: dict[str, Moved] = {"down": "yes", "up": "no", "stable": "unclear"}


def indicator_concern(indicator: str) -> str:
    """The concern an indicator points to (the first, where the mapping names several)."""
    return MONITOR_INDICATORS[indicator][0]


@dataclass(frozen=True)
class Expectation:
    id: str
    name: str
    since: int | None
    concern: str
    verdict: str

    @property
    def shown_to_work(self) -> bool:
        return self.verdict == "positive"


def expectations(indicator: str, interventions: list[InterventionInUse],
                 index: MatchIndex) -> list[Expectation]:
    """Every intervention in use, in request order, with its verdict on the indicator's
    concern (``not_studied`` when no finding speaks to it)."""
    concern = indicator_concern(indicator)
    found = []
    for item in interventions:
        entry = index.by_id[item.id]
        verdict = entry.effects.get(concern, {}).get("verdict", "not_studied")
        found.append(Expectation(item.id, entry.name, item.since, concern, verdict))
    return found


def expected_from(expected: list[Expectation]) -> int | None:
    """The first year the share was expected to go down: when the earliest of the
    programmes shown to work came into use; None when one of them has no year (in use
    throughout, as far as the figures go)."""
    years = [e.since for e in expected if e.shown_to_work]
    return None if None in years else min(y for y in years if y is not None)


def moved_as_expected(series: Series, expected: list[Expectation]) -> Moved | None:
    """``yes`` when the share went down from the year the expectation holds, ``no`` when
    it went up, ``unclear`` when it hardly moved or there is one survey since then;
    None when no programme in use was shown to work on the concern, or with one year."""
    if not any(e.shown_to_work for e in expected) or len(series.results) < 2:
        return None
    change = change_per_year(series.since(expected_from(expected)))
    if change is None:
        return "unclear"
    return MOVED[direction(change)]
