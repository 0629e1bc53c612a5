""".eml drafts and .ics check-in calendars, read back the way a mail or calendar app would.

An .eml is parsed with the standard library's own parser. There is no iCalendar library
among the dependencies, so `parse_ics` below is a strict checker of the RFC 5545 rules the
export must follow: CRLF line ends, 75-octet lines, folding, TEXT escaping, balanced
components and the properties each component requires.
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.parser import BytesParser
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decline_tui.core import care
from decline_tui.core.care import Reminder
from decline_tui.core.compose import Draft, render_offer
from decline_tui.core.export import (
    ExportError,
    checkin_summary,
    draft_as_eml,
    export_content,
    export_format,
    fold_ics_line,
    ics_text,
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


# --------------------------------------------------------------------------- .ics checker


class IcsError(AssertionError):
    pass


@dataclass
class Component:
    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[tuple[dict[str, str], str]]:
        return [(params, value) for n, params, value in self.props if n == name]

    def one(self, name: str) -> tuple[dict[str, str], str]:
        found = self.all(name)
        if len(found) != 1:
            raise IcsError(f"{self.name}: {name} appears {len(found)} times, not once")
        return found[0]

    def value(self, name: str) -> str:
        return self.one(name)[1]

    def text(self, name: str) -> str:
        return unescape_text(self.value(name))


_NAME = r"[A-Za-z0-9-]+"
_PARAM = rf";({_NAME})=(\"[^\"\x00-\x08\x0a-\x1f\x7f]*\"|[^\";:,\x00-\x08\x0a-\x1f\x7f]*)"
_LINE = re.compile(rf"({_NAME})((?:{_PARAM})*):(.*)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "PRODID", "UID"}


def unescape_text(value: str) -> str:
    """A TEXT value read back; any unescaped ; or , (a list) or stray backslash is an error."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1 : i + 2]
            if nxt in ("\\", ";", ","):
                out.append(nxt)
            elif nxt in ("n", "N"):
                out.append("\n")
            else:
                raise IcsError(f"bad escape \\{nxt} in {value!r}")
            i += 2
            continue
        if c in ";,":
            raise IcsError(f"unescaped {c!r} in {value!r}")
        out.append(c)
        i += 1
    return "".join(out)


def unfold(data: bytes) -> list[str]:
    """The content lines of a calendar, checking the physical rules on the way."""
    if not data.endswith(b"\r\n"):
        raise IcsError("the file does not end in CRLF")
    physical = data[:-2].split(b"\r\n")
    logical: list[bytes] = []
    for n, line in enumerate(physical, 1):
        if b"\r" in line or b"\n" in line:
            raise IcsError(f"line {n}: a line end that is not CRLF")
        if len(line) > 75:
            raise IcsError(f"line {n}: {len(line)} octets, more than 75")
        if not line:
            raise IcsError(f"line {n}: empty")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IcsError(f"line {n}: not UTF-8, or a fold splits a character") from exc
        if line[:1] in (b" ", b"\t"):
            if not logical:
                raise IcsError("the file starts with a continuation line")
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


def parse_ics(data: bytes) -> Component:
    """A strict reading of the calendar: raises IcsError on anything RFC 5545 forbids."""
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        m = _LINE.fullmatch(line)
        if m is None:
            raise IcsError(f"not a content line: {line!r}")
        name, value = m.group(1).upper(), m.group(5)
        params = {k.upper(): v for k, v in re.findall(_PARAM, m.group(2))}
        if _CONTROL.search(value):
            raise IcsError(f"control character in {line!r}")
        if name == "BEGIN":
            comp = Component(value.upper())
            if stack:
                stack[-1].children.append(comp)
            elif root is not None:
                raise IcsError("more than one VCALENDAR")
            else:
                root = comp
            stack.append(comp)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                raise IcsError(f"END:{value} does not close {stack[-1].name if stack else None}")
            stack.pop()
        else:
            if not stack:
                raise IcsError(f"a property outside any component: {line!r}")
            if name in _TEXT_PROPS:
                unescape_text(value)
            stack[-1].props.append((name, params, value))
    if stack:
        raise IcsError(f"{stack[-1].name} is never closed")
    if root is None or root.name != "VCALENDAR":
        raise IcsError("no VCALENDAR")
    check_calendar(root)
    return root


def ics_date(params: dict[str, str], value: str) -> date:
    if params.get("VALUE") != "DATE" or not re.fullmatch(r"\d{8}", value):
        raise IcsError(f"not a DATE: {params} {value!r}")
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


