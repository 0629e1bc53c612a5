"""Offer clock and send-time advice, with fixed clocks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from decline_tui.core.timing import (
    describe_moment,
    is_good_send_time,
    next_send_time,
    offer_clock,
)


@pytest.mark.parametrize(
    "now, good",
    [
        (datetime(2026, 11, 23, 9, 0), True),  # Monday 09:00
        (datetime(2026, 11, 23, 8, 59), False),
        (datetime(2026, 11, 26, 16, 59), True),  # Thursday
        (datetime(2026, 11, 26, 17, 0), False),
        (datetime(2026, 11, 27, 11, 59), True),  # Friday morning
        (datetime(2026, 11, 27, 12, 0), False),  # Friday afternoon
        (datetime(2026, 11, 28, 10, 0), False),  # Saturday
        (datetime(2026, 11, 29, 10, 0), False),  # Sunday
    ],
)
def test_good_send_time(now, good):
    assert is_good_send_time(now) is good


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2026, 11, 27, 15, 0), datetime(2026, 11, 30, 9, 0)),  # Fri pm -> Mon
        (datetime(2026, 11, 28, 10, 0), datetime(2026, 11, 30, 9, 0)),  # Sat -> Mon
        (datetime(2026, 11, 24, 7, 0), datetime(2026, 11, 24, 9, 0)),  # early -> same day
        (datetime(2026, 11, 24, 18, 0), datetime(2026, 11, 25, 9, 0)),  # evening -> next
        (datetime(2026, 11, 26, 17, 30), datetime(2026, 11, 27, 9, 0)),  # Thu eve -> Fri am
        (datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 25, 10, 0)),  # already good
    ],
)
def test_next_send_time(now, expected):
    assert next_send_time(now) == expected


def test_describe_moment():
    now = datetime(2026, 11, 27, 15, 0)
    assert describe_moment(datetime(2026, 11, 30, 9, 0), now) == "Monday 30 November at 09:00"
    assert describe_moment(datetime(2026, 11, 28, 9, 0), now) == "tomorrow at 09:00"
    assert describe_moment(datetime(2026, 11, 27, 16, 0), now) == "today at 16:00"


@pytest.mark.parametrize(
    "deadline, text",
    [
        (None, "no deadline"),
        (date(2026, 11, 30), "4 days left"),
        (date(2026, 11, 27), "1 day left"),
        (date(2026, 11, 26), "due today"),
        (date(2026, 11, 25), "1 day overdue"),
        (date(2026, 11, 24), "2 days overdue"),
    ],
)
def test_offer_clock(deadline, text):
    assert offer_clock(deadline, date(2026, 11, 26)) == text
