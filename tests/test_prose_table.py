"""The generated prose reads as English: every template against a table of awkward inputs.

Each row sets a few of the offer's fields and lists, per template, the exact sentences the
draft must hold. Templates not named in a row are still rendered and checked for the
mistakes no input may cause ("your your", "Inc..", a leftover lower-case sentence start).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import pytest

from decline_tui.core.checklist import FAIL, check, context_for
from decline_tui.core.compose import article, fields_in_sentences, possessive, render
from decline_tui.core.model import Offer, Profile, Workbook
from decline_tui.core.templates import BUILTIN, SCENARIO_TEMPLATES

NOW = datetime(2026, 11, 25, 10, 30)
TEMPLATES = {**BUILTIN, **SCENARIO_TEMPLATES}
PROFILE = Profile(name="Sam Lee", email="sam@example.com")
BASE = Offer(
    id="x",
    company="Acme Robotics",
    role="Senior Product Designer",
    contact_name="María López",
    contact_email="maria@acme.example",
    received=date(2026, 11, 23),
    deadline=date(2026, 11, 30),
    reason="I have accepted a role that lets me stay close to my family",
    admired="the care your team puts into accessibility",
    project="the redesign of the warehouse dashboard",
    referrer="Ana Torres",
    referrer_email="ana@example.org",
    future_open=True,
    offer_referrals=True,
)
# The templates that set the brief reason as a sentence of its own.
WITH_REASON = (
    "standard",
    "brief",
    "warm",
    "phone",
    "counter-decline",
    "recruiter-reply",
    "rescind",
    "referrer-note",
)


def _reason_row(reason: str, sentence: str) -> tuple[dict, dict]:
    return {"reason": reason}, {name: [sentence] for name in WITH_REASON}


ROWS: dict[str, tuple[dict, dict[str, list[str]]]] = {
    # ------------------------------------------------------------------ admired
    "admired: a bare noun phrase takes 'your'": (
        {"admired": "commitment to accessible design"},
        {
            "standard": [
                "I was impressed by your commitment to accessible design, and I especially "
                "enjoyed learning about the redesign of the warehouse dashboard."
            ],
            "warm": [
                "What stayed with me most was your commitment to accessible design, and I "
                "loved hearing about the redesign of the warehouse dashboard."
            ],
            "phone": [
                "5. I admired your commitment to accessible design, and I really enjoyed "
                "hearing about the redesign of the warehouse dashboard."
            ],
            "counter-decline": [
                "It means a lot that you wanted me on the team, and I have great respect for "
                "your commitment to accessible design."
            ],
            "recruiter-reply": [
                "I have real respect for your commitment to accessible design, and I enjoyed "
                "getting to know the team."
            ],
            # to the referrer, "your" would be the referrer's: the company's instead
            "referrer-note": [
                "I enjoyed meeting the team and was impressed by Acme Robotics' commitment to "
                "accessible design."
            ],
        },
    ),
    "admired: typed capitalised, as a sentence start": (
        {"admired": "Commitment to accessible design."},
        {
            "standard": ["I was impressed by your commitment to accessible design, and I"],
            "phone": ["I admired your commitment to accessible design, and"],
        },
    ),
    "admired: 'Your …' is not a name": (
        {"admired": "Your team's care for accessibility"},
        {"standard": ["I was impressed by your team's care for accessibility, and"]},
    ),
    "admired: a common noun's possessive takes 'the'": (
        {"admired": "team's care for accessibility"},
        {
            "warm": ["What stayed with me most was the team's care for accessibility, and"],
            "referrer-note": ["was impressed by the team's care for accessibility."],
        },
    ),
    "admired: with 'the' it is kept": (
        {"admired": "the care your team puts into accessibility"},
        {"standard": ["I was impressed by the care your team puts into accessibility, and"]},
    ),
    # "I admired building tools" reads as if the writer built them
    "admired: a gerund is their work": (
        {"admired": "building accessible tools for everyone"},
        {
            "phone": ["5. I admired your work building accessible tools for everyone, and"],
            "referrer-note": ["was impressed by Acme Robotics' work building accessible tools"],
        },
    ),
    "admired: a name's possessive is kept": (
        {"admired": "Acme's open design reviews"},
        {
            "standard": ["I was impressed by Acme's open design reviews, and"],
            "referrer-note": ["was impressed by Acme's open design reviews."],
        },
    ),
    "admired: a brand typed first keeps its capital and needs no 'your'": (
        {"admired": "Figma plugins the team built for design reviews"},
        {"standard": ["I was impressed by Figma plugins the team built for design reviews, and"]},
    ),
    "admired: an ordinary noun typed first is lowered": (
        {"admired": "Openness about trade-offs"},
        {"standard": ["I was impressed by your openness about trade-offs, and"]},
    ),
    "admired: a word of the company's name is a name": (
        {"admired": "Acme design reviews"},
        {"standard": ["I was impressed by Acme design reviews, and"]},
    ),
    "admired: 'how …' is kept": (
        {"admired": "how clearly the team explained its roadmap"},
        {"warm": ["What stayed with me most was how clearly the team explained its roadmap,"]},
    ),
    "admired: a pronoun is kept": (
        {"admired": "its open roadmap"},
        {
            "counter-decline": [
                "It means a lot that you wanted me on the team, and I have great respect for "
                "its open roadmap."
            ]
        },
    ),
    # ------------------------------------------------------------------ project
    "project: a bare noun phrase takes 'your'": (
        {"project": "warehouse dashboard redesign"},
        {
            "standard": [
                "and I especially enjoyed learning about your warehouse dashboard redesign."
            ],
            "brief": ["I enjoyed learning about your warehouse dashboard redesign."],
            "call-followup": [
                "I enjoyed getting to know the team and learning about your warehouse dashboard "
                "redesign."
            ],
            "counter-open": [
                "I have enjoyed every conversation with the team, especially about your "
                "warehouse dashboard redesign."
            ],
        },
    ),
    "project: a name is kept": (
        {"project": "Project Atlas"},
        {"brief": ["I enjoyed learning about Project Atlas."]},
    ),
    "project: a noun made from -ing takes 'your'": (
        {"project": "mentoring programme"},
        {"warm": ["and I loved hearing about your mentoring programme."]},
    ),
    "project: a gerund is their work": (
        {"project": "mentoring junior designers"},
        {"brief": ["I enjoyed learning about your work mentoring junior designers."]},
    ),
    # ------------------------------------------------------------------ reason
    "reason: a fragment naming a fit": _reason_row(
        "better fit for my goals", "I have chosen a role that is a better fit for my goals."
    ),
    "reason: a fragment naming a place": _reason_row(
        "closer to family", "I have chosen a role that is closer to family."
    ),
    "reason: a fragment naming something gained": _reason_row(
        "more flexibility", "I have chosen a role with more flexibility."
    ),
    "reason: a capitalised fragment with a stop": _reason_row(
        "Better fit for my goals.", "I have chosen a role that is a better fit for my goals."
    ),
    "reason: 'because …'": _reason_row(
        "because my partner is relocating",
        "I made this decision because my partner is relocating.",
    ),
    "reason: 'to …'": _reason_row(
        "to focus on my studies", "I have decided to focus on my studies."
    ),
    "reason: a gerund": _reason_row(
        "staying in my current role", "I am staying in my current role."
    ),
    "reason: a verb with no subject": _reason_row(
        "accepted another offer", "I accepted another offer."
    ),
    "reason: a noun phrase": _reason_row(
        "personal reasons", "My decision comes down to personal reasons."
    ),
    "reason: a lower-case 'i'": _reason_row(
        "i've decided to stay in my current role", "I've decided to stay in my current role."
    ),
    "reason: a sentence without a stop": _reason_row(
        "I have accepted another offer", "I have accepted another offer."
    ),
    "reason: a sentence with a stop": _reason_row(
        "I have accepted another offer.", "I have accepted another offer."
    ),
    "reason: a sentence ending in 'Inc.'": _reason_row(
        "I have accepted an offer at Globex Inc.", "I have accepted an offer at Globex Inc."
    ),
    "reason: an exclamation ends on a plain stop": _reason_row(
        "I chose a role nearer home!", "I chose a role nearer home."
    ),
    "reason: two sentences stay two": _reason_row(
        "I have accepted another offer. It is closer to my family",
        "I have accepted another offer. It is closer to my family.",
    ),
    "reason: a fragment, then a sentence": _reason_row(
        "better fit for my goals. I start there in January",
        "I have chosen a role that is a better fit for my goals. I start there in January.",
    ),
    "reason: a sentence starting with a clause": _reason_row(
        "after a lot of thought, I've accepted an offer elsewhere",
        "After a lot of thought, I've accepted an offer elsewhere.",
    ),
    # ------------------------------------------------------------------ people
    "contact: a title goes with the surname, first names drop it": (
        {"contact_name": "Dr. Aisha Bello"},
        {
            "standard": ["Dear Dr. Bello,"],
            "warm": ["Dear Dr. Bello,"],
            "counter-decline": ["Dear Dr. Bello,"],
            "counter-open": ["Dear Dr. Bello,"],
            "rescind": ["Dear Dr. Bello,"],
            "brief": ["Hi Aisha,"],
            "call-followup": ["Hi Aisha,"],
            "recruiter-reply": ["Hi Aisha,"],
            "recruiter-final": ["Hi Aisha,"],
            "checkin-note": ["Hi Aisha,"],
            "phone": ["1. Hi Aisha, it's Sam Lee."],
            "linkedin": ["Hi Aisha, thank you again"],
            # the contact is not named to the referrer: "them" is the team
            "referrer-note": ["Hi Ana,", "I have told them I would be glad to stay in touch,"],
        },
    ),
    "contact: a single name": (
        {"contact_name": "Cher"},
        {
            "standard": ["Dear Cher,"],
            "brief": ["Hi Cher,"],
            "phone": ["1. Hi Cher, it's Sam Lee."],
            "referrer-note": ["Hi Ana,", "I have told them I would be glad to stay in touch,"],
        },
    ),
    "contact: empty, the placeholder shows": (
        {"contact_name": ""},
        {
            "standard": ["Dear [Hiring Manager's Name],"],
            "brief": ["Hi [Hiring Manager's First Name],"],
            "recruiter-reply": ["Hi [Recruiter's First Name],"],
        },
    ),
    # ------------------------------------------------------------------ company and role
    "company: ending in 's', as a possessive": (
        {"company": "Williams & Sons", "admired": "commitment to accessible design"},
        {
            "referrer-note": [
                "was impressed by Williams & Sons' commitment to accessible design.",
                "Subject: Thank you for the introduction to Williams & Sons\n",
            ],
            "standard": ["Senior Product Designer position at Williams & Sons, and for the time"],
        },
    ),
    "company: ending in 'Inc.' at a sentence end": (
        {"company": "Acme Inc."},
        {
            "phone": [],  # its follow-up email is checked below
            "call-followup": [
                "As I mentioned on the call, I am declining the offer for the Senior Product "
                "Designer position at Acme Inc.\n"
            ],
            # the title gives way to the personal detail within 200 characters
            "linkedin": ["thank you again for the offer at Acme Inc. I've decided to decline it"],
            "recruiter-final": ["I appreciated getting to know you and the team at Acme Inc. I"],
            "standard": ["position at Acme Inc., and for the time"],
            "brief": ["Thank you for the offer to join Acme Inc. as a Senior Product Designer."],
        },
    ),
    "role: starting with a vowel takes 'an'": (
        {"role": "Engineering Manager"},
        {"brief": ["Thank you for the offer to join Acme Robotics as an Engineering Manager."]},
    ),
    "role: an acronym said with a vowel takes 'an'": (
        {"role": "SRE Lead"},
        {"brief": ["Thank you for the offer to join Acme Robotics as an SRE Lead."]},
    ),
    "role: a 'you' sound takes 'a'": (
        {"role": "UX Researcher"},
        {"brief": ["Thank you for the offer to join Acme Robotics as a UX Researcher."]},
    ),
}

# Mistakes no input may cause, anywhere in any draft.
NEVER = re.compile(
    r"\b(your your|the the|a an|an a|a a|the your|your the)\b|\.\.(?!\.)|,\."
    r"|(?<=[.!?] )[a-z]"
    r"|\bI have chosen a role that is a (?:closer|more)"
)


def _offer(fields: dict) -> Offer:
    return dataclasses.replace(BASE, **fields)


def _texts(template: str, offer: Offer) -> list[str]:
    draft = render(TEMPLATES[template], offer, PROFILE)
    return [d.text for d in (draft, draft.followup) if d is not None]


def _no_mistakes(text: str) -> None:
    # lower-case after a stop is fine inside "Inc. as" and after "Dr."; only our sentences
    found = [
        m.group(0)
        for m in NEVER.finditer(text)
        if not re.search(r"(?:Inc|Dr|Co|Ltd)\. $", text[max(0, m.start() - 6) : m.start()])
    ]
    assert not found, (found, text)


CASES = [(row, name) for row, (_, by_template) in ROWS.items() for name in by_template]


@pytest.mark.parametrize(("row", "template"), CASES, ids=[f"{r} / {t}" for r, t in CASES])
def test_exact_sentences(row, template):
    fields, by_template = ROWS[row]
    joined = "\n\n".join(_texts(template, _offer(fields)))
    for sentence in by_template[template]:
        assert sentence in joined, (sentence, joined)
    _no_mistakes(joined)


@pytest.mark.parametrize("row", list(ROWS))
def test_every_template_reads_right_and_passes_the_checklist(row):
    fields, _ = ROWS[row]
    offer = _offer(fields)
    wb = Workbook(profile=PROFILE, offers=[offer])
    for name, tpl in TEMPLATES.items():
        draft = render(tpl, offer, PROFILE, wb)
        for d in (draft, draft.followup):
            if d is None:
                continue
            _no_mistakes(d.text)
            if not offer.contact_name:
                continue  # the placeholder fails, as it should
            found = check(d.text, context_for(wb, offer, d.medium, NOW, d.template))
            failed = [(f.rule, f.message) for f in found if f.status == FAIL]
            assert not failed, (name, d.text, failed)


# --------------------------------------------------------------------------- the form's line


def field_sentence(template, offer, profile, field):
    """The sentence the form's preview shows for a field (None: the template does not use it)."""
    found = fields_in_sentences(template, offer, profile, (field,))[field]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("template", "field", "sentence"),
    [
        (
            "standard",
            "admired",
            "I was impressed by your commitment to accessible design, and I especially enjoyed "
            "learning about the redesign of the warehouse dashboard.",
        ),
        ("brief", "admired", None),
        ("linkedin", "reason", None),
        ("rescind", "admired", None),  # under 100 words: it owns the decision, no praise
        ("standard", "reason", "I have chosen a role that is a better fit for my goals."),
        ("phone", "reason", "I have chosen a role that is a better fit for my goals."),
        (
            "phone",
            "admired",
            "I admired your commitment to accessible design, and I really enjoyed hearing about "
            "the redesign of the warehouse dashboard.",
        ),
        (
            "call-followup",
            "project",
            "I enjoyed getting to know the team and learning about the redesign of the "
            "warehouse dashboard.",
        ),
    ],
)
def test_field_sentence(template, field, sentence):
    offer = _offer(
        {"admired": "commitment to accessible design", "reason": "better fit for my goals"}
    )
    assert field_sentence(TEMPLATES[template], offer, PROFILE, field) == sentence


