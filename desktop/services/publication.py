"""Publishing the hospital's free slots (SMART Scheduling Links), and the publication policies.

``publish`` reads everything in **one read transaction**, as columns (sites, departments,
practitioners, online visit reasons, openings, busy time, policies), runs the slot engine for
each practitioner's online reasons (``publication_policy.free_times``), applies the policies
(``expose``) and writes the folder atomically (``desktop.publish.feed``). It never reads a
patient: busy time is start and end only. It is guarded (``Action.PUBLISH``) and audited
(``publication.publish``: folder, counts, the manifest's digest).

``republish_if_configured`` is the application's automatic republication after changes: when a
publication folder is set and automatic republication is on, it publishes there as
``AUTO_PUBLISHER``. When ``desktop.publish.site`` exists, its ``write_site(folder, context)``
adds the booking page to the folder before the manifest is written.
"""

from __future__ import annotations

import importlib
import importlib.util
import socket
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import publication as pub_repo
from db.repositories import structure as repo
from desktop.domain import publication_policy as policy_rules
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, PractitionerAgenda, Role
from desktop.domain.permissions import Action
from desktop.domain.publication_policy import Embargo, PublicationPolicy, PublicationTarget
from desktop.domain.settings import (
    PUBLICATION_KEY,
    publication_from_json,
)
from desktop.publish.feed import Feed, ScheduleFeed, write_feed
from desktop.publish.smart_links import FeedContext, week_name
from desktop.publish.writer import VerifyReport, verify
from desktop.services.admin_base import AdminBase, Change
from desktop.services.structure import calendar_of

AUTO_PUBLISHER = Actor("publication-automatique", Role.ADMIN, socket.gethostname())
SITE_MODULE = "desktop.publish.site"
PUBLISH_ACTION = "publication.publish"


@dataclass(frozen=True)
class PublicationReport:
    """What a publication wrote."""

    folder: Path
    transaction_time: datetime
    weeks: int
    locations: int
    schedules: int
    slots: int
    files: int
    manifest_sha256: str
    swap: str


