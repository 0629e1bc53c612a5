"""Hostile input everywhere: arbitrary Unicode, Rich markup, ANSI escapes, NUL and other
control characters, and 100,000-character fields.

The core must never raise on them and never lose a character of them (render, checklist,
exports, the workbook file); the app's panes must show them literally: markup in a
person's text is never interpreted and control characters never reach the terminal raw.

How the terminal side is checked: `App.export_screenshot()` renders the whole screen
(every pane, dialog and toast) through Textual's compositor, the same segments a real
terminal is sent, and writes each segment's text into the SVG. Any control character in
that SVG is one the terminal would have received raw, and the SVG's text, put back
together line by line, is what the person sees. Widget by widget, a Static's `visual`
(Textual's Content) must hold the person's text as plain text, not parsed markup.
"""

from __future__ import annotations

import dataclasses
import html
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decline_tui.core import care, export, parsing, scenarios
from decline_tui.core.checklist import (
    RULES,
    STATUSES,
    CheckContext,
    check,
    context_for,
    format_report,
)
from decline_tui.core.compose import _title_case, field_values, render, render_offer, short_role
from decline_tui.core.kinds import THANKS_ONLY
from decline_tui.core.model import (
    MEDIUMS,
    Contact,
    Interaction,
    Offer,
    Profile,
    Template,
    Terms,
    Workbook,
)
from decline_tui.core.session import (
    BOOL_FIELDS,
    CHOICE_FIELDS,
    DATE_FIELDS,
    INT_FIELDS,
    TEXT_FIELDS,
    FieldError,
    Session,
)
from decline_tui.core.store import Store, WorkbookError
from decline_tui.core.templates import all_templates, template_from_text, template_to_text

from .conftest import NOW, make_app, ready, show_scenarios, wait_until

# --------------------------------------------------------------------------- strategies

MARKUP = [
    "[bold]",
    "[/]",
    "[/bold]",
    "[red on blue]x[/]",
    "[link=http://x]",
    "[@click=app.quit]",
    "[@click=screen.delete_offer]",
    "\\[",
    "[",
    "]",
    "[b",
    "[/nope]",
    "[bold]Acme[/bold]",
    "$variable",
    "{}",
]
ANSI = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b[2J",
    "\x1b]8;;http://x\x1b\\",
    "\x1b[?1049h",
    "\x9b31m",  # the 8-bit CSI
    "\x1bc",
]
CONTROL = ["\x00", "\x07", "\x08", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x7f", "\x85"]
UNICODE = ["\u202e", "\u200b", "\ufeff", "\u2028", "e\u0301", "👩‍👩‍👧", "ß", "ﬁ", "𝔘", "中文", "²"]
SNIPPETS = MARKUP + ANSI + CONTROL + UNICODE
# Any character a file can hold: everything but lone surrogates (tested on their own below).
CHARS = st.characters(exclude_categories=("Cs",))
HOSTILE = st.one_of(
    st.text(CHARS, max_size=20),
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(CHARS, max_size=8)), max_size=6).map(
        "".join
    ),
)
LONG = 100_000


