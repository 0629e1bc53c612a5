"""Templates a coach would sign: a warm close in every email, an apology only when the answer
is late, a check-in that opens on their news, a referrer thanked for vouching, a LinkedIn note
with one personal detail and a phone script ready for the call going another way.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import date, datetime

import pytest

from decline_tui.core.checklist import FAIL, check, context_for
from decline_tui.core.compose import is_late, render, render_offer
from decline_tui.core.model import Offer, Profile, Terms, Workbook
from decline_tui.core.templates import BUILTIN, SCENARIO_TEMPLATES, THANKS_TEMPLATES
from tests.test_prose_table import BASE

TEMPLATES = {**BUILTIN, **SCENARIO_TEMPLATES, **THANKS_TEMPLATES}
EMAILS = [name for name, t in TEMPLATES.items() if t.medium == "email"]
PROFILE = Profile(name="Sam Lee", email="sam@example.com")
TODAY = date(2026, 11, 25)
# The prose table's offer, answered the day after it came.
OFFER = dataclasses.replace(BASE, received=date(2026, 11, 24))


def _offer(**changes) -> Offer:
    return dataclasses.replace(OFFER, **changes)


def _draft(name: str, offer: Offer, today: date | None = TODAY):
    return render(TEMPLATES[name], offer, PROFILE, None, today)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# ------------------------------------------------------------------------- the warm close


@pytest.mark.parametrize("name", EMAILS)
@pytest.mark.parametrize("future_open", [True, False])
def test_every_email_ends_on_a_well_wish_before_the_sign_off(name, future_open):
    """The guide's seventh part is a warm close, not only "Best regards": it stays when the
    person does not want to keep in touch."""
    draft = _draft(name, _offer(future_open=future_open, offer_referrals=False))
    kinds = [s.kind for s in draft.parts]
    assert kinds[-2:] == ["wish", "closing"], (kinds, draft.text)
    wish = next(s for s in draft.parts if s.kind == "wish")
    said = draft.text[wish.start : wish.end]
    assert said.endswith(".") and len(said.split()) <= 12, said


def test_no_email_says_thank_you_twice_or_careful_twice():
    offer = _offer(offer_referrals=True)
    for name in EMAILS:
        draft = _draft(name, offer)
        closing = next(s for s in draft.parts if s.kind == "closing")
        text = draft.body[: closing.start - len(draft.text) + len(draft.body)].lower()
        assert text.count("careful") <= 1, (name, text)
        assert len(re.findall(r"\bthank(?:s| you)\b", text)) <= 1, (name, text)


# -------------------------------------------------------------------------- a late answer


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("standard", "I am sorry for taking so long to get back to you."),
        ("brief", "Sorry for the slow reply."),
        ("warm", "I am sorry it has taken me so long to reply."),
        ("phone", "I'm sorry it's taken me a while to get back to you."),
        ("linkedin", "Sorry for my slow reply."),
    ],
)
def test_a_late_answer_says_sorry_once_and_an_answer_in_time_does_not(name, sentence):
    past_deadline = _draft(name, _offer(), today=date(2026, 12, 3))
    assert past_deadline.text.count(sentence) == 1, past_deadline.text
    slow = _draft(name, _offer(deadline=None), today=date(2026, 11, 28))  # 4 days: over 2
    assert sentence in slow.text
    assert sentence not in _draft(name, _offer()).text  # the day after the offer
    assert sentence not in _draft(name, _offer(), today=None).text  # no clock: never late


def test_the_apology_comes_after_the_thanks_and_before_the_decline():
    text = _draft("standard", _offer(), today=date(2026, 12, 3)).text
    assert (
        "during the interviews. I am sorry for taking so long to get back to you. After careful "
        "consideration, I have decided to decline the offer." in text
    )


def test_an_offer_already_answered_is_never_late():
    """The draft of a decline already sent is the record of it, not a new late answer."""
    offer = _offer(status="declined")
    assert not is_late(offer, date(2027, 1, 1))
    assert "sorry" not in _draft("standard", offer, today=date(2027, 1, 1)).text.lower()


def test_replies_and_notes_never_carry_the_late_apology():
    late = date(2027, 1, 10)
    # A holding reply answers the offer itself, as a decline does: it is sorry when late.
    for name in ("call-followup", *(n for n in SCENARIO_TEMPLATES if n != "hold")):
        text = _draft(name, _offer(), today=late).text
        assert "taking so long" not in text and "slow reply" not in text, name


def test_the_app_session_and_the_cli_render_the_apology_from_their_own_clock(tmp_path):
    from decline_tui.core.session import Session

    session, _ = Session.open(tmp_path / "workbook.toml", TODAY)
    offer = session.wb.offers[0]  # the example: received today, due in 5 days
    assert "sorry" not in session.view(offer, datetime(2026, 11, 25, 10)).text.lower()
    late = session.view(offer, datetime(2026, 12, 5, 10)).text
    assert "I am sorry for taking so long to get back to you." in late
    session.save()
    args = ["--data-dir", str(tmp_path), "render", "example"]
    run = [sys.executable, "-m", "decline_tui", *args]
    on_time = subprocess.run([*run, "--today", "2026-11-26"], capture_output=True, text=True)
    assert on_time.returncode == 0, on_time.stderr
    assert "sorry" not in on_time.stdout.lower()
    late_cli = subprocess.run([*run, "--today", "2026-12-05"], capture_output=True, text=True)
    assert "I am sorry for taking so long to get back to you." in late_cli.stdout


# ---------------------------------------------------------------------------- check-in


def test_a_checkin_opens_on_their_news_with_a_subject_that_names_it():
    draft = _draft("checkin-note", _offer(news="the launch of the mobile app"))
    assert draft.subject == "Congratulations on the launch of the mobile app"
    body = draft.body.split("\n\n")
    assert body[0] == "Hi María,"
    assert body[1].startswith(
        "I saw the news about the launch of the mobile app, and wanted to say congratulations "
        "to you and the team."
    )


def test_a_checkin_without_news_says_so_plainly_and_never_congratulates_on_nothing():
    draft = _draft("checkin-note", _offer())
    assert draft.subject == "Checking in after the Senior Product Designer interviews – Sam Lee"
    assert "congratulat" not in draft.text.lower()
    assert "[" not in draft.text
    assert draft.body.split("\n\n")[1].startswith(
        "I hope all is well with you and everyone at Acme Robotics."
    )


@pytest.mark.parametrize("news", ["", "Your Series B"])
def test_a_checkin_never_opens_on_the_decline_and_offers_something(news):
    draft = _draft("checkin-note", _offer(news=news))
    first = _sentences(draft.body.split("\n\n")[1])[0]
    assert "declin" not in first.lower() and "offer" not in first.lower(), first
    assert "declin" not in draft.text.lower()
    assert "If an introduction to someone in my network would ever help the team" in draft.text
    assert "?" not in draft.text  # asks for nothing
    if news:
        assert "Congratulations on your Series B" in draft.text


# ---------------------------------------------------------------------------- referrer


def test_a_referrer_is_thanked_for_vouching_and_told_first():
    text = _draft("referrer-note", _offer()).text
    assert "Thank you for vouching for me for the Senior Product Designer role at Acme" in text
    assert "I wanted you to hear it from me first. I have decided to decline the offer." in text
    # a reason that says no itself is not preceded by a second "I have decided"
    said_no = _draft("referrer-note", _offer(reason="I've decided to stay where I am.")).text
    assert "I wanted you to hear it from me first. I've decided to stay where I am." in said_no
    assert "decline the offer" not in said_no
    assert "If I can ever return the favour, just ask." in text


@pytest.mark.parametrize(
    "admired",
    [
        "commitment to accessible design",
        "Your commitment to accessible design",
        "your team",
        "the care your team puts into accessibility",
    ],
)
def test_a_referrer_note_never_says_your_of_the_company(admired):
    """To the referrer, "your" is the referrer's: the company's things are the company's."""
    text = _draft("referrer-note", _offer(admired=admired)).text
    yours = re.findall(r"\byour\b[^.]*", text, re.IGNORECASE)
    assert yours == ["your own name forward, and I don't take that lightly"], (yours, text)
    assert "Acme Robotics' " in text


