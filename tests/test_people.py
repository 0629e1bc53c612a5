"""People across offers (core.people): who is who, what happened with them, and when to
check in next. Fixed dates throughout; every function takes `today`."""

from __future__ import annotations

from datetime import date

import pytest

from decline_tui.core import care, people
from decline_tui.core.compose import render_offer
from decline_tui.core.model import Contact, Interaction, Offer, Profile, Workbook
from decline_tui.core.people import (
    checkin_draft,
    due_list,
    history,
    log_checkin,
    normalise_linkedin,
    person_for,
    snooze,
    unsnooze,
)

DECLINED = date(2027, 1, 1)


def declined(id: str, company: str, contact: str = "", email: str = "", **kw) -> Offer:
    """An offer declined on 1 January 2027, the door left open."""
    offer = Offer(
        id=id,
        company=company,
        role="Product Designer",
        contact_name=contact,
        contact_email=email,
        status="declined",
        **kw,
    )
    offer.log.append(Interaction(DECLINED, "declined", note="Sent the decline by email"))
    return offer


def book(*offers: Offer) -> Workbook:
    return Workbook(profile=Profile(name="Sam Lee"), offers=list(offers))


def one(wb: Workbook, today: date) -> people.Due:
    (due,) = due_list(wb, today)
    return due


# --------------------------------------------------------------------------- identity


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/Priya-K/",
        "http://linkedin.com/in/priya-k?utm_source=share",
        "linkedin.com/in/priya-k#about",
        "https://uk.linkedin.com/in/priya-k",
        "  www.LinkedIn.com/in/priya-k/  ",
    ],
)
def test_linkedin_urls_are_one_spelling(url):
    assert normalise_linkedin(url) == "linkedin.com/in/priya-k"


def test_the_same_email_in_any_case_is_the_same_person():
    acme = declined("acme", "Acme", "Priya Kumar", "Priya@Acme.example")
    bolt = Offer(
        id="bolt", company="Bolt", contact_name="Priya K.", contact_email="priya@acme.example"
    )
    (priya,) = people.people(book(acme, bolt))
    assert priya.key == "priya@acme.example"
    assert priya.offers == ("acme", "bolt") and priya.companies == ("Acme", "Bolt")


def test_the_same_linkedin_profile_is_the_same_person():
    acme = Offer(id="acme", company="Acme", contacts=[
        Contact("Priya Kumar", "Recruiter", linkedin="https://www.linkedin.com/in/priya-k/"),
    ])  # fmt: skip
    bolt = Offer(id="bolt", company="Bolt", contacts=[
        Contact("Priya Kumar", "Head of Talent", linkedin="linkedin.com/in/Priya-K?trk=x"),
    ])  # fmt: skip
    (priya,) = people.people(book(acme, bolt))
    assert priya.key == "linkedin.com/in/priya-k"
    assert priya.role == "Head of Talent"  # as she is now


def test_names_alone_never_join_people_across_offers():
    a = declined("acme", "Acme", "Alex Kim")
    b = declined("bolt", "Bolt", "Alex Kim")
    found = people.people(book(a, b))
    assert [p.key for p in found] == ["acme/Alex Kim", "bolt/Alex Kim"]
    assert len(due_list(book(a, b), DECLINED)) == 2


def test_within_an_offer_the_same_name_is_one_person():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    offer.contacts = [
        Contact(" maría  LÓPEZ ", "Hiring manager", linkedin="linkedin.com/in/maria"),
        Contact("Dan Wu", "Engineer"),
    ]
    found = people.people(book(offer))
    assert [(p.name, p.role, p.key) for p in found] == [
        ("María López", "Hiring manager", "maria@acme.example"),
        ("Dan Wu", "Engineer", "acme/Dan Wu"),
    ]


def test_a_main_contact_is_joined_to_a_contacts_entry_by_email():
    acme = declined("acme", "Acme", "Priya Kumar", "priya@x.example")
    bolt = Offer(
        id="bolt",
        company="Bolt",
        received=date(2027, 6, 1),
        contact_name="Jo Fox",
        contacts=[Contact("Priya Kumar-Shah", "Director", "PRIYA@x.example")],
    )
    found = people.people(book(acme, bolt))
    assert [p.name for p in found] == ["Priya Kumar-Shah", "Jo Fox"]
    assert found[0].offers == ("acme", "bolt")
    assert person_for(book(acme, bolt), bolt, "Priya Kumar-Shah") == found[0]
    assert person_for(book(acme, bolt), acme, "") == found[0]  # the main contact


