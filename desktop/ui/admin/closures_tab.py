"""The « Absences et fermetures » tab: whole-site closures (dates inclusive) and practitioners'
absences to come. Each list adds and removes; a closure over booked days lists the appointments
it would leave outside every opening and asks first (``OrphanDialog``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import CreneauError
from desktop.domain.model import Absence, Actor, Closure
from desktop.ui.admin.editor import EditorTab, fill_combo, named
from desktop.ui.admin.models import absences_model, closures_model
from desktop.ui.admin.orphan_dialog import OrphanDialog, confirm_then
from desktop.ui.admin.structure_tabs import text_edit

ABSENCE_HORIZON = timedelta(days=3 * 366)


class _AddRemoveTab(EditorTab):
    """A list whose form adds a new item (« Ajouter ») and removes the selected one."""

    remove_text = QT_TRANSLATE_NOOP("AdminForms", "Supprimer")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.new_button.hide()
        self.save_button.setText(self.tr("Ajouter"))
        self.remove_button = QPushButton(
            QCoreApplication.translate("AdminForms", self.remove_text),
            objectName=f"{self.objectName()}Remove",
        )
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.form_buttons.insertWidget(0, self.remove_button)

    def fill(self, item) -> None:
        self.remove_button.setEnabled(item is not None)
        self.show_item(item)

    def show_item(self, item) -> None:
        raise NotImplementedError

    def remove(self, actor: Actor, item):
        raise NotImplementedError

    def _on_remove_button_clicked(self) -> None:
        actor, item = self.actor(), self.current
        if actor is None or item is None:
            return
        try:
            self.remove(actor, item)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        self.current = None
        self.after_save(None, self.tr("Supprimé."))


class ClosuresTab(_AddRemoveTab):
    """Site closures."""

    remove_text = QT_TRANSLATE_NOOP("AdminForms", "Rouvrir (supprimer)")

    def __init__(self, services, actor, parent=None) -> None:
        self._sites: dict[int, str] = {}
        self.orphan_dialog: OrphanDialog | None = None
        super().__init__(
            services,
            actor,
            closures_model(lambda i: self._sites.get(i, "?")),
            name="closuresTab",
            list_name=self.tr("Fermetures de site"),
            new_text=self.tr("Nouvelle fermeture"),
            form_title=self.tr("Fermeture d'un site"),
            stretch=2,
            heading=self.tr("Fermetures de site (dates incluses)"),
            parent=parent,
        )
        self.site_combo = named(QComboBox(), "closureSite", self.tr("Site fermé"))
        self.from_edit = named(QDateEdit(), "closureFrom", self.tr("Premier jour de fermeture"))
        self.to_edit = named(QDateEdit(), "closureTo", self.tr("Dernier jour de fermeture"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMaximumWidth(160)
        self.reason_edit = text_edit("closureReason", self.tr("Motif de la fermeture"))
        self.reason_edit.setPlaceholderText(self.tr("Travaux, pont, inventaire…"))
        self.form.addRow(self.tr("&Site :"), self.site_combo)
        self.form.addRow(self.tr("&Du :"), self.from_edit)
        self.form.addRow(self.tr("&Au (inclus) :"), self.to_edit)
        self.form.addRow(self.tr("&Motif :"), self.reason_edit)
        self.reload()

    def refresh_choices(self) -> None:
        sites = self.services.administration.structure.sites()
        self._sites = {s.id: s.name for s in sites}
        fill_combo(self.site_combo, [(s.name, s.id) for s in sites])

    def load(self):
        return self.services.administration.openings.closures()

    def show_item(self, item: Closure | None) -> None:
        today = self.services.structure.calendar().local(self.services.clock.now()).date()
        first = item.date_from if item else today
        last = item.date_to if item else today
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))
        self.reason_edit.setText(item.reason if item else "")
        if item is not None:
            self.site_combo.setCurrentIndex(self.site_combo.findData(item.site_id))

    def submit(self, actor: Actor):
        site_id = self.site_combo.currentData()
        if site_id is None:
            self.say(self.tr("Créez d'abord un site (onglet Sites)."), error=True)
            return None

        def call(confirm: bool) -> Closure:
            return self.services.administration.openings.add_closure(
                actor,
                site_id,
                self.from_edit.date().toPython(),
                self.to_edit.date().toPython(),
                self.reason_edit.text(),
                confirm_orphans=confirm,
            )

        def done(closure: Closure, confirmed: bool) -> None:
            note = self.tr(" Les rendez-vous listés restent à déplacer.") if confirmed else ""
            self.after_save(closure, self.tr("Fermeture enregistrée.") + note)

        confirm_then(self, call, done)
        return None

    def remove(self, actor: Actor, item: Closure) -> None:
        self.services.administration.openings.remove_closure(actor, item.id)


class AbsencesTab(_AddRemoveTab):
    """Practitioners' absences to come (the secretariat's absence dialog handles their impact)."""

    def __init__(self, services, actor, parent=None) -> None:
        self._names: dict[int, str] = {}
        self._calendar = services.structure.calendar()
        super().__init__(
            services,
            actor,
            absences_model(lambda i: self._names.get(i, "?"), self._calendar.local),
            name="absencesTab",
            list_name=self.tr("Absences à venir des praticiens"),
            new_text=self.tr("Nouvelle absence"),
            form_title=self.tr("Absence d'un praticien"),
            stretch=2,
            heading=self.tr("Absences à venir des praticiens"),
            parent=parent,
        )
        self.practitioner_combo = named(
            QComboBox(), "absencePractitionerAdmin", self.tr("Praticien absent")
        )
        self.start_edit = named(QDateTimeEdit(), "absenceStartAdmin", self.tr("Début de l'absence"))
        self.end_edit = named(QDateTimeEdit(), "absenceEndAdmin", self.tr("Fin de l'absence"))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setMaximumWidth(200)
        self.reason_edit = text_edit("absenceReasonAdmin", self.tr("Motif de l'absence"))
        self.reason_edit.setPlaceholderText(self.tr("Congés, formation, congrès…"))
        self.form.addRow(self.tr("&Praticien :"), self.practitioner_combo)
        self.form.addRow(self.tr("&Du :"), self.start_edit)
        self.form.addRow(self.tr("&Au :"), self.end_edit)
        self.form.addRow(self.tr("&Motif :"), self.reason_edit)
        self.reload()

    def refresh_choices(self) -> None:
        practitioners = self.services.administration.structure.practitioners()
        self._names = {p.id: p.name for p in practitioners}
        fill_combo(self.practitioner_combo, [(p.name, p.id) for p in practitioners if p.active])

    def load(self):
        now = self.services.clock.now()
        return self.services.absences.absences(list(self._names), now, now + ABSENCE_HORIZON)

    def show_item(self, item: Absence | None) -> None:
        today = self._calendar.local(self.services.clock.now()).date()
        start = (
            self._calendar.local(item.start)
            if item
            else datetime.combine(today, datetime.min.time()).replace(hour=8)
        )
        end = self._calendar.local(item.end) if item else start.replace(hour=19)
        for edit, moment in ((self.start_edit, start), (self.end_edit, end)):
            edit.setDateTime(
                QDateTime(
                    QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
                )
            )
        self.reason_edit.setText(item.reason if item else "")
        if item is not None:
            self.practitioner_combo.setCurrentIndex(
                self.practitioner_combo.findData(item.practitioner_id)
            )

    def submit(self, actor: Actor):
        pid = self.practitioner_combo.currentData()
        if pid is None:
            self.say(self.tr("Créez d'abord un praticien (onglet Praticiens)."), error=True)
            return None
        start = self._calendar.to_utc(self.start_edit.dateTime().toPython())
        end = self._calendar.to_utc(self.end_edit.dateTime().toPython())
        return self.services.absences.add(actor, pid, start, end, self.reason_edit.text())

    def remove(self, actor: Actor, item: Absence) -> None:
        self.services.absences.remove(actor, item.id)


class AbsencesClosuresTab(QWidget):
    """Closures above, absences below."""

    def __init__(self, services, actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("absencesClosuresTab")
        self.closures = ClosuresTab(services, actor)
        self.absences = AbsencesTab(services, actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.closures, 1)
        layout.addWidget(self.absences, 1)

    def reload(self) -> None:
        self.closures.reload()
        self.absences.reload()
