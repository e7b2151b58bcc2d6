"""The email draft opens as an unsent message with the report attached and the summary as body."""

from email import message_from_bytes
from email.policy import default

from workshop.maildraft import build_draft


def test_draft_is_unsent_with_summary_body_and_pdf_attached(tmp_path) -> None:
    pdf = tmp_path / "Alignment report.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake but bytes are bytes")
    raw = build_draft("Alignment report: Northwind\nworkshop", "Score 72/100\nÜberall 你好", pdf)

    message = message_from_bytes(raw, policy=default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Alignment report: Northwind workshop"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Score 72/100" in body and "你好" in body
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["Alignment report.pdf"]
    assert attachments[0].get_content() == pdf.read_bytes()
