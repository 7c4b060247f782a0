"""The reminder policy in the « Rappels » tab: what ``RemindersTab`` shows beyond the gateway.

``ReminderPolicyFields(tab)`` adds to the tab's form the advance reminder (the day before or two
days before, at a local time), the messages at booking, cancellation and move, what the SMS may
name (practitioner, specialty, visit reason: off by default), the HTTP gateway's method, JSON
body and authentication header (the secret is never shown back), and the no-show warning
threshold; beside the form, the French texts of the SMS with their length in SMS while typing
and an example, and the advance reminder of one visit reason. ``values()`` gives what
``save_reminders`` takes by name.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.settings import HTTP_METHODS, MAX_NO_SHOW_WARNING, ReminderSettings
from desktop.domain.sms_text import (
    DEFAULT_TEMPLATES,
    MessageFields,
    ReminderKind,
    clean,
    french_date,
    render,
    sms_length,
)
from desktop.ui.admin.editor import ERROR_STYLE, OK_STYLE, named
from desktop.ui.models.outbox_table import kind_label, length_text

EXAMPLE = MessageFields(
    date=french_date(date(2027, 3, 16)),
    heure="09h30",
    site="Site Saint-Antoine",
    adresse="184 rue du Faubourg Saint-Antoine, 75012 Paris",
    telephone="01 49 28 20 00",
)
CONTEXT = "ReminderPolicyFields"
ADVANCE = (
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "La veille"), 1),
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "L'avant-veille"), 2),
)
TWO_COLUMNS_WIDTH = 1240
REASON_ADVANCE = (
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "Comme l'hôpital"), None),
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "Aucun rappel"), 0),
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "La veille"), 1),
    (QT_TRANSLATE_NOOP("ReminderPolicyFields", "L'avant-veille"), 2),
)


def _t(text: str) -> str:
    """A text of this module marked with QT_TRANSLATE_NOOP, in the interface's language."""
    return QCoreApplication.translate(CONTEXT, text)


