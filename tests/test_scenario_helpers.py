"""Recruiters, multiple offers, rescinding, referrals and the no-bargaining rule."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from decline_tui.core.checklist import (
    CHECKS,
    FAIL,
    PASS,
    RULES,
    SKIP,
    CheckContext,
    check,
    company_mentions,
    context_for,
)
from decline_tui.core.model import Interaction, Offer, Workbook
from decline_tui.core.scenarios import (
    multiple_offers,
    next_to_decline,
    other_companies_named,
    recruiter_reply,
    referral_reminder,
    rescind_lines,
)
from decline_tui.core.templates import all_templates

NOW = datetime(2026, 11, 25, 10, 30)
DECLINED = date(2026, 11, 10)
README = Path(__file__).resolve().parents[1] / "README.md"


def log(*entries: tuple[date, str]) -> list[Interaction]:
    return [Interaction(day, kind) for day, kind in entries]


def declined_offer(*entries: tuple[date, str], **kw) -> Offer:
    return Offer(
        id="acme",
        company="Acme",
        contact_name=kw.pop("contact_name", "María López"),
        status="declined",
        log=log((DECLINED, "declined"), *entries),
        **kw,
    )


# --------------------------------------------------------------------------- recruiters


def test_no_reply_before_declining():
    template, advice = recruiter_reply(Offer(id="x", status="deciding"))
    assert template == ""
    assert "not declined" in advice


def test_no_reply_without_a_follow_up():
    template, advice = recruiter_reply(declined_offer())
    assert template == ""
    assert advice == "No follow-up since your decline: no reply needed yet."


def test_first_follow_up_gets_a_polite_firm_reply():
    template, advice = recruiter_reply(declined_offer((date(2026, 11, 12), "follow-up")))
    assert template == "recruiter-reply"
    assert advice.startswith("María López followed up once since your decline")
    assert "thank them again" in advice


def test_second_follow_up_on_says_it_is_final():
    offer = declined_offer((date(2026, 11, 12), "follow-up"), (date(2026, 11, 19), "follow-up"))
    template, advice = recruiter_reply(offer)
    assert template == "recruiter-final"
    assert "2 times" in advice and "final" in advice
    offer.log.append(Interaction(date(2026, 11, 24), "follow-up"))
    template, advice = recruiter_reply(offer)
    assert template == "recruiter-final" and "3 times" in advice


def test_only_follow_ups_after_the_decline_count():
    offer = declined_offer(
        (date(2026, 11, 12), "follow-up"),
        (date(2026, 11, 13), "reply"),
        (date(2026, 11, 14), "check-in"),
        (date(2026, 11, 15), "note"),
    )
    offer.log.insert(0, Interaction(date(2026, 11, 5), "follow-up"))  # before: chasing an answer
    assert recruiter_reply(offer)[0] == "recruiter-reply"


def test_a_same_day_follow_up_counts_only_after_the_logged_decline():
    offer = declined_offer()
    offer.log.insert(0, Interaction(DECLINED, "follow-up"))  # that morning, before the decline
    assert recruiter_reply(offer)[0] == ""
    offer.log.append(Interaction(DECLINED, "follow-up"))  # that afternoon, after it
    assert recruiter_reply(offer)[0] == "recruiter-reply"


def test_the_decline_date_may_come_from_declined_on():
    offer = Offer(
        id="x",
        status="declined",
        declined_on=DECLINED,
        log=log((DECLINED, "follow-up"), (date(2026, 11, 1), "follow-up")),
    )
    template, advice = recruiter_reply(offer)
    assert template == "recruiter-reply"
    assert advice.startswith("The recruiter followed up once")


def test_recruiter_templates_exist():
    templates = all_templates()
    assert {"recruiter-reply", "recruiter-final"} <= set(templates)


# --------------------------------------------------------------------------- multiple offers


def mk(offer_id: str, status: str = "deciding", deadline: date | None = None) -> Offer:
    return Offer(id=offer_id, company=offer_id.capitalize(), status=status, deadline=deadline)


@pytest.fixture
def many() -> Workbook:
    return Workbook(
        offers=[
            mk("late", deadline=date(2026, 12, 20)),
            mk("chosen", "accepted"),
            mk("nodate"),
            mk("gone", "declined", deadline=date(2026, 11, 28)),
            mk("soon", deadline=date(2026, 11, 27)),
            mk("past", deadline=date(2026, 11, 20)),
        ]
    )


def test_next_to_decline_follows_the_deadline_order_and_wraps(many):
    order = [o.id for o in multiple_offers(many).to_decline]
    assert order == ["past", "soon", "late", "nodate"]
    assert next_to_decline(many, "past").id == "soon"
    assert next_to_decline(many, "soon").id == "late"
    assert next_to_decline(many, "late").id == "nodate"
    assert next_to_decline(many, "nodate").id == "past"  # wraps


def test_next_after_one_just_declined_is_the_next_by_deadline(many):
    assert next_to_decline(many, "gone").id == "late"  # 28 Nov sorts between soon and late
    many.offer("soon").status = "declined"
    assert next_to_decline(many, "soon").id == "late"


def test_next_after_the_accepted_one(many):
    # Without a deadline it sorts with the undated, by company: "Chosen" before "Nodate".
    assert next_to_decline(many, "chosen").id == "nodate"


def test_next_after_an_unknown_id_is_the_first(many):
    assert next_to_decline(many, "nope").id == "past"


def test_nothing_next_when_only_the_current_one_is_open():
    wb = Workbook(offers=[mk("one"), mk("two", "accepted")])
    assert next_to_decline(wb, "one") is None
    assert next_to_decline(wb, "two").id == "one"


def test_nothing_next_when_nothing_is_open():
    assert next_to_decline(Workbook(), "x") is None
    wb = Workbook(offers=[mk("a", "declined"), mk("b", "accepted")])
    assert next_to_decline(wb, "a") is None


# --------------------------------------------------------------------------- other companies


@pytest.fixture
def rivals() -> Workbook:
    return Workbook(
        offers=[
            Offer(id="acme", company="Acme Robotics"),
            Offer(id="globex", company="Globex"),
            Offer(id="oreilly", company="O’Reilly Media"),
            Offer(id="acme-2", company="acme robotics"),  # the same company, another role
            Offer(id="blank", company=""),
        ]
    )


def test_other_companies_named_once_each_as_spelt_in_the_workbook(rivals):
    acme = rivals.offer("acme")
    text = "I chose GLOBEX, after O'Reilly\nMedia; Globex was quicker. Acme Robotics rocks."
    assert other_companies_named(text, rivals, acme) == ["Globex", "O’Reilly Media"]


def test_no_other_company_named(rivals):
    acme = rivals.offer("acme")
    assert other_companies_named("Dear Maria, I am declining.", rivals, acme) == []
    assert other_companies_named("The Globexian way", rivals, acme) == []  # whole words


def test_other_companies_named_uses_the_checklist_matching(rivals):
    acme = rivals.offer("acme")
    text = "Thank you.\n\nI am joining Globex.\n\nBest,\nSam"
    ctx = context_for(rivals, acme, "email", NOW)
    finding = next(f for f in check(text, ctx) if f.rule == "no-other-company")
    assert finding.status == FAIL
    assert [text[a:b] for a, b in finding.spans] == ["Globex"]
    assert other_companies_named(text, rivals, acme) == ["Globex"]


def test_company_mentions_prefers_the_longer_name():
    found = company_mentions("at Acme Robotics Labs", ["Acme Robotics", "Acme Robotics Labs"])
    assert found == [(3, 21, "Acme Robotics Labs")]
    assert company_mentions("anything", ["", "  "]) == []


def test_company_mentions_handles_sharp_s():
    assert company_mentions("bei der STRASSE AG", ["Straße AG"]) == []  # no silent case folding
    assert company_mentions("bei der Straße AG", ["straße ag"])[0][2] == "straße ag"


# --------------------------------------------------------------------------- beyond the guide


def test_rescind_lines():
    assert rescind_lines(None) == ["Select an offer to see where it stands."]
    offer = Offer(id="x", company="Acme", contact_name="María López", status="accepted")
    (line,) = rescind_lines(offer)
    assert line.startswith("Acme: accepted.") and "call María López today" in line
    assert "apologise once" in line
    offer.status = "rescinded"
    assert "confirming email" in rescind_lines(offer)[0]
    offer.status = "deciding"
    assert rescind_lines(offer) == ["Acme: this applies only to an offer you have accepted."]


def test_referral_reminder_needs_a_referrer():
    assert referral_reminder(Offer(id="x")) is None
    assert referral_reminder(Offer(id="x", referrer="   ")) is None


def test_referral_reminder_while_deciding():
    offer = Offer(id="x", referrer="Ana Torres", referrer_email="ana@example.org")
    assert referral_reminder(offer) == (
        "Ana Torres (ana@example.org) referred you: when you decline, tell them at the same "
        "time (the referrer-note template)."
    )


@pytest.mark.parametrize("status", ["declined", "withdrawn", "rescinded"])
def test_referral_reminder_after_saying_no(status):
    reminder = referral_reminder(Offer(id="x", referrer="Ana", status=status))
    assert reminder == (
        "Ana referred you: if you have not told them yet, tell them now "
        "(the referrer-note template)."
    )


def test_no_referral_reminder_for_an_accepted_offer():
    assert referral_reminder(Offer(id="x", referrer="Ana", status="accepted")) is None


# --------------------------------------------------------------------------- no-bargaining

FIRM = CheckContext(firm=True, now=NOW)


def letter(body: str) -> str:
    opening = "Thank you for the offer. I have decided to decline it."
    return f"Dear Ana,\n\n{opening} {body}\n\nBest,\nSam"


def bargaining(text: str, ctx: CheckContext = FIRM):
    return next(f for f in check(text, ctx) if f.rule == "no-bargaining")


def test_no_bargaining_is_the_last_rule():
    # but for the thank-you note's own two, which no decline is checked for
    assert list(RULES)[-3:] == ["no-bargaining", "no-reason", "personal-detail"]
    assert list(CHECKS) == list(RULES)
    rule = RULES["no-bargaining"]
    assert rule.title and rule.why and rule.fix


def test_readme_lists_the_rule():
    lines = README.read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines if ln.startswith("| `no-bargaining` |")]
    assert len(rows) == 1 and "firm" in rows[0]


@pytest.mark.parametrize(
    ("phrase", "flagged"),
    [
        ("Could you increase the base salary?", "Could you increase"),
        ("Can you possibly match it?", "Can you possibly match"),
        ("If you can match their package, I would stay.", "If you can match"),
        ("Is the salary negotiable?", "Is the salary negotiable"),
        ("Are the terms flexible at all?", "Are the terms flexible"),
        ("Would you consider a signing bonus?", "Would you consider"),
        ("What if the start date moved?", "What if"),
        ("Any flexibility on remote work?", "Any flexibility"),
        ("Is there any room on the title?", "Is there any room"),
        ("Here is my counter: 130k.", "my counter"),
        ("I would like to counter at 130k.", "I would like to counter"),
        ("Meet me at 125k and it is a deal.", "Meet me at"),
        ("Perhaps we could meet in the middle.", "meet in the middle"),
        ("I'd accept if the base were higher.", "I'd accept if"),
        ("Could we discuss the salary?", "Could we discuss the salary"),
        ("Is that your best and final?", "best and final"),
        ("Can you bring the number closer to $140,000?", "bring the number closer"),
        ("I’m open to negotiating.", "negotiating"),
    ],
)
def test_bargaining_fails_a_firm_decline(phrase, flagged):
    text = letter(phrase)
    finding = bargaining(text)
    assert finding.status == FAIL, finding.message
    assert flagged in [text[a:b] for a, b in finding.spans]
    assert "Remove asks like" in finding.hint


@pytest.mark.parametrize(
    "phrase",
    [
        "My decision is not negotiable.",
        "I am not looking to negotiate.",
        "I do not want to negotiate the terms.",
        "Thank you for your counter-offer and for the improved terms.",
        "Thanks for making a counter-offer; my decision stands.",
        "I have accepted a role closer to my family.",
        "I would be glad to stay in touch and I wish you every success.",
    ],
)
def test_a_firm_decline_without_bargaining_passes(phrase):
    assert bargaining(letter(phrase)).status == PASS


def test_bargaining_is_skipped_when_not_firm():
    text = letter("Could you increase the salary?")
    finding = bargaining(text, CheckContext(now=NOW))
    assert finding.status == SKIP
    assert finding.spans == ()


def test_the_subject_line_is_not_checked_for_bargaining():
    text = "Subject: Re: your counter-offer – what if\n\n" + letter("My answer stands.")
    assert bargaining(text).status == PASS


# --------------------------------------------------------------------------- firm context


@pytest.fixture
def pair() -> tuple[Workbook, Offer]:
    offer = Offer(id="acme", company="Acme", contact_name="María López", referrer="Ana Torres")
    return Workbook(offers=[offer]), offer


def test_context_is_firm_for_the_firm_replies(pair):
    wb, offer = pair
    assert context_for(wb, offer, "email", NOW).firm is False
    assert context_for(wb, offer, "email", NOW, template="standard").firm is False
    for name in ("counter-decline", "recruiter-reply", "recruiter-final", "rescind"):
        assert context_for(wb, offer, "email", NOW, template=name).firm is True
    for name in ("counter-open", "referrer-note", "checkin-note"):
        assert context_for(wb, offer, "email", NOW, template=name).firm is False


def test_context_is_firm_for_an_offer_marked_firm(pair):
    wb, offer = pair
    offer.firm = True
    assert context_for(wb, offer, "email", NOW).firm is True
    assert context_for(wb, offer, "phone", NOW, template="phone").firm is True
    text = letter("Is the salary negotiable?")
    assert bargaining(text, context_for(wb, offer, "email", NOW)).status == FAIL


def test_context_addresses_the_referrer_only_in_the_referrer_note(pair):
    wb, offer = pair
    assert context_for(wb, offer, "email", NOW).recipient == "María López"
    assert context_for(wb, offer, "email", NOW, template="referrer-note").recipient == "Ana Torres"
    offer.referrer = ""
    assert context_for(wb, offer, "email", NOW, template="referrer-note").recipient == "María López"


def test_check_context_default_is_not_firm():
    assert CheckContext().firm is False
