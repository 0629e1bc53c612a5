"""The rules about when the answer goes: soon after what it answers and before the
offer's deadline (a late answer apologises), at a time of day it will be read. What a
kind of message counts from (the offer, a counter-offer, a recruiter's follow-up, the
call it confirms, a check-in's due date) is its `timely_from` in core.kinds. The clock's
rules are in core.timing.
"""

from __future__ import annotations

from datetime import date

from decline_tui.core.kinds import KINDS
from decline_tui.core.timing import PROMPT_DAYS, describe_moment, is_good_send_time, next_send_time

from .engine import FAIL, PASS, RULES, SKIP, WARN, CheckContext, Finding, _finding
from .message import Message, _rx

# An apology for the delay, in one sentence of the message's own text: "I am sorry for
# taking so long to get back to you.", "Sorry for the slow reply.", "Apologies for the delay".
_SORRY = _rx(
    "sorry",
    r"apologi[sz](?:e|es|ed|ing)",
    r"apolog(?:y|ies)",
    r"(?:i )?regret (?:the|my|taking|keeping)",
)
_DELAY = _rx(
    r"delay(?:s|ed)?",
    r"late(?:ness)?",
    r"belated(?:ly)?",
    r"slow(?:ly|ness)?",
    r"(?:taking|took|taken|take)(?: me)? (?:so |this |too |such a )?long",
    r"(?:taking|took|taken|take)(?: me)? (?:a (?:little |bit |good )?)?while",
    r"(?:getting|get|got|coming|come) back",
    r"(?:keeping|kept|keep|leaving|left) you waiting",
    r"(?:the|your) wait(?:ing)?",
)
CHECKIN_EARLY_DAYS = 7  # a check-in note this early is on time
CHECKIN_LATE_DAYS = 30  # after this it is long overdue (still worth sending)


def apologises_for_delay(msg: Message) -> tuple[int, int] | None:
    """The sentence of the message's own text (not the quoted chain) that apologises for
    the delay, if one does."""
    for a, b in [*msg.sentences, *((ln.start, ln.end) for ln in msg.lines)]:
        if msg.search(_SORRY, a, b) and msg.search(_DELAY, a, b):
            return a, b
    return None


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def rule_timely(msg: Message, ctx: CheckContext) -> Finding:
    kind = KINDS.get(ctx.kind, KINDS["decline"])
    if kind.timely_from in _FROM:
        if ctx.now is None:
            return _finding("timely", SKIP, "No current time given.")
        return _FROM[kind.timely_from](msg, ctx)
    if ctx.received is None and ctx.deadline is None:
        return _finding("timely", SKIP, "No dates given: set when the offer came and its deadline.")
    if ctx.now is None:
        return _finding("timely", SKIP, "No current time given.")
    today = ctx.now.date()
    sorry = apologises_for_delay(msg)
    if ctx.deadline is not None and today > ctx.deadline:
        late = (today - ctx.deadline).days
        if sorry:
            return _finding(
                "timely",
                WARN,
                f"The deadline ({ctx.deadline.isoformat()}) passed {_days(late)} ago; you "
                "apologise for the delay: send it today.",
                (sorry,),
            )
        return _finding(
            "timely",
            FAIL,
            f"The deadline ({ctx.deadline.isoformat()}) passed {_days(late)} ago and the "
            "message does not apologise for the delay: add a brief apology (“I am sorry for "
            "taking so long to get back to you.”) and send it today.",
        )
    if ctx.received is not None:
        waited = (today - ctx.received).days
        if waited > PROMPT_DAYS:
            also = "; you apologise for the delay" if sorry else ""
            return _finding(
                "timely",
                WARN,
                f"The offer came {waited} days ago; aim to answer within {PROMPT_DAYS} days{also}.",
                (sorry,) if sorry else (),
            )
        if ctx.deadline is not None:
            left = (ctx.deadline - today).days
            return _finding(
                "timely",
                PASS,
                f"Answered {_days(waited)} after the offer, {_days(left)} before the deadline.",
            )
        return _finding("timely", PASS, f"Answered {_days(waited)} after the offer came.")
    assert ctx.deadline is not None  # no date at all returned SKIP above
    left = (ctx.deadline - today).days
    return _finding("timely", PASS, f"Before the deadline: {_days(left)} left.")


def _prompt(ctx: CheckContext, came: date | None, what: str, set_it: str) -> Finding:
    """Answered within PROMPT_DAYS of `came` (what came, as words), else a warning; never a
    failure: the offer's deadline has nothing to do with a reply to a later message."""
    if came is None:
        return _finding("timely", SKIP, f"No date for {what}: {set_it}.")
    assert ctx.now is not None
    waited = (ctx.now.date() - came).days
    if waited > PROMPT_DAYS:
        return _finding(
            "timely",
            WARN,
            f"{what[0].upper()}{what[1:]} came {waited} days ago ({came.isoformat()}); aim to "
            f"answer within {PROMPT_DAYS} days.",
        )
    return _finding("timely", PASS, f"Answering {what} {_days(max(waited, 0))} after it came.")


