"""Administration of weekly openings and site closures, with their preview and their impact.

Changing or deleting an opening, or closing a site, never strands booked patients silently: the
future active appointments that were inside an opening and would be outside every opening after
the change are listed in an ``OrphanedAppointments`` refusal (nothing is changed) unless the
caller confirms with ``confirm_orphans=True``; then the change is made, the appointments stay
as they are, and the audit record names their ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from db.tables import ClosureRow, OpeningRow, OpeningVisitReasonRow, PractitionerRow, SiteRow
from desktop.domain import structure_forms as forms
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Appointment, Closure, Opening
from desktop.domain.opening_preview import PreviewWeek, preview_openings
from desktop.domain.orphans import OrphanedAppointments, newly_outside
from desktop.domain.scheduling import WEEKDAY_LABELS, AgendaCalendar
from desktop.services.admin_base import AdminBase, Change
from desktop.services.structure import calendar_of

DEFAULT_PREVIEW_WEEKS = 8


class OpeningAdminService(AdminBase):
    """Weekly openings and site closures, from the administration screen."""

    def openings(self, practitioner_id: int | None = None) -> list[Opening]:
        """The openings of a practitioner (all practitioners' when None), by weekday and start."""
        with self._db.read() as s:
            if practitioner_id is None:
                return admin_repo.all_openings(s)
            return repo.openings(s, [practitioner_id])[practitioner_id]

    def closures(self) -> list[Closure]:
        """Every site closure, by first date."""
        with self._db.read() as s:
            return repo.closures(s)

    def preview(
        self, openings: Sequence[Opening], weeks: int = DEFAULT_PREVIEW_WEEKS, first_day=None
    ) -> list[PreviewWeek]:
        """The slots ``openings`` (saved or not) give over ``weeks`` weeks from this week."""
        with self._db.read() as s:
            calendar = calendar_of(s)
            durations = {v.id: v.duration_min for v in admin_repo.all_visit_reasons(s)}
        first_day = first_day or calendar.local(self._clock.now()).date()
        return preview_openings(openings, calendar, first_day, weeks, durations)

    # --- openings ----------------------------------------------------------------------------

    def save_opening(
        self, actor: Actor, opening: Opening, *, confirm_orphans: bool = False
    ) -> Opening:
        """Create (``opening.id`` 0) or change a weekly opening.

        Checked as an ``[[openings]]`` table of the structure file; its visit reasons must be
        active ones of the practitioner's department.
        """
        self._guard(actor, "opening", opening.id or None)
        now = self._clock.now()

        def work(s: Session) -> Change:
            _check(s, opening)
            if opening.id:
                row = admin_repo.row(s, OpeningRow, opening.id)
                before = repo.opening_to_native(row)
            else:
                row, before = OpeningRow(), None
            ids = {opening.practitioner_id} | ({before.practitioner_id} if before else set())
            previous = repo.openings(s, ids)
            row.practitioner_id, row.site_id, row.weekday = (
                opening.practitioner_id,
                opening.site_id,
                opening.weekday,
            )
            row.start_time, row.end_time, row.step_min = (
                opening.start,
                opening.end,
                opening.step_min,
            )
            row.weeks, row.valid_from, row.valid_to = (
                opening.weeks.value,
                opening.valid_from,
                opening.valid_to,
            )
            row.visit_reasons = [
                OpeningVisitReasonRow(visit_reason_id=v) for v in sorted(opening.visit_reason_ids)
            ]
            s.add(row)
            s.flush()
            after = repo.opening_to_native(row)
            orphans = _orphans(s, ids, previous, now, confirm_orphans)
            return Change(after, before, after, row.id, _orphan_ids(orphans))

        action = "opening.update" if opening.id else "opening.create"
        return self._write(actor, action, "opening", work)

    def delete_opening(
        self, actor: Actor, opening_id: int, *, confirm_orphans: bool = False
    ) -> Opening:
        """Delete a weekly opening (its future appointments listed first, see the module)."""
        self._guard(actor, "opening", opening_id)
        now = self._clock.now()

        def work(s: Session) -> Change:
            row = admin_repo.row(s, OpeningRow, opening_id)
            before = repo.opening_to_native(row)
            previous = repo.openings(s, [before.practitioner_id])
            s.delete(row)
            s.flush()
            orphans = _orphans(s, {before.practitioner_id}, previous, now, confirm_orphans)
            return Change(before, before, None, opening_id, _orphan_ids(orphans))

        return self._write(actor, "opening.delete", "opening", work)

    # --- closures ----------------------------------------------------------------------------

    def add_closure(
        self,
        actor: Actor,
        site_id: int,
        date_from: date,
        date_to: date,
        reason: str = "",
        *,
        confirm_orphans: bool = False,
    ) -> Closure:
        """Close a site from ``date_from`` to ``date_to`` (inclusive); see the module for the
        appointments it would leave outside every opening."""
        self._guard(actor, "closure")
        now = self._clock.now()

        def work(s: Session) -> Change:
            site = admin_repo.row(s, SiteRow, site_id)
            spec = forms.check_closure(site.code, date_from, date_to, reason)
            if admin_repo.closures_overlapping(s, site.id, spec.date_from, spec.date_to):
                raise InvalidInput("Ce site a déjà une fermeture sur une partie de ces dates.")
            before_calendar = calendar_of(s)
            start = before_calendar.local_day_bounds(spec.date_from)[0]
            end = before_calendar.local_day_bounds(spec.date_to)[1]
            hit = admin_repo.future_appointments_at_site(s, site.id, max(start, now), end)
            row = ClosureRow(
                site_id=site.id, date_from=spec.date_from, date_to=spec.date_to, reason=spec.reason
            )
            s.add(row)
            s.flush()
            closure = admin_repo.closure_to_native(row)
            hospital = repo.hospital(s)
            after_calendar = AgendaCalendar(
                hospital.timezone, hospital.country_holidays, repo.closures(s)
            )
            openings = repo.openings(s, {a.practitioner_id for a in hit})
            orphans = _newly_outside(s, hit, openings, openings, before_calendar, after_calendar)
            if orphans and not confirm_orphans:
                _refuse(s, orphans, before_calendar, "Cette fermeture")
            return Change(closure, None, closure, row.id, _orphan_ids(orphans))

        return self._write(actor, "closure.create", "closure", work)

    def remove_closure(self, actor: Actor, closure_id: int) -> Closure:
        """Reopen a site: delete one of its closures."""
        self._guard(actor, "closure", closure_id)

        def work(s: Session) -> Change:
            row = admin_repo.row(s, ClosureRow, closure_id)
            before = admin_repo.closure_to_native(row)
            s.delete(row)
            return Change(before, before, None, closure_id)

        return self._write(actor, "closure.delete", "closure", work)


def _check(s: Session, opening: Opening) -> None:
    """The structure file's rules, then the references: practitioner, site, visit reasons."""
    practitioner = admin_repo.row(s, PractitionerRow, opening.practitioner_id)
    site = admin_repo.row(s, SiteRow, opening.site_id)
    reasons = {v.id: v for v in admin_repo.all_visit_reasons(s)}
    unknown = [v for v in opening.visit_reason_ids if v not in reasons]
    if unknown:
        raise InvalidInput(f"Motifs : motif inconnu (n° {min(unknown)}).")
    forms.check_opening(
        practitioner.code,
        site.code,
        opening.weekday,
        opening.start,
        opening.end,
        opening.step_min,
        sorted(reasons[v].code for v in opening.visit_reason_ids),
        opening.weeks.value,
        opening.valid_from,
        opening.valid_to,
    )
    for v in sorted(opening.visit_reason_ids):
        reason = reasons[v]
        if reason.department_id != practitioner.department_id:
            raise InvalidInput(
                f"Motifs : « {reason.label} » n'appartient pas au service du praticien."
            )
        if not reason.active:
            raise InvalidInput(f"Motifs : « {reason.label} » n'est plus proposé.")


def _orphans(
    s: Session,
    practitioner_ids: Iterable[int],
    previous: dict[int, list[Opening]],
    now: datetime,
    confirmed: bool,
) -> list[Appointment]:
    """The appointments the change strands; refused with their list unless ``confirmed``."""
    ids = list(practitioner_ids)
    calendar = calendar_of(s)
    current = repo.openings(s, ids)
    hit = admin_repo.future_appointments(s, ids, now)
    orphans = _newly_outside(s, hit, previous, current, calendar, calendar)
    if orphans and not confirmed:
        _refuse(s, orphans, calendar, "Ce changement de plage horaire")
    return orphans


def _newly_outside(s, hit, before, after, calendar_before, calendar_after) -> list[Appointment]:
    reasons = {v.id: v for v in repo.visit_reasons_by_id(s, {a.visit_reason_id for a in hit})}
    return newly_outside(hit, reasons, before, after, calendar_before, calendar_after)


def _orphan_ids(orphans: Sequence[Appointment]) -> dict:
    return {"orphaned_appointment_ids": [a.id for a in orphans]} if orphans else {}


def _refuse(s: Session, orphans: Sequence[Appointment], calendar: AgendaCalendar, what: str):
    """Raise ``OrphanedAppointments`` with one line per appointment, for the screen."""
    patients = patients_repo.patients(s, [a.patient_id for a in orphans])
    names = {p.id: p.name for p in admin_repo.all_practitioners(s)}
    labels = {
        v.id: v.label for v in repo.visit_reasons_by_id(s, {a.visit_reason_id for a in orphans})
    }
    lines = []
    for a in orphans:
        local = calendar.local(a.start)
        who = patients.get(a.patient_id)
        lines.append(
            f"{WEEKDAY_LABELS[local.weekday()]} {local:%d/%m/%Y} {local:%H:%M} — "
            f"{who.display_name if who else f'patient n° {a.patient_id}'} — "
            f"{names.get(a.practitioner_id, '?')} — {labels.get(a.visit_reason_id, '?')}"
        )
    count = len(orphans)
    kept = "il restera" if count == 1 else "ils resteront"
    raise OrphanedAppointments(
        f"{what} laisserait {count} rendez-vous à venir en dehors de toute plage horaire "
        f"(rien n'a été enregistré). Confirmez pour l'enregistrer quand même : {kept} "
        "en place, à déplacer si besoin.",
        orphans,
        lines,
    )


def opening_title(opening: Opening) -> str:
    """ "lundi 09:00–12:30" """
    return f"{WEEKDAY_LABELS[opening.weekday]} {opening.start:%H:%M}–{opening.end:%H:%M}"


def blank_opening(practitioner_id: int, site_id: int, today: date) -> Opening:
    """A new opening's starting values: Monday 09:00–12:00 every 15 minutes, from today."""
    return Opening(
        0, practitioner_id, site_id, 0, time(9, 0), time(12, 0), 15, frozenset(), valid_from=today
    )
