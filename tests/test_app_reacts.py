"""The screen follows every change from one place (issue 15): what a key or a dialog changes
shows in the list, the form and the draft, and what is being typed is never shown back over."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from .conftest import make_app, ready, wait_until


async def test_a_bad_date_being_typed_stays_with_its_error_when_a_key_changes_the_offer(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        deadline = screen.query_one("#f-deadline", Input)
        deadline.focus()
        await pilot.press("end", *["backspace"] * 12, *"31/31", "f7")  # one batch
        await pilot.pause()
        assert screen.medium == "phone"  # F7 changed the offer: the form was shown again
        assert deadline.value == "31/31" and "deadline" in screen.query_one("#form")._errors
        await pilot.press(*["backspace"] * 5, *"2026-12-24")
        await pilot.pause()
        assert str(screen.offer.deadline) == "2026-12-24"
        assert "deadline" not in screen.query_one("#form")._errors


async def test_another_offer_shown_by_a_key_is_highlighted_and_the_list_follows_a_delete(
    demo_path,
):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offers = screen.query_one("#offers", OptionList)

        def highlighted() -> str | None:
            return offers.get_option_at_index(offers.highlighted).id

        await pilot.press("f2", "down", "d")  # Globex, then its copy
        await wait_until(pilot, lambda: screen.offer_id == "globex-2")
        assert highlighted() == "globex-2"
        assert screen.query_one("#f-company", Input).value == "Globex"
        await pilot.press("f2", "x", "enter")  # delete the copy: the one after it shows
        await wait_until(pilot, lambda: screen.offer_id == "initech")
        assert highlighted() == "initech" and offers.option_count == 3
        assert screen.query_one("#f-company", Input).value == screen.offer.company
        await wait_until(pilot, lambda: not screen.dirty)  # and it is saved


async def test_the_palette_runs_the_helpers_actions_before_the_helper_was_ever_shown(demo_path):
    """The care actions are the scenario helper's (screens/scenarios.py); the palette reaches
    them on a wide terminal where the helper waits, unbuilt, behind the checklist."""
    from decline_tui.ui.screens.dialogs import FormDialog

    from .test_app import palette_offers

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert not screen.scenarios.built
        typed = "care: log an"
        await pilot.press("ctrl+p", *[c if c != " " else "space" for c in typed])
        await wait_until(pilot, lambda: palette_offers(app, typed, "care: log an interaction"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        app.screen.query_one("#ff-note", Input).value = "Coffee: talked about design systems"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.offer.log[-1].note == "Coffee: talked about design systems"
        await wait_until(pilot, lambda: not screen.dirty)
