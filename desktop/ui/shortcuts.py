"""Every keyboard shortcut of Créneau, listed once: the actions take their keys from here and the
F1 sheet (``desktop.ui.dialogs.shortcuts``) lists them.

A part of the interface that adds a shortcut registers it at import time::

    BOOK = shortcuts.register("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "Prendre un rendez-vous"),
                              shortcuts.GROUP_APPOINTMENTS)
    action.setShortcut(BOOK.sequence)

Descriptions and groups are French source texts in the ``Shortcuts`` translation context
(``QT_TRANSLATE_NOOP`` lets ``pyside6-lupdate`` find them); the sheet translates them when shown.
Registering the same keys twice for two different things is an error: a conflict is found when
the module is imported, not by a user whose key does the wrong thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

CONTEXT = "Shortcuts"

GROUP_GENERAL = QT_TRANSLATE_NOOP("Shortcuts", "Général")
GROUP_NAVIGATION = QT_TRANSLATE_NOOP("Shortcuts", "Se déplacer dans l'agenda")
GROUP_APPOINTMENTS = QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous")
GROUP_LIST = QT_TRANSLATE_NOOP("Shortcuts", "Liste des rendez-vous")
GROUP_DIALOGS = QT_TRANSLATE_NOOP("Shortcuts", "Fenêtres de dialogue")
# The order in which the sheet shows the groups (groups registered later come after).
GROUP_ORDER = (
    GROUP_GENERAL,
    GROUP_NAVIGATION,
    GROUP_APPOINTMENTS,
    GROUP_LIST,
    GROUP_DIALOGS,
)


@dataclass(frozen=True)
class Shortcut:
    """Keys (portable text, "Alt+Left"), what they do and their group (French source texts)."""

    keys: str
    description: str
    group: str
    # False: keys handled by a widget itself (Enter in a list), not by a QAction or QShortcut.
    action: bool = True

    @property
    def sequence(self) -> QKeySequence:
        return QKeySequence(self.keys)

    def translated_description(self) -> str:
        return translated(self.description)

    def translated_group(self) -> str:
        return translated(self.group)


class ShortcutConflict(ValueError):
    """The same keys registered for two different things."""


class ShortcutRegistry:
    """Shortcuts in registration order.

    Keys of actions (``QAction`` / ``QShortcut``) are unique; keys a widget handles in its own
    context (Return in a list, Esc in a dialog) may appear in several groups.
    """

    def __init__(self) -> None:
        self._entries: list[Shortcut] = []

    def register(self, keys: str, description: str, group: str, *, action: bool = True):
        """Add a shortcut and return it; the same registration twice is harmless."""
        portable = portable_text(QKeySequence(keys))
        if not portable:
            raise ValueError(f"Not a key sequence: {keys!r}")
        entry = Shortcut(portable, description, group, action)
        if entry in self._entries:
            return entry
        if action:
            clash = self.find(portable)
            if clash is not None:
                raise ShortcutConflict(
                    f"{portable} is already {clash.description!r}, not {description!r}"
                )
        self._entries.append(entry)
        return entry

    def entries(self) -> list[Shortcut]:
        return list(self._entries)

    def find(self, sequence: QKeySequence | str) -> Shortcut | None:
        """The action registered for those keys (None when no action uses them)."""
        portable = portable_text(QKeySequence(sequence))
        return next((e for e in self._entries if e.action and e.keys == portable), None)

    def groups(self) -> list[tuple[str, list[Shortcut]]]:
        """(group, its shortcuts), the known groups first in ``GROUP_ORDER``."""
        found: dict[str, list[Shortcut]] = {g: [] for g in GROUP_ORDER}
        for entry in self._entries:
            found.setdefault(entry.group, []).append(entry)
        return [(g, items) for g, items in found.items() if items]


def translated(text: str) -> str:
    """A description or group in the interface's language."""
    return QCoreApplication.translate(CONTEXT, text)


def portable_text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


SHORTCUTS = ShortcutRegistry()


def register(keys: str, description: str, group: str = GROUP_GENERAL, *, action: bool = True):
    """Register a shortcut of the application (see the module's documentation)."""
    return SHORTCUTS.register(keys, description, group, action=action)


# --- the shortcuts of the main window ----------------------------------------------------------

HELP = register("F1", QT_TRANSLATE_NOOP("Shortcuts", "Afficher cette liste des raccourcis"))
LOCK = register("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Verrouiller la session maintenant"))
PREVIOUS = register(
    "Alt+Left",
    QT_TRANSLATE_NOOP("Shortcuts", "Jour précédent (semaine précédente en vue semaine)"),
    GROUP_NAVIGATION,
)
NEXT = register(
    "Alt+Right",
    QT_TRANSLATE_NOOP("Shortcuts", "Jour suivant (semaine suivante en vue semaine)"),
    GROUP_NAVIGATION,
)
TODAY = register(
    "Alt+Home", QT_TRANSLATE_NOOP("Shortcuts", "Revenir à aujourd'hui"), GROUP_NAVIGATION
)
LIST_SHOW = register(
    "Return",
    QT_TRANSLATE_NOOP("Shortcuts", "Montrer sur le planning le rendez-vous choisi dans la liste"),
    GROUP_LIST,
    action=False,
)
DIALOG_CONFIRM = register(
    "Return",
    QT_TRANSLATE_NOOP("Shortcuts", "Valider (bouton par défaut : se connecter, déverrouiller…)"),
    GROUP_DIALOGS,
    action=False,
)
DIALOG_CLOSE = register(
    "Esc",
    QT_TRANSLATE_NOOP("Shortcuts", "Fermer la fenêtre de dialogue sans rien changer"),
    GROUP_DIALOGS,
    action=False,
)
NEXT_FIELD = register(
    "Tab",
    QT_TRANSLATE_NOOP("Shortcuts", "Champ suivant (Maj+Tab : champ précédent)"),
    GROUP_DIALOGS,
    action=False,
)
