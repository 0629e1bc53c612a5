"""The decline checklist: a linter for the message the person will actually send.

Each rule looks at the text (not at form fields) and returns one Finding with a status,
a message, the spans it is about (character offsets into the checked text) and a hint
that says why the rule matters and how to fix it. Matching is done on a copy of the
text with curly quotes straightened (same length, so offsets stay true), case-insensitive,
with any run of white space, line breaks included, allowed between words. A quoted chain
(a reply's earlier mail) and the signature block are blanked in that copy, not cut, so the
rules read only what the person wrote (see `Message`).

`engine` says what a rule is and finds, `message` parses the text, and the rules sit with
their patterns, grouped as the README's table groups them: `structure`, `tone`, `hygiene`
(with `company`, the company-name matching), `timing` and `medium`. `rules` puts them in
order and runs them. Everything callers use is importable from here; a rule's function
from its group's module, and all of them, in order, from `CHECKS`.
"""

from __future__ import annotations

from .company import company_mentions
from .engine import (
    FAIL,
    PASS,
    RULES,
    SKIP,
    STATUSES,
    SYMBOLS,
    WARN,
    CheckContext,
    Finding,
    Rule,
    context_for,
    format_report,
    ok,
)
from .medium import LINKEDIN_FREE, LINKEDIN_PREMIUM
from .message import Line, Message, attached_email, word_count
from .overrule import DISMISSED, UnknownRule, flagged, known_rule, rule_names
from .rules import CHECKS, check, listed_rules
from .structure import states_decline
from .tone import BRIEF_WORDS, LONG_WORDS

__all__ = [
    "BRIEF_WORDS",
    "CHECKS",
    "DISMISSED",
    "FAIL",
    "LINKEDIN_FREE",
    "LINKEDIN_PREMIUM",
    "LONG_WORDS",
    "PASS",
    "RULES",
    "SKIP",
    "STATUSES",
    "SYMBOLS",
    "WARN",
    "CheckContext",
    "Finding",
    "Line",
    "Message",
    "Rule",
    "UnknownRule",
    "attached_email",
    "check",
    "company_mentions",
    "context_for",
    "flagged",
    "format_report",
    "known_rule",
    "listed_rules",
    "ok",
    "rule_names",
    "states_decline",
    "word_count",
]
