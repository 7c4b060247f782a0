"""The interface's language: French (the source texts) or English (``creneau_en.qm``).

The choice, first found wins: ``creneau gui --lang en|fr``, the ``CRENEAU_LANG`` environment
variable (``en`` / ``fr``), the system's locale (English → English), else French.

The translation files are built from the sources with Qt's tools::

    python -m desktop.ui.i18n          # or resources/translations/update.sh

runs ``pyside6-lupdate`` over ``desktop/ui`` (every ``self.tr`` / ``QCoreApplication.translate``
/ ``QT_TRANSLATE_NOOP``) into ``resources/translations/creneau_en.ts`` — translators fill it in
with Qt Linguist — and ``pyside6-lrelease`` into ``creneau_en.qm``.

What is translated: the interface's own texts (menus, actions, tool tips, accessible names,
headers, labels, dialogs, message bar), written in French in the sources, one translation
context per class (``self.tr``) or per module (``QCoreApplication.translate("Texts", …)``);
texts with values are templates (``self.tr("… {name} …").format(name=…)``) so that lupdate
sees a literal. The interface's labels of the domain's values (statuses, priorities…) are
translated too (``desktop.ui.texts``).

What stays French: the messages of the domain and the services (``CreneauError`` and its
subclasses: "Ce créneau vient d'être pris", refusals, database trouble) shown as they come —
except the sign-in refusals listed in ``desktop.ui.dialogs.signin`` —, the data (patients,
practitioners, departments, visit reasons, typed reasons and notes), the CLI and the PDF reports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.ui.application import FRENCH, resources_dir

ENV_LANG = "CRENEAU_LANG"
LANGUAGES = ("fr", "en")
FRENCH_CODE, ENGLISH_CODE = LANGUAGES
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
TS_NAME = "creneau_en.ts"
QM_NAME = "creneau_en.qm"
_TRANSLATOR_NAME = "creneauTranslator"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def requested_language(
    explicit: str | None = None,
    environ: Mapping[str, str] | None = None,
    system: QLocale | None = None,
) -> str:
    """ "fr" or "en": ``explicit`` (``--lang``), then ``CRENEAU_LANG``, then the system locale."""
    environ = os.environ if environ is None else environ
    for choice in (explicit, environ.get(ENV_LANG)):
        code = (choice or "").strip().lower()[:2]
        if code in LANGUAGES:
            return code
    system = QLocale.system() if system is None else system
    return ENGLISH_CODE if system.language() == QLocale.Language.English else FRENCH_CODE


def apply_language(app: QApplication, language: str) -> bool:
    """Install the translators of ``language`` (removing those of the other one); False when
    the English file could not be loaded (the interface then stays in French)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected one of {LANGUAGES})")
    for translator in app.findChildren(QTranslator):
        if translator.objectName() == _TRANSLATOR_NAME or _is_qt_french(translator):
            app.removeTranslator(translator)
            translator.setParent(None)
            translator.deleteLater()
    locale = ENGLISH if language == ENGLISH_CODE else FRENCH
    QLocale.setDefault(locale)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app, objectName=_TRANSLATOR_NAME)
    if qt_base.load(locale, "qtbase", "_", qt_path):
        app.installTranslator(qt_base)
    if language == FRENCH_CODE:
        return True
    ours = QTranslator(app, objectName=_TRANSLATOR_NAME)
    if not ours.load(str(translations_dir() / QM_NAME)):
        apply_language(app, FRENCH_CODE)
        return False
    app.installTranslator(ours)
    return True


def interface_locale() -> QLocale:
    """The locale of dates in widgets (calendars, date fields): English once
    ``apply_language(app, "en")`` ran, else French."""
    english = QLocale().language() == QLocale.Language.English
    return ENGLISH if english else FRENCH


def _is_qt_french(translator: QTranslator) -> bool:
    """The qtbase translator that ``create_application`` installs for French."""
    return translator.language().startswith("fr") and "qtbase" in translator.filePath()


# --- building the translation files -----------------------------------------------------------


def source_files(root: Path | None = None) -> list[Path]:
    """The Python files of the interface, whose texts are to translate."""
    root = root or Path(__file__).resolve().parent
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: next to this Python, else on the PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def lupdate(ts: Path, sources: list[Path] | None = None) -> None:
    """Extract the texts of ``sources`` into ``ts`` (merged: existing translations are kept)."""
    files = [str(p) for p in (sources or source_files())]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "fr_FR",
            "-target-language",
            "en_GB",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def update_translations(folder: Path | None = None) -> Path:
    """Regenerate ``creneau_en.ts`` from the sources, then ``creneau_en.qm``; returns the .qm."""
    folder = folder or translations_dir()
    folder.mkdir(parents=True, exist_ok=True)
    ts, qm = folder / TS_NAME, folder / QM_NAME
    lupdate(ts)
    lrelease(ts, qm)
    return qm


def unfinished_messages(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages of ``ts`` that have no English translation yet."""
    import xml.etree.ElementTree as ET

    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished",):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.ui.i18n``: rebuild the translation files, list what is untranslated."""
    qm = update_translations()
    missing = unfinished_messages(qm.with_suffix(".ts"))
    print(f"{qm.with_suffix('.ts')} et {qm} à jour.")
    for context, source in missing:
        print(f"  à traduire [{context}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
