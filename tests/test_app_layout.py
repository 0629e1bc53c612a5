"""Pilot tests for the main screen's layout by terminal width, on the demo workbook.

From 100 columns: offers over details | draft | checklist or scenarios. From 80: the draft
and one other region. Narrower (or under 24 rows): the too-small message. The region bar
takes clicks; the scenario helper is built the first time it shows; the Details form shows
a long value whole under its field and its Choice fields step through their values.
"""

from __future__ import annotations

import re

from textual.widgets import Input, Static

from decline_tui.ui.widgets.choice import Choice
from decline_tui.ui.widgets.scenario_panel import ScenarioPanel

from .conftest import make_app, ready, wait_until

REGION_IDS = ("offers", "form", "draft", "checklist", "scenarios")
WIDE_REGIONS = {"offers", "form", "draft", "checklist"}
COUNTS = re.compile(r"^\d+ fail · \d+ warn · \d+ pass \(F5\) · ")  # the checklist, off screen
REASON = "I have accepted a role that lets me stay close to my family"  # the demo's first offer


def on_screen(screen) -> set[str]:
    """The regions the person can see: displayed, in a displayed column, given some room."""
    shown = set()
    for name in REGION_IDS:
        widget = screen.query_one(f"#{name}")
        if widget.display and widget.parent.display and widget.region.area > 0:
            shown.add(name)
    return shown


def plain(widget: Static) -> str:
    return str(widget.render())


def inside(widget, ancestor_id: str) -> bool:
    return widget is not None and any(n.id == ancestor_id for n in widget.ancestors_with_self)


# --------------------------------------------------------------------------- wide


