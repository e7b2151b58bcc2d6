"""The email draft opens as an unsent message with the report attached and the summary as body."""

from email import message_from_bytes
from email.policy import default

from workshop.maildraft import build_draft, participant_addresses


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


def _to(raw: bytes) -> list[tuple[str, str]]:
    header = message_from_bytes(raw, policy=default)["To"]
    return [(a.display_name, a.addr_spec) for a in header.addresses] if header is not None else []


def _draft(tmp_path, recipients) -> bytes:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    return build_draft("Alignment report", "Score 72/100", pdf, recipients)


def test_to_lists_each_participant_with_an_address_and_names_survive_encoding(tmp_path) -> None:
    raw = _draft(
        tmp_path,
        [
            ("Priya Shah", "priya@example.com"),
            ('Lee, Sam "Boss" <evil@attacker.test>', "sam@example.com"),
            ("김민준", "minjun@example.kr"),
            ("נועה לוי", "noa@example.co.il"),
        ],
    )
    assert _to(raw) == [
        ("Priya Shah", "priya@example.com"),
        ('Lee, Sam "Boss" <evil@attacker.test>', "sam@example.com"),
        ("김민준", "minjun@example.kr"),
        ("נועה לוי", "noa@example.co.il"),
    ]
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii(), "non-ASCII names are encoded words, not raw bytes"
    assert b"evil@attacker.test>," not in head  # the name's "address" stays inside the encoded name


def test_hostile_names_and_addresses_cannot_add_headers_or_recipients(tmp_path) -> None:
    raw = _draft(
        tmp_path,
        [
            ("Eve\r\nBcc: all@corp.test", "eve@example.com"),
            ("Mallory", "mallory@example.com\r\nBcc: all@corp.test"),
            ("Two at once", "a@example.com, b@example.com"),
            ("Angle", "<c@example.com>"),
            ("No at sign", "example.com"),
            ("No domain dot", "root@localhost"),
            ("Non-ASCII local part", "josé@example.com"),
            ("Tab", "t@exa\tmple.com"),
            ("Empty", ""),
            ("Duplicate", "EVE@example.com"),
        ],
    )
    message = message_from_bytes(raw, policy=default)
    assert message["Bcc"] is None
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert not [line for line in head.split(b"\r\n") if line.lower().startswith(b"bcc")]
    assert _to(raw) == [("Eve Bcc: all@corp.test", "eve@example.com")]  # the name, cleaned to one line
    assert message["X-Unsent"] == "1" and message["Subject"] == "Alignment report"


def test_no_recipient_with_an_address_leaves_to_empty(tmp_path) -> None:
    raw = _draft(tmp_path, [("Nobody", "not an address")])
    assert message_from_bytes(raw, policy=default)["To"] is None


def test_participant_addresses_follow_the_participant_list() -> None:
    from types import SimpleNamespace as Contact

    meta = Contact(
        participants=["Tom Berg", "Priya Shah", "Omar Haddad"],
        contacts=[
            Contact(name="Priya Shah", email="priya@example.com"),
            Contact(name="Omar Haddad", email=None),  # listed, no address
            Contact(name="Former Member", email="gone@example.com"),  # no longer a participant
            Contact(name="Tom Berg", email="tom@example.com"),
        ],
    )
    assert participant_addresses(meta) == [("Tom Berg", "tom@example.com"), ("Priya Shah", "priya@example.com")]
    assert participant_addresses(Contact(participants=["A"])) == []  # a workshop without contacts
