"""Rendering: placeholders filled from the offer, parts tagged, built-ins pass the checklist."""

from __future__ import annotations

import dataclasses
import re
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decline_tui.core.checklist import FAIL, check, context_for
from decline_tui.core.compose import (
    BRANCHES,
    CONDITIONAL,
    VALUE_PARTS,
    render,
    render_offer,
    short_role,
)
from decline_tui.core.model import Offer, Profile, Template, Workbook
from decline_tui.core.templates import (
    BUILTIN,
    TemplateError,
    all_templates,
    copy_template,
    get_template,
    pick_template,
)

from .conftest import NOW


def test_fills_every_field(offer, workbook):
    draft = render_offer(workbook, offer)
    text = draft.text
    assert text.startswith("Subject: Job offer: Senior Product Designer – Sam Lee\n\n")
    for words in (
        "Dear María López,",
        "Senior Product Designer position at Acme Robotics",
        "I have accepted a role that lets me stay close to my family.",
        "the care your team puts into accessibility",
        "the redesign of the warehouse dashboard",
        "Best regards,\nSam Lee",
    ):
        assert words in text
    assert "[" not in text
    assert draft.placeholders == []


def test_empty_fields_stay_visible_as_placeholders():
    draft = render(BUILTIN["standard"], Offer(id="x"), Profile())
    names = {s.name for s in draft.placeholders}
    assert {"Company Name", "Job Title", "Hiring Manager's Name", "Your Name"} <= names
    for span in draft.placeholders:
        assert draft.text[span.start : span.end] == f"[{span.name}]"
    findings = {
        f.rule: f for f in check(draft.text, context_for(Workbook(), Offer(id="x"), "email", NOW))
    }
    assert findings["placeholders"].status == FAIL


def test_parts_are_tagged_with_their_spans(offer, workbook):
    draft = render_offer(workbook, offer)
    kinds = [s.kind for s in draft.parts]
    assert kinds == [
        "subject",
        "greeting",
        "thanks",
        "decline",
        "reason",
        "positive",
        "future",
        "help",
        "wish",
        "closing",
    ]
    by_kind = {s.kind: draft.text[s.start : s.end] for s in draft.parts}
    assert by_kind["greeting"] == "Dear María López,"
    assert by_kind["reason"] == "I have accepted a role that lets me stay close to my family."
    assert by_kind["closing"] == "Best regards,\nSam Lee"
    assert by_kind["subject"] == draft.subject
    fields = {s.name for s in draft.fills if s.kind == "field"}
    assert {
        "company",
        "role",
        "contact_name",
        "reason",
        "admired",
        "project",
        "your_name",
    } <= fields
    for s in draft.fills:
        assert draft.text[s.start : s.end]


def test_conditional_parts_follow_the_offer(offer, workbook):
    offer.future_open = False
    offer.offer_referrals = False
    draft = render_offer(workbook, offer)
    kinds = {s.kind for s in draft.parts}
    assert "future" not in kinds and "help" not in kinds
    assert "stay in touch" not in draft.text
    assert "recommend" not in draft.text
    findings = {f.rule: f for f in check(draft.text, context_for(workbook, offer, "email", NOW))}
    assert findings["door-open"].status == "skip"
    assert findings["offer-help"].status == "skip"


def test_referral_sentence_only_when_asked(offer, workbook):
    offer.offer_referrals = True
    assert "recommend people from my network" in render_offer(workbook, offer).text
    offer.offer_referrals = False
    assert "recommend people from my network" not in render_offer(workbook, offer).text


def test_different_companies_get_different_text(offer, workbook):
    other = dataclasses.replace(
        offer,
        id="b",
        company="Umbrella Health",
        role="UX Lead",
        contact_name="Tom Okafor",
        admired="your patient-first research",
    )
    a = render_offer(workbook, offer).text
    b = render_offer(workbook, other).text
    assert a != b
    assert "Umbrella Health" in b and "Acme Robotics" not in b


