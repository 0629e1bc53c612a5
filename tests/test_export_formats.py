""".eml drafts and .ics check-in calendars, read back the way a mail or calendar app would.

An .eml is parsed with the standard library's own parser, an .ics with icalendar's, after
`read_ics` has checked the lines themselves (CRLF, 75 octets, folds between characters).
"""

from __future__ import annotations

import email.policy
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from email.parser import BytesParser
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from decline_tui.core import care
from decline_tui.core.care import Reminder
from decline_tui.core.compose import Draft, render_offer
from decline_tui.core.export import (
    ExportError,
    checkin_description,
    checkin_summary,
    draft_as_eml,
    export_content,
    export_format,
    reminders_as_ics,
    split_subject,
    write_export,
)
from decline_tui.core.model import Interaction, Offer, Profile, Workbook

NOW = datetime(2026, 11, 25, 10, 30)


# --------------------------------------------------------------------------- .eml helpers


def parse_eml(data: bytes):
    assert isinstance(data, bytes)
    return BytesParser(policy=email.policy.default).parsebytes(data)


def body_of(msg) -> str:
    """The decoded text body, with the CRLFs of the wire format read as line breaks."""
    return msg.get_content().replace("\r\n", "\n")


def assert_wire_format(data: bytes) -> None:
    """7-bit, CRLF everywhere, header lines within RFC 5322's 78 characters."""
    data.decode("ascii")  # the policy chose quoted-printable or base64 for the body
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    headers = lines[: lines.index(b"")]
    assert all(len(line) <= 78 for line in headers), headers


@pytest.fixture
def email_draft(workbook, offer):
    return render_offer(workbook, offer, medium="email")


# --------------------------------------------------------------------------- .eml


def test_eml_headers_and_body(email_draft, workbook, offer):
    data = draft_as_eml(email_draft, offer, workbook.profile, now=NOW)
    assert_wire_format(data)
    msg = parse_eml(data)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == email_draft.subject == "Job offer: Senior Product Designer – Sam Lee"
    (to,) = msg["To"].addresses
    assert (to.display_name, to.addr_spec) == ("María López", "maria@acme.example")
    (sender,) = msg["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Sam Lee", "sam@example.com")
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert body_of(msg) == email_draft.body + "\n"
    assert "Subject:" not in body_of(msg)
    assert not msg.is_multipart()


def test_eml_date_of_a_naive_time_is_local(email_draft, workbook, offer):
    msg = parse_eml(draft_as_eml(email_draft, offer, workbook.profile, now=NOW))
    assert msg["Date"] == format_datetime(NOW.astimezone())
    assert parsedate_to_datetime(msg["Date"]) == NOW.astimezone()


def test_eml_date_keeps_an_aware_times_offset(email_draft, workbook, offer):
    now = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=-5)))
    data = draft_as_eml(email_draft, offer, workbook.profile, now=now)
    assert b"\r\nDate: Wed, 25 Nov 2026 10:30:00 -0500\r\n" in data
    assert parsedate_to_datetime(parse_eml(data)["Date"]) == now


@pytest.mark.parametrize(
    ("mine", "subject", "body"),
    [
        ("Subject: Thanks\n\nDear María,\n\nI must decline.\n", "Thanks", "Dear María,\n\n"),
        ("subject : lower case\nDear María,\nNo.", "lower case", "Dear María,\nNo."),
        ("\ufeffSubject:  Spaced  \r\n\r\nHi\r\n", "Spaced", "Hi"),
    ],
)
def test_eml_subject_comes_from_the_persons_edit(email_draft, workbook, offer, mine, subject, body):
    msg = parse_eml(draft_as_eml(email_draft, offer, workbook.profile, mine, now=NOW))
    assert msg["Subject"] == subject
    assert body_of(msg).startswith(body)
    assert "subject" not in body_of(msg).lower()
    assert "Best regards" not in body_of(msg)  # their text, not the template's


def test_eml_edit_body_is_exactly_theirs(email_draft, workbook, offer):
    mine = "Subject: Thanks\n\nDear María,\n\nI must decline – sorry.\n\nSam\n\n\n"
    msg = parse_eml(draft_as_eml(email_draft, offer, workbook.profile, mine, now=NOW))
    assert body_of(msg) == "Dear María,\n\nI must decline – sorry.\n\nSam\n"


