"""Every documented key in every mode does what the help says, or nothing and says why.

Modes: the offer list, a Details field, the draft viewed, the draft edited (F9), and a dialog
open. One app per mode; keys go in one batch, as a person types them. The draft editor once
took F6 and F7 for itself (select the line, select everything), so the next letter replaced
the whole draft and the autosave kept that.
"""

from __future__ import annotations

import pytest

from .conftest import make_app, ready, wait_until

REGION_KEYS = {"f2": "offers", "f3": "form", "f4": "draft", "f5": "checklist", "f6": "scenarios"}
# Keys whose action is off in this demo's state: they must change nothing and say why.
EXPLAINED = {
    "ctrl+r": "template's draft",  # the draft is the template's
    "ctrl+d": "decline draft already",  # no scenario reply is drafted
    "ctrl+y": "saves fine",  # nothing to fix
}
DIALOG_KEYS = {"ctrl+s", "ctrl+g", "ctrl+l", "f12", "f10"}  # each opens a screen of its own


def region_of(app) -> str | None:
    focused = app.focused
    if focused is None:
        return None
    for node in focused.ancestors_with_self:
        if node.id in REGION_KEYS.values():
            return node.id
    return None


def record_messages(app) -> list[str]:
    """Every message shown, kept (notifications time out)."""
    said: list[str] = []
    notify = app.notify

    def spy(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = spy
    return said


async def back_to_main(pilot, screen) -> None:
    while pilot.app.screen is not screen:
        await pilot.press("escape")
        await pilot.pause()


def in_mode(app, screen, mode: str) -> bool:
    editing = screen.query_one("DraftPane").editing
    region = {"list": "offers", "form": "form", "view": "draft", "edit": "draft"}[mode]
    return (
        app.screen is screen
        and region_of(app) == region
        and (mode not in ("view", "edit") or editing == (mode == "edit"))
        and (mode != "edit" or app.focused.id == "draft-edit")
    )


async def enter(pilot, screen, mode: str) -> None:
    """Put the app in `mode`, starting from the main screen (no keys when it is there)."""
    if in_mode(pilot.app, screen, mode):
        return
    await back_to_main(pilot, screen)
    if mode == "list":
        await pilot.press("f2")
    elif mode == "form":
        await pilot.press("f3")
    elif mode == "view":
        if screen.query_one("DraftPane").editing:
            await pilot.press("f9")
        await pilot.press("f4")
    elif mode == "edit":
        await pilot.press("f4")
        if not screen.query_one("DraftPane").editing:
            await pilot.press("f9")
    await wait_until(pilot, lambda: in_mode(pilot.app, screen, mode))


def state(app, screen) -> tuple:
    offer = screen.offer
    return (offer.id, screen.medium, offer.template, screen.query_one("DraftPane").editing)


@pytest.mark.parametrize("mode", ["list", "form", "view", "edit"])
async def test_every_key_in_every_main_mode(demo_path, monkeypatch, mode):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        said = record_messages(app)

        # F1: help, which F1 closes again.
        await enter(pilot, screen, mode)
        await pilot.press("f1")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("f1")
        await wait_until(pilot, lambda: app.screen is screen)

        # ctrl+t copies (the demo's first draft passes the checklist); ctrl+f its subject.
        await enter(pilot, screen, mode)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "Dear" in app.clipboard)
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: app.clipboard.startswith("Job offer"))

        # F2–F6: to the region, whatever had focus (F6 in the editor selected a line).
        for key, region in REGION_KEYS.items():
            await enter(pilot, screen, mode)
            await pilot.press(key)
            await wait_until(pilot, lambda region=region: region_of(app) == region)

        # F7: next medium, and any editing of the last medium's draft closes.
        await enter(pilot, screen, mode)
        before = screen.medium
        await pilot.press("f7")
        await wait_until(pilot, lambda: screen.medium != before)
        assert not screen.query_one("DraftPane").editing
        await pilot.press("f7", "f7")  # round to email again
        await wait_until(pilot, lambda: screen.medium == before)

        # F8: next template (the draft is the template's here).
        await enter(pilot, screen, mode)
        before = screen.offer.template
        await pilot.press("f8")
        await wait_until(pilot, lambda: screen.offer.template != before)

        # F9: in and out of free-text editing.
        await enter(pilot, screen, mode)
        editing = screen.query_one("DraftPane").editing
        await pilot.press("f9")
        await wait_until(pilot, lambda: screen.query_one("DraftPane").editing != editing)

        # Keys whose action cannot run now: nothing changes, and a message says why. In a
        # field and in the editor ctrl+d deletes forward and ctrl+y redoes, as documented.
        for key, why in EXPLAINED.items():
            if mode in ("form", "edit") and key == "ctrl+d":
                continue
            if mode == "edit" and key == "ctrl+y":
                continue
            await enter(pilot, screen, mode)
            text = screen._view.text
            before = state(app, screen)
            del said[:]
            await pilot.press(key)
            await wait_until(pilot, lambda why=why: any(why in m for m in said))
            assert state(app, screen) == before and screen._view.text == text

        # ctrl+o without an editor set: says how to set one.
        await enter(pilot, screen, mode)
        del said[:]
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("EDITOR" in m for m in said))

        # Keys that open a dialog or screen of their own.
        for key in sorted(DIALOG_KEYS):
            await enter(pilot, screen, mode)
            await pilot.press(key)
            await wait_until(pilot, lambda: app.screen is not screen)
        await back_to_main(pilot, screen)

        # ctrl+n: a new offer, its details to fill in.
        await enter(pilot, screen, mode)
        count = len(screen.session.wb.offers)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: len(screen.session.wb.offers) == count + 1)
        assert region_of(app) == "form"


