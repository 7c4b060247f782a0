"""The structure file (TOML, see PRODUCT.md): parsed and checked into plain specifications.

Every mistake is reported with the file's line and the key, in French, before anything is written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from desktop.domain.errors import InvalidInput, StructureError
from desktop.domain.phones import parse_phone
from desktop.domain.scheduling import WEEKDAYS, AgendaCalendar

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_WALL_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# Longest texts the database keeps (the columns' lengths), refused beyond with a clear message.
MAX_NAME = 200
MAX_ADDRESS = 500
MAX_URL = 500
MAX_REASON = 200


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

    def get(
        self,
        key: str,
        kind: type | tuple[type, ...],
        required: bool = True,
        default=None,
        maximum: int | None = None,
    ):
        if key not in self.table:
            if required:
                self.fail(key, "clé obligatoire absente")
            return default
        value = self.table[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            expected = {
                str: "du texte attendu",
                int: "un nombre entier attendu",
                bool: "true ou false attendu",
                list: "une liste attendue",
            }.get(kind, "une date ou un texte attendu")
            shown = str(value).lower() if isinstance(value, bool) else value
            self.fail(key, f"{expected}, pas « {shown} »")
        if isinstance(value, str):
            value = value.strip()
            if required and not value:
                self.fail(key, "valeur vide")
            if maximum is not None and len(value) > maximum:
                self.fail(key, f"texte trop long ({len(value)} caractères, {maximum} au plus)")
        return value

    def code(self, key: str = "code") -> str:
        value = self.get(key, str)
        if len(value) > 40 or not re.match(r"^[A-Za-z0-9_.\-]+$", value):
            self.fail(key, f"code invalide « {value} » (lettres, chiffres, - _ . ; 40 au plus)")
        return value

    def wall_time(self, key: str) -> time:
        value = self.get(key, str)
        match = _WALL_TIME.match(value)
        if not match:
            self.fail(key, f"heure invalide « {value} » (attendu HH:MM, de 00:00 à 23:59)")
        return time(int(match.group(1)), int(match.group(2)))

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


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*[=.]""")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _scan(text: str):
    """``(line, "header", path)`` and ``(line, "key", first part)`` of a TOML text, in order.

    The lines inside a multi-line string are skipped, so that a ``[x]`` or ``key =`` written in
    a text is not taken for a table or a key.
    """
    open_string = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if open_string:
            if line.count(open_string) % 2:
                open_string = ""
            continue
        header = _HEADER.match(line)
        if header:
            yield number, "header", tuple(_unquote(p) for p in header.group(2).split("."))
            continue
        key = _KEY.match(line)
        if key:
            yield number, "key", _unquote(key.group(1))
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2:
                open_string = quotes
                break


def locate(text: str, section: str, index: int, key: str) -> int | None:
    """The 1-based line of ``key`` in the ``index``-th ``[[section]]`` (or ``[section]``).

    Without the key (missing, or ``key`` empty), the line of the table's header; a sub-table
    ``[section.key]`` counts as the key's line. None when the table cannot be found.
    """
    seen = -1
    inside = in_sub_table = False
    header_line = None
    top_level = True
    for number, kind, value in _scan(text):
        if kind == "header":
            top_level = False
            if value == (section,):
                seen += 1
                inside, in_sub_table = seen == index, False
                if inside:
                    header_line = number
            elif inside and len(value) > 1 and value[0] == section:
                in_sub_table = True
                if key and value[1] == key:
                    return number
            elif inside:
                break
        elif inside and not in_sub_table and key and value == key:
            return number
        elif top_level and header_line is None and value == section:
            header_line = number  # "section = …" written as a key of the document
    return header_line


def _top_level_line(text: str, name: str) -> int | None:
    """The line where the document's key or table ``name`` first appears."""
    top_level = True
    for number, kind, value in _scan(text):
        if kind == "header":
            top_level = False
            if value[0] == name:
                return number
        elif top_level and value == name:
            return number
    return None


