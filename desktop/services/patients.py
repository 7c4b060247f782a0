"""Patients: creation with identity checks, edition, and the search a secretary types into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as repo
from db.tables import PatientPhoneRow, PatientRow
from desktop.domain.errors import InvalidInput, PossibleDuplicate
from desktop.domain.identity import check_birth_date, check_name, normalize_nir
from desktop.domain.model import Actor, Appointment, Patient, Sex, Status
from desktop.domain.permissions import Action
from desktop.domain.phones import looks_like_phone, parse_phone
from desktop.domain.text import search_key
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.uow import Database

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y")
MAX_PHONES = 4
# The length of the search-key columns: NFKD can lengthen a name (ß -> ss, Hangul syllables ->
# jamo, ligatures), and a key is only ever read as a prefix, so a longer one is cut, not refused.
MAX_KEY_LENGTH = 210


@dataclass(frozen=True)
class PatientInput:
    """What a user types to create or edit a patient."""

    family_name: str
    given_names: str
    birth_date: date
    sex: str = "U"
    birth_name: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""
    nir: str = ""


def parse_search_date(text: str) -> date | None:
    """A birth date typed in a search field (French day-first forms or ISO), else None."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class PatientHistory:
    """A patient's appointments around now: past (latest first), future (soonest first), and
    the no-shows of the last twelve months. Cancelled appointments are listed, with their
    status."""

    past: list[Appointment]
    future: list[Appointment]
    no_shows_12_months: int


