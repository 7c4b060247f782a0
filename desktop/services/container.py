"""All services over one database and one clock: what the GUI and the CLI are given.

The services of every agenda action are built at once; those of occasional screens (audit,
backups, administration, reports, exports, publication) on first use, so that starting the
application does not import ReportLab, the feed writer or the backup code (P7).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from desktop.services.absences import AbsenceService
from desktop.services.agenda import AgendaService
from desktop.services.auth import AuthService
from desktop.services.booking import BookingService
from desktop.services.changes import ChangeWatcher
from desktop.services.clock import Clock, SystemClock
from desktop.services.patients import PatientService
from desktop.services.reminders import ReminderService
from desktop.services.request_sms import RequestSms
from desktop.services.requests import RequestService
from desktop.services.structure import StructureService
from desktop.services.uow import Database, open_database
from desktop.services.waitlist import WaitlistService

if TYPE_CHECKING:
    from desktop.services.administration import AdministrationService
    from desktop.services.audit import AuditService
    from desktop.services.backup import BackupService
    from desktop.services.exports import ExportService
    from desktop.services.publication import PublicationService
    from desktop.services.reports import ReportService
    from desktop.services.retention import RetentionService


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
    requests: RequestService
    reminders: ReminderService

    @classmethod
    def create(cls, db: Database, clock: Clock | None = None) -> Services:
        clock = clock or SystemClock()
        services = cls(
            db=db,
            clock=clock,
            agenda=AgendaService(db, clock),
            booking=BookingService(db, clock),
            patients=PatientService(db, clock),
            structure=StructureService(db, clock),
            auth=AuthService(db, clock),
            waitlist=WaitlistService(db, clock),
            absences=AbsenceService(db, clock),
            requests=RequestService(db, clock),
            reminders=ReminderService(db, clock),
        )
        # The patient is told by SMS of each committed change of their online request; the
        # listener writes in its own transaction and only logs its failures.
        services.requests.subscribe(RequestSms(db, clock))
        return services

    @classmethod
    def open(cls, url: str, clock: Clock | None = None) -> Services:
        """Open (creating and migrating when needed) the database and build the services."""
        return cls.create(open_database(url), clock)

    def change_watcher(self) -> ChangeWatcher:
        """A new watcher of other workstations' commits (the caller closes it)."""
        return ChangeWatcher(self.db)

    # --- built on first use ----------------------------------------------------------------------

    @cached_property
    def audit(self) -> AuditService:
        from desktop.services.audit import AuditService

        return AuditService(self.db, self.clock)

    @cached_property
    def backup(self) -> BackupService:
        from desktop.services.backup import BackupService

        return BackupService(self.db, self.clock)

    @cached_property
    def retention(self) -> RetentionService:
        from desktop.services.retention import RetentionService

        return RetentionService(self.db, self.clock)

    @cached_property
    def administration(self) -> AdministrationService:
        from desktop.services.administration import AdministrationService

        return AdministrationService(self.db, self.clock)

    @cached_property
    def reports(self) -> ReportService:
        from desktop.services.reports import ReportService

        return ReportService(self.db, self.clock)

    @cached_property
    def exports(self) -> ExportService:
        from desktop.services.exports import ExportService

        return ExportService(self.db, self.clock)

    @cached_property
    def publication(self) -> PublicationService:
        from desktop.services.publication import PublicationService

        return PublicationService(self.db, self.clock)