async def test_wide_120x40_shows_four_regions_and_the_whole_draft(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-wide")
        assert screen.shown_regions(120) == WIDE_REGIONS
        assert on_screen(screen) == WIDE_REGIONS
        assert screen.checklist_shown
        assert not screen.query_one("#scenarios").display
        assert screen.query_one("#draft").region.width >= 60
        read = screen.query_one("#draft-read")
        assert read.region.height > 0
        assert read.max_scroll_y == 0, "the demo draft should fit without scrolling"
        assert "(F5)" not in plain(screen.query_one("#draft-meta", Static))
        offers, form = screen.query_one("#offers"), screen.query_one("#form")
        column = screen.query_one("#col-left")
        assert offers.region.height <= column.region.height // 3 + 1  # at most a third
        assert form.region.y >= offers.region.bottom
        assert offers.region.x == form.region.x < screen.query_one("#draft").region.x
        checklist = screen.query_one("#checklist")
        footer_y = screen.query_one("KeyFooter").region.y
        assert checklist.region.bottom == footer_y  # the row just above the footer


async def test_wide_scenarios_not_built_before_f6(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert screen.query_one(ScenarioPanel).built is False


async def test_wide_f6_swaps_in_scenarios_and_f5_brings_the_checklist_back(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one(ScenarioPanel)
        await pilot.press("f6")
        await wait_until(pilot, lambda: panel.built and inside(app.focused, "scenarios"))
        checklist = screen.query_one("#checklist")
        assert not checklist.display
        assert screen.query_one("#scenarios").display
        assert not screen.checklist_shown
        assert on_screen(screen) == {"offers", "form", "draft", "scenarios"}
        await pilot.press("f5")
        await wait_until(pilot, lambda: checklist.display)
        assert not screen.query_one("#scenarios").display
        assert screen.checklist_shown
        assert on_screen(screen) == WIDE_REGIONS
        assert inside(app.focused, "checklist")


async def test_wide_100x30_shows_four_regions(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-wide")
        assert on_screen(screen) == WIDE_REGIONS
        assert screen.query_one("#draft").region.width >= 40


# --------------------------------------------------------------------------- two regions


async def test_two_80x24_opens_on_details_beside_the_draft(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-two")
        assert on_screen(screen) == {"form", "draft"}
        assert screen.slot == "form"
        assert app.focused is screen.query_one("#draft-read")
        meta = plain(screen.query_one("#draft-meta", Static))
        assert "fail" in meta and "(F5)" in meta
        assert COUNTS.match(meta), meta

        await pilot.press("f5")
        await pilot.pause()
        assert on_screen(screen) == {"checklist", "draft"}
        assert not screen.query_one("#form").display
        assert screen.checklist_shown
        assert inside(app.focused, "checklist")
        assert "(F5)" not in plain(screen.query_one("#draft-meta", Static))

        await pilot.press("f4")  # the draft keeps the region beside it
        await pilot.pause()
        assert on_screen(screen) == {"checklist", "draft"}
        assert app.focused is screen.query_one("#draft-read")

        await pilot.press("f2")
        await pilot.pause()
        assert on_screen(screen) == {"offers", "draft"}
        assert inside(app.focused, "offers")
        assert COUNTS.match(plain(screen.query_one("#draft-meta", Static)))

        await pilot.press("f6")
        await wait_until(pilot, lambda: inside(app.focused, "scenarios"))
        assert screen.query_one(ScenarioPanel).built
        assert on_screen(screen) == {"scenarios", "draft"}

        await pilot.press("f3")
        await pilot.pause()
        assert on_screen(screen) == {"form", "draft"}
        assert inside(app.focused, "form")


async def test_under_80x24_the_layout_is_covered_by_the_too_small_message(demo_path):
    """There is no one-region layout any more: under 80 columns (or 24 rows) a message says
    the terminal is too small (test_too_small), and the two-region layout waits under it."""
    from decline_tui.ui.screens.too_small import TooSmallScreen

    app = make_app(demo_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        screen = app.screen_stack[-2]
        assert screen.has_class("-two") and screen.shown_regions(60) == {"draft", "form"}


async def test_resize_wide_to_two_and_back(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert on_screen(screen) == WIDE_REGIONS
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-two") and not screen.has_class("-wide")
        shown = on_screen(screen)
        assert len(shown) == 2 and "draft" in shown
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen.has_class("-wide") and not screen.has_class("-two")
        assert on_screen(screen) == WIDE_REGIONS
        assert screen.query_one("#draft").region.width >= 60
        assert "(F5)" not in plain(screen.query_one("#draft-meta", Static))


# --------------------------------------------------------------------------- region bar


async def test_clicking_checklist_in_the_region_bar_at_80x24(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        bar = screen.query_one("#regionbar", Static)
        x = plain(bar).index("Checklist") + 2
        assert not screen.query_one("#checklist").display
        assert await pilot.click("#regionbar", offset=(x, 0))
        await pilot.pause()
        assert on_screen(screen) == {"checklist", "draft"}
        assert inside(app.focused, "checklist")


# --------------------------------------------------------------------------- the form


async def test_long_reason_shows_whole_under_the_field(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        reason = screen.query_one("#f-reason", Input)
        whole = screen.query_one("#f-whole", Static)
        assert reason.value == REASON
        assert len(REASON) > reason.content_region.width  # too long for the field here
        reason.focus()
        await wait_until(pilot, lambda: whole.display and whole.region.height > 0)  # laid out
        assert plain(whole).replace("\n", " ").split() == REASON.split()
        assert whole.region.height > 0

        await pilot.press("end", *" and friends")
        await wait_until(pilot, lambda: plain(whole).replace("\n", " ").endswith("and friends"))
        assert reason.value == REASON + " and friends"

        screen.query_one("#f-received", Input).focus()
        await wait_until(pilot, lambda: not whole.display)


async def test_medium_choice_steps_with_right_and_left(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        medium = screen.query_one("#f-medium", Choice)
        assert screen.medium == "email" and medium.value == "email"
        medium.focus()
        await pilot.pause()
        await pilot.press("right")
        await wait_until(pilot, lambda: screen.session.medium_of(offer) == "phone")
        assert medium.value == "phone"
        assert offer.template == "phone"
        assert screen.query_one("#f-template", Choice).value == "phone"
        assert "Phone script" in plain(screen.query_one("#draft-meta", Static))
        await pilot.press("left")
        await wait_until(pilot, lambda: screen.session.medium_of(offer) == "email")
        assert medium.value == "email"
        assert "Email" in plain(screen.query_one("#draft-meta", Static))


async def test_medium_choice_steps_on_a_click(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        assert await pilot.click("#f-medium")
        await wait_until(pilot, lambda: screen.session.medium_of(offer) == "phone")
        assert app.focused is screen.query_one("#f-medium", Choice)


async def test_an_edit_while_the_scenario_tabs_are_being_made_waits_for_them(demo_path):
    """F6 asks for the tabs; an edit that comes before they are mounted must not look for
    them (it raised NoMatches), and the tabs show the latest state once they are there."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one(ScenarioPanel)
        await pilot.press("f6")
        screen.offer.interviews = 4
        screen.refresh_draft()  # as a keystroke in a field would, before the tabs exist
        await wait_until(pilot, lambda: panel.built)
        await wait_until(pilot, lambda: inside(app.focused, "scenarios"))
        follow = plain(screen.query_one("#sc-text-follow-up", Static))
        assert "4 rounds" in follow