class PublicationService(AdminBase):
    """Publishing the feed; reading and changing the policies and the publication folder."""

    object_action = Action.PUBLISH

    # --- the folder -------------------------------------------------------------------------

    def target(self) -> PublicationTarget:
        """Where the feed is published, and whether it is republished after changes."""
        with self._db.read() as s:
            return policy_rules.target_from_json(
                repo.setting(s, policy_rules.PUBLICATION_TARGET_KEY)
            )

    def save_target(self, actor: Actor, out_dir: str, auto_publish: bool) -> PublicationTarget:
        """Set the publication folder and the automatic republication (guarded, audited)."""
        self._guard(actor, "setting")
        target = policy_rules.check_target(out_dir, auto_publish)

        def work(s: Session) -> Change:
            stored = policy_rules.target_to_json(target)
            before = admin_repo.set_setting(s, policy_rules.PUBLICATION_TARGET_KEY, stored)
            return Change(target, None, None, None, {"before": before, "after": stored})

        return self._write(actor, "publication.target", "setting", work)

    # --- policies ---------------------------------------------------------------------------

    def policies(self) -> list[PublicationPolicy]:
        """Every publication policy, by practitioner then visit reason."""
        with self._db.read() as s:
            return pub_repo.policies(s)

    def save_policy(
        self,
        actor: Actor,
        practitioner_id: int,
        visit_reason_id: int | None,
        horizon_weeks: int | None,
        share_percent: int,
        embargoes: list[Embargo] | tuple[Embargo, ...] = (),
        policy_id: int | None = None,
    ) -> PublicationPolicy:
        """Create or change the policy of a practitioner (and visit reason, None: all of them).

        One policy per practitioner and reason: creating a second one is refused.
        """
        self._guard(actor, "publication_policy", policy_id)
        weeks, share, periods = policy_rules.check_policy(horizon_weeks, share_percent, embargoes)

        def work(s: Session):
            practitioner = repo.practitioner(s, practitioner_id)
            if visit_reason_id is not None:
                reason = repo.visit_reason(s, visit_reason_id)
                if reason.department_id != practitioner.department_id:
                    raise InvalidInput(
                        f"Le motif « {reason.label} » n'appartient pas au service de "
                        f"{practitioner.name}."
                    )
            before = pub_repo.policy(s, policy_id) if policy_id is not None else None
            existing = pub_repo.find_policy(s, practitioner_id, visit_reason_id)
            if existing is not None and existing.id != policy_id:
                what = "ce motif" if visit_reason_id is not None else "tous ses motifs"
                raise InvalidInput(
                    f"{practitioner.name} a déjà une politique de publication pour {what} : "
                    "modifiez-la."
                )
            after = pub_repo.save_policy(
                s, practitioner_id, visit_reason_id, weeks, share, periods, policy_id
            )
            return after, before, after

        action = "publication_policy.create" if policy_id is None else "publication_policy.update"
        return self._policy_write(actor, action, work)

    def delete_policy(self, actor: Actor, policy_id: int) -> None:
        """Remove a policy: its slots follow the practitioner's or the default policy again."""
        self._guard(actor, "publication_policy", policy_id)

        def work(s: Session):
            return None, pub_repo.delete_policy(s, policy_id), None

        self._policy_write(actor, "publication_policy.delete", work)

    def _policy_write(self, actor: Actor, action: str, work):
        """Run ``work`` (→ result, policy before, policy after) and audit it, in one transaction."""
        now = self._clock.now()

        def unit(s: Session):
            result, before, after = work(s)
            policy = after or before
            audit.record(
                s, actor, now, action, "publication_policy", policy.id, _snapshot(before),
                _snapshot(after), practitioner_id=policy.practitioner_id,
            )  # fmt: skip
            return result

        return self._db.run(unit)

    # --- publishing -------------------------------------------------------------------------

    def publish(
        self, actor: Actor, out: Path | str | None = None, weeks: int | None = None
    ) -> PublicationReport:
        """Publish the free slots into ``out`` (default: the publication folder).

        ``weeks`` replaces the default horizon and bounds the policies' horizons.
        """
        self._guard(actor, "publication")
        folder = out if out is not None else self.target().out_dir
        if not str(folder or "").strip():
            raise InvalidInput(
                "Aucun dossier de publication : choisissez-en un (Administration › "
                "Publication des créneaux)."
            )
        if weeks is not None and not 1 <= weeks <= policy_rules.MAX_HORIZON_WEEKS:
            raise InvalidInput(
                f"Horizon de publication : {weeks} semaines hors des bornes "
                f"(de 1 à {policy_rules.MAX_HORIZON_WEEKS})."
            )
        feed, horizon, site = self._gather(weeks)
        result = write_feed(Path(folder), feed, _site_hook(site))
        report = PublicationReport(
            result.folder, feed.transaction_time, horizon, len(feed.sites), len(feed.schedules),
            sum(len(item.slots) for item in feed.schedules), len(result.files),
            result.manifest_sha256, result.swap,
        )  # fmt: skip
        after = {
            "folder": str(report.folder), "weeks": report.weeks, "schedules": report.schedules,
            "slots": report.slots, "files": report.files, "manifest_sha256": report.manifest_sha256,
        }  # fmt: skip
        now = self._clock.now()
        self._db.run(
            lambda s: audit.record(s, actor, now, PUBLISH_ACTION, "publication", None,
                                   None, after)
        )  # fmt: skip
        return report

    def republish_if_configured(self, actor: Actor = AUTO_PUBLISHER) -> PublicationReport | None:
        """Publish into the publication folder when one is set and automatic republication is
        on; None otherwise."""
        target = self.target()
        if not target.out_dir or not target.auto_publish:
            return None
        return self.publish(actor, target.out_dir)

    def change_token(self) -> int:
        """The id of the last audited change that is not a publication (0: none): every change
        that can move a free slot is audited, and publishing must not trigger itself again."""
        with self._db.read() as s:
            return pub_repo.last_change(s, PUBLISH_ACTION)

    def auto_republish(
        self, last_token: int | None, actor: Actor = AUTO_PUBLISHER
    ) -> tuple[PublicationReport | None, int]:
        """The automatic republication: publish when configured and something changed since
        ``last_token`` (``change_token``); returns the report (None: nothing done) and the
        token the publication saw."""
        token = self.change_token()
        if token == last_token:
            return None, token
        return self.republish_if_configured(actor), token

    @staticmethod
    def verify(folder: Path | str) -> VerifyReport:
        """Check a published folder against its manifest (every digest, nothing unlisted)."""
        return verify(Path(folder))

    def exposed_slots(self, weeks: int | None = None) -> dict[tuple[int, int], list]:
        """The published free slots by ``(practitioner_id, visit_reason_id)``, as ``publish``
        would write them now (tests, benchmark)."""
        feed, _, _ = self._gather(weeks)
        return {(item.practitioner.id, item.reason.id): list(item.slots) for item in feed.schedules}

    def _gather(self, weeks: int | None) -> tuple[Feed, int, dict]:
        """The feed, its horizon in weeks, and what the booking page is told."""
        """Read (one transaction), run the engine and the policies: the feed to write."""
        now = self._clock.now()
        with self._db.read() as s:
            hospital = repo.hospital(s)
            settings = publication_from_json(repo.setting(s, PUBLICATION_KEY), hospital.booking_url)
            if not settings.base_url:
                raise InvalidInput(
                    "Adresse publique du flux non renseignée : réglez-la dans Administration › "
                    "Paramètres (publication)."
                )
            if not settings.booking_url:
                raise InvalidInput(
                    "Adresse de la page de réservation non renseignée : réglez-la dans "
                    "Administration › Paramètres (publication)."
                )
            calendar = calendar_of(s)
            sites = {site.id: site for site in pub_repo.sites(s)}
            departments = {d.id: d for d in pub_repo.departments(s)}
            practitioners = pub_repo.practitioners(s)
            reasons = {r.id: r for r in pub_repo.online_reasons(s)}
            policies = policy_rules.index_policies(pub_repo.policies(s))
            openings = repo.openings(s, [p.id for p in practitioners])
            today = calendar.local(now).date()
            plan = _plan(practitioners, reasons, openings, policies, settings.horizon_weeks,
                         weeks, today)  # fmt: skip
            horizon = max((e.horizon_weeks for *_, e in plan), default=weeks or 1)
            last = policy_rules.last_day(today, horizon)
            ids = sorted({p.id for p, *_ in plan})
            start, end = calendar.local_day_bounds(today)[0], calendar.local_day_bounds(last)[1]
            busy = agenda_repo.busy_intervals(s, ids, start, end, now=now) if ids else {}
        schedules = _schedules(plan, openings, busy, reasons, departments, sites, calendar,
                               today, now)  # fmt: skip
        phone = settings.secretariat_phone or hospital.phone
        context = FeedContext(
            settings.base_url, settings.booking_url, phone, calendar.tz, hospital.name
        )
        weeks_files = sorted({week_name(today + timedelta(days=d)) for d in range(7 * horizon)})
        feed = Feed(
            context, now, list(sites.values()), hospital.phone, schedules,
            {pid: busy.get(pid, ()) for pid in ids}, weeks_files,
        )  # fmt: skip
        site = {
            "hospital": hospital, "hospital_name": hospital.name, "settings": settings,
            "phone": phone, "timezone": hospital.timezone, "base_url": context.base_url,
            "booking_url": context.booking_url, "transaction_time": now,
            "departments": sorted(departments.values(), key=lambda d: d.id),
            "visit_reasons": sorted(reasons.values(), key=lambda r: r.id),
        }  # fmt: skip
        return feed, horizon, site


