"""The workbook file's relationship-care fields: check-in months, terms, contacts and the log.

Like test_store.py, every test works in tmp_path: a save keeps the person's comments and
unknown keys, edits only what changed, and a wrong type names its line and column.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tomlkit.items import Array

from decline_tui.core.model import (
    DEFAULT_CHECKIN_MONTHS,
    Contact,
    Ignored,
    Interaction,
    Offer,
    Overrules,
    Profile,
    Terms,
    Workbook,
)
from decline_tui.core.store import (
    MAX_CHECKIN_MONTHS,
    ConflictError,
    Store,
    WorkbookError,
    apply,
    read_workbook,
)

from .test_store import (
    ANY_TEXT,
    DATES,
    changed_lines,
    is_subsequence,
    mode,
    reload,
    temp_files,
    write,
)
from .test_store import offers as base_offers
from .test_store import templates as base_templates

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

# A hand-kept workbook using every care field: comments inside the new tables, keys of
# the person's own, a log entry dated with a date-time and one without kind or channel.
CARE = """\
# Sam's offers, with the care fields.
schema_version = 1

[settings]
theme = "dark"
checkin_months = [1, 6] # sooner than the default

[[offers]]
id = "acme"
company = "Acme"
status = "declined"
interviews = 4 # four rounds!
referrer = "Jo Park"
firm = true
send_at = 2026-11-30T09:00:00
declined_on = 2026-12-01
checkin_months = [2, 12]

[offers.reconsider]
# what would change my mind
salary = 150000
remote = "remote" # must be remote
mood = "hopeful"

[[offers.contacts]]
# met at the onsite
name = "María López"
role = "Hiring manager"
email = "maria@acme.example" # work address

[[offers.contacts]]
name = "Tom"
linkedin = "https://www.linkedin.com/in/tom"

[[offers.log]]
date = 2026-11-20
kind = "sent"
note = "Sent the decline"

[[offers.log]]
# the call
date = 2026-11-22
kind = "call"
channel = "phone"
note = "Called María" # she was kind
mood = "good"

[[offers.log]]
date = 2027-01-05T10:00:00
kind = "check-in"
note = "New year wishes"

[[offers]]
id = "globex"
company = "Globex"
counter_received = 2026-11-25

[offers.counter]
salary = 120000
title = "Lead Designer"
start = 2027-02-01

