"""Each kind of draft is checked by the rules that fit it: parts a kind leaves out on purpose
are skipped, a follow-up is timed from what it answers, a late answer that apologises is
advice rather than a failure, and a phone script's title, directions, branches and appended
confirming email are read as what they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from decline_tui.core.care import plan_sent
from decline_tui.core.checklist import (
    FAIL,
    PASS,
    SKIP,
    WARN,
    CheckContext,
    Message,
    attached_email,
    check,
    context_for,
    word_count,
)
from decline_tui.core.compose import render_offer
from decline_tui.core.kinds import kind_of
from decline_tui.core.model import Contact, Interaction, Offer, Profile, Terms, Workbook
from decline_tui.core.templates import SCENARIO_TEMPLATES, all_templates

NOW = datetime(2026, 11, 25, 10, 0)  # a Wednesday morning


def _offer(**kw) -> Offer:
    base = dict(
        id="acme",
        company="Acme Corp",
        role="Senior Software Engineer",
        contact_name="Maria Lopez",
        contact_email="maria@acme.example",
        received=date(2026, 11, 24),
        deadline=date(2026, 11, 30),
        reason="I have accepted a role that lets me stay closer to my family",
        admired="how openly the team shares its design reviews",
        project="the warehouse dashboard redesign",
        referrer="Dana Kim",
        referrer_email="dana@x.example",
        offer_referrals=True,
        counter=Terms(salary=150000),
        counter_received=date(2026, 11, 24),
    )
    base.update(kw)
    return Offer(**base)


def _wb(offer: Offer) -> Workbook:
    return Workbook(profile=Profile("Sam Lee", "sam@x.example"), offers=[offer])


def _ctx(wb: Workbook, offer: Offer, medium: str, template: str, now=NOW) -> CheckContext:
    ctx = context_for(wb, offer, medium, now, template=template)
    ctx.spelling = False
    return ctx


def by_rule(text: str, ctx: CheckContext) -> dict:
    return {f.rule: f for f in check(text, ctx)}


def problems(text: str, ctx: CheckContext) -> list[str]:
    return [
        f"{f.status}:{f.rule}: {f.message}" for f in check(text, ctx) if f.status in (WARN, FAIL)
    ]


def cli_phone_text(wb: Workbook, offer: Offer) -> str:
    """The phone script as `decline-tui render OFFER --medium phone` prints it."""
    draft = render_offer(wb, offer, medium="phone", today=NOW.date())
    text = (f"# {draft.subject}\n\n" if draft.subject else "") + draft.body + "\n"
    assert draft.followup is not None
    return text + "\n--- confirming email, to send after the call ---\n\n" + draft.followup.text


# --------------------------------------------------------------------------- kinds


def test_the_call_followup_and_the_linkedin_note_are_kinds_of_their_own():
    follow, note = kind_of("call-followup"), kind_of("linkedin")
    assert (follow.name, follow.label) == ("call-followup", "a confirming email after a call")
    assert (note.name, note.label) == ("linkedin-note", "a LinkedIn note")
    for kind in (follow, note):
        assert kind.declines and not kind.reply  # marking it sent logs the decline
        assert not {"brief-reason", "offer-help"} & kind.rules
        for rule in ("greeting", "gratitude", "clear-decline", "door-open", "closing", "timely"):
            assert rule in kind.rules
    assert "positive-note" in follow.rules and "positive-note" not in note.rules
    assert follow.timely_from == "call" and note.timely_from == "offer"
    # Every scenario reply is a reply; the first declines are not.
    for name in SCENARIO_TEMPLATES:
        assert kind_of(name).reply, name
    assert not kind_of("standard").reply and not kind_of("phone").reply


@pytest.mark.parametrize("template", ["call-followup", "linkedin"])
def test_marking_a_confirming_email_or_a_linkedin_note_sent_logs_the_decline(template):
    offer = _offer()
    plan = plan_sent(_wb(offer), offer, template, "email", NOW.date())
    assert plan.declines and plan.entry.kind == "declined"


@pytest.mark.parametrize("template", ["call-followup", "linkedin"])
def test_the_parts_left_out_on_purpose_are_skipped_not_warned(template):
    offer = _offer()
    wb = _wb(offer)
    draft = render_offer(wb, offer, template=template, today=NOW.date())
    ctx = _ctx(wb, offer, draft.medium, template)
    found = by_rule(draft.text, ctx)
    label = kind_of(template).label
    for rule in ("brief-reason", "offer-help"):
        assert found[rule].status == SKIP
        assert found[rule].message == f"Not checked for {label}."
    assert problems(draft.text, ctx) == []


def test_a_confirming_email_must_still_decline_and_thank():
    ctx = CheckContext(kind="call-followup", recipient="Maria", sender="Sam", now=NOW)
    text = "Subject: Our call\n\nHi Maria,\n\nGreat to speak today.\n\nBest regards,\nSam"
    found = by_rule(text, ctx)
    assert found["clear-decline"].status == FAIL
    assert found["gratitude"].status == FAIL


def test_every_template_drafts_a_message_its_own_checklist_passes():
    offer = _offer(
        status="declined",
        # a thank-you note names what you talked about with the person (here, the contact)
        contacts=[Contact("Maria Lopez", "Hiring manager", note="how the team runs reviews")],
        log=[
            Interaction(date(2026, 8, 20), "declined", "email"),
            Interaction(date(2026, 11, 24), "follow-up", "email"),
        ],
        counter_received=date(2026, 11, 24),
    )
    wb = _wb(offer)
    wb.checkin_months = [3]
    for name, tpl in all_templates(wb).items():
        draft = render_offer(wb, offer, medium=tpl.medium, template=name, today=NOW.date())
        text = cli_phone_text(wb, offer) if tpl.medium == "phone" else draft.text
        assert problems(text, _ctx(wb, offer, tpl.medium, name)) == [], name


# --------------------------------------------------------------------------- timely, per trigger


REPLY = (
    "Subject: Re: offer\n\nHi Maria,\n\nThank you for following up. My decision to decline "
    "the offer stands.\n\nBest regards,\nSam Lee"
)


@pytest.mark.parametrize(
    ("came", "status"),
    [(date(2026, 11, 25), PASS), (date(2026, 11, 23), PASS), (date(2026, 11, 20), WARN)],
)
def test_a_reply_to_a_recruiter_is_timed_from_their_latest_follow_up(came, status):
    # The offer's deadline passed long ago: it has nothing to do with this reply.
    offer = _offer(
        received=date(2026, 10, 1),
        deadline=date(2026, 10, 10),
        status="declined",
        log=[
            Interaction(date(2026, 10, 5), "declined", "email"),
            Interaction(date(2026, 10, 20), "follow-up", "email"),
            Interaction(came, "follow-up", "phone"),
        ],
    )
    wb = _wb(offer)
    for template in ("recruiter-reply", "recruiter-final"):
        ctx = _ctx(wb, offer, "email", template)
        assert ctx.followup_received == came
        f = by_rule(REPLY, ctx)["timely"]
        assert f.status == status, f.message
        assert "follow-up" in f.message


def test_a_reply_to_a_recruiter_with_no_follow_up_logged_is_not_timed():
    offer = _offer(deadline=date(2026, 10, 10))
    f = by_rule(REPLY, _ctx(_wb(offer), offer, "email", "recruiter-reply"))["timely"]
    assert f.status == SKIP
    assert "No date for the recruiter's follow-up" in f.message and "“follow-up”" in f.message


def _declined(on: date, *checkins: date, **kw) -> tuple[Workbook, Offer]:
    log = [Interaction(on, "declined", "email"), *(Interaction(d, "check-in") for d in checkins)]
    offer = _offer(status="declined", log=log, deadline=date(2026, 1, 10), **kw)
    wb = _wb(offer)
    wb.checkin_months = [3, 6]
    return wb, offer


CHECKIN = "Subject: Hello again\n\nHi Maria,\n\nI hope the team is well.\n\nBest wishes,\nSam Lee"


@pytest.mark.parametrize(
    ("now", "status", "words"),
    [
        pytest.param(datetime(2026, 5, 1, 10), PASS, "due 2026-05-01", id="on-the-day"),
        pytest.param(datetime(2026, 4, 26, 10), PASS, "due 2026-05-01", id="days-early"),
        pytest.param(datetime(2026, 5, 20, 10), PASS, "19 days ago", id="some-days-late"),
        pytest.param(datetime(2026, 3, 1, 10), WARN, "not due until 2026-05-01", id="early"),
        pytest.param(datetime(2026, 7, 15, 10), WARN, "still welcome", id="long-overdue"),
    ],
)
def test_a_checkin_note_is_timed_from_its_due_date_never_the_deadline(now, status, words):
    wb, offer = _declined(date(2026, 2, 1))
    ctx = _ctx(wb, offer, "email", "checkin-note", now=now)
    assert ctx.checkin_due == date(2026, 5, 1)
    f = by_rule(CHECKIN, ctx)["timely"]
    assert f.status == status and words in f.message, f.message


def test_the_next_checkin_counts_once_one_is_logged():
    wb, offer = _declined(date(2026, 2, 1), date(2026, 5, 3))
    ctx = _ctx(wb, offer, "email", "checkin-note", now=datetime(2026, 8, 3, 10))
    # The next one is 3 months (6 - 3) after the check-in was made (core.people), not 6
    # months after the decline.
    assert ctx.checkin_due == date(2026, 8, 3)
    assert by_rule(CHECKIN, ctx)["timely"].status == PASS


def test_a_checkin_note_with_nothing_due_is_not_timed():
    offer = _offer(deadline=date(2026, 1, 10))  # not declined: no check-in is due
    f = by_rule(CHECKIN, _ctx(_wb(offer), offer, "email", "checkin-note"))["timely"]
    assert f.status == SKIP and "No check-in is due" in f.message


def test_a_rescind_is_not_timed():
    offer = _offer(received=date(2026, 10, 1), deadline=date(2026, 10, 10))
    text = (
        "Subject: My acceptance\n\nHi Maria,\n\nI am withdrawing my acceptance.\n\nBest,\nSam Lee"
    )
    f = by_rule(text, _ctx(_wb(offer), offer, "email", "rescind"))["timely"]
    assert f.status == SKIP and f.message == "Not checked for a note withdrawing an acceptance."


@pytest.mark.parametrize("template", ["counter-decline", "counter-open"])
def test_a_counter_reply_with_no_counter_date_is_not_timed_by_the_old_deadline(template):
    offer = _offer(received=date(2026, 10, 1), deadline=date(2026, 10, 10), counter_received=None)
    f = by_rule(REPLY, _ctx(_wb(offer), offer, "email", template))["timely"]
    assert f.status == SKIP and "counter-offer" in f.message


@pytest.mark.parametrize(
    ("log", "status", "words"),
    [
        pytest.param(
            [Interaction(date(2026, 11, 25), "call", "phone")], PASS, "day of", id="today"
        ),
        pytest.param(
            [Interaction(date(2026, 11, 24), "declined", "phone")], PASS, "day after", id="phoned"
        ),
        pytest.param([Interaction(date(2026, 11, 21), "call", "phone")], WARN, "4 days", id="late"),
        pytest.param([], PASS, "no call is logged", id="no-call"),
    ],
)
def test_a_confirming_email_is_timed_from_the_call(log, status, words):
    # The deadline passed: the call was late, and the email cannot mend that.
    offer = _offer(received=date(2026, 11, 1), deadline=date(2026, 11, 10), log=log)
    wb = _wb(offer)
    draft = render_offer(wb, offer, template="call-followup", today=NOW.date())
    f = by_rule(draft.text, _ctx(wb, offer, "email", "call-followup"))["timely"]
    assert f.status == status and words in f.message, f.message


# --------------------------------------------------------------------------- a late answer

LATE = dict(received=date(2026, 11, 1), deadline=date(2026, 11, 10), now=NOW)
DECLINE = (
    "Subject: Offer\n\nDear Maria,\n\nThank you for the offer. {sorry}I have decided to decline "
    "it, as I have accepted another role.\n\nBest regards,\nSam Lee"
)


@pytest.mark.parametrize(
    "sorry",
    [
        "I am sorry for taking so long to get back to you.",
        "Sorry for the slow reply.",
        "I am sorry it has taken me so long to reply.",
        "I'm sorry it's taken me a while to get back to you.",
        "Apologies for the delay in replying.",
        "I apologise for my late answer.",
        "I apologize for keeping you waiting.",
    ],
)
def test_a_late_answer_that_apologises_warns(sorry):
    text = DECLINE.format(sorry=sorry + " ")
    f = by_rule(text, CheckContext(**LATE))["timely"]
    assert f.status == WARN, f.message
    assert f.message == (
        "The deadline (2026-11-10) passed 15 days ago; you apologise for the delay: send it today."
    )
    assert [text[a:b] for a, b in f.spans] == [sorry]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(DECLINE.format(sorry=""), id="no-apology"),
        pytest.param(DECLINE.format(sorry="I am sorry to disappoint you. "), id="not-for-delay"),
        pytest.param(
            DECLINE.format(sorry="")
            + "\n\nOn Mon, 2 Nov 2026 at 10:00, Maria <m@acme.example> wrote:\n"
            "> Sorry for the delay in sending the contract.",
            id="only-in-the-quoted-chain",
        ),
    ],
)
def test_a_late_answer_that_does_not_apologise_fails_saying_to(text):
    f = by_rule(text, CheckContext(**LATE))["timely"]
    assert f.status == FAIL
    assert "does not apologise" in f.message and "add a brief apology" in f.message


def test_the_app_apologises_when_it_is_late():
    offer = _offer(received=date(2026, 11, 1), deadline=date(2026, 11, 10))
    wb = _wb(offer)
    for name in ("standard", "brief", "warm", "phone"):
        draft = render_offer(wb, offer, template=name, today=NOW.date())
        f = by_rule(draft.text, _ctx(wb, offer, draft.medium, name))["timely"]
        assert f.status == WARN and "you apologise for the delay" in f.message, (name, f.message)


# --------------------------------------------------------------------------- the phone script

SCRIPT = """\
1. Hi Maria, it's Sam Lee. Do you have a few minutes to talk about the offer? (pause)
2. Thank you for offering me the role, and for all the time the team put into the interviews.
3. I've thought it through carefully, and I'm calling to let you know that I'm declining the \
offer. (pause)
4. I have accepted a role that lets me stay closer to my family.
5. I admired how openly the team shares its design reviews, and I enjoyed hearing about the \
warehouse dashboard redesign.
6. I'd like to stay in touch, and I hope our paths cross again.
7. If it helps, I'm happy to recommend people I know for the role.
8. I'll send a short email to confirm. All the best to you and the team.

