"""The waiting list panel: the entries of the department, and the slots that just freed up.

``WaitlistTableModel`` is a thin Qt adapter over ``WaitingEntry`` rows (names looked up once per
refresh). ``WaitlistPanel`` shows the list, adds an entry (``WaitlistDialog``), removes one, and
holds the notification area: after a cancellation or a move, ``offer_freed(appointment)`` lists
the freed slots with the waiting patients they suit; « Réserver » books the chosen one
(``WaitlistService.book_from_waitlist``) and says so with ``booked(appointment_id)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Absence, Actor, Appointment, Slot, WaitingEntry
from desktop.ui import texts

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.waitlist import Proposal

AnyIndex = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
WEEKDAY_SHORT = texts.SHORT_WEEKDAYS  # "lun." … in the Texts translation context

COL_PATIENT, COL_REASON, COL_WHO, COL_DAYS, COL_TIME, COL_DEADLINE, COL_PRIORITY, COL_SINCE = range(
    8
)
HEADERS = (  # French source texts of the WaitlistTableModel context, translated when shown
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Patient"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Motif"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Praticien ou service"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Jours souhaités"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Moment"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Échéance"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Priorité"),
    QT_TRANSLATE_NOOP("WaitlistTableModel", "Inscrit le"),
)


@dataclass(frozen=True)
class WaitlistRow:
    """A waiting entry with the names a screen writes."""

    entry: WaitingEntry
    patient_name: str
    reason_label: str
    who: str
    since: str

    @property
    def days(self) -> str:
        if not self.entry.weekdays:
            return QCoreApplication.translate("WaitlistTableModel", "Tous")
        return ", ".join(
            QCoreApplication.translate("Texts", WEEKDAY_SHORT[d])
            for d in sorted(self.entry.weekdays)
        )

    @property
    def deadline(self) -> str:
        return f"{self.entry.deadline:%d/%m/%Y}" if self.entry.deadline else "—"


class WaitlistTableModel(QAbstractTableModel):
    """Rows of ``WaitlistRow``; ``ENTRY_ROLE`` gives the ``WaitingEntry``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WaitlistRow] = []

    def set_rows(self, rows: Sequence[WaitlistRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[WaitlistRow]:
        return list(self._rows)

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.entry.id == entry_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return row.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.patient_name,
                row.reason_label,
                row.who,
                row.days,
                texts.time_of_day_label(row.entry.time_window),
                row.deadline,
                texts.priority_label(row.entry.priority),
                row.since,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and row.entry.notes:
            return row.entry.notes
        return None


@dataclass(frozen=True)
class Offer:
    """A freed slot and one waiting entry it suits."""

    slot: Slot
    entry: WaitingEntry
    text: str


class WaitlistPanel(QWidget):
    """The list, its buttons and the proposals after a freed slot."""

    booked = Signal(int)
    message = Signal(str, bool)
    add_requested = Signal()
    proposals_changed = Signal(int)

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        department_id: Callable[[], int | None],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("waitlistPanel")
        self.setAccessibleName(self.tr("Liste d'attente"))
        self._services = services
        self._actor = actor
        self._department_id = department_id
        self._calendar = services.structure.calendar()
        # What freed the time on offer: proposals computed again on each refresh (None: nothing).
        self._freed: Callable[[], list[Proposal]] | None = None
        self._offers: list[Offer] = []

        # The notification area: shown only when a freed slot suits someone.
        self.proposals_frame = QFrame(objectName="waitlistProposals")
        self.proposals_frame.setStyleSheet(
            "QFrame#waitlistProposals { background: #fff7e6; border: 1px solid #f0c36d;"
            " border-radius: 4px; }"
        )
        self.proposals_title = QLabel(objectName="proposalsTitle")
        self.proposals_title.setWordWrap(True)
        self.proposals_list = QListWidget(objectName="proposalsList")
        self.proposals_list.setAccessibleName(self.tr("Patients en attente pour le créneau libéré"))
        self.proposals_list.setWordWrap(True)
        self.proposals_list.setAlternatingRowColors(True)
        self.proposals_list.setMaximumHeight(150)
        self.proposals_list.itemActivated.connect(lambda _item: self.book_selected())
        self.book_button = QPushButton(
            self.tr("Réserver pour ce patient"), objectName="bookFromWaitlist"
        )
        self.book_button.setAccessibleName(
            self.tr("Réserver le créneau libéré pour le patient choisi")
        )
        self.book_button.setDefault(True)
        self.book_button.clicked.connect(self.book_selected)
        self.dismiss_button = QPushButton(self.tr("Ignorer"), objectName="dismissProposals")
        self.dismiss_button.clicked.connect(self.dismiss_proposals)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.book_button)
        box = QVBoxLayout(self.proposals_frame)
        box.addWidget(self.proposals_title)
        box.addWidget(self.proposals_list)
        box.addLayout(buttons)
        self.proposals_frame.hide()

        self.model = WaitlistTableModel(self)
        self.table = QTableView(objectName="waitlistTable")
        self.table.setAccessibleName(self.tr("Patients en liste d'attente"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel(objectName="waitlistCount")
        self.add_button = QPushButton(self.tr("Ajouter un patient…"), objectName="addToWaitlist")
        self.add_button.setAccessibleName(self.tr("Ajouter un patient à la liste d'attente"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button = QPushButton(self.tr("Retirer"), objectName="removeFromWaitlist")
        self.remove_button.setAccessibleName(
            self.tr("Retirer le patient choisi de la liste d'attente")
        )
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.remove_button)
        row.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.proposals_frame)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    # --- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the department's waiting entries again."""
        try:
            entries = self._services.waitlist.entries(self._department_id())
            rows = self._rows(entries)
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            return
        self.model.set_rows(rows)
        self.count_label.setText(
            texts.capitalised(
                texts.count(
                    len(rows), self.tr("patient en attente"), self.tr("patients en attente")
                )
            )
        )

    def selected_entry(self) -> WaitingEntry | None:
        index = self.table.currentIndex()
        return self.model.data(index, ENTRY_ROLE) if index.isValid() else None

    def remove_selected(self, reason: str = "Retiré par le secrétariat") -> bool:
        entry, actor = self.selected_entry(), self._actor()
        if entry is None or actor is None:
            return False
        try:
            self._services.waitlist.remove(actor, entry.id, entry.version, reason)
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            self.refresh()
            return False
        self.refresh()
        self.message.emit(self.tr("Patient retiré de la liste d'attente."), False)
        return True

    # --- the proposals -------------------------------------------------------------------------

    @property
    def offers(self) -> list[Offer]:
        return list(self._offers)

    def offer_freed(self, appointment: Appointment) -> int:
        """After ``appointment`` was cancelled or moved: list who could take its time.
        Returns the number of offers (0: the area stays hidden)."""
        self._freed = lambda: self._services.waitlist.proposals_for_freed(appointment)
        return self._compute_offers()

    def offer_freed_time(self, absence: Absence) -> int:
        """After ``absence`` was removed: list who could take the time it gave back.
        Returns the number of offers (0: the area stays hidden)."""
        self._freed = lambda: self._services.absences.freed_proposals(absence)
        return self._compute_offers()

    def dismiss_proposals(self) -> None:
        self._freed = None
        self._offers = []
        self.proposals_list.clear()
        self.proposals_frame.hide()
        self.proposals_changed.emit(0)

    def book_selected(self) -> int | None:
        """Book the chosen offer (the first when none is chosen); the appointment's id."""
        if not self._offers:
            return None
        row = max(self.proposals_list.currentRow(), 0)
        offer, actor = self._offers[row], self._actor()
        if actor is None:
            self.message.emit(self.tr("Connectez-vous pour réserver ce créneau."), True)
            return None
        try:
            made = self._services.waitlist.book_from_waitlist(
                actor, offer.entry.id, offer.slot, offer.entry.version
            )
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            self.refresh()
            self._compute_offers()
            return None
        local = self._calendar.local(made.start)
        self.message.emit(
            self.tr("Rendez-vous pris depuis la liste d'attente : {patient}, {when}.").format(
                patient=self._patient_name(made.patient_id),
                when=texts.at_time(local.date(), local),
            ),
            False,
        )
        self.refresh()
        self._compute_offers()
        self.booked.emit(made.id)
        return made.id

    def _compute_offers(self) -> int:
        self._offers = []
        self.proposals_list.clear()
        if self._freed is not None:
            try:
                proposals = self._freed()
            except CreneauError as exc:
                self.message.emit(exc.message, True)
                proposals = []
            names = _Names(self._services)
            for proposal in proposals:
                for entry in proposal.entries:
                    self._offers.append(
                        Offer(proposal.slot, entry, self._offer_text(proposal.slot, entry, names))
                    )
        for offer in self._offers:
            item = QListWidgetItem(offer.text)
            self.proposals_list.addItem(item)
        if self._offers:
            self.proposals_list.setCurrentRow(0)
            first = self._offers[0].slot
            local = self._calendar.local(first.start)
            self.proposals_title.setText(
                self.tr(
                    "<b>Créneau libéré</b> ({day} à {time}) : {offers} de la liste d'attente. "
                    "Entrée ou « Réserver » pour le patient choisi."
                ).format(
                    day=texts.day_month(local.date()),
                    time=texts.clock(local),
                    offers=texts.count(
                        len(self._offers), self.tr("proposition"), self.tr("propositions")
                    ),
                )
            )
            self.proposals_frame.show()
        else:
            self.proposals_frame.hide()
        self.proposals_changed.emit(len(self._offers))
        return len(self._offers)

    def _offer_text(self, slot: Slot, entry: WaitingEntry, names: _Names) -> str:
        local = self._calendar.local(slot.start)
        return self.tr(
            "{when} · {practitioner} · {reason}\n{patient} — priorité {priority}"
        ).format(
            when=f"{texts.short_day(local.date())} {texts.clock(local)}",
            practitioner=names.practitioner(slot.practitioner_id),
            reason=names.reason(slot.visit_reason_id),
            patient=names.patient(entry.patient_id),
            priority=texts.priority_label(entry.priority).lower(),
        )

    def _patient_name(self, patient_id: int) -> str:
        return _Names(self._services).patient(patient_id)

    def _rows(self, entries: Sequence[WaitingEntry]) -> list[WaitlistRow]:
        names = _Names(self._services)
        rows = []
        for e in entries:
            who = (
                names.practitioner(e.practitioner_id)
                if e.practitioner_id
                else self.tr("Service {department}").format(
                    department=names.department(e.department_id)
                )
            )
            since = self._calendar.local(e.created_at).date() if e.created_at else None
            rows.append(
                WaitlistRow(
                    e,
                    names.patient(e.patient_id),
                    names.reason(e.visit_reason_id),
                    who,
                    f"{since:%d/%m/%Y}" if isinstance(since, date) else "",
                )
            )
        return rows


class _Names:
    """Names of the ids a list shows, each read once."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._patients: dict[int, str] = {}
        self._practitioners: dict[int, str] | None = None
        self._reasons: dict[int, str] | None = None
        self._departments: dict[int, str] | None = None

    def patient(self, patient_id: int) -> str:
        if patient_id not in self._patients:
            self._patients[patient_id] = self._services.patients.get(patient_id).display_name
        return self._patients[patient_id]

    def practitioner(self, practitioner_id: int) -> str:
        if self._practitioners is None:
            self._practitioners = {p.id: p.name for p in self._services.agenda.practitioners()}
        return self._practitioners.get(practitioner_id, "")

    def reason(self, reason_id: int) -> str:
        if self._reasons is None:
            self._reasons = {v.id: v.label for v in self._services.agenda.visit_reasons()}
        return self._reasons.get(reason_id, "")

    def department(self, department_id: int) -> str:
        if self._departments is None:
            self._departments = {d.id: d.name for d in self._services.agenda.departments()}
        return self._departments.get(department_id, "")