def test_eml_edit_without_a_subject_line_keeps_the_drafts(email_draft, workbook, offer):
    msg = parse_eml(draft_as_eml(email_draft, offer, workbook.profile, "Hi María,\nNo.", now=NOW))
    assert msg["Subject"] == email_draft.subject
    assert body_of(msg) == "Hi María,\nNo.\n"


def test_eml_edit_with_an_empty_subject_has_none(email_draft, workbook, offer):
    msg = parse_eml(draft_as_eml(email_draft, offer, workbook.profile, "Subject:\n\nHi", now=NOW))
    assert msg["Subject"] is None
    assert body_of(msg) == "Hi\n"


@pytest.mark.parametrize(
    ("sender", "contact"),
    [
        ("Zoë Ångström", "Łukasz Żółć"),
        ("渡辺 さくら", "Ólafur Þórsson"),
        ('Lee, Sam "Sammy"', "López, María"),
        ("Sam 😀 Lee", "Dr. María-José O'Brien"),
    ],
)
def test_eml_non_ascii_and_special_names_round_trip(email_draft, sender, contact):
    offer = Offer(id="x", contact_name=contact, contact_email="c@acme.example")
    data = draft_as_eml(email_draft, offer, Profile(sender, "me@example.com"), now=NOW)
    assert_wire_format(data)
    msg = parse_eml(data)
    assert msg["To"].addresses[0].display_name == contact
    assert msg["To"].addresses[0].addr_spec == "c@acme.example"
    assert msg["From"].addresses[0].display_name == sender


def test_eml_non_ascii_subject_and_long_lines(workbook, offer):
    long_line = "Ça me fait de la peine – " + "très " * 60
    draft = Draft("email", "standard", "Offre d’emploi – Zoë", f"Bonjour,\n\n{long_line}\n")
    data = draft_as_eml(draft, offer, workbook.profile, now=NOW)
    assert_wire_format(data)
    msg = parse_eml(data)
    assert msg["Subject"] == "Offre d’emploi – Zoë"
    assert body_of(msg) == f"Bonjour,\n\n{long_line}\n"


@pytest.mark.parametrize(
    "subject",
    [
        "Checking in after the Senior Product Designer interviews – Sam Lee",
        "Job offer: Senior Product Designer – María López-Fernández de la Cruz",
        *(f"{'x' * n} Senior Product Designer interviews – Sam Lee" for n in range(1, 40, 3)),
    ],
)
def test_eml_a_long_subject_folded_before_a_dash_keeps_one_space(workbook, offer, subject):
    """Python's folder left "interviews \r\n =?utf-8?b?4oCT?=": two spaces once unfolded."""
    draft = Draft("email", "checkin-note", subject, "Hi,\n")
    data = draft_as_eml(draft, offer, workbook.profile, now=NOW)
    assert_wire_format(data)
    assert parse_eml(data)["Subject"] == subject


def test_eml_without_addresses_leaves_from_and_to_out(email_draft):
    offer = Offer(id="x", contact_name="María López")
    msg = parse_eml(draft_as_eml(email_draft, offer, Profile("Sam Lee", ""), now=NOW))
    assert msg["To"] is None and msg["From"] is None
    assert msg["X-Unsent"] == "1" and msg["Subject"] == email_draft.subject
    msg = parse_eml(draft_as_eml(email_draft, None, None, now=NOW))
    assert msg["To"] is None and msg["From"] is None


def test_eml_address_without_a_name(email_draft):
    offer = Offer(id="x", contact_email="jobs@acme.example")
    msg = parse_eml(draft_as_eml(email_draft, offer, Profile("", "me@example.com"), now=NOW))
    assert str(msg["To"]) == "jobs@acme.example"
    assert str(msg["From"]) == "me@example.com"


@pytest.mark.parametrize("bad", ["maria at acme", "maria@", "a@b, c@d", "<x@y>"])
def test_eml_refuses_a_bad_address(email_draft, bad):
    with pytest.raises(ExportError, match="not a valid email address") as info:
        draft_as_eml(email_draft, Offer(id="x", contact_email=bad), None, now=NOW)
    assert repr(bad) in str(info.value)
    with pytest.raises(ExportError, match="your email address"):
        draft_as_eml(email_draft, None, Profile("Sam", bad), now=NOW)


