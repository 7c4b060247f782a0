"""The monthly activity report: key figures beside the month before, two charts (hours offered
and booked by week, the channels bookings came through), then the tables by department, by
practitioner, the delay to the third next available slot of each visit reason, and the no-shows
(« lapins ») by practitioner, visit reason and SMS received.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from desktop.domain.activity import ActivityFigures, ActivityLine, Tally, previous_month
from desktop.domain.reminders import NoShowRate
from desktop.reports import styles
from desktop.reports.activity_charts import charts
from desktop.reports.templates import (
    BASE_TABLE_STYLE,
    Letterhead,
    Row,
    SetHeader,
    frame_size,
    height_of,
    paged_tables,
    render,
)
from desktop.reports.wording import (
    date_text,
    days,
    delay,
    hours,
    month_title,
    number,
    percent,
    signed,
    table_hours,
)

TITLE = "Rapport d'activité"
ROW = 15
GROUP_ROW = 15
HEADER_ROW = 24
DEFINITIONS = (
    "Temps offert : plages horaires ouvertes du mois, absences déduites. Temps réservé : "
    "rendez-vous non annulés (surbookings compris : l'occupation peut dépasser 100 %). "
    "Taux de lapins : absents / rendez-vous non annulés. Annulations tardives : annulés moins "
    "de 48 h avant l'heure / tous les rendez-vous. Délai de prise de rendez-vous : de la "
    "réservation au rendez-vous (médiane). Troisième créneau disponible : délai, vu du 1er du "
    "mois à minuit, jusqu'au troisième créneau libre du motif (au-delà de 90 jours : « > 90 j »). "
    "Lapins par SMS reçu : le rappel envoyé avant le rendez-vous, sinon la confirmation seule, "
    "sinon aucun SMS."
)
NO_SHOW_GROUPS = (
    ("by_practitioner", "Par praticien"),
    ("by_visit_reason", "Par motif"),
    ("by_reminder", "Par SMS reçu avant le rendez-vous"),
)


def activity_pdf(
    figures: ActivityFigures, letterhead: Letterhead, *, invariant: bool = False
) -> bytes:
    """The activity report as PDF bytes."""
    subtitle = f"{figures.scope} — {month_title(figures.month)}"
    story = activity_story(figures)
    return render(story, letterhead, TITLE, subtitle, invariant=invariant).pdf


def activity_story(figures: ActivityFigures) -> list:
    width, page_height = frame_size()
    month, before = month_title(figures.month), month_title(previous_month(figures.month))
    story: list = [
        SetHeader(TITLE, f"{figures.scope} — {month}"),
        Paragraph(escape(f"{TITLE} — {month}"), styles.TITLE),
        Paragraph(escape(f"{figures.scope} · comparaison avec {before}"), styles.SUBTITLE),
        _key_figures(figures, width),
        Spacer(1, 10),
        charts(figures, width),
        Paragraph(escape(DEFINITIONS), styles.NOTE),
    ]
    sections = [
        ("Activité par service", _department_section(figures, width)),
        ("Activité par praticien", _practitioner_section(figures, width)),
        (
            f"Troisième créneau disponible au {date_text(figures.month)}",
            _third_section(figures, width),
        ),
        ("Absences (lapins)", _no_show_section(figures, width)),
    ]
    right = [("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    aligns = (right, right, [("ALIGN", (2, 0), (2, -1), "RIGHT")], right)
    left = 0.0  # height left on the current page; the first section opens a new one
    for (title, (header, rows, widths)), align in zip(sections, aligns, strict=True):
        if not rows:
            continue
        heading = [Paragraph(escape(title), styles.HEADING)]
        room = page_height - height_of(heading, width) - 2
        # A short section follows the previous one when a header and a few rows still fit.
        if left - height_of(heading, width) < header.height + 5 * ROW:
            story.append(PageBreak())
            left = page_height
        story += heading
        tables = paged_tables(
            header,
            rows,
            widths,
            first_avail=left - height_of(heading, width) - 2,
            page_avail=room,
            extra_style=[*align, ("FONTSIZE", (0, 1), (-1, -1), 7.5)],
            before_each=lambda _n, title=title: [
                Paragraph(escape(f"{title} (suite)"), styles.HEADING)
            ],
        )
        story += tables
        # The last table starts the page after the last break, under its "(suite)" heading.
        base = page_height if any(isinstance(f, PageBreak) for f in tables) else left
        left = base - height_of(heading, width) - sum(tables[-1]._argH) - 12
        story.append(Spacer(1, 12))
    return story


def _key_figures(figures: ActivityFigures, width: float) -> Table:
    now, then = figures.total.tally, figures.previous.tally
    month, before = month_title(figures.month), month_title(previous_month(figures.month))

    def count(label: str, read) -> tuple[str, str, str, str]:
        a, b = read(now), read(then)
        return label, number(a), number(b), _delta(a, b)

    def rate(label: str, read) -> tuple[str, str, str, str]:
        a, b = read(now), read(then)
        return label, percent(a), percent(b), _points(a, b)

    lead_now, lead_then = figures.total.median_lead_days, figures.previous.median_lead_days
    lines = [
        ("Temps offert", hours(now.offered_min), hours(then.offered_min),
         _delta(now.offered_min / 60, then.offered_min / 60, 1, " h")),
        ("Temps réservé", hours(now.booked_min), hours(then.booked_min),
         _delta(now.booked_min / 60, then.booked_min / 60, 1, " h")),
        rate("Taux d'occupation", lambda t: t.occupancy),
        count("Rendez-vous (annulés compris)", lambda t: t.appointments),
        count("Honorés (vus ou arrivés)", lambda t: t.seen + t.arrived),
        count("Réservés ou confirmés, non encore pointés", lambda t: t.pending),
        count("Annulés par le patient", lambda t: t.cancelled_patient),
        count("Annulés par l'hôpital", lambda t: t.cancelled_hospital),
        count("Annulés, origine non renseignée", lambda t: t.cancelled_unknown),
        count("Absents (lapins)", lambda t: t.no_show),
        rate("Taux de lapins", lambda t: t.no_show_rate),
        rate("Taux d'annulation tardive (< 48 h)", lambda t: t.late_cancel_rate),
        ("Délai médian de prise de rendez-vous", days(lead_now), days(lead_then),
         _delta_days(lead_now, lead_then)),
    ]  # fmt: skip
    data = [["Indicateur", month, before, "Évolution"], *[list(x) for x in lines]]
    widths = [width - 2 * 78 - 150, 78, 78, 150]
    table = Table(data, colWidths=widths, rowHeights=[18] + [16] * len(lines), hAlign="LEFT")
    table.setStyle(
        [
            *BASE_TABLE_STYLE,
            ("FONTSIZE", (0, 1), (-1, -1), 8.5),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("FONT", (1, 1), (1, -1), styles.FONT_BOLD, 8.5),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, styles.ZEBRA]),
        ]
    )
    return table


def _delta(now: float, then: float, decimals: int = 0, unit: str = "") -> str:
    text = signed(now - then, decimals, unit.replace(" ", "\u00a0"))
    if then and text != "=":
        text += f" ({signed((now - then) / then * 100, 0, chr(160) + '%')})"
    return text


def _points(now: float | None, then: float | None) -> str:
    if now is None or then is None:
        return "—"
    return signed((now - then) * 100, 1, "\u00a0pt")


def _delta_days(now: float | None, then: float | None) -> str:
    if now is None or then is None:
        return "—"
    return signed(now - then, 1, "\u00a0j")


_TALLY_COLUMNS = (
    ("Offert", 44),
    ("Réservé", 44),
    ("Occup.", 34),
    ("RDV", 34),
    ("Vus", 34),
    ("Annulés\npat./hôp.", 46),
    ("Lapins", 32),
    ("Taux\nlapins", 34),
    ("Annul.\n< 48 h", 34),
    ("Délai\nmédian", 36),
    ("Évol.\nRDV", 34),
)


def _tally_cells(line: ActivityLine) -> list[str]:
    t: Tally = line.tally
    evolution = "—"
    if line.previous_appointments is not None:
        evolution = signed(t.appointments - line.previous_appointments)
    return [
        table_hours(t.offered_min),
        table_hours(t.booked_min),
        percent(t.occupancy, 0),
        number(t.appointments),
        number(t.seen + t.arrived),
        f"{number(t.cancelled_patient)}/{number(t.cancelled_hospital)}",
        number(t.no_show),
        percent(t.no_show_rate),
        percent(t.late_cancel_rate),
        days(line.median_lead_days),
        evolution,
    ]


def _tally_table(label: str, width: float):
    fixed = sum(w for _, w in _TALLY_COLUMNS)
    widths = [width - fixed, *(w for _, w in _TALLY_COLUMNS)]
    header = Row(
        [label, *(name for name, _ in _TALLY_COLUMNS)], HEADER_ROW, (("VALIGN", 0, -1, "BOTTOM"),)
    )
    return header, widths


def _department_section(figures: ActivityFigures, width: float):
    header, widths = _tally_table("Service", width)
    rows = [
        Row([styles.ellipsis(d.label, widths[0] - 6, 8), *_tally_cells(d)], ROW)
        for d in figures.departments
    ]
    if rows:
        total = figures.total
        rows.append(
            Row(
                ["Total", *_tally_cells(total)],
                ROW + 2,
                (("FONT", 0, -1, styles.FONT_BOLD, 7.5), ("LINEABOVE", 0, -1, 0.8, styles.ACCENT)),
            )
        )
    return header, rows, widths


def _practitioner_section(figures: ActivityFigures, width: float):
    header, widths = _tally_table("Praticien", width)
    rows: list[Row] = []
    group, continued = None, None
    for line in figures.practitioners:
        if line.group != group:
            group = line.group
            rows.append(_group_row(group, widths))
            continued = _group_row(f"{group} (suite)", widths)
        cells = [styles.ellipsis(line.label, widths[0] - 6, 8), *_tally_cells(line)]
        rows.append(Row(cells, ROW, heading=continued))
    return header, rows, widths


def _group_row(label: str, widths: list[float]) -> Row:
    return Row(
        [styles.ellipsis(label, sum(widths) - 6, 8, True)] + [""] * (len(widths) - 1),
        GROUP_ROW,
        (
            ("SPAN", 0, -1),
            ("BACKGROUND", 0, -1, styles.ZEBRA),
            ("FONT", 0, -1, styles.FONT_BOLD, 8),
            ("TEXTCOLOR", 0, -1, styles.ACCENT),
            ("ALIGN", 0, -1, "LEFT"),
        ),
    )


def _third_section(figures: ActivityFigures, width: float):
    widths = [width - 200 - 80, 200, 80]
    header = Row(["Motif", "Service", "Délai"], HEADER_ROW - 6)
    rows = [
        Row(
            [
                styles.ellipsis(t.label, widths[0] - 6, 8),
                styles.ellipsis(t.department, widths[1] - 6, 8),
                delay(t.days) if t.days is not None else "> 90\u00a0j",
            ],
            ROW,
            (("TEXTCOLOR", 2, 2, styles.ALERT),) if t.days is None or t.days > 30 else (),
        )
        for t in figures.third_available
    ]
    return header, rows, widths


def _no_show_section(figures: ActivityFigures, width: float):
    """The month's no-shows by practitioner, by visit reason and by SMS received: one group of
    rows each (a group continued on the next page repeats its heading)."""
    widths = [width - 3 * 90, 90, 90, 90]
    header = Row(["Regroupement", "RDV non annulés", "Lapins", "Taux de lapins"], HEADER_ROW - 6)
    rows: list[Row] = []
    for attribute, title in NO_SHOW_GROUPS:
        rates: tuple[NoShowRate, ...] = getattr(figures.no_shows, attribute)
        if not rates:
            continue
        rows.append(_group_row(title, widths))
        continued = _group_row(f"{title} (suite)", widths)
        for r in rates:
            cells = [
                styles.ellipsis(r.label, widths[0] - 6, 8),
                number(r.appointments),
                number(r.no_shows),
                percent(r.rate),
            ]
            rows.append(Row(cells, ROW, heading=continued))
    return header, rows, widths
