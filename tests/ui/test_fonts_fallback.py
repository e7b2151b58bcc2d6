"""Goals typed in Chinese or Japanese show on the board, not as empty boxes, on any laptop."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout

from ui.app import ensure_app

CJK = "提高客户忠诚度 顧客ロイヤルティ"


def missing_glyphs(text: str, font: QFont) -> int:
    """How many characters of `text` the font (with Qt's fallbacks) would draw as a box."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for glyph in run.glyphIndexes() if glyph == 0)


def test_the_app_can_draw_chinese_and_japanese_with_its_bundled_font(qapp):
    ensure_app()  # what `via` does at start-up
    font = QFont()
    font.setPixelSize(24)
    assert missing_glyphs(CJK.replace(" ", ""), font) == 0