def parse_structure(text: str, source: str = "structure") -> StructureSpec:
    """Parse and check a structure file; ``StructureError`` names the line and key of a mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StructureError(_french_toml(exc, text, source)) from exc
    for key, value in data.items():
        line = _top_level_line(text, key)
        place = f"{source}, ligne {line}" if line else source
        if key not in SECTIONS:
            raise StructureError(
                f"{place}, section « {key} » : section inconnue "
                f"(sections permises : {', '.join(SECTIONS)})."
            )
        if SECTIONS[key] and not isinstance(value, list):
            raise StructureError(
                f"{place}, section « {key} » : elle doit s'écrire [[{key}]], une fois par élément."
            )

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


_TOML_PROBLEMS = {
    "Invalid value": "valeur invalide (texte entre guillemets, nombre, true/false, date ou liste)",
    "Cannot overwrite a value": "clé donnée deux fois",
    "Cannot declare": "table déclarée deux fois",
    "Unterminated string": "texte non terminé (guillemet fermant manquant)",
    "Expected '=' after a key": "« = » attendu après la clé",
    "Expected newline or end of document after a statement": "fin de ligne attendue",
    "Expected ']' at the end of a table declaration": "« ] » attendu à la fin de l'en-tête",
    "Expected ']]' at the end of an array declaration": "« ]] » attendu à la fin de l'en-tête",
    "Unclosed array": "liste non fermée",
    "Invalid statement": "instruction invalide",
    "Illegal character": "caractère interdit",
    "Invalid initial character for a key part": "nom de clé invalide",
}


def _french_toml(exc: tomllib.TOMLDecodeError, text: str, source: str) -> str:
    """The TOML syntax error in French, with its line and column."""
    message = str(exc)
    problem = next(
        (french for english, french in _TOML_PROBLEMS.items() if message.startswith(english)),
        "erreur de syntaxe",
    )
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
    else:  # "(at end of document)": the last line
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    return f"{source}, ligne {line}, colonne {column} : syntaxe TOML invalide ({problem})."


def _hospital(r: _Reader) -> HospitalSpec:
    r.check_keys({"name", "timezone", "country_holidays", "booking_url", "phone"})
    url = r.get("booking_url", str, False, "", MAX_URL)
    if url and not re.match(r"^https?://\S+$", url):
        r.fail("booking_url", f"adresse invalide « {url} » (attendu https://…)")
    timezone = r.get("timezone", str, False, "Europe/Paris", 64)
    try:
        AgendaCalendar(timezone)
    except InvalidInput:
        r.fail("timezone", f"fuseau horaire inconnu « {timezone} » (par exemple Europe/Paris)")
    country = r.get("country_holidays", str, False) or None
    if country is not None:
        try:
            AgendaCalendar(timezone, country)
        except InvalidInput:
            r.fail("country_holidays", f"pays inconnu « {country} » (par exemple FR)")
    phone = r.get("phone", str, False, "")
    if phone:
        try:
            phone = parse_phone(phone).e164
        except InvalidInput as exc:
            r.fail("phone", exc.message.rstrip("."))
    return HospitalSpec(
        name=r.get("name", str, maximum=MAX_NAME),
        timezone=timezone,
        country_holidays=country,
        booking_url=url,
        phone=phone,
    )


def _site(r: _Reader) -> SiteSpec:
    r.check_keys({"code", "name", "address"})
    return SiteSpec(
        r.code(),
        r.get("name", str, maximum=MAX_NAME),
        r.get("address", str, False, "", MAX_ADDRESS),
    )


def _department(r: _Reader) -> DepartmentSpec:
    r.check_keys({"code", "name", "site"})
    return DepartmentSpec(r.code(), r.get("name", str, maximum=MAX_NAME), r.code("site"))


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
        label=r.get("label", str, maximum=MAX_NAME),
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
    return PractitionerSpec(
        r.code(), r.get("name", str, maximum=MAX_NAME), r.code("department"), rpps or None
    )


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
    reason = r.get("reason", str, False, "", MAX_REASON)
    return AbsenceSpec(r.code("practitioner"), start, end, reason)


def _closure(r: _Reader) -> ClosureSpec:
    r.check_keys({"site", "from", "to", "reason"})
    date_from, date_to = r.day("from"), r.day("to")
    if date_to < date_from:
        r.fail("to", f"la fin ({date_to:%d/%m/%Y}) précède le début ({date_from:%d/%m/%Y})")
    reason = r.get("reason", str, False, "", MAX_REASON)
    return ClosureSpec(r.code("site"), date_from, date_to, reason)


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
