"""The administration's wording of the domain's values: gateway kinds, countries of public
holidays, the sections a structure file loads. The domain keeps its French labels; the
interface shows them through these translation contexts (``desktop.ui.i18n``)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain.settings import COUNTRY_NAMES, GatewayKind

# The domain's French labels of settings' values, as the interface shows them.
GATEWAY_LABELS = (
    QT_TRANSLATE_NOOP("GatewayKind", "Fichiers dans un dossier"),
    QT_TRANSLATE_NOOP("GatewayKind", "Passerelle HTTP"),
)
COUNTRY_LABELS = (
    QT_TRANSLATE_NOOP("Countries", "France"),
    QT_TRANSLATE_NOOP("Countries", "Belgique"),
    QT_TRANSLATE_NOOP("Countries", "Suisse"),
    QT_TRANSLATE_NOOP("Countries", "Luxembourg"),
    QT_TRANSLATE_NOOP("Countries", "Monaco"),
    QT_TRANSLATE_NOOP("Countries", "Allemagne"),
    QT_TRANSLATE_NOOP("Countries", "Espagne"),
    QT_TRANSLATE_NOOP("Countries", "Italie"),
    QT_TRANSLATE_NOOP("Countries", "Portugal"),
    QT_TRANSLATE_NOOP("Countries", "Royaume-Uni"),
    QT_TRANSLATE_NOOP("Countries", "Canada"),
    QT_TRANSLATE_NOOP("Countries", "Maroc"),
    QT_TRANSLATE_NOOP("Countries", "Tunisie"),
    QT_TRANSLATE_NOOP("Countries", "Algérie"),
    QT_TRANSLATE_NOOP("Countries", "Sénégal"),
)
# The sections that loading a structure file counts (``StructureService.import_text``).
COUNT_NOUNS = (
    QT_TRANSLATE_NOOP("StructureCounts", "sites"),
    QT_TRANSLATE_NOOP("StructureCounts", "services"),
    QT_TRANSLATE_NOOP("StructureCounts", "motifs"),
    QT_TRANSLATE_NOOP("StructureCounts", "praticiens"),
    QT_TRANSLATE_NOOP("StructureCounts", "plages"),
    QT_TRANSLATE_NOOP("StructureCounts", "absences"),
    QT_TRANSLATE_NOOP("StructureCounts", "fermetures"),
)


def gateway_label(kind: GatewayKind) -> str:
    """ "Fichiers dans un dossier", "Passerelle HTTP", in the interface's language."""
    return QCoreApplication.translate("GatewayKind", kind.label)


def structure_counts(counts: Mapping[str, int]) -> str:
    """ "2 sites, 5 praticiens" from the counts of a loaded structure file (none: "")."""
    return ", ".join(
        f"{n} {QCoreApplication.translate('StructureCounts', what)}"
        for what, n in counts.items()
        if n
    )


def country_label(code: str, label: str) -> str:
    """ "France (FR)" of ``holiday_countries``, the country's name in the interface's language."""
    name = COUNTRY_NAMES.get(code)
    if name is None:
        return label
    return f"{QCoreApplication.translate('Countries', name)} ({code})"
