#!/bin/sh
# Rebuild the English translation of Créneau from the sources:
#   pyside6-lupdate desktop/ui → creneau_en.ts (existing translations kept, vanished ones dropped)
#   pyside6-lrelease creneau_en.ts → creneau_en.qm
# Then translate what it lists as "à traduire" with Qt Linguist (pyside6-linguist creneau_en.ts)
# and run it again. Exit status 1 while something is left untranslated.
set -eu
cd "$(dirname "$0")/../.."
exec "${PYTHON:-python3}" -m desktop.ui.i18n "$@"
