"""« Publication des créneaux » (Administration menu): where the feed goes, and what it shows.

- the publication folder and whether it is republished after each change
  (``PublicationService.save_target``);
- the policies, one per practitioner (all their online reasons) or practitioner × reason:
  horizon in weeks (or the default), share of free slots published, and periods published as
  nothing (``save_policy`` / ``delete_policy``).

The services check ``Action.PUBLISH`` again; every refusal or bad value is said in the dialog
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.domain.publication_policy import MAX_HORIZON_WEEKS, Embargo, PublicationPolicy

if TYPE_CHECKING:
    from desktop.services.container import Services

ERROR_STYLE = "color: #9b1c1c;"
POLICY_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    """A text marked by ``QT_TRANSLATE_NOOP("PublicationPolicy", …)``, translated."""
    return QCoreApplication.translate("PublicationPolicy", text)


# Texts of the table and the embargo list, for lupdate (translated through ``_t``).
_TEXTS = (
    QT_TRANSLATE_NOOP("PublicationPolicy", "du {start} au {end}"),
    QT_TRANSLATE_NOOP("PublicationPolicy", "Tous les motifs"),
    QT_TRANSLATE_NOOP("PublicationPolicy", "{weeks} sem."),
    QT_TRANSLATE_NOOP("PublicationPolicy", "par défaut"),
)


def embargo_text(e: Embargo) -> str:
    """ "du 22/03/2027 au 23/03/2027 — Congrès"."""
    text = _t("du {start} au {end}").format(start=f"{e.date_from:%d/%m/%Y}",
                                            end=f"{e.date_to:%d/%m/%Y}")  # fmt: skip
    return f"{text} — {e.reason}" if e.reason else text


class PolicyTableModel(QAbstractTableModel):
    """The policies: practitioner, reason, horizon, share, embargoes."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PublicationPolicy", "Praticien"),
        QT_TRANSLATE_NOOP("PublicationPolicy", "Motif"),
        QT_TRANSLATE_NOOP("PublicationPolicy", "Horizon"),
        QT_TRANSLATE_NOOP("PublicationPolicy", "Part publiée"),
        QT_TRANSLATE_NOOP("PublicationPolicy", "Périodes sans publication"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[PublicationPolicy, tuple[str, ...]]] = []

    def set_rows(
        self, policies: list[PublicationPolicy], practitioners: dict[int, str], reasons: dict
    ) -> None:
        self.beginResetModel()
        self._rows = []
        for p in policies:
            reason = (
                reasons.get(p.visit_reason_id, "?") if p.visit_reason_id else _t("Tous les motifs")
            )
            horizon = (
                _t("{weeks} sem.").format(weeks=p.horizon_weeks)
                if p.horizon_weeks
                else _t("par défaut")
            )
            cells = (
                practitioners.get(p.practitioner_id, f"n° {p.practitioner_id}"),
                reason,
                horizon,
                f"{p.share_percent} %",
                " ; ".join(embargo_text(e) for e in p.embargoes) or "—",
            )
            self._rows.append((p, cells))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        policy, cells = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()]
        if role == POLICY_ROLE:
            return policy
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def policy(self, row: int) -> PublicationPolicy | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None


