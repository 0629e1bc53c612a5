"""Marking a draft as sent logs it as what it is; copying and saving name what to fix first."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from decline_tui.core.care import log_sent, plan_sent, reminders
from decline_tui.core.checklist import FAIL, PASS, WARN, Finding
from decline_tui.core.compose import Draft
from decline_tui.core.leaving import clip, fix_first, must_fix
from decline_tui.core.model import Interaction, Offer, Terms, Workbook

TODAY = date(2026, 11, 25)


def _sent(wb: Workbook, offer: Offer, day: date, template: str = "standard") -> None:
    """The person marks the email draft of `template` as sent on `day`, as the app logs it."""
    plan = plan_sent(wb, offer, template, "email", day)
    log_sent(offer, plan.entry, declines=plan.declines)


@pytest.fixture
def wb() -> Workbook:
    offer = Offer(
        id="acme",
        company="Acme Corp",
        role="Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        referrer="Jordan Park",
        referrer_email="jordan@example.com",
    )
    return Workbook(offers=[offer])


def test_a_decline_says_what_it_logs_and_changes_nothing(wb):
    offer = wb.offers[0]
    before = copy.deepcopy(offer)
    plan = plan_sent(wb, offer, "standard", "email", TODAY)
    assert offer == before  # only a plan: nothing logged yet
    assert (plan.entry.kind, plan.entry.channel, plan.entry.date) == ("declined", "email", TODAY)
    assert plan.declines and plan.already is None
    assert plan.checkins == (date(2027, 2, 25), date(2027, 5, 25), date(2027, 11, 25))
    assert plan.title() == "Mark as sent?"
    assert plan.question().startswith(
        "Log the decline to María López (Acme Corp) as sent today (2026-11-25)?"
    )
    assert "check-ins scheduled for 2027-02-25, 2027-05-25 and 2027-11-25" in plan.question()

    log_sent(offer, plan.entry, declines=plan.declines)
    assert offer.status == "declined" and offer.declined_on == TODAY
    assert [r.due for r in reminders(wb, TODAY)] == list(plan.checkins)


def test_a_second_decline_is_caught(wb):
    offer = wb.offers[0]
    _sent(wb, offer, date(2025, 3, 11))
    plan = plan_sent(wb, offer, "standard", "email", TODAY)
    assert plan.already == date(2025, 3, 11)
    assert plan.title() == "Log it again?"
    assert plan.question().startswith("Already logged as sent on 2025-03-11.")
    assert "as sent again today" in plan.question()
    assert plan.checkins == ()


def test_no_check_ins_when_the_door_is_closed(wb):
    offer = wb.offers[0]
    offer.future_open = False
    plan = plan_sent(wb, offer, "standard", "email", TODAY)
    assert plan.checkins == ()
    assert "no check-ins are scheduled" in plan.question()


@pytest.mark.parametrize(
    "template, kind, words",
    [
        ("recruiter-reply", "reply", "recruiter"),
        ("recruiter-final", "reply", "recruiter"),
        ("counter-open", "reply", "counter-offer"),
        ("rescind", "sent", "withdrawing"),
        ("referrer-note", "sent", "Jordan Park"),
        ("checkin-note", "check-in", "check-in"),
    ],
)
def test_other_kinds_log_as_what_they_are_and_leave_the_status(wb, template, kind, words):
    offer = wb.offers[0]
    plan = plan_sent(wb, offer, template, "email", TODAY)
    assert plan.entry.kind == kind and words in plan.entry.note
    assert not plan.declines and plan.checkins == ()
    assert f"as “{kind}”" in plan.question() and "stays “deciding”" in plan.question()
    log_sent(offer, plan.entry, declines=plan.declines)
    assert offer.status == "deciding" and offer.declined_on is None
    assert reminders(wb, TODAY) == []


def test_a_referrer_note_is_to_the_referrer(wb):
    plan = plan_sent(wb, wb.offers[0], "referrer-note", "email", TODAY)
    assert plan.to == "Jordan Park"
    assert plan.entry.note == "Sent a note to Jordan Park, who referred me, by email"


def test_the_same_note_twice_a_day_is_caught_but_not_months_later(wb):
    offer = wb.offers[0]
    _sent(wb, offer, date(2026, 8, 1), "checkin-note")
    assert plan_sent(wb, offer, "checkin-note", "email", TODAY).already is None
    _sent(wb, offer, TODAY, "checkin-note")
    assert plan_sent(wb, offer, "checkin-note", "email", TODAY).already == TODAY


def test_declining_a_counter_is_not_a_second_decline(wb):
    offer = wb.offers[0]
    _sent(wb, offer, date(2026, 11, 1))
    offer.counter = Terms(salary=150000)
    offer.counter_received = date(2026, 11, 20)
    plan = plan_sent(wb, offer, "counter-decline", "email", TODAY)
    assert plan.already is None and plan.entry.kind == "declined"
    assert plan.what == "the reply declining a counter-offer"
    log_sent(offer, plan.entry, declines=True)
    assert plan_sent(wb, offer, "counter-decline", "email", TODAY).already == TODAY


def test_the_channel_follows_the_medium(wb):
    offer = wb.offers[0]
    assert plan_sent(wb, offer, "phone", "phone", TODAY).entry.channel == "phone"
    assert plan_sent(wb, offer, "linkedin", "linkedin", TODAY).entry.channel == "linkedin"


def test_a_plan_to_send_is_done_once_sent(wb):
    offer = wb.offers[0]
    offer.send_at = None
    _sent(wb, offer, TODAY, "recruiter-reply")
    assert offer.log == [
        Interaction(TODAY, "reply", "email", "Replied to the recruiter's follow-up by email")
    ]


# --------------------------------------------------------------------------- before it leaves


def _email(subject: str = "Job offer – Sam Lee") -> Draft:
    return Draft("email", "standard", subject, "Dear María,\n\nThank you.\n\nBest,\nSam\n")


def test_copying_an_email_keeps_the_subject_apart():
    draft = _email()
    got = clip(draft, draft.text, edited=False)
    assert got.text == "Dear María,\n\nThank you.\n\nBest,\nSam\n"
    assert got.subject == "Job offer – Sam Lee" and got.what == "the body" and got.words == 6


def test_an_edited_email_keeps_its_own_subject_or_the_template_one():
    draft = _email()
    own = clip(draft, "Subject: Mine\n\nHi María,\nSam", edited=True)
    assert (own.subject, own.text) == ("Mine", "Hi María,\nSam\n")
    bare = clip(draft, "Hi María,\nSam", edited=True)
    assert (bare.subject, bare.text) == ("Job offer – Sam Lee", "Hi María,\nSam\n")


def test_a_phone_script_or_linkedin_note_is_copied_as_it_is():
    for medium, what in (("phone", "the phone script"), ("linkedin", "the LinkedIn note")):
        draft = Draft(medium, medium, "Call notes", "Hi María, thank you.")
        got = clip(draft, "Hi María, thank you.", edited=False)
        assert got.subject is None and got.what == what
        assert got.text.startswith("Hi María, thank you.")


def test_only_failed_rules_about_the_words_hold_a_draft_back():
    text = "Dear [Name],\n\nI accepted at Globex.\n\nBest,\nSam"
    findings = [
        Finding("placeholders", FAIL, "Unfilled placeholder", ((5, 11),)),
        Finding("gratitude", FAIL, "The message never thanks them"),
        Finding("no-other-company", FAIL, "Names Globex", ((26, 32),)),
        Finding("timely", FAIL, "The deadline passed"),
        Finding("send-time", FAIL, "Late at night"),
        Finding("brief-reason", WARN, "No reason"),
        Finding("closing", PASS, "Signed"),
    ]
    failing = must_fix(findings, text, skip={"no-other-company"})
    assert [(f.rule, f.title, f.words) for f in failing] == [
        ("placeholders", "No placeholders left", ("[Name]",)),
        ("gratitude", "Thanks for the offer", ()),
    ]
    message = fix_first(failing, "Copy")
    assert "• No placeholders left: “[Name]”\n• Thanks for the offer" in message
    assert message.endswith(
        "Fix it shows the first in the checklist; Copy anyway goes ahead as it is."
    )
    assert must_fix([f for f in findings if f.status != FAIL], text) == []


def test_long_stretches_are_not_quoted():
    text = "x" * 100
    failing = must_fix([Finding("no-negativity", FAIL, "m", ((0, 100), (0, 3)))], text)
    assert failing[0].words == ("xxx",)
