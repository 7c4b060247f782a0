"""Fonts, colours and paragraph and table styles of every report — kept apart from the content.

The fonts are DejaVu Sans (regular and bold) from ``resources/fonts``, embedded in each PDF: the
14 standard PDF fonts know nothing beyond Latin-1, and a hospital prints "Łukasz", "Nguyễn Thị"
and "Ørsted" every day.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

# Colours: a sober blue for titles and table heads, greys for lines, pale tints for row kinds.
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4f7a")
ACCENT_PALE = colors.HexColor("#e4edf6")
RULE = colors.HexColor("#bcc6d1")
ZEBRA = colors.HexColor("#f5f7fa")
FREE = colors.HexColor("#e9f5ec")
FREE_INK = colors.HexColor("#2f6b43")
ABSENT = colors.HexColor("#eceff2")
ALERT = colors.HexColor("#b03a2e")
CHART_OFFERED = colors.HexColor("#a9c3dc")
CHART_BOOKED = colors.HexColor("#1d4f7a")
CHANNEL_COLOURS = (
    colors.HexColor("#1d4f7a"),
    colors.HexColor("#4f9d8a"),
    colors.HexColor("#e0a33b"),
    colors.HexColor("#9a6fb0"),
)

_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans with ReportLab once per process (``<b>`` maps to the bold face)."""
    global _registered
    if _registered:
        return
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


def _style(name: str, size: float, *, bold: bool = False, **extra) -> ParagraphStyle:
    options = {"fontName": FONT_BOLD if bold else FONT, "fontSize": size, "leading": size * 1.25}
    options.setdefault("textColor", INK)
    options.update(extra)
    return ParagraphStyle(name, **options)


TITLE = _style("title", 15, bold=True, textColor=ACCENT, spaceAfter=2)
SUBTITLE = _style("subtitle", 10, textColor=MUTED, spaceAfter=8)
HEADING = _style("heading", 11, bold=True, textColor=ACCENT, spaceBefore=8, spaceAfter=4)
BODY = _style("body", 9.5, leading=13)
BODY_RIGHT = _style("bodyRight", 9.5, leading=13, alignment=TA_RIGHT)
SMALL = _style("small", 7.5, textColor=MUTED)
NOTE = _style("note", 8, textColor=MUTED, spaceBefore=4)
CELL = _style("cell", 8, alignment=TA_LEFT)
CELL_BOLD = _style("cellBold", 8, bold=True)
CELL_CENTER = _style("cellCenter", 8, alignment=TA_CENTER)
BANNER = _style("banner", 10, bold=True, textColor=ALERT, spaceBefore=6, spaceAfter=6)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of ``text`` in points."""
    if not _registered:
        register_fonts()
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def fit_lines(
    text: str, width: float, size: float, max_lines: int = 1, bold: bool = False
) -> list[str]:
    """``text`` cut into at most ``max_lines`` lines that fit ``width``; what does not fit ends
    with "…". Words are kept whole unless one alone is wider than a line."""
    words = " ".join(text.split()).split(" ") if text.strip() else []
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, bold) > width and len(current) > 1:
            cut = _longest_prefix(current, width, size, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = ellipsis(kept[-1] + " " + lines[max_lines], width, size, bold)
    return kept


def ellipsis(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` shortened with "…" until it fits ``width``."""
    if text_width(text, size, bold) <= width:
        return text
    cut = _longest_prefix(text + "…", width - text_width("…", size, bold), size, bold)
    return text[:cut].rstrip() + "…"


def _longest_prefix(text: str, width: float, size: float, bold: bool) -> int:
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(text[:mid], size, bold) <= width:
            low = mid
        else:
            high = mid - 1
    return low


# Paragraphs look their fonts up when they are made: the fonts must be known before any report.
register_fonts()
