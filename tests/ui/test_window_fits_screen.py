"""The window opens within the screen it is on: nothing of it (Next, the status bar) off-screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication

from ui.document import Document
from ui.main_window import MAXIMISE_BELOW, MainWindow
from workshop.examples import customer_loyalty


def make(qtbot, tmp_path, settings: QSettings | None = None) -> MainWindow:
    settings = settings or QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(customer_loyalty()), settings=settings)
    qtbot.addWidget(window)
    return window


def test_a_first_start_on_a_small_screen_opens_maximised(qtbot, tmp_path):
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.width() < MAXIMISE_BELOW  # the offscreen test screen is a small one
    window = make(qtbot, tmp_path)
    window.show()
    assert window.isMaximized()


def test_a_remembered_place_from_a_larger_screen_is_pulled_back_and_shrunk(qtbot, tmp_path, monkeypatch):
    area = QGuiApplication.primaryScreen().availableGeometry()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    big = make(qtbot, tmp_path, settings)
    big.setGeometry(QRect(area.right() + 500, area.top() + 300, area.width() + 900, area.height() + 400))
    settings.setValue("window/geometry", big.saveGeometry())
    assert isinstance(settings.value("window/geometry"), QByteArray)
    window = make(qtbot, tmp_path, settings)
    window.show()
    assert area.contains(window.geometry()), (window.geometry(), area)