[plugins.calendar]
enabled = true
"""

NEW_KEYS = (
    "interviews",
    "referrer",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
    "checkin_months",
    "reconsider",
    "counter",
    "contacts",
    "log",
)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "workbook.toml"


def save_care(path: Path) -> tuple[Store, Workbook]:
    write(path, CARE)
    store = Store(path)
    return store, store.load()


def saved(store: Store, wb: Workbook, path: Path) -> str:
    """Save, check the file reads back as the workbook, and return its text."""
    store.save(wb)
    assert reload(path) == wb
    return path.read_text(encoding="utf-8")


def care_offer(**fields: Any) -> Offer:
    values: dict[str, Any] = {
        "id": "acme",
        "company": "Acme",
        "interviews": 3,
        "referrer": "Jo Park",
        "referrer_email": "jo@example.com",
        "reconsider": Terms(salary=150000, remote="remote", notes="and a four-day week"),
        "firm": False,
        "counter": Terms(salary=0, title="Lead", start=date(2027, 2, 1)),
        "counter_received": date(2026, 11, 25),
        "contacts": [Contact("María López", "Hiring manager", "maria@acme.example", "")],
        "log": [
            Interaction(date(2026, 11, 20), "declined", "email", "Sent the decline"),
            Interaction(date(2026, 11, 21), "reply"),
        ],
        "send_at": datetime(2026, 11, 30, 9, 0),
        "declined_on": date(2026, 11, 20),
        "checkin_months": [2, 12],
    }
    values.update(fields)
    return Offer(**values)


# --------------------------------------------------------------------------- reading


def test_loads_what_the_hand_written_file_says(path):
    _, wb = save_care(path)
    assert wb.checkin_months == [1, 6]
    acme, globex = wb.offers
    assert acme.interviews == 4
    assert acme.referrer == "Jo Park"
    assert acme.referrer_email == ""
    assert acme.firm is True
    assert acme.send_at == datetime(2026, 11, 30, 9, 0)
    assert type(acme.send_at) is datetime
    assert acme.declined_on == date(2026, 12, 1)
    assert acme.checkin_months == [2, 12]
    assert acme.reconsider == Terms(salary=150000, remote="remote")
    assert acme.counter is None
    assert acme.contacts == [
        Contact("María López", "Hiring manager", "maria@acme.example", ""),
        Contact("Tom", linkedin="https://www.linkedin.com/in/tom"),
    ]
    assert acme.log == [
        Interaction(date(2026, 11, 20), "sent", "email", "Sent the decline"),
        Interaction(date(2026, 11, 22), "call", "phone", "Called María"),
        Interaction(date(2027, 1, 5), "check-in", "email", "New year wishes"),
    ]
    assert type(acme.log[2].date) is date  # a date-time stands for its day
    assert globex.counter == Terms(salary=120000, title="Lead Designer", start=date(2027, 2, 1))
    assert globex.counter_received == date(2026, 11, 25)
    assert globex.reconsider is None
    assert (globex.contacts, globex.log, globex.checkin_months) == ([], [], None)
    assert (globex.interviews, globex.firm, globex.send_at) == (0, False, None)


def test_missing_care_fields_mean_their_defaults(path):
    write(path, '[[offers]]\nid = "a"\n')
    wb = reload(path)
    assert wb.checkin_months == list(DEFAULT_CHECKIN_MONTHS)
    assert wb.offers == [Offer(id="a")]


def test_inline_tables_and_arrays_are_read_too(path):
    write(
        path,
        '[[offers]]\nid = "a"\nreconsider = {salary = 1, title = "T"}\n'
        'contacts = [{name = "A"}, {email = "b@x"}]\n'
        "log = [{date = 2026-01-01, note = 'x'}, {date = 2026-01-02, kind = 'call'}]\n",
    )
    offer = reload(path).offers[0]
    assert offer.reconsider == Terms(salary=1, title="T")
    assert offer.contacts == [Contact("A"), Contact(email="b@x")]
    assert offer.log == [
        Interaction(date(2026, 1, 1), note="x"),
        Interaction(date(2026, 1, 2), kind="call"),
    ]


def test_empty_terms_table_and_empty_arrays_are_read_as_written(path):
    write(
        path,
        '[[offers]]\nid = "a"\ncheckin_months = []\ncontacts = []\nlog = []\n\n'
        "[offers.counter]\n# nothing yet\n",
    )
    offer = reload(path).offers[0]
    assert offer.checkin_months == []  # no check-ins for this one, not the default
    assert offer.counter == Terms()
    assert (offer.contacts, offer.log) == ([], [])


# --------------------------------------------------------------------------- round trips


def test_new_offer_without_care_fields_gets_no_new_lines(path):
    store = Store(path)
    store.load()
    wb = Workbook(offers=[Offer(id="a", company="A")])
    text = saved(store, wb, path)
    keys = [line.split(" = ")[0] for line in text.splitlines() if " = " in line]
    assert not set(keys) & {*NEW_KEYS, "referrer_email"}
    assert "[settings]" not in text  # the default check-in months need no line
    assert "[offers." not in text


def test_care_fields_round_trip_through_a_new_file(path):
    store = Store(path)
    store.load()
    wb = Workbook(profile=Profile(name="Sam"), checkin_months=[1, 3])
    wb.offers = [care_offer(), Offer(id="globex", company="Globex", firm=True)]
    text = saved(store, wb, path)
    assert "[settings]\ncheckin_months = [1, 3]\n" in text
    for line in (
        "interviews = 3",
        'referrer = "Jo Park"',
        'referrer_email = "jo@example.com"',
        "counter_received = 2026-11-25",
        "send_at = 2026-11-30T09:00:00",
        "declined_on = 2026-11-20",
        "checkin_months = [2, 12]",
        '[offers.reconsider]\nsalary = 150000\nremote = "remote"\nnotes = "and a four-day week"',
        '[offers.counter]\nsalary = 0\ntitle = "Lead"\nstart = 2027-02-01',
        '[[offers.contacts]]\nname = "María López"\nrole = "Hiring manager"\n'
        'email = "maria@acme.example"\nlinkedin = ""',
        '[[offers.log]]\ndate = 2026-11-20\nkind = "declined"\nchannel = "email"\n'
        'note = "Sent the decline"',
        '[[offers.log]]\ndate = 2026-11-21\nkind = "reply"\nchannel = "email"\n\n',
        "firm = true",
    ):
        assert line in text, line
    assert "firm = false" not in text  # optional: only when set
    # the new offers' sub-tables come after their own keys, and one offer after the other
    assert text.index("checkin_months = [2, 12]") < text.index("[offers.reconsider]")
    assert text.index("[[offers.log]]") < text.index('id = "globex"')
    if tomllib is not None:
        data = tomllib.loads(text)
        assert data["offers"][0]["send_at"] == datetime(2026, 11, 30, 9, 0)
        assert data["offers"][0]["log"][1] == {
            "date": date(2026, 11, 21),
            "kind": "reply",
            "channel": "email",
        }
        assert data["settings"]["checkin_months"] == [1, 3]
    # and again from the file it wrote: nothing to change
    store.save(wb)
    assert path.read_text(encoding="utf-8") == text


def test_every_field_of_an_offer_and_a_workbook_reaches_the_file(path):
    """A field the store does not write is lost on the next save: every one must round-trip."""
    offer = care_offer(
        role="R",
        short_role="r",
        contact_name="C",
        contact_email="c@x",
        preferred_name="Cee",
        register="informal",
        received=date(2026, 11, 1),
        deadline=date(2026, 11, 2),
        channel="phone",
        reason="why",
        admired="a",
        project="p",
        news="your Series B",
        future_open=False,
        offer_referrals=True,
        status="declined",
        template="brief",
        reply="counter-open",
        notes="n",
        example=True,
        drafts={"email": "d"},
        firm=True,
        signed_on=date(2026, 11, 19),
        start_date=date(2027, 1, 5),
        checklist=Overrules(["subject"], [Ignored("spelling", "Zorblax")]),
    )
    wb = Workbook(Profile("S", "s@x"), [offer], {}, "dark", [1])
    wb.checklist_disabled = ["send-time"]
    wb.snoozed = {"priya@x.com": date(2027, 3, 1), "acme/Priya": date(2027, 4, 1)}
    offer.contacts[0].note = "the design systems team"
    offer.log[0].contact = "Priya"
    for owner in (offer, wb):
        for f in dataclasses.fields(owner):
            default = f.default_factory() if callable(f.default_factory) else f.default
            if f.name != "templates":  # test_store.py covers those
                assert getattr(owner, f.name) != default, f"give {f.name} a value in this test"
    store = Store(path)
    store.load()
    saved(store, wb, path)


def test_apply_on_a_fresh_document_then_parse(tmp_path):
    wb = Workbook(offers=[care_offer()], checkin_months=[])
    doc = apply(tomlkit.document(), wb)
    back = read_workbook(doc.as_string().encode(), tmp_path / "w.toml")
    assert back == wb


def test_noop_save_leaves_the_hand_written_file_byte_identical(path):
    store, wb = save_care(path)
    store.save(wb)
    assert path.read_text(encoding="utf-8") == CARE
    store.save(wb)
    assert path.read_text(encoding="utf-8") == CARE


def test_noop_save_keeps_lines_that_spell_defaults(path):
    text = (
        "schema_version = 1\n\n[settings]\ncheckin_months = [ 3, 6, 12 ] # the default\n\n"
        '[[offers]]\nid = "a"\ninterviews = 0\nfirm = false\nreferrer = ""\n'
        "declined_on = 2026-11-30T10:00:00\n\n"
        "[offers.counter]\nsalary = 0\n\n"
        '[[offers.contacts]]\nname = ""\n\n'
        '[[offers.log]]\ndate = 2026-11-30\nkind = "note"\nchannel = "email"\nnote = ""\n'
    )
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert wb.checkin_months == [3, 6, 12]
    assert wb.offers[0].counter == Terms(salary=0)
    assert wb.offers[0].declined_on == date(2026, 11, 30)
    store.save(wb)
    assert path.read_text(encoding="utf-8") == text


def test_unknown_keys_and_comments_in_the_new_tables_survive_edits(path):
    store, wb = save_care(path)
    acme, globex = wb.offers
    acme.role = "Designer"
    acme.contacts[1].email = "tom@acme.example"
    acme.log[0].note = "Sent it"
    acme.reconsider.title = "Principal"  # type: ignore[union-attr]
    globex.counter.notes = "plus equity"  # type: ignore[union-attr]
    wb.checkin_months = [1, 6, 24]
    text = saved(store, wb, path)
    for comment in (
        "# sooner than the default",
        "# four rounds!",
        "# what would change my mind",
        "# must be remote",
        "# met at the onsite",
        "# work address",
        "# the call",
        "# she was kind",
    ):
        assert comment in text, comment
    doc = tomlkit.parse(text)
    assert doc["offers"][0]["reconsider"]["mood"] == "hopeful"
    assert doc["offers"][0]["log"][1]["mood"] == "good"
    assert doc["plugins"]["calendar"]["enabled"] is True
    assert "checkin_months = [1, 6, 24] # sooner than the default" in text
    # the comment inside the first contact is still the first contact's
    first = text.index("# met at the onsite")
    assert text.index("[[offers.contacts]]") < first < text.index('name = "María López"')


# --------------------------------------------------------------------------- minimal diffs


def test_editing_one_log_note_changes_only_that_line(path):
    store, wb = save_care(path)
    wb.offers[0].log[1].note = "Called María back"
    text = saved(store, wb, path)
    assert changed_lines(CARE, text) == [
        ('note = "Called María" # she was kind', 'note = "Called María back" # she was kind')
    ]


def test_editing_one_field_of_each_kind_changes_only_its_line(path):
    store, wb = save_care(path)
    acme, globex = wb.offers
    acme.interviews = 5
    acme.send_at = datetime(2026, 12, 1, 8, 30)
    acme.checkin_months = [2, 12, 24]
    acme.reconsider.salary = 160000  # type: ignore[union-attr]
    acme.contacts[0].email = "maria@new.example"
    acme.log[2].date = date(2027, 1, 6)
    globex.counter.start = date(2027, 3, 1)  # type: ignore[union-attr]
    wb.checkin_months = [1]
    text = saved(store, wb, path)
    assert changed_lines(CARE, text) == [
        (
            "checkin_months = [1, 6] # sooner than the default",
            "checkin_months = [1] # sooner than the default",
        ),
        ("interviews = 4 # four rounds!", "interviews = 5 # four rounds!"),
        ("send_at = 2026-11-30T09:00:00", "send_at = 2026-12-01T08:30:00"),
        ("checkin_months = [2, 12]", "checkin_months = [2, 12, 24]"),
        ("salary = 150000", "salary = 160000"),
        (
            'email = "maria@acme.example" # work address',
            'email = "maria@new.example" # work address',
        ),
        ("date = 2027-01-05T10:00:00", "date = 2027-01-06"),
        ("start = 2027-02-01", "start = 2027-03-01"),
    ]


def test_editing_a_log_entry_without_kind_or_channel_adds_no_lines(path):
    store, wb = save_care(path)
    wb.offers[0].log[0].note = "Sent the decline, by email"
    text = saved(store, wb, path)
    assert len(changed_lines(CARE, text)) == 1
    # a channel other than the default gets its line
    wb.offers[0].log[0].channel = "linkedin"
    text = saved(store, wb, path)
    assert 'kind = "sent"\nnote = "Sent the decline, by email"\nchannel = "linkedin"\n' in text


def test_appending_a_log_entry_appends_a_table(path):
    store, wb = save_care(path)
    wb.offers[0].log.append(Interaction(date(2027, 4, 1), "check-in", "video", "Coffee chat"))
    text = saved(store, wb, path)
    assert is_subsequence(CARE.split("\n"), text.split("\n"))
    added = (
        'note = "New year wishes"\n\n'
        '[[offers.log]]\ndate = 2027-04-01\nkind = "check-in"\nchannel = "video"\n'
        'note = "Coffee chat"\n\n[[offers]]\nid = "globex"'
    )
    assert added in text


def test_a_first_log_entry_and_contact_append_tables_to_an_offer(path):
    store, wb = save_care(path)
    wb.offers[1].log.append(Interaction(date(2026, 11, 26), "counter-offer", "phone"))
    wb.offers[1].contacts.append(Contact("Priya"))
    text = saved(store, wb, path)
    assert is_subsequence(CARE.split("\n"), text.split("\n"))
    assert (
        'start = 2027-02-01\n\n[[offers.contacts]]\nname = "Priya"\nrole = ""\nemail = ""\n'
        'linkedin = ""\n\n[[offers.log]]\ndate = 2026-11-26\nkind = "counter-offer"\n'
        'channel = "phone"\n\n[plugins.calendar]'
    ) in text


def test_inserting_a_log_entry_keeps_each_comment_with_its_entry(path):
    store, wb = save_care(path)
    wb.offers[0].log.insert(1, Interaction(date(2026, 11, 21), "reply", note="They answered"))
    text = saved(store, wb, path)
    assert is_subsequence(CARE.split("\n"), text.split("\n"))
    assert text.index('note = "They answered"') < text.index("# the call")
    assert text.index("# the call") < text.index("date = 2026-11-22")


def test_deleting_a_log_entry_removes_only_its_table(path):
    store, wb = save_care(path)
    del wb.offers[0].log[1]
    text = saved(store, wb, path)
    assert "# the call" not in text
    assert "mood" in text  # the reconsider table's own mood stays
    assert is_subsequence(text.split("\n"), CARE.split("\n"))
    # deleting the first: the others keep their lines
    del wb.offers[0].log[0]
    text = saved(store, wb, path)
    assert is_subsequence(text.split("\n"), CARE.split("\n"))
    assert text.count("[[offers.log]]") == 1


def test_clearing_the_log_and_contacts_removes_their_tables(path):
    store, wb = save_care(path)
    wb.offers[0].log.clear()
    wb.offers[0].contacts.clear()
    text = saved(store, wb, path)
    assert "[[offers.log]]" not in text
    assert "[[offers.contacts]]" not in text
    assert "# what would change my mind" in text
    assert is_subsequence(text.split("\n"), CARE.split("\n"))


def test_editing_a_contact_keeps_its_comments(path):
    store, wb = save_care(path)
    wb.offers[0].contacts[0].role = "Head of Design"
    wb.offers[0].company = "Acme Robotics"
    text = saved(store, wb, path)
    assert changed_lines(CARE, text) == [
        ('company = "Acme"', 'company = "Acme Robotics"'),
        ('role = "Hiring manager"', 'role = "Head of Design"'),
    ]


def test_reordering_the_log_rewrites_it_in_place(path):
    store, wb = save_care(path)
    wb.offers[0].log.reverse()
    text = saved(store, wb, path)
    assert "# the call" in text
    assert text.count("[[offers.log]]") == 3
    assert text.index('id = "acme"') < text.index("[[offers.log]]") < text.index('id = "globex"')


def test_inline_arrays_stay_inline(path):
    text = (
        'schema_version = 1\n[[offers]]\nid = "a"\ncontacts = [{name = "A", x = 1}] # mine\n'
        "log = [{date = 2026-01-01, note = 'x'}]\nreconsider = {salary = 1}\n"
    )
    write(path, text)
    store = Store(path)
    wb = store.load()
    store.save(wb)
    assert path.read_text() == text
    offer = wb.offers[0]
    offer.contacts[0].role = "R"
    offer.contacts.append(Contact("B"))
    offer.log.insert(0, Interaction(date(2025, 12, 31)))
    offer.reconsider = Terms(salary=2, title="T")
    after = saved(store, wb, path)
    assert "[[offers." not in after
    assert "# mine" in after
    assert tomlkit.parse(after)["offers"][0]["contacts"][0]["x"] == 1


def test_inline_offers_get_inline_care_tables(path):
    text = 'schema_version = 1\noffers = [{id = "a", zz = 1}]\n'
    write(path, text)
    store = Store(path)
    wb = store.load()
    wb.offers[0] = care_offer(id="a")
    after = saved(store, wb, path)
    assert after.count("\n") == 2  # still one line of offers
    doc = tomlkit.parse(after)
    assert doc["offers"][0]["zz"] == 1
    assert isinstance(doc["offers"][0]["log"], Array)


def test_empty_arrays_are_kept_until_entries_arrive(path):
    text = 'schema_version = 1\n[[offers]]\nid = "a"\ncontacts = [] # none yet\nlog = []\n'
    write(path, text)
    store = Store(path)
    wb = store.load()
    store.save(wb)
    assert path.read_text() == text
    wb.offers[0].log.append(Interaction(date(2026, 1, 1)))
    after = saved(store, wb, path)
    assert "[[offers.log]]" in after
    assert "contacts = [] # none yet" in after


# --------------------------------------------------------------------------- terms


def test_clearing_terms_deletes_their_table_and_nothing_else(path):
    store, wb = save_care(path)
    wb.offers[1].counter = None
    text = saved(store, wb, path)
    assert "[offers.counter]" not in text
    assert "salary = 120000" not in text
    assert is_subsequence(text.split("\n"), CARE.split("\n"))
    assert "counter_received = 2026-11-25" in text


def test_emptied_terms_delete_a_plain_table(path):
    store, wb = save_care(path)
    wb.offers[1].counter = Terms()
    store.save(wb)
    text = path.read_text()
    assert "[offers.counter]" not in text
    assert reload(path).offers[1].counter is None  # no table means no terms


def test_emptied_terms_keep_a_table_holding_comments_or_keys_of_yours(path):
    store, wb = save_care(path)
    wb.offers[0].reconsider = Terms()
    text = saved(store, wb, path)
    assert "[offers.reconsider]\n# what would change my mind\nmood = " in text
    assert "salary" not in text.split("[offers.reconsider]")[1].split("[[")[0]


def test_empty_terms_create_no_table(path):
    store, wb = save_care(path)
    wb.offers[1].reconsider = Terms()
    wb.offers[1].counter = Terms(salary=0)  # a salary of 0 says nothing either
    store.save(wb)
    text = path.read_text()
    assert "[offers.reconsider]" not in text.split('id = "globex"')[1]
    assert "[offers.counter]" not in text
    assert reload(path).offers[1].counter is None


def test_setting_terms_adds_a_table_between_its_neighbours(path):
    store, wb = save_care(path)
    wb.offers[1].reconsider = Terms(remote="hybrid", start=date(2027, 1, 1))
    text = saved(store, wb, path)
    assert is_subsequence(CARE.split("\n"), text.split("\n"))
    assert (
        'start = 2027-02-01\n\n[offers.reconsider]\nremote = "hybrid"\nstart = 2027-01-01\n\n'
        "[plugins.calendar]"
    ) in text


def test_a_salary_of_zero_is_kept_beside_other_terms(path):
    store = Store(path)
    store.load()
    wb = Workbook(offers=[Offer(id="a", counter=Terms(salary=0, title="Same title"))])
    text = saved(store, wb, path)
    assert "salary = 0" in text


# --------------------------------------------------------------------------- dates and months


def test_send_at_is_a_local_date_time_and_clearing_removes_it(path):
    store, wb = save_care(path)
    wb.offers[0].send_at = datetime(2026, 12, 1, 9, 15, 30, 250000)
    text = saved(store, wb, path)
    assert "send_at = 2026-12-01T09:15:30.250000\n" in text
    wb.offers[0].send_at = None
    wb.offers[0].declined_on = None
    wb.offers[1].counter_received = None
    text = saved(store, wb, path)
    assert "send_at" not in text
    assert "declined_on" not in text
    assert "counter_received" not in text
    assert is_subsequence(text.split("\n"), CARE.split("\n"))


def test_offer_check_in_months_none_empty_and_set(path):
    store, wb = save_care(path)
    wb.offers[0].checkin_months = None
    text = saved(store, wb, path)
    assert "checkin_months = [2, 12]" not in text
    wb.offers[0].checkin_months = []
    text = saved(store, wb, path)
    assert "checkin_months = []\n" in text
    wb.offers[1].checkin_months = [6]
    text = saved(store, wb, path)
    assert "counter_received = 2026-11-25\ncheckin_months = [6]\n" in text


def test_workbook_check_in_months_are_written_only_when_not_the_default(path):
    store = Store(path)
    store.load()
    wb = Workbook(checkin_months=[3, 6, 12])
    text = saved(store, wb, path)
    assert "checkin_months" not in text
    wb.checkin_months = [6, 3]
    text = saved(store, wb, path)
    assert "[settings]\ncheckin_months = [6, 3]\n" in text
    # back to the default: a line that exists stays, saying it
    wb.checkin_months = [3, 6, 12]
    text = saved(store, wb, path)
    assert "checkin_months = [3, 6, 12]" in text
    wb.checkin_months = []  # no check-ins at all
    text = saved(store, wb, path)
    assert "checkin_months = []" in text


# --------------------------------------------------------------------------- what cannot be saved


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda wb: setattr(wb, "checkin_months", [3, 0]),
            "months must be whole numbers from 1 to 1200, not 0",
        ),
        (lambda wb: setattr(wb.offers[0], "checkin_months", [-1]), "from 1 to 1200, not -1"),
        (lambda wb: setattr(wb.offers[0], "checkin_months", [1201]), "to 1200, not 1201"),
        (lambda wb: setattr(wb.offers[0], "interviews", -2), "interviews must be 0 or more"),
        (
            lambda wb: setattr(wb.offers[1], "counter", Terms(salary=-5)),
            "counter salary must be 0 or more",
        ),
        (
            lambda wb: setattr(
                wb.offers[0], "send_at", datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
            ),
            "without a time zone",
        ),
        (lambda wb: wb.offers[0].log.append(Interaction(None)), "log entry 4 has no date"),  # type: ignore[arg-type]
    ],
    ids=[
        "months-zero",
        "offer-months",
        "months-too-many",
        "interviews",
        "salary",
        "aware",
        "no-date",
    ],
)
def test_values_the_file_could_not_read_back_are_refused(path, change, words):
    store, wb = save_care(path)
    wb.offers[0].role = "changed"
    change(wb)
    with pytest.raises(WorkbookError, match="could not be saved") as info:
        store.save(wb)
    assert not isinstance(info.value, ConflictError)
    assert words in str(info.value)
    assert path.read_text() == CARE
    assert temp_files(path.parent) == []
    store.save(store.load())  # the store is still usable


# --------------------------------------------------------------------------- bad files

OFFER = '[[offers]]\nid = "a"\n'
# (file text, line, column, words the message must contain)
BAD_CARE_FILES = {
    "log entry without a date": (
        OFFER + '\n[[offers.log]]\ndate = 2026-01-01\n\n[[offers.log]]\n# oops\nnote = "x"\n',
        7,
        1,
        "offers[1].log[2] has no date: add one such as date = 2026-11-30",
    ),
    "log date as string": (
        OFFER + '\n[[offers.log]]\ndate = "2026-01-01"\n',
        5,
        8,
        "offers[1].log[1].date must be a TOML date like 2026-11-30 (no quotes), not a string",
    ),
    "log note as number": (
        OFFER + "\n[[offers.log]]\ndate = 2026-01-01\nnote = 5\n",
        6,
        8,
        "offers[1].log[1].note must be a string in quotes, not a number",
    ),
    "log kind as bool": (
        OFFER + "\n[[offers.log]]\nkind = true\ndate = 2026-01-01\n",
        5,
        8,
        "offers[1].log[1].kind must be a string",
    ),
    "log in the second offer": (
        OFFER + '\n[[offers.log]]\ndate = 2026-01-01\n\n[[offers]]\nid = "b"\n\n'
        "[[offers.log]]\ndate = 2026-01-01\n\n[[offers.log]]\ndate = 2026-01-02\nchannel = 1\n",
        15,
        11,
        "offers[2].log[2].channel must be a string",
    ),
    "log as string": (
        OFFER + 'log = "called"\n',
        3,
        7,
        "offers[1].log must be an array of tables ([[offers.log]]), not a string",
    ),
    "log of numbers": (
        OFFER + "log = [1, 2]\n",
        3,
        7,
        "offers[1].log[1] must be a table ([[offers.log]]), not a number",
    ),
    "log of booleans": (
        OFFER + "log = [true]\n",
        3,
        7,
        "offers[1].log[1] must be a table ([[offers.log]]), not a true/false value",
    ),
    "log as a table": (
        OFFER + "\n[offers.log]\ndate = 2026-01-01\n",
        4,
        1,
        "offers[1].log must be an array of tables ([[offers.log]]), not a table",
    ),
    "contact email as number": (
        OFFER + '\n[[offers.contacts]]\nname = "M"\n\n[[offers.contacts]]\nemail = 42\n',
        8,
        9,
        "offers[1].contacts[2].email must be a string in quotes, not a number",
    ),
    "contacts as a table": (
        OFFER + '\n[offers.contacts]\nname = "M"\n',
        4,
        1,
        "offers[1].contacts must be an array of tables ([[offers.contacts]]), not a table",
    ),
    "salary as string": (
        OFFER + '\n[offers.reconsider]\nsalary = "lots"\n',
        5,
        10,
        "offers[1].reconsider.salary must be a whole number like 85000 (no quotes), not a string",
    ),
    "salary with a fraction": (
        OFFER + "\n[offers.counter]\nsalary = 85000.5\n",
        5,
        10,
        "offers[1].counter.salary must be a whole number like 85000 (no quotes), "
        "not a number with a fraction",
    ),
    "negative salary": (
        OFFER + "\n[offers.counter]\nsalary = -1\n",
        5,
        10,
        "offers[1].counter.salary must be a whole number like 85000 (no quotes), 0 or more, not -1",
    ),
    "counter start as string": (
        OFFER + '\n[offers.counter]\nsalary = 1\nstart = "soon"\n',
        6,
        9,
        "offers[1].counter.start must be a TOML date",
    ),
    "remote as bool": (
        OFFER + "\n[offers.reconsider]\nremote = true\n",
        5,
        10,
        "offers[1].reconsider.remote must be a string in quotes, not a true/false value",
    ),
    "reconsider as string": (
        OFFER + 'reconsider = "more money"\n',
        3,
        14,
        "offers[1].reconsider must be a table ([offers.reconsider]), not a string",
    ),
    "inline counter salary": (
        OFFER + 'counter = {salary = "x"}\n',
        3,
        11,
        "offers[1].counter.salary must be a whole number",
    ),
    "settings months with a string": (
        '[settings]\ntheme = "x"\ncheckin_months = [3, "x"]\n',
        3,
        18,
        "settings.checkin_months[2] must be a whole number of months, not a string",
    ),
    "settings months as number": (
        "[settings]\ncheckin_months = 6\n",
        2,
        18,
        "settings.checkin_months must be an array of months like [3, 6, 12], not a number",
    ),
    "settings months zero": (
        "[settings]\ncheckin_months = [0, 6]\n",
        2,
        18,
        "settings.checkin_months[1] must be a whole number of months, from 1 to 1200, not 0",
    ),
    "settings months negative": (
        "[settings]\ncheckin_months = [3, -6]\n",
        2,
        18,
        "settings.checkin_months[2] must be a whole number of months, from 1 to 1200, not -6",
    ),
    "offer months past a century": (
        OFFER + "checkin_months = [6, 99999]\n",
        3,
        18,
        "offers[1].checkin_months[2] must be a whole number of months, from 1 to 1200, not 99999",
    ),
    "offer months with a bool": (
        OFFER + "checkin_months = [3, true]\n",
        3,
        18,
        "offers[1].checkin_months[2] must be a whole number of months, not a true/false value",
    ),
    "offer months with a fraction": (
        OFFER + "checkin_months = [1.5]\n",
        3,
        18,
        "offers[1].checkin_months[1] must be a whole number of months, not a number with a "
        "fraction",
    ),
    "interviews as string": (
        OFFER + 'interviews = "three"\n',
        3,
        14,
        "offers[1].interviews must be a whole number of rounds, not a string",
    ),
    "negative interviews": (
        OFFER + "interviews = -1\n",
        3,
        14,
        "offers[1].interviews must be a whole number of rounds, 0 or more, not -1",
    ),
    "firm as string": (
        OFFER + 'firm = "yes"\n',
        3,
        8,
        "offers[1].firm must be true or false, not a string",
    ),
    "referrer as number": (
        OFFER + "referrer = 5\n",
        3,
        12,
        "offers[1].referrer must be a string in quotes, not a number",
    ),
    "referrer email as array": (
        OFFER + 'referrer_email = ["a"]\n',
        3,
        18,
        "offers[1].referrer_email must be a string in quotes, not an array",
    ),
    "counter received as string": (
        OFFER + 'counter_received = "2026-11-25"\n',
        3,
        20,
        "offers[1].counter_received must be a TOML date like 2026-11-30 (no quotes), not a string",
    ),
    "declined on as number": (
        OFFER + "declined_on = 20261125\n",
        3,
        15,
        "offers[1].declined_on must be a TOML date",
    ),
    "send at as string": (
        OFFER + 'send_at = "2026-11-30 09:00"\n',
        3,
        11,
        "offers[1].send_at must be a TOML date-time like 2026-11-30T09:00:00 (no quotes), "
        "not a string",
    ),
    "send at as a date": (
        OFFER + "send_at = 2026-11-30\n",
        3,
        11,
        "offers[1].send_at must be a TOML date-time like 2026-11-30T09:00:00 (no quotes), "
        "not a date",
    ),
    "send at as a time": (
        OFFER + "send_at = 09:00:00\n",
        3,
        11,
        "not a time of day",
    ),
    "send at with a time zone": (
        OFFER + "send_at = 2026-11-30T09:00:00+01:00\n",
        3,
        11,
        "offers[1].send_at must be a TOML date-time like 2026-11-30T09:00:00 (no quotes), "
        "without a time zone",
    ),
}


@pytest.mark.parametrize("name", list(BAD_CARE_FILES))
def test_bad_care_field_names_the_line_and_is_never_overwritten(path, name):
    text, line, col, words = BAD_CARE_FILES[name]
    write(path, text)
    before = path.read_bytes()
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    err = info.value
    message = str(err)
    assert message.startswith(f"{path}:{line}:{col}: "), message
    assert (err.line, err.col) == (line, col)
    assert words in message
    assert "\n" not in message
    with pytest.raises(WorkbookError, match="not loaded"):
        store.save(Workbook(), force=True)
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []


def test_a_bad_care_field_in_the_hand_written_file_names_its_line(path):
    write(path, CARE.replace('kind = "call"', "kind = 3"))
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    line = CARE.split("\n").index('kind = "call"') + 1
    assert str(info.value).startswith(f"{path}:{line}:8: offers[1].log[2].kind must be a string")


def test_terms_written_with_dotted_keys_are_edited_and_emptied(path):
    text = '[[offers]]\nid = "a"\nreconsider.salary = 5\nreconsider.title = "x"\n'
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].reconsider == Terms(salary=5, title="x")
    wb.offers[0].reconsider.salary = 6  # type: ignore[union-attr]
    assert "reconsider.salary = 6\n" in saved(store, wb, path)
    wb.offers[0].reconsider = Terms()
    store.save(wb)
    assert "reconsider" not in path.read_text()
    assert reload(path).offers[0].reconsider is None


def test_the_readme_example_is_a_workbook_this_version_reads(path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The workbook file", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    write(path, example)
    store = Store(path)
    wb = store.load()
    offer = wb.offers[0]
    assert wb.checkin_months == [3, 6, 12]
    assert offer.send_at == datetime(2026, 11, 30, 9, 0)
    assert offer.reconsider is not None and offer.reconsider.remote == "remote"
    assert offer.counter == Terms(salary=135000)
    assert [c.name for c in offer.contacts] == ["María López"]
    assert [(e.kind, e.channel) for e in offer.log] == [("call", "phone")]
    store.save(wb)
    assert path.read_text(encoding="utf-8") == example


# --------------------------------------------------------------------------- properties

MONTHS = st.lists(st.integers(1, MAX_CHECKIN_MONTHS), max_size=4)
SALARY = st.one_of(st.none(), st.integers(0, 2**63 - 1))
TERMS = st.one_of(
    st.none(),
    st.builds(
        Terms,
        salary=SALARY,
        remote=st.one_of(st.sampled_from(["", "on-site", "hybrid", "remote"]), ANY_TEXT),
        title=ANY_TEXT,
        start=DATES,
        notes=ANY_TEXT,
    ).map(lambda t: None if t.is_empty() else t),  # empty terms are no terms
)
CONTACT = st.builds(Contact, name=ANY_TEXT, role=ANY_TEXT, email=ANY_TEXT, linkedin=ANY_TEXT)
INTERACTIONS = st.builds(
    Interaction, date=st.dates(), kind=ANY_TEXT, channel=ANY_TEXT, note=ANY_TEXT
)
LOG = st.lists(INTERACTIONS, max_size=4)


@st.composite
def care_offers(draw) -> list[Offer]:
    """test_store's generated offers, with every care field drawn too."""
    out = draw(base_offers())
    for offer in out:
        offer.interviews = draw(st.integers(0, 2**63 - 1))
        offer.referrer = draw(ANY_TEXT)
        offer.referrer_email = draw(ANY_TEXT)
        offer.firm = draw(st.booleans())
        offer.reconsider = draw(TERMS)
        offer.counter = draw(TERMS)
        offer.counter_received = draw(DATES)
        offer.contacts = draw(st.lists(CONTACT, max_size=3))
        offer.log = draw(LOG)
        offer.send_at = draw(st.one_of(st.none(), st.datetimes()))
        offer.declined_on = draw(DATES)
        offer.checkin_months = draw(st.one_of(st.none(), MONTHS))
        offer.signed_on = draw(DATES)
        offer.start_date = draw(DATES)
    return out


