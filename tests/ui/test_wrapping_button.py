"""A guide button with a long label wraps when the guide is narrow and stays one line when it is not."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.wrapping_button import WrappingButton

LABEL = "Trace the selected goal to this strategic goal"


def button_in(qtbot, width: int) -> WrappingButton:
    holder = QWidget()
    qtbot.addWidget(holder)
    button = WrappingButton(LABEL, holder)
    QVBoxLayout(holder).addWidget(button)
    holder.resize(width, 400)
    holder.show()
    qtbot.waitExposed(holder)
    button.holder = holder  # the button lives as long as the test holds it
    return button


def test_at_its_natural_width_the_label_is_one_line(qtbot):
    button = button_in(qtbot, 2000)
    one_line = button.fontMetrics().height()
    assert button.heightForWidth(button.sizeHint().width()) < 2 * one_line + button._frame().height()


def test_narrow_it_wraps_instead_of_asking_for_more_width(qtbot):
    button = button_in(qtbot, 160)
    assert button.minimumSizeHint().width() < 160
    assert button.width() <= 160
    qtbot.waitUntil(lambda: button.height() >= button.heightForWidth(button.width()))
    assert button.heightForWidth(button.width()) > button.heightForWidth(button.sizeHint().width())
