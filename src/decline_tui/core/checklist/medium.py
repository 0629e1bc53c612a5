"""The rules that only one medium has: an email's subject line, a LinkedIn note's length."""

from __future__ import annotations

from .engine import FAIL, PASS, SKIP, WARN, CheckContext, Finding, _finding
from .message import Message

LINKEDIN_FREE, LINKEDIN_PREMIUM = 200, 300


def rule_subject(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.medium != "email":
        return _finding("subject", SKIP, f"No subject line is needed for {ctx.medium}.")
    if msg.subject and msg.subject_span is not None:  # the two are set together
        return _finding("subject", PASS, f"Subject: “{msg.subject}”.", (msg.subject_span,))
    if msg.subject is not None:
        return _finding("subject", WARN, "The subject line is empty.")
    return _finding("subject", WARN, "There is no subject line (a first line “Subject: …”).")


def rule_linkedin_length(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.medium != "linkedin":
        return _finding("linkedin-length", SKIP, "Only LinkedIn notes have a length limit.")
    n = len(msg.raw.strip())
    if n <= LINKEDIN_FREE:
        return _finding("linkedin-length", PASS, f"{n}/{LINKEDIN_FREE} characters.")
    start = len(msg.raw) - len(msg.raw.lstrip())
    span = ((start + LINKEDIN_FREE, start + n),)
    if n <= LINKEDIN_PREMIUM:
        return _finding(
            "linkedin-length",
            WARN,
            f"{n} characters: over the {LINKEDIN_FREE} a free account allows "
            f"(premium allows {LINKEDIN_PREMIUM}).",
            span,
        )
    return _finding(
        "linkedin-length",
        FAIL,
        f"{n} characters: over LinkedIn's {LINKEDIN_PREMIUM}-character limit.",
        span,
    )
