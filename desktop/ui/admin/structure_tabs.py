"""The « Sites », « Services » and « Praticiens » tabs of the administration window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Department, Practitioner, Site
from desktop.ui.admin.editor import EditorTab, fill_combo, named
from desktop.ui.admin.models import departments_model, practitioners_model, sites_model

MAX_CODE = 40
MAX_NAME = 200


def code_edit(object_name: str, accessible: str) -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible)
    edit.setMaxLength(MAX_CODE)
    edit.setPlaceholderText(QCoreApplication.translate("AdminForms", "Lettres, chiffres, - _ ."))
    return edit


def text_edit(object_name: str, accessible: str, maximum: int = MAX_NAME) -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible)
    edit.setMaxLength(maximum)
    return edit


class SitesTab(EditorTab):
    """Hospital buildings: code, name, address."""

    def __init__(self, services, actor, parent=None) -> None:
        super().__init__(
            services,
            actor,
            sites_model(),
            name="sitesTab",
            list_name=self.tr("Liste des sites"),
            new_text=self.tr("Nouveau site"),
            form_title=self.tr("Site"),
            parent=parent,
        )
        self.code_edit = code_edit("siteCode", self.tr("Code du site"))
        self.name_edit = text_edit("siteName", self.tr("Nom du site"))
        self.address_edit = text_edit("siteAddress", self.tr("Adresse du site"), 500)
        self.form.addRow(self.tr("&Code :"), self.code_edit)
        self.form.addRow(self.tr("&Nom :"), self.name_edit)
        self.form.addRow(self.tr("&Adresse :"), self.address_edit)
        self.reload()

    def load(self):
        return self.services.administration.structure.sites()

    def fill(self, item: Site | None) -> None:
        self.code_edit.setText(item.code if item else "")
        self.name_edit.setText(item.name if item else "")
        self.address_edit.setText(item.address if item else "")

    def submit(self, actor: Actor) -> Site:
        return self.services.administration.structure.save_site(
            actor,
            self.code_edit.text(),
            self.name_edit.text(),
            self.address_edit.text(),
            site_id=self.current.id if self.current else None,
        )


class DepartmentsTab(EditorTab):
    """Clinical departments, each at a site."""

    def __init__(self, services, actor, parent=None) -> None:
        self._sites: dict[int, str] = {}
        super().__init__(
            services,
            actor,
            departments_model(lambda i: self._sites.get(i, "?")),
            name="departmentsTab",
            list_name=self.tr("Liste des services"),
            new_text=self.tr("Nouveau service"),
            form_title=self.tr("Service"),
            stretch=1,
            parent=parent,
        )
        self.code_edit = code_edit("departmentCode", self.tr("Code du service"))
        self.name_edit = text_edit("departmentName", self.tr("Nom du service"))
        self.site_combo = named(QComboBox(), "departmentSite", self.tr("Site du service"))
        self.form.addRow(self.tr("&Code :"), self.code_edit)
        self.form.addRow(self.tr("&Nom :"), self.name_edit)
        self.form.addRow(self.tr("&Site :"), self.site_combo)
        self.reload()

    def refresh_choices(self) -> None:
        sites = self.services.administration.structure.sites()
        self._sites = {s.id: s.name for s in sites}
        fill_combo(self.site_combo, [(s.name, s.id) for s in sites])

    def load(self):
        return self.services.administration.structure.departments()

    def fill(self, item: Department | None) -> None:
        self.code_edit.setText(item.code if item else "")
        self.name_edit.setText(item.name if item else "")
        if item is not None:
            self.site_combo.setCurrentIndex(self.site_combo.findData(item.site_id))

    def submit(self, actor: Actor) -> Department:
        site_id = self.site_combo.currentData()
        if site_id is None:
            self.say(self.tr("Créez d'abord un site (onglet Sites)."), error=True)
            return None
        return self.services.administration.structure.save_department(
            actor,
            self.code_edit.text(),
            self.name_edit.text(),
            site_id,
            department_id=self.current.id if self.current else None,
        )


class PractitionersTab(EditorTab):
    """Practitioners: code, name, department, RPPS number; deactivated rather than deleted."""

    def __init__(self, services, actor, parent=None) -> None:
        self._departments: dict[int, str] = {}
        super().__init__(
            services,
            actor,
            practitioners_model(lambda i: self._departments.get(i, "?")),
            name="practitionersTab",
            list_name=self.tr("Liste des praticiens"),
            new_text=self.tr("Nouveau praticien"),
            form_title=self.tr("Praticien"),
            stretch=1,
            parent=parent,
        )
        self.code_edit = code_edit("practitionerCode", self.tr("Code du praticien"))
        self.name_edit = text_edit("practitionerName", self.tr("Nom du praticien"))
        self.name_edit.setPlaceholderText(self.tr("Dr Marie Dupont"))
        self.department_combo = named(QComboBox(), "practitionerDepartment", self.tr("Service"))
        self.rpps_edit = named(QLineEdit(), "practitionerRpps", self.tr("Numéro RPPS"))
        self.rpps_edit.setMaxLength(11)
        self.rpps_edit.setPlaceholderText(self.tr("11 chiffres (facultatif)"))
        self.form.addRow(self.tr("&Code :"), self.code_edit)
        self.form.addRow(self.tr("&Nom :"), self.name_edit)
        self.form.addRow(self.tr("S&ervice :"), self.department_combo)
        self.form.addRow(self.tr("N° &RPPS :"), self.rpps_edit)
        self.active_button = QPushButton(self.tr("Désactiver"), objectName="practitionerActive")
        self.active_button.clicked.connect(self._on_active_button_clicked)
        self.form_buttons.insertWidget(0, self.active_button)
        self.reload()

    def refresh_choices(self) -> None:
        departments = self.services.administration.structure.departments()
        self._departments = {d.id: d.name for d in departments}
        fill_combo(self.department_combo, [(d.name, d.id) for d in departments])

    def load(self):
        return self.services.administration.structure.practitioners()

    def fill(self, item: Practitioner | None) -> None:
        self.code_edit.setText(item.code if item else "")
        self.name_edit.setText(item.name if item else "")
        self.rpps_edit.setText((item.rpps or "") if item else "")
        if item is not None:
            self.department_combo.setCurrentIndex(
                self.department_combo.findData(item.department_id)
            )
        self.active_button.setEnabled(item is not None)
        self.active_button.setText(
            self.tr("Réactiver") if item and not item.active else self.tr("Désactiver")
        )

    def submit(self, actor: Actor) -> Practitioner:
        department_id = self.department_combo.currentData()
        if department_id is None:
            self.say(self.tr("Créez d'abord un service (onglet Services)."), error=True)
            return None
        return self.services.administration.structure.save_practitioner(
            actor,
            self.code_edit.text(),
            self.name_edit.text(),
            department_id,
            self.rpps_edit.text().strip() or None,
            practitioner_id=self.current.id if self.current else None,
        )

    def _on_active_button_clicked(self) -> None:
        actor, item = self.actor(), self.current
        if actor is None or item is None:
            return
        try:
            saved = self.services.administration.structure.set_practitioner_active(
                actor, item.id, not item.active
            )
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        self.after_save(
            saved,
            self.tr("Praticien réactivé.") if saved.active else self.tr("Praticien désactivé."),
        )
