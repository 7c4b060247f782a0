"""The demonstration hospital: ``creneau demo`` fills an empty database with believable data.

The *small* scale is a French hospital of 2 sites, 6 departments and 25 practitioners with 2,000
patients and three months of appointments on each side of "now". Its structure is a TOML file
loaded by the real structure import, and its appointments are placed on slots computed by the
real slot engine, so they never overlap and always lie inside openings. Everything is written in
one transaction, with bulk inserts for patients and appointments. The *hospital* scale (the
benchmark set of QUALITY.md) lives in ``demo_hospital``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import structure as repo
from db.tables import PatientPhoneRow, PatientRow, UserRow
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Role
from desktop.domain.passwords import check_password
from desktop.domain.structure import parse_structure
from desktop.domain.text import search_key
from desktop.services import demo_schedule
from desktop.services.demo_names import SMALL_DEPARTMENTS, SMALL_REASONS
from desktop.services.demo_people import (
    ascii_word,
    email_for,
    nir_for,
    person,
    practitioner_name,
    valid_phone,
)
from desktop.services.structure import _apply
from desktop.services.uow import Database

# The one password of the three demonstration accounts (admin, secretaire, medecin). It follows
# the CNIL rule of desktop.domain.passwords; change it before any real use.
DEMO_PASSWORD = "Creneau-Demo-2026!"
DEMO_ACTOR = Actor("demo", Role.ADMIN, "creneau demo")
SMALL_PATIENTS = 2000
WINDOW_DAYS = 91  # three months before and after "now"
PRACTITIONERS_PER_DEPARTMENT = (5, 4, 4, 4, 4, 4)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
MORNINGS = (("08:30", "12:30"), ("09:00", "12:30"), ("08:00", "12:00"))
AFTERNOONS = (("13:30", "17:30"), ("14:00", "18:00"), ("13:30", "16:30"))
STEPS = {"OPHTALMO": 10, "RHUMATO": 10}
TIMEZONE = "Europe/Paris"

Progress = Callable[[str], None]


def build_demo(
    db: Database,
    *,
    scale: str = "small",
    seed: int = 1,
    now: datetime,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty database with a demonstration hospital; returns what was created.

    Refused (``InvalidInput``) when the database already holds a structure. The same seed gives
    the same data. ``scale`` is "small" (any engine) or "hospital" (SQLite only, the benchmark).
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime given as now")
    with db.read() as s:
        if not repo.is_empty(s):
            raise InvalidInput(
                "La base contient déjà une structure : la démonstration ne se charge que dans "
                "une base vide (créez-en une nouvelle avec --db)."
            )
    if scale == "hospital":
        from desktop.services.demo_hospital import build_hospital

        return build_hospital(db, seed=seed, now=now, progress=progress)
    if scale != "small":
        raise InvalidInput(f"Échelle inconnue « {scale} » (attendu : small ou hospital).")
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    today = now.astimezone(ZoneInfo(TIMEZONE)).date()  # the hospital's local date
    text = small_structure_toml(rng, today)
    spec = parse_structure(text, "demo.toml")
    with db.uow() as s:
        say("Chargement de la structure…")
        counts = _apply(s, spec, DEMO_ACTOR, now, text, "demo.toml")
        say(f"Création de {SMALL_PATIENTS} patients…")
        counts.update(_add_patients(s, rng, today, SMALL_PATIENTS, now))
        say("Prise des rendez-vous…")
        first, last = today - timedelta(days=WINDOW_DAYS), today + timedelta(days=WINDOW_DAYS)
        counts["rendez-vous"] = demo_schedule.fill_agendas(
            s, rng, now, first, last, _patient_ids(s)
        )
        say("Création des comptes de démonstration…")
        counts["utilisateurs"] = add_demo_users(s, now)
        audit.record(
            s, DEMO_ACTOR, now, "demo.build", "demo", None, None, {"scale": scale, **counts}
        )
    say("Démonstration prête.")
    return counts


def small_structure_toml(rng: random.Random, today: date) -> str:
    """The structure file of the small hospital, as an administrator would write it."""
    start = today - timedelta(days=WINDOW_DAYS + 14 + today.weekday())
    lines = [
        "[hospital]",
        'name = "Centre hospitalier Saint-Martin"',
        f'timezone = "{TIMEZONE}"',
        'country_holidays = "FR"',
        'booking_url = "https://ch-saint-martin.example/prendre-rendez-vous"',
        'phone = "+33 2 41 35 36 37"',
    ]
    sites = (
        ("CENTRE", "Hôpital Saint-Martin, site Centre", "4 rue Larrey, 49100 Angers"),
        ("CAPUCINS", "Site des Capucins", "27 avenue des Capucins, 49000 Angers"),
    )
    for code, name, address in sites:
        lines += ["", "[[sites]]", f'code = "{code}"', f'name = "{name}"', f'address = "{address}"']
    for i, (code, name) in enumerate(SMALL_DEPARTMENTS):
        site = sites[i % 2][0]
        lines += ["", "[[departments]]", f'code = "{code}"', f'name = "{name}"', f'site = "{site}"']
    reasons: dict[str, list[str]] = {}
    for dep, label, minutes, online, new, notice, color, instructions in SMALL_REASONS:
        code = f"{dep}-{len(reasons.setdefault(dep, [])) + 1:02d}"
        reasons[dep].append(code)
        lines += ["", "[[visit_reasons]]", f'code = "{code}"', f'department = "{dep}"']
        lines += [f'label = "{label}"', f"duration_min = {minutes}"]
        lines += [f"online = {str(online).lower()}", f"new_patients = {str(new).lower()}"]
        lines += [f'color = "{color}"'] + ([f"min_notice_hours = {notice}"] if notice else [])
        lines += [f'instructions = "{instructions}"'] if instructions else []
    used: set[str] = set()
    practitioners: list[tuple[str, str, str]] = []
    for i, count in enumerate(PRACTITIONERS_PER_DEPARTMENT):
        dep, site = SMALL_DEPARTMENTS[i][0], sites[i % 2][0]
        for _ in range(count):
            name = practitioner_name(rng)
            code = ascii_word(name.removeprefix("Dr ").split(" ", 1)[1]).upper()[:30]
            while code in used:
                code += "-" + str(len(used) % 10)
            used.add(code)
            practitioners.append((code, dep, site))
            lines += ["", "[[practitioners]]", f'code = "{code}"', f'name = "{name}"']
            lines += [f'department = "{dep}"']
            if rng.random() < 0.8:
                lines.append(f'rpps = "10{rng.randrange(10**9):09d}"')
    for index, (code, dep, site) in enumerate(practitioners):
        lines += _openings(rng, index, code, dep, site, reasons[dep], start, today)
    for code, offset, days, hours, reason in (
        (practitioners[0][0], -40, 2, None, "Congrès de la Société française de cardiologie"),
        (practitioners[7][0], 30, 7, None, "Congés"),
        (practitioners[12][0], 3, 0, ("08:00", "13:00"), "Formation continue"),
        (practitioners[20][0], 60, 21, None, "Congé maternité"),
    ):
        first = today + timedelta(days=offset)
        begin, end = (
            (f"{first}T{hours[0]}", f"{first}T{hours[1]}")
            if hours
            else (f"{first}T00:00", f"{first + timedelta(days=days)}T00:00")
        )
        lines += ["", "[[absences]]", f'practitioner = "{code}"', f'start = "{begin}"']
        lines += [f'end = "{end}"', f'reason = "{reason}"']
    closed = today + timedelta(days=45)
    lines += ["", "[[closures]]", 'site = "CAPUCINS"', f'from = "{closed}"', f'to = "{closed}"']
    lines += ['reason = "Travaux de mise aux normes électriques"']
    return "\n".join(lines) + "\n"


def _openings(
    rng: random.Random,
    index: int,
    code: str,
    dep: str,
    site: str,
    reasons: list[str],
    start: date,
    today: date,
) -> list[str]:
    """Three to five half-days a week; some alternate even and odd weeks or change mid-way."""
    half_days = [(d, h) for d in WEEKDAYS for h in (0, 1)]
    chosen = sorted(rng.sample(half_days, rng.randint(3, 5)), key=half_days.index)
    step = STEPS.get(dep, 15)
    out: list[str] = []
    for n, (weekday, half) in enumerate(chosen):
        begin, end = rng.choice(MORNINGS if half == 0 else AFTERNOONS)
        subset = reasons[:2] + rng.sample(reasons[2:], rng.randint(1, len(reasons) - 2))
        variants = [("all", start, None)]
        if index % 5 == 1 and n == 0:  # a rotation: even weeks here, odd weeks the next day
            variants = [("even", start, None)]
        if index % 7 == 3 and n == len(chosen) - 1:  # hours that change in three weeks
            change = today + timedelta(days=21)
            variants = [("all", start, change - timedelta(days=1)), ("all", change, None)]
        for v, (weeks, valid_from, valid_to) in enumerate(variants):
            hours = (begin, end) if v == 0 else ("14:00", "17:00")
            out += ["", "[[openings]]", f'practitioner = "{code}"', f'site = "{site}"']
            out += [f'weekday = "{weekday}"', f'start = "{hours[0]}"', f'end = "{hours[1]}"']
            out += [f"step_min = {step}", f"visit_reasons = {subset!r}".replace("'", '"')]
            out += [f'weeks = "{weeks}"', f'valid_from = "{valid_from}"']
            out += [f'valid_to = "{valid_to}"'] if valid_to else []
            if weeks == "even":
                other = WEEKDAYS[(WEEKDAYS.index(weekday) + 1) % 5]
                out += ["", "[[openings]]", f'practitioner = "{code}"', f'site = "{site}"']
                out += [f'weekday = "{other}"', f'start = "{hours[0]}"', f'end = "{hours[1]}"']
                out += [f"step_min = {step}", f"visit_reasons = {subset!r}".replace("'", '"')]
                out += ['weeks = "odd"', f'valid_from = "{valid_from}"']
    return out


def _add_patients(
    s: Session, rng: random.Random, today: date, count: int, now: datetime
) -> dict[str, int]:
    """Bulk-insert patients with validated phones; ids follow the largest existing one."""
    first_id = (s.scalar(select(func.max(PatientRow.id))) or 0) + 1
    patients, phones = [], []
    for n in range(count):
        p = person(rng, today)
        pid = first_id + n
        patients.append(
            {
                "id": pid,
                "family_name": p.family_name,
                "birth_name": p.birth_name,
                "given_names": p.given_names,
                "birth_date": p.birth_date,
                "sex": p.sex,
                "email": email_for(rng, p) if rng.random() < 0.35 else "",
                "nir": nir_for(rng, p) if rng.random() < 0.6 else None,
                "search_key": search_key(f"{p.family_name} {p.given_names}"),
                "birth_search_key": (
                    search_key(f"{p.birth_name} {p.given_names}") if p.birth_name else ""
                ),
                "given_search_key": search_key(f"{p.given_names} {p.family_name}"),
                "created_at": now - timedelta(days=rng.randrange(1, 2000)),
                "created_by": "secretaire",
            }
        )
        for position in range(rng.choice((1, 1, 1, 1, 2, 2, 0))):
            _typed, phone = valid_phone(rng)
            phones.append(
                {
                    "patient_id": pid,
                    "e164": phone.e164,
                    "kind": phone.kind.value,
                    "position": position,
                }
            )
    s.execute(insert(PatientRow.__table__), patients)
    if phones:
        s.execute(insert(PatientPhoneRow.__table__), phones)
    return {"patients": len(patients), "téléphones": len(phones)}


def _patient_ids(s: Session) -> list[int]:
    return list(s.scalars(select(PatientRow.id).order_by(PatientRow.id)))


def add_demo_users(s: Session, now: datetime) -> int:
    """The three demonstration accounts, all with ``DEMO_PASSWORD`` (argon2id hashes)."""
    check_password(DEMO_PASSWORD)
    # One hash for the three accounts: argon2id is slow on purpose, and the password is public.
    password_hash = PasswordHasher().hash(DEMO_PASSWORD)
    physician = repo.practitioners(s)[0]
    users = (
        ("admin", "Administrateur (démonstration)", Role.ADMIN, None),
        ("secretaire", "Secrétariat (démonstration)", Role.SECRETARY, None),
        ("medecin", physician.name, Role.PHYSICIAN, physician.id),
    )
    rows = [
        {
            "login": login,
            "display_name": name,
            "role": role.value,
            "password_hash": password_hash,
            "active": True,
            "practitioner_id": practitioner_id,
            "failed_attempts": 0,
            "created_at": now,
        }
        for login, name, role, practitioner_id in users
    ]
    s.execute(insert(UserRow), rows)
    return len(rows)