class PatientService:
    """Use cases about patients."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create(self, actor: Actor, data: PatientInput, allow_duplicate: bool = False) -> Patient:
        """Create a patient after checking every field; ``PossibleDuplicate`` on a likely twin."""
        guarded(self._db, self._clock, actor, Action.EDIT_PATIENT, "patient")
        clean = self._validated(data)

        def work(s: Session) -> Patient:
            now = self._clock.now()
            if not allow_duplicate:
                found = {
                    twin.id: twin
                    for key in _identity_keys(clean)
                    for twin in repo.same_identity(s, key, clean.birth_date)
                }
                twins = [found[i] for i in sorted(found)]
                if twins:
                    raise PossibleDuplicate(
                        f"Doublon possible : {twins[0].display_name}, né(e) le "
                        f"{twins[0].birth_date:%d/%m/%Y}, existe déjà (n° "
                        f"{', '.join(str(t.id) for t in twins)}). Vérifiez avant de créer.",
                        [t.id for t in twins],
                    )
            row = PatientRow(created_at=now, created_by=actor.login)
            _fill(row, clean)
            s.add(row)
            s.flush()
            audit.record(
                s,
                actor,
                now,
                "patient.create",
                "patient",
                row.id,
                None,
                {"phones": len(row.phones)},
            )
            return repo.patient_to_native(row)

        return self._db.run(work)

    def update(self, actor: Actor, patient_id: int, data: PatientInput) -> Patient:
        """Replace a patient's identity and contact details."""
        guarded(self._db, self._clock, actor, Action.EDIT_PATIENT, "patient")
        clean = self._validated(data)

        def work(s: Session) -> Patient:
            now = self._clock.now()
            row = repo.patient_row(s, patient_id)
            before = _audit_view(row)
            _fill(row, clean)
            s.flush()
            audit.record(
                s, actor, now, "patient.update", "patient", row.id, before, _audit_view(row)
            )
            return repo.patient_to_native(row)

        return self._db.run(work)

    def history(self, patient_id: int, now: datetime | None = None) -> PatientHistory:
        """The patient's past and future appointments; ``now`` defaults to the clock's.

        An appointment is past once it has started. ``NotFound`` for an unknown patient.
        """
        now = now or self._clock.now()
        year_ago = now - timedelta(days=365)
        with self._db.read() as s:
            repo.patient_row(s, patient_id)
            appointments = agenda_repo.patient_appointments(s, patient_id)
        past = [a for a in appointments if a.start < now]
        future = [a for a in appointments if a.start >= now]
        no_shows = sum(1 for a in past if a.status is Status.NO_SHOW and a.start >= year_ago)
        return PatientHistory(
            past=sorted(past, key=lambda a: (a.start, a.id), reverse=True),
            future=future,
            no_shows_12_months=no_shows,
        )

    def get(self, patient_id: int) -> Patient:
        with self._db.read() as s:
            return repo.patient(s, patient_id)

    def search(self, text: str, limit: int = 30) -> list[Patient]:
        """Patients matching a name prefix (accents and case ignored), a birth date or a phone."""
        text = (text or "").strip()
        if not text:
            return []
        with self._db.read() as s:
            birth = parse_search_date(text)
            if birth is not None:
                return repo.find_by_birth_date(s, birth, limit)
            if looks_like_phone(text):
                try:
                    return repo.find_by_phone(s, parse_phone(text).e164, limit)
                except InvalidInput:
                    return []
            key = _key(text)
            return repo.find_by_name_key(s, key, limit) if key else []

    def _validated(self, data: PatientInput) -> PatientInput:
        today = self._clock.now().date()
        if not isinstance(data.birth_date, date) or isinstance(data.birth_date, datetime):
            raise InvalidInput("La date de naissance est obligatoire (jour, mois et année).")
        if data.sex not in {s.value for s in Sex}:
            raise InvalidInput(f"Sexe inconnu « {data.sex} » (attendu F, M ou U).")
        phones = tuple(p for p in (p.strip() for p in data.phones) if p)
        if len(phones) > MAX_PHONES:
            raise InvalidInput(f"Un patient a au plus {MAX_PHONES} numéros de téléphone.")
        parsed = tuple(parse_phone(p).e164 for p in phones)
        email = data.email.strip()
        if email and (len(email) > 254 or not _EMAIL.match(email)):
            raise InvalidInput(f"Adresse électronique invalide : « {email[:60]} ».")
        return PatientInput(
            family_name=check_name(data.family_name, "nom"),
            given_names=check_name(data.given_names, "prénom"),
            birth_date=check_birth_date(data.birth_date, today),
            sex=data.sex,
            birth_name=check_name(data.birth_name, "nom de naissance", required=False),
            phones=tuple(dict.fromkeys(parsed)),
            email=email,
            nir=normalize_nir(data.nir) if data.nir.strip() else "",
        )


def _fill(row: PatientRow, data: PatientInput) -> None:
    row.family_name, row.given_names = data.family_name, data.given_names
    row.birth_name, row.birth_date, row.sex = data.birth_name, data.birth_date, data.sex
    row.email, row.nir = data.email, data.nir or None
    keys = _identity_keys(data)
    row.search_key = keys[0]
    row.birth_search_key = keys[1] if len(keys) > 1 else ""
    row.given_search_key = _key(f"{data.given_names} {data.family_name}")
    row.phones = [
        PatientPhoneRow(e164=e164, kind=parse_phone(e164).kind.value, position=i)
        for i, e164 in enumerate(data.phones)
    ]


def _key(text: str) -> str:
    """The search key of a text, cut to the length of the key columns."""
    return search_key(text)[:MAX_KEY_LENGTH].rstrip()


def _identity_keys(data: PatientInput) -> tuple[str, ...]:
    """The keys of "family given" and, when there is one, "birth given"."""
    keys = (_key(f"{data.family_name} {data.given_names}"),)
    if data.birth_name:
        keys += (_key(f"{data.birth_name} {data.given_names}"),)
    return keys


def _audit_view(row: PatientRow) -> dict:
    """Which fields are set, never their values: the audit trail carries no identity."""
    return {
        "phones": len(row.phones),
        "has_email": bool(row.email),
        "has_nir": bool(row.nir),
        "has_birth_name": bool(row.birth_name),
    }
