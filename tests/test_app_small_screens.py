"""Pilot tests for the small-screen faults: every region, dialog button and line in reach."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Checkbox, Footer

from .conftest import make_app, ready, show_scenarios, wait_until
from .test_hostile import screen_text

SIZES = [(120, 40), (100, 30), (80, 24)]


async def test_checklist_fills_the_height_at_80x24(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        checklist = screen.query_one("#checklist")
        footer = screen.query_one(Footer)
        assert checklist.display
        assert checklist.region.bottom == footer.region.y  # no blank rows above the footer


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["r", "c", "l", "a", "p"])
async def test_dialog_buttons_stay_in_view(demo_path, key, size):
    app = make_app(demo_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: app.screen is not screen)
        await pilot.pause()
        dialog = app.screen
        box = dialog.query_one(".dialog").region
        assert dialog.region.contains_region(box)
        for button in dialog.query(Button):
            assert button.region.height >= 1, f"{key}: {button.label} has no room"
            assert box.contains_region(button.region), f"{key}: {button.label} is cut off"


@pytest.mark.parametrize("opener", ["profile", "template"])
async def test_main_screen_dialogs_keep_their_buttons_at_80x24(demo_path, opener):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        if opener == "profile":
            await pilot.press("ctrl+g")
        else:
            screen.action_edit_template()
        await wait_until(pilot, lambda: app.screen is not screen)
        await pilot.pause()
        box = app.screen.query_one(".dialog").region
        for button in app.screen.query(Button):
            assert box.contains_region(button.region), f"{opener}: {button.label} is cut off"


def _mark(box: Checkbox) -> str:
    """The box's own cells (the label left out), as the terminal shows them."""
    return box.render_line(0).text[:3]


@pytest.mark.parametrize("focused", [False, True])
async def test_ticked_and_unticked_checkboxes_look_different(demo_path, focused):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        box = screen.query_one("#f-future_open", Checkbox)
        if focused:
            box.focus()
        box.value = True
        await pilot.pause()
        ticked = _mark(box)
        box.value = False
        await pilot.pause()
        unticked = _mark(box)
        assert "✓" in ticked and "✓" not in unticked
        assert ticked.strip() != unticked.strip()


@pytest.mark.parametrize("size", SIZES)
async def test_rescind_shows_on_the_several_tab(demo_path, size):
    """Initech is accepted; with Acme (deciding) selected the way back out still shows."""
    app = make_app(demo_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        assert screen.offer.id == "acme"
        await show_scenarios(pilot)  # focuses the scenario tabs: Counter, Recruiter, Several
        await pilot.press("right", "right")
        await pilot.pause()
        text = "\n".join(screen_text(app.export_screenshot()))
        assert "Several" in text
        assert "back out" in text, text
        assert "rescinding note" in text, text
