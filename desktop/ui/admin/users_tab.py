"""The « Utilisateurs » tab: local accounts (create, edit the role, display name and linked
agenda, disable / enable, new password) and the right to overbook of each role.

Passwords follow the CNIL rules, told under the field; they are typed twice and never shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Role, User
from desktop.ui.admin.editor import ERROR_STYLE, EditorTab, fill_combo, named
from desktop.ui.admin.models import users_model
from desktop.ui.roles import role_label

PASSWORD_RULE = QT_TRANSLATE_NOOP(
    "UsersTab",
    "12 caractères au moins mêlant minuscules, majuscules, chiffres et caractères spéciaux, "
    "ou 14 caractères au moins avec trois de ces types.",
)


def password_rule() -> str:
    """The CNIL rule told under a password field, in the interface's language."""
    return QCoreApplication.translate("UsersTab", PASSWORD_RULE)


def password_edit(object_name: str, accessible: str) -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


class PasswordDialog(QDialog):
    """A new password for an account, typed twice; ``services`` refuses a weak one."""

    def __init__(self, tab: UsersTab, user: User) -> None:
        super().__init__(tab)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Nouveau mot de passe — {login}").format(login=user.login))
        self.setMinimumWidth(460)
        self._tab, self._user = tab, user
        self.password_edit = password_edit("newPassword", self.tr("Nouveau mot de passe"))
        self.again_edit = password_edit("newPasswordAgain", self.tr("Nouveau mot de passe, encore"))
        rule = QLabel(password_rule())
        rule.setWordWrap(True)
        self.error_label = QLabel(objectName="passwordError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("&Mot de passe :"), self.password_edit)
        form.addRow(self.tr("&Confirmation :"), self.again_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enregistrer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _on_buttons_accepted(self) -> None:
        if self.password_edit.text() != self.again_edit.text():
            self.error_label.setText(self.tr("Les deux mots de passe diffèrent."))
            return
        actor = self._tab.actor()
        if actor is None:
            return
        try:
            self._tab.services.administration.users.reset_password(
                actor, self._user.id, self.password_edit.text()
            )
        except CreneauError as exc:
            weak = exc.message.startswith("Mot de passe trop faible")
            self.error_label.setText(
                self.tr("Mot de passe trop faible : voyez la règle ci-dessus.")
                if weak
                else exc.message
            )
            return
        self.accept()
        self._tab.after_save(
            self._user, self.tr("Mot de passe de {login} changé.").format(login=self._user.login)
        )


class UsersTab(EditorTab):
    """Accounts and the overbooking right."""

    def __init__(self, services, actor, parent=None) -> None:
        self._practitioners: dict[int, str] = {}
        self.password_dialog: PasswordDialog | None = None
        super().__init__(
            services,
            actor,
            users_model(lambda i: self._practitioners.get(i, "?")),
            name="usersTab",
            list_name=self.tr("Liste des comptes"),
            new_text=self.tr("Nouveau compte"),
            form_title=self.tr("Compte"),
            stretch=1,
            parent=parent,
        )
        self.login_edit = named(QLineEdit(), "userLogin", self.tr("Identifiant"))
        self.login_edit.setMaxLength(100)
        self.name_edit = named(QLineEdit(), "userDisplayName", self.tr("Nom affiché"))
        self.name_edit.setMaxLength(200)
        self.role_combo = named(QComboBox(), "userRole", self.tr("Rôle"))
        for role in Role:
            self.role_combo.addItem(role_label(role).capitalize(), role.value)
        self.role_combo.currentIndexChanged.connect(self._on_role_changed)
        self.practitioner_combo = named(
            QComboBox(), "userPractitioner", self.tr("Agenda du médecin")
        )
        self.password_edit = password_edit("userPassword", self.tr("Mot de passe"))
        self.again_edit = password_edit("userPasswordAgain", self.tr("Mot de passe, encore"))
        self.rule_label = QLabel(password_rule())
        self.rule_label.setWordWrap(True)
        self.form.addRow(self.tr("&Identifiant :"), self.login_edit)
        self.form.addRow(self.tr("&Nom affiché :"), self.name_edit)
        self.form.addRow(self.tr("&Rôle :"), self.role_combo)
        self.form.addRow(self.tr("A&genda lié :"), self.practitioner_combo)
        self.form.addRow(self.tr("&Mot de passe :"), self.password_edit)
        self.form.addRow(self.tr("&Confirmation :"), self.again_edit)
        self.form.addRow("", self.rule_label)
        self.active_button = QPushButton(self.tr("Désactiver"), objectName="userActive")
        self.active_button.clicked.connect(self._on_active_button_clicked)
        self.password_button = QPushButton(
            self.tr("Nouveau mot de passe…"), objectName="userPasswordReset"
        )
        self.password_button.clicked.connect(self._on_password_button_clicked)
        self.form_buttons.insertWidget(0, self.active_button)
        self.form_buttons.insertWidget(1, self.password_button)
        self._build_overbooking()
        self.reload()

    def _build_overbooking(self) -> None:
        box = QGroupBox(self.tr("Surbooking : rôles autorisés à forcer un rendez-vous"))
        box.setObjectName("overbookingBox")
        self.overbooking_checks: dict[Role, QCheckBox] = {}
        row = QHBoxLayout(box)
        for role in Role:
            check = named(
                QCheckBox(role_label(role).capitalize()),
                f"overbook_{role.value}",
                self.tr("Surbooking permis : {role}").format(role=role_label(role)),
            )
            self.overbooking_checks[role] = check
            row.addWidget(check)
        row.addStretch(1)
        self.overbooking_button = QPushButton(
            self.tr("Enregistrer les droits"), objectName="overbookSave"
        )
        self.overbooking_button.clicked.connect(self._on_overbooking_button_clicked)
        row.addWidget(self.overbooking_button)
        self.outer.addWidget(box)

    def refresh_choices(self) -> None:
        practitioners = self.services.administration.structure.practitioners()
        self._practitioners = {p.id: p.name for p in practitioners}
        fill_combo(
            self.practitioner_combo,
            [(self.tr("(aucun)"), 0), *((p.name, p.id) for p in practitioners if p.active)],
        )
        roles = self.services.administration.settings.overbooking_roles()
        for role, check in self.overbooking_checks.items():
            check.setChecked(role in roles)

    def load(self):
        return self.services.administration.users.users()

    def fill(self, item: User | None) -> None:
        self.login_edit.setText(item.login if item else "")
        self.login_edit.setReadOnly(item is not None)
        self.name_edit.setText(item.display_name if item else "")
        role = item.role if item else Role.SECRETARY
        self.role_combo.setCurrentIndex(self.role_combo.findData(Role(role).value))
        linked = (item.practitioner_id or 0) if item else 0
        self.practitioner_combo.setCurrentIndex(max(self.practitioner_combo.findData(linked), 0))
        for widget in (self.password_edit, self.again_edit, self.rule_label):
            self.form.setRowVisible(widget, item is None)
        self.password_edit.clear()
        self.again_edit.clear()
        self.active_button.setEnabled(item is not None)
        self.password_button.setEnabled(item is not None)
        self.active_button.setText(
            self.tr("Réactiver") if item and not item.active else self.tr("Désactiver")
        )
        self._on_role_changed()

    def _on_role_changed(self, *_args) -> None:
        physician = self.role_combo.currentData() == Role.PHYSICIAN.value
        self.practitioner_combo.setEnabled(physician)
        if not physician:
            self.practitioner_combo.setCurrentIndex(0)

    def submit(self, actor: Actor):
        users = self.services.administration.users
        role = self.role_combo.currentData()
        linked = self.practitioner_combo.currentData() or None
        if self.current is not None:
            return users.update_user(actor, self.current.id, self.name_edit.text(), role, linked)
        if self.password_edit.text() != self.again_edit.text():
            self.say(self.tr("Les deux mots de passe diffèrent."), error=True)
            return None
        return users.create_user(
            actor,
            self.login_edit.text(),
            self.name_edit.text(),
            role,
            self.password_edit.text(),
            linked,
        )

    def _on_active_button_clicked(self) -> None:
        actor, item = self.actor(), self.current
        if actor is None or item is None:
            return
        try:
            saved = self.services.administration.users.set_active(actor, item.id, not item.active)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        self.after_save(
            saved, self.tr("Compte réactivé.") if saved.active else self.tr("Compte désactivé.")
        )

    def _on_password_button_clicked(self) -> None:
        if self.current is None:
            return
        self.password_dialog = PasswordDialog(self, self.current)
        self.password_dialog.open()

    def _on_overbooking_button_clicked(self) -> None:
        actor = self.actor()
        if actor is None:
            return
        roles = [role for role, check in self.overbooking_checks.items() if check.isChecked()]
        try:
            self.services.administration.settings.save_overbooking_roles(actor, roles)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        names = ", ".join(role_label(r) for r in roles) or self.tr("personne")
        self.say(self.tr("Surbooking permis à : {names}.").format(names=names))