def test_the_main_contact_is_the_first_contact_when_the_offer_names_none():
    offer = declined("acme", "Acme", contacts=[Contact("Dan Wu"), Contact("Eve Li")])
    (due,) = due_list(book(offer), DECLINED)
    assert due.person.name == "Dan Wu"


def test_a_person_at_acme_then_bolt_is_at_bolt_now_and_their_history_follows():
    acme = declined("acme", "Acme", "Priya Kumar", "priya@acme.example")
    acme.received = date(2026, 11, 1)
    acme.log.append(Interaction(date(2027, 3, 15), "call", "video", "Coffee: design systems"))
    bolt = Offer(
        id="bolt",
        company="Bolt",
        received=date(2027, 9, 1),
        contacts=[Contact("Priya Kumar", "Head of Talent", "priya@acme.example")],
        log=[Interaction(date(2027, 9, 2), "call", "phone", "Intro call", contact="Priya")],
    )
    wb = book(bolt, acme)  # file order is not age: received dates are
    (priya,) = people.people(wb)
    assert (priya.company, priya.companies, priya.offers) == (
        "Bolt",
        ("Acme", "Bolt"),
        ("acme", "bolt"),
    )
    assert [(o.id, e.date, e.kind) for o, e in history(wb, priya)] == [
        ("acme", DECLINED, "declined"),
        ("acme", date(2027, 3, 15), "call"),
        ("bolt", date(2027, 9, 2), "call"),  # "Priya": her first name, at Bolt
    ]
    # The intro call at Bolt is a touch: it moves her next check-in.
    due = one(wb, date(2027, 9, 3))
    assert (due.step, due.due, due.offer_id) == (3, date(2028, 3, 2), "acme")
    assert due.last[0].id == "bolt"


def test_whose_an_entry_is():
    offer = declined("acme", "Acme", "María López", referrer="Jordan Park")
    offer.contacts = [Contact("Dan Wu", "Engineer")]
    offer.log += [
        Interaction(date(2027, 1, 2), "sent", note="Sent a thank-you note", contact="Dan Wu"),
        Interaction(date(2027, 1, 2), "sent", note="Sent a note", contact="Jordan Park"),
        Interaction(date(2027, 1, 3), "note", note="Typo", contact="Mria"),  # unmatched
    ]
    wb = book(offer)
    maria, dan = people.people(wb)
    assert [e.note for _, e in history(wb, dan)] == ["Sent a thank-you note"]
    # the decline, and the entry naming nobody known; the referrer's is nobody's here
    assert [e.note for _, e in history(wb, maria)] == ["Sent the decline by email", "Typo"]


# --------------------------------------------------------------------------- the due rule


def test_on_time_check_ins_give_the_3_6_12_month_dates():
    offer = declined("acme", "Acme", "María López")
    wb = book(offer)
    due = one(wb, DECLINED)
    assert (due.due, due.step, due.of, due.months) == (date(2027, 4, 1), 1, 3, 3)
    assert [(s.months, s.due) for s in due.plan] == [
        (3, date(2027, 4, 1)),
        (6, date(2027, 7, 1)),
        (12, date(2028, 1, 1)),
    ]
    for day in (date(2027, 4, 1), date(2027, 7, 1)):
        offer.log.append(Interaction(day, "check-in", note="Sent a check-in note by email"))
        due = one(wb, day)
    assert (due.due, due.step, due.months) == (date(2028, 1, 1), 3, 6)
    assert [s.done for s in due.plan] == [True, True, False]


def test_a_coffee_moves_the_next_check_in():
    offer = declined("acme", "Acme", "María López")
    offer.log.append(Interaction(date(2027, 3, 15), "call", "in-person", "Coffee"))
    due = one(book(offer), date(2027, 3, 16))
    # The 1 April check-in is made by the coffee; the next is three months after it.
    assert (due.due, due.step) == (date(2027, 6, 15), 2)
    assert [s.due for s in due.plan] == [date(2027, 4, 1), date(2027, 6, 15), date(2027, 12, 15)]


def test_a_touch_early_in_a_gap_restarts_it():
    offer = declined("acme", "Acme", "María López")
    offer.log.append(Interaction(date(2027, 1, 3), "reply", note="Thanks for letting me know"))
    due = one(book(offer), date(2027, 1, 4))
    assert (due.due, due.step) == (date(2027, 4, 3), 1)  # still the first check-in


def test_a_touch_before_the_decline_does_not_count():
    offer = declined("acme", "Acme", "María López")
    offer.log.insert(0, Interaction(date(2026, 12, 20), "call", "phone", "Offer call"))
    due = one(book(offer), DECLINED)
    assert (due.due, due.step) == (date(2027, 4, 1), 1)