def test_reason_becomes_a_sentence(workbook):
    o = Offer(id="a", reason="  i'm staying in my current role  ")
    draft = render(BUILTIN["standard"], o, workbook.profile)
    assert "I'm staying in my current role." in draft.text
    o.reason = "I chose a role nearer home!"  # a decline is not the place for "!"
    assert "nearer home." in render(BUILTIN["standard"], o, workbook.profile).text


def test_admired_phrase_loses_its_trailing_stop(workbook):
    o = Offer(id="a", admired="your open design reviews.")
    assert (
        "impressed by your open design reviews, and"
        in render(BUILTIN["standard"], o, workbook.profile).text
    )


def test_first_names_skip_titles(workbook):
    o = Offer(id="a", contact_name="Dr. Zoë Ng")
    assert render(BUILTIN["brief"], o, workbook.profile).text.split("\n")[2] == "Hi Zoë,"


def test_user_text_with_brackets_is_not_re_expanded(workbook):
    o = Offer(id="a", company="[bold]Acme[/]", contact_name="[Your Name]")
    draft = render(BUILTIN["standard"], o, workbook.profile)
    assert "at [bold]Acme[/]," in draft.text
    assert "Dear [Your Name]," in draft.text  # the value, not the profile's name


def test_phone_script_has_numbered_points_and_a_confirming_email(offer, workbook):
    draft = render_offer(workbook, offer, medium="phone")
    assert draft.medium == "phone"
    paragraphs = draft.body.split("\n\n")
    points = [p for p in paragraphs if not p.startswith("If ")]
    assert [p.split(".")[0] for p in points] == [str(i) for i in range(1, len(points) + 1)]
    assert points[0].startswith("1. Hi María, it's Sam Lee.")
    # what to say if the call goes another way follows the points, unnumbered
    branches = paragraphs[len(points) :]
    assert [b.split(":")[0] for b in branches] == [
        "If they ask why",
        "If they counter on the call",
        "If you reach voicemail",
    ]
    assert draft.followup is not None and draft.followup.medium == "email"
    assert "As I mentioned on the call" in draft.followup.text


def test_linkedin_note_fits_200_characters(offer, workbook):
    draft = render_offer(workbook, offer, medium="linkedin")
    assert len(draft.text) <= 200
    assert draft.text.startswith("Hi María, thank you again")
    offer.role = "Principal Staff Distinguished Engineer, Platform Infrastructure"
    offer.company = "The Extremely Long Name Holdings International Company"
    long_draft = render_offer(workbook, offer, medium="linkedin")
    assert len(long_draft.text) <= 200
    assert "decline" in long_draft.text


def test_pick_template_by_medium(workbook):
    assert pick_template(workbook, "warm", "email").name == "warm"
    assert pick_template(workbook, "warm", "phone").name == "phone"
    assert pick_template(workbook, "warm", "linkedin").name == "linkedin"
    assert pick_template(workbook, "nonsense").name == "standard"
    with pytest.raises(TemplateError):
        pick_template(workbook, "", "fax")
    with pytest.raises(TemplateError, match="there are: brief"):
        get_template("nope", workbook)


def test_user_templates_render_and_can_be_copied(offer, workbook):
    mine = copy_template(BUILTIN["brief"], "mine")
    assert mine.builtin is False and mine.name == "mine"
    mine.paragraphs[0] = [("greeting", "Hello [Hiring Manager's First Name]!")]
    workbook.templates["mine"] = mine
    offer.template = "mine"
    draft = render_offer(workbook, offer)
    assert draft.template == "mine"
    assert "Hello María!" in draft.text
    assert BUILTIN["brief"].paragraphs[0] == [("greeting", "Hi [Hiring Manager's First Name],")]