def check_calendar(cal: Component) -> None:
    if cal.value("VERSION") != "2.0":
        raise IcsError("VERSION must be 2.0")
    cal.one("PRODID")
    if cal.value("CALSCALE") != "GREGORIAN":
        raise IcsError("CALSCALE must be GREGORIAN")
    if not cal.children:
        raise IcsError("a VCALENDAR must hold a component")
    uids = []
    for event in cal.children:
        if event.name != "VEVENT":
            raise IcsError(f"unexpected {event.name}")
        uids.append(event.text("UID"))
        if not re.fullmatch(r"\d{8}T\d{6}Z", event.value("DTSTAMP")):
            raise IcsError("DTSTAMP must be a UTC date-time")
        start = ics_date(*event.one("DTSTART"))
        end = ics_date(*event.one("DTEND"))
        if end <= start:
            raise IcsError("DTEND must come after DTSTART")
        event.text("SUMMARY")
        for alarm in event.children:
            if alarm.name != "VALARM":
                raise IcsError(f"unexpected {alarm.name} in a VEVENT")
            if alarm.value("ACTION") != "DISPLAY":
                raise IcsError("only DISPLAY alarms are expected")
            alarm.text("DESCRIPTION")
            alarm.one("TRIGGER")
    if len(set(uids)) != len(uids):
        raise IcsError(f"UIDs repeat: {uids}")


def test_the_checker_catches_what_it_should():
    one = _reminder()
    good = reminders_as_ics([one], NOW)
    parse_ics(good.encode())
    empty = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
    bad = {
        "bare LF": good.replace("\r\n", "\n"),
        "no final CRLF": good[:-2],
        "long line": good.replace("TRANSP:", "X-LONG:" + "x" * 70 + "\r\nTRANSP:"),
        "unescaped comma": good.replace("SUMMARY:", "SUMMARY:a,b "),
        "bad escape": good.replace("SUMMARY:", "SUMMARY:a\\tb "),
        "unbalanced": good.replace("END:VEVENT\r\n", ""),
        "no UID": re.sub(r"UID:[^\r]*\r\n", "", good),
        "DTEND first": good.replace("DTEND;VALUE=DATE:20270226", "DTEND;VALUE=DATE:20270224"),
        "DATE-TIME start": good.replace("DTSTART;VALUE=DATE:20270225", "DTSTART:20270225T090000"),
        "UIDs repeat": reminders_as_ics([one, one], NOW),
        "no event": empty,
    }
    for what, text in bad.items():
        try:
            parse_ics(text.encode("utf-8"))
        except IcsError:
            continue
        pytest.fail(f"the checker let this through: {what}")
    # A fold inside a character: every physical line fits, but "í" is cut in two.
    data = good.encode("utf-8")
    assert b"SUMMARY:Check in with Mar\xc3\xada" in data
    data = data.replace(b"Mar\xc3\xada", b"Mar\xc3\r\n \xada", 1)
    with pytest.raises(IcsError, match="splits a character"):
        parse_ics(data)


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
    text = reminders_as_ics(reminders, NOW)
    cal = parse_ics(text.encode("utf-8"))
    events = cal.children
    assert [ics_date(*e.one("DTSTART")) for e in events] == [
        date(2026, 11, 30),  # 31 Aug + 3 months: clamped to the end of November
        date(2027, 2, 28),
        date(2027, 8, 31),
    ]
    assert [ics_date(*e.one("DTEND")) for e in events] == [
        date(2026, 12, 1),
        date(2027, 3, 1),
        date(2027, 9, 1),
    ]
    assert [e.text("UID") for e in events] == [
        "acme-3m@decline-tui",
        "acme-6m@decline-tui",
        "acme-12m@decline-tui",
    ]
    first = events[0]
    assert first.text("SUMMARY") == "Check in with María López (Acme Robotics)"
    description = first.text("DESCRIPTION")
    assert "3-month check-in after declining the offer from Acme Robotics." in description
    assert "\n" in description
    assert first.value("TRANSP") == "TRANSPARENT"
    (alarm,) = first.children
    assert alarm.value("TRIGGER") == "PT9H"
    assert alarm.text("DESCRIPTION") == first.text("SUMMARY")


def test_ics_leaves_done_reminders_out_and_needs_one():
    done = _reminder(done=True)
    later = _reminder(months=6, due=date(2027, 5, 25))
    cal = parse_ics(reminders_as_ics([done, later], NOW).encode())
    assert [e.text("UID") for e in cal.children] == ["acme-6m@decline-tui"]
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
    assert parse_ics(text.encode()).text("PRODID") == "-//Me, Inc.//Check-ins//EN"


