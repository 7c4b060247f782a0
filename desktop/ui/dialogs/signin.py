"""The sign-in dialog: login and password checked by ``AuthService``, the last login remembered.

The interface settings live in ``<config>/Créneau/Créneau.ini`` (the organisation and application
names of ``desktop.ui.application``). ``user_settings`` finds that folder at each call: QSettings
alone would keep the first folder it saw for the whole process, which tests (and a user switching
``XDG_CONFIG_HOME``) must not inherit.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSettings,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.auth import AuthService

log = logging.getLogger(__name__)

LAST_LOGIN_KEY = "signin/last_login"
DEFAULT_NAME = "Créneau"
# The authentication service's refusals (French, like every service message), listed here so
# that the English interface can show them translated; an unknown message is shown as it is.
REFUSALS = (
    QT_TRANSLATE_NOOP("SignInRefused", "Identifiant ou mot de passe incorrect."),
    QT_TRANSLATE_NOOP(
        "SignInRefused",
        "Compte verrouillé après plusieurs échecs : réessayez plus tard ou demandez à un "
        "administrateur.",
    ),
)


def refusal_text(message: str) -> str:
    """A refusal of the authentication service in the interface's language."""
    return QCoreApplication.translate("SignInRefused", message)


def failure_text(error: Exception) -> str:
    """What to tell the user when a password check did not succeed."""
    if isinstance(error, CreneauError):
        return refusal_text(error.message)
    log.error("password check failed", exc_info=error)
    return QCoreApplication.translate(
        "SignInRefused",
        "Le mot de passe n'a pas pu être vérifié : réessayez, ou prévenez le support "
        "informatique si cela persiste.",
    )


def user_settings() -> QSettings:
    """This user's interface settings (an INI file under the organisation / application names)."""
    app = QCoreApplication.instance()
    organisation = (app and app.organizationName()) or DEFAULT_NAME
    application = (app and app.applicationName()) or DEFAULT_NAME
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    path = Path(folder) / organisation / f"{application}.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def workstation_name() -> str:
    """This computer's name, recorded in the audit trail with every action."""
    try:
        return socket.gethostname()
    except OSError:
        return ""


class SignInDialog(QDialog):
    """Asks for a login and a password; ``actor`` is set when the dialog is accepted.

    Enter signs in, Esc cancels. A refusal shows the service's French message, empties the
    password and leaves the dialog open.
    """

    signed_in = Signal(object)  # Actor
    refused = Signal(str)  # the French (or translated) message shown

    def __init__(
        self,
        auth: AuthService,
        *,
        workstation: str | None = None,
        settings: QSettings | None = None,
        hospital_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Connexion — Créneau"))
        self._auth = auth
        self._workstation = workstation_name() if workstation is None else workstation
        self._settings = settings if settings is not None else user_settings()
        self.actor: Actor | None = None
        self._busy = False
        self._tasks = TaskRunner(self, max_threads=1)

        brand = QLabel("Créneau", objectName="signInBrand")
        place = QLabel(
            hospital_name or self.tr("Agenda du secrétariat médical"), objectName="signInPlace"
        )
        place.setWordWrap(True)
        header = QWidget(objectName="signInHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(28, 22, 28, 18)
        header_layout.setSpacing(2)
        header_layout.addWidget(brand)
        header_layout.addWidget(place)

        heading = QLabel(
            self.tr("Identifiez-vous pour ouvrir l'agenda."), objectName="signInHeading"
        )
        heading.setWordWrap(True)
        self.login_edit = QLineEdit(objectName="loginEdit")
        self.login_edit.setAccessibleName(self.tr("Identifiant"))
        self.login_edit.setMaxLength(100)
        self.login_edit.setText(str(self._settings.value(LAST_LOGIN_KEY, "") or ""))
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setAccessibleName(self.tr("Mot de passe"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self._buddy(self.tr("&Identifiant"), self.login_edit), self.login_edit)
        form.addRow(self._buddy(self.tr("&Mot de passe"), self.password_edit), self.password_edit)

        self.error_label = QLabel(objectName="signInError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Message d'erreur"))
        self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error_label.hide()

        station = QLabel(
            self.tr("Poste : {name}").format(name=self._workstation or "—"),
            objectName="signInStation",
        )
        self.cancel_button = QPushButton(self.tr("Annuler"), objectName="cancelButton")
        self.cancel_button.setAccessibleName(self.tr("Annuler la connexion"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.sign_in_button = QPushButton(self.tr("Se connecter"), objectName="signInButton")
        self.sign_in_button.setAccessibleName(self.tr("Se connecter"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(station, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        body = QVBoxLayout()
        body.setContentsMargins(28, 20, 28, 20)
        body.setSpacing(14)
        body.addWidget(heading)
        body.addLayout(form)
        body.addWidget(self.error_label)
        body.addStretch(1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)

        # Room for a long login, in the font's units (high-DPI safe); the layout does the rest.
        self.login_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        (self.password_edit if self.login_edit.text() else self.login_edit).setFocus()

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    # --- signing in ----------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Check the login and password typed, off the GUI thread (argon2 is slow on purpose):
        ``signed_in(actor)`` then the dialog is accepted, or ``refused(message)``."""
        if self._busy:
            return
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login:
            self._refuse(self.tr("Saisissez votre identifiant."), self.login_edit)
            return
        if not password:
            self._refuse(self.tr("Saisissez votre mot de passe."), self.password_edit)
            return
        self._set_busy(True)
        auth, workstation = self._auth, self._workstation
        self._tasks.run(
            "signin",
            lambda: auth.authenticate(login, password, workstation),
            lambda actor: self._on_authenticated(login, actor),
            self._on_authentication_failed,
        )

    def _on_authenticated(self, login: str, actor: Actor) -> None:
        self._set_busy(False)
        if not self.isVisible():  # cancelled meanwhile
            return
        self.actor = actor
        self._settings.setValue(LAST_LOGIN_KEY, login)
        self._settings.sync()
        self.error_label.hide()
        self.signed_in.emit(actor)
        self.accept()

    def _on_authentication_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self._refuse(failure_text(error), self.password_edit)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.login_edit, self.password_edit, self.sign_in_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Vérification…") if busy else self.tr("Se connecter"))
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _refuse(self, message: str, focus: QLineEdit) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        focus.setFocus()
        focus.selectAll()
        self.refused.emit(message)

    def _on_sign_in_button_clicked(self) -> None:
        self.sign_in()


def ask_sign_in(
    auth: AuthService,
    *,
    hospital_name: str = "",
    workstation: str | None = None,
    settings: QSettings | None = None,
) -> Actor | None:
    """Show the sign-in dialog until the user signs in (the actor) or cancels (None)."""
    dialog = SignInDialog(
        auth, workstation=workstation, settings=settings, hospital_name=hospital_name
    )
    try:
        dialog.exec()
        return dialog.actor if dialog.result() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
