"""The administration window: one tab per part of the hospital's set-up.

Hôpital, Sites, Services, Praticiens, Motifs, Plages horaires (with the preview of the coming
weeks), Absences et fermetures, Utilisateurs, Publication, Rappels. A change saved in one tab
refreshes the choices of the others (a new site appears in the departments' site list…).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.model import Actor
from desktop.ui.admin.closures_tab import AbsencesClosuresTab
from desktop.ui.admin.openings_tab import OpeningsTab
from desktop.ui.admin.reasons_tab import VisitReasonsTab
from desktop.ui.admin.settings_tabs import HospitalTab, PublicationTab, RemindersTab
from desktop.ui.admin.structure_tabs import DepartmentsTab, PractitionersTab, SitesTab
from desktop.ui.admin.users_tab import UsersTab

if TYPE_CHECKING:
    from desktop.services.container import Services

WINDOW_SIZE = (1280, 820)


class AdministrationDialog(QDialog):
    """The tabs of the administration (see the module); ``changed`` after any saved change."""

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("administrationDialog")
        self.setWindowTitle(self.tr("Administration — structure et utilisateurs"))
        self.resize(*WINDOW_SIZE)
        self.hospital = HospitalTab(services, actor)
        self.sites = SitesTab(services, actor)
        self.departments = DepartmentsTab(services, actor)
        self.practitioners = PractitionersTab(services, actor)
        self.reasons = VisitReasonsTab(services, actor)
        self.openings = OpeningsTab(services, actor)
        self.absences = AbsencesClosuresTab(services, actor)
        self.users = UsersTab(services, actor)
        self.publication = PublicationTab(services, actor)
        self.reminders = RemindersTab(services, actor)
        self.tabs = QTabWidget(objectName="administrationTabs")
        self.tabs.setAccessibleName(self.tr("Rubriques de l'administration"))
        self.tabs.setDocumentMode(True)
        for tab, title in (
            (self.hospital, self.tr("&Hôpital")),
            (self.sites, self.tr("&Sites")),
            (self.departments, self.tr("S&ervices")),
            (self.practitioners, self.tr("&Praticiens")),
            (self.reasons, self.tr("&Motifs")),
            (self.openings, self.tr("Plages &horaires")),
            (self.absences, self.tr("&Absences et fermetures")),
            (self.users, self.tr("&Utilisateurs")),
            (self.publication, self.tr("P&ublication")),
            (self.reminders, self.tr("&Rappels")),
        ):
            self.tabs.addTab(tab, title)
        # Tabs to read again when next shown, because another tab saved a change.
        self._stale: set[int] = set()
        for tab in self._editable():
            tab.changed.connect(self._on_tab_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _editable(self):
        return (
            self.hospital,
            self.sites,
            self.departments,
            self.practitioners,
            self.reasons,
            self.openings,
            self.absences.closures,
            self.absences.absences,
            self.users,
            self.publication,
            self.reminders,
        )

    def _on_tab_changed(self) -> None:
        current = self.tabs.currentIndex()
        self._stale = {i for i in range(self.tabs.count()) if i != current}

    def _on_tabs_current_changed(self, index: int) -> None:
        """Entering a tab after a change elsewhere: read its lists and choices again."""
        if index in self._stale:
            self._stale.discard(index)
            self.tabs.widget(index).reload()

    def show_tab(self, widget: QWidget) -> None:
        """Bring one tab forward (tests, links from other screens)."""
        self.tabs.setCurrentWidget(widget)
