"""The shortcuts sheet, opened by F1: every shortcut of ``desktop.ui.shortcuts``, by group."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import shortcuts
from desktop.ui.shortcuts import ShortcutRegistry

_ARROWS = {
    Qt.Key.Key_Left: "←",
    Qt.Key.Key_Right: "→",
    Qt.Key.Key_Up: "↑",
    Qt.Key.Key_Down: "↓",
}


def key_text(sequence: QKeySequence) -> str:
    """The keys as printed on the keyboard, in the interface's language: "Alt+←", "Échap"."""
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    if sequence.count() != 1:
        return native
    combination: QKeyCombination = sequence[0]
    arrow = _ARROWS.get(combination.key())
    if arrow is None:
        return native
    key_only = QKeySequence(combination.key()).toString(QKeySequence.SequenceFormat.NativeText)
    return native[: len(native) - len(key_only)] + arrow if native.endswith(key_only) else native


class ShortcutsSheet(QDialog):
    """A read-only list of the shortcuts; Esc or "Fermer" closes it."""

    def __init__(self, registry: ShortcutRegistry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsSheet")
        self.setWindowTitle(self.tr("Raccourcis clavier — Créneau"))
        self._registry = registry or shortcuts.SHORTCUTS

        title = QLabel(self.tr("Raccourcis clavier"), objectName="sheetTitle")
        intro = QLabel(
            self.tr(
                "Créneau s'utilise entièrement au clavier. "
                "Les touches ci-dessous valent dans la fenêtre de l'agenda."
            ),
            objectName="sheetIntro",
        )
        intro.setWordWrap(True)

        self.tree = QTreeWidget(objectName="shortcutsTree")
        self.tree.setAccessibleName(self.tr("Liste des raccourcis clavier"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Touches"), self.tr("Action")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._fill()

        self.close_button = QPushButton(self.tr("Fermer"), objectName="closeButton")
        self.close_button.setAccessibleName(self.tr("Fermer la liste des raccourcis"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("M") * 60, metrics.height() * 34)
        self.tree.setFocus()

    def _fill(self) -> None:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group, entries in self._registry.groups():
            heading = QTreeWidgetItem(self.tree, [shortcuts.translated(group)])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setBackground(0, QColor("#eef1f5"))
            heading.setForeground(0, QColor("#24509e"))
            for entry in entries:
                item = QTreeWidgetItem(
                    self.tree, [key_text(entry.sequence), entry.translated_description()]
                )
                item.setFont(0, bold)
                item.setData(0, Qt.ItemDataRole.UserRole, entry.keys)
        self.tree.expandAll()

    def rows(self) -> list[tuple[str, str]]:
        """(keys, action) as shown, group headings included with an empty action."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            found.append((item.text(0), item.text(1)))
        return found


def install_shortcuts_sheet(window: QWidget) -> QAction:
    """Add the F1 action to ``window``; the sheet is made on first use and kept."""
    text = QCoreApplication.translate("ShortcutsSheet", "Raccourcis clavier")
    action = QAction(text, window, objectName="shortcutsSheetAction")
    action.setShortcut(shortcuts.HELP.sequence)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    sheet: list[ShortcutsSheet] = []

    def show_sheet() -> None:
        if not sheet:
            sheet.append(ShortcutsSheet(parent=window))
        sheet[0].show()
        sheet[0].raise_()
        sheet[0].activateWindow()

    action.triggered.connect(show_sheet)
    window.addAction(action)
    return action
