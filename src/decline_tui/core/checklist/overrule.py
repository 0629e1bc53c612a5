"""The person overrules the checklist: a rule switched off, a finding dismissed.

A rule switched off (for an offer, for the workbook, or with the CLI's --disable) is not
run: its line says where it was switched off, as a SKIP. A finding is dismissed by its
words: the rule and the exact text it flagged (each span's words, white space evened out,
case ignored), or "" for a finding that points at no words (a missing greeting). Only the
words dismissed are hidden: the same rule flagging other words, or the same warning
pointing at another sentence, is a live finding again. Dismissals never hide anything new.

`apply` runs after the rules on their findings alone (no second parse of the text): it
costs nothing when nothing is dismissed, and a dictionary lookup per span when something is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .engine import FAIL, RULES, SKIP, WARN, CheckContext, Finding

DISMISSED = "dismissed"
OFFER, WORKBOOK, COMMAND_LINE = "offer", "workbook", "command line"
_WHERE = {
    OFFER: "for this offer",
    WORKBOOK: "for the workbook",
    COMMAND_LINE: "on the command line (--disable)",
}


class UnknownRule(ValueError):
    """A rule name that is not in the checklist; the message lists the ones that are."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f'"{name}" is not a checklist rule; the rules are: {rule_names()}')


def rule_names() -> str:
    return ", ".join(RULES)


def known_rule(name: str) -> str:
    """The rule's id, or UnknownRule."""
    if name not in RULES:
        raise UnknownRule(name)
    return name


def words_of(text: str) -> str:
    """The words as a dismissal keeps them: white space evened out."""
    return " ".join(text.split())


def _key(text: str) -> str:
    return words_of(text).casefold()


def flagged(finding: Finding, text: str) -> list[str]:
    """What a finding flags, as a dismissal names it: each span's words, once, in order;
    [""] for a finding that points at no words."""
    words = [words_of(text[a:b]) for a, b in finding.spans]
    return list(dict.fromkeys(w for w in words if w)) or [""]


def switched_off(rule: str, where: str) -> Finding:
    """The line of a rule switched off: not run, and saying where it was switched off."""
    r = RULES[rule]
    return Finding(
        rule,
        SKIP,
        f"Switched off {_WHERE.get(where, where)}.",
        (),
        f"Not checked, as you asked. {r.title}: {r.why}",
        overruled=where,
    )


def apply(findings: list[Finding], text: str, ctx: CheckContext) -> list[Finding]:
    """The findings with the context's dismissals applied (see the module's docstring)."""
    if not ctx.ignored:
        return findings
    gone: dict[str, set[str]] = {}
    for rule, words in ctx.ignored:
        gone.setdefault(rule, set()).add(_key(words))
    return [_apply_one(f, text, gone[f.rule]) if f.rule in gone else f for f in findings]


def _apply_one(f: Finding, text: str, gone: set[str]) -> Finding:
    if f.status not in (WARN, FAIL):
        return f
    if not f.spans:
        if "" not in gone:
            return f
        return _dismissed(f, ("",))
    live: list[tuple[int, int]] = []
    hidden: list[str] = []
    for a, b in f.spans:
        words = words_of(text[a:b])
        if words.casefold() in gone:
            if words not in hidden:
                hidden.append(words)
        else:
            live.append((a, b))
    if not hidden:
        return f
    if not live:
        return _dismissed(f, tuple(hidden))
    shown = ", ".join(f"“{w}”" for w in hidden)
    return Finding(
        f.rule,
        f.status,
        _requote(f, text, live),
        tuple(live),
        f"{f.hint} Dismissed here: {shown}.".strip(),
        dismissed=tuple(hidden),
    )


def _dismissed(f: Finding, words: tuple[str, ...]) -> Finding:
    said = {WARN: "a warning", FAIL: "a failure"}[f.status]
    if words == ("",):
        message = "Dismissed on this offer's drafts."
    else:
        message = f"Dismissed: {', '.join(f'“{w}”' for w in words)}."
    return Finding(
        f.rule,
        SKIP,
        message,
        f.spans,
        f"It was {said}: {f.message}",
        overruled=DISMISSED,
        dismissed=words,
    )


def _quoted(text: str, spans: Iterable[tuple[int, int]], limit: int) -> str:
    """As message._quote quotes a finding's words."""
    seen: list[str] = []
    for a, b in spans:
        words = words_of(text[a:b])
        if words and words not in seen:
            seen.append(words)
    shown = ", ".join(f"“{w}”" for w in seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")


_PLURAL = re.compile(r"^(Possible misspelling|Unfilled placeholder)s:")


def _requote(f: Finding, text: str, live: list[tuple[int, int]]) -> str:
    """The finding's message quoting only the words still live."""
    for limit in (5, 8):
        old = _quoted(text, f.spans, limit)
        if old and old in f.message:
            message = f.message.replace(old, _quoted(text, live, limit), 1)
            if len({words_of(text[a:b]) for a, b in live}) == 1:
                message = _PLURAL.sub(r"\1:", message)
            return message
    head = f.message.split(":", 1)[0] if ":" in f.message else RULES[f.rule].title
    return f"{head}: {_quoted(text, live, 5)}."
