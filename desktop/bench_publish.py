"""P11 of ``creneau bench``: publishing twelve weeks of the whole hospital's free slots.

Créneau: ``PublicationService.publish`` as the application runs it (one read transaction, the
slot engine for every online reason of every practitioner, the policies, the FHIR files, the
free/busy calendars, the SHA-256 manifest, fsync and the atomic swap, the audit record).
Floor, in the same run: the stdlib ``json.dumps`` of the same ``Slot`` resources (built
beforehand, outside the timing), one minified line each, written to one file. The publication
folder is a scratch folder beside the data set, removed afterwards.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from desktop.bench import Figure, profile_text, timed
from desktop.domain.model import Actor, Role
from desktop.publish.smart_links import slot_resource
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.uow import Database

WEEKS = 12
RUNS = 3
BASE_URL = "https://hopital.example/creneaux/"
BOOKING_URL = "https://hopital.example/rendez-vous"
ACTOR = Actor("bench", Role.ADMIN, "poste-bench")


def measure_p11(path: Path, now: datetime, repeat: int, out) -> Figure:
    """P11 on the data set at ``path``."""
    out("  P11 : publication de 12 semaines de créneaux libres…")
    folder = path.with_name("bench-p11-publication")
    db = Database(f"sqlite:///{path}")
    try:
        services = Services.create(db, FixedClock(now))
        settings = services.administration.settings.publication()
        if not (settings.base_url and settings.booking_url):
            services.administration.settings.save_publication(
                ACTOR, BASE_URL, BOOKING_URL, WEEKS, settings.secretariat_phone
            )
        publication = services.publication
        runs = max(1, min(repeat, RUNS))
        reports = []

        def creneau() -> None:
            reports.append(publication.publish(ACTOR, folder, WEEKS))

        samples = timed(creneau, runs)
        report = reports[-1]
        scratch = path.with_name("bench-p11-floor.ndjson")
        floor = timed(lambda: _json_floor(publication, scratch), runs)
        scratch.unlink(missing_ok=True)
        figure = Figure(
            "P11", "publier 12 semaines de créneaux libres (tout l'hôpital)", samples, floor,
            2.0, 5.0, "≤ 2× ; ≤ 5 s",
            f"{report.slots} créneaux libres, {report.schedules} agendas, {report.files} "
            "fichiers (FHIR, iCalendar, manifeste SHA-256, fsync, échange atomique) ; plancher : "
            "json.dumps des mêmes Slot écrits dans un fichier ; dans l'application, la "
            "publication tourne hors du fil de l'interface",
        )  # fmt: skip
        if figure.judge() == "MANQUÉ":
            figure.profile = profile_text(creneau, runs=1)
        return figure
    finally:
        db.dispose()
        for leftover in (folder, folder.with_name(f"{folder.name}.old")):
            shutil.rmtree(leftover, ignore_errors=True)
        folder.with_name(f"{folder.name}.lock").unlink(missing_ok=True)


_FLOOR_CACHE: dict[int, list[dict]] = {}


def _json_floor(publication, target: Path) -> None:
    """The same slots as resources (built once, untimed after the warm-up), then dumped."""
    key = id(publication)
    if key not in _FLOOR_CACHE:
        _FLOOR_CACHE.clear()
        feed, _, _ = publication._gather(WEEKS)
        _FLOOR_CACHE[key] = [
            slot_resource(item.practitioner.id, item.reason.id, s, e, feed.context)
            for item in feed.schedules
            for s, e in item.slots
        ]
    text = "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in _FLOOR_CACHE[key]
    )
    target.write_text(text, encoding="utf-8")
