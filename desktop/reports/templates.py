"""The page frame of every report: A4 (portrait or landscape), a header with the hospital's name,
a logo placeholder and the report's title, a footer with the print date and "page x / y".

Long tables are cut into one table per page here (``paged_tables``): ReportLab splitting a
single ``Table`` across hundreds of pages is quadratic, and a page that starts with its own
header row reads better anyway.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Table
from reportlab.platypus.tables import TableStyle

from desktop.reports import styles
from desktop.reports.cell_styles import split_commands
from desktop.reports.letterhead import Letterhead
from desktop.reports.wording import printed_on

MARGIN = 14 * mm
HEADER_HEIGHT = 19 * mm
FOOTER_HEIGHT = 9 * mm
LOGO_SIZE = 12 * mm
CONFIDENTIAL = "Document confidentiel : données personnelles de santé"


@dataclass
class Rendered:
    """A built PDF and what the build saw (tests check the layout with it)."""

    pdf: bytes
    pages: int
    tables_per_page: dict[int, int] = field(default_factory=dict)


class SetHeader(Flowable):
    """Zero-size marker: the pages from here on carry this title and subtitle in their header."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.title, self.subtitle = title, subtitle

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self) -> None:
        pass


class TextLines(Flowable):
    """Lines already cut to width, each with its own weight and colour: a table cell that costs
    almost nothing to lay out (``Paragraph`` would parse markup for every row)."""

    def __init__(self, lines: Sequence[tuple[str, bool, object]], size: float = 8) -> None:
        super().__init__()
        self.lines, self.size = lines, size
        self.leading = size * 1.25

    def wrap(self, avail_width, avail_height):
        return avail_width, self.leading * len(self.lines)

    def draw(self) -> None:
        canvas = self.canv
        y = self.leading * (len(self.lines) - 1) + (self.leading - self.size) / 2 + 1
        for text, bold, colour in self.lines:
            canvas.setFillColor(colour or styles.INK)
            canvas.setFont(styles.FONT_BOLD if bold else styles.FONT, self.size)
            canvas.drawString(0, y, text)
            y -= self.leading


class PlainText(Flowable):
    """Text in a paragraph style without markup (nothing to parse), cut to at most
    ``max_lines`` lines of the frame's width, the last one ending with "…" when it must."""

    def __init__(self, text: str, style, max_lines: int = 1) -> None:
        super().__init__()
        self.text, self.style, self.max_lines = text, style, max_lines
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines: list[str] = []

    def wrap(self, avail_width, avail_height):
        bold = self.style.fontName == styles.FONT_BOLD
        self._lines = styles.fit_lines(
            self.text, avail_width, self.style.fontSize, self.max_lines, bold
        )
        return avail_width, self.style.leading * max(1, len(self._lines))

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = style.leading * max(1, len(self._lines)) - style.fontSize
        for line in self._lines:
            canvas.drawString(0, y, line)
            y -= style.leading


