"""Time advice: the offer clock and when to send. Every function takes `now`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

# Business hours to send a decline: Monday-Thursday 09:00-17:00, Friday 09:00-12:00
# (a Friday-afternoon decline sits unread over the weekend). Weekday 0 is Monday.
SEND_WINDOWS: dict[int, tuple[time, time]] = {
    0: (time(9), time(17)),
    1: (time(9), time(17)),
    2: (time(9), time(17)),
    3: (time(9), time(17)),
    4: (time(9), time(12)),
}
PROMPT_DAYS = 2  # answer within two calendar days of receiving the offer


def answer_is_late(received: date | None, deadline: date | None, today: date) -> bool:
    """Past the deadline, or longer after the offer than PROMPT_DAYS: what the timely rule
    warns about, and when a decline says sorry for the delay."""
    if deadline is not None and today > deadline:
        return True
    return received is not None and (today - received).days > PROMPT_DAYS


def is_good_send_time(now: datetime) -> bool:
    """Whether a message sent now lands in the recipient's working hours."""
    window = SEND_WINDOWS.get(now.weekday())
    return window is not None and window[0] <= now.time() < window[1]


def next_send_time(now: datetime) -> datetime:
    """The next moment that is a good time to send (now itself if it already is)."""
    if is_good_send_time(now):
        return now
    day = now.date()
    for offset in range(8):
        d = day + timedelta(days=offset)
        window = SEND_WINDOWS.get(d.weekday())
        if window is None:
            continue
        start = datetime.combine(d, window[0], tzinfo=now.tzinfo)
        if start > now:
            return start
    raise AssertionError("a week always has a sending window")  # pragma: no cover


def describe_moment(moment: datetime, now: datetime) -> str:
    """'today at 09:00', 'tomorrow at 09:00', or 'Monday 1 December at 09:00'."""
    days = (moment.date() - now.date()).days
    clock = moment.strftime("%H:%M")
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"{moment:%A} {moment.day} {moment:%B} at {clock}"


def days_left(deadline: date | None, today: date) -> int | None:
    """Calendar days until the deadline: 0 on the day, negative once it has passed."""
    return None if deadline is None else (deadline - today).days


def offer_clock(deadline: date | None, today: date) -> str:
    """The offer clock in words, so it reads plainly without colour."""
    left = days_left(deadline, today)
    if left is None:
        return "no deadline"
    if left < 0:
        return f"{-left} day{'s' if left != -1 else ''} overdue"
    if left == 0:
        return "due today"
    if left == 1:
        return "1 day left"
    return f"{left} days left"


def status_clock(status: str, deadline: date | None, today: date) -> str | None:
    """The offer clock while deciding; None once decided: a declined, accepted or withdrawn
    offer is not "overdue", its deadline no longer asks anything of the person."""
    return offer_clock(deadline, today) if status == "deciding" else None
