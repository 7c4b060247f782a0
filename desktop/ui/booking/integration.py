"""The booking panel in the main window: a dock on the right, its shortcuts, and what the
agenda does once an appointment is booked (go to its day, select it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea

from desktop.domain.model import Appointment, Department
from desktop.ui.booking.keys import NEW_PATIENT, OPEN, OPEN_F2
from desktop.ui.booking.panel import BookingPanel
from desktop.ui.booking.style import STYLE_SHEET

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

PANEL_WIDTH = 430


class BookingDock(QDockWidget):
    """The dock holding the panel; its close button forgets the booking in progress."""

    closed = Signal()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()


class BookingIntegration:
    """What ``install_booking_panel`` adds to the window: the dock, the panel, two actions."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        self._window = window
        self._services = services
        self._pending_selection: int | None = None
        self.panel = BookingPanel(services, lambda: window.actor, lambda: window.department)
        scroll = QScrollArea(objectName="bookingScroll")
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock = BookingDock(
            QCoreApplication.translate("BookingIntegration", "Prise de rendez-vous"), window
        )
        self.dock.setObjectName("bookingDock")
        self.dock.setStyleSheet(STYLE_SHEET)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.dock.setWidget(scroll)
        self.dock.setMinimumWidth(PANEL_WIDTH)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.open_action = _action(
            window,
            QCoreApplication.translate("BookingIntegration", "Prendre un rendez-vous"),
            (OPEN, OPEN_F2),
            QCoreApplication.translate("BookingIntegration", "Ouvrir la prise de rendez-vous"),
        )
        self.new_patient_action = _action(
            window,
            QCoreApplication.translate("BookingIntegration", "Nouveau patient"),
            (NEW_PATIENT,),
            QCoreApplication.translate(
                "BookingIntegration", "Créer un patient et lui donner un rendez-vous"
            ),
        )
        self.open_action.triggered.connect(self.open)
        self.new_patient_action.triggered.connect(lambda: self.open(new_patient=True))
        self.panel.close_requested.connect(self.close)
        self.panel.appointment_booked.connect(self.show_appointment)
        self.dock.closed.connect(self.panel.reset)
        window.agenda_loaded.connect(self._on_window_agenda_loaded)
        self._department_id = window.department.id if window.department else None

    def open(self, *, new_patient: bool = False) -> None:
        """Show the panel; a booking in progress is kept (its patient field selected), a
        finished one gives way to a fresh one."""
        fresh = not self.dock.isVisible() or self.panel.confirmation.isVisible()
        self._pending_selection = None
        self.dock.show()
        self.dock.raise_()
        if fresh:
            self.panel.start(new_patient=new_patient)
        elif new_patient:
            self.panel.patients.open_form()
        else:
            self.panel.resume()

    def close(self) -> None:
        self.dock.hide()
        self.panel.reset()
        self._window.setFocus()

    def show_appointment(self, appointment: Appointment) -> None:
        """Show the booked appointment's day, department and practitioner, and select it."""
        window = self._window
        department = self._department_of(appointment)
        if department is not None and (
            window.department is None or window.department.id != department.id
        ):
            window.set_department(department.code)
        if window.view == "week":  # main_window.VIEW_WEEK: the week of one practitioner
            ids = [p.id for p in window.practitioners]
            if appointment.practitioner_id in ids:
                window.toolbar.set_practitioner_index(ids.index(appointment.practitioner_id))
        self._pending_selection = appointment.id
        local_day = self.panel.calendar.local(appointment.start).date()
        window.set_day(local_day)
        self._select_pending()

    def _department_of(self, appointment: Appointment) -> Department | None:
        """The department of the appointment's visit reason (the one just booked)."""
        reason = self.panel.reason
        if reason is None or reason.id != appointment.visit_reason_id:
            return None
        departments = self._services.agenda.departments()
        return next((d for d in departments if d.id == reason.department_id), None)

    def _select_pending(self) -> None:
        appointment_id = self._pending_selection
        window = self._window
        row = window.table_model.row_of(appointment_id) if appointment_id is not None else None
        if row is None:
            return
        self._pending_selection = None
        index = window.table_model.index(row, 0)
        window.table_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        window.table_view.scrollTo(index)
        window.grid.select(appointment_id)

    def _on_window_agenda_loaded(self) -> None:
        # A reload that comes later (or off the GUI thread) still ends on the new appointment.
        self._select_pending()
        department = self._window.department
        department_id = department.id if department else None
        if department_id != self._department_id:
            self._department_id = department_id
            if self.dock.isVisible():
                self.panel.set_department(department)


def install_booking_panel(window: MainWindow, services: Services) -> BookingIntegration:
    """Add the booking dock and its shortcuts (Ctrl+N / F2, Ctrl+Shift+N) to the window."""
    return BookingIntegration(window, services)


def _action(window: QMainWindow, text: str, shortcuts, tip: str) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([s.sequence for s in shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    keys = QCoreApplication.translate("BookingIntegration", " ou ").join(
        s.sequence.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts
    )
    action.setToolTip(f"{tip} ({keys})")
    window.addAction(action)
    return action