def test_eml_headers_cannot_be_injected(offer):
    draft = Draft("email", "standard", "Hi\r\nBcc: evil@example.com", "Body")
    profile = Profile("Sam\nBcc: evil@example.com", "sam@example.com")
    data = draft_as_eml(draft, offer, profile, now=NOW)
    msg = parse_eml(data)
    assert msg["Bcc"] is None
    assert msg["Subject"] == "Hi Bcc: evil@example.com"
    assert b"\r\nBcc:" not in data


@pytest.mark.parametrize("medium", ["phone", "linkedin"])
def test_eml_only_for_email(workbook, offer, medium):
    draft = render_offer(workbook, offer, medium=medium)
    with pytest.raises(ExportError) as info:
        draft_as_eml(draft, offer, workbook.profile, now=NOW)
    assert "only an email draft can be saved as .eml" in str(info.value)
    assert ".txt or .md" in str(info.value)


def test_eml_text_no_email_can_carry(email_draft, offer):
    with pytest.raises(ExportError, match="no email can carry"):
        draft_as_eml(email_draft, offer, None, "Dear \ud800", now=NOW)


def test_split_subject():
    assert split_subject("Subject: A\n\n\nBody") == ("A", "Body")
    assert split_subject("Body\nSubject: no") == (None, "Body\nSubject: no")
    assert split_subject("Subject: only") == ("only", "")


# --------------------------------------------------------------------------- export path


@pytest.mark.parametrize("name", ["out.eml", "OUT.EML"])
def test_export_content_eml_is_bytes(email_draft, workbook, offer, name):
    content = export_content(
        email_draft, name, None, "T", offer=offer, profile=workbook.profile, now=NOW
    )
    assert content == draft_as_eml(email_draft, offer, workbook.profile, now=NOW)


def test_export_content_eml_defaults_to_the_current_time(email_draft):
    before = datetime.now().astimezone().replace(microsecond=0)
    msg = parse_eml(export_content(email_draft, "x.eml"))
    assert before <= parsedate_to_datetime(msg["Date"]) <= datetime.now().astimezone()


def test_export_content_eml_of_a_phone_script_is_an_export_error(workbook, offer):
    with pytest.raises(ExportError):
        export_content(render_offer(workbook, offer, medium="phone"), "x.eml")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.eml", "eml"),
        ("dir.v2/a.Eml", "eml"),
    ],
)
def test_export_format_known(name, kind):
    assert export_format(name) == kind


@pytest.mark.parametrize(
    ("name", "words"),
    [("a.pdf", "cannot export to a '.pdf' file"), ("a", "no extension"), (".eml", "no ext")],
)
def test_export_format_unknown_lists_the_known(name, words):
    with pytest.raises(ExportError) as info:
        export_format(name)
    assert words in str(info.value)
    assert str(info.value).endswith("it must end in .txt, .md or .eml")


def test_write_export_writes_bytes_exactly(tmp_path, email_draft, offer):
    data = draft_as_eml(email_draft, offer, None, now=NOW)
    target = tmp_path / "out.eml"
    assert write_export(target, data) == target
    assert target.read_bytes() == data
    assert b"\r\n" in data  # not turned into Unix line ends


def test_write_export_bytes_share_the_checks(tmp_path):
    target = tmp_path / "out.eml"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_export(target, b"new")
    assert target.read_bytes() == b"mine"
    write_export(target, b"new\r\n", overwrite=True)
    assert target.read_bytes() == b"new\r\n"
    with pytest.raises(ExportError, match="does not exist"):
        write_export(tmp_path / "nope" / "x.eml", b"x")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(tmp_path, b"x", overwrite=True)


# --------------------------------------------------------------------------- .ics reader


