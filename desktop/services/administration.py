"""The administrator's services, in one place: structure, openings and closures, users, settings,
and the structure file (TOML) exported and imported from the screen.

``export_toml`` writes what ``StructureService.import_text`` loads back to the same structure:
the hospital, every site and department, the active visit reasons and practitioners, their
openings, their absences not yet over, and the site closures. Deactivated practitioners and
visit reasons stay out of it (a reload would make them active again).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import structure as repo
from db.tables import DepartmentRow, HospitalRow, SiteRow
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.domain.structure import (
    AbsenceSpec,
    ClosureSpec,
    DepartmentSpec,
    HospitalSpec,
    OpeningSpec,
    PractitionerSpec,
    SiteSpec,
    StructureSpec,
    VisitReasonSpec,
)
from desktop.domain.structure_export import structure_toml
from desktop.services.admin_openings import OpeningAdminService
from desktop.services.admin_settings import SettingsService
from desktop.services.admin_structure import AdminStructureService
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.structure import StructureService, calendar_of
from desktop.services.uow import Database
from desktop.services.users import UserAdminService


class AdministrationService:
    """What the administration screen calls: ``structure``, ``openings``, ``users``,
    ``settings``, and the structure file."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self.structure = AdminStructureService(db, clock)
        self.openings = OpeningAdminService(db, clock)
        self.users = UserAdminService(db, clock)
        self.settings = SettingsService(db, clock)

    def export_toml(self, actor: Actor) -> str:
        """The hospital's structure as a structure file (see the module)."""
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "structure")
        with self._db.read() as s:
            return structure_toml(_spec(s, self._clock.now()))

    def import_toml(self, actor: Actor, text: str, source: str = "structure") -> dict[str, int]:
        """Load a structure file (``StructureService.import_text``; a refusal is audited).

        A mistake raises ``StructureError`` naming the file's line and key; nothing is loaded.
        """
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "structure")
        return StructureService(self._db, self._clock).import_text(actor, text, source)


def _spec(s: Session, now) -> StructureSpec:
    """The stored structure as the structure file describes it, in a stable order."""
    sites = admin_repo.codes(s, SiteRow)
    departments = admin_repo.codes(s, DepartmentRow)
    row = s.get(HospitalRow, 1)
    hospital = None
    if row is not None:
        h = repo.hospital(s)
        hospital = HospitalSpec(h.name, h.timezone, h.country_holidays, h.booking_url, h.phone)
    practitioners = [p for p in admin_repo.all_practitioners(s) if p.active]
    practitioner_codes = {p.id: p.code for p in practitioners}
    reasons = [v for v in admin_repo.all_visit_reasons(s) if v.active]
    reason_codes = {v.id: v.code for v in reasons}
    openings = []
    for o in admin_repo.all_openings(s):
        offered = sorted(reason_codes[v] for v in o.visit_reason_ids if v in reason_codes)
        if o.practitioner_id in practitioner_codes and offered:
            openings.append(
                OpeningSpec(
                    practitioner_codes[o.practitioner_id],
                    sites[o.site_id],
                    o.weekday,
                    o.start,
                    o.end,
                    o.step_min,
                    tuple(offered),
                    o.weeks.value,
                    o.valid_from,
                    o.valid_to,
                )
            )
    calendar = calendar_of(s)
    absences = [
        AbsenceSpec(
            practitioner_codes[a.practitioner_id],
            calendar.local(a.start),
            calendar.local(a.end),
            a.reason,
        )
        for a in admin_repo.absences_from(s, now)
        if a.practitioner_id in practitioner_codes
    ]
    return StructureSpec(
        hospital=hospital,
        sites=tuple(SiteSpec(x.code, x.name, x.address) for x in sorted(repo.sites(s), key=_code)),
        departments=tuple(
            DepartmentSpec(d.code, d.name, sites[d.site_id])
            for d in sorted(repo.departments(s), key=_code)
        ),
        visit_reasons=tuple(
            VisitReasonSpec(
                v.code,
                departments[v.department_id],
                v.label,
                v.duration_min,
                v.online,
                v.new_patients,
                v.min_notice_hours,
                v.color,
                v.instructions,
            )
            for v in sorted(reasons, key=_code)
        ),
        practitioners=tuple(
            PractitionerSpec(p.code, p.name, departments[p.department_id], p.rpps)
            for p in sorted(practitioners, key=_code)
        ),
        openings=tuple(
            sorted(openings, key=lambda o: (o.practitioner, o.weekday, o.start, o.end, o.site))
        ),
        absences=tuple(sorted(absences, key=lambda a: (a.practitioner, a.start, a.end))),
        closures=tuple(
            ClosureSpec(sites[c.site_id], c.date_from, c.date_to, c.reason)
            for c in sorted(repo.closures(s), key=lambda c: (sites[c.site_id], c.date_from))
        ),
    )


def _code(item) -> str:
    return item.code