OFFER_FIELDS = {f.name for f in dataclasses.fields(Offer)}


def _same_entry(raw: dict[str, Any], entry: Any) -> None:
    """A table as the standard library reads it holds what a Contact, Interaction or Terms
    says: a missing key its default, a date-time its day; other keys are the person's own."""
    for f in dataclasses.fields(entry):
        value = getattr(entry, f.name)
        got = raw.get(f.name, f.default)
        if isinstance(got, datetime) and not isinstance(value, datetime):
            got = got.date()
        assert got == value, f.name


def _check_other_parser(text: str, wb: Workbook) -> None:
    """The file means the same to the standard library's parser as to ours."""
    if tomllib is None:
        return
    data = tomllib.loads(text)
    months = data.get("settings", {}).get("checkin_months", list(DEFAULT_CHECKIN_MONTHS))
    assert months == wb.checkin_months
    for raw, offer in zip(data.get("offers", []), wb.offers, strict=True):
        for key, value in raw.items():
            if key in ("reconsider", "counter"):
                _same_entry(value, getattr(offer, key))
            elif key in ("contacts", "log"):
                entries = getattr(offer, key)
                assert len(value) == len(entries)
                for item, entry in zip(value, entries, strict=True):
                    _same_entry(item, entry)
            elif key in OFFER_FIELDS:
                assert value == getattr(offer, key), key
        for key in ("reconsider", "counter", "send_at", "checkin_months"):
            if key not in raw:
                assert getattr(offer, key) is None, key
        assert bool(raw.get("log")) == bool(offer.log)
        assert bool(raw.get("contacts")) == bool(offer.contacts)


