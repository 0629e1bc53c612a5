"""The hard cases: multiple offers, counter-offers and persistent recruiters."""

from __future__ import annotations

from datetime import date

import pytest

from decline_tui.core.model import Offer, Workbook
from decline_tui.core.scenarios import (
    OPEN_STATUSES,
    SCENARIOS,
    MultipleOffers,
    multiple_offers,
)

from .conftest import NOW

TODAY = NOW.date()  # 2026-11-25


# The accepted offer is signed: the others are declined as soon as it is (see test_backups).
SIGNED = date(2026, 11, 20)


def mk(offer_id: str, status: str = "deciding", deadline: date | None = None, **kw) -> Offer:
    return Offer(
        id=offer_id,
        company=kw.pop("company", offer_id.capitalize()),
        status=status,
        deadline=deadline,
        **kw,
    )


# --------------------------------------------------------------------------- the scenarios


def test_every_scenario_has_a_title_and_advice():
    assert set(SCENARIOS) == {"counter-offer", "persistent-recruiter", "multiple-offers"}
    for key, scenario in SCENARIOS.items():
        assert scenario.id == key
        assert scenario.title.strip()
        assert scenario.title[0].isupper()
        assert isinstance(scenario.advice, tuple)
        assert len(scenario.advice) >= 2
        for line in scenario.advice:
            assert line.strip() == line and line
            assert line.endswith((".", ":", "”."))


def test_scenario_advice_follows_the_guide():
    multiple = " ".join(SCENARIOS["multiple-offers"].advice).lower()
    assert "decline all the others" in multiple
    assert "never name" in multiple
    recruiter = " ".join(SCENARIOS["persistent-recruiter"].advice).lower()
    assert "final" in recruiter and "polite" in recruiter
    counter = " ".join(SCENARIOS["counter-offer"].advice).lower()
    assert "reconsider" in counter and "promptly" in counter


def test_scenarios_are_frozen():
    with pytest.raises(AttributeError):
        SCENARIOS["counter-offer"].title = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- multiple offers


def test_multiple_offers_sorts_into_accepted_open_and_declined():
    wb = Workbook(
        offers=[
            mk("late", deadline=date(2026, 12, 20)),
            mk("chosen", "accepted"),
            mk("nodate"),
            mk("gone", "declined"),
            mk("soon", deadline=date(2026, 11, 27)),
            mk("past", deadline=date(2026, 11, 20)),
            mk("quit", "withdrawn"),
            mk("undone", "rescinded"),
            mk("also-gone", "declined"),
        ]
    )
    state = multiple_offers(wb)
    assert [o.id for o in state.accepted] == ["chosen"]
    assert [o.id for o in state.to_decline] == ["past", "soon", "late", "nodate"]
    assert [o.id for o in state.declined] == ["gone", "also-gone"]
    assert isinstance(state.to_decline, tuple)
    assert isinstance(state.accepted, tuple) and isinstance(state.declined, tuple)
    assert OPEN_STATUSES == ("deciding",)


def test_offers_without_a_deadline_come_last_by_company():
    wb = Workbook(
        offers=[
            mk("b-none", company="Beta"),
            mk("a-none", company="Alpha"),
            mk("z-dated", company="Zeta", deadline=date(2027, 6, 1)),
            mk("m-same", company="Mu", deadline=date(2026, 12, 1)),
            mk("l-same", company="Lambda", deadline=date(2026, 12, 1)),
        ]
    )
    ids = [o.id for o in multiple_offers(wb).to_decline]
    assert ids == ["l-same", "m-same", "z-dated", "a-none", "b-none"]


def test_multiple_offers_keeps_the_offer_objects(workbook, offer):
    state = multiple_offers(workbook)
    assert state.to_decline[0] is offer
    assert state.accepted == () and state.declined == ()


def test_multiple_offers_of_an_empty_workbook():
    assert multiple_offers(Workbook()) == MultipleOffers((), (), ())


