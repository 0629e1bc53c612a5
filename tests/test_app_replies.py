"""Every scenario reply, from its key in the app to the exported .eml.

The scenario tab's `t` drafts the reply beside the decline (`Offer.reply`); the draft pane
says what it is and to whom, the checklist checks it by its own kind's rules, ctrl+s
addresses the .eml to the kind's recipient, and ctrl+d goes back to the decline.
"""

from __future__ import annotations

import email.policy
from datetime import date
from email.parser import BytesParser

import pytest
from textual.widgets import Input, OptionList

from decline_tui.core.checklist import FAIL, SKIP, SYMBOLS
from decline_tui.core.compose import render_offer
from decline_tui.core.kinds import ALL_RULES, THANKS_ONLY, kind_of
from decline_tui.core.model import Interaction, Offer, Terms
from decline_tui.ui.screens.dialogs import PathDialog
from decline_tui.ui.widgets.draft_view import DraftPane

from .conftest import go_ahead, make_app, ready, show_scenarios, wait_until


def _declined(offer: Offer, follow_ups: int = 0) -> None:
    offer.status = "declined"
    offer.log = [Interaction(date(2026, 11, 20), kind="declined")]
    offer.log += [Interaction(date(2026, 11, 21 + n), kind="follow-up") for n in range(follow_ups)]


def _counter_open(offer: Offer) -> None:
    offer.counter = Terms(salary=160000, remote="remote")  # meets every criterion


def _accepted(offer: Offer) -> None:
    offer.status = "accepted"


def _declined_no_referrer(offer: Offer) -> None:
    """Declined, with no referrer still to tell: the follow-up tab drafts the check-in."""
    _declined(offer)
    offer.referrer = offer.referrer_email = ""


def _referred(offer: Offer) -> None:
    offer.referrer = "Ana Torres"
    offer.referrer_email = "ana@example.org"


# template: (scenario tab, how the demo's Acme offer is set up, (To name, To address))
MARIA = ("María López", "maria@acme.example")
CASES = {
    "counter-decline": ("counter-offer", lambda o: None, MARIA),  # the demo's counter is short
    "counter-open": ("counter-offer", _counter_open, MARIA),
    "recruiter-reply": ("persistent-recruiter", lambda o: _declined(o, 1), MARIA),
    "recruiter-final": ("persistent-recruiter", lambda o: _declined(o, 2), MARIA),
    "rescind": ("multiple-offers", _accepted, MARIA),
    "referrer-note": ("follow-up", _referred, ("Ana Torres", "ana@example.org")),
    "checkin-note": ("follow-up", _declined_no_referrer, MARIA),
}


async def draft_from_tab(pilot, screen, tab: str) -> None:
    """The scenario region, the tab, then its `t` key."""
    await show_scenarios(pilot)
    screen.query_one("#scenario-tabs").active = f"sc-{tab}"
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()


@pytest.mark.parametrize("name", list(CASES))
async def test_each_reply_from_its_key_to_the_eml(demo_path, tmp_path, monkeypatch, name):
    tab, setup, (to_name, to_addr) = CASES[name]
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        assert offer.id == "acme"
        setup(offer)
        screen.refresh_draft()
        await draft_from_tab(pilot, screen, tab)
        # Drafted beside the decline: its template stays a decline.
        assert (offer.reply, offer.template) == (name, "standard")
        view = screen._view
        assert view.reply == name and view.draft.template == name
        reply = render_offer(screen.session.wb, offer, template=name)
        assert view.text == reply.text

        # The pane says what it is and to whom.
        title = screen.query_one(DraftPane).border_title
        if kind_of(name).recipient == "referrer":
            assert title == f"Note to referrer → {to_name}"
        else:
            assert title == f"Reply: {name} → {to_name}"

        # The checklist shown is the kind's: the other rules are skipped, none of them fails.
        kind = kind_of(name)
        shown = screen.query_one("#checks", OptionList)
        for rule in ALL_RULES - kind.rules - THANKS_ONLY:
            assert str(shown.get_option(rule).prompt).startswith(f"{SYMBOLS[SKIP]} ")
        failing = {f.rule for f in view.findings if f.status == FAIL}
        assert failing <= kind.rules
        if name == "checkin-note":
            assert str(shown.get_option("clear-decline").prompt).startswith(f"{SYMBOLS[SKIP]} ")

        # ctrl+s: the .eml goes to the kind's recipient, with the reply as its body.
        await pilot.press("ctrl+s")
        await go_ahead(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, PathDialog))
        target = tmp_path / f"{name}.eml"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists)
        assert not isinstance(app.screen, PathDialog)

        # ctrl+d: back to the decline; the reply stays out of the offer's template.
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert offer.reply == "" and screen._view.reply == ""
        assert screen.query_one(DraftPane).border_title.startswith("Decline → María López")
        await wait_until(pilot, lambda: not screen.dirty)
    msg = BytesParser(policy=email.policy.default).parsebytes(target.read_bytes())
    [address] = msg["To"].addresses
    assert (address.display_name, address.addr_spec) == (to_name, to_addr)
    assert msg["Subject"] == reply.subject
    assert msg.get_content().replace("\r\n", "\n") == reply.body + "\n"
    saved = demo_path.read_text(encoding="utf-8")
    assert "reply =" not in saved and f'template = "{name}"' not in saved


