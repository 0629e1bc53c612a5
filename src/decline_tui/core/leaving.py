"""As a draft leaves (copy, save): what goes on the clipboard, and what to fix first.

A mail app has its own subject field, so copying an email puts its body on the clipboard
and keeps the subject apart; a draft that still fails a checklist rule (an unfilled
"[Name]", say) is named before it goes, as an unnoticed placeholder cannot be unsent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from decline_tui.core.checklist import FAIL, RULES, Finding
from decline_tui.core.compose import Draft
from decline_tui.core.export import MEDIUM_LABELS, draft_as_text, split_subject

# About the moment rather than the words: editing the draft cannot fix these, so they
# never hold a draft back (the checklist still shows them).
NOT_IN_THE_TEXT = frozenset({"timely", "send-time"})
SHORT_WORDS = 40  # longer stretches are not quoted in a warning
MAX_QUOTED = 3  # stretches quoted per rule


@dataclass(frozen=True)
class Clip:
    """What copying a draft puts on the clipboard, and the subject kept apart."""

    text: str  # the body of an email; a phone script or LinkedIn note as it is
    what: str  # "the body", "the phone script": for the message saying what was copied
    subject: str | None  # None when the medium has no subject (or the draft has none)

    @property
    def words(self) -> int:
        return len(self.text.split())


def clip(draft: Draft, text: str, edited: bool) -> Clip:
    """The clipboard's share of a draft; `text` is what the person sees, `edited` if theirs.

    An email's subject is left out of the body: an edited draft's own "Subject:" line
    wins, else the template's subject (as the .eml export does).
    """
    if draft.medium != "email":
        out = text if edited else draft_as_text(draft)
        return Clip(out, f"the {MEDIUM_LABELS.get(draft.medium, draft.medium)}", None)
    if edited:
        subject, body = split_subject(text)
        if subject is None:
            subject = draft.subject
    else:
        subject, body = draft.subject, draft.body
    body = body.strip("\n") + "\n"
    return Clip(body, "the body", " ".join(subject.split()) or None)


@dataclass(frozen=True)
class Failing:
    """A checklist rule the draft fails, with the words it is about when they are short."""

    rule: str
    title: str
    words: tuple[str, ...]

    def line(self) -> str:
        quoted = ", ".join(f"“{w}”" for w in self.words)
        return f"• {self.title}: {quoted}" if quoted else f"• {self.title}"


def must_fix(findings: Iterable[Finding], text: str, skip: Iterable[str] = ()) -> list[Failing]:
    """The failed rules to name before the draft leaves; warnings never hold it back.

    `text` is the checked text the findings' spans point into; `skip` names rules already
    asked about (the other-company warning has a dialog of its own).
    """
    skipped = NOT_IN_THE_TEXT | set(skip)
    out = []
    for f in findings:
        if f.status != FAIL or f.rule in skipped:
            continue
        words: list[str] = []
        for start, end in f.spans:
            word = " ".join(text[start:end].split())
            if word and len(word) <= SHORT_WORDS and word not in words:
                words.append(word)
        rule = RULES.get(f.rule)
        out.append(Failing(f.rule, rule.title if rule else f.rule, tuple(words[:MAX_QUOTED])))
    return out


def fix_first(failing: list[Failing], verb: str) -> str:
    """The warning's text: each failed rule on its own line, then what the buttons do."""
    lines = "\n".join(f.line() for f in failing)
    which = "it" if len(failing) == 1 else "the first"
    return f"{lines}\n\nFix it shows {which} in the checklist; {verb} anyway goes ahead as it is."
