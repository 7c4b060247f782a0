"""All services over one database and one clock: what the GUI and the CLI are given."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.absences import AbsenceService
from desktop.services.agenda import AgendaService
from desktop.services.auth import AuthService
from desktop.services.booking import BookingService
from desktop.services.changes import ChangeWatcher
from desktop.services.clock import Clock, SystemClock
from desktop.services.patients import PatientService
from desktop.services.structure import StructureService
from desktop.services.uow import Database, open_database
from desktop.services.waitlist import WaitlistService


@dataclass
class Services:
    db: Database
    clock: Clock
    agenda: AgendaService
    booking: BookingService
    patients: PatientService
    structure: StructureService
    auth: AuthService
    waitlist: WaitlistService
    absences: AbsenceService

    @classmethod
    def create(cls, db: Database, clock: Clock | None = None) -> Services:
        clock = clock or SystemClock()
        return cls(
            db=db,
            clock=clock,
            agenda=AgendaService(db, clock),
            booking=BookingService(db, clock),
            patients=PatientService(db, clock),
            structure=StructureService(db, clock),
            auth=AuthService(db, clock),
            waitlist=WaitlistService(db, clock),
            absences=AbsenceService(db, clock),
        )

    @classmethod
    def open(cls, url: str, clock: Clock | None = None) -> Services:
        """Open (creating and migrating when needed) the database and build the services."""
        return cls.create(open_database(url), clock)

    def change_watcher(self) -> ChangeWatcher:
        """A new watcher of other workstations' commits (the caller closes it)."""
        return ChangeWatcher(self.db)