async def test_recruiter_tab_before_a_decision_says_there_is_no_decline_yet(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        assert offer.status == "deciding"
        await show_scenarios(pilot)
        tab_text = str(screen.query_one("#sc-text-persistent-recruiter").render())
        assert "there is no decline to stand by" in tab_text
        assert "t: draft the reply" not in tab_text
        await draft_from_tab(pilot, screen, "persistent-recruiter")
        assert offer.reply == "" and offer.template == "standard"
        assert screen._view.reply == ""
        shown = [str(n.message) for n in app._notifications]
        assert any("there is no decline to stand by" in m for m in shown)


async def test_reply_edits_are_kept_and_the_key_only_shows_with_a_reply(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer

        def footer_keys() -> set[str]:  # a disabled binding would show, dimmed
            return {b.key for _, b, _, _ in screen.active_bindings.values()}

        assert "ctrl+d" not in footer_keys()
        assert screen.check_action("back_to_decline", ()) is False  # hidden, key passed on
        await draft_from_tab(pilot, screen, "counter-offer")
        assert offer.reply == "counter-decline"
        assert "ctrl+d" in footer_keys()
        assert "ctrl+d: back to the decline" in str(
            screen.query_one("#sc-text-counter-offer").render()
        )
        await pilot.press("f9")  # edit the reply
        await pilot.pause()
        await pilot.press("end", "!")
        await pilot.pause()
        mine = offer.drafts.get("counter-decline", "")
        assert "!" in mine  # kept under the reply's name, not the medium's
        assert "email" not in offer.drafts
        await pilot.press("ctrl+d")  # in the editor ctrl+d deletes forward, as everywhere
        await pilot.pause()
        assert offer.reply == "counter-decline"
        mine = offer.drafts["counter-decline"]
        await pilot.press("f9")  # out of the editor: now it leaves the reply, keeping its words
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert offer.reply == "" and not screen.query_one(DraftPane).editing
        assert "!" not in screen._view.text and not screen._view.edited
        assert offer.drafts["counter-decline"] == mine
        await draft_from_tab(pilot, screen, "counter-offer")
        assert screen._view.edited and screen._view.text == mine
        await wait_until(pilot, lambda: not screen.dirty)
    saved = demo_path.read_text(encoding="utf-8")
    assert 'reply = "counter-decline"' in saved and 'template = "standard"' in saved


async def test_marking_a_reply_sent_logs_the_reply_not_a_decline(demo_path):
    """ctrl+l logs the draft on screen: a recruiter reply is not a second decline."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        _declined(offer, 1)
        screen.refresh_draft()
        await draft_from_tab(pilot, screen, "persistent-recruiter")
        assert offer.reply == "recruiter-reply"
        await pilot.press("ctrl+l")
        await go_ahead(pilot)
        await wait_until(pilot, lambda: len(offer.log) == 3)
        kinds = [e.kind for e in offer.log]
        assert kinds.count("declined") == 1 and kinds[-1] != "declined"
        assert offer.status == "declined" and offer.template == "standard"


async def test_without_a_reply_ctrl_d_is_left_to_the_form(demo_path):
    """ctrl+d deletes forward in a field as usual; it goes back only while a reply shows."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        company = screen.query_one("#f-company", Input)
        company.focus()
        await pilot.pause()
        company.cursor_position = 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert company.value == "cme Robotics"
        assert screen.offer.company == "cme Robotics"
