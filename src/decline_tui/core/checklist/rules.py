"""The checklist in its order, and `check`, which runs it: the one place the rules are
put together, so the findings always come in the order of the README's table.
"""

from __future__ import annotations

from collections.abc import Callable

from decline_tui.core.kinds import KINDS, THANKS_ONLY

from .engine import SKIP, CheckContext, Finding, _finding
from .hygiene import rule_no_other_company, rule_placeholders, rule_spelling
from .medium import rule_linkedin_length, rule_subject
from .message import Message
from .overrule import apply, switched_off
from .personal import rule_no_reason, rule_personal_detail
from .structure import (
    rule_brief_reason,
    rule_clear_decline,
    rule_closing,
    rule_door_open,
    rule_gratitude,
    rule_greeting,
    rule_offer_help,
    rule_positive_note,
)
from .timing import rule_send_time, rule_timely
from .tone import rule_no_bargaining, rule_no_negativity, rule_no_over_explaining, rule_no_wavering

CHECKS: dict[str, Callable[[Message, CheckContext], Finding]] = {
    "greeting": rule_greeting,
    "gratitude": rule_gratitude,
    "clear-decline": rule_clear_decline,
    "brief-reason": rule_brief_reason,
    "positive-note": rule_positive_note,
    "door-open": rule_door_open,
    "offer-help": rule_offer_help,
    "closing": rule_closing,
    "subject": rule_subject,
    "no-negativity": rule_no_negativity,
    "no-wavering": rule_no_wavering,
    "no-over-explaining": rule_no_over_explaining,
    "no-other-company": rule_no_other_company,
    "placeholders": rule_placeholders,
    "spelling": rule_spelling,
    "timely": rule_timely,
    "send-time": rule_send_time,
    "linkedin-length": rule_linkedin_length,
    "no-bargaining": rule_no_bargaining,
    "no-reason": rule_no_reason,
    "personal-detail": rule_personal_detail,
}


def check(text: str, ctx: CheckContext | None = None) -> list[Finding]:
    """Every rule's finding for this text, in the checklist's order.

    Rules the context switches off are not run, and its dismissals are applied (overrule)."""
    ctx = ctx or CheckContext()
    # The dictionary also tells "Square" the word from Square the company.
    if ctx.spelling and "spelling" not in ctx.disabled:
        from decline_tui.core import spelling

        spelling.load()
    msg = Message(text, ctx.medium)
    kind = KINDS.get(ctx.kind, KINDS["decline"])
    listed = frozenset(listed_rules(kind.name))
    off = ctx.disabled
    findings = [
        switched_off(rule, off[rule])
        if rule in off
        else fn(msg, ctx)
        if rule in kind.rules
        else _not_for(rule, kind.label)
        for rule, fn in CHECKS.items()
        if rule in listed
    ]
    return apply(findings, text, ctx)


def listed_rules(kind: str = "decline") -> list[str]:
    """The rules a draft of this kind lists, in order: every rule, run or "not checked",
    except those of the thank-you notes alone, which only a thank-you note lists."""
    runs = KINDS.get(kind, KINDS["decline"]).rules
    return [rule for rule in CHECKS if rule in runs or rule not in THANKS_ONLY]


def _not_for(rule: str, label: str) -> Finding:
    return _finding(rule, SKIP, f"Not checked for {label}.")