# ---------------------------------------------------------------------------- LinkedIn


def test_a_linkedin_note_names_one_personal_detail_within_200_characters():
    text = _draft("linkedin", _offer()).text
    assert len(text) <= 200
    assert "I really enjoyed hearing about the redesign of the warehouse dashboard." in text


def test_a_linkedin_note_gives_up_the_title_then_the_detail_before_the_limit():
    long = _offer(
        company="The Extremely Long Name Holdings International Company",
        project="the migration of every warehouse dashboard to the new real-time platform",
    )
    text = _draft("linkedin", long).text
    assert len(text) <= 200, text
    assert "decline" in text and "Senior Product Designer" not in text


# ------------------------------------------------------------------------------ phone


def test_the_phone_script_has_pauses_and_what_to_say_if_the_call_goes_another_way():
    body = _draft("phone", _offer()).body
    points = body.split("\n\n")
    assert points[0].endswith("talk about the offer? (pause)")
    assert points[2].endswith("I'm declining the offer. (pause)")
    branches = {
        p.split(":", 1)[0]: p.split(":", 1)[1].strip() for p in points if p.startswith("If ")
    }
    assert branches["If they ask why"].startswith(
        '"I have accepted a role that lets me stay close to my family. It was the right '
        'decision for me now."'
    )
    assert "my decision is final" in branches["If they counter on the call"]
    assert branches["If you reach voicemail"].startswith(
        "\"Hi María, it's Sam Lee, about the Senior Product Designer offer. I'll email you my "
        "answer today"
    )


def test_a_counter_on_the_call_is_heard_when_the_person_set_what_would_change_their_mind():
    body = _draft("phone", _offer(reconsider=Terms(salary=150_000))).body
    assert "Could you send it to me in writing?" in body
    assert "my decision is final" not in body
    firm = _draft("phone", _offer(reconsider=Terms(salary=150_000), firm=True)).body
    assert "my decision is final" in firm


def test_the_phone_script_passes_its_own_checklist_as_the_app_and_the_cli_show_it():
    offer = _offer()
    wb = Workbook(profile=PROFILE, offers=[offer])
    draft = render_offer(wb, offer, medium="phone", today=TODAY)
    cli_text = f"# {draft.subject}\n\n{draft.body}"
    for text in (draft.body, cli_text):
        ctx = context_for(wb, offer, "phone", datetime(2026, 11, 25, 10), draft.template)
        ctx.spelling = False
        failed = [(f.rule, f.message) for f in check(text, ctx) if f.status == FAIL]
        assert not failed, (failed, text)
