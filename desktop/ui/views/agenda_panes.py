"""The panes around the grid: the heading (date, service, Planning / Liste switch) and the list
of appointments. Layout only; the window fills them and reacts to their signals.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.models.appointment_table import (
    COL_PATIENT,
    COL_PRACTITIONER,
    COL_REASON,
    COL_STATUS,
    COL_TIME,
)

PAGE_PLANNING = 0
PAGE_LIST = 1
COLUMN_WIDTHS = {COL_TIME: 110, COL_PATIENT: 300, COL_PRACTITIONER: 220, COL_STATUS: 200}


class AgendaHeading(QWidget):
    """Title and subtitle on the left; a segmented Planning / Liste switch on the right.

    Emits ``page_requested(page)`` when the user picks a page.
    """

    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaHeading")
        self.title_label = QLabel(objectName="agendaTitle")
        self.subtitle_label = QLabel(objectName="agendaSubtitle")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        self.planning_button = _segment(
            self.tr("Planning"), self.tr("Les rendez-vous sur la grille horaire")
        )
        self.list_button = _segment(self.tr("Liste"), self.tr("Les rendez-vous en tableau"))
        self._pages = QButtonGroup(self)
        self._pages.setExclusive(True)
        self._pages.addButton(self.planning_button, PAGE_PLANNING)
        self._pages.addButton(self.list_button, PAGE_LIST)
        self._pages.idClicked.connect(self.page_requested)
        self.planning_button.setChecked(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        layout.addLayout(titles, 1)
        layout.addWidget(self.planning_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignBottom)

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)

    def set_page(self, page: int) -> None:
        self._pages.button(page).setChecked(True)


class AppointmentListView(QTableView):
    """The appointments as a read-only table, one row selected at a time."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentTable")
        self.setAccessibleName(self.tr("Liste des rendez-vous"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)


def _segment(text: str, tip: str) -> QToolButton:
    button = QToolButton(text=text, checkable=True, objectName="segmentButton")
    button.setToolTip(tip)
    return button
