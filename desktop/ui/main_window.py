"""The main window: the agenda of a department's day (or a practitioner's week), read-only.

Data comes from the services handed in by the composition root (``desktop.app``); the window
never opens a database session itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from desktop.domain.errors import CreneauError, InvalidInput, NotFound
from desktop.domain.model import Actor, Department, Practitioner, Role
from desktop.ui import texts
from desktop.ui.actions import install_appointment_actions
from desktop.ui.admin import install_administration
from desktop.ui.admin_menu import install_audit
from desktop.ui.backups import install_backup
from desktop.ui.booking import install_booking_panel
from desktop.ui.dialogs.about import install_about
from desktop.ui.dialogs.retention_dialog import install_retention
from desktop.ui.dialogs.shortcuts import install_shortcuts_sheet
from desktop.ui.idle_lock import install_idle_lock
from desktop.ui.live_refresh import install_live_refresh
from desktop.ui.models import agenda_layout as layout
from desktop.ui.models.appointment_table import ID_ROLE, AppointmentTableModel
from desktop.ui.publication import install_publication
from desktop.ui.reports import install_reports
from desktop.ui.roles import role_features
from desktop.ui.tasks import TaskRunner
from desktop.ui.views.agenda_grid import AgendaGrid
from desktop.ui.views.agenda_panes import (
    PAGE_PLANNING,
    AgendaHeading,
    AppointmentListView,
)
from desktop.ui.views.agenda_toolbar import AgendaToolBar
from desktop.ui.views.outbox import install_outbox
from desktop.ui.views.request_inbox import install_request_inbox
from desktop.ui.workspace import install_workspace

if TYPE_CHECKING:
    from desktop.services.container import Services

VIEW_DAY = "day"
VIEW_WEEK = "week"
VIEWS = (VIEW_DAY, VIEW_WEEK)
NOW_REFRESH_MS = 30_000


class MainWindow(QMainWindow):
    """Toolbar (dates, service, view), the agenda grid and the list of its appointments."""

    agenda_loaded = Signal()

    def __init__(
        self,
        services: Services,
        *,
        day: date | None = None,
        view: str = VIEW_DAY,
        department_code: str | None = None,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Who is signed in; None: a read-only window (screenshots, before sign-in).
        self.actor = actor
        # Read the agenda off the GUI thread (the running application turns it on; tests and
        # screenshots read synchronously). Never for an in-memory SQLite database, which a
        # worker thread's connection would not see.
        self.background_reads = False
        self._tasks = TaskRunner(self)
        if view not in VIEWS:
            raise InvalidInput(f"Vue inconnue : « {view} » (attendu : day ou week).")
        self._services = services
        self._calendar = services.structure.calendar()
        self._departments: list[Department] = _visible_departments(services, actor)
        self._practitioners: list[Practitioner] = []
        self._view = view
        self._day = day or self.today()
        start_index = self._department_index(department_code)
        self.setWindowTitle(f"Créneau — {services.structure.hospital().name}")
        self.setObjectName("mainWindow")

        self.toolbar = AgendaToolBar(self)
        self.addToolBar(self.toolbar)
        self.grid = AgendaGrid()
        self.table_model = AppointmentTableModel(self)
        self.table_view = AppointmentListView(self.table_model)
        self._build_central()
        self._build_status_bar()

        with QSignalBlocker(self.toolbar):
            self.toolbar.set_departments([d.name for d in self._departments], start_index)
            self.toolbar.set_view(view)
            self.toolbar.set_day(self._day)
        self._load_practitioners()
        self.toolbar.day_requested.connect(self.set_day)
        self.toolbar.step_requested.connect(self._on_toolbar_step_requested)
        self.toolbar.today_requested.connect(self.go_today)
        self.toolbar.department_changed.connect(self._on_toolbar_department_changed)
        self.toolbar.practitioner_changed.connect(self._on_toolbar_practitioner_changed)
        self.toolbar.view_changed.connect(self.set_view)
        self.grid.appointment_clicked.connect(self._on_grid_appointment_clicked)
        self.table_view.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.table_view.activated.connect(self._on_table_view_activated)

        self._now_timer = QTimer(self)
        self._now_timer.setInterval(NOW_REFRESH_MS)
        self._now_timer.timeout.connect(self._update_now)
        self._now_timer.start()
        self.reload()
        # Keyboard-first booking: a dock opened by Ctrl+N / F2 (desktop.ui.booking).
        self.booking = install_booking_panel(self, services)
        # Move (drag and drop, dialog), cancel, statuses; the message bar (desktop.ui.actions).
        self.appointment_actions = install_appointment_actions(self, services)
        # What the signed-in role offers, the F1 shortcuts sheet and the idle lock of shared
        # workstations (desktop.ui.roles, desktop.ui.dialogs.shortcuts, desktop.ui.idle_lock).
        role_features(self, services)
        self.shortcuts_action = install_shortcuts_sheet(self)
        self.idle_lock = install_idle_lock(self, services)
        # Other workstations' changes shown within a second (desktop.ui.live_refresh).
        self.live_refresh = install_live_refresh(self, services)
        # Appointment and patient panel, waiting list, absences (desktop.ui.workspace).
        self.workspace = install_workspace(self, services)
        # « Demandes en ligne »: requests from the booking page (desktop.ui.views.request_inbox).
        self.request_inbox = install_request_inbox(self, services)
        self.outbox = install_outbox(self, services)  # « Rappels SMS… », the SMS sender
        # Administration menu: the audit trail (desktop.ui.admin_menu, desktop.ui.views.audit_view).
        self.audit_action = install_audit(self, services)
        # Backups: « Sauvegarde… » and the scheduled backups (desktop.ui.backups).
        self.backups = install_backup(self, services)
        # « Structure et utilisateurs… »: the administration window (desktop.ui.admin).
        self.administration = install_administration(self, services)
        self.retention_action = install_retention(self, services)  # « Conservation des données… »
        self.reports = install_reports(self, services)  # « Rapports »: print, preview, export
        # « Publier les créneaux maintenant », policies, republication (desktop.ui.publication).
        self.publication = install_publication(self, services)
        self.about_action = install_about(self, services)  # « Aide » menu, last on the bar

    # --- what is shown -------------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self._day

    @property
    def view(self) -> str:
        return self._view

    @property
    def department(self) -> Department | None:
        index = self.toolbar.department_index()
        return self._departments[index] if 0 <= index < len(self._departments) else None

    @property
    def departments(self) -> list[Department]:
        """The departments the selector offers (a physician: their own)."""
        return list(self._departments)

    @property
    def practitioners(self) -> list[Practitioner]:
        """The active practitioners of the department shown."""
        return list(self._practitioners)

    @property
    def practitioner(self) -> Practitioner | None:
        """The practitioner whose week is shown (week view)."""
        index = self.toolbar.practitioner_index()
        return self._practitioners[index] if 0 <= index < len(self._practitioners) else None

    def today(self) -> date:
        """Today in the hospital's time zone (from the services' clock)."""
        return self._calendar.local(self._services.clock.now()).date()

    # --- navigation ----------------------------------------------------------------------------

    def set_day(self, day: date) -> None:
        self._day = day
        with QSignalBlocker(self.toolbar):
            self.toolbar.set_day(day)
        self.reload()

    def go_previous(self) -> None:
        self._on_toolbar_step_requested(-1)

    def go_next(self) -> None:
        self._on_toolbar_step_requested(1)

    def go_today(self) -> None:
        self.set_day(self.today())

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise InvalidInput(f"Vue inconnue : « {view} » (attendu : day ou week).")
        self._view = view
        with QSignalBlocker(self.toolbar):
            self.toolbar.set_view(view)
        self.reload()

    def set_department(self, code: str) -> None:
        """Show the department of that code; ``NotFound`` when there is none."""
        index = self._department_index(code)
        with QSignalBlocker(self.toolbar):
            self.toolbar.set_department_index(index)
        self._on_toolbar_department_changed(index)

    def _on_toolbar_step_requested(self, step: int) -> None:
        self.set_day(self._day + timedelta(days=step * (7 if self._view == VIEW_WEEK else 1)))

    def _on_toolbar_department_changed(self, _index: int) -> None:
        self._load_practitioners()
        self.reload()

    def _on_toolbar_practitioner_changed(self, _index: int) -> None:
        self.reload()

    def _department_index(self, code: str | None) -> int:
        if code is None:
            return 0 if self._departments else -1
        for i, d in enumerate(self._departments):
            if d.code.casefold() == code.casefold():
                return i
        raise NotFound(f"Service inconnu : « {code} ».")

    def _load_practitioners(self) -> None:
        department = self.department
        try:
            found = self._services.agenda.practitioners(department.id) if department else []
        except CreneauError as exc:
            found = []
            self.statusBar().showMessage(exc.message)
        self._practitioners = [p for p in found if p.active]
        if self.actor is not None:  # a physician sees their own agenda (desktop.services.agenda)
            self._practitioners = self._services.agenda.visible_practitioners(
                self.actor, self._practitioners
            )
        with QSignalBlocker(self.toolbar):
            self.toolbar.set_practitioners([p.name for p in self._practitioners])

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the period shown through the agenda service and refresh every view of it."""
        department = self.department
        content, entries, message = layout.AgendaContent(), [], ""
        if department is None:
            message = self.tr(
                "Aucun service n'est encore défini. Importez la structure de l'hôpital :\n"
                "creneau import-structure FICHIER.toml"
            )
        elif not self._practitioners and _unlinked_physician(self.actor):
            message = self.tr(
                "Votre compte de médecin n'est relié à aucun agenda : demandez à un "
                "administrateur de le relier à votre fiche de praticien."
            )
        elif not self._practitioners:
            message = self.tr("Aucun praticien actif dans le service {name}.").format(
                name=department.name
            )
        elif self.background_reads:
            # The read and the layout run on a worker (desktop.ui.tasks); only the newest read
            # is shown, and agenda_loaded is emitted once it is.
            read = self._reader(department)
            self._tasks.run(
                "agenda",
                read,
                lambda result: self._show(department, *result, ""),
                lambda exc: self._show(department, layout.AgendaContent(), [], _read_error(exc)),
            )
            return
        else:
            try:
                content, entries = self._read(department)
            except CreneauError as exc:
                message = exc.message
        self._show(department, content, entries, message)

    def _show(self, department, content, entries, message: str) -> None:
        if message and department is not None and self._practitioners:
            self.statusBar().showMessage(message)
        self.grid.set_empty_message(message)
        self.grid.set_content(content, scroll_to_minute=_first_minute(content))
        self.table_model.set_rows(entries, with_date=self._view == VIEW_WEEK)
        self._update_labels(department, len(entries))
        self._update_now()
        self.agenda_loaded.emit()

    def _read(self, department: Department):
        return self._reader(department)()

    def _reader(self, department: Department):
        """What to read, fixed now on the GUI thread; the returned function touches no widget."""
        agenda, view, day, actor = self._services.agenda, self._view, self._day, self.actor
        practitioners = list(self._practitioners)
        practitioner = self.practitioner or practitioners[0]

        def read():
            if view == VIEW_DAY:
                period = agenda.period([p.id for p in practitioners], day, day, actor)
                content = layout.day_content(period, practitioners, day, department.site_id)
            else:
                days = layout.week_days(day)
                period = agenda.period([practitioner.id], days[0], days[-1], actor)
                busy = {a.start.astimezone(period.calendar.tz).date() for a in period.appointments}
                shown = [d for d in days if d.weekday() < 5 or d in busy or d == day]
                content = layout.week_content(period, practitioner, shown, department.site_id)
            return content, layout.entries_from_period(period, practitioners)

        return read

    def _update_now(self) -> None:
        now = self._calendar.local(self._services.clock.now())
        columns = frozenset(
            i for i, c in enumerate(self.grid.content.columns) if c.day == now.date()
        )
        self.grid.set_now(columns, now.hour * 60 + now.minute if columns else None)

    # --- layout --------------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.heading = AgendaHeading()
        self.heading.page_requested.connect(self._on_heading_page_requested)
        self.title_label = self.heading.title_label
        self.subtitle_label = self.heading.subtitle_label
        self.stack = QStackedWidget(objectName="agendaStack")
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.table_view)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.heading)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def show_page(self, page: int) -> None:
        """``PAGE_PLANNING`` (the grid) or ``PAGE_LIST`` (the table)."""
        self.heading.set_page(page)
        self.stack.setCurrentIndex(page)

    def _on_heading_page_requested(self, page: int) -> None:
        self.stack.setCurrentIndex(page)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(
            self.tr("Base : {where}").format(where=database_label(self._services.db.url)),
            objectName="databaseLabel",
        )
        self.count_label = QLabel(objectName="countLabel")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

    def _update_labels(self, department: Department | None, count: int) -> None:
        appointments = texts.capitalised(
            texts.count(count, self.tr("rendez-vous", "one"), self.tr("rendez-vous", "many"))
        )
        self.count_label.setText(appointments)
        if self._view == VIEW_DAY:
            title = texts.capitalised(texts.long_date(self._day))
            if self._is_own_day():
                title = self.tr("Ma journée") + " · " + title
            if self._day == self.today():
                title += self.tr(" · aujourd'hui")
            staff = texts.count(
                len(self._practitioners), self.tr("praticien"), self.tr("praticiens")
            )
            subtitle = f"{department.name} · {staff}" if department else ""
        else:
            title = texts.week_title(self._day - timedelta(days=self._day.weekday()))
            who = self.practitioner
            subtitle = " · ".join(x.name for x in (who, department) if x is not None)
        self.heading.set_texts(title, f"{subtitle} · {appointments.lower()}" if subtitle else "")

    def _is_own_day(self) -> bool:
        actor = self.actor
        return (
            actor is not None
            and actor.role is Role.PHYSICIAN
            and [p.id for p in self._practitioners] == [actor.practitioner_id]
        )

    def _on_grid_appointment_clicked(self, appointment_id: int) -> None:
        row = self.table_model.row_of(appointment_id)
        if row is not None:
            with QSignalBlocker(self.table_view.selectionModel()):
                self.table_view.selectRow(row)
            self.table_view.scrollTo(self.table_model.index(row, 0))

    def _on_table_row_changed(self, current, _previous) -> None:
        self.grid.select(self.table_model.data(current, ID_ROLE) if current.isValid() else None)

    def _on_table_view_activated(self, index) -> None:
        """Enter or double-click on a row: show that appointment on the planning."""
        self.show_page(PAGE_PLANNING)
        self.grid.select(self.table_model.data(index, ID_ROLE))