def long_text(seed: str = "") -> str:
    """A 100,000-character field made of every kind of hostile snippet."""
    unit = seed + "".join(SNIPPETS) + " word "
    return (unit * (LONG // len(unit) + 1))[:LONG]


NASTY_VALUES = [
    "[bold]Acme[/bold]",
    "[@click=app.quit]Click me[/]",
    "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 \x1b[2J",
    "nul\x00bell\x07back\x08tab\tcr\rlf\nvt\x0bff\x0cdel\x7fcsi\x9b",
    "[link=http://evil]x[/link] \\[not markup] [unbalanced",
    "\u202eevil\u202c 中文 👩‍👩‍👧 e\u0301",
]

SESSION_FIELDS = [*TEXT_FIELDS, *DATE_FIELDS, *INT_FIELDS, *BOOL_FIELDS, *CHOICE_FIELDS]
STRING_FIELDS = [
    f.name
    for f in dataclasses.fields(Offer)
    # reply names a scenario template, register one of model.REGISTERS
    if f.type == "str" and f.name not in ("id", "reply", "register")
]


@st.composite
def terms(draw) -> Terms | None:
    if draw(st.booleans()):
        return None
    found = Terms(
        salary=draw(st.one_of(st.none(), st.integers(0, 10**9))),
        remote=draw(HOSTILE),
        title=draw(HOSTILE),
        start=draw(st.one_of(st.none(), st.dates())),
        notes=draw(HOSTILE),
    )
    return None if found.is_empty() else found  # the file keeps no empty table


@st.composite
def hostile_offer(draw, offer_id: str = "x") -> Offer:
    """An offer with hostile text in every string field, its contacts, log and drafts."""
    values = {name: draw(HOSTILE) for name in STRING_FIELDS}
    return Offer(
        id=offer_id,
        **values,
        received=draw(st.one_of(st.none(), st.dates())),
        deadline=draw(st.one_of(st.none(), st.dates())),
        future_open=draw(st.booleans()),
        offer_referrals=draw(st.booleans()),
        firm=draw(st.booleans()),
        interviews=draw(st.integers(0, 10)),
        drafts=draw(st.dictionaries(st.one_of(st.sampled_from(MEDIUMS), HOSTILE), HOSTILE)),
        reconsider=draw(terms()),
        counter=draw(terms()),
        counter_received=draw(st.one_of(st.none(), st.dates())),
        contacts=[
            Contact(draw(HOSTILE), draw(HOSTILE), draw(HOSTILE), draw(HOSTILE))
            for _ in range(draw(st.integers(0, 2)))
        ],
        log=[
            Interaction(draw(st.dates()), draw(HOSTILE), draw(HOSTILE), draw(HOSTILE))
            for _ in range(draw(st.integers(0, 2)))
        ],
        send_at=draw(st.one_of(st.none(), st.datetimes())),
        declined_on=draw(st.one_of(st.none(), st.dates())),
    )


def nasty_offer(value: str, offer_id: str = "x") -> Offer:
    """Every text field of an offer, its terms, contacts, log and drafts set to `value`."""
    return Offer(
        id=offer_id,
        **{name: value for name in STRING_FIELDS},
        received=date(2026, 11, 23),
        deadline=date(2026, 11, 30),
        offer_referrals=True,
        interviews=4,
        drafts={"email": value, value: value},
        reconsider=Terms(salary=100, remote=value, title=value, notes=value),
        counter=Terms(salary=90, remote=value, title=value, notes=value),
        counter_received=date(2026, 11, 26),
        contacts=[Contact(value, value, value, value)],
        log=[
            Interaction(date(2026, 11, 24), "declined", "email", value),
            Interaction(date(2026, 11, 25), "follow-up", value, value),
            Interaction(date(2026, 11, 26), value, value, value),
        ],
        send_at=datetime(2026, 11, 30, 9, 0),
        declined_on=date(2026, 11, 24),
    )


CORE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- render


def equal(a: object, b: object) -> bool:
    """a == b, asserted as `assert equal(a, b)`: pytest's own diff of two 100,000-character
    strings takes minutes, its report of a call shows them cut short."""
    return a == b


def _check_fills(draft, values: dict[str, str]) -> None:
    """Each filled placeholder holds its field's value, character for character."""
    text = draft.text
    for span in draft.fills:
        want = values[span.name] if span.kind == "field" else f"[{span.name}]"
        shown = text[span.start : span.end]
        if span.kind == "field" and span.name == "role" and not equal(shown, want):
            # A subject line, a phone script and a LinkedIn note take the title cut short,
            # or the short role the person gave (and a subject capitalised): still exactly
            # the person's characters, in order.
            short = values["short_role"] or short_role(want)
            assert equal(shown, short) or equal(shown, _title_case(short)), span
            continue
        assert equal(shown, want), span
    if draft.followup is not None:
        _check_fills(draft.followup, values)


def _no_char_lost(raw: str, shown: str) -> None:
    """Every character of the field but white space (runs are collapsed, ends trimmed)
    appears in the shown value, in order."""
    kept = iter(shown.casefold())
    for ch in "".join(raw.split()).casefold():
        assert ch in kept, (raw, shown)


@CORE
@given(offer=hostile_offer(), name=HOSTILE, email=HOSTILE)
@example(offer=nasty_offer(NASTY_VALUES[0]), name="[bold]Sam[/]", email="\x1b[2J")
@example(offer=Offer(id="x", role="x"), name="", email="")  # "Checking in after the X …"
def test_property_every_template_renders_hostile_fields_verbatim(offer, name, email):
    wb = Workbook(profile=Profile(name, email), offers=[offer])
    values = field_values(offer, wb.profile)
    for key in ("company", "role", "contact_name", "contact_email", "referrer", "referrer_email"):
        assert values[key] == getattr(offer, key).strip()
    assert values["your_name"] == name.strip()
    for key in ("admired", "project"):
        _no_char_lost(" ".join(getattr(offer, key).split()).rstrip(" .!;,"), values[key])
    # A reason's trailing separators and stops give way to one plain stop ("goals;" and
    # "stay!!" end in "."); every other character stays.
    _no_char_lost(re.sub(r"[\s;,:—–!.…-]+$", "", offer.reason), values["reason"])
    for tpl in all_templates(wb).values():
        draft = render(tpl, offer, wb.profile, wb)
        _check_fills(draft, values)
        # a value is put in as it is: markup or a placeholder inside it stays text
        for key in ("company", "role", "contact_name"):
            if values[key] and any(s.name == key for s in draft.fills):
                wants = [values[key]]
                if key == "role":  # a subject line may cut it, and says it in title case
                    cut = values["short_role"] or short_role(values[key])
                    wants += [cut, _title_case(cut)]
                assert any(want in draft.text for want in wants)


@pytest.mark.parametrize("medium", MEDIUMS)
def test_render_and_check_hundred_thousand_character_fields(medium):
    value = long_text()
    offer = nasty_offer(value)
    offer.drafts = {}
    wb = Workbook(profile=Profile(value, value), offers=[offer, nasty_offer(value, "y")])
    draft = render_offer(wb, offer, medium=medium)
    _check_fills(draft, field_values(offer, wb.profile))
    text = draft.text
    if any(span.name == "company" for span in draft.fills):
        assert value.strip() in text
    findings = check(text, context_for(wb, offer, medium, NOW, draft.template))
    assert [f.status in STATUSES for f in findings] == [True] * len(findings)
    for f in findings:
        assert all(0 <= a <= b <= len(text) for a, b in f.spans)


# --------------------------------------------------------------------------- checklist


@CORE
@given(
    text=HOSTILE, offer=hostile_offer(), other=hostile_offer("y"), medium=st.sampled_from(MEDIUMS)
)
@example(
    text="\x1b[31m[bold]" * 500,
    offer=nasty_offer("[b"),
    other=nasty_offer("]", "y"),
    medium="email",
)
def test_property_checklist_never_raises_and_spans_stay_in_the_text(text, offer, other, medium):
    wb = Workbook(offers=[offer, other])
    for tpl in ("", "counter-decline", "referrer-note"):
        findings = check(text, context_for(wb, offer, medium, NOW, tpl))
        for f in findings:
            assert f.status in STATUSES
            assert all(0 <= a <= b <= len(text) for a, b in f.spans)
        format_report(findings, text)
    draft_text = render_offer(wb, offer, medium=medium).text
    check(draft_text, context_for(wb, offer, medium, NOW))


@pytest.mark.parametrize("medium", MEDIUMS)
def test_checklist_of_a_hundred_thousand_character_text(medium):
    text = "Subject: " + long_text("Thank you, maybe. ")
    findings = check(
        text,
        context_for(
            Workbook(offers=[nasty_offer(text)]), nasty_offer(text), medium, NOW, "counter-decline"
        ),
    )
    assert len(findings) == len(RULES) - len(THANKS_ONLY)  # a decline lists every rule but those
    format_report(findings, text)


# A long run with no space, closing bracket or line break is where a regular expression
# that rescans from every character goes quadratic: 100,000 "<" took the spelling rule
# half a minute, 100,000 spaces the Markdown export forty seconds. Linear, each takes well
# under a second; the bound leaves room for a slow machine, not for a quadratic.
@pytest.mark.parametrize("unit", ["<", "[", "{", "a-", " ", "'"])
def test_long_runs_are_checked_and_exported_in_linear_time(unit):
    import time

    text = unit * (LONG // len(unit))
    offer = Offer(id="a", company="Acme")
    draft = render_offer(Workbook(offers=[offer]), offer)
    started = time.perf_counter()
    format_report(check(text, CheckContext(firm=True, now=NOW)), text)
    export.draft_as_markdown(draft, text, "title")
    assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- the workbook file


def _round_trip(wb: Workbook) -> Workbook:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook.toml"
        store = Store(path)
        store.load()
        store.save(wb)
        return Store(path).load()


@st.composite
def hostile_workbook(draw) -> Workbook:
    ids = draw(st.lists(HOSTILE.map(str.strip).filter(bool), min_size=1, max_size=3, unique=True))
    offers = [draw(hostile_offer(offer_id)) for offer_id in ids]
    templates = {}
    for name in draw(st.lists(HOSTILE, max_size=2, unique=True)):
        paragraphs = [[(draw(HOSTILE), draw(HOSTILE))] for _ in range(draw(st.integers(0, 2)))]
        templates[name] = Template(name, draw(HOSTILE), draw(HOSTILE), draw(HOSTILE), paragraphs)
    return Workbook(
        profile=Profile(draw(HOSTILE), draw(HOSTILE)),
        offers=offers,
        templates=templates,
        theme=draw(HOSTILE),
    )


@settings(CORE, max_examples=100)
@given(wb=hostile_workbook())
def test_property_save_then_load_keeps_every_hostile_character(wb):
    assert equal(_round_trip(wb), wb)


def _every_field(value: str) -> Workbook:
    return Workbook(
        profile=Profile(value, value),
        offers=[nasty_offer(value, "a"), nasty_offer(value, value.strip()[:50] or "b")],
        templates={value: Template(value, "email", value, value, [[("greeting", value)]])},
        theme=value,
    )


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_nasty_values_survive_save_and_load_in_every_field(value):
    assert equal(_round_trip(_every_field(value)), _every_field(value))


def test_a_hundred_thousand_character_field_survives_save_and_load():
    value = long_text()
    wb = Workbook(offers=[Offer(id="a", notes=value)])
    assert equal(_round_trip(wb), wb)


# Every field at 100,000 characters at once. tomlkit's own escaping is quadratic (minutes for
# this): the store escapes values itself and keys linearly (tests/test_store_pieces.py).
def test_hundred_thousand_character_values_survive_save_and_load_in_every_field():
    assert equal(_round_trip(_every_field(long_text())), _every_field(long_text()))


def _text_slots(wb: Workbook):
    """(where, getter, setter) for every string a person can put into the workbook."""
    offer = wb.offers[0]
    for name in STRING_FIELDS:
        yield f"offers.{name}", offer, name
    for name in ("name", "email"):
        yield f"profile.{name}", wb.profile, name
    for name in ("remote", "title", "notes"):
        yield f"offers.reconsider.{name}", offer.reconsider, name
        yield f"offers.counter.{name}", offer.counter, name
    for name in ("name", "role", "email", "linkedin"):
        yield f"offers.contacts.{name}", offer.contacts[0], name
    for name in ("kind", "channel", "note"):
        yield f"offers.log.{name}", offer.log[0], name
    yield "theme", wb, "theme"


SLOTS = [where for where, _, _ in _text_slots(Workbook(offers=[nasty_offer("v")]))]


@pytest.mark.parametrize("where", [*SLOTS, "offers.drafts", "offers.drafts key", "offers.id"])
def test_a_lone_surrogate_is_refused_clearly_and_nothing_is_written(tmp_path, where):
    path = tmp_path / "workbook.toml"
    store = Store(path)
    store.load()
    wb = Workbook(profile=Profile("Sam"), offers=[nasty_offer("fine")])
    store.save(wb)
    before = path.read_bytes()
    bad = "a\ud800b"
    if where == "offers.drafts":
        wb.offers[0].drafts["email"] = bad
    elif where == "offers.drafts key":
        wb.offers[0].drafts[bad] = "x"
    elif where == "offers.id":
        wb.offers[0].id = bad
    else:
        for slot, owner, name in _text_slots(wb):
            if slot == where:
                setattr(owner, name, bad)
    with pytest.raises(WorkbookError) as caught:
        store.save(wb)
    assert "could not be saved" in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workbook.toml"]


# --------------------------------------------------------------------------- exports

# A calendar line holds no control character but the CRLF line ends (RFC 5545 3.3.11).
_BAD_FOR_ICS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@CORE
@given(offer=hostile_offer(), name=HOSTILE, email=HOSTILE, edited=st.one_of(st.none(), HOSTILE))
@example(offer=nasty_offer(NASTY_VALUES[3]), name="\x00", email="\x1b@x", edited="\x1b[2J")
def test_property_exports_never_crash(offer, name, email, edited):
    profile = Profile(name, email)
    wb = Workbook(profile=profile, offers=[offer])
    for medium in MEDIUMS:
        draft = render_offer(wb, offer, medium=medium)
        text = export.draft_as_text(draft, edited)
        assert (draft.text if edited is None else edited).rstrip("\n") in text
        export.draft_as_markdown(draft, edited, title=offer.label)
        try:
            export.draft_as_eml(draft, offer, profile, edited, now=NOW)
        except export.ExportError as exc:
            assert str(exc)  # a clear reason: a phone script, or an address that is not one
        export.default_export_name(offer, medium)
    offer.status, offer.future_open = "declined", True
    offer.declined_on = offer.declined_on or NOW.date()
    offer.log = []  # no check-in done yet: every reminder goes in the calendar
    ics = export.reminders_as_ics(care.reminders(wb, NOW.date()), NOW)
    assert not _BAD_FOR_ICS.search(ics.replace("\r\n", ""))


def test_a_hundred_thousand_character_draft_exports(tmp_path):
    value = long_text()
    offer = nasty_offer(value)
    offer.contact_name = "María"  # (a 100,000-character name takes Python's email 3 s to fold)
    wb = Workbook(profile=Profile("Sam", "sam@example.com"), offers=[offer])
    draft = render_offer(wb, offer, medium="email")
    for suffix in (".txt", ".md"):
        content = export.export_content(draft, tmp_path / f"d{suffix}", value, offer.label)
        assert isinstance(content, str)
        written = export.write_export(tmp_path / f"d{suffix}", content)
        if suffix == ".txt":
            assert content.startswith(value.rstrip("\n")) is True
            assert equal(written.read_bytes(), content.replace("\r\n", "\n").encode())
    with pytest.raises(export.ExportError):  # the contact's "address" is no address
        export.draft_as_eml(draft, offer, wb.profile, value, now=NOW)
    offer.contact_email = "them@example.com"
    assert export.draft_as_eml(draft, offer, wb.profile, value, now=NOW)


# --------------------------------------------------------------------------- the session


@CORE
@given(wb=hostile_workbook(), data=st.data())
def test_property_the_session_never_raises_on_a_hostile_workbook(wb, data):
    """What the screens ask of a workbook read from a hostile file, and any typed value."""
    for offer in wb.offers:  # some offers use one of the hostile templates
        if wb.templates and data.draw(st.booleans()):
            offer.template = data.draw(st.sampled_from(sorted(wb.templates)))
    session = Session(None, wb)  # type: ignore[arg-type]
    for offer in list(wb.offers):
        for medium in MEDIUMS:
            session.view(offer, NOW, medium, spelling=False)
            session.templates_for(medium)
        session.view(offer, NOW, spelling=False)
        session.next_template(offer)
        session.duplicate_offer(offer)
        name = data.draw(st.sampled_from([*SESSION_FIELDS, "template", "nope"]))
        try:
            session.set_field(offer, name, data.draw(HOSTILE), NOW.date())
        except FieldError as exc:
            assert str(exc)
        plan = care.plan_sent(wb, offer, offer.template, session.medium_of(offer), NOW.date())
        plan.entry.note = data.draw(HOSTILE)  # the person's own words in the log line
        session.log_sent(offer, plan)
    care.upcoming(wb, NOW.date())


@pytest.mark.parametrize("typed", ["²", "①", "٣", "1" * 5000, "\x00", "1e3", "-1"])
def test_odd_numbers_of_interviews_are_errors_not_crashes(typed):
    offer = Offer(id="a", interviews=2)
    try:
        Session(None, Workbook(offers=[offer])).set_field(  # type: ignore[arg-type]
            offer, "interviews", typed, NOW.date()
        )
    except FieldError:
        assert offer.interviews == 2
    else:
        assert offer.interviews == 3  # "٣" is the Arabic-Indic three


def test_a_template_with_an_unknown_medium_falls_back_to_the_default():
    wb = Workbook(
        offers=[Offer(id="a", template="mine")],
        templates={"mine": Template("mine", "e-mail", paragraphs=[[("greeting", "Hi")]])},
    )
    view = Session(None, wb).view(wb.offers[0], NOW)  # type: ignore[arg-type]
    assert view.draft.template == "standard"


# --------------------------------------------------------------------------- care, scenarios


@CORE
@given(
    offer=hostile_offer(),
    other=hostile_offer("y"),
    values=st.dictionaries(
        st.sampled_from(
            [
                "salary",
                "remote",
                "title",
                "start",
                "notes",
                "date",
                "kind",
                "channel",
                "note",
                "name",
                "role",
                "email",
                "linkedin",
            ]
        ),
        HOSTILE,
    ),
)
@example(
    offer=nasty_offer("x"),
    other=nasty_offer("y", "y"),
    values={"salary": "inf", "start": "²", "date": "\x00"},
)
def test_property_care_and_scenarios_never_raise(offer, other, values):
    wb = Workbook(offers=[offer, other])
    today = NOW.date()
    scenarios.compare_counter(offer.reconsider, offer.counter, offer.firm)
    scenarios.recruiter_reply(offer)
    scenarios.multiple_offers(wb).lines(today)
    scenarios.rescind_lines(offer)
    scenarios.referral_reminder(offer)
    scenarios.next_to_decline(wb, offer.id)
    scenarios.other_companies_named(other.company + offer.notes, wb, offer)
    care.suggest_call(offer)
    care.send_advice(NOW, offer.send_at)
    care.upcoming(wb, today)
    for parse in (
        lambda: parsing.parse_terms(values, today),
        lambda: parsing.parse_interaction(values, today),
        lambda: parsing.parse_contact(values),
        lambda: parsing.parse_send_at(values.get("date", ""), NOW),
        lambda: parsing.parse_months(values.get("notes", "")),
    ):
        try:
            parse()
        except parsing.FormError as exc:
            assert exc.errors


@pytest.mark.parametrize("bad", ["inf", "-inf", "nan", "1e400", "1e30", "²", "①", "٣"])
def test_odd_numbers_in_forms_are_errors_not_crashes(bad):
    for call in (
        lambda: parsing.parse_terms({"salary": bad}, NOW.date()),
        lambda: parsing.parse_months(bad),
    ):
        try:
            call()
        except parsing.FormError as exc:
            assert exc.errors


@CORE
@given(name=HOSTILE, text=HOSTILE)
def test_property_a_template_as_text_round_trips(name, text):
    tpl = Template(name, paragraphs=[[("greeting", text or "x")]])
    try:
        back = template_from_text(name, template_to_text(tpl))
    except Exception as exc:  # a template the text form cannot hold is refused by name
        assert type(exc).__name__ == "TemplateError"
        return
    assert isinstance(back, Template)


# --------------------------------------------------------------------------- helpers for the app

_BAD_FOR_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def screen_text(svg: str) -> list[str]:
    """The screen as the person sees it, one string per line, from an SVG screenshot.

    Rich writes each run of equally styled cells as a <text> at x = column * 12.2.
    """
    rows: dict[int, list[tuple[int, str]]] = {}
    for m in re.finditer(
        r'<text class="[^"]*-r\d+" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
        r'clip-path="url\(#[^"]*-line-(\d+)\)">(.*?)</text>',
        svg,
        re.DOTALL,
    ):
        text = html.unescape(m.group(3)).replace("\xa0", " ")
        rows.setdefault(int(m.group(2)), []).append((round(float(m.group(1)) / 12.2), text))
    lines = []
    for y in range(max(rows, default=-1) + 1):
        line = ""
        for column, text in sorted(rows.get(y, [])):
            line = line.ljust(column) + text
        lines.append(line)
    return lines


def shot(app) -> str:
    return app.export_screenshot()


def assert_nothing_raw_reaches_the_terminal(app, where: str) -> list[str]:
    """No control character in what the screen sends; returns the screen's lines."""
    svg = shot(app)
    found = sorted(set(_BAD_FOR_TERMINAL.findall(svg)))
    assert not found, f"{where}: {found} would reach the terminal raw"
    return screen_text(svg)


def shown(text: str, one_line: bool = False) -> str:
    from decline_tui.ui.widgets.literal import visible

    return visible(text, one_line=one_line)


def plain_of(static) -> str:
    """What a Static shows, as plain text: its content must be Text, not markup to parse."""
    from rich.text import Text

    assert isinstance(static.content, Text) or static.content == ""
    return static.visual.plain if hasattr(static.visual, "plain") else str(static.content)


def write_workbook(path: Path, wb: Workbook) -> None:
    store = Store(path)
    store.load()
    store.save(wb)


def nasty_workbook() -> Workbook:
    """One offer per nasty value, every field of it that value; a profile and template too."""
    offers = [nasty_offer(value, f"o{i}") for i, value in enumerate(NASTY_VALUES)]
    offers[1].status = "declined"  # check-ins, the recruiter's tab
    offers[1].future_open = True
    offers[2].status = "accepted"  # the rescind lines
    offers[3].status = "deciding"  # the next to decline
    name = NASTY_VALUES[0]
    return Workbook(
        profile=Profile(NASTY_VALUES[1], NASTY_VALUES[2]),
        offers=offers,
        templates={name: Template(name, "email", name, name, [[("greeting", name)]])},
    )


TEXT_INPUT_FIELDS = (
    "company",
    "role",
    "contact_name",
    "contact_email",
    "reason",
    "admired",
    "project",
    "notes",
    "referrer",
    "referrer_email",
)


def check_panes(screen, offer: Offer) -> None:
    """Every pane of the main screen holds the offer's text literally and exactly."""
    from textual.widgets import Input, OptionList, Static

    for name in TEXT_INPUT_FIELDS:
        assert equal(screen.query_one(f"#f-{name}", Input).value, getattr(offer, name)), name
    prompt = screen.query_one("#offers", OptionList).get_option(offer.id).prompt
    assert prompt.plain.startswith(shown(offer.company, one_line=True) or "(no company yet)")
    view = screen._view
    if view.draft.medium != "phone":
        assert equal(plain_of(screen.query_one("#draft-text", Static)), shown(view.text))
    follow_up = plain_of(screen.query_one("#sc-text-follow-up", Static))
    for entry in offer.log[-5:]:
        assert shown(f"{entry.kind} ({entry.channel})", one_line=True) in follow_up


async def walk_every_pane_and_dialog(pilot, screen) -> None:
    """Visit each region, tab and dialog; nothing may crash or leak on the way."""
    app = pilot.app
    assert_nothing_raw_reaches_the_terminal(app, "main")
    await pilot.press("f5")  # the first rule, explained: its message quotes the draft
    assert_nothing_raw_reaches_the_terminal(app, "f5")
    first = screen._view.findings[0]
    assert shown(first.message) in plain_of(screen.query_one("#check-detail"))
    tabs = screen.query_one("#scenario-tabs")
    for tab in ("counter-offer", "persistent-recruiter", "multiple-offers", "follow-up"):
        tabs.active = f"sc-{tab}"
        await pilot.pause()
        assert_nothing_raw_reaches_the_terminal(app, tab)
    screen.action_focus_region("scenarios")
    # records, a form (log), the criteria form, check-ins, profile, template, save as
    for key in ("e", "l", "r", "f10", "ctrl+g", "f12", "ctrl+s"):
        await pilot.press(key)
        assert app.screen is not screen, key  # a dialog is open
        assert_nothing_raw_reaches_the_terminal(app, key)
        await pilot.press("escape")
        screen.action_focus_region("scenarios")
    await pilot.press("f2", "delete")  # the confirmation quotes the offer's label
    await pilot.pause()
    assert_nothing_raw_reaches_the_terminal(app, "delete")
    await pilot.press("escape")
    await pilot.press("f4", "f9")  # the draft, taken over in the editor
    await pilot.pause()
    assert_nothing_raw_reaches_the_terminal(app, "editor")
    await pilot.press("f9", "ctrl+b")  # a toast naming the next offer to decline
    await wait_until(pilot, lambda: "Next to decline:" in "".join(screen_text(shot(app))))
    assert_nothing_raw_reaches_the_terminal(app, "toast")


async def test_the_app_shows_hostile_text_literally_everywhere(data_dir):
    path = data_dir / "workbook.toml"
    wb = nasty_workbook()
    write_workbook(path, wb)
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)  # the follow-up tab is checked too
        offers = screen.session.wb.offers
        for offer in offers:
            screen.select_offer(offer.id)
            await pilot.pause()
            check_panes(screen, offer)
            lines = assert_nothing_raw_reaches_the_terminal(app, offer.id)
            if offer.id == "o0":  # markup shows as typed, brackets and all
                shot = "\n".join(lines)
                assert "│ [bold]Acme[/bold] –" in shot  # the offer list
                assert "Company   [bold]Acme[/bold" in shot  # the form
                assert "│ [bold]Acme[/bold]     " in shot  # the draft
                assert "│ [@click=app.quit]Click " in shot
                assert "nul␀bell␇back␈tab" in shot
        screen.select_offer("o1")
        await pilot.pause()
        await walk_every_pane_and_dialog(pilot, screen)
        # "[@click=app.quit]" is text, not an action: clicking it does nothing
        await pilot.click("#offers", offset=(3, 1))
        await pilot.click("#draft-text", offset=(3, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert screen.session.wb == wb  # looking changed nothing
    assert path.read_bytes() == before


async def test_hostile_text_typed_or_pasted_into_the_form(data_dir):
    from textual import events
    from textual.widgets import Input

    path = data_dir / "workbook.toml"
    write_workbook(path, Workbook(offers=[Offer(id="a", company="Acme")]))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        company = screen.query_one("#f-company", Input)
        company.focus()
        company.value = ""
        await pilot.press(*"[bold]X[/]", "left", "[")  # typed: keys, brackets included
        await pilot.pause()
        assert screen.offer.company == "[bold]X[/[]"
        pasted = "\x1b]52;c;aGk=\x07\x00[@click=app.quit]"
        company.post_message(events.Paste(pasted))
        await wait_until(pilot, lambda: pasted in screen.offer.company)
        assert company.value == screen.offer.company == "[bold]X[/[" + pasted + "]"
        assert screen.offer.company in screen._view.text
        assert_nothing_raw_reaches_the_terminal(app, "pasted")
        await pilot.press("ctrl+q")
    assert Store(path).load().offers[0].company == "[bold]X[/[" + pasted + "]"


async def test_the_editor_keeps_every_character_of_a_draft(data_dir):
    from textual.widgets import TextArea

    text = "Subject: x\r\n\r\nDear \x1b[31mMaría\x0c,\u2028thanks\x85 [bold]\r\nSam\r"
    path = data_dir / "workbook.toml"
    write_workbook(path, Workbook(offers=[Offer(id="a", company="Acme", drafts={"email": text})]))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f9")
        await pilot.pause()
        area = screen.query_one("#draft-edit", TextArea)
        assert area.text == text
        assert_nothing_raw_reaches_the_terminal(app, "editor")
        area.move_cursor(area.document.end)
        await pilot.press("!")
        await wait_until(pilot, lambda: screen.offer.drafts["email"] == text + "!")
        # a checklist span selects the same characters in the editor
        screen.query_one("#draft").select_span(text.index("[bold]"), text.index("[bold]") + 6)
        assert area.selected_text == "[bold]"


# Hostile values for the fuzzing rounds below: the snippets and random code points, from a
# fixed seed so a failure reproduces.
def _fuzz_values(seed: int, count: int) -> list[str]:
    import random

    rng = random.Random(seed)
    pool = SNIPPETS + [chr(c) for c in range(0x20)] + ["\x7f", "\x9b", "\x85"]

    def one() -> str:
        parts = []
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.6:
                parts.append(rng.choice(pool))
            else:
                code = rng.choice(
                    [
                        rng.randint(0x20, 0x2FF),
                        rng.randint(0x300, 0xD7FF),
                        rng.randint(0xE000, 0x10FFFF),
                    ]
                )
                parts.append(chr(code))
        return "".join(parts)

    return [one() for _ in range(count)]


async def test_fuzz_the_panes_with_random_hostile_offers(data_dir):
    path = data_dir / "workbook.toml"
    write_workbook(path, Workbook(offers=[Offer(id="a"), Offer(id="b", company="Other")]))
    values = iter(_fuzz_values(20261125, 2000))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)  # the follow-up tab is checked too
        for round_ in range(8):
            offer = screen.session.wb.offers[0]
            for name in STRING_FIELDS:
                setattr(offer, name, next(values))
            offer.contacts = [Contact(next(values), next(values))]
            offer.log = [Interaction(date(2026, 11, 20), "follow-up", next(values), next(values))]
            offer.reconsider = Terms(title=next(values), notes=next(values))
            offer.counter = Terms(salary=1, title=next(values))
            offer.drafts = {"linkedin": next(values)} if round_ % 3 == 0 else {}
            screen.session.wb.profile = Profile(next(values), next(values))
            screen.select_offer(offer.id)
            await pilot.press("f7")  # the next medium: another template, another pane
            await pilot.pause()
            check_panes(screen, offer)
            assert_nothing_raw_reaches_the_terminal(app, f"round {round_}")


def toml_string(value: str) -> str:
    """A TOML basic string, escaped the way JSON escapes (both allow \\uXXXX), plus DEL."""
    import json

    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


async def test_hundred_thousand_character_fields_in_the_app(data_dir, monkeypatch):
    """The draft, a form field and the scenario panel hold 100,000 characters each (the offer
    list one tenth of that: wrapping it is Textual's slowest part)."""
    from textual.widgets import Input

    from decline_tui.ui.screens import main

    monkeypatch.setattr(main, "AUTOSAVE_DELAY", 3600)  # saving is the store's test, not this one
    value = long_text()
    path = data_dir / "workbook.toml"
    path.parent.mkdir(parents=True)
    # Written by another program, with every escape TOML has: the app must read it as it is.
    fields = "\n".join(f"{key} = {toml_string(value)}" for key in ("reason", "notes"))
    company = toml_string(value[: LONG // 10])
    log = f"[[offers.log]]\ndate = 2026-11-20\nnote = {toml_string(value)}\n"
    path.write_text(f'[[offers]]\nid = "a"\ncompany = {company}\n{fields}\n{log}', "utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)  # the follow-up tab is checked too
        offer = screen.offer
        assert equal((offer.reason, offer.notes, offer.log[0].note), (value,) * 3)
        check_panes(screen, offer)
        assert_nothing_raw_reaches_the_terminal(app, "long")
        notes = screen.query_one("#f-notes", Input)
        notes.focus()
        await pilot.press("end", "x")  # (focus selects it all: typing would replace it)
        await wait_until(pilot, lambda: screen.offer.notes == value + "x")
        assert equal(notes.value, value + "x")
        assert_nothing_raw_reaches_the_terminal(app, "long, typed")


async def test_opening_the_app_changes_no_field_a_choice_shows(data_dir):
    """Values a choice cannot show, or does not show first, survive the app's start."""
    from decline_tui.ui.widgets.choice import Choice

    path = data_dir / "workbook.toml"
    offers = [
        Offer(id="a", channel="phone", status="declined", template="brief"),
        Offer(id="b", channel="[bold]Phone", status="\x1b[2J", template="\x00"),
    ]
    write_workbook(path, Workbook(offers=offers))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert screen.session.wb.offers == offers and not screen.dirty
        assert screen.query_one("#f-channel", Choice).value == "phone"
        screen.select_offer("b")
        await pilot.pause()
        assert screen.session.wb.offers == offers and not screen.dirty
        screen.query_one("#f-status", Choice).focus()  # shown as "deciding"
        await pilot.press("left", "left")  # as the person picks: rescinded, withdrawn
        await wait_until(pilot, lambda: screen.offer.status == "withdrawn")
        assert screen.offer.channel == "[bold]Phone"


async def test_a_check_in_of_an_offer_with_a_hostile_id_opens_that_offer(data_dir):
    """Ids written by hand may hold anything; the check-ins list must not parse them."""
    path = data_dir / "workbook.toml"
    odd = "a\t3\x1b[2J"
    offers = [
        Offer(id="plain", company="Globex"),
        Offer(id=odd, company="[b]Acme", status="declined", declined_on=date(2026, 11, 1)),
    ]
    write_workbook(path, Workbook(offers=offers))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f10")
        assert_nothing_raw_reaches_the_terminal(app, "check-ins")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.offer_id == odd)
        assert screen.offer.reply == "checkin-note"


async def test_the_editor_round_trip_with_a_hostile_id_and_draft(data_dir, monkeypatch):
    """The temporary file is named from the id: a "/" or a NUL in it must not matter, and
    what the editor gives back is taken as it is."""
    import contextlib

    from decline_tui.ui import editor

    text = "Dear \x1b[31mMaría\x00,\n\n[bold]Thanks[/bold]. I decline.\u2028\n\nBest,\nSam\n"
    seen = []

    def fake_editor(editor: str, path: Path) -> None:
        seen.append(path)
        path.write_text(text, encoding="utf-8")

    monkeypatch.setenv("EDITOR", "fake-editor")
    monkeypatch.setattr(editor, "run_editor", fake_editor)
    path = data_dir / "workbook.toml"
    write_workbook(path, Workbook(offers=[Offer(id="../x/\x00y", company="Acme")]))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: "email" in screen.offer.drafts)
        # all but the final newline, which the file handed to the editor gained (POSIX text)
        assert screen.offer.drafts["email"] == text.removesuffix("\n")
        assert seen[0].parent == Path(tempfile.gettempdir()) and not seen[0].exists()
        assert_nothing_raw_reaches_the_terminal(app, "edited")
