"""The room's disclosures waiting: the finding counts them, and activating it opens the Suggestions panel
(nothing on the board to select; the panel is where they are read and decided)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from workshop import user_ops


def test_activating_the_waiting_disclosures_finding_raises_the_suggestions_panel(open_window, qtbot):
    window = open_window(size=(1280, 800), activate=True)
    assert window.document.run(user_ops.disclose, "weakness", "The CRM sync breaks under load", "f-it").ok
    window.findings_dock.raise_()
    findings = window.findings_panel.findChild(QListWidget)

    def waiting_item():
        for row in range(findings.count()):
            if "disclosed 1 weakness" in findings.item(row).text():
                return findings.item(row)
        return None

    qtbot.waitUntil(lambda: waiting_item() is not None, timeout=3000)
    assert "CRM" not in waiting_item().text()
    window.findings_dock.raise_()  # a post from the room raises the Suggestions panel: back to the findings
    qtbot.waitUntil(lambda: window.suggestions_dock.visibleRegion().isEmpty())
    item = waiting_item()
    findings.scrollToItem(item)
    qtbot.mouseClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=findings.visualItemRect(item).center())
    qtbot.waitUntil(lambda: not window.suggestions_dock.visibleRegion().isEmpty())
