"""The monitor: years of pupil-survey results and the interventions in use in; per indicator
the trend, what was expected to move and whether it did, a chart, and a public summary out.

Reads the catalogue only through the match's cached index (names and effect verdicts) and
the catalogue context (vocabularies); deterministic for the same request.
"""

from __future__ import annotations

from pathlib import Path

from ..match.index import MatchIndex, match_index
from ..match.service import validation_context
from ..services.catalogue_context import CatalogueContext, catalogue_context
from ..services.presenters import concern_name
from ..texts import Texts
from . import chart
from .expectations import Expectation, expectations, expected_from, moved_as_expected
from .models import (
    Expected,
    IndicatorReport,
    InterventionInUse,
    MonitorMeta,
    MonitorReport,
    MonitorRequest,
    Point,
    Summary,
    parse_request,
)
from .trends import Series, change_per_year, direction, position, series_of


def monitor(db_path: Path, body: bytes | str) -> MonitorReport:
    """Validate the request against the loaded catalogue, then report."""
    context = catalogue_context(db_path)
    index = match_index(db_path)
    request = parse_request(body, validation_context(index, context))
    return report(request, index, context)


def report(request: MonitorRequest, index: MatchIndex,
           context: CatalogueContext) -> MonitorReport:
    texts = Texts(request.lang, context.vocabularies, context.evidence_scale)
    all_series = series_of(request.surveys)
    indicators = [indicator_report(series, request.interventions, index, context, texts)
                  for series in all_series]
    return MonitorReport(lang=request.lang, indicators=indicators,
                         summary=summary(request, all_series, index, texts),
                         meta=MonitorMeta(catalogue_version=context.version))


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def subject(series: Series, texts: Texts) -> str:
    """'het aandeel gepeste leerlingen in groep 5–8', 'het aandeel leerlingen van 8 tot
    12 jaar dat zich niet veilig voelt': to begin a sentence with."""
    result = series.first[1]
    if result.school_years is not None:
        pupils = texts.say("monitor.pupils.school_years", group=result.school_years.label())
    elif result.ages is not None:
        pupils = texts.say("monitor.pupils.ages", min=result.ages.min, max=result.ages.max)
    else:
        pupils = texts.say("monitor.pupils")
    return texts.say("monitor.subject." + series.indicator, pupils=pupils)


def trend_sentences(series: Series, texts: Texts) -> list[str]:
    """How the share developed, and where the latest stands against its reference."""
    said = subject(series, texts)
    (first_year, first), (last_year, last) = series.first, series.last
    change = change_per_year(series.since(None))
    if change is None:
        sentences = [texts.say("monitor.trend.one_year", subject=_capital(said),
                               share=texts.pct(last.share), year=last_year)]
    else:
        sentences = [texts.say("monitor.trend." + direction(change), subject=_capital(said),
                               first=texts.pct(first.share), first_year=first_year,
                               last=texts.pct(last.share), last_year=last_year,
                               change=texts.number(abs(change) * 100, 1))]
    versus = position(last.share, last.reference)
    if versus is not None and last.reference is not None:
        sentences.append(texts.say("monitor.reference." + versus,
                                   reference=texts.pct(last.reference)))
    return sentences


def _named(expected: list[Expectation], texts: Texts) -> str:
    return texts.join([texts.say("monitor.since", name=e.name, year=e.since)
                       if e.since is not None else e.name for e in expected])


