"""Built-in templates and template lookup.

Placeholders are written the way career guides write them, in square brackets, so a
person can read a template as the sample letter it is. Each paragraph is a list of
(part, text) pairs; parts follow the guide's seven-part structure:
greeting, thanks, decline, reason, positive, future, help (optional), a well-wish and
the sign-off. Some parts appear only in some cases (compose.CONDITIONAL): an apology when
the answer is late, the offer to help when the person offers referrals, a phone script's
branches. The README's Templates section names every part a built-in writes
(tests/test_compose.py holds the two together).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from decline_tui.core.model import MEDIUMS, Template, Workbook

# Placeholder -> field it is filled from. Keys are compared case-insensitively, with
# curly apostrophes straightened, so "[Hiring Manager’s Name]" works too.
PLACEHOLDERS: dict[str, str] = {
    "company name": "company",
    "company": "company",
    "job title": "role",
    "position": "role",
    "position title": "role",
    "role": "role",
    "hiring manager's name": "contact_name",
    "hiring manager name": "contact_name",
    "contact name": "contact_name",
    "recruiter's name": "contact_name",
    "recruiter's first name": "contact_first_name",
    "interviewer's name": "contact_name",
    "hiring manager's first name": "contact_first_name",
    "contact first name": "contact_first_name",
    "first name": "contact_first_name",
    "contact email": "contact_email",
    "hiring manager's email": "contact_email",
    "specific aspect you admired": "admired",
    "specific aspect of the company you admired": "admired",
    "aspect you admired": "admired",
    "something you admired": "admired",
    "specific project or part of the role": "project",
    "specific project or part of the role you enjoyed learning about": "project",
    "specific project": "project",
    "project": "project",
    "brief reason": "reason",
    "reason": "reason",
    "your name": "your_name",
    "your full name": "your_name",
    "your first name": "your_first_name",
    "your email": "your_email",
    "deadline": "deadline",
    "answer by": "answer_by",
    "referrer's name": "referrer",
    "referrer name": "referrer",
    "referrer": "referrer",
    "referrer's first name": "referrer_first_name",
    "referrer first name": "referrer_first_name",
    "referrer's email": "referrer_email",
    "referrer email": "referrer_email",
    "their news": "news",
    "news": "news",
    "when we last talked": "recalled_when",
    "what we last talked about": "recalled_topic",
    "what you talked about": "talked_about",
    "decline recipient": "decline_recipient",
    "their first name": "contact_first_name",
    "their name": "contact_name",
}


def _t(
    name: str,
    medium: str,
    description: str,
    subject: str,
    *paragraphs: Iterable[tuple[str, str]],
    **extra: Any,
) -> Template:
    return Template(
        name=name,
        medium=medium,
        description=description,
        subject=subject,
        paragraphs=[list(p) for p in paragraphs],
        builtin=True,
        **extra,
    )


_LINKEDIN_TAIL = [
    ("future", "I'd love to stay in touch."),
    ("closing", "Best, [Your First Name]"),
]
_LINKEDIN_HI = ("greeting", "Hi [Hiring Manager's First Name],")
_LINKEDIN_LATE = ("late", "Sorry for my slow reply.")  # a note that is the decline itself
# One personal detail makes a connection note read as written for them; the shorter
# wordings give up the job title, then the company, then the detail, in that order.
_LINKEDIN_DETAIL = (
    "decline",
    "I've decided to decline it, but I really enjoyed hearing about "
    "[specific project or part of the role].",
)
_LINKEDIN_TEAM = ("decline", "I've decided to decline it, but I really enjoyed meeting the team.")

BUILTIN: dict[str, Template] = {
    t.name: t
    for t in (
        _t(
            "standard",
            "email",
            "The guide's seven parts in order: a complete, professional decline.",
            "Job offer: [Job Title] – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                (
                    "thanks",
                    "Thank you for offering me the [Job Title] position at [Company Name], "
                    "and for the time you and the team spent with me during the interviews.",
                ),
                ("late", "I am sorry for taking so long to get back to you."),
                ("decline", "After careful consideration, I have decided to decline the offer."),
                ("reason", "[brief reason]"),
            ],
            [
                (
                    "positive",
                    "I was impressed by [specific aspect you admired], and I especially enjoyed "
                    "learning about [specific project or part of the role].",
                )
            ],
            [
                ("future", "I would be glad to stay in touch, and I hope our paths cross again."),
                (
                    "help",
                    "If it would help your search, I would be happy to recommend people "
                    "from my network for the role.",
                ),
                ("wish", "I wish you and the team every success."),
            ],
            [("closing", "Best regards,\n[Your Name]")],
        ),
        _t(
            "brief",
            "email",
            "Short and direct, for an early-stage offer or a busy recruiter.",
            "[Job Title] offer – [Your Name]",
            [("greeting", "Hi [Hiring Manager's First Name],")],
            [
                ("thanks", "Thank you for the offer to join [Company Name] as a [Job Title]."),
                ("late", "Sorry for the slow reply."),
                ("decline", "I've decided not to accept it."),
                ("reason", "[brief reason]"),
            ],
            [
                ("positive", "I enjoyed learning about [specific project or part of the role]."),
                ("future", "I'd like to keep in touch."),
                ("help", "I'm happy to point strong candidates your way."),
                ("wish", "All the best to you and the team."),
            ],
            [("closing", "Kind regards,\n[Your Name]")],
        ),
        _t(
            "warm",
            "email",
            "Warmer and more personal, for a team you clicked with.",
            "With thanks: [Job Title] offer – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                (
                    "thanks",
                    "I am truly grateful for the offer of the [Job Title] role, and for the "
                    "warmth and care everyone at [Company Name] showed me throughout the process.",
                )
            ],
            [
                ("late", "I am sorry it has taken me so long to reply."),
                ("decline", "This was a hard decision, but I have decided to decline the offer."),
                ("reason", "[brief reason]"),
            ],
            [
                (
                    "positive",
                    "What stayed with me most was [specific aspect you admired], and I loved "
                    "hearing about [specific project or part of the role].",
                )
            ],
            [
                (
                    "future",
                    "I would love to keep in touch, and I would welcome the chance to work "
                    "together in the future.",
                ),
                (
                    "help",
                    "And if I can help your search by introducing people from my network, "
                    "please just ask.",
                ),
                ("wish", "I wish you and everyone on the team all the very best."),
            ],
            [("closing", "With warm regards,\n[Your Name]")],
        ),
        _t(
            "phone",
            "phone",
            "Talking points for a call, in the guide's order, with what to say if they ask why, "
            "if they counter, or if you reach voicemail; a confirming email follows.",
            "Call notes: declining the [Job Title] offer at [Company Name]",
            [
                (
                    "greeting",
                    "Hi [Hiring Manager's First Name], it's [Your Name]. "
                    "Do you have a few minutes to talk about the offer? (pause)",
                )
            ],
            [
                (
                    "thanks",
                    "Thank you for offering me the [Job Title] role, and for all the time "
                    "the team put into the interviews.",
                ),
                ("late", "I'm sorry it's taken me a while to get back to you."),
            ],
            [
                (
                    "decline",
                    "I've thought it over carefully, and I'm calling to let you know that "
                    "I'm declining the offer. (pause)",
                )
            ],
            [("reason", "[brief reason]")],
            [
                (
                    "positive",
                    "I admired [specific aspect you admired], and I really enjoyed hearing about "
                    "[specific project or part of the role].",
                )
            ],
            [("future", "I'd like to stay in touch, and I hope our paths cross again.")],
            [("help", "If it helps, I'm happy to recommend people I know for the role.")],
            [("closing", "I'll send a short email to confirm. All the best to you and the team.")],
            [
                (
                    "if-why",
                    'If they ask why: "[brief reason] It was the right decision for me now." '
                    "(Keep to this; you owe no more detail.)",
                )
            ],
            [
                (
                    "if-counter",
                    "If they counter on the call: \"Thank you, that's generous, but my decision "
                    'is final." (Do not negotiate on the call.)',
                ),
                (
                    "if-counter-open",
                    'If they counter on the call: "Thank you. Could you send it to me in '
                    "writing? I'll give you my answer within two days.\" (Compare it with what "
                    "you set, not in the moment.)",
                ),
            ],
            [
                (
                    "voicemail",
                    "If you reach voicemail: \"Hi [Hiring Manager's First Name], it's [Your "
                    "Name], about the [Job Title] offer. I'll email you my answer today, and "
                    "I'm happy to talk whenever suits you.\" (Then send the email decline, not "
                    "the confirming one.)",
                )
            ],
            followup="call-followup",
        ),
        _t(
            "call-followup",
            "email",
            "The short written confirmation that follows a call.",
            "Following up on our call – [Your Name]",
            [("greeting", "Hi [Hiring Manager's First Name],")],
            [
                ("thanks", "Thank you for taking the time to speak with me today."),
                (
                    "decline",
                    "As I mentioned on the call, I am declining the offer for the [Job Title] "
                    "position at [Company Name].",
                ),
            ],
            [
                (
                    "positive",
                    "I enjoyed getting to know the team and learning about "
                    "[specific project or part of the role].",
                ),
                ("future", "I hope we stay in touch."),
                ("wish", "All the best to you and the team."),
            ],
            [("closing", "Best regards,\n[Your Name]")],
        ),
        _t(
            "linkedin",
            "linkedin",
            "A connection note after declining, with one personal detail; fits LinkedIn's "
            "200-character limit.",
            "",
            [
                _LINKEDIN_HI,
                ("thanks", "thank you again for the [Job Title] offer at [Company Name]."),
                _LINKEDIN_LATE,
                _LINKEDIN_DETAIL,
                *_LINKEDIN_TAIL,
            ],
            max_chars=200,
            fallbacks=[
                [
                    [
                        _LINKEDIN_HI,
                        ("thanks", "thank you again for the offer at [Company Name]."),
                        _LINKEDIN_LATE,
                        _LINKEDIN_DETAIL,
                        *_LINKEDIN_TAIL,
                    ]
                ],
                [
                    [
                        _LINKEDIN_HI,
                        ("thanks", "thank you again for the offer."),
                        _LINKEDIN_LATE,
                        _LINKEDIN_DETAIL,
                        *_LINKEDIN_TAIL,
                    ]
                ],
                [
                    [
                        _LINKEDIN_HI,
                        ("thanks", "thank you again for the offer at [Company Name]."),
                        _LINKEDIN_LATE,
                        _LINKEDIN_TEAM,
                        *_LINKEDIN_TAIL,
                    ]
                ],
                [
                    [
                        _LINKEDIN_HI,
                        ("thanks", "thank you again for the offer."),
                        _LINKEDIN_LATE,
                        _LINKEDIN_TEAM,
                        *_LINKEDIN_TAIL,
                    ]
                ],
                [
                    [
                        _LINKEDIN_HI,
                        ("thanks", "thanks again for the offer."),
                        _LINKEDIN_LATE,
                        ("decline", "I've decided to decline it."),
                        ("future", "Let's stay in touch."),
                        ("closing", "Best, [Your First Name]"),
                    ]
                ],
            ],
        ),
    )
}

DEFAULT_FOR_MEDIUM = {"email": "standard", "phone": "phone", "linkedin": "linkedin"}

# The hard cases: replies for one moment (a counter-offer, a recruiter's follow-up, a
# rescinded acceptance, a note to a referrer, a later check-in). They are built in and
# found by name like the others, but kept apart from BUILTIN so a medium's template
# cycle offers only first declines; the scenario helper picks these by name.
SCENARIO_TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        _t(
            "counter-decline",
            "email",
            "A counter-offer you will not take: thanks for the improved offer, the decision "
            "stands, no bargaining.",
            "Re: [Job Title] offer – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                (
                    "thanks",
                    "Thank you for coming back to me with an improved offer for the [Job Title] "
                    "position, and for the thought you and the team put into it.",
                ),
                ("decline", "I have considered it carefully, and my decision to decline stands."),
                ("reason", "[brief reason]"),
            ],
            [
                (
                    "positive",
                    "It means a lot that you wanted me on the team, and I have great respect "
                    "for [specific aspect you admired].",
                )
            ],
            [
                ("future", "I would be glad to stay in touch."),
                (
                    "help",
                    "If it would help your search, I am happy to recommend people from my "
                    "network for the role.",
                ),
                ("wish", "I wish you every success in filling the role."),
            ],
            [("closing", "Kind regards,\n[Your Name]")],
        ),
        _t(
            "counter-open",
            "email",
            "A counter-offer that meets what you set: thanks, and a call to talk it through "
            "before you answer; no promise either way.",
            "Re: [Job Title] offer – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                (
                    "thanks",
                    "Thank you for coming back to me with a revised offer for the [Job Title] "
                    "position after I declined, and for the care you put into it.",
                ),
                (
                    "decline",
                    "The changes speak to what mattered most in my decision, and I would like "
                    "to talk them through with you before I give you my answer.",
                ),
            ],
            [
                (
                    "positive",
                    "I have enjoyed every conversation with the team, especially about "
                    "[specific project or part of the role].",
                )
            ],
            [
                (
                    "decline",
                    "Would you have time for a short call this week? I will give you my answer "
                    "promptly after we speak.",
                ),
                ("wish", "I look forward to speaking with you."),
            ],
            [("closing", "Best regards,\n[Your Name]")],
        ),
        _t(
            "recruiter-reply",
            "email",
            "A recruiter's first follow-up after your decline: polite, firm, thanks again.",
            "Re: [Job Title] offer – [Your Name]",
            [("greeting", "Hi [Recruiter's First Name],")],
            [
                (
                    "thanks",
                    "Thank you for following up, and for your continued interest in me for the "
                    "[Job Title] role at [Company Name].",
                ),
                ("decline", "I appreciate it, but my decision to decline the offer stands."),
                ("reason", "[brief reason]"),
            ],
            [
                (
                    "positive",
                    "I have real respect for [specific aspect you admired], and I enjoyed "
                    "getting to know the team.",
                ),
                ("future", "I hope we stay in touch."),
                ("help", "If it helps, I am happy to point strong candidates your way."),
                ("wish", "I wish you every success with the search."),
            ],
            [("closing", "Best regards,\n[Your Name]")],
        ),
        _t(
            "recruiter-final",
            "email",
            "From a recruiter's second follow-up on: thanks, and plainly, the decision is final.",
            "Re: [Job Title] offer – [Your Name]",
            [("greeting", "Hi [Recruiter's First Name],")],
            [
                (
                    "thanks",
                    "Thank you again for your interest and for the time you have given this.",
                ),
                (
                    "decline",
                    "So that you can move forward with other candidates, I want to be clear: "
                    "I have declined the [Job Title] offer, and my decision is final.",
                ),
            ],
            [
                (
                    "positive",
                    "I appreciated getting to know you and the team at [Company Name].",
                ),
                ("future", "I hope our paths cross again."),
                ("wish", "I wish you every success with the search."),
            ],
            [("closing", "Kind regards,\n[Your Name]")],
        ),
        _t(
            "rescind",
            "email",
            "Backing out of an offer you accepted, after calling them: the decision owned, one "
            "apology, a brief reason, under 100 words, sent the same day.",
            "Withdrawing my acceptance: [Job Title] – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                ("thanks", "Thank you for speaking with me today."),
                (
                    "decline",
                    "As I said on the call, I am withdrawing my acceptance of the [Job Title] "
                    "position at [Company Name]. The decision is mine, and I am sorry for the "
                    "difficulty it causes, especially if you have closed your search.",
                ),
                ("reason", "[brief reason]"),
            ],
            [
                ("positive", "I will gladly return or sign anything you need."),
                ("wish", "I wish the team every success."),
            ],
            [("closing", "Kind regards,\n[Your Name]")],
        ),
        _t(
            "referrer-note",
            "email",
            "A short note to the person who referred you: thanks for vouching for you, and "
            "you heard it first that you declined.",
            "Thank you for the introduction to [Company Name]",
            [("greeting", "Hi [Referrer's First Name],")],
            [
                (
                    "thanks",
                    "Thank you for vouching for me for the [Job Title] role at [Company Name]. "
                    "A referral puts your own name forward, and I don't take that lightly.",
                ),
            ],
            [
                ("lead", "I wanted you to hear it from me first."),
                ("decline", "I have decided to decline the offer."),
                ("reason", "[brief reason]"),
            ],
            [
                (
                    "positive",
                    "I enjoyed meeting the team and was impressed by "
                    "[specific aspect you admired].",
                ),
                (
                    "future",
                    "I have told them I would be glad to stay in touch, so the introduction "
                    "was not wasted.",
                ),
                ("wish", "If I can ever return the favour, just ask."),
            ],
            [("closing", "With thanks,\n[Your First Name]")],
        ),
        _t(
            "checkin-note",
            "email",
            "A check-in some months after declining: their news first, something of value to "
            "offer, no ask.",
            "Congratulations on [their news]",
            [("greeting", "Hi [Hiring Manager's First Name],")],
            [
                (
                    "news",
                    "I saw the news about [their news], and wanted to say congratulations to "
                    "you and the team.",
                ),
                ("no-news", "I hope all is well with you and everyone at [Company Name]."),
                # Only for a check-in to a person whose log recalls a conversation (F10):
                # either takes the place of the project line below.
                (
                    "recall",
                    "I have been thinking about our conversation [When We Last Talked] about "
                    "[What We Last Talked About].",
                ),
                ("caught-up", "It was good to catch up [When We Last Talked]."),
                (
                    "positive",
                    "I still think back to our conversations about "
                    "[specific project or part of the role].",
                ),
            ],
            [
                (
                    "value",
                    "If an introduction to someone in my network would ever help the team, I "
                    "would be glad to make it.",
                ),
                ("future", "No need to reply; I hope we stay in touch."),
                ("wish", "Wishing you and the team continued success."),
            ],
            [("closing", "Best wishes,\n[Your Name]")],
        ),
        _t(
            "hold",
            "email",
            "While the offer you accepted is not signed yet: thanks, still interested, and the "
            "date by which you will answer; declines nothing.",
            "Re: [Job Title] offer – [Your Name]",
            [("greeting", "Dear [Hiring Manager's Name],")],
            [
                (
                    "thanks",
                    "Thank you again for the offer of the [Job Title] role at [Company Name].",
                ),
                # The answer to the offer itself, like a decline: late, it says sorry once.
                ("late", "I am sorry for the slow reply."),
                (
                    "positive",
                    "I am still very interested, and I have enjoyed every conversation about "
                    "[specific project or part of the role].",
                ),
            ],
            [
                (
                    "by-deadline",
                    "I am finalising another process and want to give you a considered answer: "
                    "you will have my decision by [Deadline].",
                ),
                (
                    "by-soon",
                    "I am finalising another process and want to give you a considered answer: "
                    "you will have my decision by [Answer By].",
                ),
                ("wish", "I appreciate your patience, and I wish you a good week."),
            ],
            [("closing", "Kind regards,\n[Your Name]")],
        ),
    )
}
# Thank-you notes to each person met through an offer (core.thanks), sent after the
# decline: rendered once per contact, never the decline itself, never its reason. Kept
# apart from the declines and the scenario replies: they are not a medium's template, nor
# a reply drafted beside the decline.
_TY_HI = ("greeting", "Hi [First Name],")
_TY_DETAIL = ("detail", "I really enjoyed our talk about [What You Talked About].")
_TY_NO_DETAIL = ("no-detail", "Our conversations were a highlight of the process.")
_TY_TOLD = ("told", "I've declined the offer, but I'm glad we met.")
_TY_TAIL = [("future", "I'd love to stay in touch."), ("closing", "Best, [Your First Name]")]
THANKS_TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        _t(
            "thank-you",
            "email",
            "A short note to someone you met during the interviews, sent after the decline: "
            "thanks for their time, what you talked about, no reason, stay in touch.",
            "Thank you – [Your Name]",
            [("greeting", "Hi [First Name],")],
            [
                (
                    "thanks",
                    "Thank you for the time you gave me during the interviews for the "
                    "[Job Title] role at [Company Name].",
                ),
                (
                    "detail",
                    "I especially enjoyed our conversation about [What You Talked About], and "
                    "it has stayed with me since.",
                ),
                ("no-detail", "I enjoyed our conversation, and I learned a lot from it."),
            ],
            [
                (
                    "told",
                    "I have let [Decline Recipient] know that I have decided not to take the "
                    "offer, and I wanted to write to you myself as well.",
                ),
                ("future", "I would be glad to stay in touch, and I hope our paths cross again."),
                ("wish", "I wish you and the team all the best."),
            ],
            [("closing", "Best regards,\n[Your Name]")],
        ),
        _t(
            "thank-you-linkedin",
            "linkedin",
            "The thank-you note as a LinkedIn connection note: thanks, what you talked about, "
            "stay in touch; fits LinkedIn's 200-character limit.",
            "",
            [
                _TY_HI,
                ("thanks", "thank you for your time during the [Company Name] interviews."),
                _TY_DETAIL,
                _TY_NO_DETAIL,
                _TY_TOLD,
                *_TY_TAIL,
            ],
            max_chars=200,
            # Shorter wordings give up the company, then the line about the decline, then
            # the long thanks; what you talked about goes last.
            fallbacks=[
                [
                    [
                        _TY_HI,
                        ("thanks", "thank you for your time during the interviews."),
                        _TY_DETAIL,
                        _TY_NO_DETAIL,
                        _TY_TOLD,
                        *_TY_TAIL,
                    ]
                ],
                [
                    [
                        _TY_HI,
                        ("thanks", "thank you for your time during the interviews."),
                        _TY_DETAIL,
                        _TY_NO_DETAIL,
                        *_TY_TAIL,
                    ]
                ],
                [
                    [
                        _TY_HI,
                        ("thanks", "thanks for your time."),
                        ("detail", "I enjoyed our talk about [What You Talked About]."),
                        _TY_NO_DETAIL,
                        *_TY_TAIL,
                    ]
                ],
                [
                    [
                        _TY_HI,
                        ("thanks", "thanks for your time."),
                        ("detail", "I enjoyed our talk."),
                        _TY_NO_DETAIL,
                        ("future", "Let's stay in touch."),
                        ("closing", "Best, [Your First Name]"),
                    ]
                ],
            ],
        ),
    )
}
# Subjects that need a field the offer may leave empty, and what to say instead while it
# is: keyed by the subject itself, so a person's copy of the template keeps the choice.
ALT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "Congratulations on [their news]": (
        "Checking in after the [Job Title] interviews – [Your Name]",
    ),
}


class TemplateError(LookupError):
    """No such template; the message lists the ones there are."""


def all_templates(wb: Workbook | None = None) -> dict[str, Template]:
    """Built-ins and scenario replies, then the person's own (which win on a name clash)."""
    out = dict(BUILTIN)
    out.update(SCENARIO_TEMPLATES)
    out.update(THANKS_TEMPLATES)
    if wb is not None:
        out.update(wb.templates)
    return out