def _footer_canvas(letterhead: Letterhead, pagesize):
    """A canvas class that holds pages back until the end, to write "page x / y" on each."""

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_footer(self, letterhead, pagesize, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return FooterCanvas


def draw_footer(canvas: Canvas, letterhead: Letterhead, pagesize, number: int, total: int):
    """The print date, the confidentiality notice and "page x / y" at the bottom of a page."""
    width = pagesize[0]
    y = MARGIN - 2 * mm
    canvas.setStrokeColor(styles.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 9, width - MARGIN, y + 9)
    canvas.setFont(styles.FONT, 7.5)
    canvas.setFillColor(styles.MUTED)
    canvas.drawString(MARGIN, y, printed_on(letterhead.printed_at))
    if letterhead.confidential:
        canvas.drawCentredString(width / 2, y, CONFIDENTIAL)
    canvas.setFont(styles.FONT_BOLD, 8)
    canvas.setFillColor(styles.INK)
    canvas.drawRightString(width - MARGIN, y, f"page {number} / {total}")


def _logo_letters(name: str) -> str:
    """ "Hôpital Saint-Antoine" -> "HSA": the placeholder of the hospital's logo."""
    small = {"de", "du", "des", "la", "le", "les", "d", "l", "et"}
    words = [w for w in name.replace("-", " ").replace("'", " ").split() if w]
    letters = "".join(w[0].upper() for w in words if w.lower() not in small)
    return (letters or "H")[:3]


class ReportDocument(BaseDocTemplate):
    """A4 pages with the letterhead on top and the footer at the bottom."""

    def __init__(
        self,
        out,
        letterhead: Letterhead,
        title: str,
        subtitle: str = "",
        *,
        wide: bool = False,
        invariant: bool = False,
    ) -> None:
        pagesize = landscape(A4) if wide else A4
        super().__init__(
            out,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN + FOOTER_HEIGHT,
            title=f"{title} — {subtitle}" if subtitle else title,
            author=letterhead.hospital,
            creator="Créneau",
            subject=subtitle,
            lang="fr-FR",
            invariant=1 if invariant else 0,
        )
        self.letterhead = letterhead
        self.header = (title, subtitle)
        self.tables_per_page: dict[int, int] = {}
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._draw_header)])

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, SetHeader):
            self.header = (flowable.title, flowable.subtitle)
        elif isinstance(flowable, Table):
            page = self.page
            self.tables_per_page[page] = self.tables_per_page.get(page, 0) + 1

    def _draw_header(self, canvas: Canvas, doc) -> None:
        draw_header(canvas, self.letterhead, self.pagesize, *self.header)


def draw_header(canvas: Canvas, letterhead: Letterhead, pagesize, title: str, subtitle: str):
    """The logo placeholder, the hospital and its site on the left; the title on the right."""
    width, height = pagesize
    top = height - MARGIN
    canvas.saveState()
    canvas.setFillColor(styles.ACCENT_PALE)
    canvas.setStrokeColor(styles.ACCENT)
    canvas.setLineWidth(0.8)
    canvas.roundRect(MARGIN, top - LOGO_SIZE, LOGO_SIZE, LOGO_SIZE, 2 * mm, fill=1)
    canvas.setFillColor(styles.ACCENT)
    canvas.setFont(styles.FONT_BOLD, 10)
    canvas.drawCentredString(
        MARGIN + LOGO_SIZE / 2, top - LOGO_SIZE / 2 - 3.5, _logo_letters(letterhead.hospital)
    )
    left = MARGIN + LOGO_SIZE + 3 * mm
    half = (width - 2 * MARGIN) / 2
    canvas.setFillColor(styles.INK)
    canvas.setFont(styles.FONT_BOLD, 11)
    canvas.drawString(left, top - 11, styles.ellipsis(letterhead.hospital, half, 11, True))
    canvas.setFont(styles.FONT, 7.5)
    canvas.setFillColor(styles.MUTED)
    lines = [letterhead.site, letterhead.address]
    if letterhead.phone:
        lines.append(f"Tél. {letterhead.phone}")
    y = top - 21
    for line in (x for x in lines if x):
        canvas.drawString(left, y, styles.ellipsis(line, half - LOGO_SIZE, 7.5))
        y -= 9
    right = width - MARGIN
    canvas.setFont(styles.FONT_BOLD, 10.5)
    canvas.setFillColor(styles.ACCENT)
    canvas.drawRightString(right, top - 11, styles.ellipsis(title, half - 10, 10.5, True))
    canvas.setFont(styles.FONT, 8.5)
    canvas.setFillColor(styles.INK)
    canvas.drawRightString(right, top - 23, styles.ellipsis(subtitle, half - 10, 8.5))
    canvas.setStrokeColor(styles.RULE)
    canvas.setLineWidth(0.6)
    rule = top - HEADER_HEIGHT + 3 * mm
    canvas.line(MARGIN, rule, right, rule)
    canvas.restoreState()


