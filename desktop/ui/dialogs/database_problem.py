"""The start-up screen for a database that is missing, read-only, locked or damaged.

It says what is wrong (the services' French message) and offers « Restaurer une sauvegarde… »
(a file dialog opened on the backup folder; the archives found there are also listed, a double
click restores one) and « Quitter ». A locked database offers « Réessayer » instead: another
program uses it, replacing it would lose that program's work. The restore runs off the GUI
thread (``TaskRunner``) with its progress; the dialog is accepted once the database is back.

The composition root (``desktop.app``) hands in what the dialog calls: ``list_backups``
(``BackupService.list_backups``), ``restore`` (``startup.recover``) and ``retry``
(``startup.check_database``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.ui.tasks import TaskRunner

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
LOCKED = "locked"


class _Progress(QObject):
    """Emitted from the worker thread, delivered on the GUI thread (queued)."""

    changed = Signal(int, str)


class DatabaseProblemDialog(QDialog):
    """What is wrong, the backups at hand, and the way out: restore or quit."""

    def __init__(
        self,
        message: str,
        kind: str,
        backup_folder: str,
        *,
        list_backups: Callable[[str], list],
        restore: Callable[[Path, Callable[[int, str], None]], object],
        retry: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblemDialog")
        self.setWindowTitle(self.tr("Base de données inaccessible — Créneau"))
        self.setMinimumWidth(620)
        self._kind = kind
        self._folder = backup_folder
        self._restore = restore
        self._retry = retry
        self._tasks = TaskRunner(self, max_threads=1)
        self._progress = _Progress(self)
        self.report = None
        # Tests and other callers may replace the file chooser.
        self.choose_archive: Callable[[], str] = self._ask_archive

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(self.tr("Créneau ne peut pas ouvrir sa base de données"))
        title.setObjectName("problemTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.message_label = QLabel(message, objectName="problemMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setAccessibleName(self.tr("Problème de base de données"))
        head = QVBoxLayout()
        head.addWidget(title)
        head.addWidget(self.message_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(head, 1)

        self.list_label = QLabel(objectName="backupListLabel")
        self.list_label.setWordWrap(True)
        self.backups = QListWidget(objectName="problemBackupList")
        self.backups.setAccessibleName(self.tr("Sauvegardes disponibles"))
        self.backups.itemActivated.connect(self._on_backups_item_activated)
        self.progress_bar = QProgressBar(objectName="restoreProgress")
        self.progress_bar.setAccessibleName(self.tr("Avancement de la restauration"))
        self.progress_bar.hide()
        self.status_label = QLabel(objectName="restoreStatus")
        self.status_label.setWordWrap(True)

        self.restore_button = QPushButton(self.tr("&Restaurer une sauvegarde…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName(self.tr("Restaurer une sauvegarde"))
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.retry_button = QPushButton(self.tr("Ré&essayer"), objectName="retryButton")
        self.retry_button.setAccessibleName(self.tr("Réessayer d'ouvrir la base"))
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.quit_button = QPushButton(self.tr("&Quitter"), objectName="quitButton")
        self.quit_button.setAccessibleName(self.tr("Quitter Créneau"))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.quit_button)
        locked = kind == LOCKED
        self.retry_button.setVisible(locked and retry is not None)
        self.restore_button.setVisible(not locked)
        self.backups.setVisible(not locked)
        self.list_label.setVisible(not locked)
        (self.retry_button if locked else self.restore_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.list_label)
        layout.addWidget(self.backups, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._progress.changed.connect(self._on_progress_changed)
        if not locked:
            self._fill_backups(list_backups)

    # --- the backups at hand -------------------------------------------------------------------

    def _fill_backups(self, list_backups: Callable[[str], list]) -> None:
        found = (
            [b for b in list_backups(self._folder) if b.manifest is not None]
            if self._folder
            else []
        )
        if not found:
            self.list_label.setText(
                self.tr(
                    "Aucune sauvegarde trouvée dans « {folder} » : choisissez le fichier."
                ).format(folder=self._folder or "—")
            )
            self.backups.hide()
            return
        self.list_label.setText(
            self.tr("Sauvegardes trouvées dans « {folder} » (double-clic pour restaurer) :").format(
                folder=self._folder
            )
        )
        for listing in found:
            m = listing.manifest
            when = m.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
            appointments = m.row_counts.get("appointment", 0)
            text = self.tr("{when} — {rows} rendez-vous, {total} lignes — {name}").format(
                when=when, rows=appointments, total=m.total_rows, name=listing.path.name
            )
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, str(listing.path))
            self.backups.addItem(item)
        self.backups.setCurrentRow(0)

    def _ask_archive(self) -> str:
        start = self._folder
        if self.backups.currentItem() is not None:
            start = self.backups.currentItem().data(PATH_ROLE)
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choisir une sauvegarde à restaurer"),
            start,
            self.tr("Sauvegardes Créneau (*.zip);;Tous les fichiers (*)"),
        )
        return chosen

    # --- restore / retry -----------------------------------------------------------------------

    def _on_restore_button_clicked(self) -> None:
        chosen = self.choose_archive()
        if chosen:
            self.restore_from(Path(chosen))

    def _on_backups_item_activated(self, item: QListWidgetItem) -> None:
        self.restore_from(Path(item.data(PATH_ROLE)))

    def restore_from(self, archive: Path) -> None:
        """Restore ``archive`` off the GUI thread; accepted when done, the reason shown if not."""
        self._busy(True, self.tr("Restauration de « {name} »…").format(name=archive.name))
        emit = self._progress.changed.emit
        self._tasks.run(
            "restore", lambda: self._restore(archive, emit), self._on_restored, self._on_failed
        )

    def _on_retry_button_clicked(self) -> None:
        if self._retry is None:
            return
        self._busy(True, self.tr("Nouvelle tentative…"))
        self._tasks.run("retry", self._retry, lambda _r: self.accept(), self._on_failed)

    def _busy(self, busy: bool, text: str = "") -> None:
        for button in (self.restore_button, self.retry_button, self.quit_button):
            button.setEnabled(not busy)
        self.backups.setEnabled(not busy)
        self.progress_bar.setVisible(busy and self._kind != LOCKED)
        self.progress_bar.setValue(0)
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def _on_progress_changed(self, percent: int, text: str) -> None:
        self.progress_bar.setValue(percent)
        self.status_label.setText(text)

    def _on_restored(self, report) -> None:
        self.report = report
        self._busy(False, self.tr("Sauvegarde restaurée."))
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        message = (
            error.message
            if isinstance(error, CreneauError)
            else self.tr("Erreur inattendue : {error}").format(error=error)
        )
        self._busy(False, message)
        self.status_label.setStyleSheet("color: #9b1c1c;")
        if isinstance(error, CreneauError) and self._kind == LOCKED:
            self.message_label.setText(message)
