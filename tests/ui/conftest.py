"""Boards shared by the UI tests: the demo workshop on a shown BoardView."""

import pytest
import shiboken6

from ui.canvas.view import BoardView
from ui.document import Document
from workshop.examples import customer_loyalty


@pytest.fixture(scope="session", autouse=True)
def via_look(qapp):
    """Tests see the widgets as users do: Fusion style and Via's application font, as ui.app sets them,
    and reference cycles collected between events (ui/collector.py: inside one, a dropped panel's
    widgets were deleted while Qt delivered them an event, and the test process died)."""
    from ui import collector, theme

    theme.apply_app_defaults(qapp)
    collector.install(qapp)


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Each test starts with an empty clipboard and leaves one behind. Besides keeping one test's copy out of the
    next test's paste, this matters at exit: the clipboard takes ownership of a QMimeData a test made in Python,
    and Qt keeps it in a static of QtGui that is destroyed by the C exit handlers, after the interpreter has
    gone; the Python wrapper's destructor then calls into a finalized Python (segmentation fault, exit 139).
    Clearing deletes it while Python is still alive."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def no_button_left_down(qapp):
    """Mouse buttons are global to the process (QTest keeps them, and so does Qt): a test that ends with one held
    makes every mouse move of later tests a drag. Fail the test that left it, and let the next one start clean."""
    yield
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    held = QApplication.mouseButtons()
    if held == Qt.MouseButton.NoButton:
        return
    stand_in = QWidget()
    for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton):
        if held & button:
            QTest.mouseRelease(stand_in, button, Qt.KeyboardModifier.NoModifier, QPoint(1, 1))
    stand_in.deleteLater()
    pytest.fail(f"the test ended with {held} held down: finish its gesture with a release", pytrace=False)


@pytest.fixture
def shown_board(qtbot):
    """Makes the demo's board, shown at a given size (a test may need several sizes)."""

    def make(width: int = 1200, height: int = 800) -> BoardView:
        board = BoardView(Document(customer_loyalty()))
        qtbot.addWidget(board)
        board.resize(width, height)
        board.show()
        qtbot.waitExposed(board)
        return board

    return make


@pytest.fixture
def view(shown_board) -> BoardView:
    """The demo's board at 1200x800; files that need another start define their own `view`."""
    return shown_board()


@pytest.fixture
def prompts(monkeypatch):
    """Every prompt of the window answered by the test, which can change the answers; records what was asked."""
    from ui import dialogs

    asked: dict[str, list] = {"save_changes": [], "errors": [], "save_path": [], "overwrite_changed": []}
    answers = {"save_changes": "discard", "save_path": None, "overwrite_changed": "overwrite"}

    def ask_save_changes(parent, name):
        asked["save_changes"].append(name)
        return answers["save_changes"]

    def ask_save_path(parent, suggested=""):
        asked["save_path"].append(suggested)
        return answers["save_path"]

    def ask_overwrite_changed(parent, name):
        asked["overwrite_changed"].append(name)
        return answers["overwrite_changed"]

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(dialogs, "ask_overwrite_changed", ask_overwrite_changed)
    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: asked["errors"].append(message))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, directory="": None)
    return asked, answers


@pytest.fixture
def open_window(qtbot, tmp_path, monkeypatch, prompts):
    """Makes a main window with its own settings and data folder (so tests never share autosaves)."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    _, answers = prompts
    made: list[MainWindow] = []

    def discard_on_close(win: MainWindow) -> None:
        # A test that answered "cancel" (or left text in a card editor) would otherwise keep its window from
        # closing at the end: it stayed on screen, on top of the next tests' boards, and took their mouse.
        answers["save_changes"] = "discard"

    def make(document: Document | None = None, size: tuple[int, int] | None = None, activate: bool = False):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(document if document is not None else Document(customer_loyalty()), settings=settings)
        qtbot.addWidget(win, before_close_func=discard_on_close)
        made.append(win)
        if size is not None:
            win.setWindowState(Qt.WindowState.WindowNoState)  # the small test screen opens it maximised
            win.resize(*size)
        win.show()
        if size is not None or activate:
            qtbot.waitExposed(win)
        if activate:
            win.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
        return win

    yield make
    # pytest-qt has closed them by now (before fixtures end): none may be left open for the next test
    left_open = [win.windowTitle() for win in made if shiboken6.isValid(win) and win.isVisible()]
    assert not left_open, f"windows still open after the test: {left_open}"