def read_ics(data: bytes) -> Calendar:
    """The calendar as a calendar app reads it, after checking what a file must be.

    icalendar parses it; the lines are checked first, as parsing hides them: CRLF line
    ends, no line over 75 octets, whole UTF-8 characters on each line, no control
    characters. Then what each component must hold, and nothing the parser had to skip.
    """
    assert isinstance(data, bytes) and data.endswith(b"\r\n")
    for n, line in enumerate(data[:-2].split(b"\r\n"), 1):
        assert line and len(line) <= 75, f"line {n}: {len(line)} octets"
        text = line.decode("utf-8")  # a fold never splits a character
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", text), f"line {n}: {text!r}"
    cal = Calendar.from_ical(data)
    assert all(not c.errors for c in cal.walk()), [c.errors for c in cal.walk()]
    assert cal["VERSION"] == "2.0" and "PRODID" in cal and cal["CALSCALE"] == "GREGORIAN"
    assert [c.name for c in cal.subcomponents] == ["VEVENT"] * len(cal.events) != []
    uids = [str(e["UID"]) for e in cal.events]
    assert len(set(uids)) == len(uids), uids
    for event in cal.events:
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        start, end = event_day(event, "DTSTART"), event_day(event, "DTEND")
        assert start < end and str(event["SUMMARY"])
        assert [c.name for c in event.subcomponents] in ([], ["VALARM"])
        for alarm in event.subcomponents:
            assert alarm["ACTION"] == "DISPLAY" and str(alarm["DESCRIPTION"])
            assert "TRIGGER" in alarm
    return cal


def event_day(event, name: str) -> date:
    """An all-day DTSTART or DTEND: a DATE, not a DATE-TIME."""
    day = event.decoded(name)
    assert type(day) is date, f"{name} is not a DATE: {day!r}"
    return day


def events_of(text: str) -> list:
    return read_ics(text.encode("utf-8")).events


# --------------------------------------------------------------------------- .ics


def _reminder(**kw) -> Reminder:
    values = {
        "offer_id": "acme",
        "company": "Acme Robotics",
        "contact": "María López",
        "months": 3,
        "due": date(2027, 2, 25),
        "done": False,
    }
    values.update(kw)
    return Reminder(**values)


def test_the_reader_catches_what_it_should():
    one = _reminder()
    good = reminders_as_ics([one], NOW)
    read_ics(good.encode())
    bad = {
        "bare LF": good.replace("\r\n", "\n"),
        "no final CRLF": good[:-2],
        "long line": good.replace("TRANSP:", "X-LONG:" + "x" * 70 + "\r\nTRANSP:"),
        "control character": good.replace("SUMMARY:", "SUMMARY:\x1b"),
        "unbalanced": good.replace("END:VEVENT\r\n", ""),
        "DTEND first": good.replace("DTEND;VALUE=DATE:20270226", "DTEND;VALUE=DATE:20270224"),
        "DATE-TIME start": good.replace("DTSTART;VALUE=DATE:20270225", "DTSTART:20270225T090000"),
        "local DTSTAMP": good.replace("T103000Z", "T103000"),
        "UIDs repeat": reminders_as_ics([one, one], NOW),
        "no event": re.sub(r"BEGIN:VEVENT.*END:VEVENT\r\n", "", good, flags=re.DOTALL),
    }
    for what, text in bad.items():
        try:
            read_ics(text.encode("utf-8"))
        except (AssertionError, ValueError):  # ValueError: icalendar's own parser refuses it
            continue
        pytest.fail(f"the reader let this through: {what}")
    # A fold inside a character: every physical line fits, but "í" is cut in two.
    data = good.encode("utf-8")
    assert b"SUMMARY:Check in with Mar\xc3\xada" in data
    with pytest.raises(UnicodeDecodeError):
        read_ics(data.replace(b"Mar\xc3\xada", b"Mar\xc3\r\n \xada", 1))


def test_ics_from_a_workbook_declined_months_ago():
    offer = Offer(
        id="acme",
        company="Acme Robotics",
        contact_name="María López",
        status="declined",
        log=[Interaction(date(2026, 8, 31), kind="declined", note="Sent by email")],
    )
    wb = Workbook(offers=[offer])
    reminders = care.reminders(wb, date(2026, 11, 25))
    events = events_of(reminders_as_ics(reminders, NOW))
    assert [event_day(e, "DTSTART") for e in events] == [
        date(2026, 11, 30),  # 31 Aug + 3 months: clamped to the end of November
        date(2027, 2, 28),
        date(2027, 8, 31),
    ]
    assert [event_day(e, "DTEND") for e in events] == [
        date(2026, 12, 1),
        date(2027, 3, 1),
        date(2027, 9, 1),
    ]
    # One person's plan: their key (no email: "offer-id/Name", percent-encoded) and step.
    assert [e["UID"] for e in events] == [
        "acme/Mar%C3%ADa%20L%C3%B3pez-checkin-1@decline-tui",
        "acme/Mar%C3%ADa%20L%C3%B3pez-checkin-2@decline-tui",
        "acme/Mar%C3%ADa%20L%C3%B3pez-checkin-3@decline-tui",
    ]
    first = events[0]
    assert first["SUMMARY"] == "Check in with María López (Acme Robotics)"
    description = first["DESCRIPTION"]
    assert "3-month check-in after declining the offer from Acme Robotics." in description
    assert "\n" in description
    assert first["TRANSP"] == "TRANSPARENT"
    (alarm,) = first.subcomponents
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)  # 09:00 on the day
    assert alarm["DESCRIPTION"] == first["SUMMARY"]


