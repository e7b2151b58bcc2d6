"""The join strip: a QR code, the short address and how many phones are connected.

It sits in a corner of the board while the room is open, in projector mode too, sized to read from
the back of the room at 1024x768. The QR code is drawn by segno at a whole number of pixels per
module (a scaled-down or smoothed code distorts and stops scanning), black on white with its quiet
zone, whatever the theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

QUIET_ZONE = 2
"""Modules of white around the code (the standard asks 4; the strip's white frame adds the rest)."""


def qr_pixmap(url: str, target_px: int) -> QPixmap:
    """The URL's QR code at the largest whole-module scale that fits in `target_px`."""
    import io

    import segno

    code = segno.make(url, error="m", micro=False)
    modules, _ = code.symbol_size(scale=1, border=QUIET_ZONE)
    scale = max(1, target_px // modules)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=QUIET_ZONE, dark="#000000", light="#ffffff")
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    return pixmap


def short_address(url: str) -> str:
    """What the strip prints: the URL without 'http://' (phones add it) and its last slash."""
    return url.removeprefix("http://").rstrip("/")


def two_lines(address: str) -> str:
    """The address broken after the port's slash, so the strip stays as narrow as its QR code."""
    host, _, token = address.partition("/")
    return f"{host}/\n{token}" if token else host


class JoinStrip(QFrame):
    """Shown on top of the board (its parent), in the bottom-right corner, while the room is open."""

    MARGIN = 12

    def __init__(self, board: QWidget) -> None:
        super().__init__(board)
        self.setObjectName("roomJoinStrip")
        self.setAccessibleName(self.tr("Join the room"))
        self.setStyleSheet(
            "#roomJoinStrip { background: #ffffff; border: 2px solid #202020; border-radius: 8px; }"
            "#roomJoinStrip QLabel { color: #101010; background: transparent; }"
        )
        self.url = ""
        self.projector = False
        self.title = QLabel(self.tr("Join from your phone"), self)
        self.code = QLabel(self)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address = QLabel(self)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel(self)
        for label in (self.title, self.address, self.count):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        for widget in (self.title, self.code, self.address, self.count):
            layout.addWidget(widget)
        self.gutter = QWidget(board)
        """The column beside the board the strip stands in, painted like the board's background."""
        self.gutter.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.gutter.hide()
        board.installEventFilter(self)
        self.set_connected(0)
        self.hide()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self.gutter.setVisible(visible)
        if not visible:
            self._reserve(0)

    def show_room(self, url: str) -> None:
        self.url = url
        self.address.setText(two_lines(short_address(url)))
        self.address.setAccessibleName(self.tr("Address to type: %s") % short_address(url))
        self._restyle()
        self.show()
        self.raise_()

    def set_connected(self, count: int) -> None:
        self.count.setText(self.tr("1 phone connected") if count == 1 else self.tr("%d phones connected") % count)

    def set_projector(self, on: bool) -> None:
        self.projector = on
        if self.url:
            self._restyle()

    def _restyle(self) -> None:
        board = self.parentWidget()
        short_side = min(board.width(), board.height()) if board is not None else 768
        # projector: about a quarter of the board's short side (≈190 px at 1024x768); desk: smaller
        target = max(110, int(short_side * (0.25 if self.projector else 0.18)))
        self.code.setPixmap(qr_pixmap(self.url, target))
        big, small = (17, 13) if self.projector else (12, 10)
        title = QFont(self.font())
        title.setPointSize(small)
        title.setBold(True)
        self.title.setFont(title)
        address = QFont(self.font())
        address.setPointSize(big)
        address.setBold(True)
        self.address.setFont(address)
        count = QFont(self.font())
        count.setPointSize(small)
        self.count.setFont(count)
        self.adjustSize()
        self._place()

    def _place(self) -> None:
        board = self.parentWidget()
        if board is None:
            return
        self.adjustSize()
        self.move(board.width() - self.width() - self.MARGIN, board.height() - self.height() - self.MARGIN)
        reserved = self.width() + 2 * self.MARGIN
        self.gutter.setGeometry(board.width() - reserved, 0, reserved, board.height())
        scene = getattr(board, "scene", lambda: None)()
        if scene is not None:  # a style sheet, since the app's own style sheet outranks a palette
            self.gutter.setStyleSheet(f"background: {scene.backgroundBrush().color().name()};")
        self.gutter.stackUnder(self)
        self._reserve(reserved)

    def _reserve(self, width: int) -> None:
        """Keep the board's drawing area beside the strip, not under it."""
        board = self.parentWidget()
        if hasattr(board, "setViewportMargins") and board.viewportMargins().right() != width:
            board.setViewportMargins(0, 0, width, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.url:
            self._restyle() if self.isVisible() else self._place()
        return False
