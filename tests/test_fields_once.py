"""An offer's fields are declared once, on `model.Offer`: the store's lists, the session's
kinds of field and the form's rows all follow from the fields' metadata (issue 15, item 3)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
import tomlkit
from textual.widgets import Checkbox, Input

from decline_tui.core import session
from decline_tui.core.model import (
    Contact,
    Ignored,
    Interaction,
    Offer,
    Overrules,
    Terms,
    Workbook,
    choices_of,
    edited_as,
    kept,
)
from decline_tui.core.store import read_workbook, schema
from decline_tui.core.store.writing import apply
from decline_tui.ui.widgets.choice import Choice
from decline_tui.ui.widgets.offer_form import KINDS, ROWS, TickBox

from .conftest import make_app, ready

# The lists as they were written out by hand before they were derived (the regression check).
BEFORE = {
    "OFFER_STR": (
        "company",
        "role",
        "short_role",
        "contact_name",
        "contact_email",
        "preferred_name",
        "register",
        "channel",
        "reason",
        "admired",
        "project",
        "news",
        "status",
        "template",
        "reply",
        "notes",
        "referrer",
        "referrer_email",
    ),
    "OFFER_BOOL": ("future_open", "offer_referrals", "example", "firm"),
    "OFFER_DATE": (
        "received",
        "deadline",
        "counter_received",
        "declined_on",
        "signed_on",
        "start_date",
    ),
    "OFFER_TERMS": ("reconsider", "counter"),
    "TERMS_STR": ("remote", "title", "notes"),
    "TERMS_FIELDS": ("salary", "remote", "title", "start", "notes"),
    "CONTACT_STR": ("name", "role", "email", "linkedin", "note"),
    "LOG_STR": ("kind", "channel", "note", "contact"),
    "CHECKLIST_FIELDS": ("disabled", "ignored"),
    "OFFER_ORDER": (
        "id",
        "company",
        "role",
        "short_role",
        "contact_name",
        "contact_email",
        "preferred_name",
        "register",
        "received",
        "deadline",
        "channel",
        "reason",
        "admired",
        "project",
        "news",
        "future_open",
        "offer_referrals",
        "status",
        "template",
        "reply",
        "interviews",
        "referrer",
        "referrer_email",
        "firm",
        "counter_received",
        "send_at",
        "declined_on",
        "signed_on",
        "start_date",
        "checkin_months",
        "notes",
        "example",
    ),
    "OFFER_NULLABLE": ("checkin_months",),
}
# Only ever asked `key in OFFER_OPTIONAL`: the same fields, in field order now.
OPTIONAL_BEFORE = {
    "short_role",
    "preferred_name",
    "register",
    "news",
    "received",
    "deadline",
    "reply",
    "notes",
    "example",
    "interviews",
    "referrer",
    "referrer_email",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
    "signed_on",
    "start_date",
}
SESSION_BEFORE = {
    "TEXT_FIELDS": (
        "company",
        "role",
        "short_role",
        "contact_name",
        "contact_email",
        "preferred_name",
        "reason",
        "admired",
        "project",
        "news",
        "notes",
        "referrer",
        "referrer_email",
    ),
    "INT_FIELDS": ("interviews",),
    "DATE_FIELDS": ("received", "deadline", "signed_on", "start_date"),
    "BOOL_FIELDS": ("future_open", "offer_referrals"),
}
# Values the reader takes by their own code, not by their type (store/reading.py).
READ_ON_THEIR_OWN = {"id", "interviews", "send_at", "checkin_months"}
# Sub-tables and arrays of tables, each with its writer in store/writing.py.
TABLES = {"drafts", "reconsider", "counter", "checklist", "contacts", "log"}
VALUES = ("always", "optional", "nullable")


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_the_store_lists_are_what_they_were(name):
    assert getattr(schema, name) == BEFORE[name]


def test_optional_fields_are_what_they_were():
    assert set(schema.OFFER_OPTIONAL) == OPTIONAL_BEFORE
    assert len(schema.OFFER_OPTIONAL) == len(OPTIONAL_BEFORE)


@pytest.mark.parametrize("name", sorted(SESSION_BEFORE))
def test_the_session_kinds_are_what_they_were(name):
    assert getattr(session, name) == SESSION_BEFORE[name]


def test_the_choices_are_what_they_were():
    from decline_tui.core.model import CHANNELS, REGISTERS, STATUSES

    # A dict: `name in CHOICE_FIELDS` and its values; `decline set` lists the names in order.
    assert session.CHOICE_FIELDS == {
        "channel": CHANNELS,
        "status": STATUSES,
        "register": REGISTERS,
    }


# ------------------------------------------------------------------ every field is kept


def test_every_offer_field_is_kept_or_says_why_not():
    for f in dataclasses.fields(Offer):
        how = f.metadata.get("file", "undeclared")
        assert how in ("always", "optional", "nullable", "table", None), f.name
        if how is None:
            assert f.metadata["why"].strip(), f"{f.name}: not stored, and no reason given"
        elif how == "table":
            assert f.name in TABLES, f"{f.name}: a table with no writer in store/writing.py"
        else:
            assert f.name in schema.OFFER_ORDER, f.name
            read = schema.OFFER_STR + schema.OFFER_BOOL + schema.OFFER_DATE
            assert f.name in read or f.name in READ_ON_THEIR_OWN, f"{f.name}: never read"


@pytest.mark.parametrize("cls", [Terms, Contact, Interaction])
def test_every_field_of_a_sub_table_is_read(cls):
    strings = {Terms: schema.TERMS_STR, Contact: schema.CONTACT_STR, Interaction: schema.LOG_STR}
    own = {Terms: {"salary", "start"}, Contact: set(), Interaction: {"date"}}
    assert {f.name for f in dataclasses.fields(cls)} == set(strings[cls]) | own[cls]


def _everything_set() -> Offer:
    """An offer with no field at its default."""
    terms = Terms(salary=150_000, remote="remote", title="Staff", start=date(2026, 9, 1))
    offer = Offer(
        id="acme",
        company="Acme",
        role="Engineer",
        short_role="Eng",
        contact_name="Aisha Bello",
        contact_email="aisha@acme.test",
        preferred_name="Aisha",
        register="formal",
        received=date(2026, 3, 1),
        deadline=date(2026, 3, 9),
        channel="phone",
        reason="I accepted another role.",
        admired="your care for accessibility",
        project="the mapping tool",
        news="your Series B",
        future_open=False,
        offer_referrals=True,
        status="declined",
        template="brief",
        reply="counter-decline",
        notes="mine",
        example=True,
        drafts={"email": "Dear Aisha,"},
        interviews=4,
        referrer="Sam",
        referrer_email="sam@example.test",
        reconsider=terms,
        firm=True,
        counter=Terms(salary=160_000, notes="signing bonus"),
        counter_received=date(2026, 3, 5),
        contacts=[Contact(name="Lee", role="CTO", email="lee@acme.test", note="chess")],
        log=[Interaction(date=date(2026, 3, 2), kind="call", channel="phone", note="hi")],
        send_at=datetime(2026, 3, 8, 9, 30),
        declined_on=date(2026, 3, 8),
        signed_on=date(2026, 3, 7),
        start_date=date(2026, 4, 1),
        checkin_months=[6],
        checklist=Overrules(
            disabled=["greeting"], ignored=[Ignored(rule="no-negativity", text="sadly")]
        ),
    )
    defaults = Offer(id="")
    for f in dataclasses.fields(Offer):
        assert getattr(offer, f.name) != getattr(defaults, f.name), f.name
    return offer


def test_every_stored_field_survives_the_file(tmp_path: Path):
    offer = _everything_set()
    wb = Workbook(offers=[offer])
    text = tomlkit.dumps(apply(tomlkit.document(), wb))
    back = read_workbook(text.encode(), tmp_path / "workbook.toml").offer("acme")
    for f in dataclasses.fields(Offer):
        if f.metadata["file"] is not None:
            assert getattr(back, f.name) == getattr(offer, f.name), f.name


def test_a_new_table_writes_its_values_in_order(tmp_path: Path):
    text = tomlkit.dumps(apply(tomlkit.document(), Workbook(offers=[_everything_set()])))
    table = tomlkit.parse(text)["offers"][0]
    values = [key for key in table if key in schema.OFFER_ORDER]
    assert values == list(schema.OFFER_ORDER)


# ------------------------------------------------------------------ the form


def test_the_form_has_a_row_for_every_field_edited():
    edited = {f.name for f in dataclasses.fields(Offer) if f.metadata["edit"]}
    rows = [name for name, _, _ in ROWS]
    assert len(rows) == len(set(rows))
    assert set(rows) == edited | {"medium"}  # the medium is the form's own
    kinds = session.TEXT_FIELDS + session.DATE_FIELDS + session.INT_FIELDS
    kinds += session.BOOL_FIELDS + tuple(session.CHOICE_FIELDS)
    assert set(kinds) | {"template"} == edited


async def test_the_form_shows_every_field_marked_for_it(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await ready(pilot)
        offer = app.session.wb.offers[0]
        widget_for = {
            "text": Input,
            "date": Input,
            "int": Input,
            "bool": TickBox,
            "choice": Choice,
            "template": Choice,
        }
        for f in dataclasses.fields(Offer):
            kind = f.metadata["edit"]
            if not kind:
                assert not screen.query(f"#f-{f.name}"), f.name
                continue
            widget = screen.query_one(f"#f-{f.name}", widget_for[kind])
            value = getattr(offer, f.name)
            if kind == "text":
                assert widget.value == value, f.name
            elif kind == "date":
                assert widget.value == (value.isoformat() if value else ""), f.name
            elif kind == "int":
                assert widget.value == str(value or ""), f.name
            elif kind == "bool":
                assert isinstance(widget, Checkbox) and widget.value is value, f.name
            elif kind == "choice":
                assert widget.value == value, f.name
        assert KINDS["medium"] == "medium" and screen.query_one("#f-medium", Choice)


# ------------------------------------------------------------------ one declaration is enough


@dataclass
class ToyOffer(Offer):
    """An Offer with three fields more, declared only here."""

    mood: str = field(default="", metadata=kept("optional", "text"))
    met_on: date | None = field(default=None, metadata=kept("optional", "date"))
    pinned: bool = field(default=False, metadata=kept("always", "bool", last=True))
    scratch: str = field(default="", metadata=kept(None, why="worked out on load, never kept"))


def test_metadata_alone_puts_a_new_field_in_the_store_lists():
    lists = schema.offer_lists(ToyOffer)
    assert lists["OFFER_STR"] == BEFORE["OFFER_STR"] + ("mood",)
    assert lists["OFFER_DATE"] == BEFORE["OFFER_DATE"] + ("met_on",)
    assert lists["OFFER_BOOL"] == BEFORE["OFFER_BOOL"] + ("pinned",)
    assert set(lists["OFFER_OPTIONAL"]) == OPTIONAL_BEFORE | {"mood", "met_on"}
    order = BEFORE["OFFER_ORDER"]
    assert lists["OFFER_ORDER"] == (*order[:-2], "mood", "met_on", *order[-2:], "pinned")
    assert lists["OFFER_NULLABLE"] == BEFORE["OFFER_NULLABLE"]
    assert lists["OFFER_TERMS"] == BEFORE["OFFER_TERMS"]
    assert all("scratch" not in names for names in lists.values())


def test_metadata_alone_makes_a_new_field_editable():
    assert edited_as(ToyOffer, "text") == SESSION_BEFORE["TEXT_FIELDS"] + ("mood",)
    assert edited_as(ToyOffer, "date") == SESSION_BEFORE["DATE_FIELDS"] + ("met_on",)
    assert edited_as(ToyOffer, "bool") == SESSION_BEFORE["BOOL_FIELDS"] + ("pinned",)
    assert choices_of(ToyOffer) == session.CHOICE_FIELDS


def test_a_field_not_stored_must_say_why():
    with pytest.raises(AssertionError):
        kept(None)
    with pytest.raises(AssertionError):
        kept("optional", "choice")  # a choice with nothing to choose from
