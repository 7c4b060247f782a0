"""Hospital-wide settings of later features, kept as JSON in the ``setting`` table.

- ``publication``: public base URL of the feed, default horizon in weeks, secretariat phone (the
  booking page's URL is the hospital's ``booking_url``, changed here too);
- ``reminders``: gateway kind (files in a folder, or HTTP), outbox folder, gateway URL, quiet
  hours, whether to send the day before;
- ``overbooking_roles``: which roles may force an appointment (all three until changed). The
  services read it at each overbooking check (``desktop.services.guard``).

Writes are guarded (``MANAGE_STRUCTURE``; ``MANAGE_USERS`` for a right) and audited.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import time

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import audit
from db.repositories import structure as repo
from db.tables import HospitalRow
from desktop.domain import settings as rules
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Role
from desktop.domain.permissions import Action
from desktop.domain.settings import (
    GatewayKind,
    PublicationSettings,
    ReminderSettings,
    RetentionSettings,
)
from desktop.services.admin_base import AdminBase
from desktop.services.guard import guarded


class SettingsService(AdminBase):
    """Reading and changing the shared settings."""

    def publication(self) -> PublicationSettings:
        """The publication settings (defaults until set)."""
        with self._db.read() as s:
            return rules.publication_from_json(
                repo.setting(s, rules.PUBLICATION_KEY), repo.hospital(s).booking_url
            )

    def reminders(self) -> ReminderSettings:
        """The reminder settings (defaults until set)."""
        with self._db.read() as s:
            return rules.reminders_from_json(repo.setting(s, rules.REMINDERS_KEY))

    def retention(self) -> RetentionSettings:
        """The retention settings (defaults until set)."""
        with self._db.read() as s:
            return rules.retention_from_json(repo.setting(s, rules.RETENTION_KEY))

    def save_retention(
        self, actor: Actor, audit_months: int, appointment_years: int
    ) -> RetentionSettings:
        """Check and store how long audit records and ended appointments are kept."""
        self._guard(actor, "setting")
        settings = rules.check_retention(audit_months, appointment_years)

        def work(s: Session) -> RetentionSettings:
            stored = rules.retention_to_json(settings)
            before = admin_repo.set_setting(s, rules.RETENTION_KEY, stored)
            self._audit(s, actor, rules.RETENTION_KEY, before, stored)
            return settings

        return self._db.run(work)

    def overbooking_roles(self) -> frozenset[Role]:
        """The roles allowed to overbook."""
        with self._db.read() as s:
            return admin_repo.overbooking_roles(s)

    def save_publication(
        self,
        actor: Actor,
        base_url: str,
        booking_url: str,
        horizon_weeks: int,
        secretariat_phone: str,
        **extra,
    ) -> PublicationSettings:
        """Check and store the publication settings (the booking URL goes to the hospital's).

        ``extra``: other fields of ``PublicationSettings`` by name; those not given keep their
        stored value.
        """
        self._guard(actor, "setting")
        kept = _others(self.publication(), PUBLICATION_BASE) | extra
        settings = rules.check_publication(
            base_url, booking_url, horizon_weeks, secretariat_phone, **kept
        )

        def work(s: Session) -> PublicationSettings:
            hospital = s.get(HospitalRow, 1)
            if hospital is None:
                raise InvalidInput(
                    "Renseignez d'abord l'hôpital (onglet Hôpital) : son nom et son fuseau."
                )
            before = rules.publication_from_json(
                repo.setting(s, rules.PUBLICATION_KEY), hospital.booking_url
            )
            hospital.booking_url = settings.booking_url
            admin_repo.set_setting(s, rules.PUBLICATION_KEY, rules.publication_to_json(settings))
            self._audit(
                s, actor, rules.PUBLICATION_KEY, _publication(before), _publication(settings)
            )
            return settings

        return self._db.run(work)

    def save_reminders(
        self,
        actor: Actor,
        gateway: GatewayKind | str,
        outbox_dir: str,
        gateway_url: str,
        quiet_start: time | str,
        quiet_end: time | str,
        send_day_before: bool,
        **policy,
    ) -> ReminderSettings:
        """Check and store the reminder settings.

        ``policy``: other fields of ``ReminderSettings`` by name; those not given keep their
        stored value. The audit trail never shows the gateway's secret.
        """
        self._guard(actor, "setting")
        kept = _others(self.reminders(), REMINDERS_BASE) | policy
        settings = rules.check_reminders(
            gateway, outbox_dir, gateway_url, quiet_start, quiet_end, send_day_before, **kept
        )

        def work(s: Session) -> ReminderSettings:
            stored = rules.reminders_to_json(settings)
            before = admin_repo.set_setting(s, rules.REMINDERS_KEY, stored)
            self._audit(s, actor, rules.REMINDERS_KEY, rules.masked(before), rules.masked(stored))
            return settings

        return self._db.run(work)

    def save_overbooking_roles(self, actor: Actor, roles: Iterable[Role | str]) -> frozenset[Role]:
        """Choose the roles that may force an appointment (a right: ``MANAGE_USERS``)."""
        guarded(self._db, self._clock, actor, Action.MANAGE_USERS, "setting")
        chosen = rules.check_overbooking_roles(roles)

        def work(s: Session) -> frozenset[Role]:
            stored = rules.overbooking_roles_to_json(chosen)
            before = admin_repo.set_setting(s, rules.OVERBOOKING_ROLES_KEY, stored)
            self._audit(
                s,
                actor,
                rules.OVERBOOKING_ROLES_KEY,
                {"roles": before} if before is not None else None,
                {"roles": stored},
            )
            return chosen

        return self._db.run(work)

    def _audit(self, s: Session, actor: Actor, key: str, before, after) -> None:
        audit.record(
            s,
            actor,
            self._clock.now(),
            "setting.update",
            "setting",
            None,
            {"key": key, **before} if isinstance(before, dict) else None,
            {"key": key, **after},
        )


PUBLICATION_BASE = ("base_url", "booking_url", "horizon_weeks", "secretariat_phone")
REMINDERS_BASE = (
    "gateway",
    "outbox_dir",
    "gateway_url",
    "quiet_start",
    "quiet_end",
    "send_day_before",
)


def _others(current, base: tuple[str, ...]) -> dict:
    """The fields of a settings dataclass beyond those its form always gives."""
    return {
        f.name: getattr(current, f.name) for f in dataclasses.fields(current) if f.name not in base
    }


def _publication(settings: PublicationSettings) -> dict:
    return {**rules.publication_to_json(settings), "booking_url": settings.booking_url}