def get_template(name: str, wb: Workbook | None = None) -> Template:
    """The template by name, or a TemplateError naming the choices."""
    templates = all_templates(wb)
    try:
        return templates[name]
    except KeyError:
        names = ", ".join(sorted(templates))
        raise TemplateError(f'no template named "{name}"; there are: {names}') from None


def pick_template(wb: Workbook | None, preferred: str = "", medium: str | None = None) -> Template:
    """The template to render: the preferred one when it suits the medium, else the default."""
    templates = all_templates(wb)
    chosen = templates.get(preferred)
    if chosen is not None and chosen.medium not in MEDIUMS:
        chosen = None  # written by hand with a medium no draft has ("e-mail"): the default
    if chosen is not None and THANKS_TEMPLATES.get(preferred) is chosen:
        chosen = None  # a thank-you note is never an offer's decline
    if medium is None:
        return chosen or templates["standard"]
    if medium not in MEDIUMS:
        raise TemplateError(f'unknown medium "{medium}"; use one of: {", ".join(MEDIUMS)}')
    if chosen is not None and chosen.medium == medium:
        return chosen
    return templates[DEFAULT_FOR_MEDIUM[medium]]


def copy_template(template: Template, new_name: str) -> Template:
    """A person's own editable copy of a template (built-in extras dropped)."""
    return dataclasses.replace(
        template,
        name=new_name,
        builtin=False,
        followup="",
        max_chars=0,
        fallbacks=[],
        paragraphs=[list(p) for p in template.paragraphs],
    )


