"""The two charts of the activity report, drawn with ReportLab's graphics: hours offered and
booked by week (bars), and the channels the month's appointments came through (a pie, with the
previous month's shares in its legend)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.domain.activity import ActivityFigures
from desktop.domain.model import Channel
from desktop.reports import styles
from desktop.reports.wording import CHANNEL_LABELS, number, percent

HEIGHT = 200


def charts(figures: ActivityFigures, width: float) -> Drawing:
    """Both charts side by side in one drawing of ``width``."""
    drawing = Drawing(width, HEIGHT)
    bars_width = width * 0.56
    _weekly_bars(drawing, figures, 0, bars_width)
    _channel_pie(drawing, figures, bars_width + 20, width - bars_width - 20)
    return drawing


def _title(drawing: Drawing, x: float, text: str) -> None:
    drawing.add(
        String(x, HEIGHT - 10, text, fontName=styles.FONT_BOLD, fontSize=9, fillColor=styles.ACCENT)
    )


def _weekly_bars(drawing: Drawing, figures: ActivityFigures, x: float, width: float) -> None:
    _title(drawing, x, "Heures offertes et réservées, par semaine")
    chart = VerticalBarChart()
    chart.x, chart.y = x + 32, 42
    chart.width, chart.height = width - 40, HEIGHT - 72
    offered = [round(w.offered_min / 60, 1) for w in figures.weeks] or [0]
    booked = [round(w.booked_min / 60, 1) for w in figures.weeks] or [0]
    chart.data = [offered, booked]
    chart.categoryAxis.categoryNames = [w.label for w in figures.weeks] or ["—"]
    chart.categoryAxis.labels.fontName = styles.FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.labels.fontName = styles.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: number(v)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars[0].fillColor = styles.CHART_OFFERED
    chart.bars[1].fillColor = styles.CHART_BOOKED
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 8
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = x + 32, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = styles.FONT
    legend.fontSize = 7.5
    legend.deltax = 90
    legend.colorNamePairs = [
        (styles.CHART_OFFERED, "heures offertes"),
        (styles.CHART_BOOKED, "heures réservées"),
    ]
    drawing.add(legend)


def _channel_pie(drawing: Drawing, figures: ActivityFigures, x: float, width: float) -> None:
    _title(drawing, x, "Canaux de prise de rendez-vous")
    counts = [figures.channels.get(c, 0) for c in Channel]
    before = [figures.previous_channels.get(c, 0) for c in Channel]
    total, total_before = sum(counts), sum(before)
    if not total:
        drawing.add(
            String(x, HEIGHT / 2, "Aucun rendez-vous ce mois-ci.", fontName=styles.FONT,
                   fontSize=8, fillColor=styles.MUTED)
        )  # fmt: skip
        return
    pie = Pie()
    size = min(width * 0.42, HEIGHT - 60)
    pie.x, pie.y = x, (HEIGHT - 20 - size) / 2
    pie.width = pie.height = size
    pie.data = [max(n, 0) for n in counts]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.5
    for i, colour in enumerate(styles.CHANNEL_COLOURS):
        pie.slices[i].fillColor = colour
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = x + size + 14, pie.y + size - 4
    legend.alignment = "right"
    legend.fontName = styles.FONT
    legend.fontSize = 7.5
    legend.dy = 8
    legend.deltay = 22
    legend.columnMaximum = 4
    pairs = []
    for i, channel in enumerate(Channel):
        share = percent(counts[i] / total, 0)
        previous = percent(before[i] / total_before, 0) if total_before else "—"
        label = (
            f"{CHANNEL_LABELS[channel]} : {share}\n{number(counts[i])} rdv (mois préc. {previous})"
        )
        pairs.append((styles.CHANNEL_COLOURS[i], label))
    legend.colorNamePairs = pairs
    drawing.add(legend)
