"""« Sauvegarde » (Administration menu): back up now, the schedule, and the archives at hand.

- « Sauvegarder maintenant… » asks where, then writes the archive off the GUI thread with its
  progress (``BackupService.backup``: the others keep working meanwhile);
- the schedule: folder, every how many hours, how many archives kept (``set_schedule``);
- the archives of the folder with what their manifests say (date, appointments, patients).

The services check ``Action.BACKUP`` again; a refusal is shown in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.backups import MAX_INTERVAL_HOURS, MAX_KEEP, archive_name, check_schedule
from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.ui import texts
from desktop.ui.models.backup_list import BackupListModel
from desktop.ui.roles import can, denied_message
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services

ERROR_STYLE = "color: #9b1c1c;"


class _Progress(QObject):
    """Emitted from the worker thread, delivered on the GUI thread (queued)."""

    changed = Signal(int, str)


class BackupDialog(QDialog):
    """Back up now, the schedule, the list of archives."""

    backup_written = Signal(str)

    def __init__(
        self, services: Services, actor: Callable[[], Actor | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Sauvegarde de la base"))
        self.setMinimumSize(760, 620)
        self._services = services
        self._actor = actor
        self._tasks = TaskRunner(self, max_threads=1)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress_changed)
        self._calendar = services.structure.calendar()
        # Tests may replace the file choosers.
        self.choose_backup_file: Callable[[str], str] = self._ask_backup_file
        self.choose_folder: Callable[[str], str] = self._ask_folder

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_now())
        layout.addWidget(self._build_schedule())
        layout.addWidget(self._build_list(), 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load_schedule()
        allowed = can(actor(), Action.BACKUP)
        for widget in (self.backup_button, self.save_schedule_button, self.folder_button):
            widget.setEnabled(allowed)
        if not allowed:
            self._say(denied_message(Action.BACKUP), error=True)
        self.refresh_list()

    # --- building ------------------------------------------------------------------------------

    def _build_now(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sauvegarder maintenant"))
        explain = QLabel(
            self.tr(
                "Une copie cohérente de la base est écrite dans une archive .zip, avec son "
                "manifeste (nombre de lignes par table, somme de contrôle). Les autres postes "
                "continuent de travailler pendant la copie."
            )
        )
        explain.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("&Sauvegarder maintenant…"))
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.setAccessibleName(self.tr("Sauvegarder maintenant"))
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.progress_bar = QProgressBar(objectName="backupProgress")
        self.progress_bar.setAccessibleName(self.tr("Avancement de la sauvegarde"))
        self.progress_bar.hide()
        self.status_label = QLabel(objectName="backupStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.progress_bar, 1)
        row.addStretch(0)  # keeps the button its size while the progress bar is hidden
        layout = QVBoxLayout(box)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        return box

    def _build_schedule(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sauvegardes programmées"))
        self.folder_edit = QLineEdit(objectName="backupFolder")
        self.folder_edit.setAccessibleName(self.tr("Dossier des sauvegardes"))
        self.folder_edit.setPlaceholderText(self.tr("Dossier (sur un autre disque de préférence)"))
        self.folder_button = QPushButton(self.tr("&Choisir…"), objectName="backupFolderButton")
        self.folder_button.setAccessibleName(self.tr("Choisir le dossier des sauvegardes"))
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.interval_spin = QSpinBox(objectName="backupInterval")
        self.interval_spin.setRange(0, MAX_INTERVAL_HOURS)
        self.interval_spin.setSpecialValueText(self.tr("désactivées"))
        self.interval_spin.setSuffix(self.tr(" h"))
        self.interval_spin.setAccessibleName(
            self.tr("Intervalle entre deux sauvegardes, en heures")
        )
        self.keep_spin = QSpinBox(objectName="backupKeep")
        self.keep_spin.setRange(1, MAX_KEEP)
        self.keep_spin.setSuffix(self.tr(" sauvegardes"))
        self.keep_spin.setAccessibleName(self.tr("Nombre de sauvegardes conservées"))
        self.save_schedule_button = QPushButton(self.tr("&Enregistrer le réglage"))
        self.save_schedule_button.setObjectName("saveScheduleButton")
        self.save_schedule_button.setAccessibleName(self.tr("Enregistrer le réglage"))
        self.save_schedule_button.clicked.connect(self._on_save_schedule_button_clicked)
        self.schedule_label = QLabel(objectName="scheduleStatus")
        self.schedule_label.setWordWrap(True)
        form = QFormLayout(box)
        for text, field, row in (
            (self.tr("&Dossier :"), self.folder_edit, folder_row),
            (self.tr("&Toutes les :"), self.interval_spin, self.interval_spin),
            (self.tr("&Conserver :"), self.keep_spin, self.keep_spin),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, row)
        for spin in (self.interval_spin, self.keep_spin):
            spin.setMinimumWidth(140)
            spin.setMaximumWidth(200)
        save_row = QHBoxLayout()
        save_row.addWidget(self.schedule_label, 1)
        save_row.addWidget(self.save_schedule_button)
        form.addRow(save_row)
        return box

    def _build_list(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sauvegardes du dossier"))
        self.model = BackupListModel(self._calendar.local, self)
        self.table = QTableView(objectName="backupTable")
        self.table.setAccessibleName(self.tr("Sauvegardes du dossier"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.list_label = QLabel(objectName="backupListStatus")
        self.refresh_button = QPushButton(self.tr("&Actualiser"), objectName="refreshBackups")
        self.refresh_button.setAccessibleName(self.tr("Actualiser la liste des sauvegardes"))
        self.refresh_button.clicked.connect(self.refresh_list)
        row = QHBoxLayout()
        row.addWidget(self.list_label, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        return box

    # --- back up now ---------------------------------------------------------------------------

    def _ask_backup_file(self, suggested: str) -> str:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer la sauvegarde"),
            suggested,
            self.tr("Sauvegardes Créneau (*.zip)"),
        )
        return chosen

    def _on_backup_button_clicked(self) -> None:
        folder = self.folder_edit.text().strip() or str(Path.home())
        suggested = str(Path(folder) / archive_name(self._services.clock.now()))
        chosen = self.choose_backup_file(suggested)
        if chosen:
            self.backup_to(Path(chosen))

    def backup_to(self, path: Path) -> None:
        """Write a backup to ``path`` off the GUI thread, showing its progress."""
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        actor = self._actor()
        if actor is None:
            self._say(denied_message(Action.BACKUP), error=True)
            return
        backup, emit = self._services.backup, self._progress.changed.emit
        self.backup_button.setEnabled(False)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self._say(self.tr("Sauvegarde en cours…"))
        self._tasks.run(
            "backup",
            lambda: backup.backup(actor, path, progress=emit),
            self._on_backup_done,
            self._on_backup_failed,
        )

    def _on_progress_changed(self, percent: int, text: str) -> None:
        self.progress_bar.setValue(percent)
        self.status_label.setText(text)

    def _on_backup_done(self, report) -> None:
        self.backup_button.setEnabled(True)
        self.progress_bar.hide()
        m = report.manifest
        self._say(
            self.tr("Sauvegarde écrite : {path} ({rows} lignes, SHA-256 {sha}…).").format(
                path=report.path, rows=m.total_rows, sha=m.data_sha256[:12]
            )
        )
        self.backup_written.emit(str(report.path))
        self.refresh_list()

    def _on_backup_failed(self, error: Exception) -> None:
        self.backup_button.setEnabled(True)
        self.progress_bar.hide()
        self._say(_message(error), error=True)

    # --- schedule ------------------------------------------------------------------------------

    def _ask_folder(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(
            self, self.tr("Dossier des sauvegardes programmées"), start
        )

    def _on_folder_button_clicked(self) -> None:
        chosen = self.choose_folder(self.folder_edit.text() or str(Path.home()))
        if chosen:
            self.folder_edit.setText(chosen)
            self.refresh_list()

    def _load_schedule(self) -> None:
        try:
            schedule = self._services.backup.schedule()
            due = self._services.backup.next_due()
            last = self._services.backup.last_scheduled()
        except CreneauError as exc:
            self.schedule_label.setText(exc.message)
            return
        self.folder_edit.setText(schedule.folder)
        self.interval_spin.setValue(schedule.interval_hours)
        self.keep_spin.setValue(schedule.keep)
        self._show_schedule_state(schedule.enabled, last, due)

    def _show_schedule_state(self, enabled: bool, last, due) -> None:
        def when(instant) -> str:
            return self._calendar.local(instant).strftime("%d/%m/%Y %H:%M")

        if not enabled:
            text = self.tr("Sauvegardes programmées désactivées.")
        elif last is None:
            text = self.tr("Aucune sauvegarde programmée encore ; la première est due.")
        else:
            text = self.tr("Dernière : {last} · prochaine : {due}").format(
                last=when(last), due=when(due)
            )
        self.schedule_label.setText(text)

    def _on_save_schedule_button_clicked(self) -> None:
        actor = self._actor()
        try:
            schedule = check_schedule(
                self.folder_edit.text(), self.interval_spin.value(), self.keep_spin.value()
            )
            if actor is None:
                raise PermissionError
            self._services.backup.set_schedule(actor, schedule)
        except CreneauError as exc:
            self._say(exc.message, error=True)
            return
        except PermissionError:
            self._say(denied_message(Action.BACKUP), error=True)
            return
        self._say(self.tr("Réglage des sauvegardes programmées enregistré."))
        self._load_schedule()
        self.refresh_list()

    # --- list ----------------------------------------------------------------------------------

    def refresh_list(self) -> None:
        """List the archives of the folder typed (off the GUI thread: it may be a network share)."""
        folder = self.folder_edit.text().strip()
        if not folder:
            self.model.set_rows([])
            self.list_label.setText(self.tr("Choisissez un dossier pour voir ses sauvegardes."))
            return
        self.list_label.setText(self.tr("Lecture du dossier…"))
        listing = self._services.backup.list_backups
        self._tasks.run("list", lambda: listing(folder), self._on_list_read)

    def _on_list_read(self, rows) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.list_label.setText(self.tr("Aucune sauvegarde dans ce dossier."))
            return
        noun = texts.count(len(rows), self.tr("sauvegarde"), self.tr("sauvegardes"))
        self.list_label.setText(self.tr("{count} dans ce dossier.").format(count=noun))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)


def _message(error: Exception) -> str:
    if isinstance(error, CreneauError):
        return error.message
    return QCoreApplication.translate("BackupDialog", "Erreur inattendue : {error}").format(
        error=error
    )
