"""Every change the app makes goes through the session (issue 15): each one tested here,
headless, where the screens only ask and show."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from decline_tui.core import care, scenarios
from decline_tui.core.model import Contact, Interaction, Offer, Profile, Terms, Workbook
from decline_tui.core.parsing import FieldError, FormError
from decline_tui.core.session import MUTATIONS, Changed, Session
from decline_tui.core.store import Store

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 30)


@pytest.fixture
def session(tmp_path) -> Session:
    offer = Offer(
        id="acme",
        company="Acme",
        role="Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        contacts=[Contact("Dev Patel", "Engineer")],
    )
    return Session(Store(tmp_path / "wb.toml"), Workbook(offers=[offer]))


def test_a_log_entry_with_the_offers_own_contact_is_stored_as_no_one_in_particular(session):
    offer = session.wb.offers[0]
    main, names = session.log_people(offer)
    assert main == "María López" and names == ("María López", "Dev Patel")
    entry = session.save_interaction(
        offer, None, {"kind": "call", "contact": "María  López", "note": "hi"}, TODAY
    )
    assert entry.contact == "" and offer.log == [entry]
    session.save_interaction(offer, 0, {"kind": "call", "contact": "Dev Patel"}, TODAY)
    assert offer.log[0].contact == "Dev Patel" and len(offer.log) == 1
    with pytest.raises(FormError) as bad:
        session.save_interaction(offer, None, {"date": "31/31", "kind": "nope"}, TODAY)
    assert set(bad.value.errors) == {"date", "kind"} and len(offer.log) == 1


def test_contacts_are_added_replaced_and_deleted(session):
    offer = session.wb.offers[0]
    session.save_contact(offer, None, {"name": "Lena", "note": "her move from Berlin"})
    assert offer.contacts[-1] == Contact("Lena", note="her move from Berlin")
    session.save_contact(offer, 1, {"name": "Lena Fischer"})
    assert offer.contacts[1].name == "Lena Fischer"
    with pytest.raises(FormError):
        session.save_contact(offer, None, {"name": "", "email": "x"})
    assert session.delete_record(offer, "contact", 0)
    assert [c.name for c in offer.contacts] == ["Lena Fischer"]
    assert not session.delete_record(offer, "contact", 5)  # gone already: nothing happens
    offer.log.append(Interaction(TODAY))
    assert session.delete_record(offer, "log", 0) and offer.log == []


def test_terms_plans_and_months(session):
    offer = session.wb.offers[0]
    session.set_reconsider(offer, {"salary": "150k", "remote": "remote"}, TODAY, firm=False)
    assert offer.reconsider == Terms(salary=150000, remote="remote") and not offer.firm
    with pytest.raises(FormError) as bad:
        session.set_counter(offer, {"salary": "lots"}, "not a day", TODAY)
    assert set(bad.value.errors) == {"salary", "received"} and offer.counter is None
    session.set_counter(offer, {"salary": "140000"}, "2026-11-24", TODAY)
    assert offer.counter.salary == 140000 and offer.counter_received == date(2026, 11, 24)
    session.plan_send(offer, "2026-11-30 09:00", NOW)
    assert offer.send_at == datetime(2026, 11, 30, 9, 0)
    session.plan_send(offer, "", NOW)
    assert offer.send_at is None
    session.set_checkin_months(offer, "1, 2", this_offer=True)
    assert offer.checkin_months == [1, 2] and session.wb.checkin_months == [3, 6, 12]
    session.set_checkin_months(offer, "4", this_offer=False)
    assert session.wb.checkin_months == [4]


def test_logging_a_sent_decline_declines_the_offer(session):
    offer = session.wb.offers[0]
    plan = care.plan_sent(session.wb, offer, "standard", "email", TODAY)
    session.log_sent(offer, plan)
    assert offer.status == "declined" and offer.log[-1].kind == "declined"


def test_templates_are_copied_by_name_and_saved_for_the_offer(session):
    offer = session.wb.offers[0]
    first = session.template_to_edit(offer, "email")
    assert first.name == "my-standard" and not first.builtin
    session.save_template(offer, first, first.name)
    assert offer.template == "my-standard" and "my-standard" in session.wb.templates
    # The person's own is edited as it is; renamed, the old name goes.
    again = session.template_to_edit(offer, "email")
    assert again is session.wb.templates["my-standard"]
    again.name = "short"
    session.save_template(offer, again, "my-standard")
    assert list(session.wb.templates) == ["short"] and offer.template == "short"
    # A second copy of the built-in does not take the first one's name.
    offer.template = "standard"
    session.save_template(offer, session.template_to_edit(offer, "email"), "")
    offer.template = "standard"
    assert session.template_to_edit(offer, "email").name == "my-standard-2"


def test_status_profile_and_theme(session):
    offer = session.wb.offers[0]
    seen = [offer.status]
    for _ in range(10):
        offer.status = session.next_status(offer)
        seen.append(offer.status)
    assert seen[0] == seen[len(set(seen))]  # round and back
    session.set_profile(Profile("Sam Lee", "sam@example.com"))
    assert session.wb.profile.name == "Sam Lee"
    assert session.set_theme("nord") and not session.set_theme("nord")


@pytest.mark.parametrize(
    ("tab", "setup", "wants"),
    [
        ("counter-offer", {"counter": Terms(salary=1)}, "counter-"),
        ("persistent-recruiter", {"status": "declined"}, "recruiter-reply"),
        ("multiple-offers", {"status": "accepted"}, "rescind"),
        ("follow-up", {"referrer": "Ana"}, "referrer-note"),
        ("follow-up", {"status": "declined"}, "checkin-note"),
        ("follow-up", {}, ""),
    ],
)
def test_the_reply_a_tab_drafts(session, tab, setup, wants):
    offer = session.wb.offers[0]
    for key, value in setup.items():
        setattr(offer, key, value)
    if tab == "persistent-recruiter":
        offer.log += [Interaction(date(2026, 11, 20), "declined"), Interaction(TODAY, "follow-up")]
    name, why = scenarios.reply_for(session.wb, offer, tab)
    assert name.startswith(wants) if wants else name == ""
    assert why


# ---------------------------------------------------------------- the session tells its screen

READS = {
    "open",
    "start",
    "listen",
    "unlisten",
    "changed",
    "reply_of",
    "medium_of",
    "context",
    "draft_key",
    "view",
    "outgoing",
    "templates_for",
    "dismissable",
    "rule_off",
    "next_status",
    "template_to_edit",
    "log_people",
    "save",
    "disk_problem",
}
DELEGATES = {"toggle_dismissed", "toggle_rule"}  # each calls one of MUTATIONS


def test_every_session_method_is_a_read_or_tells_its_listeners():
    """A new method that changes the workbook and forgets to say so would leave the screen
    showing the old workbook, and the change unsaved: it must be marked @mutation."""
    public = {n for n in vars(Session) if not n.startswith("_")}
    assert public - READS - DELEGATES == MUTATIONS


@pytest.fixture
def heard(session):
    said: list[Changed] = []
    session.listen(said.append)
    return said


def test_a_change_is_told_once_and_no_change_not_at_all(session, heard):
    offer = session.wb.offers[0]
    assert session.set_field(offer, "role", "Lead Designer", TODAY)
    assert heard == [Changed(offer="acme")] and session.revision == 1
    assert not session.set_field(offer, "role", "Lead Designer", TODAY)  # as it was
    assert session.toggle_rule(offer, "spelling", workbook=False)
    assert session.set_theme("nord") and not session.set_theme("nord")
    assert session.delete_record(offer, "log", 3) is False  # nothing there
    assert heard == [Changed(offer="acme"), Changed(offer="acme"), Changed()]
    with pytest.raises(FieldError):
        session.set_field(offer, "deadline", "31/31", TODAY)
    assert len(heard) == 3 and session.revision == 3


def test_a_renamed_offer_is_told_by_its_new_id(session, heard):
    blank = session.new_offer(TODAY)
    assert heard[-1] == Changed(offer=blank.id, offers=True, select=blank.id)
    session.set_field(blank, "company", "Globex Ltd", TODAY)
    assert heard[-1] == Changed(offer="globex-ltd")


def test_offers_added_and_removed_say_which_to_show(session, heard):
    offer = session.wb.offers[0]
    twin = session.duplicate_offer(offer)
    third = session.new_offer(TODAY)
    session.delete_offer(twin)  # the one after it shows
    assert heard[-1] == Changed(offers=True, select=third.id)
    session.delete_offer(third)  # the last: the one before it
    assert heard[-1] == Changed(offers=True, select="acme")
    session.delete_offer(offer)
    assert heard[-1] == Changed(offers=True, select=None)


def test_the_workbook_read_again_from_its_file_is_not_unsaved(session, heard):
    session.store.load()  # the file is new: nothing to lose on disk
    session.save()
    session.reload()
    assert heard == [Changed(offers=True, unsaved=False)]
    session.replace(Workbook(), unsaved=True)
    assert heard[-1] == Changed(offers=True) and session.wb.offers == []


def test_a_listener_gone_hears_nothing(session, heard):
    session.unlisten(heard.append)
    session.unlisten(heard.append)  # twice: no harm
    session.set_profile(Profile(name="Sam"))
    assert heard == [] and session.revision == 1


def test_what_export_sends_is_the_decline_the_app_would_copy(session):
    """The CLI's export and the app's copy agree: the decline with the person's own edit,
    never the scenario reply the app is drafting; a template asked for gives its own words."""
    offer = session.wb.offers[0]
    session.take_over(offer, "Dear María,\n\nMy own words. I decline.\n\nBest,\nSam", "email")
    session.draft_reply(offer, "counter-decline")
    shown = session.view(offer, NOW)
    assert shown.reply == "counter-decline" and not shown.edited
    out = session.outgoing(offer, NOW)
    assert out.reply == "" and out.edited and out.text.startswith("Dear María,\n\nMy own words.")
    session.back_to_decline(offer)
    assert session.view(offer, NOW, spelling=False).findings == out.findings
    words = session.outgoing(offer, NOW, template="brief")
    assert not words.edited and words.draft.template == "brief" and "My own" not in words.text
