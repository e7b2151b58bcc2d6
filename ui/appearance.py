"""Light or dark at the desk: the system's colour scheme, or the one the user chose.

View > Colour scheme offers System, Light and Dark; the choice is kept in the settings. System
follows Qt's `QStyleHints.colorScheme` at start and whenever the desktop switches while Via runs
(`colorSchemeChanged`). A forced choice is also handed to Qt (`setColorScheme`, Qt 6.8 and later),
so native parts (window frames, file dialogs) follow it where the platform allows; Via's own look
does not wait for the platform: many desktops (a bare X11 session, for one) cannot be told, and
then report no scheme at all, which Via reads as light. Projector mode ignores all of this: its
look is made for the room's projector (ui/theme.py, ui/canvas/theme.py).
"""

from __future__ import annotations

from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QStyleHints
from PySide6.QtWidgets import QMenu

SETTINGS_KEY = "appearance/colorScheme"


def tr(text: str) -> str:
    return QCoreApplication.translate("Appearance", text)


class Scheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def saved_scheme(settings: QSettings) -> Scheme:
    """The scheme chosen last time; System when none was chosen or the stored value means nothing."""
    value = settings.value(SETTINGS_KEY, Scheme.SYSTEM.value)
    try:
        return Scheme(str(value))
    except ValueError:
        return Scheme.SYSTEM


def save_scheme(settings: QSettings, scheme: Scheme) -> None:
    settings.setValue(SETTINGS_KEY, scheme.value)
    settings.sync()


class Appearance(QObject):
    """The application's one answer to "light or dark?" (a palette is application-wide)."""

    changed = Signal(bool)
    """The desk's look turned dark (True) or light (False)."""

    def __init__(self, hints: QStyleHints, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hints = hints
        self._scheme = Scheme.SYSTEM
        self._system = hints.colorScheme()
        """The system's scheme as Qt last reported it (Unknown where the platform cannot tell)."""
        self._dark = self._system == Qt.ColorScheme.Dark
        hints.colorSchemeChanged.connect(self._system_changed)

    def scheme(self) -> Scheme:
        return self._scheme

    def dark(self) -> bool:
        """True when the desk's window is drawn in the dark scheme."""
        return self._dark

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self._ask_platform(scheme)
        if scheme is Scheme.SYSTEM:
            self._system = self._hints.colorScheme()  # the platform's own again, now nothing is forced
        self._update()

    def _ask_platform(self, scheme: Scheme) -> None:
        if not hasattr(self._hints, "setColorScheme"):  # Qt before 6.8: Via's own look only
            return
        if scheme is Scheme.SYSTEM:
            self._hints.unsetColorScheme()
        else:
            self._hints.setColorScheme(Qt.ColorScheme.Dark if scheme is Scheme.DARK else Qt.ColorScheme.Light)

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop switched while Via runs (or echoes a scheme Via forced, which changes nothing)."""
        if self._scheme is Scheme.SYSTEM:
            self._system = scheme
            self._update()

    def _update(self) -> None:
        dark = self._scheme is Scheme.DARK or (self._scheme is Scheme.SYSTEM and self._system == Qt.ColorScheme.Dark)
        if dark != self._dark:
            self._dark = dark
            self.changed.emit(dark)


_instance: Appearance | None = None


def instance() -> Appearance:
    """The application's Appearance (made on first use, owned by the application object)."""
    global _instance
    app = QGuiApplication.instance()
    if _instance is None or not shiboken6.isValid(_instance) or _instance.parent() is not app:
        _instance = Appearance(QGuiApplication.styleHints(), app)
    return _instance


def add_menu(view_menu: QMenu, before: QAction | None, current: Scheme) -> dict[Scheme, QAction]:
    """View > Colour scheme: System, Light, Dark, one of them checked. Returns the actions by scheme."""
    menu = QMenu(tr("&Colour scheme"), view_menu)
    menu.setObjectName("colourSchemeMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    titles = {
        Scheme.SYSTEM: (tr("&System"), tr("Light or dark as the system is set")),
        Scheme.LIGHT: (tr("&Light"), tr("Always light at the desk")),
        Scheme.DARK: (tr("&Dark"), tr("Always dark at the desk (projector mode keeps its own look)")),
    }
    actions: dict[Scheme, QAction] = {}
    for scheme, (title, tip) in titles.items():
        action = QAction(title, menu)
        action.setCheckable(True)
        action.setChecked(scheme is current)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setData(scheme.value)
        group.addAction(action)
        menu.addAction(action)
        actions[scheme] = action
    if before is not None:
        view_menu.insertMenu(before, menu)
    else:
        view_menu.addMenu(menu)
    return actions