class ReminderPolicyFields(QObject):
    """The policy widgets added to a ``RemindersTab`` (see the module)."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._templates: dict[str, str] = {}
        tab.day_before_check.setText(self.tr("Envoyer un rappel avant le rendez-vous"))
        self.advance_combo = named(
            QComboBox(), "reminderAdvance", self.tr("Quand envoyer le rappel")
        )
        for text, days in ADVANCE:
            self.advance_combo.addItem(_t(text), days)
        self.send_time = named(QTimeEdit(), "reminderSendTime", self.tr("Heure d'envoi du rappel"))
        self.send_time.setDisplayFormat("HH:mm")
        tab.form.addRow(
            self.tr("Rappel :"), _row(self.advance_combo, QLabel(self.tr("à")), self.send_time)
        )
        self.confirmation_check = _check(self.tr("Confirmation"), "reminderConfirmation")
        self.cancel_check = _check(self.tr("Annulation"), "reminderOnCancel")
        self.move_check = _check(self.tr("Déplacement"), "reminderOnMove")
        tab.form.addRow(
            self.tr("Messages :"), _row(self.confirmation_check, self.cancel_check, self.move_check)
        )
        self.practitioner_check = _check(self.tr("le praticien"), "reminderShowPractitioner")
        self.specialty_check = _check(self.tr("la spécialité"), "reminderShowSpecialty")
        self.reason_check = _check(self.tr("le motif"), "reminderShowReason")
        for check in (self.practitioner_check, self.specialty_check, self.reason_check):
            check.setToolTip(
                self.tr("Information de santé : ne l'envoyer que si l'hôpital l'a décidé.")
            )
        tab.form.addRow(
            self.tr("Le SMS nomme :"),
            _row(self.practitioner_check, self.specialty_check, self.reason_check),
        )
        self._build_http(tab)
        self.threshold_spin = named(
            QSpinBox(), "noShowThreshold", self.tr("Seuil d'alerte des absences")
        )
        self.threshold_spin.setRange(0, MAX_NO_SHOW_WARNING)
        self.threshold_spin.setSpecialValueText(self.tr("jamais"))
        tab.form.addRow(
            self.tr("Alerte à la prise :"),
            _row(self.threshold_spin, QLabel(self.tr("absences non excusées sur 12 mois"))),
        )
        self._wrap_with_texts(tab)

    def _build_http(self, tab) -> None:
        self.method_combo = named(QComboBox(), "reminderHttpMethod", self.tr("Méthode HTTP"))
        self.method_combo.addItems(HTTP_METHODS)
        self.header_edit = named(
            QLineEdit(), "reminderAuthHeader", self.tr("En-tête d'authentification")
        )
        self.header_edit.setPlaceholderText("Authorization")
        self.secret_edit = named(
            QLineEdit(), "reminderAuthValue", self.tr("Valeur d'authentification")
        )
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.body_edit = named(QLineEdit(), "reminderHttpBody", self.tr("Corps JSON de la requête"))
        self.body_edit.setToolTip(
            self.tr("Champs : {numero} (E.164), {texte}, {cle} (clé d'idempotence)")
        )
        tab.form.addRow(
            self.tr("Requête HTTP :"),
            _row(self.method_combo, QLabel(self.tr("en-tête")), self.header_edit, self.secret_edit),
        )
        tab.form.addRow(self.tr("Corps JSON :"), self.body_edit)
        tab.gateway_combo.currentIndexChanged.connect(self._sync_http)

    def _wrap_with_texts(self, tab) -> None:
        """The texts of the SMS and one visit reason's reminder, beside the form."""
        box = QGroupBox(self.tr("Textes des SMS"), objectName="reminderTexts")
        self.kind_combo = named(QComboBox(), "reminderTemplateKind", self.tr("Message à modifier"))
        for kind in ReminderKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.template_edit = named(QPlainTextEdit(), "reminderTemplate", self.tr("Texte du SMS"))
        self.template_edit.setMaximumHeight(110)
        self.template_edit.textChanged.connect(self._on_template_changed)
        self.length_label = QLabel(objectName="reminderTemplateLength", wordWrap=True)
        self.example_label = QLabel(objectName="reminderTemplateExample", wordWrap=True)
        self.example_label.setStyleSheet("color: #4a5565;")
        self.default_button = QPushButton(
            self.tr("Texte par défaut"), objectName="reminderTemplateReset"
        )
        self.default_button.clicked.connect(self._on_default_button_clicked)
        fields = QLabel(
            self.tr(
                "Champs : {date} {heure} {site} {adresse} {telephone} ; {details}, {praticien}, "
                "{specialite}, {motif} restent vides tant que l'hôpital ne les autorise pas."
            )
        )
        fields.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(_row(self.kind_combo, self.default_button))
        layout.addWidget(self.template_edit)
        layout.addWidget(self.length_label)
        layout.addWidget(self.example_label)
        layout.addWidget(fields)
        layout.addWidget(self._reason_box())
        layout.addStretch(1)
        form_box = tab.outer.itemAt(0).widget()
        tab.outer.removeWidget(form_box)
        side = QHBoxLayout()
        side.addWidget(form_box, 3)
        side.addWidget(box, 2)
        tab.outer.insertLayout(0, side)
        # Two columns here: the tab's single column may be as wide as both.
        column = tab.findChild(QWidget, f"{tab.objectName()}Column")
        if column is not None:
            column.setMaximumWidth(TWO_COLUMNS_WIDTH)

    def _reason_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rappel d'un motif"), objectName="reminderReasonBox")
        self.reason_combo = named(QComboBox(), "reminderReason", self.tr("Motif"))
        self.reason_advance = named(
            QComboBox(), "reminderReasonAdvance", self.tr("Rappel du motif")
        )
        for text, days in REASON_ADVANCE:
            self.reason_advance.addItem(_t(text), days)
        self.reason_combo.currentIndexChanged.connect(self._on_reason_changed)
        self.reason_save = QPushButton(self.tr("Enregistrer"), objectName="reminderReasonSave")
        self.reason_save.clicked.connect(self.save_reason)
        self.reason_message = QLabel(objectName="reminderReasonMessage", wordWrap=True)
        layout = QVBoxLayout(box)
        layout.addWidget(_row(self.reason_combo, self.reason_advance, self.reason_save))
        layout.addWidget(self.reason_message)
        return box

    # --- values --------------------------------------------------------------------------------

    def fill(self, settings: ReminderSettings) -> None:
        """Show the stored settings (the secret stays hidden: an empty field keeps it)."""
        advance = self.advance_combo.findData(settings.days_before)
        self.advance_combo.setCurrentIndex(max(advance, 0))
        self.send_time.setTime(QTime(settings.send_time.hour, settings.send_time.minute))
        self.confirmation_check.setChecked(settings.confirmation)
        self.cancel_check.setChecked(settings.on_cancel)
        self.move_check.setChecked(settings.on_move)
        self.practitioner_check.setChecked(settings.show_practitioner)
        self.specialty_check.setChecked(settings.show_specialty)
        self.reason_check.setChecked(settings.show_visit_reason)
        self.method_combo.setCurrentText(settings.http_method)
        self.header_edit.setText(settings.auth_header)
        self.secret_edit.clear()
        self.secret_edit.setPlaceholderText(
            self.tr("inchangée") if settings.auth_value else self.tr("valeur secrète")
        )
        self.body_edit.setText(settings.http_body)
        self.threshold_spin.setValue(settings.no_show_warning)
        self._templates = dict(settings.templates)
        self._on_kind_changed()
        self._fill_reasons()
        self._sync_http()

    def values(self) -> dict:
        """The fields for ``save_reminders`` (by name); no secret when none was typed."""
        values = {
            "days_before": self.advance_combo.currentData(),
            "send_time": self.send_time.time().toPython(),
            "confirmation": self.confirmation_check.isChecked(),
            "on_cancel": self.cancel_check.isChecked(),
            "on_move": self.move_check.isChecked(),
            "show_practitioner": self.practitioner_check.isChecked(),
            "show_specialty": self.specialty_check.isChecked(),
            "show_visit_reason": self.reason_check.isChecked(),
            "http_method": self.method_combo.currentText(),
            "http_body": self.body_edit.text(),
            "auth_header": self.header_edit.text(),
            "no_show_warning": self.threshold_spin.value(),
            "templates": dict(self._templates),
        }
        if self.secret_edit.text():
            values["auth_value"] = self.secret_edit.text()
        return values

    # --- texts ---------------------------------------------------------------------------------

    def _kind(self) -> ReminderKind:
        return ReminderKind(self.kind_combo.currentData())

    def _on_kind_changed(self, *_args) -> None:
        kind = self._kind()
        text = self._templates.get(kind.value) or DEFAULT_TEMPLATES[kind]
        self.template_edit.blockSignals(True)
        self.template_edit.setPlainText(text)
        self.template_edit.blockSignals(False)
        self._show_length()

    def _on_template_changed(self) -> None:
        self._templates[self._kind().value] = self.template_edit.toPlainText()
        self._show_length()

    def _on_default_button_clicked(self) -> None:
        self._templates.pop(self._kind().value, None)
        self._on_kind_changed()

    def _show_length(self) -> None:
        """The length of the example SMS (placeholders filled), in SMS, at each keystroke."""
        template = clean(self.template_edit.toPlainText())
        example = render(template, EXAMPLE)
        length = sms_length(example)
        hint = ""
        if length.encoding != "GSM-7":
            hint = self.tr(
                " — un caractère comme ô, ê, ç ou ’ passe le SMS en Unicode (70 par SMS)"
            )
        self.length_label.setText(
            self.tr("Exemple : {length}{hint}").format(length=length_text(length), hint=hint)
        )
        self.example_label.setText(example)

    def _sync_http(self, *_args) -> None:
        http = self.tab.gateway_combo.currentData() == "http"
        for widget in (self.method_combo, self.header_edit, self.secret_edit, self.body_edit):
            widget.setEnabled(http)

    # --- one visit reason ----------------------------------------------------------------------

    def _fill_reasons(self) -> None:
        reasons = self.tab.services.agenda.visit_reasons()
        current = self.reason_combo.currentData()
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        for reason in reasons:
            self.reason_combo.addItem(f"{reason.label} ({reason.code})", reason.id)
        self.reason_combo.setCurrentIndex(max(self.reason_combo.findData(current), 0))
        self.reason_combo.blockSignals(False)
        self._on_reason_changed()

    def _on_reason_changed(self, *_args) -> None:
        reason_id = self.reason_combo.currentData()
        self.reason_save.setEnabled(reason_id is not None)
        if reason_id is None:
            return
        policy = self.tab.services.reminders.reason_policy(reason_id)
        self.reason_advance.setCurrentIndex(self.reason_advance.findData(policy.days_before))
        self.reason_message.clear()

    def save_reason(self) -> bool:
        """Store the advance reminder of the chosen visit reason."""
        actor, reason_id = self.tab.actor(), self.reason_combo.currentData()
        if actor is None or reason_id is None:
            return False
        days = self.reason_advance.currentData()
        current = self.tab.services.reminders.reason_policy(reason_id)
        try:
            self.tab.services.reminders.save_reason_policy(
                actor, reason_id, days, current.send_time, current.templates
            )
        except CreneauError as exc:
            self.reason_message.setText(exc.message)
            self.reason_message.setStyleSheet(ERROR_STYLE)
            return False
        chosen = self.reason_advance.currentText()
        self.reason_message.setText(
            self.tr("Rappel du motif enregistré : {advance}.").format(advance=chosen)
        )
        self.reason_message.setStyleSheet(OK_STYLE)
        return True


def _check(text: str, name: str) -> QCheckBox:
    return named(QCheckBox(text), name, text)


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return holder
