"""French by default, English from Qt's translation files built from the sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.cli import build_parser
from desktop.domain.model import Role
from desktop.ui import i18n
from desktop.ui.application import create_application
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.roles import role_label

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
