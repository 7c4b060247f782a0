"""The structure file (TOML, see PRODUCT.md): parsed and checked into plain specifications.

Every mistake is reported with the file's line and the key, in French, before anything is written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from desktop.domain.errors import StructureError
from desktop.domain.scheduling import WEEKDAYS

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class HospitalSpec:
    name: str
    timezone: str = "Europe/Paris"
    country_holidays: str | None = None
    booking_url: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SiteSpec:
    code: str
    name: str
    address: str = ""


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    site: str


@dataclass(frozen=True)
class VisitReasonSpec:
    code: str
    department: str
    label: str
    duration_min: int
    online: bool = False
    new_patients: bool = True
    min_notice_hours: int | None = None
    color: str = "#4f7fd9"
    instructions: str = ""


@dataclass(frozen=True)
class PractitionerSpec:
    code: str
    name: str
    department: str
    rpps: str | None = None


@dataclass(frozen=True)
class OpeningSpec:
    practitioner: str
    site: str
    weekday: int
    start: time
    end: time
    step_min: int
    visit_reasons: tuple[str, ...]
    weeks: str = "all"
    valid_from: date = date(2000, 1, 1)
    valid_to: date | None = None


@dataclass(frozen=True)
class AbsenceSpec:
    practitioner: str
    start: datetime  # naive local wall time, or aware when the file gave an offset
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class ClosureSpec:
    site: str
    date_from: date
    date_to: date
    reason: str = ""


@dataclass(frozen=True)
class StructureSpec:
    hospital: HospitalSpec | None
    sites: tuple[SiteSpec, ...] = ()
    departments: tuple[DepartmentSpec, ...] = ()
    visit_reasons: tuple[VisitReasonSpec, ...] = ()
    practitioners: tuple[PractitionerSpec, ...] = ()
    openings: tuple[OpeningSpec, ...] = ()
    absences: tuple[AbsenceSpec, ...] = ()
    closures: tuple[ClosureSpec, ...] = ()
    lines: dict[tuple[str, int, str], int] = field(default_factory=dict, compare=False)


SECTIONS = {
    "hospital": False,
    "sites": True,
    "departments": True,
    "visit_reasons": True,
    "practitioners": True,
    "openings": True,
    "absences": True,
    "closures": True,
}


class _Reader:
    """Reads one table of the file, remembering where each key is for error messages."""

    def __init__(self, source: str, text: str, section: str, index: int, table: Any) -> None:
        self.source, self.text, self.section, self.index = source, text, section, index
        if not isinstance(table, dict):
            self.fail("", "ce doit être une table")
        self.table: dict[str, Any] = table

    def where(self, key: str) -> str:
        line = locate(self.text, self.section, self.index, key)
        header = (
            f"[{self.section}]"
            if not SECTIONS[self.section]
            else (f"[[{self.section}]] n° {self.index + 1}")
        )
        place = f"{self.source}, ligne {line}" if line else self.source
        return f"{place}, {header}" + (f", clé « {key} »" if key else "")

    def fail(self, key: str, problem: str):
        raise StructureError(f"{self.where(key)} : {problem}.")

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.table:
            if key not in allowed:
                self.fail(key, f"clé inconnue (clés permises : {', '.join(sorted(allowed))})")

    def get(self, key: str, kind: type | tuple[type, ...], required: bool = True, default=None):
        if key not in self.table:
            if required:
                self.fail(key, "clé obligatoire absente")
            return default
        value = self.table[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            names = {
                str: "du texte",
                int: "un nombre entier",
                bool: "true ou false",
                list: "une liste",
            }
            expected = (
                names.get(kind, "une valeur valide")
                if isinstance(kind, type)
                else ("une date ou un texte")
            )
            self.fail(key, f"{expected} attendu, pas « {value} »")
        if isinstance(value, str):
            value = value.strip()
            if required and not value:
                self.fail(key, "valeur vide")
        return value

    def code(self, key: str = "code") -> str:
        value = self.get(key, str)
        if len(value) > 40 or not re.match(r"^[A-Za-z0-9_.\-]+$", value):
            self.fail(key, f"code invalide « {value} » (lettres, chiffres, - _ . ; 40 au plus)")
        return value

    def wall_time(self, key: str) -> time:
        value = self.get(key, str)
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            self.fail(key, f"heure invalide « {value} » (attendu HH:MM)")
        if parsed.second or parsed.microsecond:
            self.fail(key, f"heure invalide « {value} » (attendu HH:MM)")
        return parsed

    def day(self, key: str, required: bool = True) -> date | None:
        value = self.get(key, (str, date), required)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"date invalide « {value} » (attendu AAAA-MM-JJ)")

    def moment(self, key: str) -> datetime:
        value = self.get(key, (str, datetime))
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            self.fail(key, f"date et heure invalides « {value} » (attendu AAAA-MM-JJTHH:MM)")

    def positive(self, key: str, maximum: int, required: bool = True) -> int | None:
        value = self.get(key, int, required)
        if value is not None and not 0 < value <= maximum:
            self.fail(key, f"{value} hors des bornes (de 1 à {maximum})")
        return value


def locate(text: str, section: str, index: int, key: str) -> int | None:
    """The 1-based line of ``key`` in the ``index``-th ``[[section]]`` (or ``[section]``)."""
    header = re.compile(rf"^\s*\[\[?\s*{re.escape(section)}\s*\]\]?\s*(#.*)?$")
    any_header = re.compile(r"^\s*\[")
    key_line = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=") if key else None
    seen = -1
    inside = False
    header_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            seen += 1
            inside = seen == index
            if inside:
                header_line = number
            continue
        if any_header.match(line):
            if inside:
                break
            continue
        if inside and key_line is not None and key_line.match(line):
            return number
    return header_line


def parse_structure(text: str, source: str = "structure") -> StructureSpec:
    """Parse and check a structure file; ``StructureError`` names the line and key of a mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StructureError(f"{source} : syntaxe TOML invalide ({_french_toml(exc)}).") from exc
    for key, value in data.items():
        if key not in SECTIONS:
            raise StructureError(
                f"{source}, section inconnue « {key} » (sections permises : {', '.join(SECTIONS)})."
            )
        if SECTIONS[key] and not isinstance(value, list):
            raise StructureError(f"{source} : « {key} » doit s'écrire [[{key}]].")

    def readers(section: str):
        return [
            _Reader(source, text, section, i, table)
            for i, table in enumerate(data.get(section, []))
        ]

    hospital = (
        _hospital(_Reader(source, text, "hospital", 0, data["hospital"]))
        if ("hospital" in data)
        else None
    )
    spec = StructureSpec(
        hospital=hospital,
        sites=tuple(_site(r) for r in readers("sites")),
        departments=tuple(_department(r) for r in readers("departments")),
        visit_reasons=tuple(_visit_reason(r) for r in readers("visit_reasons")),
        practitioners=tuple(_practitioner(r) for r in readers("practitioners")),
        openings=tuple(_opening(r) for r in readers("openings")),
        absences=tuple(_absence(r) for r in readers("absences")),
        closures=tuple(_closure(r) for r in readers("closures")),
    )
    _check_unique(spec, source, text)
    return spec


