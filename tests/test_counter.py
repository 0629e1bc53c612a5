"""compare_counter: does a counter-offer meet what the person said would change their mind?"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from decline_tui.core.model import Terms
from decline_tui.core.scenarios import (
    MET,
    NOT_MET,
    NOT_STATED,
    CounterVerdict,
    CriterionCheck,
    compare_counter,
)
from decline_tui.core.templates import all_templates

WISH = Terms(salary=120_000, remote="hybrid", title="Lead Designer", start=date(2027, 2, 1))
GOOD = Terms(
    salary=125_000, remote="remote", title="Lead Designer, Platform", start=date(2027, 1, 15)
)


def statuses(verdict: CounterVerdict) -> dict[str, str]:
    return {c.name: c.status for c in verdict.criteria}


# --------------------------------------------------------------------------- firm


def test_firm_never_reconsiders_even_when_every_criterion_is_met():
    verdict = compare_counter(WISH, GOOD, firm=True)
    assert verdict.meets is False
    assert verdict.template == "counter-decline"
    assert "nothing would change your mind" in verdict.summary
    assert "decline again" in verdict.summary
    assert verdict.criteria == ()
    assert any("decision stands" in line for line in verdict.lines)


def test_firm_without_criteria_or_counter_still_declines():
    verdict = compare_counter(None, None, firm=True)
    assert verdict.meets is False
    assert verdict.template == "counter-decline"
    assert "if they come back with more" in verdict.summary


def test_firm_keeps_the_notes():
    verdict = compare_counter(
        Terms(notes="nothing, really"), Terms(salary=1, notes="final offer"), firm=True
    )
    assert "Your note: nothing, really" in verdict.lines
    assert "Their note: final offer" in verdict.lines


# --------------------------------------------------------------------------- no criteria


@pytest.mark.parametrize("wish", [None, Terms(), Terms(notes="the team matters most")])
def test_no_criteria_recorded_says_decide_first(wish):
    verdict = compare_counter(wish, GOOD, firm=False)
    assert verdict.meets is None
    assert verdict.summary.startswith("Decide first what would change your mind")
    assert verdict.template == "counter-open"  # answer promptly, without committing
    assert verdict.criteria == ()


def test_no_criteria_and_no_counter_has_nothing_to_reply_to():
    verdict = compare_counter(None, None, firm=False)
    assert verdict.meets is None
    assert verdict.summary.startswith("Decide first")
    assert verdict.template == ""


def test_an_on_site_wish_reads_well_whatever_they_say():
    verdict = compare_counter(Terms(remote="on-site"), Terms(salary=1), firm=False)
    assert verdict.meets is True
    assert verdict.lines == ["Remote work — met: you want any arrangement, on-site included."]
    verdict = compare_counter(Terms(remote="on-site"), Terms(remote="hybrid"), firm=False)
    assert verdict.lines == [
        "Remote work — met: they offer hybrid; you want any arrangement, on-site included."
    ]


def test_an_unknown_remote_word_is_not_a_criterion():
    verdict = compare_counter(Terms(remote="sometimes"), GOOD, firm=False)
    assert verdict.meets is None and verdict.summary.startswith("Decide first")


def test_a_note_only_criterion_is_shown():
    verdict = compare_counter(Terms(notes="a four-day week"), GOOD, firm=False)
    assert "Your note: a four-day week" in verdict.lines


# --------------------------------------------------------------------------- no counter yet


def test_criteria_but_no_counter_yet():
    verdict = compare_counter(WISH, None, firm=False)
    assert verdict.meets is None
    assert verdict.template == ""
    assert verdict.summary.startswith("No counter-offer yet")
    assert verdict.lines == [
        "You would reconsider for: a salary of at least 120,000; hybrid or remote work; "
        "the title “Lead Designer”; a start by 1 February 2027."
    ]


# --------------------------------------------------------------------------- per criterion


@pytest.mark.parametrize(
    ("offered", "status"),
    [(130_000, MET), (120_000, MET), (119_999, NOT_MET), (None, NOT_STATED), (0, NOT_STATED)],
)
def test_salary_at_or_above_the_minimum(offered, status):
    verdict = compare_counter(Terms(salary=120_000), Terms(salary=offered), firm=False)
    assert statuses(verdict) == {"salary": status}


@pytest.mark.parametrize(
    ("wish", "offered", "status"),
    [
        ("remote", "remote", MET),
        ("remote", "hybrid", NOT_MET),
        ("remote", "on-site", NOT_MET),
        ("remote", "", NOT_STATED),
        ("hybrid", "remote", MET),
        ("hybrid", "hybrid", MET),
        ("hybrid", "on-site", NOT_MET),
        ("hybrid", "", NOT_STATED),
        ("on-site", "on-site", MET),
        ("on-site", "hybrid", MET),
        ("on-site", "remote", MET),
        ("on-site", "", MET),  # any arrangement will do
        ("Remote", " REMOTE ", MET),
        ("hybrid", "On site", NOT_MET),
        ("hybrid", "onsite", NOT_MET),
        ("remote", "Fully remote", MET),
    ],
)
def test_remote_work(wish, offered, status):
    verdict = compare_counter(Terms(remote=wish), Terms(remote=offered), firm=False)
    assert statuses(verdict) == {"remote": status}


@pytest.mark.parametrize(
    ("wish", "offered", "status"),
    [
        ("Lead Designer", "Lead Designer", MET),
        ("lead designer", "LEAD DESIGNER", MET),
        ("Lead", "Lead Product Designer", MET),  # contained
        ("Senior Designer", "Senior Designer, Platform", MET),
        ("Sr. Designer", "sr designer", MET),
        ("Senior Designer", "Designer", NOT_MET),
        ("Lead", "Leadership Coach", NOT_MET),  # whole words only
        ("Lead Designer", "Designer", NOT_MET),
        ("Lead Designer", "", NOT_STATED),
    ],
)
def test_title(wish, offered, status):
    verdict = compare_counter(Terms(title=wish), Terms(title=offered), firm=False)
    assert statuses(verdict) == {"title": status}


@pytest.mark.parametrize(
    ("offered", "status"),
    [
        (date(2027, 1, 10), MET),
        (date(2027, 2, 1), MET),
        (date(2027, 2, 2), NOT_MET),
        (None, NOT_STATED),
    ],
)
def test_start_on_or_before_the_latest_date(offered, status):
    verdict = compare_counter(Terms(start=date(2027, 2, 1)), Terms(start=offered), firm=False)
    assert statuses(verdict) == {"start": status}


# --------------------------------------------------------------------------- the verdict


def test_all_criteria_met_opens_a_conversation():
    verdict = compare_counter(WISH, GOOD, firm=False)
    assert verdict.meets is True
    assert verdict.summary == "Meets your criteria: open a conversation."
    assert verdict.template == "counter-open"
    assert [c.name for c in verdict.criteria] == ["salary", "remote", "title", "start"]
    assert verdict.lines == [
        "Salary — met: they offer 125,000; you want at least 120,000.",
        "Remote work — met: they offer remote; you want hybrid or remote work.",
        "Title — met: they offer “Lead Designer, Platform”; you want “Lead Designer”.",
        "Start date — met: they offer a start on 15 January 2027; "
        "you want to start by 1 February 2027.",
    ]
    assert NOT_MET not in statuses(verdict).values()


def test_met_where_stated_but_silent_elsewhere_still_opens_and_asks():
    verdict = compare_counter(WISH, Terms(salary=130_000, remote="hybrid"), firm=False)
    assert verdict.meets is True
    assert verdict.template == "counter-open"
    assert verdict.summary.startswith("Meets your criteria so far: open a conversation")
    assert "ask about title and start date" in verdict.summary
    assert "Title — not stated: the counter-offer does not say (you want “Lead Designer”)." in (
        verdict.lines
    )


def test_one_shortfall_declines_warmly_and_names_it():
    verdict = compare_counter(WISH, dataclasses.replace(GOOD, salary=110_000), firm=False)
    assert verdict.meets is False
    assert verdict.template == "counter-decline"
    assert verdict.summary == "Does not meet your criteria (salary falls short): decline warmly."
    assert [k for k, v in statuses(verdict).items() if v == NOT_MET] == ["salary"]
    assert verdict.lines[0] == "Salary — not met: they offer 110,000; you want at least 120,000."


def test_several_shortfalls_are_all_named():
    counter = dataclasses.replace(GOOD, remote="on-site", start=date(2027, 3, 1), title="")
    verdict = compare_counter(WISH, counter, firm=False)
    assert verdict.meets is False
    assert "(remote work and start date fall short)" in verdict.summary
    assert statuses(verdict) == {
        "salary": MET,
        "remote": NOT_MET,
        "title": NOT_STATED,
        "start": NOT_MET,
    }


def test_a_shortfall_wins_over_unstated_criteria():
    verdict = compare_counter(WISH, Terms(salary=100_000), firm=False)
    assert verdict.meets is False and verdict.template == "counter-decline"


@pytest.mark.parametrize("counter", [Terms(), Terms(notes="we can talk")])
def test_a_counter_silent_on_every_criterion_asks_first(counter):
    verdict = compare_counter(WISH, counter, firm=False)
    assert verdict.meets is None
    assert verdict.template == "counter-open"
    assert verdict.summary.startswith("The counter-offer does not say anything about salary")
    assert all(c.status == NOT_STATED for c in verdict.criteria)


def test_only_the_criteria_set_are_compared():
    verdict = compare_counter(Terms(salary=100), GOOD, firm=False)
    assert [c.name for c in verdict.criteria] == ["salary"]
    assert verdict.meets is True


def test_notes_follow_the_criteria():
    verdict = compare_counter(
        Terms(salary=100, notes="equity matters"), Terms(salary=200, notes="plus equity"), False
    )
    assert verdict.lines[-2:] == ["Your note: equity matters", "Their note: plus equity"]


def test_the_verdict_is_plain_data():
    verdict = compare_counter(WISH, GOOD, firm=False)
    data = dataclasses.asdict(verdict)
    assert set(data) == {"meets", "summary", "lines", "template", "criteria"}
    assert isinstance(verdict.lines, list)
    assert isinstance(verdict.criteria[0], CriterionCheck)
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.meets = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("wish", "counter", "firm"),
    [
        (WISH, GOOD, True),
        (None, None, False),
        (None, GOOD, False),
        (WISH, None, False),
        (WISH, GOOD, False),
        (WISH, Terms(salary=1), False),
        (WISH, Terms(), False),
    ],
)
def test_every_template_named_exists(wish, counter, firm):
    verdict = compare_counter(wish, counter, firm)
    assert verdict.template == "" or verdict.template in all_templates()
    assert verdict.summary.strip() and verdict.summary.endswith(".")