def test_ics_leaves_done_reminders_out_and_needs_one():
    done = _reminder(done=True)
    later = _reminder(months=6, due=date(2027, 5, 25))
    events = events_of(reminders_as_ics([done, later], NOW))
    assert [e["UID"] for e in events] == ["acme-6m@decline-tui"]
    with pytest.raises(ExportError, match="no check-ins"):
        reminders_as_ics([done], NOW)
    with pytest.raises(ExportError):
        reminders_as_ics([], NOW)


def test_ics_header_and_crlf():
    text = reminders_as_ics([_reminder()], NOW, prodid="-//Me, Inc.//Check-ins//EN")
    assert text.startswith(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Me\\, Inc.//Check-ins//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
    )
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("\n") == text.count("\r\n") == text.count("\r")
    assert read_ics(text.encode())["PRODID"] == "-//Me, Inc.//Check-ins//EN"


def test_ics_dtstamp_is_utc():
    aware = datetime(2026, 11, 25, 10, 30, 5, tzinfo=timezone(timedelta(hours=2)))
    text = reminders_as_ics([_reminder()], aware)
    assert "\r\nDTSTAMP:20261125T083005Z\r\n" in text
    (event,) = events_of(text)
    assert event.decoded("DTSTAMP") == aware
    (event,) = events_of(reminders_as_ics([_reminder()], NOW))
    assert event.decoded("DTSTAMP") == NOW.astimezone(timezone.utc)


@pytest.mark.parametrize(
    ("due", "end"),
    [
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2028, 2, 28), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 3, 1)),
        (date(2027, 1, 9), date(2027, 1, 10)),
    ],
)
def test_ics_all_day_dates(due, end):
    text = reminders_as_ics([_reminder(due=due)], NOW)
    (event,) = events_of(text)
    assert event_day(event, "DTSTART") == due
    assert event_day(event, "DTEND") == end
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}\r\n" in text


def test_ics_escapes_text():
    company = 'Acme; Robotics, Inc. \\ "R&D"'
    contact = "María\nLópez, PhD"
    text = reminders_as_ics([_reminder(company=company, contact=contact)], NOW)
    assert "Acme\\; Robotics\\, Inc. \\\\ " in text
    assert "María\\nLópez\\, PhD" in text
    (event,) = events_of(text)
    assert event["SUMMARY"] == f"Check in with {contact} ({company})"
    assert company in event["DESCRIPTION"]


@pytest.mark.parametrize("name", ["C:\\Nord", "a\\N", "\\\\N", "\\n\\N\\,"])
def test_ics_keeps_a_backslash_n_in_a_name(name):
    # icalendar's own escaper reads a literal backslash-N as a line break.
    (event,) = events_of(reminders_as_ics([_reminder(company=name)], NOW))
    assert event["SUMMARY"] == f"Check in with María López ({name})"


def test_ics_control_characters_become_spaces():
    text = reminders_as_ics([_reminder(company="Acme\x00\x1b[31m\x7fBots\tCo")], NOW)
    (event,) = events_of(text)
    assert event["SUMMARY"] == "Check in with María López (Acme  [31m Bots\tCo)"