def _french_toml(exc: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if match:
        return f"ligne {match.group(1)}, colonne {match.group(2)}"
    return str(exc)


def _hospital(r: _Reader) -> HospitalSpec:
    r.check_keys({"name", "timezone", "country_holidays", "booking_url", "phone"})
    url = r.get("booking_url", str, False, "")
    if url and not re.match(r"^https?://", url):
        r.fail("booking_url", f"adresse invalide « {url} » (attendu https://…)")
    return HospitalSpec(
        name=r.get("name", str),
        timezone=r.get("timezone", str, False, "Europe/Paris"),
        country_holidays=r.get("country_holidays", str, False) or None,
        booking_url=url,
        phone=r.get("phone", str, False, ""),
    )


def _site(r: _Reader) -> SiteSpec:
    r.check_keys({"code", "name", "address"})
    return SiteSpec(r.code(), r.get("name", str), r.get("address", str, False, ""))


def _department(r: _Reader) -> DepartmentSpec:
    r.check_keys({"code", "name", "site"})
    return DepartmentSpec(r.code(), r.get("name", str), r.code("site"))


def _visit_reason(r: _Reader) -> VisitReasonSpec:
    r.check_keys(
        {
            "code",
            "department",
            "label",
            "duration_min",
            "online",
            "new_patients",
            "min_notice_hours",
            "color",
            "instructions",
        }
    )
    color = r.get("color", str, False, "#4f7fd9")
    if not _COLOR.match(color):
        r.fail("color", f"couleur invalide « {color} » (attendu #RRVVBB)")
    return VisitReasonSpec(
        code=r.code(),
        department=r.code("department"),
        label=r.get("label", str),
        duration_min=r.positive("duration_min", 720),
        online=r.get("online", bool, False, False),
        new_patients=r.get("new_patients", bool, False, True),
        min_notice_hours=r.positive("min_notice_hours", 24 * 365, False),
        color=color,
        instructions=r.get("instructions", str, False, ""),
    )


def _practitioner(r: _Reader) -> PractitionerSpec:
    r.check_keys({"code", "name", "department", "rpps"})
    rpps = r.get("rpps", str, False)
    if rpps and not re.match(r"^\d{11}$", rpps):
        r.fail("rpps", f"numéro RPPS invalide « {rpps} » (11 chiffres)")
    return PractitionerSpec(r.code(), r.get("name", str), r.code("department"), rpps or None)


def _opening(r: _Reader) -> OpeningSpec:
    r.check_keys(
        {
            "practitioner",
            "site",
            "weekday",
            "start",
            "end",
            "step_min",
            "visit_reasons",
            "weeks",
            "valid_from",
            "valid_to",
        }
    )
    weekday = r.get("weekday", str).lower()
    if weekday not in WEEKDAYS:
        r.fail("weekday", f"jour inconnu « {weekday} » (attendu : {', '.join(WEEKDAYS)})")
    start, end = r.wall_time("start"), r.wall_time("end")
    if end <= start:
        r.fail("end", f"la fin ({end:%H:%M}) doit suivre le début ({start:%H:%M})")
    reasons = r.get("visit_reasons", list)
    if not reasons or not all(isinstance(v, str) and v.strip() for v in reasons):
        r.fail("visit_reasons", "une liste non vide de codes de motifs est attendue")
    weeks = r.get("weeks", str, False, "all")
    if weeks not in ("all", "even", "odd"):
        r.fail("weeks", f"valeur inconnue « {weeks} » (attendu : all, even ou odd)")
    valid_from = r.day("valid_from", False) or date(2000, 1, 1)
    valid_to = r.day("valid_to", False)
    if valid_to is not None and valid_to < valid_from:
        r.fail("valid_to", f"la fin de validité ({valid_to:%d/%m/%Y}) précède son début")
    return OpeningSpec(
        practitioner=r.code("practitioner"),
        site=r.code("site"),
        weekday=WEEKDAYS.index(weekday),
        start=start,
        end=end,
        step_min=r.positive("step_min", 720),
        visit_reasons=tuple(v.strip() for v in reasons),
        weeks=weeks,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _absence(r: _Reader) -> AbsenceSpec:
    r.check_keys({"practitioner", "start", "end", "reason"})
    start, end = r.moment("start"), r.moment("end")
    if (start.tzinfo is None) != (end.tzinfo is None):
        r.fail("end", "le début et la fin doivent être tous deux avec ou sans fuseau")
    if end <= start:
        r.fail("end", "la fin de l'absence doit suivre son début")
    return AbsenceSpec(r.code("practitioner"), start, end, r.get("reason", str, False, ""))


def _closure(r: _Reader) -> ClosureSpec:
    r.check_keys({"site", "from", "to", "reason"})
    date_from, date_to = r.day("from"), r.day("to")
    if date_to < date_from:
        r.fail("to", f"la fin ({date_to:%d/%m/%Y}) précède le début ({date_from:%d/%m/%Y})")
    return ClosureSpec(r.code("site"), date_from, date_to, r.get("reason", str, False, ""))


def _check_unique(spec: StructureSpec, source: str, text: str) -> None:
    for section in ("sites", "departments", "visit_reasons", "practitioners"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(spec, section)):
            if item.code in seen:
                line = locate(text, section, index, "code")
                raise StructureError(
                    f"{source}, ligne {line}, [[{section}]] n° {index + 1}, clé « code » : "
                    f"le code « {item.code} » apparaît deux fois."
                )
            seen.add(item.code)