def test_field_sentence_shows_the_placeholder_while_the_field_is_empty():
    offer = _offer({"project": ""})
    assert field_sentence(TEMPLATES["brief"], offer, PROFILE, "project") == (
        "I enjoyed learning about [specific project or part of the role]."
    )


def test_field_sentence_keeps_a_stop_inside_a_value():
    offer = _offer({"company": "Acme Inc.", "reason": "I chose Globex Inc. for its team"})
    assert field_sentence(TEMPLATES["standard"], offer, PROFILE, "reason") == (
        "I chose Globex Inc. for its team."
    )
    assert field_sentence(TEMPLATES["recruiter-final"], offer, PROFILE, "company") == (
        "I appreciated getting to know you and the team at Acme Inc."
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Engineering Manager", "an"),
        ("Office Manager", "an"),
        ("UX Researcher", "a"),
        ("University Liaison", "a"),
        ("Usability Lead", "a"),
        ("Urban Planner", "an"),
        ("SRE", "an"),
        ("HR Partner", "an"),
        ("MBA Intern", "an"),
        ("Hourly Lead", "an"),
        ("Senior Designer", "a"),
        ("", "a"),
    ],
)
def test_article(word, expected):
    assert article(word) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Acme", "Acme's"), ("Williams & Sons", "Williams & Sons'"), ("Acme Inc.", "Acme Inc.'s")],
)
def test_possessive(name, expected):
    assert possessive(name) == expected
