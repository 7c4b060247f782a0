"""The next free slots of a visit reason, with their filters: the whole department or one
practitioner, morning / afternoon / all day, from a date.

The search runs on a worker thread (``desktop.ui.tasks``): across a department over months it
takes tens of milliseconds on a large hospital, hundreds when nothing is free, and the keyboard
must never wait for it. A newer search makes an older one stale; its result is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Practitioner, VisitReason
from desktop.domain.scheduling import AFTERNOON, MORNING, AgendaCalendar
from desktop.ui.booking.slot_model import ProposedSlot, SlotListModel
from desktop.ui.booking.widgets import blocked, label, list_height, list_view, show_message
from desktop.ui.i18n import interface_locale
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.agenda import AgendaService

PROPOSED_SLOTS = 5
SEARCH_DAYS = 180  # how far ahead the proposals look before saying there is nothing
TASK = "booking.free_slots"
# French source texts of the SlotProposals context, translated when shown.
TITLE = QT_TRANSLATE_NOOP("SlotProposals", "Prochains créneaux libres")
BUSY_DELAY_MS = 150  # "recherche…" only when the proposals are slow to come
# The item data of the combos: a practitioner id (0: the whole department); a key of WINDOWS.
ALL_PRACTITIONERS, ALL_DAY = 0, "all"
WINDOWS = {
    ALL_DAY: (QT_TRANSLATE_NOOP("SlotProposals", "Toute la journée"), None),
    "morning": (QT_TRANSLATE_NOOP("SlotProposals", "Matin"), MORNING),
    "afternoon": (QT_TRANSLATE_NOOP("SlotProposals", "Après-midi"), AFTERNOON),
}


class SlotProposals(QWidget):
    """Emits ``proposed(bool)`` each time the result of a search is shown (True: some slots),
    ``book_requested()`` on Enter on a slot or the button."""

    proposed = Signal(bool)
    book_requested = Signal()

    def __init__(self, agenda: AgendaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposals")
        self._agenda = agenda
        self._reason: VisitReason | None = None
        self._calendar: AgendaCalendar | None = None
        self._practitioner_names: Mapping[int, str] = {}
        self._site_names: Mapping[int, str] = {}
        self._tasks = TaskRunner(self, max_threads=1)
        self._searching = False
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._on_busy_timer_timeout)

        self.title_label = label("sectionLabel", self.tr(TITLE))
        self.practitioner_combo = QComboBox(objectName="bookingPractitionerCombo")
        self.practitioner_combo.setAccessibleName(self.tr("Praticien"))
        self.window_combo = QComboBox(objectName="windowCombo")
        self.window_combo.setAccessibleName(self.tr("Moment de la journée"))
        for key, (text, _window) in WINDOWS.items():
            self.window_combo.addItem(self.tr(text), key)
        self.from_edit = QDateEdit(objectName="fromDateEdit")
        self.from_edit.setAccessibleName(self.tr("À partir du"))
        self.from_edit.setLocale(interface_locale())
        self.from_edit.setDisplayFormat("dd/MM/yyyy")
        self.from_edit.setCalendarPopup(True)
        self.from_edit.calendarWidget().setLocale(interface_locale())
        self.model = SlotListModel(self)
        self.list = list_view("slotList", self.model, self.tr("Créneaux libres proposés"))
        self.list.setFixedHeight(list_height(self.list, PROPOSED_SLOTS))
        self.empty_label = label("slotMessage")
        self.empty_label.setVisible(False)
        self.book_button = QPushButton(self.tr("Réserver (Entrée)"), objectName="bookButton")
        self.book_button.setAutoDefault(False)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(2)
        filters.addWidget(
            label("fieldLabel", self.tr("P&raticien"), self.practitioner_combo), 0, 0, 1, 2
        )
        filters.addWidget(self.practitioner_combo, 1, 0, 1, 2)
        filters.addWidget(label("fieldLabel", self.tr("M&oment"), self.window_combo), 2, 0)
        filters.addWidget(label("fieldLabel", self.tr("À partir &du"), self.from_edit), 2, 1)
        filters.addWidget(self.window_combo, 3, 0)
        filters.addWidget(self.from_edit, 3, 1)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)
        book_row = QHBoxLayout()
        book_row.addWidget(
            label("hintLabel", self.tr("Ctrl+Entrée réserve depuis n'importe quel champ.")), 1
        )
        book_row.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addLayout(filters)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        layout.addLayout(book_row)
        QWidget.setTabOrder(self.practitioner_combo, self.window_combo)
        QWidget.setTabOrder(self.window_combo, self.from_edit)
        QWidget.setTabOrder(self.from_edit, self.list)
        QWidget.setTabOrder(self.list, self.book_button)

        self.practitioner_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.window_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.from_edit.dateChanged.connect(self._on_filter_changed)
        self.list.activated.connect(self.book_requested)
        self.book_button.clicked.connect(self.book_requested)

    # --- what the panel sets -------------------------------------------------------------------

    def set_context(self, calendar: AgendaCalendar, sites: Mapping[int, str]) -> None:
        """The time zone and the site names the proposals are written with."""
        self._calendar = calendar
        self._site_names = sites

    def set_practitioners(self, practitioners: list[Practitioner]) -> None:
        """The practitioners of the department searched: "Tout le service" and the active ones
        in the combo (the one chosen stays when still there), and the names of the slots."""
        self._practitioner_names = {p.id: p.name for p in practitioners}
        combo = self.practitioner_combo
        chosen = combo.currentData() if combo.count() else ALL_PRACTITIONERS
        with blocked(combo):
            combo.clear()
            combo.addItem(self.tr("Tout le service"), ALL_PRACTITIONERS)
            for p in practitioners:
                if p.active:
                    combo.addItem(p.name, p.id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def reset(self, today: date) -> None:
        """No reason, no proposals; all day, from today."""
        self._reason = None
        self.cancel()
        with blocked(self.window_combo, self.from_edit):
            self.window_combo.setCurrentIndex(0)
            first = QDate(today.year, today.month, today.day)
            self.from_edit.setMinimumDate(first)
            self.from_edit.setDate(first)

    def cancel(self) -> None:
        """Forget the proposals, and the search running if any."""
        self._tasks.invalidate(TASK)
        self._searching = False
        self._busy_timer.stop()
        self.title_label.setText(self.tr(TITLE))
        self.model.set_rows([])
        self.empty_label.setVisible(False)

    # --- searching -----------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        """Whether a search is running (its proposals not shown yet)."""
        return self._searching

    def current(self) -> ProposedSlot | None:
        """The slot chosen in the list (the first when none is)."""
        index = self.list.currentIndex()
        return self.model.proposed(index.row() if index.isValid() else 0)

    def search(self, reason: VisitReason) -> None:
        """Look for the next free slots of ``reason`` with the filters shown."""
        self._reason = reason
        practitioner_id = self.practitioner_combo.currentData()
        ids = None if practitioner_id == ALL_PRACTITIONERS else [practitioner_id]
        window = WINDOWS.get(self.window_combo.currentData(), WINDOWS[ALL_DAY])[1]
        start = self.from_edit.date().toPython()
        end = start + timedelta(days=SEARCH_DAYS - 1)
        agenda = self._agenda
        self._searching = True
        self._busy_timer.start()
        self._tasks.run(
            TASK,
            lambda: agenda.free_slots(reason.id, start, end, ids, window, limit=PROPOSED_SLOTS),
            lambda slots: self._on_found(slots, start, end),
            self._on_failed,
        )

    def _on_found(self, slots, start: date, end: date) -> None:
        self._done()
        calendar = self._calendar
        self.model.set_rows(
            [
                ProposedSlot(
                    slot,
                    calendar.local(slot.start) if calendar else slot.start,
                    self._practitioner_names.get(slot.practitioner_id, ""),
                    self._site_names.get(slot.site_id, ""),
                )
                for slot in slots
            ]
        )
        self.list.setVisible(bool(slots))
        if slots:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.empty_label.setVisible(False)
        else:
            show_message(
                self.empty_label,
                self.tr(
                    "Aucun créneau libre pour ce motif du {start} au {end} avec ces critères."
                ).format(start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"),
                error=False,
            )
        self.proposed.emit(bool(slots))

    def _on_failed(self, error: Exception) -> None:
        self._done()
        self.model.set_rows([])
        self.list.setVisible(False)
        if not isinstance(error, CreneauError):
            raise error
        show_message(self.empty_label, error.message, error=True)
        self.proposed.emit(False)

    def _done(self) -> None:
        self._searching = False
        self._busy_timer.stop()
        self.title_label.setText(self.tr(TITLE))

    def _on_busy_timer_timeout(self) -> None:
        if self._searching:
            self.title_label.setText(self.tr("{title} — recherche…").format(title=self.tr(TITLE)))

    def _on_filter_changed(self, *_args) -> None:
        if self._reason is not None:
            self.search(self._reason)
