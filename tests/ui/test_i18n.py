"""French by default, English from Qt's translation files built from the sources."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from desktop.cli import build_parser
from desktop.domain.cancellation import CANCEL_REASONS
from desktop.domain.history import ACTION_LABELS
from desktop.domain.model import Priority, Role, Status, TimeOfDay
from desktop.domain.permissions import Action
from desktop.ui import i18n, texts
from desktop.ui.application import create_application
from desktop.ui.booking import wording
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.appointment_table import COL_STATUS
from desktop.ui.roles import denied_message, role_label
from tests.fakes import SECRETARY
from tests.ui.scenes import MONDAY

TS = i18n.translations_dir() / i18n.TS_NAME
QM = i18n.translations_dir() / i18n.QM_NAME


def messages(ts) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.fixture
def english(qapp):
    app = create_application()
    assert i18n.apply_language(app, "en")
    yield app
    i18n.apply_language(app, "fr")


def test_the_compiled_file_translates_the_sign_in_dialog():
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("SignInDialog", "Se connecter") == "Sign in"
    assert translator.translate("SignInDialog", "&Mot de passe") == "&Password"
    assert translator.translate("roles", "médecin") == "physician"
    assert translator.translate("SignInRefused", "Identifiant ou mot de passe incorrect.") == (
        "Wrong login or password."
    )


def test_the_sign_in_dialog_speaks_english_when_asked(qtbot, hospital, english):
    dialog = SignInDialog(hospital.services.auth, workstation="desk-1")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sign in — Créneau"
    assert dialog.sign_in_button.text() == "Sign in"
    assert dialog.cancel_button.text() == "Cancel"
    assert dialog.login_edit.accessibleName() == "Login"
    assert role_label(Role.SECRETARY) == "secretary"
    assert QLocale().language() == QLocale.Language.English


def test_back_to_french_leaves_no_english_behind(qtbot, hospital, english):
    i18n.apply_language(english, "fr")
    dialog = SignInDialog(hospital.services.auth, workstation="poste")
    qtbot.addWidget(dialog)
    assert dialog.sign_in_button.text() == "Se connecter"
    assert role_label(Role.ADMIN) == "administrateur"
    assert QLocale().language() == QLocale.Language.French
    # Qt's own texts in French again, once.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    i18n.apply_language(english, "fr")
    names = [t.filePath() for t in english.findChildren(QTranslator) if t.filePath()]
    assert len([n for n in names if "qtbase" in n]) == 1


def test_the_language_is_chosen_by_option_then_environment_then_locale():
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    british = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert i18n.requested_language("en", {"CRENEAU_LANG": "fr"}, german) == "en"
    assert i18n.requested_language(None, {"CRENEAU_LANG": "en"}, german) == "en"
    assert i18n.requested_language(None, {"CRENEAU_LANG": "EN_gb"}, german) == "en"
    assert i18n.requested_language(None, {"CRENEAU_LANG": "fr"}, british) == "fr"
    assert i18n.requested_language(None, {}, british) == "en"
    assert i18n.requested_language(None, {}, german) == "fr"
    assert i18n.requested_language(None, {"CRENEAU_LANG": "klingon"}, QLocale.c()) == "fr"
    assert build_parser().parse_args(["gui", "--lang", "en"]).lang == "en"
    assert build_parser().parse_args(["gui"]).lang is None


def test_an_unknown_language_is_refused(qapp):
    with pytest.raises(ValueError):
        i18n.apply_language(qapp, "de")


def _needs(tool: str) -> None:
    # The tools ship with PySide6-Essentials: their absence is a broken install, not a skip.
    i18n._tool(tool)


def test_the_translation_source_is_up_to_date_with_the_code(tmp_path):
    """Fails when a text was added, changed or removed without running
    ``resources/translations/update.sh``."""
    _needs("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    i18n.lupdate(fresh)
    assert messages(fresh) == messages(TS)


def test_every_text_has_its_english_translation_and_is_compiled(tmp_path):
    assert i18n.unfinished_messages(TS) == []
    _needs("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    i18n.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes()


# --- the whole interface in English ------------------------------------------------------------

# Words of the French interface that must not be left in the English one (data aside).
FRENCH_WORDS = re.compile(
    r"\b(Rendez-vous|Patient arrivé|Aujourd'hui|Semaine|Jour|Annuler|Déplacer|Liste d'attente|"
    r"Praticien|Motif|Réservé|Arrivé|Confirmé|Fermer|Enregistrer|Choisissez|Prochains|"
    r"Secrétariat|Fiche|Nouveau|Heure|État|Précédent|Suivant|Réserver|Retirer|Ajouter|aucun|"
    r"Téléphones?|Historique|Base :|Service|Planning|Liste|Prénom|Nom|Sexe|Matin|Après-midi|"
    r"créneaux?|surbooking|à venir|Passés|Échap|Entrée|Maj)\b",
    re.IGNORECASE,
)


def signed_in_window(qtbot, services) -> MainWindow:
    window = MainWindow(services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_main_window_of_a_secretary_speaks_english(qtbot, hospital, english):
    window = signed_in_window(qtbot, hospital.services)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Secretariat" in menus
    toolbar = window.toolbar
    assert [toolbar.action_previous.text(), toolbar.action_today.text()] == ["‹  Previous", "Today"]
    assert toolbar.action_next.text() == "Next  ›"
    assert toolbar.action_today.toolTip() == "Back to today (Alt+Home)"
    assert [a.text() for a in toolbar.view_actions.values()] == ["Day", "Week"]
    assert toolbar.date_edit.text() == "Monday 15 March 2027"
    assert window.heading.planning_button.text() == "Schedule"
    assert window.heading.list_button.text() == "List"
    assert window.title_label.text() == "Monday 15 March 2027 · today"
    assert window.subtitle_label.text().startswith("Cardiologie · 2 practitioners · ")
    model = window.table_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:5] == ["Time", "Patient", "Visit reason", "Practitioner", "Status"]
    assert model.index(0, COL_STATUS).data() == "Booked"
    assert window.count_label.text().endswith(" appointments")
    assert window.database_label.text().startswith("Database: ")
    actions = window.appointment_actions
    assert [a.text() for a in actions.actions()] == [
        "&Arrived", "&Seen", "&No-show", "&Confirmed", "Back to “&Booked”",
        "&Move…", "Cance&l the appointment…",
    ]  # fmt: skip
    assert window.workspace.waitlist_dock.windowTitle() == "Waiting list"


def test_the_booking_panel_opened_in_english(qtbot, hospital, english):
    window = signed_in_window(qtbot, hospital.services)
    window.booking.open()
    panel = window.booking.panel
    assert window.booking.dock.windowTitle() == "Booking"
    assert window.booking.open_action.text() == "Book an appointment"
    assert panel.patients.title_label.text() == "&Patient"
    assert panel.patient_edit.placeholderText() == "Name, date of birth or phone"
    assert panel.new_patient_button.text() == "New patient (Ctrl+Shift+N)"
    assert panel.reason_edit.placeholderText() == "Visit reason label or code"
    assert panel.book_button.text() == "Book (Enter)"
    combo = panel.window_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["All day", "Morning", "Afternoon"]
    assert panel.practitioner_combo.itemText(0) == "The whole department"
    assert panel.proposals.title_label.text() == "Next free slots"
    patient = hospital.services.patients.search("Bernard", limit=1)[0]
    assert wording.patient_details(patient, MONDAY).startswith("born 12/04/1958 (68 years)")
    assert wording.slot_when(datetime(2027, 3, 22, 9, 0)) == "Mon 22 Mar 09:00"
    assert wording.slot_when(datetime(2027, 4, 1, 9, 0)) == "Thu 1 Apr 09:00"


def _texts_of(window: QWidget) -> list[str]:
    """Every text the window shows or says: actions, labels, buttons, headers, cells, combos,
    fields' placeholders, tool tips and accessible names, dock and menu titles."""
    found: list[str] = []
    for action in window.findChildren(QAction):
        found += [action.text(), action.toolTip(), action.statusTip()]
    for widget in window.findChildren(QWidget):
        found += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QDockWidget | QMenu):
            found += [widget.windowTitle(), getattr(widget, "title", str)()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            for column in range(columns):
                found.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount(root)):
                    index = model.index(row, column)
                    found += [
                        str(index.data() or ""),
                        str(index.data(Qt.ItemDataRole.ToolTipRole) or ""),
                    ]
    return [t for t in found if t]


