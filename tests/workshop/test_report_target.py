"""Where the report is written: through a symlink to its target, never over a folder or a device."""

from __future__ import annotations

import os

import pytest

from workshop.examples import customer_loyalty
from workshop.report import ReportError, export_pdf


def test_a_report_written_through_a_symlink_updates_the_linked_file(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "report.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "linked.pdf"
    link.symlink_to(real)
    export_pdf(customer_loyalty(), link, reproducible=True)
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"%PDF")


def test_a_pipe_in_the_reports_place_is_refused_and_left_as_it_is(tmp_path):
    pipe = tmp_path / "report.pdf"
    os.mkfifo(pipe)
    with pytest.raises(ReportError, match="not a regular file"):
        export_pdf(customer_loyalty(), pipe, reproducible=True)
    assert pipe.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"], "no temporary file is left behind"


def test_a_folder_in_the_reports_place_is_refused_with_what_to_do(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(ReportError, match="it is a folder"):
        export_pdf(customer_loyalty(), folder, reproducible=True)
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_link_named_like_a_report_that_leads_to_a_workshop_is_refused(tmp_path):
    workshop_file = tmp_path / "client.via"
    workshop_file.write_text("{}", encoding="utf-8")
    link = tmp_path / "report.pdf"
    link.symlink_to(workshop_file)
    with pytest.raises(ReportError, match=r"workshop file client\.via"):
        export_pdf(customer_loyalty(), link, reproducible=True)
    assert workshop_file.read_text(encoding="utf-8") == "{}"