@pytest.mark.parametrize(
    ("name", "read"),
    [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\ud800b", "a\ufffdb"), ("a\udfffb", "a\ufffdb")],
)
def test_ics_line_breaks_and_lone_surrogates(name, read):
    text = reminders_as_ics([_reminder(contact="", company=name)], NOW)
    (event,) = events_of(text)
    assert event["SUMMARY"] == f"Check in with {read}"


def test_ics_odd_offer_ids_make_valid_unique_uids():
    reminders = [
        _reminder(offer_id="a/b", months=3),
        _reminder(offer_id="a/b", months=6),
        _reminder(offer_id="a,b;c", months=3),
        _reminder(offer_id="a-b", months=3),
    ]
    assert [e["UID"] for e in events_of(reminders_as_ics(reminders, NOW))] == [
        "a/b-3m@decline-tui",
        "a/b-6m@decline-tui",
        "a,b;c-3m@decline-tui",
        "a-b-3m@decline-tui",
    ]


def test_ics_uids_are_stable_between_exports():
    (first,) = events_of(reminders_as_ics([_reminder()], NOW))
    (later,) = events_of(reminders_as_ics([_reminder()], NOW + timedelta(days=30)))
    assert first["UID"] == later["UID"]


@pytest.mark.parametrize(
    ("contact", "company", "summary"),
    [
        ("María López", "", "Check in with María López"),
        ("", "Acme", "Check in with Acme"),
        (" ", " ", "Check in about the offer acme"),
    ],
)
def test_ics_summary_with_what_is_known(contact, company, summary):
    reminder = _reminder(contact=contact, company=company)
    assert checkin_summary(reminder) == summary
    (event,) = events_of(reminders_as_ics([reminder], NOW))
    assert event["SUMMARY"] == summary


def test_ics_without_alarms():
    text = reminders_as_ics([_reminder()], NOW, alarm=False)
    assert "VALARM" not in text
    (event,) = events_of(text)
    assert event.subcomponents == []


def test_ics_long_multibyte_lines_fold_on_character_boundaries():
    contact = "渡辺さくら" * 10 + "😀" * 10
    text = reminders_as_ics([_reminder(contact=contact, company="Ünïcødé GmbH")], NOW)
    (event,) = events_of(text)  # each line within 75 octets, of whole characters
    assert event["SUMMARY"] == f"Check in with {contact} (Ünïcødé GmbH)"
    assert max(len(line.encode()) for line in text.split("\r\n")) > 70  # it did fold


@pytest.mark.parametrize("length", range(40, 200, 7))
def test_ics_lines_of_any_length_fold_and_read_back(length):
    company = "X" * length
    text = reminders_as_ics([_reminder(contact="", company=company)], NOW)
    (event,) = events_of(text)  # every line within 75 octets
    assert event["SUMMARY"] == f"Check in with {company}"
    folded = text.split("\r\nSUMMARY:", 1)[1].split("\r\nDESCRIPTION:", 1)[0].split("\r\n")
    assert len(folded) == 1 + (len("SUMMARY:Check in with ") + length) // 74
    assert all(line.startswith(" ") for line in folded[1:])


@pytest.mark.parametrize("escape", [",", ";", "\n"])
def test_ics_folds_keep_an_escape_together(escape):
    for pad in range(60, 140):
        company = "a" * pad + escape + "b"
        text = reminders_as_ics([_reminder(contact="", company=company)], NOW)
        assert not any(line.endswith("\\") for line in text.split("\r\n")), pad
        (event,) = events_of(text)
        assert event["SUMMARY"] == f"Check in with {company}"


@settings(max_examples=200, deadline=None)
@given(
    contact=st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
    company=st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
)
def test_ics_round_trips_any_names(contact, company):
    reminder = _reminder(contact=contact, company=company)
    (event,) = events_of(reminders_as_ics([reminder], NOW))
    assert event["SUMMARY"] == _expected_text(checkin_summary(reminder))
    assert event.subcomponents[0]["DESCRIPTION"] == event["SUMMARY"]
    assert event["DESCRIPTION"] == _expected_text(checkin_description(reminder))


def _expected_text(value: str) -> str:
    """What a TEXT value reads back as: line ends as \\n, other control characters as spaces."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        " " if c not in "\n\t" and (ord(c) < 0x20 or ord(c) == 0x7F) else c for c in value
    )


def test_the_app_and_cli_load_icalendar_only_to_write_a_calendar():
    code = (
        "import sys, decline_tui.cli, decline_tui.ui.app, decline_tui.ui.screens.scenarios;"
        "assert 'icalendar' not in sys.modules, 'icalendar loaded at start-up'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
