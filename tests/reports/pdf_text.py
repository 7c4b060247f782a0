"""Reading a PDF back: the text of each page, as pypdf extracts it."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pages(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def text(pdf: bytes) -> str:
    """The whole document's text."""
    return "\n".join(pages(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
