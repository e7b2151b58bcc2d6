"""Participants typed one per line with an optional <address>: what the details dialog reads."""

from __future__ import annotations

import pytest

from workshop.model import Contact
from workshop.participant_lines import ParticipantLineError, as_lines, from_lines, parse_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Priya Shah", ("Priya Shah", None)),
        ("Priya Shah <priya@example.com>", ("Priya Shah", "priya@example.com")),
        ("  Priya Shah  <  priya@example.com >  ", ("Priya Shah", "priya@example.com")),
        ("Priya Shah <>", ("Priya Shah", None)),
        ("דנה כהן <dana@example.co.il>", ("דנה כהן", "dana@example.co.il")),
        ("", ("", None)),
    ],
)
def test_a_line_gives_the_name_and_the_address(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Tom <tom@example.com, eve@example.com>", "Tom <tom at example>", "Tom <tom@example.com\r\nBcc: x@y.z>"],
)
def test_anything_but_one_plain_address_is_refused_by_name(line):
    with pytest.raises(ParticipantLineError, match="Tom"):
        parse_line(line)


def test_a_contacts_function_from_an_import_is_kept_and_its_address_can_be_cleared():
    imported = [Contact(name="Omar Haddad", function="IT", email="omar@example.com")]
    names, contacts = from_lines(["Omar Haddad", "", "Julia Reyes <julia@example.com>"], imported)
    assert names == ["Omar Haddad", "Julia Reyes"]
    assert contacts == [
        Contact(name="Omar Haddad", function="IT", email=None),
        Contact(name="Julia Reyes", function="", email="julia@example.com"),
    ]
    assert as_lines(names, contacts) == ["Omar Haddad", "Julia Reyes <julia@example.com>"]
