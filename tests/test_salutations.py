"""Greetings for the contacts people really type: groups, roles, titles with a surname only."""

from __future__ import annotations

import pytest

from decline_tui.core.checklist import FAIL, PASS, WARN, CheckContext, check, context_for
from decline_tui.core.compose import render
from decline_tui.core.model import Offer, Profile, Workbook
from decline_tui.core.names import GROUP, PERSON, ROLE, addressee_kind, first_name, greeting_name
from decline_tui.core.templates import BUILTIN

from .conftest import NOW

PROFILE = Profile(name="Sam Lee", email="sam@example.com")

# contact -> (formal greeting, short greeting)
GREETINGS = {
    "the hiring team": ("Dear Hiring Team,", "Hi all,"),
    "Recruiting Team": ("Dear Recruiting Team,", "Hi all,"),
    "the Search Committee": ("Dear Search Committee,", "Hi all,"),
    "Hiring Manager": ("Dear Hiring Manager,", "Hi there,"),
    "HR": ("Dear HR,", "Hi there,"),
    "Mr. O'Neil": ("Dear Mr. O'Neil,", "Hi Mr. O'Neil,"),
    "Ms. Nguyen": ("Dear Ms. Nguyen,", "Hi Ms. Nguyen,"),
    "Dr. Aisha Bello": ("Dear Dr. Bello,", "Hi Aisha,"),
    "María López": ("Dear María López,", "Hi María,"),
    "Teamwork Tom": ("Dear Teamwork Tom,", "Hi Teamwork,"),  # a person, whatever the word
}


def _greeting(template: str, contact: str) -> str:
    offer = Offer(id="a", company="Acme", role="Designer", contact_name=contact)
    body = render(BUILTIN[template], offer, PROFILE).body
    return next(line for line in body.splitlines() if line.strip())


@pytest.mark.parametrize("contact", list(GREETINGS))
def test_formal_and_short_greetings(contact):
    formal, short = GREETINGS[contact]
    assert _greeting("standard", contact) == formal
    assert _greeting("brief", contact) == short


@pytest.mark.parametrize("contact", list(GREETINGS))
def test_every_template_greets_without_a_broken_greeting(contact):
    """No "Dear the …", no "Hi the," and no "Hi Hiring," in any template or medium."""
    offer = Offer(
        id="a",
        company="Acme",
        role="Designer",
        contact_name=contact,
        referrer=contact,
        reason="I have accepted another role",
        admired="the care your team puts into research",
        project="the redesign",
    )
    wb = Workbook(offers=[offer], profile=PROFILE)
    for name, template in BUILTIN.items():
        draft = render(template, offer, PROFILE)
        text = draft.text
        for wrong in ("Dear the ", "Hi the,", "Hi Hiring,", "Hi Recruiting,", "Hi O'Neil,"):
            assert wrong not in text, (name, contact, text[:120])
        ctx = context_for(wb, offer, draft.medium, NOW, template=name)
        greeting = next(f for f in check(text, ctx) if f.rule == "greeting")
        assert greeting.status != FAIL, (name, contact, greeting.message)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("the hiring team", GROUP),
        ("Talent Acquisition Team", GROUP),
        ("Hiring Manager", ROLE),
        ("the recruiter", ROLE),
        ("María López", PERSON),
        ("Dr. Aisha Bello", PERSON),
        ("", PERSON),
        ("Theodore Manager", PERSON),  # a surname that is also a role word
    ],
)
def test_addressee_kind(name, kind):
    assert addressee_kind(name) == kind


def test_names_for_short_greetings():
    assert first_name("Prof. Dr. Hans Müller") == "Hans"
    assert first_name("Mx. Quinn") == "Mx. Quinn"
    assert first_name("  Zoë   Ng ") == "Zoë"
    assert greeting_name("") == ""


def test_the_checklist_flags_a_group_pasted_after_dear():
    """Typed by hand, as the templates no longer write it."""
    findings = check("Dear the hiring team,\n\nThank you for the offer.", CheckContext())
    greeting = next(f for f in findings if f.rule == "greeting")
    assert greeting.status == WARN
    assert "Dear Hiring Team" in greeting.message


def test_a_group_greeting_says_why_it_is_not_a_name():
    ctx = CheckContext(recipient="the hiring team")
    greeting = next(f for f in check("Hi all,\n\nThanks.", ctx) if f.rule == "greeting")
    assert greeting.status == WARN
    assert "names no one" in greeting.message
    formal = next(f for f in check("Dear Hiring Team,\n\nThanks.", ctx) if f.rule == "greeting")
    assert formal.status == PASS
