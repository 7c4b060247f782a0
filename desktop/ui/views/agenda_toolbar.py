"""The agenda toolbar: previous / today / next, the date, the service, the view and the
practitioner of the week view. It only reports what the user asked for; the window decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QSizePolicy, QToolBar, QWidget

from desktop.ui import shortcuts
from desktop.ui.i18n import interface_locale

# French source texts of the AgendaToolBar context, translated when shown.
VIEW_LABELS = {
    "day": QT_TRANSLATE_NOOP("AgendaToolBar", "Jour"),
    "week": QT_TRANSLATE_NOOP("AgendaToolBar", "Semaine"),
}
DATE_FORMAT = "dddd d MMMM yyyy"
VIEW_TIPS = {
    "day": QT_TRANSLATE_NOOP("AgendaToolBar", "Vue jour"),
    "week": QT_TRANSLATE_NOOP("AgendaToolBar", "Vue semaine"),
}


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
        super().__init__(self.tr("Navigation"), parent)
        self.setObjectName("agendaToolBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

        # Keys come from desktop.ui.shortcuts, the one list that the F1 sheet shows.
        self.action_previous = self._action(
            self.tr("‹  Précédent"), shortcuts.PREVIOUS.keys, self.tr("Jour précédent")
        )
        self.action_today = self._action(
            self.tr("Aujourd'hui"), shortcuts.TODAY.keys, self.tr("Revenir à aujourd'hui")
        )
        self.action_next = self._action(
            self.tr("Suivant  ›"), shortcuts.NEXT.keys, self.tr("Jour suivant")
        )
        self.widgetForAction(self.action_previous).setAccessibleName(self.tr("Précédent"))
        self.widgetForAction(self.action_next).setAccessibleName(self.tr("Suivant"))
        self.action_previous.triggered.connect(lambda: self.step_requested.emit(-1))
        self.action_today.triggered.connect(self.today_requested)
        self.action_next.triggered.connect(lambda: self.step_requested.emit(1))

        self.date_edit = QDateEdit(objectName="dateEdit")
        self.date_edit.setAccessibleName(self.tr("Date affichée"))
        self.date_edit.setLocale(interface_locale())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.setMinimumWidth(_widest_date_width(self.date_edit))
        self.date_edit.setToolTip(self.tr("Aller à une date"))
        self.date_edit.calendarWidget().setLocale(interface_locale())
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.addWidget(self.date_edit)
        self.addSeparator()

        self.addWidget(QLabel(self.tr("Service"), objectName="toolbarLabel"))
        self.department_combo = QComboBox(objectName="departmentCombo")
        self.department_combo.setAccessibleName(self.tr("Service"))
        self.department_combo.setMinimumContentsLength(14)
        self.department_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department_combo.currentIndexChanged.connect(self.department_changed)
        self.addWidget(self.department_combo)

        self._practitioner_label = self.addWidget(
            QLabel(self.tr("Praticien"), objectName="toolbarLabel")
        )
        self.practitioner_combo = QComboBox(objectName="practitionerCombo")
        self.practitioner_combo.setAccessibleName(self.tr("Praticien"))
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
            action = QAction(self.tr(label), self, checkable=True)
            action.setToolTip(self.tr(VIEW_TIPS[view]))
            action.triggered.connect(lambda _checked=False, v=view: self.view_changed.emit(v))
            self._views.addAction(action)
            self.addAction(action)
            self.widgetForAction(action).setAccessibleName(self.tr(VIEW_TIPS[view]))
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
            (self.tr("Semaine précédente"), self.tr("Semaine suivante"))
            if week
            else (self.tr("Jour précédent"), self.tr("Jour suivant"))
        )
        self.action_previous.setToolTip(f"{unit[0]} (Alt+←)")
        self.action_next.setToolTip(f"{unit[1]} (Alt+→)")
        self.action_today.setToolTip(self.tr("Revenir à aujourd'hui (Alt+Origine)"))

    def _on_date_edit_date_changed(self, qdate: QDate) -> None:
        self.day_requested.emit(qdate.toPython())


def _widest_date_width(edit: QDateEdit) -> int:
    """Room for the longest date of a year in the interface's language ("Wednesday 30 September
    2026"), so that no day's name is cut off."""
    locale, metrics = edit.locale(), edit.fontMetrics()
    first = QDate(2026, 1, 1)
    widest = max(
        metrics.horizontalAdvance(locale.toString(first.addDays(i), DATE_FORMAT))
        for i in range(365)
    )
    # The size hint is the widest of the minimum and maximum dates' texts, plus the frame and
    # the arrow button.
    hinted = max(
        metrics.horizontalAdvance(locale.toString(d, DATE_FORMAT))
        for d in (edit.minimumDate(), edit.maximumDate())
    )
    return widest + max(edit.sizeHint().width() - hinted, 0)