def test_a_new_decline_starts_the_plan_afresh():
    acme = declined("acme", "Acme", "Priya Kumar", "priya@x.example")
    for day in (date(2027, 4, 1), date(2027, 7, 1), date(2028, 1, 1)):
        acme.log.append(Interaction(day, "check-in", note="Sent a check-in note"))
    wb = book(acme)
    assert one(wb, date(2028, 1, 2)).due is None  # every check-in made
    bolt = Offer(id="bolt", company="Bolt", received=date(2029, 2, 1), status="declined")
    bolt.contacts = [Contact("Priya Kumar", "Head of Talent", "priya@x.example")]
    bolt.log.append(Interaction(date(2029, 3, 1), "declined", note="Sent the decline"))
    wb.offers.append(bolt)
    due = one(wb, date(2029, 3, 1))
    assert (due.due, due.step, due.offer_id) == (date(2029, 6, 1), 1, "bolt")


def test_logging_a_check_in_moves_the_next_one():
    offer = declined("acme", "Acme", "María López")
    wb = book(offer)
    entry = log_checkin(wb, one(wb, date(2027, 3, 20)), date(2027, 3, 20))
    assert (entry.kind, entry.contact, entry.note) == (
        "check-in",
        "María López",
        "Sent a check-in note",
    )
    assert offer.log[-1] is entry
    assert (one(wb, date(2027, 3, 20)).due, one(wb, date(2027, 3, 20)).step) == (
        date(2027, 6, 20),
        2,
    )


def test_snooze_a_week_or_a_month():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    wb = book(offer)
    today = date(2027, 3, 25)
    assert snooze(wb, "maria@acme.example", today, "week") == date(2027, 4, 8)
    assert wb.snoozed == {"maria@acme.example": date(2027, 4, 8)}
    due = one(wb, today)
    assert (due.due, due.snoozed_until, due.step) == (date(2027, 4, 8), date(2027, 4, 8), 1)
    assert [s.due for s in due.plan] == [date(2027, 4, 8), date(2027, 7, 8), date(2028, 1, 8)]
    # Again: counted from the day it is put off to.
    assert snooze(wb, "MARIA@acme.example", today, "month") == date(2027, 5, 8)
    # Overdue: counted from today.
    assert snooze(wb, "maria@acme.example", date(2027, 6, 1), "month") == date(2027, 7, 1)
    assert unsnooze(wb, "maria@acme.example") and wb.snoozed == {}
    assert not unsnooze(wb, "maria@acme.example")
    assert one(wb, today).due == date(2027, 4, 1)
    with pytest.raises(ValueError):
        snooze(wb, "maria@acme.example", today, "year")
    with pytest.raises(KeyError):
        snooze(wb, "nobody@x.example", today, "week")


def test_a_snooze_is_ignored_once_a_later_touch_makes_the_check_in_later():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    wb = book(offer)
    snooze(wb, "maria@acme.example", date(2027, 3, 25), "month")  # to 1 May
    offer.log.append(Interaction(date(2027, 3, 28), "call", "phone", "Caught up"))
    due = one(wb, date(2027, 3, 29))
    assert (due.due, due.snoozed_until) == (date(2027, 6, 28), None)


def test_a_snooze_written_by_hand_under_any_name_of_theirs_counts_and_old_ones_go():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    wb = book(offer)
    wb.snoozed = {"acme/María López": date(2027, 4, 20), "gone@x.example": date(2026, 1, 1)}
    assert one(wb, date(2027, 3, 25)).due == date(2027, 4, 20)
    snooze(wb, "acme/María López", date(2027, 3, 25), "week")
    assert wb.snoozed == {"maria@acme.example": date(2027, 4, 27)}  # one entry, by their key


def test_a_finished_plan_is_listed_last_with_no_due_date():
    done = declined("acme", "Acme", "María López")
    for day in (date(2027, 4, 1), date(2027, 7, 1), date(2028, 1, 1)):
        done.log.append(Interaction(day, "check-in", note="Sent a check-in note"))
    later = declined("bolt", "Bolt", "Jo Fox", declined_on=None)
    wb = book(done, later)
    first, last = due_list(wb, date(2028, 1, 2))
    assert first.person.name == "Jo Fox"
    assert (last.due, last.step, last.of, last.status(date(2028, 1, 2))) == (None, 3, 3, "done")
    assert not any(r.offer_id == "acme" for r in care.upcoming(wb, date(2028, 1, 2)))


