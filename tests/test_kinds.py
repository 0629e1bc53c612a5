"""Each kind of message has its recipient and its rules; the checklist follows the kind."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from decline_tui.core.checklist import (
    FAIL,
    PASS,
    RULES,
    SKIP,
    WARN,
    CheckContext,
    check,
    context_for,
)
from decline_tui.core.kinds import ALL_RULES, KINDS, REFERRER, TEMPLATE_KINDS, kind_of
from decline_tui.core.model import Offer, Profile, Terms, Workbook
from decline_tui.core.templates import SCENARIO_TEMPLATES, THANKS_TEMPLATES, all_templates

NOW = datetime(2025, 3, 11, 10, 30)  # a Tuesday morning


def found(text: str, **ctx) -> dict:
    ctx.setdefault("now", NOW)
    return {f.rule: f for f in check(text, CheckContext(**ctx))}


def test_the_kinds_know_every_rule_and_every_scenario_template():
    assert set(RULES) == ALL_RULES
    for kind in KINDS.values():
        assert kind.rules <= ALL_RULES
    # Every scenario reply has its kind; so have the call's confirming email and the LinkedIn
    # note, declines that leave parts out on purpose; and the thank-you notes to each person met.
    assert set(TEMPLATE_KINDS) == set(SCENARIO_TEMPLATES) | set(THANKS_TEMPLATES) | {
        "call-followup",
        "linkedin",
    }
    for name in all_templates():
        assert kind_of(name).name in KINDS
    assert kind_of("my-own-template").name == "decline"


def test_a_checkin_note_needs_no_decline_and_says_why_a_rule_is_skipped():
    text = "Hi Maria,\n\nCongratulations on the launch! I hope the team is well.\n\nBest,\nSam"
    f = found(text, kind="checkin", recipient="Maria", sender="Sam")
    for rule in ("clear-decline", "brief-reason", "door-open", "gratitude"):
        assert f[rule].status == SKIP
        assert f[rule].message == "Not checked for a check-in note."
    # Timed from the check-in's due date, never the offer's deadline: none is given here.
    assert f["timely"].status == SKIP and "No check-in is due" in f["timely"].message
    assert not [r for r, x in f.items() if x.status == FAIL]
    # The same text as a decline fails: it declines nothing.
    assert found(text, recipient="Maria", sender="Sam")["clear-decline"].status == FAIL


def test_a_counter_open_is_not_checked_as_firm_even_for_a_firm_offer():
    wb = Workbook(profile=Profile(name="Sam Lee"))
    offer = Offer(id="a", company="Acme", contact_name="Maria", firm=True)
    assert context_for(wb, offer, "email", NOW, "counter-open").firm is False
    assert context_for(wb, offer, "email", NOW, "counter-decline").firm is True
    assert context_for(wb, offer, "email", NOW, "standard").firm is True
    assert context_for(wb, offer, "email", NOW, "checkin-note").firm is False


def test_a_note_to_the_referrer_is_addressed_to_the_referrer():
    wb = Workbook()
    offer = Offer(id="a", contact_name="Maria Lopez", referrer="Ana Torres")
    assert kind_of("referrer-note").recipient == REFERRER
    assert context_for(wb, offer, "email", NOW, "referrer-note").recipient == "Ana Torres"
    assert context_for(wb, offer, "email", NOW, "standard").recipient == "Maria Lopez"


@pytest.mark.parametrize(
    ("came", "status"),
    [(date(2025, 3, 10), PASS), (date(2025, 3, 11), PASS), (date(2025, 3, 4), WARN)],
)
def test_answering_a_counter_counts_from_the_counter_offer(came, status):
    """The first offer came a month ago and its deadline passed: the counter is what counts."""
    text = "Dear Maria,\n\nThank you for the improved offer.\n\nBest regards,\nSam"
    ctx = dict(received=date(2025, 2, 1), deadline=date(2025, 2, 15), counter_received=came)
    f = found(text, kind="counter-decline", **ctx)["timely"]
    assert f.status == status, f.message
    assert "counter-offer" in f.message
    # A first decline of the same offer is late.
    assert found(text, **ctx)["timely"].status == FAIL


def test_a_planned_send_time_satisfies_send_time():
    friday_evening = datetime(2025, 3, 14, 19, 0)
    text = "Dear Maria,\n\nThank you.\n\nBest regards,\nSam"
    assert found(text, now=friday_evening)["send-time"].status == WARN
    planned = found(text, now=friday_evening, send_at=datetime(2025, 3, 17, 9, 30))["send-time"]
    assert planned.status == PASS
    assert "Planned for" in planned.message
    badly = found(text, now=friday_evening, send_at=datetime(2025, 3, 15, 23, 0))["send-time"]
    assert badly.status == WARN
    assert "outside business hours" in badly.message


def test_the_plan_counts_only_while_the_decline_is_still_to_send():
    wb = Workbook()
    plan = datetime(2025, 3, 12, 9, 0)
    offer = Offer(id="a", send_at=plan, counter=Terms(salary=1))
    assert context_for(wb, offer, "email", NOW, "standard").send_at == plan
    assert context_for(wb, offer, "email", NOW, "checkin-note").send_at is None
    offer.status = "declined"
    assert context_for(wb, offer, "email", NOW, "standard").send_at is None


def test_the_referrer_note_eml_goes_to_the_referrer():
    from email import message_from_bytes

    from decline_tui.core.compose import render_offer
    from decline_tui.core.export import draft_as_eml

    wb = Workbook(profile=Profile(name="Sam Lee", email="sam@example.com"))
    offer = Offer(
        id="a",
        company="Acme Corp",
        contact_name="Maria Lopez",
        contact_email="maria@acme.example",
        referrer="Ana Torres",
        referrer_email="ana@example.org",
        status="declined",
    )
    wb.offers.append(offer)
    note = message_from_bytes(
        draft_as_eml(render_offer(wb, offer, template="referrer-note"), offer, wb.profile, now=NOW)
    )
    assert note["To"] == "Ana Torres <ana@example.org>"
    decline = message_from_bytes(draft_as_eml(render_offer(wb, offer), offer, wb.profile, now=NOW))
    assert decline["To"] == "Maria Lopez <maria@acme.example>"


def test_a_reply_saved_to_a_file_is_not_named_as_the_decline():
    from decline_tui.core.export import default_export_name

    offer = Offer(id="a", company="Acme Corp")
    assert default_export_name(offer, "email") == "decline-acme-corp-email.txt"
    assert default_export_name(offer, "email", template="warm") == "decline-acme-corp-email.txt"
    assert (
        default_export_name(offer, "email", ".eml", template="counter-open")
        == "counter-open-acme-corp.eml"
    )


def test_no_recruiter_reply_for_an_offer_set_back_to_deciding():
    from decline_tui.core.model import Interaction
    from decline_tui.core.scenarios import recruiter_reply

    offer = Offer(id="a", status="declined", declined_on=date(2025, 3, 1))
    offer.log = [
        Interaction(date(2025, 3, 1), kind="declined"),
        Interaction(date(2025, 3, 4), kind="follow-up"),
    ]
    assert recruiter_reply(offer)[0] == "recruiter-reply"
    offer.status = "deciding"
    name, why = recruiter_reply(offer)
    assert name == "" and "not declined" in why
