"""What every page of a report says about where it comes from (pure data: importing it does not
load ReportLab, which the services and the interface import only when they print)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Letterhead:
    """What every page says about where it comes from."""

    hospital: str
    printed_at: datetime  # aware, in the hospital's time zone
    site: str = ""
    address: str = ""
    phone: str = ""
    confidential: bool = True
