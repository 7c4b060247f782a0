"""The « Plages horaires » tab: a practitioner's weekly openings, their form, and the preview of
the slots they give over the coming weeks — with the opening being edited, before it is saved.

Saving or deleting an opening that would leave booked appointments outside every opening opens
``OrphanDialog`` with their list; « Enregistrer quand même » saves with ``confirm_orphans``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Opening, Weeks
from desktop.ui.admin.editor import EditorTab, add_row, fill_combo, named
from desktop.ui.admin.models import openings_model, weekday_label, weeks_label
from desktop.ui.admin.orphan_dialog import OrphanDialog, confirm_then
from desktop.ui.admin.preview import PreviewModel, PreviewView

PREVIEW_WEEKS = 8


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class OpeningsTab(EditorTab):
    """Weekly openings of one practitioner at a time, with their preview."""

    def __init__(self, services, actor, parent=None) -> None:
        self._sites: dict[int, str] = {}
        self._reasons: dict[int, str] = {}
        self.orphan_dialog: OrphanDialog | None = None
        super().__init__(
            services,
            actor,
            openings_model(lambda i: self._sites.get(i, "?"), lambda i: self._reasons.get(i, "?")),
            name="openingsTab",
            list_name=self.tr("Plages horaires du praticien"),
            new_text=self.tr("Nouvelle plage"),
            form_title=self.tr("Plage horaire hebdomadaire"),
            parent=parent,
        )
        self.practitioner_combo = named(QComboBox(), "openingPractitioner", self.tr("Praticien"))
        self.practitioner_combo.currentIndexChanged.connect(self._on_practitioner_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Praticien :")))
        top.addWidget(self.practitioner_combo, 1)
        top.addStretch(2)
        self.outer.insertLayout(0, top)
        self._build_form()
        self._build_preview()
        self.delete_button = QPushButton(self.tr("Supprimer"), objectName="openingDelete")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.form_buttons.insertWidget(0, self.delete_button)
        self.reload()

    def _build_form(self) -> None:
        self.site_combo = named(QComboBox(), "openingSite", self.tr("Site de la plage"))
        self.weekday_combo = named(QComboBox(), "openingWeekday", self.tr("Jour de la semaine"))
        for i in range(7):
            self.weekday_combo.addItem(weekday_label(i), i)
        self.start_edit = named(QTimeEdit(), "openingStart", self.tr("Heure de début"))
        self.end_edit = named(QTimeEdit(), "openingEnd", self.tr("Heure de fin"))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start_edit)
        hours.addWidget(QLabel(self.tr("à")))
        hours.addWidget(self.end_edit)
        hours.addStretch(1)
        self.step_spin = named(QSpinBox(), "openingStep", self.tr("Pas entre deux créneaux"))
        self.step_spin.setRange(0, 720)
        self.step_spin.setSuffix(self.tr(" min"))
        self.step_spin.setSingleStep(5)
        self.step_spin.setMaximumWidth(120)
        self.weeks_combo = named(QComboBox(), "openingWeeks", self.tr("Semaines concernées"))
        for value in Weeks:
            self.weeks_combo.addItem(weeks_label(value.value), value.value)
        self.from_edit = named(QDateEdit(), "openingValidFrom", self.tr("Valable à partir du"))
        self.to_check = named(
            QCheckBox(self.tr("jusqu'au")), "openingHasEnd", self.tr("Fin de validité")
        )
        self.to_edit = named(QDateEdit(), "openingValidTo", self.tr("Valable jusqu'au"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        validity = QHBoxLayout()
        validity.addWidget(self.from_edit)
        validity.addWidget(self.to_check)
        validity.addWidget(self.to_edit)
        validity.addStretch(1)
        self.reasons_list = named(QListWidget(), "openingReasons", self.tr("Motifs proposés"))
        self.reasons_list.setMaximumHeight(110)
        self.form.addRow(self.tr("&Site :"), self.site_combo)
        self.form.addRow(self.tr("&Jour :"), self.weekday_combo)
        add_row(self.form, self.tr("&Horaires :"), hours, self.start_edit)
        self.form.addRow(self.tr("&Pas :"), self.step_spin)
        self.form.addRow(self.tr("S&emaines :"), self.weeks_combo)
        add_row(self.form, self.tr("&Valable du :"), validity, self.from_edit)
        self.form.addRow(self.tr("&Motifs :"), self.reasons_list)
        for signal in (
            self.site_combo.currentIndexChanged,
            self.weekday_combo.currentIndexChanged,
            self.start_edit.timeChanged,
            self.end_edit.timeChanged,
            self.step_spin.valueChanged,
            self.weeks_combo.currentIndexChanged,
            self.from_edit.dateChanged,
            self.to_edit.dateChanged,
            self.to_check.toggled,
            self.reasons_list.itemChanged,
        ):
            signal.connect(self.update_preview)

    def _build_preview(self) -> None:
        self.preview_model = PreviewModel(self)
        self.preview_view = PreviewView(self.preview_model)
        self.preview_summary = QLabel(objectName="openingPreviewSummary")
        box = QGroupBox(
            self.tr("Aperçu des {weeks} prochaines semaines (plage en cours comprise)").format(
                weeks=PREVIEW_WEEKS
            ),
            objectName="openingPreviewBox",
        )
        layout = QVBoxLayout(box)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_view, 1)
        # The list and its form above, the preview below: the user may give either more room.
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="openingSplitter")
        self.outer.removeWidget(self.top)
        self.splitter.addWidget(self.top)
        self.splitter.addWidget(box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.outer.addWidget(self.splitter, 1)

    # --- EditorTab ---------------------------------------------------------------------------

    def practitioner_id(self) -> int | None:
        return self.practitioner_combo.currentData()

    def refresh_choices(self) -> None:
        admin = self.services.administration.structure
        practitioners = [p for p in admin.practitioners() if p.active]
        fill_combo(self.practitioner_combo, [(p.name, p.id) for p in practitioners])
        sites = admin.sites()
        self._sites = {s.id: s.name for s in sites}
        fill_combo(self.site_combo, [(s.name, s.id) for s in sites])
        self._all_reasons = admin.visit_reasons()
        self._reasons = {v.id: v.label for v in self._all_reasons}
        self._departments = {p.id: p.department_id for p in practitioners}

    def load(self):
        pid = self.practitioner_id()
        self._fill_reasons()
        return [] if pid is None else self.services.administration.openings.openings(pid)

    def _fill_reasons(self, checked: frozenset[int] = frozenset()) -> None:
        department = self._departments.get(self.practitioner_id())
        self.reasons_list.blockSignals(True)
        self.reasons_list.clear()
        for reason in self._all_reasons:
            if reason.department_id != department or not (reason.active or reason.id in checked):
                continue
            item = QListWidgetItem(
                self.tr("{label} ({minutes} min)").format(
                    label=reason.label, minutes=reason.duration_min
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, reason.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if reason.id in checked else Qt.CheckState.Unchecked
            )
            self.reasons_list.addItem(item)
        self.reasons_list.blockSignals(False)

    def fill(self, item: Opening | None) -> None:
        widgets = (self.site_combo, self.weekday_combo, self.start_edit, self.end_edit)
        for w in (*widgets, self.step_spin, self.weeks_combo, self.from_edit, self.to_edit):
            w.blockSignals(True)
        today = self.services.structure.calendar().local(self.services.clock.now()).date()
        if item is None:
            self.weekday_combo.setCurrentIndex(0)
            self.start_edit.setTime(QTime(9, 0))
            self.end_edit.setTime(QTime(12, 0))
            self.step_spin.setValue(15)
            self.weeks_combo.setCurrentIndex(0)
            self.from_edit.setDate(_qdate(today))
            self.to_edit.setDate(_qdate(today.replace(month=12, day=31)))
            self.to_check.setChecked(False)
            self._fill_reasons()
        else:
            self.site_combo.setCurrentIndex(self.site_combo.findData(item.site_id))
            self.weekday_combo.setCurrentIndex(item.weekday)
            self.start_edit.setTime(QTime(item.start.hour, item.start.minute))
            self.end_edit.setTime(QTime(item.end.hour, item.end.minute))
            self.step_spin.setValue(item.step_min)
            self.weeks_combo.setCurrentIndex(self.weeks_combo.findData(item.weeks.value))
            self.from_edit.setDate(_qdate(item.valid_from))
            self.to_check.setChecked(item.valid_to is not None)
            self.to_edit.setDate(_qdate(item.valid_to or today.replace(month=12, day=31)))
            self._fill_reasons(item.visit_reason_ids)
        self.to_edit.setEnabled(self.to_check.isChecked())
        for w in (*widgets, self.step_spin, self.weeks_combo, self.from_edit, self.to_edit):
            w.blockSignals(False)
        self.delete_button.setEnabled(item is not None)
        self.update_preview()

    def edited_opening(self) -> Opening | None:
        """The opening as the form says it (not saved); None without practitioner or site."""
        pid, site_id = self.practitioner_id(), self.site_combo.currentData()
        if pid is None or site_id is None:
            return None
        checked = frozenset(
            self.reasons_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.reasons_list.count())
            if self.reasons_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return Opening(
            self.current.id if self.current else 0,
            pid,
            site_id,
            self.weekday_combo.currentData(),
            self.start_edit.time().toPython(),
            self.end_edit.time().toPython(),
            self.step_spin.value(),
            checked,
            Weeks(self.weeks_combo.currentData()),
            self.from_edit.date().toPython(),
            self.to_edit.date().toPython() if self.to_check.isChecked() else None,
        )

    def submit(self, actor: Actor):
        opening = self.edited_opening()
        if opening is None:
            self.say(
                self.tr("Choisissez un praticien et un site (onglets Praticiens et Sites)."),
                error=True,
            )
            return None
        return self._confirmed(
            lambda confirm: self.services.administration.openings.save_opening(
                actor, opening, confirm_orphans=confirm
            ),
            self.tr("Plage horaire enregistrée."),
        )

    def _on_delete_button_clicked(self) -> None:
        actor, current = self.actor(), self.current
        if actor is None or current is None:
            return
        self._confirmed(
            lambda confirm: self.services.administration.openings.delete_opening(
                actor, current.id, confirm_orphans=confirm
            ),
            self.tr("Plage horaire supprimée."),
            deleted=True,
        )

    def _confirmed(self, call: Callable[[bool], Opening], text: str, deleted: bool = False):
        """Run ``call``, asking first when appointments would be stranded (``OrphanDialog``)."""

        def done(opening: Opening, confirmed: bool) -> None:
            if deleted:
                self.current = None
            note = self.tr(" Les rendez-vous listés restent à déplacer.") if confirmed else ""
            self.after_save(None if deleted else opening, text + note)

        confirm_then(self, call, done)

    # --- preview -----------------------------------------------------------------------------

    def _on_practitioner_changed(self, _index: int) -> None:
        self.current = None
        self.reload()

    def update_preview(self, *_args) -> None:
        """Show what the saved openings, with the one being edited, give over the next weeks."""
        edited = self.edited_opening()
        openings = [o for o in self.model.rows() if not (edited and o.id == edited.id)]
        if edited is not None:
            openings.append(edited)
        try:
            weeks = self.services.administration.openings.preview(openings, PREVIEW_WEEKS)
        except CreneauError as exc:
            self.preview_summary.setText(exc.message)
            return
        self.preview_model.set_weeks(weeks)
        total = sum(w.slot_count for w in weeks)
        self.preview_summary.setText(
            self.tr(
                "{total} créneaux sur {weeks} semaines (numéros de semaine ISO) · "
                "survolez un jour pour voir ses créneaux et ce qui l'empêche d'ouvrir."
            ).format(total=total, weeks=PREVIEW_WEEKS)
        )