_PART_LINE = re.compile(r"^([a-z][a-z0-9_-]*):[ \t]?(.*)$")


def template_to_text(template: Template) -> str:
    """A template as editable text: `part: words`, paragraphs split by a blank line.

    A line that does not start with `part:` continues the part above it on a new line
    (as a sign-off's name does).
    """
    paragraphs = []
    for para in template.paragraphs:
        lines = []
        for part, text in para:
            first, *rest = text.split("\n")
            lines.append(f"{part}: {first}")
            lines.extend(rest)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs) + "\n"


def template_from_text(
    name: str, text: str, *, medium: str = "email", subject: str = "", description: str = ""
) -> Template:
    """The inverse of template_to_text; raises TemplateError on text it cannot read."""
    if medium not in MEDIUMS:
        raise TemplateError(f'unknown medium "{medium}"; use one of: {", ".join(MEDIUMS)}')
    paragraphs: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        m = _PART_LINE.match(line)
        if m:
            current.append((m.group(1), m.group(2).rstrip()))
        elif current:
            part, words = current[-1]
            current[-1] = (part, f"{words}\n{line.rstrip()}")
        else:
            raise TemplateError(
                f"line {lineno}: start a paragraph with a part name, e.g. “greeting: Dear "
                "[Hiring Manager's Name],”"
            )
    if current:
        paragraphs.append(current)
    if not paragraphs:
        raise TemplateError("the template is empty")
    return Template(
        name=name, medium=medium, subject=subject, description=description, paragraphs=paragraphs
    )
