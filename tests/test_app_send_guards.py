"""Nothing leaves by mistake: the guards before copy, save and mark as sent, by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, OptionList

from decline_tui.core import export
from decline_tui.core.model import Interaction
from decline_tui.ui.actions import PALETTE
from decline_tui.ui.screens.dialogs import ChoiceDialog, PathDialog
from decline_tui.ui.screens.main import MainScreen

from .conftest import NOW, choose, make_app, ready, show_scenarios, wait_until


@pytest.fixture(autouse=True)
def _no_real_clipboard(monkeypatch):
    """The app's own clipboard only: no native tool is ever run."""
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: None)


async def settle(pilot) -> None:
    """The question (if one was open) closed, its answer run, and the copy's worker done."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: not isinstance(app.screen, ChoiceDialog),
        message=f"the question is still open: {app.screen!r}",
    )
    await pilot.pause()  # the answer's callback, which starts the copy's worker
    await app.workers.wait_for_complete()
    await pilot.pause()


def focused_button(app) -> str:
    assert isinstance(app.screen, ChoiceDialog)
    assert isinstance(app.focused, Button)
    return str(app.focused.id)


def highlighted_rule(screen) -> str | None:
    checks = screen.query_one("#checks", OptionList)
    if checks.highlighted is None:
        return None
    return checks.get_option_at_index(checks.highlighted).id


async def test_enter_on_the_other_company_warning_cancels(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.session.set_field(screen.offer, "reason", "I am joining Initech", NOW.date())
        screen.refresh_draft()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert focused_button(app) == "choice-no"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.clipboard == ""
        assert highlighted_rule(screen) == "no-other-company"  # "fix it" shows the rule
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert focused_button(app) == "choice-no"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert screen.offer.log == [] and screen.offer.status == "deciding"


async def test_mark_sent_asks_and_logs_once_unless_confirmed_again(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert focused_button(app) == "choice-no"
        assert app.screen.message.startswith(
            "Log the decline to María López (Acme Robotics) as sent today (2026-11-25)?"
        )
        assert "check-ins scheduled for 2027-02-25" in app.screen.message
        await pilot.press("enter")  # Cancel
        await pilot.pause()
        assert offer.log == [] and offer.status == "deciding"
        await pilot.press("ctrl+l")
        await choose(pilot, "yes")
        assert [i.kind for i in offer.log] == ["declined"] and offer.status == "declined"
        # A second press says it is logged already; enter keeps it at one.
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen.message.startswith("Already logged as sent on 2026-11-25.")
        assert focused_button(app) == "choice-no"
        await pilot.press("enter")
        await pilot.pause()
        assert [i.kind for i in offer.log] == ["declined"]
        await pilot.press("ctrl+l")
        await choose(pilot, "yes")
        assert [i.kind for i in offer.log] == ["declined", "declined"]


async def test_a_recruiter_reply_logs_as_a_reply_and_leaves_the_status(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        offer.status = "declined"
        offer.log += [
            Interaction(date(2026, 11, 20), "declined", "email", "Sent the decline by email"),
            Interaction(date(2026, 11, 23), "follow-up", "email", "Asked again"),
        ]
        screen.refresh_draft()
        await show_scenarios(pilot)
        screen.query_one("#scenario-tabs").active = "sc-persistent-recruiter"
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert screen._view.draft.template == "recruiter-reply"
        await pilot.press("ctrl+l")
        await pilot.pause()
        message = app.screen.message
        assert "as “reply”" in message and "stays “declined”" in message, message
        assert "Already" not in message  # a reply is not a second decline
        await choose(pilot, "yes")
        assert [i.kind for i in offer.log] == ["declined", "follow-up", "reply"]
        assert offer.status == "declined" and offer.declined_on in (None, date(2026, 11, 20))


async def test_a_placeholder_warns_before_copy_and_enter_goes_to_fix_it(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.select_offer("initech")  # its "brief" draft has "[specific project …]" left
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert focused_button(app) == "choice-fix"
        message = app.screen.message
        assert "• No placeholders left: “[specific project or part of the role]”" in message
        assert "Timely" not in message  # a warning, and about the moment: never in the way
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.clipboard == ""
        assert app.focused is screen.query_one("#checks")
        assert highlighted_rule(screen) == "placeholders"
        # "Copy anyway" copies; saving asks the same.
        await pilot.press("ctrl+t")
        await choose(pilot, "yes")
        await settle(pilot)
        assert "[specific project or part of the role]" in app.clipboard
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Save anyway" in str(app.screen.query_one("#choice-yes", Button).label)
        await choose(pilot, "yes")
        assert isinstance(app.screen, PathDialog)


async def test_copy_puts_the_body_on_the_clipboard_and_a_key_copies_the_subject(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.clipboard.startswith("Dear María López,")
        assert "Subject" not in app.clipboard
        subject = screen._view.draft.subject
        messages = [n.message for n in app._notifications]
        assert any(f"the subject “{subject}” (ctrl+f copies that)" in m for m in messages)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert app.clipboard == subject
        # Their own edit: its own Subject line stays out of the body too.
        body = screen._view.draft.body
        screen.session.take_over(screen.offer, f"Subject: Mine\n\n{body}", "email")
        screen.refresh_draft()
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.clipboard == body.rstrip("\n") + "\n"
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert app.clipboard == "Mine"


async def test_a_linkedin_note_has_no_subject_and_is_copied_as_it_is(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.action_set_medium("linkedin")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.clipboard.rstrip("\n") == screen._view.text.rstrip("\n")
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert any("no subject line" in n.message for n in app._notifications)


def test_the_subject_key_is_in_help_and_the_palette():
    keys = {b.action: b.key for b in MainScreen.BINDINGS}
    assert keys["copy_subject"] == "ctrl+f"
    assert any(action == "copy_subject" for _title, _help, action in PALETTE)
