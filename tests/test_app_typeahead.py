"""Keys that arrive in one terminal read land where they were typed (issue: type-ahead).

Each test posts its keys to the app in one batch, without waiting in between, as the terminal
driver does when they come in one read (SSH, a text expander, a busy moment).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from .conftest import make_app, ready, wait_until

CHARS = {"tab": "\t", "enter": "\r", "space": " "}


def burst(app, *keys: str) -> None:
    """Deliver keys as one read from the terminal would: all queued before any is handled."""
    for key in keys:
        char = CHARS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_tab_then_letters_go_to_the_next_field(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await settle(pilot)
        company, role = screen.offer.company, screen.offer.role
        assert screen.focused.id == "f-company"
        burst(app, "tab", "L", "e", "a", "d")
        await settle(pilot)
        assert screen.offer.company == company
        assert screen.offer.role.endswith("Lead")
        assert screen.offer.role.startswith(role)
        assert screen.focused.id == "f-role"


async def test_shift_tab_and_region_keys_then_letters(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3", "tab", "tab")
        await settle(pilot)
        first = screen.focused
        assert isinstance(first, Input)
        before = {f: getattr(screen.offer, f) for f in ("company", "role", "contact_name")}
        burst(app, "shift+tab", "X", "f3", "Y")
        await settle(pilot)
        # X went to the field before, Y to the form's first field; nothing was replaced
        assert screen.offer.role == before["role"] + "X"
        assert screen.offer.company == before["company"] + "Y"
        assert screen.offer.contact_name == before["contact_name"]


async def test_enter_on_offer_list_then_letters_go_to_the_form(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        company = screen.offer.company
        await pilot.press("f2")
        await settle(pilot)
        burst(app, "enter", "Z")
        await settle(pilot)
        assert screen.focused.id == "f-company"
        assert screen.offer.company == company + "Z"


async def test_a_key_that_opens_a_dialog_then_letters_type_in_the_dialog(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await settle(pilot)
        company = screen.offer.company
        burst(app, "ctrl+g", "Q")
        await wait_until(pilot, lambda: app.screen is not screen)
        await settle(pilot)
        assert screen.offer.company == company
        assert isinstance(app.screen.focused, Input)
        assert app.screen.focused.value.endswith("Q")


async def test_ordinary_typing_stays_in_order(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await settle(pilot)
        field = screen.query_one("#f-company", Input)
        field.value = ""
        await settle(pilot)
        text = "Initech Labs, Zürich"
        burst(app, *[("space" if c == " " else c) for c in text])
        await settle(pilot)
        assert screen.offer.company == text


async def test_f6_then_a_scenario_key_reaches_the_scenarios_made_on_first_use(demo_path):
    """F6 makes the scenario helper the first time it is shown (issue 11); "c" typed right
    after it, in the same read, is the helper's "record a counter", even from the editor:
    it must not wait on the old focus and be typed into the draft."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f4", "f9")
        await wait_until(
            pilot, lambda: screen.focused is not None and screen.focused.id == "draft-edit"
        )
        text = screen._view.text
        burst(app, "f6", "c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "FormDialog")
        # Its first field takes the focus once mounted: closing the app before that would
        # tear down Textual's Select mid-mount, which raises.
        await wait_until(pilot, lambda: app.screen.focused is not None)
        assert screen._view.text == text and not screen._view.edited
