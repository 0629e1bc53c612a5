"""The scenario replies: counter-offers, recruiters, rescinding, the referrer, a check-in."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decline_tui.core.checklist import (
    BRIEF_WORDS,
    FAIL,
    PASS,
    SKIP,
    check,
    context_for,
    word_count,
)
from decline_tui.core.compose import PLACEHOLDER_RE, field_values, normalise_key, render
from decline_tui.core.kinds import kind_of
from decline_tui.core.model import MEDIUMS, Offer, Profile, Template, Workbook
from decline_tui.core.session import FieldError, Session
from decline_tui.core.store import Store
from decline_tui.core.templates import (
    BUILTIN,
    PLACEHOLDERS,
    SCENARIO_TEMPLATES,
    all_templates,
    get_template,
    pick_template,
    template_from_text,
    template_to_text,
)

# A Wednesday morning, inside business hours.
NOW = datetime(2026, 11, 25, 10, 30)
NAMES = [
    "counter-decline",
    "counter-open",
    "recruiter-reply",
    "recruiter-final",
    "rescind",
    "referrer-note",
    "checkin-note",
    "hold",
]
WAVERING = re.compile(
    r"\b(?:maybe|perhaps|for now|for the moment|unless|reconsider\w*|might|probably|"
    r"not sure|change my mind|on the fence)\b",
    re.IGNORECASE,
)
BARGAINING = re.compile(
    r"\b(?:could you|can you|would you consider|what if|negotia\w*|flexib\w*|counter\w*|"
    r"if you can|match|meet me|increase|raise|room)\b",
    re.IGNORECASE,
)


@pytest.fixture
def filled(offer) -> Offer:
    """The shared offer, with a referrer: every placeholder has a value."""
    offer.referrer = "Ana Torres"
    offer.referrer_email = "ana@example.org"
    return offer


@pytest.fixture
def wb(filled) -> Workbook:
    return Workbook(
        profile=Profile(name="Sam Lee", email="sam@example.com"),
        offers=[filled, Offer(id="globex", company="Globex", role="Designer")],
    )


def render_named(name: str, wb: Workbook, offer: Offer):
    return render(get_template(name, wb), offer, wb.profile, wb)


def checked(name: str, wb: Workbook, offer: Offer):
    draft = render_named(name, wb, offer)
    ctx = context_for(wb, offer, draft.medium, NOW, template=name)
    return draft, {f.rule: f for f in check(draft.text, ctx)}


# --------------------------------------------------------------------------- the set


def test_the_scenario_templates():
    assert list(SCENARIO_TEMPLATES) == NAMES
    firm = {"counter-decline", "recruiter-reply", "recruiter-final", "rescind"}
    assert {n for n in all_templates() if kind_of(n).firm} == firm  # replies final as sent


@pytest.mark.parametrize("name", NAMES)
def test_each_is_a_described_builtin_email(name):
    tpl = SCENARIO_TEMPLATES[name]
    assert tpl.name == name
    assert tpl.medium == "email"
    assert tpl.builtin is True
    assert tpl.subject.strip()
    assert tpl.description.strip() and tpl.description.endswith(".")
    assert tpl.followup == "" and tpl.max_chars == 0
    for para in tpl.paragraphs:
        for _part, text in para:
            assert text.strip()
    assert tpl.paragraphs[0][0][0] == "greeting"
    assert tpl.paragraphs[-1][-1][0] == "closing"


@pytest.mark.parametrize("name", NAMES)
def test_each_uses_only_known_placeholders(name):
    tpl = SCENARIO_TEMPLATES[name]
    texts = [tpl.subject] + [text for para in tpl.paragraphs for _, text in para]
    for text in texts:
        for m in PLACEHOLDER_RE.finditer(text):
            assert normalise_key(m.group(1)) in PLACEHOLDERS, (name, m.group(0))


@pytest.mark.parametrize("name", NAMES)
def test_each_round_trips_as_text(name):
    tpl = SCENARIO_TEMPLATES[name]
    back = template_from_text(name, template_to_text(tpl), medium=tpl.medium)
    assert back.paragraphs == tpl.paragraphs


def test_they_are_found_by_name_but_kept_apart_from_the_first_declines():
    assert not set(SCENARIO_TEMPLATES) & set(BUILTIN)
    templates = all_templates()
    for name in NAMES:
        assert templates[name] is SCENARIO_TEMPLATES[name]
        assert get_template(name) is SCENARIO_TEMPLATES[name]
        assert pick_template(None, name, "email") is SCENARIO_TEMPLATES[name]
    assert pick_template(None, "rescind", "phone").name == "phone"


def test_a_persons_own_template_of_the_same_name_wins():
    mine = Template(name="rescind", paragraphs=[[("greeting", "Hi [First Name],")]])
    assert all_templates(Workbook(templates={"rescind": mine}))["rescind"] is mine


# --------------------------------------------------------------------------- the session


@pytest.fixture
def session(tmp_path, wb) -> Session:
    return Session(Store(tmp_path / "w.toml"), wb)


def test_the_medium_cycle_skips_the_scenario_replies(session):
    for medium in MEDIUMS:
        assert not set(session.templates_for(medium)) & set(SCENARIO_TEMPLATES)
    assert session.templates_for("email") == ["standard", "brief", "warm", "call-followup"]


def test_cycling_from_a_scenario_reply_goes_back_to_the_first_declines(session, filled):
    filled.template = "counter-decline"
    assert session.next_template(filled) == "standard"


def test_the_persons_own_template_named_like_a_scenario_is_cycled(session, wb):
    wb.templates["rescind"] = Template(name="rescind", paragraphs=[[("greeting", "Hi,")]])
    assert "rescind" in session.templates_for("email")


def test_the_session_drafts_a_scenario_template_as_a_reply_not_a_template(session, filled):
    before = filled.template
    with pytest.raises(FieldError, match="scenario reply"):
        session.set_field(filled, "template", "recruiter-final", NOW.date())
    session.draft_reply(filled, "recruiter-final")
    assert (filled.template, filled.reply) == (before, "recruiter-final")


# --------------------------------------------------------------------------- placeholders


def test_referrer_fields(filled):
    values = field_values(filled, Profile(name="Sam Lee"))
    assert values["referrer"] == "Ana Torres"
    assert values["referrer_first_name"] == "Ana"
    assert values["referrer_email"] == "ana@example.org"
    for key, fld in [
        ("referrer's name", "referrer"),
        ("referrer's first name", "referrer_first_name"),
        ("referrer's email", "referrer_email"),
        ("recruiter's first name", "contact_first_name"),
    ]:
        assert PLACEHOLDERS[key] == fld


def test_a_referrer_with_a_title_is_greeted_by_first_name(filled):
    filled.referrer = "Dr. Ana Torres"
    assert field_values(filled, Profile())["referrer_first_name"] == "Ana"


# --------------------------------------------------------------------------- rendered


@pytest.mark.parametrize("name", NAMES)
def test_each_renders_fully_and_passes_the_checklist(name, wb, filled):
    draft, found = checked(name, wb, filled)
    assert draft.placeholders == [], draft.text
    failed = {rule: f.message for rule, f in found.items() if f.status == FAIL}
    assert not failed, (name, draft.text, failed)
    kind = kind_of(name)
    for rule in ("greeting", "gratitude", "clear-decline", "closing", "subject", "no-wavering"):
        if rule in kind.rules:
            assert found[rule].status == PASS, (name, rule, found[rule].message)
        else:  # a check-in needs no decline, a counter-open is not firm
            assert found[rule].status == SKIP, (name, rule)
            assert found[rule].message.startswith("Not checked for ")
    assert found["no-negativity"].status == PASS
    assert found["no-other-company"].status == PASS
    assert len(draft.body.split()) < BRIEF_WORDS
    expected = PASS if kind_of(name).firm else SKIP
    assert found["no-bargaining"].status == expected


def test_a_counter_open_is_never_checked_as_firm(wb, filled):
    """Opening talks is the point of a counter-open, even for an offer once marked firm."""
    filled.firm = True
    _, found = checked("counter-open", wb, filled)
    assert found["no-bargaining"].status == SKIP
    assert found["no-wavering"].status == SKIP


@pytest.mark.parametrize("name", NAMES)
def test_each_passes_for_an_offer_marked_firm(name, wb, filled):
    filled.firm = True
    _, found = checked(name, wb, filled)
    kind = kind_of(name)
    assert found["no-bargaining"].status == (PASS if kind.firm or kind.declines else SKIP)
    assert not [r for r, f in found.items() if f.status == FAIL]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("future_open", "referrals"), [(False, False), (True, False)])
def test_each_passes_without_the_optional_parts(name, wb, filled, future_open, referrals):
    filled.future_open = future_open
    filled.offer_referrals = referrals
    draft, found = checked(name, wb, filled)
    assert not [r for r, f in found.items() if f.status == FAIL], draft.text


@pytest.mark.parametrize("name", ["counter-decline", "recruiter-final"])
def test_firm_replies_neither_waver_nor_bargain(name, wb, filled):
    draft = render_named(name, wb, filled)
    assert not WAVERING.findall(draft.text)
    assert not BARGAINING.findall(draft.text)


def test_counter_decline_thanks_for_the_improved_offer_and_stands(wb, filled):
    text = render_named("counter-decline", wb, filled).text
    assert "Thank you for coming back to me with an improved offer" in text
    assert "my decision to decline stands" in text


def test_counter_open_commits_to_nothing(wb, filled):
    text = render_named("counter-open", wb, filled).text
    assert "before I give you my answer" in text
    assert not re.search(r"\b(?:accept|yes|agree|delighted to join)\b", text, re.IGNORECASE)
    assert not WAVERING.findall(text)


def test_recruiter_reply_repeats_the_thanks_and_the_decision(wb, filled):
    text = render_named("recruiter-reply", wb, filled).text
    assert text.split("\n")[2] == "Hi María,"
    assert "Thank you for following up" in text
    assert "decision to decline the offer stands" in text
    assert not WAVERING.findall(text)


def test_recruiter_final_says_plainly_it_is_final(wb, filled):
    text = render_named("recruiter-final", wb, filled).text
    assert "my decision is final" in text
    assert "Thank you again" in text


def test_rescind_follows_a_call_and_apologises_once(wb, filled):
    text = render_named("rescind", wb, filled).text
    assert "on the call" in text
    assert len(re.findall(r"\b(?:sorry|apologi[sz]e\w*|apolog\w*)\b", text, re.IGNORECASE)) == 1
    assert "withdrawing my acceptance" in text
    assert filled.reason in text


@pytest.mark.parametrize(
    "reason",
    [
        None,  # the shared offer's own
        "A family illness means I need to stay in Porto for at least the next year, so I "
        "cannot relocate as planned.",
    ],
)
def test_rescind_owns_the_decision_in_under_a_hundred_words(wb, filled, reason):
    """It was the longest email (103-135 words) and apologised without owning the decision:
    now the decision is the writer's, their search may be closed, and what is theirs goes
    back, in under 100 words."""
    if reason is not None:
        filled.reason = reason
    draft, findings = checked("rescind", wb, filled)
    assert "The decision is mine" in draft.text
    assert "closed your search" in draft.text
    assert "return or sign" in draft.text
    assert word_count(draft.text) < 100, word_count(draft.text)
    assert not [f for f in findings.values() if f.status == FAIL], draft.text


def test_referrer_note_greets_the_referrer(wb, filled):
    draft = render_named("referrer-note", wb, filled)
    assert draft.body.startswith("Hi Ana,")
    assert "María" not in draft.body.split("\n")[0]
    assert "decline the offer" in draft.text
    assert "Thank you" in draft.text
    assert draft.text.rstrip().endswith("Sam")
    ctx = context_for(wb, filled, "email", NOW, template="referrer-note")
    assert ctx.recipient == "Ana Torres"
    assert "Ana Torres" in ctx.known_words


def test_referrer_note_without_a_referrer_leaves_the_placeholder(wb, filled):
    filled.referrer = ""
    draft, found = checked("referrer-note", wb, filled)
    assert [s.name for s in draft.placeholders] == ["Referrer's First Name"]
    assert found["placeholders"].status == FAIL


def test_checkin_note_asks_for_nothing(wb, filled):
    text = render_named("checkin-note", wb, filled).text
    assert "Congratulations" not in text  # on no news in particular: it says nothing of it
    assert "I hope all is well with you and everyone at Acme Robotics." in text
    filled.news = "the launch of the mobile app"
    text = render_named("checkin-note", wb, filled).text
    assert "Subject: Congratulations on the launch of the mobile app\n" in text
    assert "I saw the news about the launch of the mobile app, and wanted to say" in text
    assert "?" not in text
    assert "No need to reply" in text
    assert not re.search(r"\b(?:could you|would you|can you|please)\b", text, re.IGNORECASE)


# --------------------------------------------------------------------------- any offer

_letters = "abcdefghijklmnopqrstuvwxyzáéíñöüç"
_name = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHJKLMNOPRSTVZÁÉÓŁ"),
    st.text(alphabet=_letters, min_size=1, max_size=10),
)
_person = st.builds(lambda a, b: f"{a} {b}", _name, _name)


@settings(max_examples=40, deadline=None)
@given(
    name=_person,
    contact=_person,
    referrer=_person,
    company=st.builds(lambda a, b: f"{a} {b}", _name, st.sampled_from(["Labs", "Health", "AG"])),
    role=st.sampled_from(["Product Designer", "Data Engineer", "Staff Nurse", "Head of Sales"]),
    reason=st.sampled_from(
        [
            "I have accepted a role closer to home",
            "I have decided to stay in my current role",
            "the timing is not right for my family",
        ]
    ),
    admired=st.sampled_from(["your open design reviews", "the way the team mentors juniors"]),
    project=st.sampled_from(["the payments migration", "the clinic scheduling tool"]),
    future_open=st.booleans(),
    referrals=st.booleans(),
    firm=st.booleans(),
)
def test_every_scenario_template_renders_without_a_fail(
    name, contact, referrer, company, role, reason, admired, project, future_open, referrals, firm
):
    offer = Offer(
        id="x",
        company=company,
        role=role,
        contact_name=contact,
        received=date(2026, 11, 24),
        deadline=date(2026, 12, 1),
        reason=reason,
        admired=admired,
        project=project,
        future_open=future_open,
        offer_referrals=referrals,
        referrer=referrer,
        firm=firm,
    )
    wb = Workbook(profile=Profile(name=name), offers=[offer])
    for tpl_name, tpl in SCENARIO_TEMPLATES.items():
        draft = render(tpl, offer, wb.profile, wb)
        found = check(draft.text, context_for(wb, offer, "email", NOW, template=tpl_name))
        failed = [(f.rule, f.message) for f in found if f.status == FAIL]
        assert not failed, (tpl_name, draft.text, failed)


def test_scenario_templates_are_not_changed_by_rendering(wb, filled):
    before = {n: dataclasses.replace(t) for n, t in SCENARIO_TEMPLATES.items()}
    for name in NAMES:
        render_named(name, wb, filled)
    assert before == SCENARIO_TEMPLATES
