"""Cell styles shared between the cells that look alike — a speed-up of ReportLab tables.

``TableStyle`` commands on cells (font, colour, alignment, paddings) are applied cell by cell,
and each cell gets its own ``CellStyle`` object: a hundred pages of tables means hundreds of
thousands of style updates, and a font change before every cell drawn. Here the commands are
resolved per row kind instead: cells with the same settings share one ``CellStyle`` (built once),
and ReportLab skips setting the font and colour again between cells that share it. Line,
background and span commands still go through ``TableStyle``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from reportlab.lib import colors
from reportlab.platypus.tables import CellStyle

CELL_OPS = frozenset(
    {"FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN",
     "ALIGNMENT", "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"}
)  # fmt: skip
_SIMPLE = {
    "FONTNAME": "fontname", "FACE": "fontname", "SIZE": "fontsize", "FONTSIZE": "fontsize",
    "LEADING": "leading", "ALIGN": "alignment", "ALIGNMENT": "alignment", "VALIGN": "valign",
    "LEFTPADDING": "leftPadding", "RIGHTPADDING": "rightPadding", "TOPPADDING": "topPadding",
    "BOTTOMPADDING": "bottomPadding",
}  # fmt: skip
_shared: dict[tuple, CellStyle] = {}
# Rows of styles already resolved, for every table of every report of the process (bounded by
# the few kinds of rows the reports have).
_rows: dict[tuple, list[CellStyle]] = {}


def _apply(settings: dict, op: str, values: Sequence) -> None:
    """What ReportLab's ``_setCellStyle`` does, on a dict of settings."""
    if op == "FONT":
        settings["fontname"] = values[0]
        if len(values) > 1:
            settings["fontsize"] = values[1]
            settings["leading"] = values[2] if len(values) > 2 else values[1] * 1.2
    elif op == "TEXTCOLOR":
        settings["color"] = colors.toColor(values[0], colors.Color(0, 0, 0))
    else:
        settings[_SIMPLE[op]] = values[0]


def _style(settings: dict) -> CellStyle:
    key = tuple(sorted((k, repr(v)) for k, v in settings.items()))
    style = _shared.get(key)
    if style is None:
        style = CellStyle(repr(key))
        for name, value in settings.items():
            setattr(style, name, value)
        _shared[key] = style
    return style


def split_commands(
    commands: Sequence[tuple], nrows: int, ncols: int
) -> tuple[list[list[CellStyle]], list[tuple]]:
    """(the cell styles of a table of ``nrows`` × ``ncols``, its other commands)."""
    general: list[tuple[int, int, int, int, str, tuple]] = []
    single: dict[int, list[tuple[int, int, str, tuple]]] = {}
    others = []
    for command in commands:
        op, (c0, r0), (c1, r1), *values = command
        if op not in CELL_OPS or isinstance(r0, str) or isinstance(r1, str):
            others.append(command)
            continue
        c0, c1 = c0 % ncols if c0 < 0 else c0, c1 % ncols if c1 < 0 else c1
        r0, r1 = r0 % nrows if r0 < 0 else r0, r1 % nrows if r1 < 0 else r1
        if r0 == r1:
            single.setdefault(r0, []).append((c0, c1, op, tuple(values)))
        else:
            general.append((r0, r1, c0, c1, op, tuple(values)))
    # Which general commands cover a row changes only at their first and last rows.
    points = sorted({0, nrows} | {g[0] for g in general} | {g[1] + 1 for g in general})
    styles: list[list[CellStyle]] = []
    for first, after in pairwise(points):
        covering = [general[n] for n, g in enumerate(general) if g[0] <= first <= g[1]]
        seen = repr([g[2:] for g in covering])
        for r in range(first, min(after, nrows)):
            own = single.get(r)
            key = (ncols, seen, repr(own) if own else "")
            row = _rows.get(key)
            if row is None:
                row = _rows[key] = [_style(_settings(c, covering, own or ())) for c in range(ncols)]
            styles.append(row)
    return styles, others


def _settings(c: int, covering, own) -> dict:
    settings: dict = {}
    for _r0, _r1, c0, c1, op, values in covering:
        if c0 <= c <= c1:
            _apply(settings, op, values)
    for c0, c1, op, values in own:
        if c0 <= c <= c1:
            _apply(settings, op, values)
    return settings
