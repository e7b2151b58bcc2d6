"""File > Export board as PNG / SVG...: the facilitator's choices, the file dialog's answer, and a
picture with nothing in it that belongs to the person at the screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from ui.picture.board import Look
from ui.picture.export import PictureChoice, PictureDialog

SVG = "{http://www.w3.org/2000/svg}"


def shown_text(svg: bytes) -> str:
    return " ".join("".join(n.itertext()) for n in ET.fromstring(svg).iter(f"{SVG}text"))


@pytest.fixture
def window(open_window):
    win = open_window(size=(1400, 900), activate=True)
    win.board.fit_all()
    win.informed = []
    exporter = win.picture_exporter
    exporter.inform = lambda title, text: win.informed.append(text)
    return win


def answer(window, choice: PictureChoice | None, path) -> None:
    exporter = window.picture_exporter
    exporter.choose = lambda last, look: choice
    exporter.choose_path = lambda suggested, fmt: "" if path is None else str(path)


def test_the_file_menu_offers_the_export(window) -> None:
    action = window.actions_.export_board
    assert action in window.menus["file"].actions()
    assert "PNG / SVG" in action.text()


def test_the_menu_action_writes_a_png_of_the_chosen_width(window, qtbot, tmp_path) -> None:
    target = tmp_path / "board.png"
    answer(window, PictureChoice(fmt="png", width=1280), target)
    with qtbot.waitSignal(window.picture_exporter.message) as said:
        window.actions_.export_board.trigger()
    image = QImage(str(target))
    assert image.width() == 1280
    assert "board.png" in said.args[0]
    assert "board.png" in window.statusBar().currentMessage()


def test_a_name_without_its_suffix_gets_one(window, tmp_path) -> None:
    answer(window, PictureChoice(fmt="svg"), tmp_path / "for the slides")
    assert window.picture_exporter.export() == tmp_path / "for the slides.svg"
    assert (tmp_path / "for the slides.svg").read_bytes().startswith(b"<?xml")


def test_cancelling_either_question_writes_nothing(window, tmp_path) -> None:
    answer(window, None, tmp_path / "a.png")
    assert window.picture_exporter.export() is None
    answer(window, PictureChoice(), None)
    assert window.picture_exporter.export() is None
    assert list(tmp_path.glob("*.png")) == []


def test_a_file_the_dialog_confirmed_is_replaced(window, tmp_path) -> None:
    target = tmp_path / "board.png"
    target.write_bytes(b"last week's board")
    answer(window, PictureChoice(), target)  # the file dialog has asked "replace?" and got yes
    window.picture_exporter.export()
    assert target.read_bytes().startswith(b"\x89PNG")


def test_an_unwritable_place_is_said_plainly_and_the_board_goes_on(window, tmp_path) -> None:
    answer(window, PictureChoice(), tmp_path / "gone" / "board.png")
    assert window.picture_exporter.export() is None
    assert len(window.informed) == 1
    assert "does not exist" in window.informed[0]
    assert "Traceback" not in window.informed[0]
    assert window.board.board_scene.card("g-loyalty") is not None


def test_the_current_view_shows_what_the_window_shows(window, tmp_path) -> None:
    board = window.board
    card = board.board_scene.card("g-it-records")
    board.zoom_actual()
    board.centerOn(card.sceneBoundingRect().center())
    answer(window, PictureChoice(whole=False, fmt="svg"), tmp_path / "view.svg")
    view_text = shown_text((window.picture_exporter.export()).read_bytes())
    assert "Accurate customer records" in view_text
    assert "Raise employee engagement" not in view_text  # far away, off the screen
    answer(window, PictureChoice(whole=True, fmt="svg"), tmp_path / "whole.svg")
    assert "Raise employee engagement" in shown_text(window.picture_exporter.export().read_bytes())


def test_selection_hover_and_the_editor_are_not_in_the_picture(window, qtbot, tmp_path) -> None:
    answer(window, PictureChoice(whole=False, fmt="png", width=900), tmp_path / "plain.png")
    plain = window.picture_exporter.export().read_bytes()
    board, scene = window.board, window.board.board_scene
    board.select_ids(["g-loyalty", "l-sales-loyalty"], centre=False)
    board.setFocus()
    hovered = scene.card("g-sales-match")
    hovered.hovered = True
    scene.set_focus_ids(["g-loyalty"])  # the guide's focus dims the rest of the board
    scene.start_edit("g-support-fast")
    assert scene.editor is not None
    answer(window, PictureChoice(whole=False, fmt="png", width=900), tmp_path / "busy.png")
    busy = window.picture_exporter.export().read_bytes()
    assert busy == plain
    assert board.selected_ids()  # the export took nothing away from the facilitator either


def test_text_being_typed_is_committed_into_the_picture(window, qtbot, tmp_path) -> None:
    scene = window.board.board_scene
    editor = scene.start_edit("g-support-fast")
    editor.setPlainText("Resolve tickets within a day")
    answer(window, PictureChoice(fmt="svg"), tmp_path / "typed.svg")
    window.export_board_picture()
    assert "Resolve tickets within a day" in shown_text((tmp_path / "typed.svg").read_bytes())


def test_in_projector_mode_the_view_is_pictured_in_the_projector_look(window, qtbot, tmp_path) -> None:
    window.set_projector(True)
    qtbot.waitUntil(lambda: window.board.board_scene.reflowed())
    window.board.fit_all()
    assert window.picture_exporter.window_look() == Look.PROJECTOR
    answer(window, PictureChoice(whole=False, fmt="png", width=800), tmp_path / "room.png")
    image = QImage(str(window.picture_exporter.export()))
    assert image.width() == 800
    dark = sum(
        image.pixelColor(x, y).lightnessF() < 0.25 for x in range(0, 800, 20) for y in range(0, image.height(), 20)
    )
    assert dark > 0.3 * (800 // 20) * (image.height() // 20)


def test_the_dialog_keeps_the_window_look_for_the_view(qtbot) -> None:
    dialog = PictureDialog(PictureChoice(look=Look.NORMAL), Look.PROJECTOR)
    qtbot.addWidget(dialog)
    assert dialog.normal.isEnabled()
    dialog.view.setChecked(True)
    assert not dialog.normal.isEnabled() and not dialog.projector.isEnabled()
    assert dialog.choice() == PictureChoice(whole=False, look=Look.PROJECTOR)
    dialog.whole.setChecked(True)
    dialog.normal.setChecked(True)
    dialog.svg.setChecked(True)
    dialog.width_box.setValue(99_999)  # typed past the top: the box holds the largest allowed
    assert dialog.choice() == PictureChoice(whole=True, look=Look.NORMAL, fmt="svg", width=16384)


def test_the_dialog_remembers_the_last_choice(window, tmp_path) -> None:
    answer(window, PictureChoice(look=Look.PROJECTOR, fmt="svg", width=3000), tmp_path / "x.svg")
    window.picture_exporter.export()
    seen = []
    window.picture_exporter.choose = lambda last, look: seen.append(last)
    window.picture_exporter.export()
    assert seen == [PictureChoice(look=Look.PROJECTOR, fmt="svg", width=3000)]