If they ask why: "I have accepted a role that lets me stay closer to my family. It was the \
right decision for me now." (Keep to this; you owe no more detail.)
If they counter on the call: "Thank you, that's generous, but my decision is final." (Do not \
negotiate on the call.)
If you reach voicemail: "Hi Maria, it's Sam Lee, about the Senior Software Engineer offer. \
I'll email you my answer today, and I'm happy to talk whenever suits you." (Then send the \
email decline instead of the confirming one.)
"""
TITLE = "# Call notes: declining the Senior Software Engineer offer at Acme Corp\n\n"
EMAIL = (
    "\n--- confirming email, to send after the call ---\n\n"
    "Subject: Following up on our call – Sam Lee\n\nHi Maria,\n\nThank you for taking the "
    "time to speak with me today. As I mentioned on the call, I am declining the offer.\n\n"
    "Best regards,\nSam Lee\n"
)


def _phone_ctx(**kw) -> CheckContext:
    base = dict(
        medium="phone",
        sender="Sam Lee",
        recipient="Maria Lopez",
        now=NOW,
        firm=True,
        offer_referrals=True,
        known_words=("Sam Lee", "Maria Lopez", "Acme Corp"),
        spelling=False,
    )
    return CheckContext(**{**base, **kw})


@pytest.mark.parametrize(
    "text", [SCRIPT, TITLE + SCRIPT, TITLE + SCRIPT + EMAIL], ids=["body", "titled", "cli"]
)
def test_the_phone_script_with_cues_and_branches_passes(text):
    assert problems(text, _phone_ctx()) == []
    assert problems(text, _phone_ctx(spelling=True)) == []
    found = by_rule(text, _phone_ctx())
    assert found["greeting"].message == "Opens by name: “Hi Maria”."
    (a, b) = found["closing"].spans[0]
    assert text[a:b] == "All the best"  # in the last numbered point, not the voicemail line
    reason = [text[a:b] for a, b in found["brief-reason"].spans]
    assert reason == ["I have accepted a role that lets me stay closer to my family."]


def test_what_is_not_said_is_not_counted():
    counted = word_count(SCRIPT, "phone")
    assert counted == word_count(TITLE + SCRIPT + EMAIL, "phone")
    points = SCRIPT.split("\n\n")[0].replace("(pause)", "")
    assert counted == len(points.split())  # the talking points alone
    msg = Message(TITLE + SCRIPT + EMAIL, "phone")
    said = msg.norm
    for unsaid in ("(pause)", "Call notes", "If they ask why:", "Keep to this", "Subject:"):
        assert unsaid not in said
    assert '"Thank you, that\'s generous, but my decision is final."' in said


def test_a_long_title_line_is_a_title_not_the_greeting():
    title = "# " + "Call notes for the conversation about declining the offer " * 2 + "\n\n"
    found = by_rule(title + SCRIPT, _phone_ctx())
    assert found["greeting"].status == PASS
    # The title's "declining" is not the decline said on the call.
    no_decline = SCRIPT.replace("that I'm declining the offer", "about the offer")
    assert by_rule(TITLE + no_decline, _phone_ctx())["clear-decline"].status == FAIL


def test_the_branches_are_still_read_for_what_they_say():
    bargains = SCRIPT.replace(
        "Thank you, that's generous, but my decision is final.",
        "Could you raise the salary a little?",
    )
    assert by_rule(bargains, _phone_ctx())["no-bargaining"].status == FAIL
    unfilled = SCRIPT.replace(
        "It was the right decision", "[brief reason] It was the right decision"
    )
    assert by_rule(unfilled, _phone_ctx())["placeholders"].status == FAIL


def test_the_appended_email_is_not_read_as_the_script():
    # A script that never closes the call is not rescued by the email's sign-off.
    no_close = SCRIPT.replace(" All the best to you and the team.", "")
    assert by_rule(no_close + EMAIL, _phone_ctx())["closing"].status == WARN
    at, email = attached_email(TITLE + SCRIPT + EMAIL) or (0, "")
    assert email.startswith("Subject: Following up") and (TITLE + SCRIPT + EMAIL)[at:] == email
    assert attached_email(SCRIPT) is None


def test_the_rendered_phone_script_passes_as_the_app_and_the_cli_show_it():
    offer = _offer()
    wb = _wb(offer)
    draft = render_offer(wb, offer, medium="phone", today=NOW.date())
    ctx = _ctx(wb, offer, "phone", "phone")
    assert problems(draft.text, ctx) == []
    assert problems(cli_phone_text(wb, offer), ctx) == []


# --------------------------------------------------------------------------- the command line


def _cli(argv: list[str], data_dir: Path, stdin: str | None = None):
    env = dict(os.environ, DECLINE_TUI_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def acme_dir(tmp_path) -> Path:
    from decline_tui.core.store import Store

    data = tmp_path / "data"
    data.mkdir()
    offer = _offer(
        status="declined",
        log=[
            Interaction(date(2026, 11, 20), "declined", "email"),
            Interaction(date(2026, 11, 24), "follow-up", "email"),
        ],
    )
    store = Store(data / "workbook.toml")
    store.load()
    store.save(_wb(offer))
    return data


def test_the_phone_script_piped_from_render_to_check_passes(acme_dir):
    script = _cli(["render", "acme", "--medium", "phone"], acme_dir)
    assert script.returncode == 0, script.stderr
    assert script.stdout.startswith("# Call notes")
    now = ["--now", "2026-11-25T10:00"]
    done = _cli(["check", "-", "--medium", "phone", *now], acme_dir, stdin=script.stdout)
    assert done.returncode == 0, done.stdout
    out = done.stdout
    assert "The confirming email, checked as an email:" in out
    assert "Not checked for a confirming email after a call." in out
    assert "✗" not in out
    as_json = _cli(
        ["check", "-", "--medium", "phone", "--json", "--offer", "acme", *now],
        acme_dir,
        stdin=script.stdout,
    )
    data = json.loads(as_json.stdout)
    assert data["ok"] is True and data["followup"]["ok"] is True
    statuses = {f["rule"]: f["status"] for f in data["findings"]}
    assert statuses["greeting"] == "pass" and statuses["closing"] == "pass"
    email = {f["rule"]: f["status"] for f in data["followup"]["findings"]}
    assert email["brief-reason"] == "skip" and email["subject"] == "pass"
    assert script.stdout[data["followup"]["offset"] :].startswith("Subject: Following up")


def test_check_by_template_uses_its_kinds_rules(acme_dir):
    reply = _cli(["render", "acme", "--template", "recruiter-reply"], acme_dir).stdout
    now = ["--now", "2026-11-25T10:00", "--json"]
    as_decline = json.loads(_cli(["check", "-", *now], acme_dir, stdin=reply).stdout)
    as_reply = json.loads(
        _cli(["check", "-", "--template", "recruiter-reply", *now], acme_dir, stdin=reply).stdout
    )
    rules = {f["rule"]: f for f in as_reply["findings"]}
    assert rules["offer-help"]["message"] == "Not checked for a reply to a recruiter's follow-up."
    assert rules["no-bargaining"]["status"] == "pass"  # a recruiter reply is firm
    assert {f["rule"]: f["status"] for f in as_decline["findings"]}["no-bargaining"] == "skip"
    with_offer = json.loads(
        _cli(
            ["check", "-", "--template", "recruiter-reply", "--offer", "acme", *now],
            acme_dir,
            stdin=reply,
        ).stdout
    )
    timely = {f["rule"]: f for f in with_offer["findings"]}["timely"]
    assert timely["status"] == "pass" and "follow-up" in timely["message"]


def test_check_with_an_unknown_template_names_the_templates(acme_dir):
    done = _cli(["check", "-", "--template", "nope"], acme_dir, stdin="Hi")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert 'no template named "nope"' in done.stderr
    assert "recruiter-reply" in done.stderr and "call-followup" in done.stderr
    wrong = _cli(
        ["check", "-", "--template", "linkedin", "--medium", "email"], acme_dir, stdin="Hi"
    )
    assert wrong.returncode == 2 and "is for linkedin, not email" in wrong.stderr


def test_only_the_if_lines_after_the_last_point_are_branches():
    # "If it helps:" opening a talking point in the middle is said, not a branch.
    text = SCRIPT.replace("7. If it helps, I'm", "If it helps: I'm")
    msg = Message(text, "phone")
    assert text[msg.script_end :].startswith("If they ask why:")
    assert by_rule(text, _phone_ctx())["closing"].status == PASS


def test_a_branch_open_to_a_counter_is_not_wavering_when_the_offer_is_not_firm():
    open_branch = SCRIPT.replace(
        "Thank you, that's generous, but my decision is final.",
        "Thank you. Could you send it to me in writing? I'll give you my answer within two days.",
    )
    found = by_rule(open_branch, _phone_ctx(firm=False))
    assert found["no-wavering"].status == PASS and found["no-bargaining"].status == SKIP


def test_a_linkedin_note_or_confirming_email_is_saved_as_the_decline():
    from decline_tui.core.export import default_export_name

    offer = Offer(id="a", company="Acme Corp")
    assert default_export_name(offer, "linkedin", template="linkedin") == (
        "decline-acme-corp-linkedin.txt"
    )
    assert default_export_name(offer, "email", template="call-followup") == (
        "decline-acme-corp-email.txt"
    )


@pytest.mark.parametrize(
    ("label", "speech"),
    [
        (
            "If they counter on the call:",
            "Thank you for the improved offer, but my decision is final.",
        ),
        (
            "If they make a counter-offer:",
            "I appreciate the revised offer, but I won't reconsider.",
        ),
    ],
)
def test_a_branch_label_about_a_counter_is_not_read_as_bargaining(label, speech):
    text = SCRIPT.replace(
        'If they counter on the call: "Thank you, that\'s generous, but my decision is final."',
        f'{label} "{speech}"',
    )
    found = by_rule(text, _phone_ctx())
    assert found["no-bargaining"].status == PASS and found["no-wavering"].status == PASS
    if "make a counter" in label:  # read as words, as an email is read, the label bargains
        assert by_rule(text, _phone_ctx(medium="email"))["no-bargaining"].status == FAIL
