"""« Créer le premier compte administrateur »: shown instead of the sign-in when the database has
no account at all (a database made with ``creneau init``), so that a new department can be set
up through the screens alone.

The account is made by ``UserAdminService.bootstrap_admin`` (refused once any account exists,
audited as ``user.bootstrap``), then signed in: ``actor`` is set when the dialog is accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.ui.dialogs.signin import workstation_name

if TYPE_CHECKING:
    from desktop.services.container import Services


class FirstAdminDialog(QDialog):
    """Login, name and password typed twice; creates the administrator and signs them in."""

    created = Signal(object)  # Actor
    refused = Signal(str)  # the French message shown

    def __init__(
        self, services: Services, *, workstation: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("Créer le premier compte administrateur"))
        self._services = services
        self._workstation = workstation_name() if workstation is None else workstation
        self.actor: Actor | None = None

        intro = QLabel(
            self.tr(
                "Cette base ne contient encore aucun compte. Créez le compte de l'administrateur "
                "qui configurera l'hôpital et les autres comptes."
            )
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit(objectName="loginEdit")
        self.login_edit.setMaxLength(100)
        self.login_edit.setAccessibleName(self.tr("Identifiant"))
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.name_edit.setMaxLength(200)
        self.name_edit.setAccessibleName(self.tr("Nom affiché"))
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Mot de passe"))
        self.confirm_edit = QLineEdit(objectName="confirmEdit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName(self.tr("Confirmation du mot de passe"))
        form = QFormLayout()
        form.addRow(self.tr("&Identifiant :"), self.login_edit)
        form.addRow(self.tr("&Nom affiché :"), self.name_edit)
        form.addRow(self.tr("&Mot de passe :"), self.password_edit)
        form.addRow(self.tr("&Confirmation :"), self.confirm_edit)
        rule = QLabel(
            self.tr(
                "Mot de passe : 12 caractères au moins mêlant minuscules, majuscules, chiffres "
                "et caractères spéciaux, ou 14 caractères au moins avec trois de ces types."
            ),
            objectName="passwordRule",
        )
        rule.setWordWrap(True)
        self.error_label = QLabel(objectName="firstAdminError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Message d'erreur"))
        self.error_label.hide()

        cancel = QPushButton(self.tr("Annuler"), objectName="cancelButton")
        cancel.setAccessibleName(self.tr("Annuler"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.create_button = QPushButton(
            self.tr("Créer et se connecter"), objectName="createButton"
        )
        self.create_button.setAccessibleName(self.tr("Créer le compte et se connecter"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_account)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        self.login_edit.setFocus()

    def create_account(self) -> None:
        """Create the administrator, sign them in and accept; else show the French reason."""
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login:
            self._refuse(self.tr("Saisissez un identifiant."), self.login_edit)
            return
        if password != self.confirm_edit.text():
            self.confirm_edit.clear()
            self._refuse(self.tr("Les deux mots de passe diffèrent."), self.confirm_edit)
            return
        try:
            self._services.administration.users.bootstrap_admin(
                login, self.name_edit.text(), password, self._workstation
            )
            self.actor = self._services.auth.authenticate(login, password, self._workstation)
        except CreneauError as exc:
            self._refuse(exc.message, self.password_edit)
            return
        self.created.emit(self.actor)
        self.accept()

    def _refuse(self, message: str, focus: QLineEdit) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        focus.setFocus()
        self.refused.emit(message)


def ask_first_admin(services: Services) -> Actor | None:
    """Show the dialog until the administrator is created (their actor) or the user cancels."""
    dialog = FirstAdminDialog(services)
    try:
        dialog.exec()
        return dialog.actor if dialog.result() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