def expectation_sentences(series: Series, expected: list[Expectation],
                          context: CatalogueContext, texts: Texts) -> list[str]:
    """What research says about the programmes in use on this concern, and whether the
    figures moved that way; never that a programme caused it."""
    if not expected:
        return []
    concern = concern_name(expected[0].concern, context, texts.lang)
    working = [e for e in expected if e.shown_to_work]
    sentences = []
    if working:
        if len(working) > 1:
            said = texts.say("monitor.expect.many", names=_named(working, texts),
                             concern=concern)
        elif working[0].since is not None:
            said = texts.say("monitor.expect.one_since", name=working[0].name,
                             year=working[0].since, concern=concern)
        else:
            said = texts.say("monitor.expect.one", name=working[0].name, concern=concern)
        moved = moved_as_expected(series, expected)
        start = expected_from(expected)
        if moved is None:
            sentences.append(texts.say("monitor.moved.later", expectation=said))
        elif moved == "unclear" and start is not None and len(series.since(start)) < 2:
            sentences.append(texts.say("monitor.moved.too_early", expectation=said, year=start))
        else:
            sentences.append(texts.say("monitor.moved." + moved, expectation=said))
        names = texts.join([e.name for e in working])
        if moved == "yes":
            sentences.append(texts.say("monitor.cause.yes", names=names))
        elif moved == "no":
            sentences.append(texts.say("monitor.cause.no"))
    for verdict in ("mixed", "no_effect", "negative"):
        these = [e for e in expected if e.verdict == verdict]
        if these:
            sentences.append(texts.say("monitor.other." + verdict,
                                       names=texts.join([e.name for e in these]),
                                       concern=concern))
    if all(e.verdict == "not_studied" for e in expected):
        sentences.append(texts.say("monitor.other.not_studied", concern=concern))
    return sentences


def _chart_id(series: Series) -> str:
    parts = [series.indicator, *(str(part) for part in series.group)]
    return "monitor-" + "-".join(parts).replace("_", "-")


def _chart(series: Series, points: list[Point], texts: Texts) -> str:
    years = (str(points[0].year) if len(points) == 1
             else f"{points[0].year}–{points[-1].year}")
    described = [texts.say("monitor.chart.point_reference", year=p.year,
                           share=texts.pct(p.share), reference=texts.pct(p.reference))
                 if p.reference is not None else
                 texts.say("monitor.chart.point", year=p.year, share=texts.pct(p.share))
                 for p in points]
    return chart.render(points, chart_id=_chart_id(series),
                        title=texts.say("monitor.chart.title",
                                        subject=_capital(subject(series, texts)), years=years),
                        desc="; ".join(described) + ".", texts=texts)


def indicator_report(series: Series, interventions: list[InterventionInUse],
                     index: MatchIndex, context: CatalogueContext,
                     texts: Texts) -> IndicatorReport:
    points = [Point(year=year, share=r.share, reference=r.reference,
                    respondents=r.respondents) for year, r in series.results]
    change = change_per_year(series.since(None))
    last = series.last[1]
    expected = expectations(series.indicator, interventions, index)
    concern_label = concern_name(expected[0].concern, context, texts.lang) if expected else ""
    return IndicatorReport(
        indicator=series.indicator,
        label=texts.say("monitor.label." + series.indicator),
        group=last.group_label(texts.lang),
        points=points,
        change_per_year=None if change is None else round(change, 4),
        versus_reference=position(last.share, last.reference),
        expected=[Expected(id=e.id, name=e.name, since=e.since, concern=e.concern,
                           verdict=e.verdict,
                           label=texts.say("verdict." + e.verdict, concern=concern_label))
                  for e in expected],
        moved_as_expected=moved_as_expected(series, expected),
        text=trend_sentences(series, texts)
        + expectation_sentences(series, expected, context, texts),
        svg=_chart(series, points, texts),
    )


def summary(request: MonitorRequest, all_series: list[Series], index: MatchIndex,
            texts: Texts) -> Summary:
    """For the school's public page: its programmes since when, how each indicator went."""
    paragraphs = []
    if request.interventions:
        names = texts.join([
            texts.say("monitor.since", name=index.by_id[item.id].name, year=item.since)
            if item.since is not None else index.by_id[item.id].name
            for item in request.interventions])
        paragraphs.append(texts.say("monitor.summary.programmes", items=names))
    years = texts.join([str(year) for year in sorted(s.year for s in request.surveys)])
    sources = list(dict.fromkeys(s.source for s in sorted(request.surveys, key=lambda s: s.year)
                                 if s.source))
    if sources:
        paragraphs.append(texts.say("monitor.summary.survey_source", years=years,
                                    sources=texts.join(sources)))
    else:
        paragraphs.append(texts.say("monitor.summary.survey", years=years))
    for series in all_series:
        paragraphs.append(" ".join(trend_sentences(series, texts)))
    paragraphs.append(texts.say("monitor.summary.caution"))
    return Summary(heading=texts.say("monitor.summary.heading"), paragraphs=paragraphs)
