"""Help > Keyboard Shortcuts (F1, Ctrl+/): every command of the window with its keys.

Generated from the window's actions (``ui/actions.py``), menu by menu in menu order, so
a command a feature adds shows here with nothing else to update. Below them, the few
keys that work inside one field rather than as commands (the search box, find bar).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys handled inside a field (not commands, so not actions); kept beside the code that
# handles them would be better, but they are few and stable: search_box.py, find_bar.py.
FIELD_KEYS = (
    ("In the search box", "Choose a result", "Up / Down"),
    ("In the search box", "Open the chosen result", "Enter"),
    ("In the search box", "Leave the search", "Esc"),
    ("In the find bar", "Previous match", "Shift+Enter"),
    ("In the find bar", "Close the find bar", "Esc"),
)


def keys_text(action: QAction) -> str:
    """All of an action's shortcuts as the platform writes them ("Ctrl+K, Ctrl+L")."""
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if s
    )


def plain(text: str) -> str:
    """Menu text without its mnemonic ampersands and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    def __init__(
        self, entries: Iterable[tuple[str, QAction]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        self.resize(560, 620)
        layout = QVBoxLayout(self)
        intro = QLabel("Every command, with its keys. Type to filter.")
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter commands or keys")
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._groups: dict[str, QTreeWidgetItem] = {}
        for menu, action in entries:
            group = " › ".join(plain(part) for part in menu.split("/"))  # View › Theme
            self._add(group, plain(action.text()), keys_text(action), action.toolTip())
        for group, what, keys in FIELD_KEYS:
            self._add(group, what, keys, "")
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.filter.textChanged.connect(self._filter)

    def _add(self, group: str, command: str, keys: str, tip: str) -> None:
        parent = self._groups.get(group)
        if parent is None:
            parent = self._groups[group] = QTreeWidgetItem(self.tree, [group])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setFirstColumnSpanned(True)
        item = QTreeWidgetItem(parent, [command, keys or "—"])
        item.setToolTip(0, tip)
        item.setData(1, Qt.ItemDataRole.AccessibleTextRole, keys or "no shortcut")

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row shown: what the help says."""
        out = []
        for group, parent in self._groups.items():
            for i in range(parent.childCount()):
                child = parent.child(i)
                if child is not None and not child.isHidden():
                    out.append((group, child.text(0), child.text(1)))
        return out

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for parent in self._groups.values():
            shown = 0
            for i in range(parent.childCount()):
                child = parent.child(i)
                if child is None:
                    continue
                hit = not needle or any(
                    needle in s.lower() for s in (child.text(0), child.text(1), parent.text(0))
                )
                child.setHidden(not hit)
                shown += hit
            parent.setHidden(shown == 0)