async def test_editor_keys_never_replace_the_draft(demo_path):
    """F6 then "c" (Scenarios, then record a counter) and F7 then "x", typed in the editor."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await enter(pilot, screen, "edit")
        text = screen._view.text
        await pilot.press("f6", "c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "FormDialog")
        await back_to_main(pilot, screen)
        assert screen._view.text == text and not screen._view.edited

        await enter(pilot, screen, "edit")
        medium = screen.medium
        await pilot.press("f7", "x")
        await wait_until(pilot, lambda: screen.medium != medium)
        await pilot.pause()
        assert app.screen is screen  # "x" did not reach the list (delete) either
        assert not screen._view.edited
        assert screen.session.wb.offer(screen.offer_id).drafts == {}


async def test_f8_on_your_own_text_says_why(demo_path):
    """The person's text stays whatever the template: F8 says so instead of seeming dead."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        said = record_messages(app)
        await enter(pilot, screen, "edit")
        await pilot.press("end", "!")
        await wait_until(pilot, lambda: screen._view.edited)
        template, text = screen.offer.template, screen._view.text
        await pilot.press("f8")
        await wait_until(pilot, lambda: any("ctrl+r goes back" in m for m in said))
        assert screen.offer.template == template and screen._view.text == text
        assert screen.query_one("DraftPane").editing


async def test_keys_with_a_dialog_open(demo_path):
    """A dialog keeps its keys; the main screen's say to close it first (F1 still helps)."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        said = record_messages(app)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ProfileDialog")
        dialog = app.screen
        before = state(app, screen)
        keys = ["f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f12"]
        keys += ["ctrl+r", "ctrl+o", "ctrl+t", "ctrl+f", "ctrl+s", "ctrl+l", "ctrl+b", "ctrl+n"]
        for key in keys:
            del said[:]
            await pilot.press(key)
            await wait_until(pilot, lambda: any("close this first" in m for m in said))
            assert app.screen is dialog
        assert state(app, screen) == before
        await pilot.press("f1")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is dialog)


async def test_footer_shows_whole_entries_at_every_size(demo_path):
    """Textual's footer cut entries at the edge ("f8 Tem") and drew ctrl+p over the last one."""
    from textual.widgets._footer import FooterKey

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for width, height in [(120, 40), (80, 24), (100, 30)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            keys = list(screen.query(FooterKey))
            assert keys and keys[0].key == "f1"  # help, where every other key is listed
            assert all(k.key != "ctrl+p" for k in keys)
            assert max(k.region.right for k in keys) <= width
            assert all(k.region.width == len(k.key_display) + len(k.description) + 3 for k in keys)
