"""The structure file written back: ``parse_structure(structure_toml(spec))`` gives ``spec`` again.

Every key is written, optional ones only when set; texts are TOML basic strings. Absences carry
their UTC offset (``2027-08-02T00:00+02:00``) so that a time repeated by the autumn change is
exported exactly.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

from desktop.domain.scheduling import WEEKDAYS
from desktop.domain.structure import StructureSpec

HEADER = (
    "# Structure de l'hôpital exportée par Créneau.\n"
    "# Se recharge avec « creneau import-structure FICHIER » ou depuis l'écran Administration.\n"
)


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, DEL aside (TOML wants it escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return toml_string(value.isoformat(timespec="minutes"))
    if isinstance(value, date):
        return toml_string(value.isoformat())
    if isinstance(value, time):
        return toml_string(value.strftime("%H:%M"))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return toml_string(str(value))


def _table(header: str, pairs: list[tuple[str, object]]) -> str:
    lines = [header]
    lines += [f"{key} = {_value(value)}" for key, value in pairs if value is not None]
    return "\n".join(lines) + "\n"


def structure_toml(spec: StructureSpec) -> str:
    """The structure file of ``spec`` (hospital, sites, departments, reasons, practitioners,
    openings, absences, closures), in that order."""
    parts = [HEADER]
    h = spec.hospital
    if h is not None:
        parts.append(
            _table(
                "[hospital]",
                [
                    ("name", h.name),
                    ("timezone", h.timezone),
                    ("country_holidays", h.country_holidays),
                    ("booking_url", h.booking_url or None),
                    ("phone", h.phone or None),
                ],
            )
        )
    for s in spec.sites:
        parts.append(
            _table(
                "[[sites]]", [("code", s.code), ("name", s.name), ("address", s.address or None)]
            )
        )
    for d in spec.departments:
        parts.append(
            _table("[[departments]]", [("code", d.code), ("name", d.name), ("site", d.site)])
        )
    for v in spec.visit_reasons:
        parts.append(
            _table(
                "[[visit_reasons]]",
                [
                    ("code", v.code),
                    ("department", v.department),
                    ("label", v.label),
                    ("duration_min", v.duration_min),
                    ("online", v.online),
                    ("new_patients", v.new_patients),
                    ("min_notice_hours", v.min_notice_hours),
                    ("color", v.color),
                    ("instructions", v.instructions or None),
                ],
            )
        )
    for p in spec.practitioners:
        parts.append(
            _table(
                "[[practitioners]]",
                [
                    ("code", p.code),
                    ("name", p.name),
                    ("department", p.department),
                    ("rpps", p.rpps),
                ],
            )
        )
    for o in spec.openings:
        parts.append(
            _table(
                "[[openings]]",
                [
                    ("practitioner", o.practitioner),
                    ("site", o.site),
                    ("weekday", WEEKDAYS[o.weekday]),
                    ("start", o.start),
                    ("end", o.end),
                    ("step_min", o.step_min),
                    ("visit_reasons", list(o.visit_reasons)),
                    ("weeks", o.weeks),
                    ("valid_from", o.valid_from),
                    ("valid_to", o.valid_to),
                ],
            )
        )
    for a in spec.absences:
        parts.append(
            _table(
                "[[absences]]",
                [
                    ("practitioner", a.practitioner),
                    ("start", a.start),
                    ("end", a.end),
                    ("reason", a.reason or None),
                ],
            )
        )
    for c in spec.closures:
        parts.append(
            _table(
                "[[closures]]",
                [
                    ("site", c.site),
                    ("from", c.date_from),
                    ("to", c.date_to),
                    ("reason", c.reason or None),
                ],
            )
        )
    return "\n".join(parts)