def test_no_check_ins_when_the_door_is_closed_or_nothing_was_declined():
    closed = declined("acme", "Acme", "María López", future_open=False)
    deciding = Offer(id="bolt", company="Bolt", contact_name="Jo Fox")
    assert due_list(book(closed, deciding), DECLINED) == []


def test_a_decline_made_by_hand_counts_from_today_and_says_so():
    offer = Offer(id="acme", company="Acme", status="declined")  # no contact, no date
    due = one(book(offer), date(2027, 2, 10))
    assert (due.due, due.assumed, due.person.key) == (date(2027, 5, 10), True, "acme")
    assert due.person.label == "someone at Acme"


def test_a_thank_you_logged_with_an_interviewer_puts_them_in_the_list():
    offer = declined("acme", "Acme", "María López")
    offer.contacts = [Contact("Dan Wu", "Engineer"), Contact("Eve Li", "Designer")]
    wb = book(offer)
    assert [d.person.name for d in due_list(wb, DECLINED)] == ["María López"]
    offer.log.append(
        Interaction(DECLINED, "sent", "email", "Sent a thank-you note by email", "Dan Wu")
    )
    names = [d.person.name for d in due_list(wb, DECLINED)]
    assert sorted(names) == ["Dan Wu", "María López"]  # not Eve: nothing logged with her


def test_the_offers_own_months():
    offer = declined("acme", "Acme", "María López", checkin_months=[1, 2])
    assert [s.due for s in one(book(offer), DECLINED).plan] == [date(2027, 2, 1), date(2027, 3, 1)]
    offer.checkin_months = []  # no check-ins for this one
    assert due_list(book(offer), DECLINED) == []


def test_reminders_are_the_people_plans():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    offer.log.append(Interaction(date(2027, 3, 15), "call", "video", "Coffee"))
    rows = care.reminders(book(offer), date(2027, 3, 16))
    assert [(r.step, r.months, r.due, r.done, r.next) for r in rows] == [
        (2, 6, date(2027, 6, 15), False, True),
        (3, 12, date(2027, 12, 15), False, False),
        (1, 3, date(2027, 4, 1), True, False),
    ]
    assert {(r.key, r.contact, r.company, r.offer_id) for r in rows} == {
        ("maria@acme.example", "María López", "Acme", "acme")
    }


# --------------------------------------------------------------------------- the check-in note


def _with_entry(entry: Interaction) -> tuple[Workbook, people.Due]:
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    offer.project = "the onboarding redesign"
    offer.log.append(entry)
    wb = book(offer)
    return wb, one(wb, date(2027, 6, 1))


def test_the_check_in_recalls_a_short_topic():
    wb, due = _with_entry(
        Interaction(
            date(2027, 3, 15), "call", "video", "Coffee: talked about design systems at scale."
        )
    )
    text = checkin_draft(wb, due, date(2027, 6, 1)).text
    assert (
        "I have been thinking about our conversation in March about design systems at scale."
        in text
    )
    assert "onboarding redesign" not in text  # the recollection takes the project line's place
    assert text.startswith("Subject: ") and "Hi María," in text


def test_a_long_note_is_never_pasted_in():
    note = (
        "She said the team is reorganising and they will hire again in spring, and asked "
        "me to send my portfolio."
    )
    wb, due = _with_entry(Interaction(date(2026, 11, 20), "call", "phone", note))
    wb.offers[0].log.append(Interaction(date(2027, 3, 15), "call", "phone", note))
    due = one(wb, date(2027, 6, 1))
    text = checkin_draft(wb, due, date(2027, 6, 1)).text
    assert "It was good to catch up in March." in text
    assert "portfolio" not in text and "onboarding redesign" not in text


@pytest.mark.parametrize(
    ("kind", "channel", "note", "said"),
    [
        ("call", "phone", "Intro call", "It was good to catch up in March."),
        ("note", "video", "Called María", "It was good to catch up in March."),
        ("note", "email", "Lunch - the Berlin office", "in March about the Berlin office."),
        ("call", "phone", "Discussed her move to Berlin", "It was good to catch up in March."),
        ("reply", "email", "We talked about hiring plans", "in March about hiring plans."),
    ],
)
def test_what_a_note_gives_to_recall(kind, channel, note, said):
    wb, due = _with_entry(Interaction(date(2027, 3, 15), kind, channel, note))
    text = checkin_draft(wb, due, date(2027, 6, 1)).text
    assert said in text and "onboarding redesign" not in text


