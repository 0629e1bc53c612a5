"""A new offer's id comes from its company once typed (the README's promise), in the app."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from decline_tui.core.model import slugify
from decline_tui.core.store import Store

from .conftest import make_app, ready, wait_until


async def test_a_new_offer_is_named_after_its_company_and_stays_selected(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f2", "n")  # Offers, then a new offer: the form's company has focus
        await pilot.pause()
        assert screen.offer_id == "new-offer"
        assert screen.query_one("#f-company", Input).has_focus
        company = "Umbrella Works"
        for ch in company:
            await pilot.press(ch if ch != " " else "space")
        await pilot.pause()
        assert screen.offer_id == slugify(company) == "umbrella-works"

        def on_disk() -> list[str]:
            return [o.id for o in Store(demo_path).load().offers]

        await wait_until(pilot, lambda: not screen.dirty)  # the autosave
        assert on_disk() == ["acme", "globex", "initech", "umbrella-works"]
        assert screen.offer.company == company
        offers = screen.query_one("#offers", OptionList)
        assert offers.get_option_at_index(offers.highlighted).id == "umbrella-works"
        # Named: editing another field, then the company again, keeps the id.
        await pilot.press("tab")
        for ch in "Ops":
            await pilot.press(ch)
        screen.query_one("#f-company", Input).focus()
        await pilot.press("end", "space", "L", "t", "d")
        await pilot.pause()
        assert screen.offer.company == "Umbrella Works Ltd" and screen.offer_id == "umbrella-works"
