"""Patients: storage and the indexed searches (name prefix, birth date, phone)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.tables import PatientPhoneRow, PatientRow
from desktop.domain.errors import NotFound
from desktop.domain.model import Patient, Phone, PhoneKind, Sex

PREFIX_END = "\U0010ffff"  # sorts after every character: [key, key + END) is a prefix range


def patient_to_native(row: PatientRow) -> Patient:
    return Patient(
        id=row.id,
        family_name=row.family_name,
        given_names=row.given_names,
        birth_date=row.birth_date,
        sex=Sex(row.sex),
        birth_name=row.birth_name,
        phones=tuple(Phone(p.e164, PhoneKind(p.kind)) for p in row.phones),
        email=row.email,
        nir=row.nir,
    )


def patient(session: Session, patient_id: int) -> Patient:
    return patient_to_native(patient_row(session, patient_id))


def patient_row(session: Session, patient_id: int) -> PatientRow:
    row = session.get(PatientRow, patient_id)
    if row is None:
        raise NotFound(f"Patient inconnu : n° {patient_id}.")
    return row


def patients(session: Session, ids: list[int]) -> dict[int, Patient]:
    """Patients by id, for agenda views: two queries for a whole day, columns not entities
    (a department's day is read again on every view switch)."""
    if not ids:
        return {}
    p, ph = PatientRow, PatientPhoneRow
    phones: dict[int, list[Phone]] = {}
    for patient_id, e164, kind in session.execute(
        select(ph.patient_id, ph.e164, ph.kind)
        .where(ph.patient_id.in_(ids))
        .order_by(ph.patient_id, ph.position, ph.id)
    ):
        phones.setdefault(patient_id, []).append(Phone(e164, PhoneKind(kind)))
    rows = session.execute(
        select(
            p.id, p.family_name, p.given_names, p.birth_date, p.sex, p.birth_name, p.email, p.nir
        ).where(p.id.in_(ids))
    )
    return {
        r.id: Patient(
            id=r.id,
            family_name=r.family_name,
            given_names=r.given_names,
            birth_date=r.birth_date,
            sex=Sex(r.sex),
            birth_name=r.birth_name,
            phones=tuple(phones.get(r.id, ())),
            email=r.email,
            nir=r.nir,
        )
        for r in rows
    }


def _prefix(session: Session, column, key: str):
    if session.get_bind().dialect.name == "sqlite":
        # A B-tree range: binary collation, and %, _ or \ in the key stay literal.
        return (column >= key) & (column < key + PREFIX_END)
    return column.startswith(key, autoescape=True)


def find_by_name_key(session: Session, key: str, limit: int) -> list[Patient]:
    """Patients whose "family given", "birth given" or "given family" key starts with ``key``.

    Matches on the used name come first, then on the birth name, then on the given name.
    """
    found: dict[int, PatientRow] = {}
    columns = (PatientRow.search_key, PatientRow.birth_search_key, PatientRow.given_search_key)
    for column in columns:
        query = select(PatientRow).where(_prefix(session, column, key)).order_by(column)
        for row in session.scalars(query.limit(limit)):
            found.setdefault(row.id, row)
        if len(found) >= limit:
            break
    return [patient_to_native(r) for r in list(found.values())[:limit]]


def find_by_birth_date(session: Session, birth_date: date, limit: int) -> list[Patient]:
    rows = session.scalars(
        select(PatientRow)
        .where(PatientRow.birth_date == birth_date)
        .order_by(PatientRow.search_key)
        .limit(limit)
    )
    return [patient_to_native(r) for r in rows]


def find_by_phone(session: Session, e164: str, limit: int) -> list[Patient]:
    rows = session.scalars(
        select(PatientRow)
        .join(PatientPhoneRow)
        .where(PatientPhoneRow.e164 == e164)
        .order_by(PatientRow.search_key)
        .limit(limit)
    )
    return [patient_to_native(r) for r in rows.unique()]


def same_identity(session: Session, key: str, birth_date: date) -> list[Patient]:
    """Patients with the same normalised name (used or birth) and birth date."""
    rows = session.scalars(
        select(PatientRow).where(
            PatientRow.birth_date == birth_date,
            (PatientRow.search_key == key) | (PatientRow.birth_search_key == key),
        )
    )
    return [patient_to_native(r) for r in rows]
