"""The texts of reminder SMS: kinds, French templates, rendering and length in SMS segments.

Templates take placeholders between braces: ``{date}``, ``{heure}``, ``{site}``, ``{adresse}``,
``{telephone}`` (the hospital's), and ``{praticien}``, ``{specialite}``, ``{motif}``,
``{details}`` — these four carry health information and render **empty** unless the hospital
turned the matching setting on. The default templates carry none of them but ``{details}``,
which stays empty by default. The four ``request_*`` kinds tell a patient what became of an
online booking request; they never carry the secretariat's reason for a decision.

Length: an SMS holds 160 GSM-7 characters (153 per part once split; the extension characters
``^{}\\[~]|€`` count twice and never straddle two parts), or 70 UCS-2 code units (67 per part)
as soon as one character is outside GSM-7 — "ô", "ê" or "ç" are, "é", "è" and "à" are not.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.errors import InvalidInput


class ReminderKind(StrEnum):
    """What a reminder SMS says."""

    CONFIRMATION = "confirmation"
    DAY_BEFORE = "day_before"
    TWO_DAYS_BEFORE = "two_days_before"
    CANCELLED = "cancelled"
    MOVED = "moved"
    # About an online booking request (no appointment yet): received and held, another slot
    # proposed, declined, or its hold ran out without an answer.
    REQUEST_HELD = "request_held"
    REQUEST_PROPOSED = "request_proposed"
    REQUEST_DECLINED = "request_declined"
    REQUEST_EXPIRED = "request_expired"

    @property
    def label(self) -> str:
        """French label for screens."""
        return KIND_LABELS[self]

    @property
    def about_request(self) -> bool:
        """Whether the SMS is about a booking request rather than an appointment."""
        return self.value.startswith("request_")


KIND_LABELS = {
    ReminderKind.CONFIRMATION: "Confirmation",
    ReminderKind.DAY_BEFORE: "Rappel la veille",
    ReminderKind.TWO_DAYS_BEFORE: "Rappel l'avant-veille",
    ReminderKind.CANCELLED: "Annulation",
    ReminderKind.MOVED: "Déplacement",
    ReminderKind.REQUEST_HELD: "Demande reçue",
    ReminderKind.REQUEST_PROPOSED: "Autre créneau proposé",
    ReminderKind.REQUEST_DECLINED: "Demande refusée",
    ReminderKind.REQUEST_EXPIRED: "Demande expirée",
}
PUBLIC_FIELDS = ("date", "heure", "site", "adresse", "telephone")
HEALTH_FIELDS = ("praticien", "specialite", "motif", "details")
TEMPLATE_FIELDS = PUBLIC_FIELDS + HEALTH_FIELDS
MAX_TEMPLATE = 600

_PLACE = "le {date} à {heure}{details}, {site}, {adresse}."
DEFAULT_TEMPLATES = {
    ReminderKind.CONFIRMATION: (
        f"Rendez-vous confirmé {_PLACE} Pour le déplacer ou l'annuler : {{telephone}}"
    ),
    ReminderKind.DAY_BEFORE: (
        f"Rappel : rendez-vous {_PLACE} Si vous ne pouvez pas venir : {{telephone}}"
    ),
    ReminderKind.TWO_DAYS_BEFORE: (
        f"Rappel : rendez-vous {_PLACE} Si vous ne pouvez pas venir : {{telephone}}"
    ),
    ReminderKind.CANCELLED: (
        "Votre rendez-vous du {date} à {heure} ({site}) est annulé. "
        "Pour en prendre un autre : {telephone}"
    ),
    ReminderKind.MOVED: (
        "Votre rendez-vous est déplacé au {date} à {heure}{details}, {site}, {adresse}. "
        "Pour le modifier : {telephone}"
    ),
    # A request's texts never give the secretariat's reason for a decision (it may be health
    # data): declined says so, the patient may call.
    ReminderKind.REQUEST_HELD: (
        "Demande enregistrée : rendez-vous le {date} à {heure}{details}, {site}. "
        "Le secrétariat vous le confirmera par SMS. Contact : {telephone}"
    ),
    ReminderKind.REQUEST_PROPOSED: (
        "En réponse à votre demande, le secrétariat vous propose un rendez-vous le {date} à "
        "{heure}{details}, {site}, {adresse}. Pour l'accepter, appelez le {telephone}"
    ),
    ReminderKind.REQUEST_DECLINED: (
        "Nous ne pouvons pas donner suite à votre demande de rendez-vous du {date} à {heure} "
        "({site}). Pour un autre rendez-vous : {telephone}"
    ),
    ReminderKind.REQUEST_EXPIRED: (
        "Votre demande du {date} à {heure} ({site}) n'a pas été confirmée à temps : le créneau "
        "est libéré. Pour prendre rendez-vous : {telephone}"
    ),
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "})
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE = re.compile(r" +([,.])")
_DANGLING = re.compile(r"\s*[,:]\s*(?=[.,;)]|$)")


@dataclass(frozen=True, slots=True)
class MessageFields:
    """What a template may say; the last three only when the hospital allows it."""

    date: str
    heure: str
    site: str
    adresse: str
    telephone: str
    praticien: str = ""
    specialite: str = ""
    motif: str = ""


@dataclass(frozen=True, slots=True)
class Disclosure:
    """Which health details the hospital lets SMS carry (none by default)."""

    practitioner: bool = False
    specialty: bool = False
    visit_reason: bool = False


@dataclass(frozen=True, slots=True)
class SmsLength:
    """The length of a text in SMS: its encoding, its units (septets or UTF-16 code units) and
    how many SMS it takes."""

    encoding: str
    units: int
    segments: int

    def describe(self) -> str:
        """ "2 SMS (GSM-7, 190 caractères)" for the template editor."""
        what = "caractères" if self.encoding == "GSM-7" else "caractères Unicode"
        return f"{self.segments} SMS ({self.encoding}, {self.units} {what})"


def clean(text: str) -> str:
    """NFC; typographic apostrophes and non-breaking spaces made plain (they would turn a whole
    SMS into UCS-2); control and bidirectional characters removed; spaces collapsed."""
    text = unicodedata.normalize("NFC", text or "").translate(_TYPOGRAPHIC)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return _SPACE_BEFORE.sub(r"\1", _SPACES.sub(" ", text)).strip()


def is_gsm7(text: str) -> bool:
    """Whether every character has a GSM-7 code (basic table or extension)."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def sms_length(text: str) -> SmsLength:
    """How many SMS the text takes, counted as the network does (see the module docstring)."""
    if is_gsm7(text):
        units = [2 if ch in GSM7_EXTENSION else 1 for ch in text]
        return SmsLength("GSM-7", sum(units), _segments(units, 160, 153))
    units = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    return SmsLength("UCS-2", sum(units), _segments(units, 70, 67))


