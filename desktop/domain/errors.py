"""The one error hierarchy of Créneau: every user-facing refusal carries a French message."""

from __future__ import annotations


class CreneauError(Exception):
    """Base of every error a user can cause; ``message`` is the French sentence to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(CreneauError):
    """A value typed or read from a file is not acceptable."""


class NotFound(CreneauError):
    """A code or id names nothing."""


class InvalidPhone(InvalidInput):
    """A phone number that is not a valid number."""


class InvalidNir(InvalidInput):
    """A NIR (social security number) whose format or key is wrong."""


class NonExistentLocalTime(InvalidInput):
    """A local wall time skipped by a daylight-saving change."""


class StructureError(InvalidInput):
    """A structure file that cannot be loaded (names the line and key when known)."""


class BookingRefused(CreneauError):
    """A booking, move or status change that the agenda rules forbid."""


class SlotConflict(BookingRefused):
    """The time overlaps another active appointment or an absence of the practitioner."""


class OutsideOpening(BookingRefused):
    """The time is not inside an opening of the practitioner for that visit reason."""


class ClosedDay(OutsideOpening):
    """The day is a public holiday or a closure of the site."""


class InThePast(BookingRefused):
    """The start lies in the past or closer than the visit reason's minimum notice."""


class StaleEdit(CreneauError):
    """Someone else changed the object since it was read."""


class PermissionDenied(CreneauError):
    """The user's role does not allow the action."""


class DatabaseUnavailable(CreneauError):
    """The database cannot be opened or written."""


class DatabaseProblem(DatabaseUnavailable):
    """A database file that is missing though used before, read-only, locked or damaged.

    ``kind`` names the problem (``desktop.services.startup``), ``path`` the file; the start-up
    screen offers to restore a backup instead of silently creating an empty database.
    """

    def __init__(self, message: str, kind: str, path: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


class InvalidBackup(InvalidInput):
    """A backup archive that is damaged, tampered with, or cannot be restored there."""


class PossibleDuplicate(CreneauError):
    """A patient with the same normalised name and birth date already exists."""

    def __init__(self, message: str, existing_ids: list[int]) -> None:
        super().__init__(message)
        self.existing_ids = existing_ids
