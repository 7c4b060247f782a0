"""The single-form tabs of the administration window: « Hôpital » (with the structure file's
import and export), « Publication » and « Rappels »."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.domain.phones import format_phone
from desktop.domain.settings import MAX_HORIZON_WEEKS, GatewayKind, holiday_countries
from desktop.ui.admin.editor import ERROR_STYLE, OK_STYLE, fill_combo, named
from desktop.ui.admin.reminder_fields import ReminderPolicyFields
from desktop.ui.admin.wording import country_label, gateway_label, structure_counts

if TYPE_CHECKING:
    from desktop.services.container import Services

TOML_FILTER = QT_TRANSLATE_NOOP("HospitalTab", "Structure de l'hôpital (*.toml)")
COLUMN_WIDTH = 780


class FormTab(QWidget):
    """One form, its French message and « Enregistrer »; subclasses ``fill`` and ``submit``."""

    changed = Signal()

    def __init__(
        self, services: Services, actor: Callable[[], Actor | None], name: str, title: str
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.services, self.actor = services, actor
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        box = QGroupBox(title, objectName=f"{name}Form")
        box.setLayout(self.form)
        self.message_label = QLabel(objectName=f"{name}Message")
        self.message_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Enregistrer"), objectName=f"{name}Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.save_button)
        # One column of readable width, its buttons right under the form.
        column = QWidget(objectName=f"{name}Column")
        column.setMaximumWidth(COLUMN_WIDTH)
        self.outer = QVBoxLayout(column)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(box)
        self.outer.addLayout(buttons)
        page = QHBoxLayout(self)
        page.addWidget(column, 1)
        page.addStretch(0)

    def reload(self) -> None:
        try:
            self.fill()
        except CreneauError as exc:
            self.say(exc.message, error=True)

    def fill(self) -> None:
        raise NotImplementedError

    def submit(self, actor: Actor) -> str:
        raise NotImplementedError

    def save(self) -> None:
        actor = self.actor()
        if actor is None:
            self.say(self.tr("Connectez-vous pour modifier les réglages."), error=True)
            return
        try:
            text = self.submit(actor)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        self.reload()
        self.say(text)
        self.changed.emit()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)


class HospitalTab(FormTab):
    """Name, time zone, public holidays, phone and booking page; the structure file."""

    def __init__(self, services, actor) -> None:
        super().__init__(services, actor, "hospitalTab", self.tr("Hôpital"))
        self.name_edit = named(QLineEdit(), "hospitalName", self.tr("Nom de l'hôpital"))
        self.name_edit.setMaxLength(200)
        self.timezone_combo = named(QComboBox(), "hospitalTimezone", self.tr("Fuseau horaire"))
        self.timezone_combo.setEditable(True)
        self.timezone_combo.addItems(sorted(available_timezones()))
        self.holidays_combo = named(QComboBox(), "hospitalHolidays", self.tr("Jours fériés"))
        fill_combo(
            self.holidays_combo,
            [
                (self.tr("Aucun (ouvert les jours fériés)"), ""),
                *((country_label(c, n), c) for c, n in holiday_countries()),
            ],
        )
        self.phone_edit = named(QLineEdit(), "hospitalPhone", self.tr("Téléphone de l'hôpital"))
        self.url_edit = named(QLineEdit(), "hospitalBookingUrl", self.tr("Adresse de réservation"))
        self.url_edit.setPlaceholderText(self.tr("https://hopital.example/rendez-vous"))
        self.form.addRow(self.tr("&Nom :"), self.name_edit)
        self.form.addRow(self.tr("&Fuseau horaire :"), self.timezone_combo)
        self.form.addRow(self.tr("&Jours fériés :"), self.holidays_combo)
        self.form.addRow(self.tr("&Téléphone :"), self.phone_edit)
        self.form.addRow(self.tr("&Réservation en ligne :"), self.url_edit)
        self._build_file_box()
        self.outer.addStretch(1)
        self.reload()

    def _build_file_box(self) -> None:
        box = QGroupBox(
            self.tr("Structure de l'hôpital (fichier TOML)"), objectName="structureFileBox"
        )
        hint = QLabel(
            self.tr(
                "Le fichier décrit sites, services, motifs, praticiens, plages horaires, absences "
                "et fermetures. Le recharger met à jour sans dupliquer ; une erreur est signalée "
                "avec sa ligne et sa clé, et rien n'est chargé."
            )
        )
        hint.setWordWrap(True)
        self.import_button = QPushButton(
            self.tr("Importer un fichier…"), objectName="structureImport"
        )
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button = QPushButton(
            self.tr("Exporter la structure…"), objectName="structureExport"
        )
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.file_label = QLabel(objectName="structureFileMessage")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.file_label)
        self.outer.addWidget(box)

    def fill(self) -> None:
        hospital = self.services.administration.structure.hospital()
        self.name_edit.setText(hospital.name)
        self.timezone_combo.setCurrentText(hospital.timezone)
        index = self.holidays_combo.findData(hospital.country_holidays or "")
        self.holidays_combo.setCurrentIndex(max(index, 0))
        self.phone_edit.setText(format_phone(hospital.phone) if hospital.phone else "")
        self.url_edit.setText(hospital.booking_url)

    def submit(self, actor: Actor) -> str:
        self.services.administration.structure.save_hospital(
            actor,
            self.name_edit.text(),
            self.timezone_combo.currentText().strip(),
            self.holidays_combo.currentData() or None,
            self.url_edit.text(),
            self.phone_edit.text(),
        )
        return self.tr("Hôpital enregistré.")

    def import_file(self, path: str | Path) -> bool:
        """Load a structure file; its mistakes (line and key) are shown, nothing is loaded."""
        actor = self.actor()
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            counts = self.services.administration.import_toml(actor, text, path.name)
        except (OSError, UnicodeDecodeError):
            self._file_message(
                self.tr("Impossible de lire « {name} » (fichier UTF-8 attendu).").format(
                    name=path.name
                )
            )
            return False
        except CreneauError as exc:
            self._file_message(exc.message)
            return False
        loaded = structure_counts(counts)
        self._file_message(
            self.tr("« {name} » chargé : {loaded}.").format(
                name=path.name, loaded=loaded or self.tr("rien à changer")
            ),
            error=False,
        )
        self.reload()
        self.changed.emit()
        return True

    def export_file(self, path: str | Path) -> bool:
        """Write the structure file; False (and the reason shown) when it cannot be written."""
        path = Path(path)
        try:
            text = self.services.administration.export_toml(self.actor())
            path.write_text(text, encoding="utf-8")
        except OSError:
            self._file_message(self.tr("Impossible d'écrire « {path} ».").format(path=path))
            return False
        except CreneauError as exc:
            self._file_message(exc.message)
            return False
        self._file_message(
            self.tr("Structure exportée dans « {path} ».").format(path=path), error=False
        )
        return True

    def _file_message(self, text: str, *, error: bool = True) -> None:
        self.file_label.setText(text)
        self.file_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Importer la structure"),
            "",
            QCoreApplication.translate("HospitalTab", TOML_FILTER),
        )
        if path:
            self.import_file(path)

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter la structure"),
            "structure.toml",
            QCoreApplication.translate("HospitalTab", TOML_FILTER),
        )
        if path:
            self.export_file(path)


class PublicationTab(FormTab):
    """Where the free slots are published, for how long ahead, and whom patients call."""

    def __init__(self, services, actor) -> None:
        super().__init__(
            services, actor, "publicationTab", self.tr("Publication des créneaux libres")
        )
        self.base_edit = named(
            QLineEdit(), "publicationBaseUrl", self.tr("Adresse publique du flux")
        )
        self.base_edit.setPlaceholderText(self.tr("https://creneaux.hopital.example"))
        self.booking_edit = named(
            QLineEdit(), "publicationBookingUrl", self.tr("Adresse de réservation")
        )
        self.booking_edit.setPlaceholderText(self.tr("https://hopital.example/rendez-vous"))
        self.horizon_spin = named(
            QSpinBox(), "publicationHorizon", self.tr("Horizon de publication")
        )
        self.horizon_spin.setRange(0, MAX_HORIZON_WEEKS)
        self.horizon_spin.setSuffix(self.tr(" semaines"))
        self.horizon_spin.setMaximumWidth(160)
        self.phone_edit = named(
            QLineEdit(), "publicationPhone", self.tr("Téléphone du secrétariat")
        )
        self.form.addRow(self.tr("Adresse &publique du flux :"), self.base_edit)
        self.form.addRow(self.tr("Page de &réservation :"), self.booking_edit)
        self.form.addRow(self.tr("&Horizon par défaut :"), self.horizon_spin)
        self.form.addRow(self.tr("&Téléphone du secrétariat :"), self.phone_edit)
        note = QLabel(
            self.tr(
                "Seuls les créneaux libres des motifs « réservables en ligne » sont publiés, sans "
                "aucune donnée de patient ; chaque créneau renvoie vers la page de réservation "
                "de l'hôpital."
            )
        )
        note.setWordWrap(True)
        self.outer.insertWidget(1, note)
        self.outer.addStretch(1)
        self.reload()

    def fill(self) -> None:
        settings = self.services.administration.settings.publication()
        self.base_edit.setText(settings.base_url)
        self.booking_edit.setText(settings.booking_url)
        self.horizon_spin.setValue(settings.horizon_weeks)
        phone = settings.secretariat_phone
        self.phone_edit.setText(format_phone(phone) if phone else "")

    def submit(self, actor: Actor) -> str:
        self.services.administration.settings.save_publication(
            actor,
            self.base_edit.text(),
            self.booking_edit.text(),
            self.horizon_spin.value(),
            self.phone_edit.text(),
        )
        return self.tr("Réglages de publication enregistrés.")


class RemindersTab(FormTab):
    """How reminders leave the hospital, and when they must not."""

    def __init__(self, services, actor) -> None:
        super().__init__(services, actor, "remindersTab", self.tr("Rappels aux patients"))
        self.gateway_combo = named(QComboBox(), "reminderGateway", self.tr("Type de passerelle"))
        for kind in GatewayKind:
            self.gateway_combo.addItem(gateway_label(kind), kind.value)
        self.gateway_combo.currentIndexChanged.connect(self._on_gateway_changed)
        self.outbox_edit = named(QLineEdit(), "reminderOutbox", self.tr("Dossier d'envoi"))
        self.outbox_edit.setPlaceholderText(self.tr("Dossier où déposer les messages"))
        self.url_edit = named(QLineEdit(), "reminderUrl", self.tr("Adresse de la passerelle"))
        self.url_edit.setPlaceholderText(self.tr("https://sms.hopital.example/envoi"))
        self.quiet_start = named(QTimeEdit(), "reminderQuietStart", self.tr("Début du silence"))
        self.quiet_end = named(QTimeEdit(), "reminderQuietEnd", self.tr("Fin du silence"))
        quiet = QHBoxLayout()
        for edit, text in ((self.quiet_start, self.tr("de")), (self.quiet_end, self.tr("à"))):
            edit.setDisplayFormat("HH:mm")
            quiet.addWidget(QLabel(text))
            quiet.addWidget(edit)
        quiet.addStretch(1)
        self.day_before_check = named(
            QCheckBox(self.tr("Envoyer un rappel la veille du rendez-vous")),
            "reminderDayBefore",
            self.tr("Rappel la veille"),
        )
        self.form.addRow(self.tr("&Passerelle :"), self.gateway_combo)
        self.form.addRow(self.tr("&Dossier d'envoi :"), self.outbox_edit)
        self.form.addRow(self.tr("&Adresse HTTP :"), self.url_edit)
        self.form.addRow(self.tr("Aucun envoi :"), quiet)
        self.form.addRow("", self.day_before_check)
        # Timing, messages, texts, HTTP, no-show threshold (desktop.ui.admin.reminder_fields).
        self.policy = ReminderPolicyFields(self)
        self.outer.addStretch(1)
        self.reload()

    def _on_gateway_changed(self, *_args) -> None:
        http = self.gateway_combo.currentData() == GatewayKind.HTTP.value
        self.url_edit.setEnabled(http)
        self.outbox_edit.setEnabled(not http)

    def fill(self) -> None:
        settings = self.services.administration.settings.reminders()
        self.gateway_combo.setCurrentIndex(self.gateway_combo.findData(settings.gateway.value))
        self.outbox_edit.setText(settings.outbox_dir)
        self.url_edit.setText(settings.gateway_url)
        self.quiet_start.setTime(QTime(settings.quiet_start.hour, settings.quiet_start.minute))
        self.quiet_end.setTime(QTime(settings.quiet_end.hour, settings.quiet_end.minute))
        self.day_before_check.setChecked(settings.send_day_before)
        self.policy.fill(settings)
        self._on_gateway_changed()

    def submit(self, actor: Actor) -> str:
        self.services.administration.settings.save_reminders(
            actor,
            self.gateway_combo.currentData(),
            self.outbox_edit.text(),
            self.url_edit.text(),
            self.quiet_start.time().toPython(),
            self.quiet_end.time().toPython(),
            self.day_before_check.isChecked(),
            **self.policy.values(),
        )
        return self.tr("Réglages des rappels enregistrés.")