def test_ics_dtstamp_is_utc():
    aware = datetime(2026, 11, 25, 10, 30, 5, tzinfo=timezone(timedelta(hours=2)))
    cal = parse_ics(reminders_as_ics([_reminder()], aware).encode())
    assert cal.children[0].value("DTSTAMP") == "20261125T083005Z"
    cal = parse_ics(reminders_as_ics([_reminder()], NOW).encode())
    expected = NOW.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    assert cal.children[0].value("DTSTAMP") == expected


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
    event = parse_ics(text.encode()).children[0]
    assert ics_date(*event.one("DTSTART")) == due
    assert ics_date(*event.one("DTEND")) == end
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}\r\n" in text


def test_ics_escapes_text():
    company = 'Acme; Robotics, Inc. \\ "R&D"'
    contact = "María\nLópez, PhD"
    text = reminders_as_ics([_reminder(company=company, contact=contact)], NOW)
    assert "Acme\\; Robotics\\, Inc. \\\\ " in text
    assert "María\\nLópez\\, PhD" in text
    event = parse_ics(text.encode()).children[0]
    assert event.text("SUMMARY") == f"Check in with {contact} ({company})"
    assert company in event.text("DESCRIPTION")


def test_ics_control_characters_become_spaces():
    text = reminders_as_ics([_reminder(company="Acme\x00\x1b[31m\x7fBots\tCo")], NOW)
    event = parse_ics(text.encode()).children[0]
    assert event.text("SUMMARY") == "Check in with María López (Acme  [31m Bots\tCo)"


def test_ics_odd_offer_ids_make_valid_unique_uids():
    reminders = [
        _reminder(offer_id="a/b", months=3),
        _reminder(offer_id="a/b", months=6),
        _reminder(offer_id="a,b;c", months=3),
        _reminder(offer_id="a-b", months=3),
    ]
    cal = parse_ics(reminders_as_ics(reminders, NOW).encode())
    assert [e.text("UID") for e in cal.children] == [
        "a/b-3m@decline-tui",
        "a/b-6m@decline-tui",
        "a,b;c-3m@decline-tui",
        "a-b-3m@decline-tui",
    ]


def test_ics_uids_are_stable_between_exports():
    first = parse_ics(reminders_as_ics([_reminder()], NOW).encode())
    later = parse_ics(reminders_as_ics([_reminder()], NOW + timedelta(days=30)).encode())
    assert first.children[0].text("UID") == later.children[0].text("UID")


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
    event = parse_ics(reminders_as_ics([reminder], NOW).encode()).children[0]
    assert event.text("SUMMARY") == summary


def test_ics_without_alarms():
    text = reminders_as_ics([_reminder()], NOW, alarm=False)
    assert "VALARM" not in text
    assert parse_ics(text.encode()).children[0].children == []


def test_ics_long_multibyte_lines_fold_on_character_boundaries():
    contact = "渡辺さくら" * 10 + "😀" * 10
    text = reminders_as_ics([_reminder(contact=contact, company="Ünïcødé GmbH")], NOW)
    data = text.encode("utf-8")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole characters
    event = parse_ics(data).children[0]
    assert event.text("SUMMARY") == f"Check in with {contact} (Ünïcødé GmbH)"


@pytest.mark.parametrize("length", [74, 75, 76, 150, 151])
def test_fold_exact_lengths(length):
    line = "X" * length
    folded = fold_ics_line(line)
    assert all(len(p.encode()) <= 75 for p in folded)
    assert len(folded) == (1 if length <= 75 else 1 + -(-(length - 75) // 74))
    assert folded[0] + "".join(p[1:] for p in folded[1:]) == line
    assert all(p.startswith(" ") for p in folded[1:])


def test_fold_keeps_an_escape_together():
    line = "S:" + "a" * 72 + "\\,b"
    folded = fold_ics_line(line)
    assert folded == ["S:" + "a" * 72, " \\,b"]


@settings(max_examples=200, deadline=None)
@given(
    contact=st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
    company=st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
)
def test_ics_round_trips_any_names(contact, company):
    reminder = _reminder(contact=contact, company=company)
    data = reminders_as_ics([reminder], NOW).encode("utf-8")
    event = parse_ics(data).children[0]
    assert event.text("SUMMARY") == _expected_text(checkin_summary(reminder))


def _expected_text(value: str) -> str:
    """What a TEXT value reads back as: line ends as \\n, other control characters as spaces."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        " " if c not in "\n\t" and (ord(c) < 0x20 or ord(c) == 0x7F) else c for c in value
    )


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_ics_text_folds_and_unfolds_to_the_same_value(value):
    line = "DESCRIPTION:" + ics_text(value)
    folded = fold_ics_line(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in folded)
    unfolded = folded[0] + "".join(p[1:] for p in folded[1:])
    assert unfolded == line
    assert unescape_text(unfolded.split(":", 1)[1]) == _expected_text(value)


def test_ics_text_replaces_a_lone_surrogate():
    assert ics_text("a\ud800b") == "a\ufffdb"
