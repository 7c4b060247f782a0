"""Administration of the hospital's structure: hospital settings, sites, departments,
practitioners and visit reasons.

Each write is one transaction holding its audit record (before / after, ids and values only),
guarded by ``Action.MANAGE_STRUCTURE`` (a refusal is audited and changes nothing). Values are
checked by the rules of the structure file (``desktop.domain.structure_forms``), so the screen
and ``creneau import-structure`` accept the same things.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import structure as repo
from db.tables import DepartmentRow, HospitalRow, PractitionerRow, SiteRow, VisitReasonRow
from desktop.domain import structure_forms as forms
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Department, Hospital, Practitioner, Site, VisitReason
from desktop.services.admin_base import AdminBase, Change


class AdminStructureService(AdminBase):
    """Creating and editing the structure from the administration screen."""

    # --- reads -------------------------------------------------------------------------------

    def hospital(self) -> Hospital:
        with self._db.read() as s:
            return repo.hospital(s)

    def sites(self) -> list[Site]:
        with self._db.read() as s:
            return repo.sites(s)

    def departments(self) -> list[Department]:
        with self._db.read() as s:
            return repo.departments(s)

    def practitioners(self) -> list[Practitioner]:
        """Every practitioner, active or not, by name."""
        with self._db.read() as s:
            return admin_repo.all_practitioners(s)

    def visit_reasons(self) -> list[VisitReason]:
        """Every visit reason, active or not, by label."""
        with self._db.read() as s:
            return admin_repo.all_visit_reasons(s)

    # --- hospital ----------------------------------------------------------------------------

    def save_hospital(
        self,
        actor: Actor,
        name: str,
        timezone: str,
        country_holidays: str | None,
        booking_url: str,
        phone: str,
    ) -> Hospital:
        """Change the hospital's name, time zone, public holidays (country or None), booking
        page and phone."""
        self._guard(actor, "hospital", 1)
        spec = forms.check_hospital(name, timezone, country_holidays, booking_url, phone)

        def work(s: Session):
            before = repo.hospital(s) if s.get(HospitalRow, 1) is not None else None
            row = s.get(HospitalRow, 1) or HospitalRow(id=1)
            row.name, row.timezone = spec.name, spec.timezone
            row.country_holidays, row.booking_url, row.phone = (
                spec.country_holidays,
                spec.booking_url,
                spec.phone,
            )
            s.add(row)
            s.flush()
            after = repo.hospital(s)
            return Change(after, before, after, 1)

        return self._write(actor, "hospital.update", "hospital", work)

    # --- sites and departments ---------------------------------------------------------------

    def save_site(
        self, actor: Actor, code: str, name: str, address: str = "", site_id: int | None = None
    ) -> Site:
        """Create a site (``site_id`` None) or change one."""
        self._guard(actor, "site", site_id)
        spec = forms.check_site(code, name, address)

        def work(s: Session):
            row = SiteRow() if site_id is None else admin_repo.row(s, SiteRow, site_id)
            admin_repo.check_code_free(s, SiteRow, spec.code, site_id)
            before = None if site_id is None else repo.site_to_native(row)
            row.code, row.name, row.address = spec.code, spec.name, spec.address
            s.add(row)
            s.flush()
            after = repo.site_to_native(row)
            return Change(after, before, after, row.id)

        return self._write(actor, "site.create" if site_id is None else "site.update", "site", work)

    def save_department(
        self, actor: Actor, code: str, name: str, site_id: int, department_id: int | None = None
    ) -> Department:
        """Create a department at a site (``department_id`` None) or change one."""
        self._guard(actor, "department", department_id)

        def work(s: Session):
            site = admin_repo.row(s, SiteRow, site_id)
            spec = forms.check_department(code, name, site.code)
            if department_id is None:
                row, before = DepartmentRow(), None
            else:
                row = admin_repo.row(s, DepartmentRow, department_id)
                before = repo.department_to_native(row)
            admin_repo.check_code_free(s, DepartmentRow, spec.code, department_id)
            row.code, row.name, row.site_id = spec.code, spec.name, site.id
            s.add(row)
            s.flush()
            after = repo.department_to_native(row)
            return Change(after, before, after, row.id)

        action = "department.create" if department_id is None else "department.update"
        return self._write(actor, action, "department", work)

    # --- practitioners -----------------------------------------------------------------------

    def save_practitioner(
        self,
        actor: Actor,
        code: str,
        name: str,
        department_id: int,
        rpps: str | None = None,
        practitioner_id: int | None = None,
    ) -> Practitioner:
        """Create a practitioner in a department (``practitioner_id`` None) or change one.

        Moving a practitioner to another department is refused while their openings offer
        visit reasons of the former one.
        """
        self._guard(actor, "practitioner", practitioner_id)

        def work(s: Session):
            department = admin_repo.row(s, DepartmentRow, department_id)
            spec = forms.check_practitioner(code, name, department.code, rpps)
            if practitioner_id is None:
                row, before = PractitionerRow(active=True), None
            else:
                row = admin_repo.row(s, PractitionerRow, practitioner_id)
                before = repo.practitioner_to_native(row)
                if row.department_id != department.id:
                    _check_openings_follow(s, practitioner_id, department.id)
            admin_repo.check_code_free(s, PractitionerRow, spec.code, practitioner_id)
            row.code, row.name, row.department_id, row.rpps = (
                spec.code,
                spec.name,
                department.id,
                spec.rpps,
            )
            s.add(row)
            s.flush()
            after = repo.practitioner_to_native(row)
            return Change(after, before, after, row.id)

        action = "practitioner.create" if practitioner_id is None else "practitioner.update"
        return self._write(actor, action, "practitioner", work)

    def set_practitioner_active(
        self, actor: Actor, practitioner_id: int, active: bool
    ) -> Practitioner:
        """Deactivate (hidden from the agenda and booking, history kept) or reactivate."""
        self._guard(actor, "practitioner", practitioner_id)

        def work(s: Session):
            row = admin_repo.row(s, PractitionerRow, practitioner_id)
            before = repo.practitioner_to_native(row)
            row.active = active
            s.flush()
            after = repo.practitioner_to_native(row)
            return Change(after, before, after, row.id)

        action = "practitioner.activate" if active else "practitioner.deactivate"
        return self._write(actor, action, "practitioner", work)

    # --- visit reasons -----------------------------------------------------------------------

    def save_visit_reason(
        self,
        actor: Actor,
        code: str,
        department_id: int,
        label: str,
        duration_min: int,
        *,
        online: bool = False,
        new_patients: bool = True,
        min_notice_hours: int | None = None,
        color: str = "#4f7fd9",
        instructions: str = "",
        visit_reason_id: int | None = None,
    ) -> VisitReason:
        """Create a visit reason (``visit_reason_id`` None) or change one.

        Its department cannot change while openings of another department offer it.
        """
        self._guard(actor, "visit_reason", visit_reason_id)

        def work(s: Session):
            department = admin_repo.row(s, DepartmentRow, department_id)
            spec = forms.check_visit_reason(
                code,
                department.code,
                label,
                duration_min,
                online=online,
                new_patients=new_patients,
                min_notice_hours=min_notice_hours,
                color=color,
                instructions=instructions,
            )
            if visit_reason_id is None:
                row, before = VisitReasonRow(active=True), None
            else:
                row = admin_repo.row(s, VisitReasonRow, visit_reason_id)
                before = repo.visit_reason_to_native(row)
                if row.department_id != department.id:
                    _check_reason_follows(s, visit_reason_id, department.id)
            admin_repo.check_code_free(s, VisitReasonRow, spec.code, visit_reason_id)
            row.code, row.department_id, row.label = spec.code, department.id, spec.label
            row.duration_min, row.online, row.new_patients = (
                spec.duration_min,
                spec.online,
                spec.new_patients,
            )
            row.min_notice_hours, row.color = spec.min_notice_hours, spec.color
            row.instructions = spec.instructions
            s.add(row)
            s.flush()
            after = repo.visit_reason_to_native(row)
            return Change(after, before, after, row.id)

        action = "visit_reason.create" if visit_reason_id is None else "visit_reason.update"
        return self._write(actor, action, "visit_reason", work)

    def set_visit_reason_active(
        self, actor: Actor, visit_reason_id: int, active: bool
    ) -> VisitReason:
        """Withdraw a visit reason from booking (appointments keep it) or offer it again."""
        self._guard(actor, "visit_reason", visit_reason_id)

        def work(s: Session):
            row = admin_repo.row(s, VisitReasonRow, visit_reason_id)
            before = repo.visit_reason_to_native(row)
            row.active = active
            s.flush()
            after = repo.visit_reason_to_native(row)
            return Change(after, before, after, row.id)

        action = "visit_reason.activate" if active else "visit_reason.deactivate"
        return self._write(actor, action, "visit_reason", work)


def _check_openings_follow(s: Session, practitioner_id: int, department_id: int) -> None:
    reasons = {v.id: v for v in admin_repo.all_visit_reasons(s)}
    for opening in repo.openings(s, [practitioner_id])[practitioner_id]:
        if any(reasons[v].department_id != department_id for v in opening.visit_reason_ids):
            raise InvalidInput(
                "Service : ses plages horaires proposent des motifs de son service actuel ; "
                "modifiez-les ou supprimez-les d'abord."
            )


def _check_reason_follows(s: Session, visit_reason_id: int, department_id: int) -> None:
    practitioners = {p.id: p for p in admin_repo.all_practitioners(s)}
    for opening in admin_repo.openings_using_reason(s, visit_reason_id):
        if practitioners[opening.practitioner_id].department_id != department_id:
            raise InvalidInput(
                "Service : des plages horaires d'un autre service proposent ce motif ; "
                "retirez-le d'abord de ces plages."
            )