def test_no_french_word_is_left_in_the_english_window(qtbot, hospital, english):
    services = hospital.services
    window = signed_in_window(qtbot, services)
    window.booking.open()
    workspace = window.workspace
    workspace.show_panel()
    workspace.waitlist_dock.show()
    window.table_view.selectRow(window.table_model.row_of(hospital.appointments["dupont-1030"].id))
    assert workspace.panel.appointment is not None
    data = sorted(
        {p.display_name for p in services.patients.search("", limit=1000)}
        | {p.name for p in services.agenda.practitioners()}
        | {v.label for v in services.agenda.visit_reasons()}
        | {d.name for d in services.agenda.departments()}
        | {services.structure.hospital().name, "Urgence"},
        key=len,
        reverse=True,
    )
    left = []
    for text in _texts_of(window):
        for value in data:
            text = text.replace(value, "")
        if FRENCH_WORDS.search(text):
            left.append(text)
    assert left == []


def test_the_interface_labels_of_the_domain_values_are_all_translated(english):
    for status in Status:
        assert texts.status_label(status) != status.label or status.label == "Vu"
    assert texts.status_label(Status.NO_SHOW) == "No-show"
    assert [texts.priority_label(p) for p in Priority] == ["Normal", "High", "Urgent"]
    assert [texts.time_of_day_label(t) for t in TimeOfDay] == ["Any time", "Morning", "Afternoon"]
    for action in ACTION_LABELS:
        assert texts.history_label(action) != ACTION_LABELS[action], action
    for action in Action:
        assert denied_message(action).startswith("Your role does not allow you to ")
        assert not FRENCH_WORDS.search(denied_message(action)), action
    for reason in CANCEL_REASONS:
        assert QCoreApplication.translate("CancelReasons", reason) != reason


