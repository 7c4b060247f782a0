"""Appointments that a change of openings or closures would leave outside every opening.

Changing a weekly opening (or closing a site) must not silently strand booked patients: the
appointments that were inside an opening before the change and are outside every opening after
it are listed, and the change waits for the administrator's explicit confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from desktop.domain.errors import CreneauError, OutsideOpening
from desktop.domain.model import Appointment, Opening, VisitReason
from desktop.domain.scheduling import AgendaCalendar, find_opening


class OrphanedAppointments(CreneauError):
    """The change would leave these future appointments outside every opening.

    ``appointments`` are the appointments concerned; ``lines`` describe each for the screen
    (date, time, practitioner, visit reason, patient's name); nothing was changed.
    """

    def __init__(
        self, message: str, appointments: Sequence[Appointment], lines: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.appointments = tuple(appointments)
        self.lines = tuple(lines)


def inside_an_opening(
    appointment: Appointment,
    openings: Iterable[Opening],
    reason: VisitReason,
    calendar: AgendaCalendar,
) -> bool:
    """Whether the appointment lies wholly within an opening (for its visit reason) that runs."""
    try:
        find_opening(openings, reason, calendar, appointment.start, appointment.end)
    except OutsideOpening:
        return False
    return True


def newly_outside(
    appointments: Iterable[Appointment],
    reasons: Mapping[int, VisitReason],
    before: Mapping[int, Sequence[Opening]],
    after: Mapping[int, Sequence[Opening]],
    calendar_before: AgendaCalendar,
    calendar_after: AgendaCalendar | None = None,
) -> list[Appointment]:
    """The active appointments inside an opening before the change and outside all after it.

    ``before`` and ``after`` map practitioner ids to their openings; an appointment that was
    already outside (an overbooking, an older change) is not the change's doing and is left out.
    """
    calendar_after = calendar_after or calendar_before
    found = []
    for appointment in appointments:
        if not appointment.active:
            continue
        reason = reasons[appointment.visit_reason_id]
        pid = appointment.practitioner_id
        if inside_an_opening(
            appointment, before.get(pid, ()), reason, calendar_before
        ) and not inside_an_opening(appointment, after.get(pid, ()), reason, calendar_after):
            found.append(appointment)
    return sorted(found, key=lambda a: (a.start, a.practitioner_id, a.id))