def _snapshot(policy: PublicationPolicy | None) -> dict | None:
    """An audited policy: plain JSON values."""
    if policy is None:
        return None
    return {
        "practitioner_id": policy.practitioner_id,
        "visit_reason_id": policy.visit_reason_id,
        "horizon_weeks": policy.horizon_weeks,
        "share_percent": policy.share_percent,
        "embargoes": [
            [e.date_from.isoformat(), e.date_to.isoformat(), e.reason] for e in policy.embargoes
        ],
    }


def _plan(practitioners, reasons, openings, policies, default_weeks, cap, today: date):
    """``(practitioner, reason, effective policy)`` of every schedule to publish: each online
    reason a practitioner's openings offer within the horizon."""
    plan = []
    for practitioner in practitioners:
        current = [
            o for o in openings[practitioner.id] if o.valid_to is None or o.valid_to >= today
        ]
        offered = set().union(*(o.visit_reason_ids for o in current)) & reasons.keys()
        for rid in sorted(offered):
            effective = policy_rules.resolve(policies, practitioner.id, rid, default_weeks, cap)
            end = policy_rules.last_day(today, effective.horizon_weeks)
            if any(rid in o.visit_reason_ids and o.valid_from <= end for o in current):
                plan.append((practitioner, reasons[rid], effective))
    return plan


def _schedules(plan, openings, busy, reasons, departments, sites, calendar, today, now):
    by_practitioner: dict[int, list] = {}
    for practitioner, reason, effective in plan:
        by_practitioner.setdefault(practitioner.id, []).append((practitioner, reason, effective))
    local_days: dict[datetime, date] = {}

    def local_day(moment: datetime) -> date:
        day = local_days.get(moment)
        if day is None:
            day = local_days[moment] = calendar.local(moment).date()
        return day

    result: list[ScheduleFeed] = []
    for pid, items in by_practitioner.items():
        agenda = PractitionerAgenda(pid, tuple(openings[pid]), tuple(busy.get(pid, ())))
        last_days = {
            reason.id: policy_rules.last_day(today, e.horizon_weeks) for _, reason, e in items
        }
        times = policy_rules.free_times(
            agenda, [reason for _, reason, _ in items], calendar, today, last_days, now
        )
        for practitioner, reason, effective in items:
            site_ids = sorted({o.site_id for o in openings[pid] if reason.id in o.visit_reason_ids})
            start = calendar.local_day_bounds(today)[0]
            end = calendar.local_day_bounds(last_days[reason.id])[1]
            result.append(
                ScheduleFeed(
                    practitioner, reason, departments[reason.department_id],
                    tuple(sites[i] for i in site_ids), (start, end),
                    policy_rules.expose(times.get(reason.id, ()), effective, today, local_day),
                )
            )  # fmt: skip
    return result


def _site_hook(context: dict):
    """The booking page writer (``desktop.publish.site.write_site``) when it exists.

    ``context`` holds public data only: the hospital (name, phone, zone), the publication
    settings, the departments and the online visit reasons, the public URLs.
    """
    if importlib.util.find_spec(SITE_MODULE) is None:
        return None
    write_site = getattr(importlib.import_module(SITE_MODULE), "write_site", None)
    if write_site is None:
        return None
    return lambda folder: write_site(folder, context)
