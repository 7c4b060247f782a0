"""The keys of the booking panel, registered for the shortcuts sheet (F1).

``action=True`` entries are real shortcuts (QAction / QShortcut); the others are keys the
panel's widgets handle themselves, listed so that the sheet tells the whole keyboard path.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.ui.shortcuts import register

# The shortcuts sheet lists this group after its own ones.
GROUP_BOOKING = QT_TRANSLATE_NOOP("Shortcuts", "Prise de rendez-vous")
_G = GROUP_BOOKING

OPEN = register(
    "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "Prendre un rendez-vous (ou F2)"), GROUP_BOOKING
)
OPEN_F2 = register(
    "F2", QT_TRANSLATE_NOOP("Shortcuts", "Prendre un rendez-vous (comme Ctrl+N)"), GROUP_BOOKING
)
NEW_PATIENT = register(
    "Ctrl+Shift+N", QT_TRANSLATE_NOOP("Shortcuts", "Nouveau patient, puis son rendez-vous"), _G
)
BOOK_ANYWHERE = register(
    "Ctrl+Return", QT_TRANSLATE_NOOP("Shortcuts", "Réserver le créneau choisi"), _G
)
CLOSE = register(
    "Esc", QT_TRANSLATE_NOOP("Shortcuts", "Fermer sans rien enregistrer"), _G, action=False
)
for _keys, _text in (
    ("Down", QT_TRANSLATE_NOOP("Shortcuts", "Patient suivant dans les résultats (↑ précédent)")),
    ("Return", QT_TRANSLATE_NOOP("Shortcuts", "Choisir le patient, le motif, réserver le créneau")),
    ("Tab", QT_TRANSLATE_NOOP("Shortcuts", "Accepter le motif proposé")),
    ("Alt+P", QT_TRANSLATE_NOOP("Shortcuts", "Aller au patient")),
    ("Alt+M", QT_TRANSLATE_NOOP("Shortcuts", "Aller au motif")),
    ("Alt+R", QT_TRANSLATE_NOOP("Shortcuts", "Choisir le praticien (ou tout le service)")),
    ("Alt+O", QT_TRANSLATE_NOOP("Shortcuts", "Matin, après-midi ou toute la journée")),
    ("Alt+D", QT_TRANSLATE_NOOP("Shortcuts", "À partir de quelle date")),
):
    register(_keys, _text, _G, action=False)
