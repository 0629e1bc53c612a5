"""Pilot tests for the scenario helper and relationship care, by keyboard."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Select

from decline_tui.core import care
from decline_tui.ui.screens.dialogs import ChoiceDialog, FormDialog
from decline_tui.ui.screens.people import DueScreen

from .conftest import NOW, choose, make_app, ready, show_scenarios, wait_until


async def fill(pilot, values: dict[str, str]) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    for key, value in values.items():
        widget = dialog.query_one(f"#ff-{key}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def mark_sent(pilot) -> None:
    """ctrl+l, and "yes" when it asks first."""
    await pilot.press("ctrl+l")
    await pilot.pause()
    if isinstance(pilot.app.screen, ChoiceDialog):
        await choose(pilot, "yes")


async def test_mark_sent_logs_the_decline_and_plans_check_ins(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await mark_sent(pilot)
        offer = screen.offer
        assert offer.status == "declined"
        assert [(i.kind, i.date) for i in offer.log] == [("declined", NOW.date())]
        due = [r.months for r in care.upcoming(screen.session.wb, NOW.date())]
        assert due == [3, 6, 12]
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, DueScreen)
        await pilot.press("enter")
        await pilot.pause()
        # The check-in note is a reply, drafted beside the decline: its template stays.
        assert offer.reply == "checkin-note" and offer.template == "standard"
        assert "No need to reply" in screen._view.text
        await wait_until(pilot, lambda: not screen.dirty)
    text = demo_path.read_text(encoding="utf-8")
    assert "[[offers.log]]" in text and 'kind = "declined"' in text


async def test_mark_sent_warns_when_the_draft_names_another_company(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.session.set_field(screen.offer, "reason", "I am joining Initech", NOW.date())
        screen.refresh_draft()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await choose(pilot, "no")
        await pilot.pause()
        assert screen.offer.status == "deciding" and screen.offer.log == []
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # copying warns too
        await pilot.press("escape")


async def test_counter_offer_flow(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)
        await pilot.press("r")
        await pilot.pause()
        await fill(pilot, {"salary": "150k", "remote": "remote"})
        offer = screen.offer
        assert offer.reconsider.salary == 150000 and offer.reconsider.remote == "remote"
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, {"salary": "bogus"})
        assert isinstance(app.screen, FormDialog)  # the error keeps the form open
        await fill(pilot, {"salary": "140000", "remote": "hybrid"})
        assert offer.counter.salary == 140000
        summary = str(screen.query_one("#sc-text-counter-offer").render())
        assert "does not meet" in summary.lower() or "short" in summary.lower()
        await pilot.press("t")
        await pilot.pause()
        assert offer.reply == "counter-decline" and offer.template == "standard"
        findings = {f.rule: f.status for f in screen._view.findings}
        assert findings["no-bargaining"] != "fail"
        assert findings["clear-decline"] == "pass"


async def test_recruiter_follow_ups(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        plan = care.plan_sent(screen.session.wb, offer, "standard", "email", date(2026, 11, 20))
        screen.session.log_sent(offer, plan)
        await show_scenarios(pilot)
        for _ in range(2):
            await pilot.press("l")
            await pilot.pause()
            await fill(pilot, {"kind": "follow-up", "note": "Asked again"})
        assert [i.kind for i in offer.log] == ["declined", "follow-up", "follow-up"]
        screen.query_one("#scenario-tabs").active = "sc-persistent-recruiter"
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert offer.reply == "recruiter-final" and offer.template == "standard"
        assert "final" in screen._view.text


async def test_next_to_decline_and_send_later(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.offer.id == "acme"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.offer.id == "globex"  # overdue, so first to decline
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.offer.id == "acme"
        await show_scenarios(pilot)
        await pilot.press("p")
        await pilot.pause()
        await fill(pilot, {"send_at": "2026-11-30 09:00"})
        assert screen.offer.send_at is not None
        prompt = str(screen.query_one("#offers").get_option("acme").prompt)
        assert "send Monday 30 November at 09:00" in prompt


async def test_add_contact(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await show_scenarios(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, {"name": "", "email": "x"})
        errors = [str(w.render()) for w in app.screen.query(".field-error.-shown")]
        assert len(errors) == 2
        await fill(pilot, {"name": "Tom Okafor", "email": "tom@globex.example"})
        assert screen.offer.contacts[0].name == "Tom Okafor"


async def test_referrer_and_interviews_fields(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        screen.query_one("#f-interviews", Input).value = "lots"
        await pilot.pause()
        assert offer.interviews == 0
        assert "whole number" in str(screen.query_one("#err-interviews").render())
        screen.query_one("#f-interviews", Input).value = "4"
        screen.query_one("#f-referrer", Input).value = "Jo Park"
        await pilot.pause()
        assert offer.interviews == 4 and offer.referrer == "Jo Park"
        await show_scenarios(pilot)
        follow = str(screen.query_one("#sc-text-follow-up").render())
        assert "4 rounds" in follow and "Jo Park" in follow
        screen.query_one("#scenario-tabs").active = "sc-follow-up"
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert offer.reply == "referrer-note" and offer.template == "standard"
        assert screen._view.text.split("\n")[2].startswith(("Hi Jo", "Dear Jo"))


async def test_check_in_months_and_ics(demo_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await screen.run_action("checkin_months")
        await pilot.pause()
        await fill(pilot, {"months": "1, 2"})
        assert screen.session.wb.checkin_months == [1, 2]
        await mark_sent(pilot)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        ics = (tmp_path / "decline-tui-check-ins.ics").read_text(encoding="utf-8")
        # The person's next check-in: the later ones move with it, so they wait.
        assert ics.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20261225" in ics


async def test_edit_and_delete_contacts_and_log(demo_path):
    from decline_tui.ui.screens.records import RecordsScreen

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        await show_scenarios(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, {"name": "Tom Okafor"})
        await pilot.press("l")
        await pilot.pause()
        await fill(pilot, {"kind": "call", "note": "Thanked them"})
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        await pilot.press("down")  # the log entry, after the contact
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, {"note": "Thanked them warmly"})
        assert offer.log[0].note == "Thanked them warmly" and len(offer.log) == 1
        assert isinstance(app.screen, RecordsScreen)
        await pilot.press("up")
        await pilot.press("delete")
        await pilot.pause()
        await choose(pilot, "yes")
        assert offer.contacts == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.dirty)
    text = demo_path.read_text(encoding="utf-8")
    assert 'note = "Thanked them warmly"' in text and "[[offers.contacts]]" not in text


def _keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def test_a_contact_keeps_what_you_talked_about_and_a_log_entry_who_it_was_with(demo_path):
    """Typed ahead in one batch: a contact with what you talked about (their thank-you note
    names it), then a log entry with that person, which follows them across offers."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        await show_scenarios(pilot)
        await pilot.press(
            "a",
            *_keys("Tom Okafor"),
            *["tab"] * 4,
            *_keys("the platform team"),
            "enter",
        )
        await wait_until(pilot, lambda: bool(offer.contacts))
        assert offer.contacts[-1].name == "Tom Okafor"
        assert offer.contacts[-1].note == "the platform team"
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FormDialog))
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        with_ = pilot.app.screen.query_one("#ff-contact", Select)
        assert with_.value == offer.contact_name  # the offer's own contact by default
        await fill(pilot, {"kind": "call", "contact": "Tom Okafor", "note": "coffee"})
        assert offer.log[-1].contact == "Tom Okafor" and offer.log[-1].kind == "call"
        # The offer's own contact is stored as "" (it follows a renamed contact).
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        await fill(pilot, {"kind": "note", "note": "thanked her"})
        assert offer.log[-1].contact == "" and offer.log[-1].note == "thanked her"
        await pilot.press("e")
        await pilot.pause()
        records = pilot.app.screen.query_one("#records", OptionList)
        shown = " ".join(
            str(records.get_option_at_index(i).prompt) for i in range(records.option_count)
        )
        assert "the platform team" in shown and "with Tom Okafor" in shown
