"""Below 80×24 the app says the terminal is too small and what size it needs (issue 14).

Below 80 columns or 24 rows a full-screen message replaces the workbook, which could not
be drawn whole; the workbook comes back as it was (typed text, focus) once the terminal is
large enough, and ctrl+q still saves and quits.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from decline_tui.core.store import Store
from decline_tui.ui.screens.main import MainScreen
from decline_tui.ui.screens.too_small import TooSmallScreen

from .conftest import make_app, wait_until
from .test_hostile import screen_text


def _message(app) -> str:
    """The message on screen; "" while the screen is still being made."""
    return "".join(str(w.render()) for w in app.screen.query("#too-small").results(Static))


@pytest.mark.parametrize(("width", "height"), [(79, 24), (80, 23), (70, 20)])
async def test_below_80x24_says_what_size_it_needs(demo_path, width, height):
    app = make_app(demo_path)
    async with app.run_test(size=(width, height)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await wait_until(pilot, lambda: bool(_message(app)))
        expected = (
            f"The terminal is {width}×{height}; decline-tui needs at least 80×24. Make the "
            "window larger, or press ctrl+q to quit."
        )
        assert " ".join(_message(app).split()) == expected
        shown = " ".join(" ".join(screen_text(app.export_screenshot())).split())
        assert expected in shown  # all of it on screen, nothing of the workbook
        assert "Checklist" not in shown and "Dear" not in shown


async def test_80x24_shows_the_workbook(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_resizing_back_and_forth_keeps_typed_text_and_focus(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        field = screen.query_one("#f-notes", Input)
        field.focus()
        await pilot.press("end", *" and more")
        await wait_until(pilot, lambda: screen.offer.notes.endswith(" and more"))
        typed = field.value
        for size in [(79, 24), (100, 30), (80, 23), (80, 24), (60, 15), (120, 40)]:
            await pilot.resize_terminal(*size)
            small = size[0] < 80 or size[1] < 24
            await wait_until(
                pilot, lambda small=small: isinstance(app.screen, TooSmallScreen) == small
            )
            if small:
                await wait_until(pilot, lambda size=size: f"{size[0]}×{size[1]}" in _message(app))
                await pilot.press("x")  # keys do nothing unseen while the message shows
                await pilot.pause()
            else:
                assert app.screen is screen and app.focused is field, size
                assert field.value == typed == screen.offer.notes
        assert [s for s in app.screen_stack if isinstance(s, TooSmallScreen)] == []
        await pilot.press("!")
        await wait_until(pilot, lambda: screen.offer.notes.endswith(" and more!"))


async def test_a_dialog_open_when_it_shrinks_is_still_there_after(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+g")  # your name and email
        await wait_until(pilot, lambda: app.screen is not screen)
        dialog = app.screen
        await pilot.resize_terminal(70, 20)
        await wait_until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: app.screen is dialog)
        assert app.screen_stack.count(dialog) == 1
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_ctrl_q_saves_and_quits_while_too_small(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#f-notes", Input).focus()
        await pilot.press(*"typed")
        await wait_until(pilot, lambda: screen.offer.notes == "typed")
        await pilot.resize_terminal(70, 20)
        await wait_until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert Store(demo_path).load().offer("acme").notes == "typed"
