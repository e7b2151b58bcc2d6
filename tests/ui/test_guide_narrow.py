"""The guide squeezed beside a small beamer's board (1024x768): it goes narrow instead of pushing the board away."""

from __future__ import annotations

from itertools import pairwise

import pytest

from ui.document import Document
from ui.guide.panel import GuidePanel
from workshop import user_ops
from workshop.examples import customer_loyalty


@pytest.fixture
def panel(qtbot) -> GuidePanel:
    widget = GuidePanel(Document(customer_loyalty()))
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_narrow_guide_puts_the_timer_controls_under_the_digits_and_back(panel, qtbot):
    assert not panel.narrow() and not panel.timer.compact()
    panel.resize(340, 700)
    qtbot.waitUntil(panel.narrow)
    assert panel.timer.compact()
    qtbot.waitUntil(lambda: panel.timer.minutes.geometry().top() > panel.timer.display.geometry().bottom())
    panel.resize(900, 700)
    qtbot.waitUntil(lambda: not panel.narrow())
    assert not panel.timer.compact()


def test_squeezed_vertically_the_header_labels_keep_their_height(panel, qtbot):
    panel.set_projector(True)
    panel.go_to("question:f-it:3")
    panel.resize(340, 420)
    qtbot.waitUntil(panel.narrow)
    labels = [w for w in (panel.where, panel.progress, panel.title, panel.why) if w.isVisible()]
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.objectName()
    for upper, lower in pairwise(labels):
        assert upper.geometry().bottom() < lower.geometry().top()


def test_every_step_fits_the_strips_width_beside_a_small_beamers_board(panel, qtbot):
    """At 1024x768 the projector strip gets a fifth (~200 px): no step may be cut at the right edge
    (the export step's big button once pushed its text off the panel)."""
    panel.set_projector(True)
    panel.resize(198, 768)
    for index, step in enumerate(panel.steps()):
        panel.go_to(index)
        body = panel.scroll.widget()
        qtbot.waitUntil(lambda body=body: body.width() <= panel.scroll.viewport().width(), timeout=2000)
        assert body.minimumSizeHint().width() <= panel.scroll.viewport().width(), step.key


def test_an_edit_does_not_change_how_wide_the_steps_choices_ask_to_be(panel, qtbot):
    """The desk guide fits a step's choices to its width once the step is shown; an edit re-reads the
    step, and that must not set the choices back to another width (the panel would jump)."""
    panel.go_to("question:f-it:2")
    combo = panel.current_view().sections[0].strategic
    before = (combo.minimumContentsLength(), combo.sizeHint().width())
    assert panel.document.run(user_ops.add_customer_goal, "r-it-sales", "Quote in a day").ok
    qtbot.waitUntil(lambda: panel.current_view().sections[0].goals.count() == 2)  # the step re-read the model
    assert (combo.minimumContentsLength(), combo.sizeHint().width()) == before