def _timely_counter(msg: Message, ctx: CheckContext) -> Finding:
    """A counter-offer is answered from the day it came, not from the first offer's dates."""
    return _prompt(
        ctx, ctx.counter_received, "the counter-offer", "set when it came to time the reply"
    )


def _timely_followup(msg: Message, ctx: CheckContext) -> Finding:
    """A reply to a recruiter answers their latest follow-up, whatever the offer's deadline."""
    return _prompt(
        ctx,
        ctx.followup_received,
        "the recruiter's follow-up",
        "log it (kind “follow-up”) to time the reply from it",
    )


def _timely_call(msg: Message, ctx: CheckContext) -> Finding:
    """A confirming email goes the day of the call, or the day after."""
    assert ctx.now is not None
    if ctx.called_on is None:
        return _finding(
            "timely",
            PASS,
            "Send it the day of the call (no call is logged; log it, kind “call”, to time "
            "this from it).",
        )
    waited = (ctx.now.date() - ctx.called_on).days
    if waited > 1:
        return _finding(
            "timely",
            WARN,
            f"The call was {waited} days ago ({ctx.called_on.isoformat()}); confirm it in "
            "writing the same day, or the next.",
        )
    when = "the day of the call" if waited <= 0 else "the day after the call"
    return _finding("timely", PASS, f"Confirms the call {when}.")


def _timely_checkin(msg: Message, ctx: CheckContext) -> Finding:
    """A check-in note goes when it is due: months after the decline, never by a deadline."""
    assert ctx.now is not None
    due = ctx.checkin_due
    if due is None:
        return _finding(
            "timely",
            SKIP,
            "No check-in is due for this offer (it is not declined, the door was not left "
            "open, or every check-in is done).",
        )
    days = (ctx.now.date() - due).days
    if days < -CHECKIN_EARLY_DAYS:
        return _finding(
            "timely",
            WARN,
            f"The check-in is not due until {due.isoformat()} (in {_days(-days)}); a note "
            "this early can read as pressing.",
        )
    if days > CHECKIN_LATE_DAYS:
        return _finding(
            "timely",
            WARN,
            f"The check-in was due {_days(days)} ago ({due.isoformat()}); it is still welcome: "
            "send it soon.",
        )
    if days <= 0:
        return _finding("timely", PASS, f"The check-in is due {due.isoformat()}: a good time.")
    return _finding("timely", PASS, f"The check-in was due {_days(days)} ago: a good time.")


def _timely_thanks(msg: Message, ctx: CheckContext) -> Finding:
    """A thank-you note to someone met goes after the decline: the decline thanks the
    contact first, and the note must not break the news."""
    if ctx.declined_on is None:
        return _finding(
            "timely",
            WARN,
            "The decline is not logged as sent yet: send it after the decline (mark the "
            "decline sent first).",
        )
    return _finding(
        "timely",
        PASS,
        f"The decline went out on {ctx.declined_on.isoformat()}: a good time to thank them.",
    )


_FROM = {
    "counter": _timely_counter,
    "follow-up": _timely_followup,
    "call": _timely_call,
    "checkin": _timely_checkin,
    "decline": _timely_thanks,
}


def rule_send_time(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.now is None:
        return _finding("send-time", SKIP, "No current time given.")
    if ctx.send_at is not None and ctx.send_at > ctx.now:
        when = describe_moment(ctx.send_at, ctx.now)
        if is_good_send_time(ctx.send_at):
            return _finding("send-time", PASS, f"Planned for {when}: a good time to send.")
        better = describe_moment(next_send_time(ctx.send_at), ctx.now)
        return _finding(
            "send-time",
            WARN,
            f"Planned for {when}, outside business hours; {better} would be better.",
            hint=f"Plan it for {better} (p). Why: {RULES['send-time'].why}",
        )
    if is_good_send_time(ctx.now):
        return _finding("send-time", PASS, "Now is within business hours: a good time to send.")
    nxt = next_send_time(ctx.now)
    when = describe_moment(nxt, ctx.now)
    friday = ctx.now.weekday() == 4 and ctx.now.hour >= 12
    why = "Friday afternoon" if friday else "outside business hours"
    return _finding(
        "send-time",
        WARN,
        f"It is {why}; the next good time to send is {when}.",
        hint=f"Schedule it for {when}. Why: {RULES['send-time'].why}",
    )
