"""The « Motifs » tab: visit reasons with their duration, colour, online flag, new patients,
minimum notice and the instructions given to the patient."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, VisitReason
from desktop.ui.admin.editor import EditorTab, add_row, fill_combo, named
from desktop.ui.admin.models import visit_reasons_model
from desktop.ui.admin.structure_tabs import code_edit, text_edit

DEFAULT_COLOR = "#4f7fd9"


class VisitReasonsTab(EditorTab):
    """Visit reasons of every department; withdrawn (deactivated) rather than deleted."""

    def __init__(self, services, actor, parent=None) -> None:
        self._departments: dict[int, str] = {}
        super().__init__(
            services,
            actor,
            visit_reasons_model(lambda i: self._departments.get(i, "?")),
            name="reasonsTab",
            list_name=self.tr("Liste des motifs"),
            new_text=self.tr("Nouveau motif"),
            form_title=self.tr("Motif de consultation"),
            stretch=0,
            parent=parent,
        )
        self.label_edit = text_edit("reasonLabel", self.tr("Libellé du motif"))
        self.label_edit.setPlaceholderText(self.tr("Première consultation de cardiologie"))
        self.code_edit = code_edit("reasonCode", self.tr("Code du motif"))
        self.department_combo = named(QComboBox(), "reasonDepartment", self.tr("Service du motif"))
        self.duration_spin = named(QSpinBox(), "reasonDuration", self.tr("Durée en minutes"))
        self.duration_spin.setRange(0, 720)
        self.duration_spin.setSuffix(self.tr(" min"))
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setMaximumWidth(120)
        self.online_check = named(
            QCheckBox(self.tr("Réservable en ligne (publié)")),
            "reasonOnline",
            self.tr("Réservable en ligne"),
        )
        self.new_patients_check = named(
            QCheckBox(self.tr("Ouvert aux nouveaux patients")),
            "reasonNewPatients",
            self.tr("Nouveaux patients"),
        )
        self.notice_spin = named(
            QSpinBox(), "reasonNotice", self.tr("Délai de prévenance en heures")
        )
        self.notice_spin.setRange(0, 24 * 365)
        self.notice_spin.setSuffix(self.tr(" h"))
        self.notice_spin.setSpecialValueText(self.tr("aucun"))
        self.notice_spin.setMaximumWidth(120)
        self.color_edit = named(QLineEdit(), "reasonColor", self.tr("Couleur du motif"))
        self.color_edit.setMaxLength(7)
        self.color_edit.setPlaceholderText(self.tr("#RRVVBB"))
        self.color_edit.textChanged.connect(self._show_color)
        self.color_edit.setMaximumWidth(110)
        self.color_swatch = QLabel(objectName="reasonColorSwatch")
        self.color_swatch.setFixedSize(26, 22)
        self.color_button = QPushButton(self.tr("Choisir…"), objectName="reasonColorPick")
        self.color_button.setAccessibleName(self.tr("Choisir la couleur"))
        self.color_button.clicked.connect(self._on_color_button_clicked)
        color_row = QHBoxLayout()
        color_row.addWidget(self.color_edit)
        color_row.addWidget(self.color_swatch)
        color_row.addWidget(self.color_button)
        color_row.addStretch(1)
        self.instructions_edit = named(
            QPlainTextEdit(), "reasonInstructions", self.tr("Consignes données au patient")
        )
        self.instructions_edit.setPlaceholderText(self.tr("Apporter vos derniers examens…"))
        self.instructions_edit.setFixedHeight(80)
        self.form.addRow(self.tr("&Libellé :"), self.label_edit)
        self.form.addRow(self.tr("&Code :"), self.code_edit)
        self.form.addRow(self.tr("S&ervice :"), self.department_combo)
        self.form.addRow(self.tr("&Durée :"), self.duration_spin)
        self.form.addRow("", self.online_check)
        self.form.addRow("", self.new_patients_check)
        self.form.addRow(self.tr("&Prévenance :"), self.notice_spin)
        add_row(self.form, self.tr("C&ouleur :"), color_row, self.color_edit)
        self.form.addRow(self.tr("Co&nsignes :"), self.instructions_edit)
        self.active_button = QPushButton(self.tr("Retirer"), objectName="reasonActive")
        self.active_button.clicked.connect(self._on_active_button_clicked)
        self.form_buttons.insertWidget(0, self.active_button)
        self.reload()

    def refresh_choices(self) -> None:
        departments = self.services.administration.structure.departments()
        self._departments = {d.id: d.name for d in departments}
        fill_combo(self.department_combo, [(d.name, d.id) for d in departments])

    def load(self):
        return self.services.administration.structure.visit_reasons()

    def fill(self, item: VisitReason | None) -> None:
        self.label_edit.setText(item.label if item else "")
        self.code_edit.setText(item.code if item else "")
        if item is not None:
            self.department_combo.setCurrentIndex(
                self.department_combo.findData(item.department_id)
            )
        self.duration_spin.setValue(item.duration_min if item else 30)
        self.online_check.setChecked(item.online if item else False)
        self.new_patients_check.setChecked(item.new_patients if item else True)
        self.notice_spin.setValue((item.min_notice_hours or 0) if item else 0)
        self.color_edit.setText(item.color if item else DEFAULT_COLOR)
        self.instructions_edit.setPlainText(item.instructions if item else "")
        self.active_button.setEnabled(item is not None)
        self.active_button.setText(
            self.tr("Proposer à nouveau") if item and not item.active else self.tr("Retirer")
        )

    def submit(self, actor: Actor) -> VisitReason:
        department_id = self.department_combo.currentData()
        if department_id is None:
            self.say(self.tr("Créez d'abord un service (onglet Services)."), error=True)
            return None
        return self.services.administration.structure.save_visit_reason(
            actor,
            self.code_edit.text(),
            department_id,
            self.label_edit.text(),
            self.duration_spin.value(),
            online=self.online_check.isChecked(),
            new_patients=self.new_patients_check.isChecked(),
            min_notice_hours=self.notice_spin.value() or None,
            color=self.color_edit.text().strip(),
            instructions=self.instructions_edit.toPlainText().strip(),
            visit_reason_id=self.current.id if self.current else None,
        )

    def _show_color(self, text: str) -> None:
        color = QColor(text) if len(text) == 7 else QColor()
        style = f"background: {color.name()}; border: 1px solid #555;" if color.isValid() else ""
        self.color_swatch.setStyleSheet(style)

    def _on_color_button_clicked(self) -> None:
        chosen = QColorDialog.getColor(
            QColor(self.color_edit.text()), self, self.tr("Couleur du motif")
        )
        if chosen.isValid():
            self.color_edit.setText(chosen.name())

    def _on_active_button_clicked(self) -> None:
        actor, item = self.actor(), self.current
        if actor is None or item is None:
            return
        try:
            saved = self.services.administration.structure.set_visit_reason_active(
                actor, item.id, not item.active
            )
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        self.after_save(
            saved, self.tr("Motif proposé à nouveau.") if saved.active else self.tr("Motif retiré.")
        )