class PublicationPolicyDialog(QDialog):
    """The publication folder and the policies."""

    def __init__(self, services: Services, actor: Callable[[], Actor | None], parent=None):
        super().__init__(parent)
        self._services, self._actor = services, actor
        self._editing: int | None = None
        self._embargoes: list[Embargo] = []
        self.setWindowTitle(self.tr("Publication des créneaux libres"))
        self.resize(900, 680)
        layout = QVBoxLayout(self)
        layout.addWidget(self._folder_box())
        self.model = PolicyTableModel(self)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Politiques de publication"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_row_changed)
        layout.addWidget(QLabel(self.tr("Politiques (sans politique : tous les créneaux libres, "
                                        "horizon par défaut) :")))  # fmt: skip
        layout.addWidget(self.view, 1)
        layout.addWidget(self._policy_box())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # --- layout ------------------------------------------------------------------------------

    def _folder_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Dossier de publication"), self)
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(box)
        self.folder_edit.setAccessibleName(self.tr("Dossier de publication"))
        self.folder_edit.setPlaceholderText(self.tr("ex. /srv/www/creneaux"))
        self.browse_button = QPushButton(self.tr("&Parcourir…"), box)
        self.browse_button.setAccessibleName(self.tr("Choisir le dossier de publication"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        label = QLabel(self.tr("&Dossier :"), box)
        label.setBuddy(self.folder_edit)
        form.addRow(label, row)
        self.auto_check = QCheckBox(self.tr("Republier &automatiquement après chaque changement"))
        self.auto_check.setAccessibleName(self.tr("Republication automatique"))
        self.save_target_button = QPushButton(self.tr("Enregistrer le &dossier"), box)
        self.save_target_button.setAccessibleName(self.tr("Enregistrer le dossier"))
        self.save_target_button.clicked.connect(self.save_target)
        line = QHBoxLayout()
        line.addWidget(self.auto_check, 1)
        line.addWidget(self.save_target_button)
        form.addRow(line)
        return box

    def _policy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Politique"), self)
        form = QFormLayout(box)
        self.practitioner_combo = QComboBox(box)
        self.practitioner_combo.setAccessibleName(self.tr("Praticien"))
        self.practitioner_combo.currentIndexChanged.connect(self._fill_reasons)
        self.reason_combo = QComboBox(box)
        self.reason_combo.setAccessibleName(self.tr("Motif"))
        self.horizon_spin = QSpinBox(box)
        self.horizon_spin.setRange(0, MAX_HORIZON_WEEKS)
        self.horizon_spin.setSpecialValueText(self.tr("Horizon par défaut"))
        self.horizon_spin.setSuffix(self.tr(" semaines"))
        self.horizon_spin.setAccessibleName(self.tr("Horizon en semaines"))
        self.share_spin = QSpinBox(box)
        self.share_spin.setRange(1, 100)
        self.share_spin.setValue(100)
        self.share_spin.setSuffix(" %")
        self.share_spin.setAccessibleName(self.tr("Part des créneaux libres publiés"))
        form.addRow(self.tr("P&raticien :"), self.practitioner_combo)
        form.addRow(self.tr("&Motif :"), self.reason_combo)
        form.addRow(self.tr("&Horizon :"), self.horizon_spin)
        form.addRow(self.tr("Part &publiée :"), self.share_spin)
        self.embargo_list = QListWidget(box)
        self.embargo_list.setAccessibleName(self.tr("Périodes sans publication"))
        self.embargo_list.setMaximumHeight(80)
        form.addRow(self.tr("Périodes sans publication :"), self.embargo_list)
        today = QDate(self._services.clock.now().date())
        self.from_edit, self.to_edit = QDateEdit(today, box), QDateEdit(today, box)
        self.from_edit.setAccessibleName(self.tr("Début de la période"))
        self.to_edit.setAccessibleName(self.tr("Fin de la période"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.embargo_reason_edit = QLineEdit(box)
        self.embargo_reason_edit.setAccessibleName(self.tr("Motif de la période"))
        self.embargo_reason_edit.setPlaceholderText(self.tr("motif (facultatif)"))
        self.add_embargo_button = QPushButton(self.tr("A&jouter"), box)
        self.add_embargo_button.setAccessibleName(self.tr("Ajouter la période"))
        self.add_embargo_button.clicked.connect(self.add_embargo)
        self.remove_embargo_button = QPushButton(self.tr("Re&tirer"), box)
        self.remove_embargo_button.setAccessibleName(self.tr("Retirer la période choisie"))
        self.remove_embargo_button.clicked.connect(self.remove_embargo)
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("du")), self.from_edit, QLabel(self.tr("au")), self.to_edit,
                       self.embargo_reason_edit, self.add_embargo_button,
                       self.remove_embargo_button):  # fmt: skip
            row.addWidget(widget)
        form.addRow("", row)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nouvelle politique"), box)
        self.save_button = QPushButton(self.tr("&Enregistrer la politique"), box)
        self.delete_button = QPushButton(self.tr("&Supprimer la politique"), box)
        actions = (
            (self.new_button, self.new_policy),
            (self.save_button, self.save_policy),
            (self.delete_button, self.delete_policy),
        )
        for button, slot in actions:
            button.setAccessibleName(button.text().replace("&", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        form.addRow(buttons)
        return box

    # --- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the folder, practitioners, online reasons and policies again."""
        services = self._services
        target = services.publication.target()
        self.folder_edit.setText(target.out_dir)
        self.auto_check.setChecked(target.auto_publish)
        self._practitioners = services.agenda.practitioners()
        self._reasons = [r for r in services.agenda.visit_reasons() if r.online]
        current = self.practitioner_combo.currentData()
        self.practitioner_combo.blockSignals(True)
        self.practitioner_combo.clear()
        for p in self._practitioners:
            self.practitioner_combo.addItem(p.name, p.id)
        self.practitioner_combo.blockSignals(False)
        if current is not None and self.practitioner_combo.findData(current) >= 0:
            self.practitioner_combo.setCurrentIndex(self.practitioner_combo.findData(current))
        self._fill_reasons()
        names = {p.id: p.name for p in self._practitioners}
        labels = {r.id: r.label for r in self._reasons}
        self.model.set_rows(services.publication.policies(), names, labels)
        self.view.resizeColumnsToContents()

    def _fill_reasons(self, *_args) -> None:
        pid = self.practitioner_combo.currentData()
        department = next((p.department_id for p in self._practitioners if p.id == pid), None)
        self.reason_combo.clear()
        self.reason_combo.addItem(self.tr("Tous les motifs en ligne"), None)
        for r in self._reasons:
            if r.department_id == department:
                self.reason_combo.addItem(r.label, r.id)

    def load_policy(self, policy: PublicationPolicy | None) -> None:
        """Show a policy in the form (None: an empty form for a new one)."""
        self._editing = policy.id if policy else None
        if policy is not None:
            self.practitioner_combo.setCurrentIndex(
                max(0, self.practitioner_combo.findData(policy.practitioner_id))
            )
            self.reason_combo.setCurrentIndex(
                max(0, self.reason_combo.findData(policy.visit_reason_id))
            )
        self.horizon_spin.setValue(policy.horizon_weeks or 0 if policy else 0)
        self.share_spin.setValue(policy.share_percent if policy else 100)
        self._embargoes = list(policy.embargoes) if policy else []
        self._show_embargoes()
        self.delete_button.setEnabled(policy is not None)

    def _show_embargoes(self) -> None:
        self.embargo_list.clear()
        for e in self._embargoes:
            self.embargo_list.addItem(QListWidgetItem(embargo_text(e)))

    def _on_view_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.load_policy(self.model.policy(current.row()))

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Dossier de publication"),
                                                  self.folder_edit.text())  # fmt: skip
        if folder:
            self.folder_edit.setText(folder)

    # --- actions ---------------------------------------------------------------------------

    def _run(self, work: Callable[[], object], done: str) -> bool:
        try:
            work()
        except CreneauError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            return False
        self.message.setStyleSheet("")
        self.message.setText(done)
        self.refresh()
        return True

    def save_target(self) -> bool:
        """Store the folder and the automatic republication."""
        publication, actor = self._services.publication, self._actor()
        folder, auto = self.folder_edit.text(), self.auto_check.isChecked()
        return self._run(lambda: publication.save_target(actor, folder, auto),
                         self.tr("Dossier de publication enregistré."))  # fmt: skip

    def add_embargo(self) -> None:
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if end < start:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("La fin de la période précède son début."))
            return
        self._embargoes.append(Embargo(start, end, self.embargo_reason_edit.text().strip()))
        self._embargoes.sort(key=lambda e: (e.date_from, e.date_to))
        self.embargo_reason_edit.clear()
        self._show_embargoes()

    def remove_embargo(self) -> None:
        row = self.embargo_list.currentRow()
        if 0 <= row < len(self._embargoes):
            del self._embargoes[row]
            self._show_embargoes()

    def new_policy(self) -> None:
        self.view.clearSelection()
        self.load_policy(None)

    def save_policy(self) -> bool:
        """Create or change the policy of the form."""
        publication, actor = self._services.publication, self._actor()
        pid, rid = self.practitioner_combo.currentData(), self.reason_combo.currentData()
        weeks = self.horizon_spin.value() or None
        share, periods, editing = self.share_spin.value(), list(self._embargoes), self._editing
        if pid is None:
            return False
        return self._run(
            lambda: publication.save_policy(actor, pid, rid, weeks, share, periods, editing),
            self.tr("Politique de publication enregistrée."),
        )

    def delete_policy(self) -> bool:
        """Delete the policy shown."""
        if self._editing is None:
            return False
        publication, actor, policy_id = self._services.publication, self._actor(), self._editing
        done = self._run(lambda: publication.delete_policy(actor, policy_id),
                         self.tr("Politique de publication supprimée."))  # fmt: skip
        if done:
            self.load_policy(None)
        return done
