"""The Details form shows each prose field in its sentence, updated as the person types."""

from __future__ import annotations

from textual.widgets import Input, Static

from .conftest import make_app, ready


def preview(screen, field: str) -> str:
    return str(screen.query_one(f"#preview-{field}", Static).render())


def shown(screen, field: str) -> bool:
    return screen.query_one(f"#preview-{field}", Static).has_class("-shown")


async def test_typing_in_admired_updates_its_sentence(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert preview(screen, "admired").startswith(
            "→ “I was impressed by the care your team puts into accessibility"
        )
        field = screen.query_one("#f-admired", Input)
        field.focus()
        field.value = ""
        await pilot.pause()
        for ch in "commitment to design":
            await pilot.press(ch if ch != " " else "space")
        # the sentence follows each key, with "your" set before the bare noun phrase
        assert preview(screen, "admired").startswith(
            "→ “I was impressed by your commitment to design, and I"
        )
        assert screen.offer.admired == "commitment to design"
        assert "I was impressed by your commitment to design," in screen._view.text


async def test_a_fragment_reason_is_shown_as_the_sentence_it_becomes(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        field = screen.query_one("#f-reason", Input)
        field.focus()
        field.value = ""
        await pilot.pause()
        for ch in "closer to family":
            await pilot.press(ch if ch != " " else "space")
        await pilot.pause()
        # the form's column is narrow here: the line is cut, its start is the sentence's
        assert preview(screen, "reason").startswith("→ “I have chosen a role")
        assert "I have chosen a role that is closer to family." in screen._view.text


async def test_previews_follow_the_template(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert all(shown(screen, f) for f in ("reason", "admired", "project"))
        await pilot.press("f8")  # standard -> brief, which does not use admired
        await pilot.pause()
        assert screen.offer.template == "brief"
        assert not shown(screen, "admired")
        assert preview(screen, "project").startswith(
            "→ “I enjoyed learning about the warehouse dashboard redesign."
        )
        await pilot.press("f7", "f7")  # email -> phone -> LinkedIn: one personal detail only
        await pilot.pause()
        assert not any(shown(screen, f) for f in ("reason", "admired"))
        assert "I really enjoyed hearing about the warehouse dashboard redesign." in preview(
            screen, "project"
        )


async def test_the_form_still_fits_at_80_by_24(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        line = screen.query_one("#preview-admired", Static)
        assert line.size.height == 1
        assert line.region.right <= 80
        field = screen.query_one("#f-admired", Input)
        field.focus()
        await pilot.pause()
        form = screen.query_one("#form")
        assert form.region.contains_region(field.region)  # scrolled into view