def _segments(units: list[int], single: int, part: int) -> int:
    total = sum(units)
    if total == 0:
        return 0
    if total <= single:
        return 1
    segments, used = 1, 0
    for size in units:  # a two-unit character never straddles two parts
        if used + size > part:
            segments, used = segments + 1, 0
        used += size
    return segments


def check_template(kind: ReminderKind | str, text: str) -> str:
    """A template, cleaned and checked: known placeholders only, balanced braces, not empty."""
    label = ReminderKind(kind).label
    text = clean(text)
    if not text:
        raise InvalidInput(f"Modèle « {label} » : le texte est vide.")
    if len(text) > MAX_TEMPLATE:
        raise InvalidInput(f"Modèle « {label} » : {MAX_TEMPLATE} caractères au plus.")
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidInput(
            f"Modèle « {label} » : accolade mal fermée (écrivez par exemple {{date}})."
        ) from exc
    allowed = ", ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS)
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS or spec or conversion:
            raise InvalidInput(
                f"Modèle « {label} » : champ inconnu {{{name}}} (champs permis : {allowed})."
            )
    return text


def check_templates(templates) -> tuple[tuple[str, str], ...]:
    """Template overrides as ``(kind, text)`` pairs in the kinds' order, each checked; a text
    equal to the default is not kept (the default may improve later)."""
    try:
        given = dict(templates.items() if hasattr(templates, "items") else templates)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("Modèles de SMS : une liste (type, texte) est attendue.") from exc
    unknown = [k for k in given if k not in {kind.value for kind in ReminderKind}]
    if unknown:
        raise InvalidInput(f"Modèle de SMS inconnu : « {unknown[0]} ».")
    kept = []
    for kind in ReminderKind:
        if kind.value in given:
            text = check_template(kind, str(given[kind.value]))
            if text != clean(DEFAULT_TEMPLATES[kind]):
                kept.append((kind.value, text))
    return tuple(kept)


def render(template: str, fields: MessageFields, disclosure: Disclosure = Disclosure()) -> str:
    """The SMS text: placeholders filled, health details only where the hospital allows them.

    An empty value leaves no dangling punctuation ("Site, ." becomes "Site.").
    """

    def plain(value: str, shown: bool = True) -> str:
        return clean(value).replace("\n", " ") if shown else ""

    practitioner = plain(fields.praticien, disclosure.practitioner)
    specialty = plain(fields.specialite, disclosure.specialty)
    reason = plain(fields.motif, disclosure.visit_reason)
    details = ", ".join(x for x in (practitioner, specialty, reason) if x)
    values = {
        "date": plain(fields.date),
        "heure": plain(fields.heure),
        "site": plain(fields.site),
        "adresse": plain(fields.adresse),
        "telephone": plain(fields.telephone),
        "praticien": practitioner,
        "specialite": specialty,
        "motif": reason,
        "details": f" ({details})" if details else "",
    }
    try:
        text = template.format_map(values)
    except (KeyError, ValueError, IndexError):
        text = template  # a damaged stored template: sent as is, never an exception
    text = text.replace("()", "")
    for _ in range(3):
        text = _DANGLING.sub("", text)
    return clean(text)


def french_date(local_day) -> str:
    """ "mardi 16/03": short (an SMS is read days before, not a year), GSM-7 whatever the day."""
    return f"{WEEKDAYS[local_day.weekday()]} {local_day:%d/%m}"


def french_time(local_time) -> str:
    """ "09h30", the way French SMS write a time."""
    return f"{local_time:%H}h{local_time:%M}"
