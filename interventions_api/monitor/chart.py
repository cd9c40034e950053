"""One SVG line chart per indicator: the survey years across, the school's share as a line
with its points, the reference as a dashed line where one was given.

Standalone (no external assets, no script), accessible (``role="img"`` labelled by its
``<title>`` and ``<desc>``, which reads every value), scalable (a viewBox and no fixed
size) and deterministic: the same figures give the same bytes, so documents and tests can
compare it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..texts import Texts
from .models import Point

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 40, 32
INSET = 28  # keeps the first and last year off the axes
# The project's colours (web/reference/page.css): accent for the school, muted for the
# reference, a light grid that does not compete with the lines.
SCHOOL, REFERENCE, GRID, INK = "#0b5cad", "#545454", "#dddddd", "#1a1a1a"
# Axis steps in shares; the smallest that needs at most five gridlines is used.
STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25)


def _n(value: float) -> str:
    return f"{value:.1f}"


def axis_top(values: Sequence[float]) -> tuple[float, float]:
    """The top of the y axis and its step: a round share at or above every value."""
    high = max([*values, 0.01])
    step = next((s for s in STEPS if high / s <= 5), 0.25)
    return min(1.0, step * math.ceil(round(high / step, 6))), step


def render(points: Sequence[Point], *, chart_id: str, title: str, desc: str,
           texts: Texts) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    years = [p.year for p in points]
    references = [p for p in points if p.reference is not None]
    top, step = axis_top([p.share for p in points] + [p.reference or 0.0 for p in references])

    def x(year: int) -> float:
        if years[0] == years[-1]:
            return LEFT + plot_w / 2
        return LEFT + INSET + (year - years[0]) / (years[-1] - years[0]) * (plot_w - 2 * INSET)

    def y(share: float) -> float:
        return TOP + plot_h - share / top * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{INK}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i in range(round(top / step) + 1):
        value = i * step
        out.append(f'<line x1="{LEFT}" y1="{_n(y(value))}" x2="{WIDTH - RIGHT}" '
                   f'y2="{_n(y(value))}" stroke="{GRID}"/>')
        out.append(f'<text x="{LEFT - 8}" y="{_n(y(value) + 4)}" text-anchor="end">'
                   f'{escape(texts.pct(value))}</text>')
    for year in years:
        out.append(f'<text x="{_n(x(year))}" y="{HEIGHT - BOTTOM + 20}" '
                   f'text-anchor="middle">{year}</text>')

    # The legend, above the plot.
    out.append(f'<line x1="{LEFT}" y1="16" x2="{LEFT + 24}" y2="16" stroke="{SCHOOL}" '
               f'stroke-width="2.5"/>')
    out.append(f'<text x="{LEFT + 30}" y="20">{escape(texts.say("monitor.chart.school"))}</text>')
    if references:
        legend_x = LEFT + 150
        out.append(f'<line x1="{legend_x}" y1="16" x2="{legend_x + 24}" y2="16" '
                   f'stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{legend_x + 30}" y="20">'
                   f'{escape(texts.say("monitor.chart.reference"))}</text>')

    if len(references) == 1:  # one year's reference: a short dash at that year
        only = references[0]
        ref_y = _n(y(only.reference or 0.0))
        out.append(f'<line class="reference" x1="{_n(x(only.year) - 24)}" y1="{ref_y}" '
                   f'x2="{_n(x(only.year) + 24)}" y2="{ref_y}" stroke="{REFERENCE}" '
                   f'stroke-width="2" stroke-dasharray="6 4"/>')
    elif references:
        line = " ".join(f"{_n(x(p.year))},{_n(y(p.reference or 0.0))}" for p in references)
        out.append(f'<polyline class="reference" points={quoteattr(line)} fill="none" '
                   f'stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>')

    if len(points) > 1:
        line = " ".join(f"{_n(x(p.year))},{_n(y(p.share))}" for p in points)
        out.append(f'<polyline class="school" points={quoteattr(line)} fill="none" '
                   f'stroke="{SCHOOL}" stroke-width="2.5"/>')
    for p in points:
        out.append(f'<circle class="point" cx="{_n(x(p.year))}" cy="{_n(y(p.share))}" r="4" '
                   f'fill="{SCHOOL}"/>')
        out.append(f'<text x="{_n(x(p.year))}" y="{_n(y(p.share) - 9)}" text-anchor="middle" '
                   f'font-weight="bold">{escape(texts.pct(p.share))}</text>')
    out.append("</svg>")
    return "".join(out)
