"""Relationship care: decline dates, check-in reminders, medium and send-time advice."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from decline_tui.core.care import (
    add_months,
    decline_date,
    log_sent,
    note_declined,
    plan_sent,
    reminders,
    send_advice,
    suggest_call,
    upcoming,
)
from decline_tui.core.model import Interaction, Offer, Terms, Workbook
from decline_tui.core.parsing import (
    FormError,
    parse_contact,
    parse_interaction,
    parse_send_at,
    parse_terms,
)


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 26), 3, date(2027, 2, 26)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 11, 26), 12, date(2027, 11, 26)),
        (date(2026, 12, 15), 6, date(2027, 6, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_decline_date_prefers_the_log():
    offer = Offer(id="a", status="declined", declined_on=date(2026, 11, 20))
    assert decline_date(offer) == date(2026, 11, 20)
    offer.log.append(Interaction(date(2026, 11, 18), "declined"))
    offer.log.append(Interaction(date(2026, 11, 19), "declined"))
    assert decline_date(offer) == date(2026, 11, 18)


def test_status_set_by_hand_is_dated_the_day_it_is_first_seen():
    wb = Workbook(offers=[Offer(id="a", status="declined"), Offer(id="b", status="deciding")])
    changed = note_declined(wb, date(2026, 11, 26))
    assert [o.id for o in changed] == ["a"]
    assert wb.offers[0].declined_on == date(2026, 11, 26)
    assert note_declined(wb, date(2026, 12, 1)) == []  # first seen stays first seen
    assert wb.offers[0].declined_on == date(2026, 11, 26)


def test_logging_a_sent_decline_declines_the_offer():
    offer = Offer(id="a", send_at=datetime(2026, 11, 30, 9))
    plan = plan_sent(Workbook(offers=[offer]), offer, "standard", "phone", date(2026, 11, 26))
    log_sent(offer, plan.entry, declines=plan.declines)
    entry = plan.entry
    assert entry.kind == "declined" and entry.channel == "phone"
    assert offer.status == "declined" and offer.send_at is None
    assert offer.log == [entry] and offer.declined_on == date(2026, 11, 26)


def test_reminders_at_3_6_12_months_and_ticked_off_by_check_ins():
    offer = Offer(id="a", company="Acme", contact_name="María", status="declined")
    offer.log.append(Interaction(date(2026, 11, 26), "declined"))
    wb = Workbook(offers=[offer, Offer(id="b", status="deciding")])
    due = [(r.months, r.due, r.done) for r in reminders(wb, date(2026, 11, 26))]
    assert due == [
        (3, date(2027, 2, 26), False),
        (6, date(2027, 5, 26), False),
        (12, date(2027, 11, 26), False),
    ]
    offer.log.append(Interaction(date(2027, 3, 1), "check-in", note="Congrats on the launch"))
    rs = reminders(wb, date(2027, 3, 2))
    assert [(r.months, r.done) for r in rs] == [(6, False), (12, False), (3, True)]
    assert [r.months for r in upcoming(wb, date(2027, 3, 2))] == [6, 12]
    assert rs[0].contact == "María" and rs[0].company == "Acme"


def test_reminder_status_words():
    offer = Offer(id="a", status="declined", declined_on=date(2026, 1, 10))
    wb = Workbook(offers=[offer])
    first = reminders(wb, date(2026, 4, 1))[0]
    assert first.due == date(2026, 4, 10)
    assert first.status(date(2026, 4, 1)) == "due soon"
    assert first.status(date(2026, 3, 1)) == "later"
    assert first.status(date(2026, 4, 11)) == "overdue"


def test_custom_months_and_closed_doors():
    offer = Offer(id="a", status="declined", declined_on=date(2026, 1, 10), checkin_months=[1])
    closed = Offer(id="b", status="declined", declined_on=date(2026, 1, 10), future_open=False)
    wb = Workbook(offers=[offer, closed], checkin_months=[2, 4])
    assert [(r.offer_id, r.months) for r in reminders(wb, date(2026, 1, 10))] == [("a", 1)]
    offer.checkin_months = None
    assert [r.months for r in reminders(wb, date(2026, 1, 10))] == [2, 4]


def test_a_decline_made_by_hand_counts_from_today_and_says_so():
    """status = "declined" typed into the file: no log, no declined_on. Reading must not
    write, so the check-ins count from today and are marked as counted from an assumed date."""
    by_hand = Offer(id="a", company="Acme", status="declined")
    dated = Offer(id="b", status="declined", declined_on=date(2026, 1, 10))
    wb = Workbook(offers=[by_hand, dated])
    rs = [r for r in reminders(wb, date(2026, 11, 26)) if r.offer_id == "a"]
    assert [(r.months, r.due, r.assumed) for r in rs] == [
        (3, date(2027, 2, 26), True),
        (6, date(2027, 5, 26), True),
        (12, date(2027, 11, 26), True),
    ]
    assert not any(r.assumed for r in reminders(wb, date(2026, 11, 26)) if r.offer_id == "b")
    assert by_hand.declined_on is None  # nothing written


def test_suggest_call():
    assert "call first" in suggest_call(Offer(id="a", channel="phone"))
    assert "4 rounds" in suggest_call(Offer(id="a", channel="email", interviews=4))
    assert suggest_call(Offer(id="a", channel="email", interviews=1)) is None


def test_send_advice():
    friday_pm = datetime(2026, 11, 27, 15, 0)
    assert send_advice(friday_pm) == "Better to send Monday 30 November at 09:00."
    assert send_advice(datetime(2026, 11, 25, 10, 0)) == "Now is a good time to send."
    planned = datetime(2026, 11, 30, 9, 0)
    assert send_advice(friday_pm, planned) == "Planned to send Monday 30 November at 09:00."
    assert send_advice(datetime(2026, 11, 30, 9, 5), planned).startswith("The planned time")


# --------------------------------------------------------------------------- form values

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "salary, expected",
    [("120000", 120000), ("120,000", 120000), ("120k", 120000), ("£95 000", 95000), ("", None)],
)
def test_parse_terms_salary(salary, expected):
    terms = parse_terms({"salary": salary, "title": "Lead"}, TODAY)
    assert terms is not None and terms.salary == expected


def test_parse_terms_errors_and_empty():
    assert parse_terms({}, TODAY) is None
    with pytest.raises(FormError) as exc:
        parse_terms({"salary": "lots", "remote": "moon", "start": "soon"}, TODAY)
    assert set(exc.value.errors) == {"salary", "remote", "start"}
    assert parse_terms({"remote": "Remote", "start": "2027-01-15"}, TODAY) == Terms(
        remote="remote", start=date(2027, 1, 15)
    )


def test_parse_interaction():
    entry = parse_interaction({"kind": "follow-up", "channel": "phone", "note": " Called "}, TODAY)
    assert (entry.date, entry.kind, entry.channel, entry.note) == (
        TODAY,
        "follow-up",
        "phone",
        "Called",
    )
    with pytest.raises(FormError) as exc:
        parse_interaction({"date": "2026-02-30", "kind": "gossip", "channel": "pigeon"}, TODAY)
    assert set(exc.value.errors) == {"date", "kind", "channel"}


def test_parse_contact():
    c = parse_contact({"name": " Tom ", "linkedin": "https://www.linkedin.com/in/tom"})
    assert c.name == "Tom"
    with pytest.raises(FormError) as exc:
        parse_contact({"name": "", "email": "nope", "linkedin": "ftp://x"})
    assert set(exc.value.errors) == {"name", "email", "linkedin"}


def test_parse_send_at():
    friday_pm = datetime(2026, 11, 27, 15, 0)
    assert parse_send_at("", friday_pm) is None
    assert parse_send_at("next", friday_pm) == datetime(2026, 11, 30, 9, 0)
    assert parse_send_at("2026-11-30 10:15", friday_pm) == datetime(2026, 11, 30, 10, 15)
    with pytest.raises(FormError):
        parse_send_at("2026-11-01 10:00", friday_pm)
    with pytest.raises(FormError):
        parse_send_at("monday-ish", friday_pm)


def test_parse_months():
    from decline_tui.core.parsing import parse_months

    assert parse_months("12, 3 6") == [3, 6, 12]
    for bad in ("", "0", "x", "3, -1", "99999"):
        with pytest.raises(FormError):
            parse_months(bad)
