"""Every command of the window as a QAction, declared once with its text, shortcuts and
menu. Menus and the toolbar are built from these declarations, and so is the keyboard
shortcut help: nothing lists a shortcut twice. The window connects ``triggered``.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

# Every menu of the bar, features' included: all their titles are in the first paint, so
# none appears (and pushes Help along) when the window completes.
MENUS = ("&File", "&Go", "&View", "&Notes", "&Redraw", "&Help")


class Actions:
    """Built in two steps, like the window: ``__init__`` declares what the first paint
    shows (the toolbar's Back, Forward and Catalog, and so the menu bar's titles),
    ``complete()`` the rest, in the same order, after the first paint (~2 ms of
    start-up: their key sequences, standard keys and menu items)."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._menus: dict[str, QMenu] = {}
        self._by_name: dict[str, QAction] = {}
        add = self.add
        self.back = add("back", "← Back", ["Alt+Left"], "&Go", "Back to the previous page")
        self.forward = add("forward", "Forward →", ["Alt+Right"], "&Go", "Forward again")
        self.catalog = add("catalog", "&Catalog", ["Ctrl+Shift+H"], "&Go", "All deep dives")
        for step in (self.back, self.forward):  # no history yet (navigation.py enables)
            step.setEnabled(False)
        self.completed = False

    def complete(self) -> None:
        """Declare every other command (once)."""
        if self.completed:
            return
        self.completed = True
        add = self.add
        self.print = add("print", "&Print…", [QKeySequence.StandardKey.Print, "Ctrl+P"], "&File")
        self.export_pdf = add(
            "export_pdf", "Export to P&DF…", ["Ctrl+Shift+E"], "&File", "Save this deep dive as PDF"
        )
        self.back_up = add(
            "back_up",
            "&Back Up Now…",
            [],
            "&File",
            "Copy your notes, drawings and progress to the backups folder",
            separator=True,
        )
        self.restore_backup = add(
            "restore_backup",
            "&Restore from Backup…",
            [],
            "&File",
            "The backups, with their note and drawing counts; restore one",
        )
        self.preferences = add(
            "preferences",
            "Pre&ferences…",
            ["Ctrl+,"],
            "&File",
            "Reading, theme and folders",
            separator=True,
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = add(
            "quit", "&Quit", [QKeySequence.StandardKey.Quit, "Ctrl+Q"], "&File", separator=True
        )
        self.search = add("search", "&Search…", ["Ctrl+K", "Ctrl+L"], "&Go")
        self.find = add(
            "find", "&Find in Page…", [QKeySequence.StandardKey.Find, "Ctrl+F"], "&View"
        )
        self.find_next = add("find_next", "Find &Next", ["F3"], "&View")
        self.find_previous = add("find_previous", "Find &Previous", ["Shift+F3"], "&View")
        self.zoom_in = add("zoom_in", "Zoom &In", ["Ctrl+=", "Ctrl++"], "&View", separator=True)
        self.zoom_out = add("zoom_out", "Zoom &Out", ["Ctrl+-"], "&View")
        self.zoom_reset = add("zoom_reset", "&Actual Size", ["Ctrl+0"], "&View")
        self.side_panel = add(
            "side_panel", "&Side Panel", ["F9"], "&View", "Sections or contents", separator=True
        )
        self.side_panel.setCheckable(True)
        # System / Light / Dark: one checked at a time; Ctrl+Shift+T steps through them.
        self.themes: dict[str, QAction] = {}
        self.theme_group = QActionGroup(self._window)
        for choice, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            action = add(f"theme_{choice}", text, [], "&View/&Theme", f"{text[1:]} theme")
            action.setCheckable(True)
            action.setData(choice)
            self.theme_group.addAction(action)
            self.themes[choice] = action
        self.next_theme = add(
            "next_theme",
            "&Next Theme",
            ["Ctrl+Shift+T"],
            "&View/&Theme",
            "System, Light, Dark",
            separator=True,
        )
        self.shortcuts = add(
            "shortcuts", "&Keyboard Shortcuts", ["F1", "Ctrl+/"], "&Help", "Every command's keys"
        )

    def add(
        self,
        name: str,
        text: str,
        shortcuts: list[str | QKeySequence.StandardKey],
        menu: str,
        tip: str = "",
        separator: bool = False,
    ) -> QAction:
        """Declare one command. Its shortcut shows in its menu and in its tooltip."""
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        # A standard key may be empty on a platform (offscreen, some desktops): its
        # explicit fallback follows it in the list, and a key is never set twice.
        sequences: list[QKeySequence] = []
        for key in shortcuts:
            seq = QKeySequence(key)
            if not seq.isEmpty() and seq not in sequences:
                sequences.append(seq)
        action.setShortcuts(sequences)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{tip or plain} ({keys})" if keys else tip or plain)
        action.setStatusTip(tip or plain)
        target = self._menu(menu)
        if separator:
            target.addSeparator()
        target.addAction(action)
        self._by_name[name] = action
        return action

    def _menu(self, title: str) -> QMenu:
        """The menu called ``title``; "&View/&Theme" is the Theme submenu of View."""
        if "/" in title and title not in self._menus:
            parent, _, child = title.rpartition("/")
            self._menus[title] = self._menu(parent).addMenu(child)
        if title not in self._menus:
            # Menus in their declared order, whatever order features add actions in.
            bar = self._window.menuBar()
            for name in MENUS:
                if name not in self._menus:
                    self._menus[name] = bar.addMenu(name)
            if title not in self._menus:
                self._menus[title] = bar.addMenu(title)
        return self._menus[title]

    def menu(self, title: str) -> QMenu:
        return self._menu(title)

    def entries(self) -> list[tuple[str, QAction]]:
        """Every command with the menu it is in ("&View/&Theme" for a submenu), in the
        order the menus show them; a command in no menu comes last, under "Other"."""
        mine = set(self._by_name.values())
        seen: list[tuple[str, QAction]] = []

        def walk(menu: QMenu, title: str) -> None:
            for action in menu.actions():
                sub = action.menu()
                if isinstance(sub, QMenu):
                    walk(sub, f"{title}/{sub.title()}")
                elif action in mine:
                    seen.append((title, action))

        for top in self._window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                walk(menu, menu.title())
        listed = {action for _, action in seen}
        seen.extend(("Other", a) for a in self._by_name.values() if a not in listed)
        return seen

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._by_name.values())

    def named(self, name: str) -> QAction:
        return self._by_name[name]

    def build_toolbar(self, search_box: QWidget) -> QToolBar:
        bar = QToolBar("Navigation")
        bar.setObjectName("navigationBar")
        bar.setMovable(False)
        for action in (self.back, self.forward, self.catalog):
            bar.addAction(action)
        spacer = QWidget()
        spacer.setFixedWidth(24)
        bar.addWidget(spacer)
        bar.addWidget(search_box)
        self._window.addToolBar(bar)
        return bar
