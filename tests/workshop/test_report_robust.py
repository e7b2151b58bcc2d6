"""Odd but possible workshops still export: loops, dangling references, board positions, any text."""

from __future__ import annotations

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.examples import customer_loyalty
from workshop.findings import Analysis
from workshop.model import Function, Goal, Link, Position, Workshop
from workshop.report import export_pdf


def text_of(path) -> str:
    return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)


def test_a_loop_of_links_does_not_hang_the_layout(tmp_path):
    ws = Workshop(
        functions=[Function(id="f", name="Ops", kind="support")],
        goals=[Goal(id="a", text="Alpha", function_id="f"), Goal(id="b", text="Beta", function_id="f")],
        links=[Link(id="l1", source="a", target="b"), Link(id="l2", source="b", target="a")],
    )
    assert "Alpha" in text_of(export_pdf(ws, tmp_path / "loop.pdf", analysis=Analysis()))


def test_dangling_references_are_named_not_fatal(tmp_path):
    # A workshop that skipped validation (e.g. built in code) with references to things that are gone.
    ws = Workshop.model_construct(
        meta=Workshop().meta,
        functions=[],
        goals=[Goal(id="g", text="Orphan goal", function_id="f-gone")],
        links=[Link(id="l", source="g", target="g-gone")],
        relations=[],
        answers=[],
        kpis=[],
        tensions=[],
        weaknesses=[],
        decisions=[],
        suggestions=[],
        positions={},
    )
    text = text_of(export_pdf(ws, tmp_path / "dangling.pdf", analysis=Analysis()))
    assert "Orphan goal" in text


def test_the_boards_own_positions_are_used_when_every_goal_has_one(tmp_path):
    ws = customer_loyalty()
    for i, goal in enumerate(ws.goals):
        ws.positions[goal.id] = Position(x=(i % 4) * 300.0, y=(i // 4) * 200.0)
    text = text_of(export_pdf(ws, tmp_path / "board.pdf", analysis=Analysis()))
    assert "Accurate customer records" in text


def test_positions_too_far_apart_to_print_fall_back_to_a_compact_layout(tmp_path):
    ws = customer_loyalty()
    for i, goal in enumerate(ws.goals):
        ws.positions[goal.id] = Position(x=i * 100_000.0, y=0.0)
    reader = pypdf.PdfReader(str(export_pdf(ws, tmp_path / "far.pdf", analysis=Analysis())))
    tree_page = next(p.extract_text() for p in reader.pages if "The goal tree" in p.extract_text())
    assert "too many to print" not in tree_page
    assert "Declared exception" in tree_page


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text(min_size=1, max_size=80), min_size=3, max_size=3))
def test_any_text_at_all_exports(tmp_path, words):
    ws = customer_loyalty()
    ws.goals[0].text = words[0]
    ws.functions[0].name = words[1].replace("\n", " ").strip() or "x"
    ws.decisions[0].text = words[2]
    path = export_pdf(ws, tmp_path / "any.pdf", analysis=Analysis(), reproducible=True)
    assert pypdf.PdfReader(str(path)).pages


def test_a_stopped_export_leaves_the_earlier_report_and_no_temporary_file(tmp_path) -> None:
    from workshop.report import ReportCancelledError

    target = tmp_path / "report.pdf"
    target.write_bytes(b"last week's report")
    asked = []

    def stop_after_a_few() -> bool:
        asked.append(1)
        return len(asked) > 12  # well into laying out the pages

    with pytest.raises(ReportCancelledError):
        export_pdf(customer_loyalty(), target, cancelled=stop_after_a_few)
    assert len(asked) == 13
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
