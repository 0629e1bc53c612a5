"""The rules of a thank-you note to someone met during the interviews (core.thanks): it
names something from that person's own conversation, and it never repeats the decline's
reason, which belongs in the decline alone.

Both compare words, not sentences: the text's words against the offer's `reason` and the
contact's `note` (CheckContext.reason, .detail), with the little words ("a", "the", "my")
left out, case ignored and a plural's "s" dropped, so a reason pasted into a contact's
note, or the note reworded a little, is still found.
"""

from __future__ import annotations

import re

from .engine import FAIL, PASS, SKIP, WARN, CheckContext, Finding, _finding
from .message import _STRAIGHTEN, Message

# Words that carry no meaning of their own in a reason or a topic.
_STOP = """a an the to of and or but for in on at with by from as is are was were be been being
    am i i'm i've i'd i'll me my mine myself we we're we've our ours us you you're your yours
    it its it's this that these those have has had do does did will would can could should
    may might must so just very really than then there here which who whom what when where
    how also not no into about up out over only own same some such too more most any each
    both all other their they them he she his her him it's that's one get got"""
STOP_WORDS = frozenset(_STOP.split())
# Words of the decision itself, not of its reason: the note says the decision once ("I have
# decided not to take the offer"), and a "reason" that only says no repeats nothing.
DECISION_WORDS = frozenset(
    ["decided", "decide", "decision", "take", "taking", "offer", "decline", "declined", "declining"]
)
# A reason shares this many significant words in a row with the note: it is repeated.
REASON_RUN = 4
# The note names the contact's detail with this many significant words of it in a row.
DETAIL_RUN = 2
_WORD = re.compile(r"[^\W_][\w'’-]*")


def _key(word: str) -> str:
    word = word.translate(_STRAIGHTEN).casefold().strip("'-")
    word = word.removesuffix("'s")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # "reviews" and "review", "teams" and "team"
    return word


def significant(text: str) -> list[str]:
    """The words of a text that carry its meaning, as the rules compare them."""
    words = (_key(m.group(0)) for m in _WORD.finditer(text))
    return [w for w in words if w and w not in STOP_WORDS]


def _text_words(msg: Message) -> list[tuple[str, int, int]]:
    """The message's own significant words (not the subject, quoted chain or signature),
    each with its span."""
    out = []
    for m in msg.words():
        key = _key(m.group(0))
        if key and key not in STOP_WORDS:
            out.append((key, m.start(), m.end()))
    return out


def _runs(needle: list[str], words: list[tuple[str, int, int]], n: int) -> list[tuple[int, int]]:
    """Spans of the text where `n` words in a row are `n` words in a row of `needle`."""
    if n <= 0 or len(needle) < n:
        return []
    grams = {tuple(needle[i : i + n]) for i in range(len(needle) - n + 1)}
    spans: list[tuple[int, int]] = []
    for i in range(len(words) - n + 1):
        if tuple(w for w, _, _ in words[i : i + n]) in grams:
            start, end = words[i][1], words[i + n - 1][2]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)  # overlapping runs: one stretch
            else:
                spans.append((start, end))
    return spans


def _quoted(msg: Message, spans: list[tuple[int, int]]) -> str:
    words = " ".join(msg.raw[spans[0][0] : spans[0][1]].split())
    return words if len(words) <= 60 else words[:59] + "…"


def rule_no_reason(msg: Message, ctx: CheckContext) -> Finding:
    reason = [w for w in significant(ctx.reason) if w not in DECISION_WORDS]
    if not reason:
        return _finding("no-reason", SKIP, "The offer gives no reason to keep out.")
    # A short reason ("personal reasons") is repeated only whole.
    n = min(REASON_RUN, len(reason))
    words = [w for w in _text_words(msg) if w[0] not in DECISION_WORDS]
    spans = _runs(reason, words, n) if n >= 2 else []
    if spans:
        return _finding(
            "no-reason",
            FAIL,
            f"It repeats the decline's reason (“{_quoted(msg, spans)}”): the reason belongs in "
            "the decline only; leave it out of a thank-you note.",
            spans,
        )
    return _finding("no-reason", PASS, "Leaves the decline's reason to the decline.")


def rule_personal_detail(msg: Message, ctx: CheckContext) -> Finding:
    who = " ".join(ctx.recipient.split()) or "the person"
    if ctx.detail is None or not significant(ctx.detail):
        return _finding(
            "personal-detail",
            WARN,
            f"There is no note of what you talked about with {who}: add what you talked "
            "about to the contact, and the note will name it.",
        )
    detail = significant(ctx.detail)
    words = _text_words(msg)
    spans = _runs(detail, words, min(DETAIL_RUN, len(detail)))
    if spans:
        return _finding(
            "personal-detail", PASS, f"Names what you talked about: “{_quoted(msg, spans)}”.", spans
        )
    return _finding(
        "personal-detail",
        WARN,
        f"It names nothing of what you talked about with {who} (“{' '.join(ctx.detail.split())}”): "
        "add a sentence about it.",
    )
