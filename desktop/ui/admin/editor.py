"""The shape shared by the administration tabs: a list on the left, the form of the selected
item on the right, a French message under the form, « Nouveau » and « Enregistrer ».

A tab subclasses ``EditorTab`` and says how to ``load`` its rows, ``fill`` the form from an item
(None: a new one) and ``submit`` the form through a service (returning the saved item). A refusal
(``CreneauError``) is shown in red under the form and nothing else happens; a success reloads the
list, selects the saved item and emits ``changed`` so that other tabs refresh their choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.ui.admin.models import ColumnTableModel

if TYPE_CHECKING:
    from desktop.services.container import Services

ERROR_STYLE = "color: #a11d1d; font-weight: 600;"
OK_STYLE = "color: #1d6b35;"
FORM_WIDTH = 420


class EditorTab(QWidget):
    """A list and the form of its selected item (see the module)."""

    changed = Signal()

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        model: ColumnTableModel,
        *,
        name: str,
        list_name: str,
        new_text: str,
        form_title: str,
        stretch: int = -1,
        heading: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.services = services
        self.actor = actor
        self.model = model
        self.current: Any = None

        self.view = QTableView(objectName=f"{name}List")
        self.view.setAccessibleName(list_name)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # One column takes the room left (the last by default), so no sideways scrolling.
        if stretch < 0:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_row_changed)

        self.new_button = QPushButton(new_text, objectName=f"{name}New")
        self.new_button.clicked.connect(self.start_new)
        self.list_buttons = QHBoxLayout()
        self.list_buttons.addWidget(self.new_button)
        self.list_buttons.addStretch(1)
        left = QVBoxLayout()
        if heading:
            title = QLabel(heading, objectName=f"{name}Heading")
            title.setStyleSheet("font-weight: 600;")
            left.addWidget(title)
        left.addWidget(self.view, 1)
        left.addLayout(self.list_buttons)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form_box = QGroupBox(form_title, objectName=f"{name}Form")
        self.form_box.setLayout(self.form)
        self.message_label = QLabel(objectName=f"{name}Message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Enregistrer"), objectName=f"{name}Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.form_buttons = QHBoxLayout()
        self.form_buttons.addStretch(1)
        self.form_buttons.addWidget(self.save_button)

        right_content = QWidget()
        right = QVBoxLayout(right_content)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.form_box)
        right.addWidget(self.message_label)
        right.addLayout(self.form_buttons)
        right.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(right_content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(FORM_WIDTH)
        self.outer = QVBoxLayout(self)
        self.top = QWidget()
        self.body = QHBoxLayout(self.top)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(left, 3)
        self.body.addWidget(scroll, 2)
        self.outer.addWidget(self.top, 1)

    # --- what a tab says -------------------------------------------------------------------

    def load(self) -> Sequence[Any]:
        raise NotImplementedError

    def fill(self, item: Any | None) -> None:
        raise NotImplementedError

    def submit(self, actor: Actor) -> Any:
        raise NotImplementedError

    def refresh_choices(self) -> None:
        """Reload the combos that list other tabs' objects (sites, departments…)."""

    # --- behaviour ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the rows again, keeping the selected item selected."""
        self.refresh_choices()
        try:
            rows = self.load()
        except CreneauError as exc:
            self.say(exc.message, error=True)
            rows = []
        keep = getattr(self.current, "id", None)
        self.model.set_rows(rows)
        row = self.model.row_of(lambda item: getattr(item, "id", None) == keep)
        if row >= 0:
            self.view.selectRow(row)
        else:
            self.start_new()

    def start_new(self) -> None:
        self.view.clearSelection()
        self.current = None
        self.fill(None)
        self.say("")

    def select_item(self, predicate: Callable[[Any], bool]) -> bool:
        row = self.model.row_of(predicate)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def _on_view_row_changed(self, current, _previous) -> None:
        item = self.model.row_at(current.row()) if current.isValid() else None
        if item is None:
            return
        self.current = item
        self.fill(item)
        self.say("")

    def save(self) -> None:
        actor = self.actor()
        if actor is None:
            self.say(self.tr("Connectez-vous pour modifier la structure."), error=True)
            return
        try:
            saved = self.submit(actor)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return
        if saved is None:
            return
        self.after_save(saved)

    def after_save(self, saved: Any, text: str | None = None) -> None:
        self.current = saved
        self.reload()
        self.say(self.tr("Enregistré.") if text is None else text)
        self.changed.emit()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error and text else OK_STYLE)


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]], keep: Any = None) -> None:
    """Replace a combo's ``(text, data)`` items, keeping ``keep`` (or the current data) chosen."""
    wanted = combo.currentData() if keep is None else keep
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(wanted) if wanted is not None else -1
    combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
    combo.blockSignals(False)


def named(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    """Give a form field its object name and the name a screen reader says."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


def add_row(form: QFormLayout, text: str, field, buddy: QWidget) -> None:
    """A form row whose field is a layout: its label still leads to ``buddy`` (Alt+letter)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)