def test_custom_template_with_unknown_part_and_placeholder(workbook, offer):
    tpl = Template(
        name="odd",
        subject="Re: [Job Title]",
        paragraphs=[[("greeting", "Hi [First Name],")], [("ps", "P.S. [Unknown Thing]")]],
    )
    draft = render(tpl, offer, workbook.profile)
    assert "P.S. [Unknown Thing]" in draft.text
    assert [s.name for s in draft.placeholders] == ["Unknown Thing"]


def _readme_templates_section() -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return readme.split("### Templates", 1)[1].split("\n### ", 1)[0]


def test_every_part_is_documented_and_none_is_a_typo():
    # A part name is the README's to explain: one a built-in writes, or one compose gives a
    # meaning (written only in some cases, a phone script's branch), is named in its Templates
    # section; a misspelt part in a built-in ("lates") would be written every time, unnoticed.
    named = set(re.findall(r"`([a-z-]+)`", _readme_templates_section()))
    for part in [*CONDITIONAL, *VALUE_PARTS, *BRANCHES]:
        assert part in named, f"compose gives {part!r} a meaning the README does not name"
    for tpl in all_templates().values():
        for para in [p for alt in [tpl.paragraphs, *tpl.fallbacks] for p in alt]:
            for part, _ in para:
                assert part in named, f"{tpl.name} writes part {part!r}, not in the README"


# --------------------------------------------------------------------------- property

_letters = "abcdefghijklmnopqrstuvwxyzáéíñöüçłøåß"
_name = st.builds(
    lambda first, rest: first.upper() + rest,
    st.sampled_from(string.ascii_letters.upper() + "ÁÉÓŁØZ"),
    st.text(alphabet=_letters, min_size=1, max_size=11),
)
_person = st.builds(lambda a, b: f"{a} {b}", _name, _name)
_company = st.builds(
    lambda a, b: f"{a} {b}",
    _name,
    st.sampled_from(["Labs", "Health", "Robotics", "Inc.", "AG", "& Co"]),
)
_role = st.sampled_from(
    [
        "Product Designer",
        "Senior Backend Engineer",
        "Data Analyst",
        "Head of Marketing",
        "Staff Software Engineer, Payments",
        "UX Researcher",
        "Nurse Practitioner",
    ]
)
_reason = st.sampled_from(
    [
        "I have accepted a role that is closer to my family",
        "I've decided to stay in my current role, where a new project has just started.",
        "I have chosen a position that fits my long-term goals more closely",
        "after a lot of thought, I've accepted an offer in a different direction",
        "I have decided to focus on my studies this year.",
    ]
)
_admired = st.sampled_from(
    [
        "your team's care for accessibility",
        "the openness of your design reviews",
        "how clearly the team explained its roadmap",
        "your commitment to patient safety",
    ]
)
_project = st.sampled_from(
    [
        "the new onboarding flow",
        "the payments migration",
        "your mentoring programme",
        "the clinic scheduling tool",
    ]
)
_day = st.dates(min_value=date(2026, 11, 20), max_value=date(2026, 11, 25))


@settings(max_examples=60, deadline=None)
@given(
    name=_person,
    contact=_person,
    company=_company,
    role=_role,
    reason=_reason,
    admired=_admired,
    project=_project,
    received=_day,
    future_open=st.booleans(),
    referrals=st.booleans(),
)
def test_every_builtin_renders_without_a_fail(
    name, contact, company, role, reason, admired, project, received, future_open, referrals
):
    offer = Offer(
        id="x",
        company=company,
        role=role,
        contact_name=contact,
        contact_email="them@example.com",
        received=received,
        deadline=date(2026, 12, 1),
        reason=reason,
        admired=admired,
        project=project,
        future_open=future_open,
        offer_referrals=referrals,
    )
    wb = Workbook(profile=Profile(name=name, email="me@example.com"), offers=[offer])
    for tpl in BUILTIN.values():
        draft = render(tpl, offer, wb.profile, wb)
        for d in (draft, draft.followup):
            if d is None:
                continue
            findings = check(d.text, context_for(wb, offer, d.medium, NOW))
            failed = [(f.rule, f.message) for f in findings if f.status == FAIL]
            assert not failed, (tpl.name, d.text, failed)