def test_dates_and_counts_in_english_and_back_in_french(qapp, english):
    assert texts.long_date(date(2027, 4, 1)) == "Thursday 1 April 2027"
    assert texts.week_title(date(2026, 12, 28)) == "Week 53 — 28 December 2026 to 3 January 2027"
    assert texts.count(0, "appointment", "appointments") == "no appointments"
    assert texts.count(2, "practitioner") == "2 practitioners"
    i18n.apply_language(english, "fr")
    assert texts.long_date(date(2027, 4, 1)) == "jeudi 1er avril 2027"
    assert texts.count(0, "praticien") == "aucun praticien"
    assert texts.status_label(Status.NO_SHOW) == "Absent (lapin)"


def test_the_translation_source_has_no_unfinished_message():
    root = ET.parse(TS).getroot()
    translations = list(root.iter("translation"))
    assert len(translations) > 400
    assert [t for t in translations if t.get("type") == "unfinished" or not t.text] == []


# --- the administration, backups, SMS reminders and online requests in English -----------------

# Words of these screens' French texts that must not be left in their English ones.
SCREEN_WORDS = re.compile(
    r"\b(Enregistr\w*|Supprim\w*|Désactiv\w*|Réactiv\w*|Identifiant|Mot de passe|Plages?|"
    r"Fermetures?|Fermé|Hôpital|Rappels?|Passerelle|Envoy\w*|Envoi|Sauvegardes?|Dossier|"
    r"Demandes?|Accepter|Refuser|Proposer|Actualiser|Réessayer|Aperçu|Durée|Libellé|Consignes|"
    r"Couleur|Fuseau|fériés?|Semaines|Toutes|Tous|Paires?|Impaires?|oui|non|actif|Échéance|"
    r"Essais|Numéro|Réponse|Choisir|Importer|Exporter|Valable|jusqu'au|Compte|Rôle|Adresse|"
    r"Réglages?|Seuil|jamais|Requête|En-tête|Corps|Textes?|Champs|Exemple|Longueur|Annulés?|"
    r"Échecs?|En attente|aucune|Horaires|Motifs|Praticiens|Utilisateurs|Nouvelle|Nouveaux|"
    r"Réservable|Restaurer|Quitter|Lignes|Taille|Fichier|Afficher|Traitées|sem\.)\b",
    re.IGNORECASE,
)


def _screen_texts(widget: QWidget) -> list[str]:
    """``_texts_of`` and what forms and dialogs add: the window's own title and name, group box
    and tab titles, spin boxes' suffixes and special values, text areas' placeholders, rows'
    headers."""
    found = [*_texts_of(widget), widget.windowTitle(), widget.accessibleName()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QGroupBox):
            found.append(child.title())
        if isinstance(child, QTabWidget):
            found += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QSpinBox):
            found += [child.suffix(), child.specialValueText()]
        if isinstance(child, QPlainTextEdit | QLineEdit):
            found.append(child.placeholderText())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            found += [
                str(model.headerData(r, Qt.Orientation.Vertical) or "")
                for r in range(model.rowCount())
            ]
    return [t for t in found if t]


def _french_left(texts_: list[str], data: set[str]) -> list[str]:
    """The texts still holding a French word once the data (names, labels…) and the mnemonics'
    ampersands ("Ré&essayer") are taken out."""
    left = []
    for text in texts_:
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        for value in sorted((d for d in data if d), key=len, reverse=True):
            text = text.replace(value, "")
        if FRENCH_WORDS.search(text) or SCREEN_WORDS.search(text):
            left.append(text)
    return sorted(set(left))
