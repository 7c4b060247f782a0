"""The clock services read "now" from: the system clock, or a fixed instant (``--now``, tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that says what it is told (tests, reproducible command-line runs)."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant.astimezone(UTC)


Clock = SystemClock | FixedClock
