"""Loading the hospital structure (idempotent: codes identify objects, a reload updates)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import structure as repo
from db.tables import (
    AbsenceRow,
    ClosureRow,
    DepartmentRow,
    HospitalRow,
    OpeningRow,
    OpeningVisitReasonRow,
    PractitionerRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.errors import NonExistentLocalTime, StructureError
from desktop.domain.model import Actor, Closure, Hospital, Site
from desktop.domain.permissions import Action
from desktop.domain.phones import parse_phone
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.structure import StructureSpec, locate, parse_structure
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.uow import Database


class StructureService:
    """Reads and loads the hospital's structure."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def hospital(self) -> Hospital:
        with self._db.read() as s:
            return repo.hospital(s)

    def calendar(self) -> AgendaCalendar:
        """The hospital's time zone, public holidays and closures."""
        with self._db.read() as s:
            return calendar_of(s)

    def is_empty(self) -> bool:
        with self._db.read() as s:
            return repo.is_empty(s)

    def sites(self) -> list[Site]:
        """The hospital's sites, by code."""
        with self._db.read() as s:
            return repo.sites(s)

    def import_text(self, actor: Actor, text: str, source: str = "structure") -> dict[str, int]:
        """Parse, check and load a structure file in one transaction; returns counts per section."""
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "structure")
        spec = parse_structure(text, source)
        return self._db.run(lambda s: _apply(s, spec, actor, self._clock.now(), text, source))


def calendar_of(session: Session) -> AgendaCalendar:
    """The calendar of the hospital as stored."""
    hospital = repo.hospital(session)
    return _calendar(hospital.timezone, hospital.country_holidays, tuple(repo.closures(session)))


@lru_cache(maxsize=8)
def _calendar(timezone: str, country: str | None, closures: tuple[Closure, ...]) -> AgendaCalendar:
    # The same settings give the same calendar: build it once (a calendar is never changed).
    return AgendaCalendar(timezone, country, closures)


class _Loader:
    """Upserts rows by code inside one session; errors name the file's line."""

    def __init__(self, session: Session, text: str, source: str) -> None:
        self.s, self.text, self.source = session, text, source

    def fail(self, section: str, index: int, key: str, problem: str):
        line = locate(self.text, section, index, key)
        where = f"{self.source}, ligne {line}" if line else self.source
        raise StructureError(f"{where}, [[{section}]] n° {index + 1}, clé « {key} » : {problem}.")

    def ids(self, table) -> dict[str, int]:
        return dict(self.s.execute(select(table.code, table.id)).all())

    def upsert(self, table, code: str, **values) -> int:
        row = self.s.scalar(select(table).where(table.code == code))
        if row is None:
            row = table(code=code, **values)
            self.s.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        self.s.flush()
        return row.id