# --------------------------------------------------------------------------- grammar


def test_words_set_around_a_value_are_outside_its_span(workbook):
    o = Offer(id="a", admired="commitment to accessible design", contact_name="Dr. Aisha Bello")
    draft = render(BUILTIN["standard"], o, workbook.profile)
    spans = {s.name: draft.text[s.start : s.end] for s in draft.fills if s.kind == "field"}
    # "your" is the template's word, the value is the person's
    assert spans["admired"] == "commitment to accessible design"
    assert "impressed by your commitment" in draft.text
    assert spans["contact_salutation"] == "Dr. Bello"


def test_a_prose_field_at_a_sentence_start_is_capitalised(workbook):
    tpl = Template(
        name="mine",
        paragraphs=[[("positive", "[specific aspect you admired] stood out. [project] too.")]],
    )
    o = Offer(id="a", admired="commitment to design", project="the dashboard")
    assert render(tpl, o, workbook.profile).text == (
        "Your commitment to design stood out. The dashboard too."
    )


def test_a_template_article_follows_the_value(workbook):
    tpl = Template(name="mine", paragraphs=[[("thanks", "As a [Job Title]. A [Job Title].")]])
    o = Offer(id="a", role="Engineering Manager")
    assert render(tpl, o, workbook.profile).text == (
        "As an Engineering Manager. An Engineering Manager."
    )
    o.role = ""
    assert render(tpl, o, workbook.profile).text == "As a [Job Title]. A [Job Title]."


def test_a_value_ending_in_a_stop_takes_no_second_one(workbook):
    tpl = Template(name="mine", paragraphs=[[("thanks", "Thanks to [Company Name].")]])
    assert render(tpl, Offer(id="a", company="Acme Inc."), workbook.profile).text == (
        "Thanks to Acme Inc."
    )


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        ("I have accepted another role;", "I have accepted another role."),
        ("better fit for my goals,", "I have chosen a role that is a better fit for my goals."),
        ("I decided to stay!!", "I decided to stay."),
        ("I am staying put...", "I am staying put."),
        ("I am staying put…", "I am staying put."),
        ("I have accepted a role at Acme Inc.", "I have accepted a role at Acme Inc."),
    ],
)
def test_a_reason_ends_on_one_plain_stop(workbook, reason, sentence):
    """No ";." or ",." after what the person typed, and no "!!" or "..." in a decline.

    (A reason that says no itself, "I am staying put", takes the decline sentence's place.)"""
    o = Offer(id="a", company="Acme", role="Designer", contact_name="Ann Lee", reason=reason)
    text = render(BUILTIN["standard"], o, workbook.profile).text
    assert re.search(rf"(?:the offer|interviews)\. {re.escape(sentence)}[\n ]", text), text


DECLINING_REASONS = [
    "After careful consideration, I've decided to accept another offer that fits my goals.",
    "I've decided to stay in my current role.",
    "I have to turn it down, as I am relocating to Lisbon.",
]


@pytest.mark.parametrize("template", ["standard", "brief", "warm", "phone"])
@pytest.mark.parametrize("reason", DECLINING_REASONS)
def test_a_reason_that_already_declines_replaces_the_decline_sentence(
    offer, workbook, template, reason
):
    """Said twice, "I have decided to decline the offer. After careful consideration, I've
    decided to accept another offer": the reason says no, once, and still plainly."""
    o = dataclasses.replace(offer, reason=reason)
    tpl = BUILTIN[template]
    draft = render(tpl, o, workbook.profile)
    declines = [text for para in tpl.paragraphs for part, text in para if part == "decline"]
    assert declines and not any(d in draft.text for d in declines), draft.text
    # said once; a phone script's "If they ask why" branch says it again, on purpose
    assert draft.text.split("\n\nIf they ask why")[0].count(reason) == 1
    assert not [s for s in draft.parts if s.kind == "decline"]
    ctx = context_for(workbook, o, tpl.medium, NOW, template=template)
    findings = {f.rule: f for f in check(draft.text, ctx)}
    assert findings["clear-decline"].status != FAIL
    assert not [f for f in findings.values() if f.status == FAIL], draft.text