def test_lines_accepted_with_some_to_decline():
    wb = Workbook(
        offers=[
            mk("globex", deadline=date(2026, 11, 30), role="Designer"),
            mk("chosen", "accepted", role="Lead Designer", signed_on=SIGNED),
            mk("initech"),
            mk("hooli", deadline=date(2026, 11, 25)),
            mk("umbrella", deadline=date(2026, 11, 24)),
            mk("gone", "declined"),
        ]
    )
    assert multiple_offers(wb).lines(TODAY) == [
        "Accepted: Chosen – Lead Designer.",
        "To decline now (4), closest deadline first:",
        "  • Umbrella (1 day overdue)",
        "  • Hooli (due today)",
        "  • Globex – Designer (5 days left)",
        "  • Initech (no deadline)",
        "Already declined: Gone.",
    ]


def test_lines_accepted_with_one_left_and_a_day_to_go():
    chosen = mk("chosen", "accepted", signed_on=SIGNED)
    wb = Workbook(offers=[chosen, mk("other", deadline=date(2026, 11, 26))])
    assert multiple_offers(wb).lines(TODAY) == [
        "Accepted: Chosen.",
        "To decline now (1), closest deadline first:",
        "  • Other (1 day left)",
    ]


def test_lines_accepted_with_none_left():
    wb = Workbook(offers=[mk("chosen", "accepted"), mk("gone", "declined"), mk("also", "declined")])
    assert multiple_offers(wb).lines(TODAY) == [
        "Accepted: Chosen.",
        "Nothing left to decline.",
        "Already declined: Gone, Also.",
    ]


def test_lines_more_than_one_accepted():
    wb = Workbook(offers=[mk("one", "accepted"), mk("two", "accepted")])
    assert multiple_offers(wb).lines(TODAY) == ["Accepted: One, Two.", "Nothing left to decline."]


def test_lines_nothing_accepted_yet():
    wb = Workbook(
        offers=[
            mk("a", deadline=date(2026, 11, 28)),
            mk("b", deadline=date(2026, 11, 22)),
            mk("c", "declined"),
        ]
    )
    lines = multiple_offers(wb).lines(TODAY)
    assert lines == [
        "2 offers still open; mark the one you accept and the rest are listed here to decline.",
        "  • B (3 days overdue)",
        "  • A (3 days left)",
        "Already declined: C.",
    ]
    assert not any(line.startswith("Accepted") for line in lines)


def test_lines_one_offer_still_open_is_singular():
    lines = multiple_offers(Workbook(offers=[mk("solo")])).lines(TODAY)
    assert lines[0].startswith("1 offer still open;")
    assert lines[1:] == ["  • Solo (no deadline)"]


def test_lines_no_offers():
    assert multiple_offers(Workbook()).lines(TODAY) == ["No open offers."]


def test_lines_only_declined_and_other_offers():
    wb = Workbook(offers=[mk("gone", "declined"), mk("quit", "withdrawn"), mk("x", "rescinded")])
    assert multiple_offers(wb).lines(TODAY) == ["No open offers.", "Already declined: Gone."]


def test_lines_name_an_offer_without_a_company():
    wb = Workbook(offers=[Offer(id="x", role="Designer"), Offer(id="y")])
    assert multiple_offers(wb).lines(TODAY)[1:] == [
        "  • (no company) – Designer (no deadline)",
        "  • (no company) (no deadline)",
    ]


def test_lines_depend_on_the_day():
    wb = Workbook(offers=[mk("a", deadline=date(2026, 11, 30))])
    state = multiple_offers(wb)
    assert state.lines(date(2026, 11, 29))[1] == "  • A (1 day left)"
    assert state.lines(date(2026, 11, 30))[1] == "  • A (due today)"
    assert state.lines(date(2026, 12, 3))[1] == "  • A (3 days overdue)"


# --------------------------------------------------------------------------- per offer