def _apply(
    s: Session, spec: StructureSpec, actor: Actor, now: datetime, text: str, source: str
) -> dict[str, int]:
    load = _Loader(s, text, source)
    if spec.hospital is not None:
        h = spec.hospital
        phone = parse_phone(h.phone).e164 if h.phone else ""
        AgendaCalendar(h.timezone, h.country_holidays)  # checks zone and country
        row = s.get(HospitalRow, 1) or HospitalRow(id=1)
        row.name, row.timezone, row.country_holidays = h.name, h.timezone, h.country_holidays
        row.booking_url, row.phone = h.booking_url, phone
        s.add(row)
    elif s.get(HospitalRow, 1) is None:
        raise StructureError(f"{source} : la section [hospital] est obligatoire au premier import.")
    s.flush()

    for site in spec.sites:
        load.upsert(SiteRow, site.code, name=site.name, address=site.address)
    sites = load.ids(SiteRow)
    for i, dep in enumerate(spec.departments):
        if dep.site not in sites:
            load.fail("departments", i, "site", f"site inconnu « {dep.site} »")
        load.upsert(DepartmentRow, dep.code, name=dep.name, site_id=sites[dep.site])
    departments = load.ids(DepartmentRow)
    for i, vr in enumerate(spec.visit_reasons):
        if vr.department not in departments:
            load.fail("visit_reasons", i, "department", f"service inconnu « {vr.department} »")
        load.upsert(
            VisitReasonRow,
            vr.code,
            department_id=departments[vr.department],
            label=vr.label,
            duration_min=vr.duration_min,
            online=vr.online,
            new_patients=vr.new_patients,
            min_notice_hours=vr.min_notice_hours,
            color=vr.color,
            instructions=vr.instructions,
            active=True,
        )
    for i, p in enumerate(spec.practitioners):
        if p.department not in departments:
            load.fail("practitioners", i, "department", f"service inconnu « {p.department} »")
        load.upsert(
            PractitionerRow,
            p.code,
            name=p.name,
            department_id=departments[p.department],
            rpps=p.rpps,
            active=True,
        )
    practitioners = load.ids(PractitionerRow)
    reasons = dict(s.execute(select(VisitReasonRow.code, VisitReasonRow.id)).all())
    reason_department = dict(
        s.execute(select(VisitReasonRow.id, VisitReasonRow.department_id)).all()
    )
    practitioner_department = dict(
        s.execute(select(PractitionerRow.id, PractitionerRow.department_id)).all()
    )

    # Openings: the file describes the whole weekly template of each practitioner it lists.
    listed = {practitioners.get(o.practitioner) for o in spec.openings}
    for i, o in enumerate(spec.openings):
        if o.practitioner not in practitioners:
            load.fail("openings", i, "practitioner", f"praticien inconnu « {o.practitioner} »")
        if o.site not in sites:
            load.fail("openings", i, "site", f"site inconnu « {o.site} »")
        pid = practitioners[o.practitioner]
        for code in o.visit_reasons:
            if code not in reasons:
                load.fail("openings", i, "visit_reasons", f"motif inconnu « {code} »")
            if reason_department[reasons[code]] != practitioner_department[pid]:
                load.fail(
                    "openings",
                    i,
                    "visit_reasons",
                    f"le motif « {code} » n'appartient pas au service du praticien",
                )
    s.execute(delete(OpeningRow).where(OpeningRow.practitioner_id.in_(listed)))
    for o in spec.openings:
        s.add(
            OpeningRow(
                practitioner_id=practitioners[o.practitioner],
                site_id=sites[o.site],
                weekday=o.weekday,
                start_time=o.start,
                end_time=o.end,
                step_min=o.step_min,
                weeks=o.weeks,
                valid_from=o.valid_from,
                valid_to=o.valid_to,
                visit_reasons=[
                    OpeningVisitReasonRow(visit_reason_id=reasons[c])
                    for c in dict.fromkeys(o.visit_reasons)
                ],
            )
        )

    hospital = repo.hospital(s)
    calendar = AgendaCalendar(hospital.timezone, hospital.country_holidays)
    for i, a in enumerate(spec.absences):
        if a.practitioner not in practitioners:
            load.fail("absences", i, "practitioner", f"praticien inconnu « {a.practitioner} »")
        instants = []
        for key, wall in (("start", a.start), ("end", a.end)):
            try:
                instants.append(wall if wall.tzinfo else calendar.to_utc(wall))
            except NonExistentLocalTime as exc:
                load.fail("absences", i, key, exc.message.rstrip("."))
        start, end = instants
        pid = practitioners[a.practitioner]
        exists = s.scalar(
            select(AbsenceRow.id).where(
                AbsenceRow.practitioner_id == pid,
                AbsenceRow.start_at == start,
                AbsenceRow.end_at == end,
            )
        )
        if exists is None:
            s.add(AbsenceRow(practitioner_id=pid, start_at=start, end_at=end, reason=a.reason))
        else:
            s.get(AbsenceRow, exists).reason = a.reason
    for i, c in enumerate(spec.closures):
        if c.site not in sites:
            load.fail("closures", i, "site", f"site inconnu « {c.site} »")
        exists = s.scalar(
            select(ClosureRow).where(
                ClosureRow.site_id == sites[c.site],
                ClosureRow.date_from == c.date_from,
                ClosureRow.date_to == c.date_to,
            )
        )
        if exists is None:
            s.add(
                ClosureRow(
                    site_id=sites[c.site], date_from=c.date_from, date_to=c.date_to, reason=c.reason
                )
            )
        else:
            exists.reason = c.reason
    counts = {
        "sites": len(spec.sites),
        "services": len(spec.departments),
        "motifs": len(spec.visit_reasons),
        "praticiens": len(spec.practitioners),
        "plages": len(spec.openings),
        "absences": len(spec.absences),
        "fermetures": len(spec.closures),
    }
    audit.record(
        s, actor, now, "structure.import", "structure", None, None, {"source": source, **counts}
    )
    return counts