def test_a_reason_that_does_not_decline_keeps_the_decline_sentence(workbook):
    reason = "I have accepted a role that lets me stay close to my family."
    o = Offer(id="a", company="Acme", role="Designer", contact_name="Ann Lee", reason=reason)
    text = render(BUILTIN["standard"], o, workbook.profile).text
    assert "I have decided to decline the offer. I have accepted a role" in text


def test_a_scenario_reply_keeps_its_own_decline_sentence(workbook):
    """A counter-decline's "my decision to decline stands" answers the counter-offer."""
    reason = "I've decided to stay in my current role."
    o = Offer(id="a", company="Acme", role="Designer", contact_name="Ann Lee", reason=reason)
    tpl = get_template("counter-decline")
    text = render(tpl, o, workbook.profile).text
    declines = [t for para in tpl.paragraphs for part, t in para if part == "decline"]
    assert all(d in text for d in declines), text


LONG_ROLE = "Senior Software Engineer, Platform Infrastructure (Remote, EMEA) – Level 5"


@pytest.mark.parametrize(
    ("role", "short"),
    [
        (LONG_ROLE, "Senior Software Engineer"),
        ("VP, Engineering", "VP, Engineering"),  # short already: a cut would lose the job
        ("Head of Design, EMEA", "Head of Design, EMEA"),
        (
            "Principal Staff Engineering Manager for Distributed Systems Reliability",
            "Principal Staff Engineering Manager",
        ),
        (
            "Staff Engineer (Payments) / Tech Lead for the Checkout and Wallet teams",
            "Staff Engineer",
        ),
        ("", ""),
    ],
)
def test_short_role_is_what_a_subject_or_a_spoken_sentence_can_hold(role, short):
    assert short_role(role) == short
    assert len(short_role(role)) <= 40


def test_a_long_job_title_is_cut_in_the_subject_and_the_phone_script_only(offer, workbook):
    o = dataclasses.replace(offer, role=LONG_ROLE)
    email = render(BUILTIN["standard"], o, workbook.profile)
    assert email.subject == "Job offer: Senior Software Engineer – Sam Lee"
    assert f"offering me the {LONG_ROLE} position" in email.text  # the letter names it whole
    phone = render(BUILTIN["phone"], o, workbook.profile)
    assert LONG_ROLE not in phone.text.split("\n\n---")[0]
    assert "the Senior Software Engineer role" in phone.text


def test_a_lower_case_job_title_is_capitalised_in_the_subject(offer, workbook):
    o = dataclasses.replace(offer, role="senior software engineer")
    draft = render(BUILTIN["brief"], o, workbook.profile)
    assert draft.subject == "Senior Software Engineer offer – Sam Lee"
    assert "as a senior software engineer." in draft.text


REPEATS = [
    re.compile(r"\bthank(?:s| you)\b[^.]*\bagain\b", re.I),  # a second "thanks … again"
    re.compile(r"\bthought\b", re.I),  # "the thought you put into it … careful thought"
]


@pytest.mark.parametrize("name", ["phone", "counter-decline"])
def test_a_template_says_each_thing_once(offer, workbook, name):
    """The phone script thanked "again" twice (points 2 and 8); the counter-decline thanked
    for "the thought" put in and then gave it "careful thought"."""
    text = render(get_template(name), offer, workbook.profile).text
    for pattern in REPEATS:
        assert len(pattern.findall(text)) <= 1, (pattern.pattern, text)