@st.composite
def spliced(draw, entries: list[Any], strategy: st.SearchStrategy[Any]) -> list[Any]:
    """The list with a stretch cut out and new entries put in its place: a typical edit."""
    start = draw(st.integers(0, len(entries)))
    end = draw(st.integers(start, len(entries)))
    return [*entries[:start], *draw(st.lists(strategy, max_size=2)), *entries[end:]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=care_offers(),
    second=care_offers(),
    tpls=base_templates(),
    months=MONTHS,
    data=st.data(),
)
def test_property_care_fields_survive_save_edit_and_load(first, second, tpls, months, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook.toml"
        store = Store(path)
        store.load()
        wb = Workbook(profile=Profile(name="Sam"), offers=first, templates=tpls)
        wb.checkin_months = months
        store.save(wb)
        text = path.read_text(encoding="utf-8")
        assert Store(path).load() == wb
        _check_other_parser(text, wb)
        store.save(wb)  # nothing changed: nothing to write
        assert path.read_text(encoding="utf-8") == text

        # editing in place: the same ids, every other field new, some offers added
        edited = copy.deepcopy(wb)
        for old, new in zip(edited.offers, second, strict=False):
            new.id = old.id
        ids = {o.id for o in edited.offers}
        for new in second[len(edited.offers) :]:
            new.id = f"{new.id}-new"
            while new.id in ids:
                new.id += "x"
            ids.add(new.id)
        edited.offers = second
        edited.checkin_months = list(reversed(months))
        store.save(edited)
        assert Store(path).load() == edited
        _check_other_parser(path.read_text(encoding="utf-8"), edited)

        # the edits a person makes: a few log entries and contacts in, a few out
        for offer in edited.offers:
            offer.log = data.draw(spliced(offer.log, INTERACTIONS))
            offer.contacts = data.draw(spliced(offer.contacts, CONTACT))
        store.save(edited)
        assert Store(path).load() == edited
        _check_other_parser(path.read_text(encoding="utf-8"), edited)
        assert sorted(os.listdir(folder)) == ["workbook.toml"]
        assert mode(path) == 0o600


@settings(max_examples=60, deadline=None)
@given(note=ANY_TEXT, which=st.integers(0, 2))
def test_property_editing_one_log_note_leaves_the_other_entries_alone(note, which):
    """Whatever the new note says, the other log entries and every comment stay put."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "workbook.toml", CARE)
        store = Store(path)
        wb = store.load()
        wb.offers[0].log[which].note = note
        store.save(wb)
        assert Store(path).load() == wb
        text = path.read_text(encoding="utf-8")
        others = [e for k, e in enumerate(wb.offers[0].log) if k != which]
        for entry in others:
            assert f'note = "{entry.note}"' in text
        for comment in ("# the call", "# met at the onsite", "# what would change my mind"):
            assert comment in text
        assert tomlkit.parse(text)["offers"][0]["log"][1]["mood"] == "good"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reconsider=TERMS, counter=TERMS, months=st.one_of(st.none(), MONTHS), data=st.data())
def test_property_any_care_edit_to_the_hand_written_file(reconsider, counter, months, data):
    """Edits of the log, contacts and terms of a hand-kept file keep what they did not touch."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "workbook.toml", CARE)
        store = Store(path)
        wb = store.load()
        acme, globex = wb.offers
        acme.log = data.draw(spliced(acme.log, INTERACTIONS))
        acme.contacts = data.draw(spliced(acme.contacts, CONTACT))
        globex.log = data.draw(spliced(globex.log, INTERACTIONS))
        acme.reconsider, globex.counter = reconsider, counter
        acme.checkin_months = months
        store.save(wb)
        back = Store(path).load()
        assert back.offers[0].log == acme.log
        assert back.offers[0].contacts == acme.contacts
        assert back.offers[0].checkin_months == months
        text = path.read_text(encoding="utf-8")
        _check_other_parser(text, back)
        for line in ("# four rounds!", "[plugins.calendar]", 'theme = "dark"', 'id = "globex"'):
            assert line in text
        store.save(back)  # and the file it wrote is one it can save unchanged
        assert path.read_text(encoding="utf-8") == text


def test_dates_at_the_edges(path):
    store = Store(path)
    store.load()
    wb = Workbook(
        offers=[
            Offer(
                id="a",
                send_at=datetime(1, 1, 1),
                declined_on=date(9999, 12, 31),
                log=[Interaction(date(1, 1, 1)), Interaction(date(9999, 12, 31))],
                counter=Terms(start=date(1, 1, 1)),
            ),
            Offer(id="b", send_at=datetime(9999, 12, 31, 23, 59, 59, 999999)),
        ]
    )
    saved(store, wb, path)
    wb.offers[0].send_at += timedelta(microseconds=1)  # type: ignore[operator]
    saved(store, wb, path)