def test_a_bare_note_is_not_a_conversation():
    wb, due = _with_entry(Interaction(date(2027, 3, 15), "note", "email", "Send her the deck"))
    text = checkin_draft(wb, due, date(2027, 6, 1)).text
    assert "deck" not in text and "catch up" not in text
    assert "our conversations about the onboarding redesign" in text


def test_automatic_entries_are_skipped_for_an_earlier_conversation():
    wb, _ = _with_entry(Interaction(date(2026, 12, 5), "call", "phone", "Discussed hiring plans"))
    wb.offers[0].log.append(
        Interaction(date(2027, 4, 1), "check-in", "email", "Sent a check-in note by email")
    )
    due = one(wb, date(2027, 6, 1))
    text = checkin_draft(wb, due, date(2027, 6, 1)).text
    assert "our conversation in December last year about hiring plans." in text


def test_with_nothing_to_recall_the_note_is_the_offers_own():
    offer = declined("acme", "Acme", "María López", "maria@acme.example")
    offer.project = "the onboarding redesign"
    offer.news = "your Series B"
    wb = book(offer)
    today = date(2027, 4, 1)
    mine = checkin_draft(wb, one(wb, today), today)
    theirs = render_offer(wb, offer, template="checkin-note", today=today)
    assert mine.text == theirs.text


def test_a_check_in_to_someone_who_moved_greets_them_where_they_are():
    acme = declined("acme", "Acme", "Priya Kumar", "priya@x.example", news="your Series B")
    acme.project = "design systems"
    bolt = Offer(
        id="bolt",
        company="Bolt",
        received=date(2027, 5, 1),
        contacts=[Contact("Priya Kumar", "Director", "priya@x.example")],
    )
    wb = book(acme, bolt)
    text = checkin_draft(wb, one(wb, date(2027, 6, 1)), date(2027, 6, 1)).text
    assert "everyone at Bolt" in text and "Series B" not in text and "Acme" not in text


def test_a_check_in_to_an_interviewer_is_addressed_to_them():
    offer = declined("acme", "Acme", "María López", "maria@acme.example", register="formal")
    offer.contacts = [Contact("Dan Wu", "Engineer", "dan@acme.example")]
    offer.log.append(Interaction(DECLINED, "sent", "email", "Sent a thank-you note", "Dan Wu"))
    wb = book(offer)
    dan = next(d for d in due_list(wb, DECLINED) if d.person.name == "Dan Wu")
    text = checkin_draft(wb, dan, date(2027, 4, 1)).text
    assert "Hi Dan," in text and "María" not in text


def test_marking_a_decline_sent_names_the_persons_fresh_plan():
    acme = declined("acme", "Acme", "Priya Kumar", "priya@x.example")
    acme.log.append(Interaction(date(2027, 3, 15), "call", "video", "Coffee"))
    bolt = Offer(
        id="bolt", company="Bolt", contact_name="Priya Kumar", contact_email="priya@x.example"
    )
    wb = book(acme, bolt)
    today = date(2027, 5, 3)
    plan = care.plan_sent(wb, bolt, "standard", "email", today)
    assert plan.checkins == (date(2027, 8, 3), date(2027, 11, 3), date(2028, 5, 3))
    care.log_sent(bolt, plan.entry, declines=True)
    assert [s.due for s in one(wb, today).plan] == list(plan.checkins)


def test_a_check_in_to_someone_met_recalls_what_you_talked_about_with_them():
    """An interviewer thanked after the decline: their check-in thinks back to what you
    talked about with them (their contact's note), not to the offer's project, which was
    the hiring manager's."""
    from decline_tui.core.model import Contact, Interaction, Offer, Workbook
    from decline_tui.core.people import checkin_draft, due_list

    offer = Offer(
        id="acme",
        company="Acme Robotics",
        role="Product Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        project="the warehouse dashboard redesign",
        status="declined",
        contacts=[
            Contact("Dev Patel", "Staff Engineer", "dev@acme.example", "", "the simulation lab")
        ],
        log=[
            Interaction(date(2026, 8, 3), "declined", "email", "Sent the decline"),
            Interaction(date(2026, 8, 4), "sent", "email", "Sent a thank-you note", "Dev Patel"),
        ],
    )
    wb = Workbook(offers=[offer])
    dues = {d.person.name: d for d in due_list(wb, date(2026, 11, 25))}
    dev = checkin_draft(wb, dues["Dev Patel"], date(2026, 11, 25)).text
    assert "Hi Dev," in dev and "the simulation lab" in dev and "warehouse" not in dev
    maria = checkin_draft(wb, dues["María López"], date(2026, 11, 25)).text
    assert "warehouse dashboard redesign" in maria
