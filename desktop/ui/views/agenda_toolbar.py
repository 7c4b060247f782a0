"""The agenda toolbar: previous / today / next, the date, the service, the view and the
practitioner of the week view. It only reports what the user asked for; the window decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QSizePolicy, QToolBar, QWidget

from desktop.ui import shortcuts
from desktop.ui.application import FRENCH

VIEW_LABELS = {"day": "Jour", "week": "Semaine"}


class AgendaToolBar(QToolBar):
    """Emits ``step_requested(±1)``, ``today_requested``, ``day_requested(date)``,
    ``department_changed(index)``, ``practitioner_changed(index)`` and ``view_changed(view)``."""

    step_requested = Signal(int)
    today_requested = Signal()
    day_requested = Signal(object)
    department_changed = Signal(int)
    practitioner_changed = Signal(int)
    view_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Navigation", parent)
        self.setObjectName("agendaToolBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

        # Keys come from desktop.ui.shortcuts, the one list that the F1 sheet shows.
        self.action_previous = self._action(
            "‹  Précédent", shortcuts.PREVIOUS.keys, "Jour précédent"
        )
        self.action_today = self._action(
            "Aujourd'hui", shortcuts.TODAY.keys, "Revenir à aujourd'hui"
        )
        self.action_next = self._action("Suivant  ›", shortcuts.NEXT.keys, "Jour suivant")
        self.widgetForAction(self.action_previous).setAccessibleName("Précédent")
        self.widgetForAction(self.action_next).setAccessibleName("Suivant")
        self.action_previous.triggered.connect(lambda: self.step_requested.emit(-1))
        self.action_today.triggered.connect(self.today_requested)
        self.action_next.triggered.connect(lambda: self.step_requested.emit(1))

        self.date_edit = QDateEdit(objectName="dateEdit")
        self.date_edit.setAccessibleName("Date affichée")
        self.date_edit.setLocale(FRENCH)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.setToolTip("Aller à une date")
        self.date_edit.calendarWidget().setLocale(FRENCH)
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.addWidget(self.date_edit)
        self.addSeparator()

        self.addWidget(QLabel("Service", objectName="toolbarLabel"))
        self.department_combo = QComboBox(objectName="departmentCombo")
        self.department_combo.setAccessibleName("Service")
        self.department_combo.setMinimumContentsLength(14)
        self.department_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department_combo.currentIndexChanged.connect(self.department_changed)
        self.addWidget(self.department_combo)

        self._practitioner_label = self.addWidget(QLabel("Praticien", objectName="toolbarLabel"))
        self.practitioner_combo = QComboBox(objectName="practitionerCombo")
        self.practitioner_combo.setAccessibleName("Praticien")
        self.practitioner_combo.setMinimumContentsLength(16)
        self.practitioner_combo.currentIndexChanged.connect(self.practitioner_changed)
        self._practitioner_action = self.addWidget(self.practitioner_combo)

        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self._views = QActionGroup(self)
        self._views.setExclusive(True)
        self.view_actions: dict[str, QAction] = {}
        for view, label in VIEW_LABELS.items():
            action = QAction(label, self, checkable=True)
            action.setToolTip(f"Vue {label.lower()}")
            action.triggered.connect(lambda _checked=False, v=view: self.view_changed.emit(v))
            self._views.addAction(action)
            self.addAction(action)
            self.widgetForAction(action).setAccessibleName(f"Vue {label.lower()}")
            self.view_actions[view] = action
        self.set_view("day")

    def _action(self, text: str, shortcut: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        self.addAction(action)
        return action

    # --- what the window sets -----------------------------------------------------------------

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def set_departments(self, names: Sequence[str], index: int) -> None:
        self.department_combo.clear()
        self.department_combo.addItems(list(names))
        self.department_combo.setCurrentIndex(index)

    def set_department_index(self, index: int) -> None:
        self.department_combo.setCurrentIndex(index)

    def department_index(self) -> int:
        return self.department_combo.currentIndex()

    def set_practitioners(self, names: Sequence[str]) -> None:
        self.practitioner_combo.clear()
        self.practitioner_combo.addItems(list(names))

    def practitioner_index(self) -> int:
        return self.practitioner_combo.currentIndex()

    def set_practitioner_index(self, index: int) -> None:
        self.practitioner_combo.setCurrentIndex(index)

    def set_view(self, view: str) -> None:
        self.view_actions[view].setChecked(True)
        week = view == "week"
        self._practitioner_label.setVisible(week)
        self._practitioner_action.setVisible(week)
        unit = (
            ("Semaine précédente", "Semaine suivante")
            if week
            else ("Jour précédent", "Jour suivant")
        )
        self.action_previous.setToolTip(f"{unit[0]} (Alt+←)")
        self.action_next.setToolTip(f"{unit[1]} (Alt+→)")
        self.action_today.setToolTip("Revenir à aujourd'hui (Alt+Origine)")

    def _on_date_edit_date_changed(self, qdate: QDate) -> None:
        self.day_requested.emit(qdate.toPython())
