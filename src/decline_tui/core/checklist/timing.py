"""The rules about when the answer goes: soon after the offer (or the counter-offer) and
before its deadline, at a time of day it will be read. The clock's rules are in
core.timing.
"""

from __future__ import annotations

from decline_tui.core.kinds import KINDS
from decline_tui.core.timing import PROMPT_DAYS, describe_moment, is_good_send_time, next_send_time

from .engine import FAIL, PASS, RULES, SKIP, WARN, CheckContext, Finding, _finding
from .message import Message


def rule_timely(msg: Message, ctx: CheckContext) -> Finding:
    kind = KINDS.get(ctx.kind, KINDS["decline"])
    if kind.timely_from == "counter" and ctx.counter_received is not None:
        return _timely_counter(ctx)
    if ctx.received is None and ctx.deadline is None:
        return _finding("timely", SKIP, "No dates given: set when the offer came and its deadline.")
    if ctx.now is None:
        return _finding("timely", SKIP, "No current time given.")
    today = ctx.now.date()
    if ctx.deadline is not None and today > ctx.deadline:
        late = (today - ctx.deadline).days
        return _finding(
            "timely",
            FAIL,
            f"The deadline ({ctx.deadline.isoformat()}) passed {late} day{'s' * (late != 1)} "
            "ago; answer at once, with a brief apology for the delay.",
        )
    if ctx.received is not None:
        waited = (today - ctx.received).days
        if waited > PROMPT_DAYS:
            return _finding(
                "timely",
                WARN,
                f"The offer came {waited} days ago; aim to answer within {PROMPT_DAYS} days.",
            )
        if ctx.deadline is not None:
            left = (ctx.deadline - today).days
            return _finding(
                "timely",
                PASS,
                f"Answered {waited} day{'s' * (waited != 1)} after the offer, "
                f"{left} day{'s' * (left != 1)} before the deadline.",
            )
        return _finding(
            "timely", PASS, f"Answered {waited} day{'s' * (waited != 1)} after the offer came."
        )
    left = (ctx.deadline - today).days  # type: ignore[operator]
    return _finding("timely", PASS, f"Before the deadline: {left} day{'s' * (left != 1)} left.")


def _timely_counter(ctx: CheckContext) -> Finding:
    """A counter-offer is answered from the day it came, not from the first offer's dates."""
    if ctx.now is None:
        return _finding("timely", SKIP, "No current time given.")
    came = ctx.counter_received
    assert came is not None
    waited = (ctx.now.date() - came).days
    if waited > PROMPT_DAYS:
        return _finding(
            "timely",
            WARN,
            f"The counter-offer came {waited} days ago ({came.isoformat()}); aim to answer "
            f"within {PROMPT_DAYS} days.",
        )
    return _finding(
        "timely",
        PASS,
        f"Answering the counter-offer {waited} day{'s' * (waited != 1)} after it came.",
    )


def rule_send_time(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.now is None:
        return _finding("send-time", SKIP, "No current time given.")
    if ctx.send_at is not None and ctx.send_at > ctx.now:
        when = describe_moment(ctx.send_at, ctx.now)
        if is_good_send_time(ctx.send_at):
            return _finding("send-time", PASS, f"Planned for {when}: a good time to send.")
        nxt = describe_moment(next_send_time(ctx.send_at), ctx.now)
        return _finding(
            "send-time",
            WARN,
            f"Planned for {when}, outside business hours; {nxt} would be better.",
            hint=f"Plan it for {nxt} (p). Why: {RULES['send-time'].why}",
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
