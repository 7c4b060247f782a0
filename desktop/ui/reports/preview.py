"""The report preview: a PDF built off the GUI thread, shown with Qt's PDF viewer, printed or
saved.

The build (a service call returning PDF bytes) runs through ``desktop.ui.tasks.TaskRunner``; a
progress bar appears when it takes more than a second. Options above the page (a practitioner,
"identité réduite", a month…) rebuild the document when they change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.ui.tasks import TaskRunner

PROGRESS_DELAY_MS = 1000
PRINT_DPI = 300
BUILD_KEY = "report"


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    """Where to save (empty: cancelled). A module function, so that tests can answer it."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


def failure_text(exc: Exception) -> str:
    """What to say when a build failed: a CreneauError carries its own French sentence."""
    if isinstance(exc, CreneauError):
        return exc.message
    return QCoreApplication.translate(
        "ReportPreviewDialog",
        "Le document n'a pas pu être préparé. Réessayez ; si cela persiste, prévenez "
        "l'informatique.",
    )


class ReportPreviewDialog(QDialog):
    """Preview, print and save one report. ``build`` returns the PDF bytes (run off thread)."""

    built = Signal()  # a new PDF is shown
    failed = Signal(str)  # the French reason

    def __init__(
        self,
        title: str,
        build: Callable[[], bytes],
        file_name: str,
        parent: QWidget | None = None,
        options: list[QWidget] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 1000)
        self._build = build
        self.file_name = file_name
        self.pdf = b""
        self._tasks = TaskRunner(self, max_threads=1)
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportView")
        self.view.setAccessibleName(self.tr("Aperçu du document"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.status_label = QLabel(objectName="reportStatus")
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar(objectName="reportProgress")
        self.progress.setRange(0, 0)  # busy: a PDF build has no known length
        self.progress.setAccessibleName(self.tr("Préparation du document"))
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self._on_progress_timer_timeout)

        self.print_button = QPushButton(self.tr("&Imprimer…"), objectName="printButton")
        self.save_button = QPushButton(self.tr("&Enregistrer…"), objectName="saveButton")
        self.close_button = QPushButton(self.tr("Fermer"), objectName="closeButton")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        self._layout(options or [])
        self._set_ready(False)

    def _layout(self, options: list[QWidget]) -> None:
        top = QHBoxLayout()
        for widget in options:
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    # --- building ------------------------------------------------------------------------------

    def rebuild(self, build: Callable[[], bytes] | None = None) -> None:
        """Build the document again (with a new ``build`` when given), off the GUI thread."""
        if build is not None:
            self._build = build
        self._set_ready(False)
        self.status_label.setText(self.tr("Préparation du document…"))
        self._progress_timer.start()
        self._tasks.run(BUILD_KEY, self._build, self._on_built, self._on_failed)

    def _on_progress_timer_timeout(self) -> None:
        self.progress.show()

    def _on_built(self, pdf: bytes) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        text = self.tr("1 page") if pages == 1 else self.tr("%1 pages").replace("%1", str(pages))
        self.status_label.setText(text)
        self._set_ready(pages > 0)
        self.built.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        message = failure_text(exc)
        self.status_label.setText(message)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def is_building(self) -> bool:
        return self._tasks.pending() > 0

    # --- printing and saving -------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Imprimer"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page on ``printer`` (each page fitted, aspect kept); the pages printed."""
        pages = self.document.pageCount()
        painter = QPainter()
        if not pages or not painter.begin(printer):
            return 0
        try:
            for page in range(pages):
                if page:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                target = QRectF(painter.viewport())
                scale = min(target.width() / size.width(), target.height() / size.height())
                width, height = size.width() * scale, size.height() * scale
                image = self.document.render(
                    page,
                    QSize(
                        round(size.width() / 72 * PRINT_DPI), round(size.height() / 72 * PRINT_DPI)
                    ),
                )
                painter.drawImage(QRectF(0, 0, width, height), image)
        finally:
            painter.end()
        return pages

    def save_document(self) -> None:
        path = ask_save_path(
            self, self.tr("Enregistrer le document"), self.file_name, self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the PDF; the status line says where, or why it could not."""
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            self.status_label.setText(
                self.tr("Enregistrement impossible : %1.").replace("%1", exc.strerror or str(exc))
            )
            return False
        self.status_label.setText(self.tr("Enregistré : %1").replace("%1", str(path)))
        return True

    def done(self, result: int) -> None:
        self._tasks.invalidate(BUILD_KEY)  # a late result is dropped
        super().done(result)