def _read_error(exc: Exception) -> str:
    """What to show when a background read failed (a CreneauError carries its own words)."""
    if isinstance(exc, CreneauError):
        return exc.message
    return QCoreApplication.translate(
        "MainWindow",
        "La base de données est injoignable : l'agenda n'a pas pu être lu. Réessayez.",
    )


def _unlinked_physician(actor: Actor | None) -> bool:
    return actor is not None and actor.role is Role.PHYSICIAN and actor.practitioner_id is None


def _visible_departments(services: Services, actor: Actor | None) -> list[Department]:
    """Every department; for a physician linked to a practitioner, only theirs."""
    departments = services.agenda.departments()
    if actor is None or actor.role is not Role.PHYSICIAN or actor.practitioner_id is None:
        return departments
    own = next((p for p in services.agenda.practitioners() if p.id == actor.practitioner_id), None)
    return [d for d in departments if own is not None and d.id == own.department_id]


def _first_minute(content: layout.AgendaContent) -> int:
    """Where the grid opens: 08:00, or earlier/later so the first appointment is in view."""
    if not content.items:
        return max(content.first_min, 8 * 60)
    first = min(p.start_min for p in content.items) // 60 * 60
    return max(content.first_min, min(8 * 60, first) if first <= 14 * 60 else first - 60)


def database_label(url: str) -> str:
    """Where the data lives, for the status bar: a file path, or the URL without its password."""
    scheme, _, rest = url.partition("://")
    if scheme.startswith("sqlite"):
        path = rest.split("?", 1)[0]
        path = path[1:] if path.startswith("/") else path
        return path or QCoreApplication.translate("MainWindow", "en mémoire")
    netloc, slash, tail = rest.partition("/")
    if "@" in netloc:
        user_info, _, host = netloc.rpartition("@")
        netloc = f"{user_info.partition(':')[0]}@{host}"
    return f"{scheme}://{netloc}{slash}{tail}"