def render(
    story: list,
    letterhead: Letterhead,
    title: str,
    subtitle: str = "",
    *,
    wide: bool = False,
    invariant: bool = False,
) -> Rendered:
    """Build the story into a PDF; ``invariant`` makes the bytes depend on the content only."""
    styles.register_fonts()
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, letterhead, title, subtitle, wide=wide, invariant=invariant)
    doc.build(story, canvasmaker=_footer_canvas(letterhead, doc.pagesize))
    return Rendered(buffer.getvalue(), doc.page, dict(doc.tables_per_page))


def frame_size(wide: bool = False) -> tuple[float, float]:
    """Width and height of the body of a page."""
    width, height = landscape(A4) if wide else A4
    return (
        width - 2 * MARGIN,
        height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT,
    )


def height_of(flowables: Sequence[Flowable], width: float) -> float:
    """The height a list of flowables takes in a frame of ``width`` (spaces included)."""
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


@dataclass
class Row:
    """One table row: its cells, its height, and style commands for this row only, written
    with columns alone, e.g. ``("BACKGROUND", 0, -1, colour)`` or ``("SPAN", 1, -1)``."""

    cells: list
    height: float
    style: tuple = ()
    # The group heading this row belongs to, repeated above it when a page starts with it.
    heading: Row | None = None


BASE_TABLE_STYLE = (
    ("FONT", (0, 0), (-1, -1), styles.FONT, 8),
    ("TEXTCOLOR", (0, 0), (-1, -1), styles.INK),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ("FONT", (0, 0), (-1, 0), styles.FONT_BOLD, 7.5),
    ("TEXTCOLOR", (0, 0), (-1, 0), styles.ACCENT),
    ("BACKGROUND", (0, 0), (-1, 0), styles.ACCENT_PALE),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
    ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.RULE),
)


def paged_tables(
    header: Row,
    rows: Sequence[Row],
    col_widths: Sequence[float],
    *,
    first_avail: float,
    page_avail: float,
    extra_style: Sequence[tuple] = (),
    before_each: Callable[[int], list] | None = None,
) -> list:
    """Rows cut into tables that each fit a page (each starts with ``header``), separated by
    page breaks. ``first_avail``: the height left on the current page for the first table;
    ``before_each(n)``: flowables put above the n-th table after the first (a "suite" title)."""
    story: list = []
    chunks = _chunks(rows, header.height, first_avail, page_avail, before_each, col_widths)
    for n, chunk in enumerate(chunks):
        if n:
            story.append(PageBreak())
            if before_each is not None:
                story.extend(before_each(n))
        story.append(_table(header, chunk, col_widths, extra_style))
    return story


def _chunks(rows, header_height, first_avail, page_avail, before_each, col_widths):
    width = sum(col_widths)
    chunks: list[list[Row]] = [[]]
    room = first_avail - header_height
    for row in rows:
        if row.height > room and chunks[-1]:
            chunks.append([])
            above = height_of(before_each(len(chunks) - 1), width) if before_each else 0
            room = page_avail - header_height - above
            if row.heading is not None:
                chunks[-1].append(row.heading)
                room -= row.heading.height
        chunks[-1].append(row)
        room -= row.height
    return chunks


def _table(header: Row, rows: Sequence[Row], col_widths, extra_style) -> Table:
    data = [header.cells] + [r.cells for r in rows]
    commands = list(BASE_TABLE_STYLE) + list(extra_style)
    for i, row in enumerate([header, *rows]):
        for command in row.style:
            name, first, last, *args = command
            commands.append((name, (first, i), (last, i), *args))
    cell_styles, others = split_commands(commands, len(data), len(col_widths))
    table = Table(
        data,
        colWidths=list(col_widths),
        rowHeights=[header.height] + [r.height for r in rows],
        repeatRows=1,
        hAlign="LEFT",
        cellStyles=cell_styles,
    )
    table.setStyle(TableStyle(others))
    return table
