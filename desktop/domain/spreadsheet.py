"""CSV for spreadsheets: UTF-8 with a BOM, ``;`` between cells, formulas neutralised.

French spreadsheet software opens such a file with its accents intact and its columns split.
A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) would be run as a
formula — a name typed as "=HYPERLINK(…)" must stay text — so it is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
SEPARATOR = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole CSV document (BOM, header line, one line per row, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return BOM + buffer.getvalue()
