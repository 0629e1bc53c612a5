"""Backups kept until the new job is signed (issue 14, item 2).

While an accepted offer is not signed, declining the others is final and the accepted one can
still fall through: the several-offers logic says so and suggests a holding reply (`hold`);
once it is signed, the rest are declined as before. `list` puts every open offer's reply
deadline on one timeline with the accepted offer's state.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date, timedelta

from textual.widgets import Input, Static

from decline_tui.core import care
from decline_tui.core.checklist import FAIL, SKIP, check, context_for
from decline_tui.core.compose import render
from decline_tui.core.kinds import kind_of
from decline_tui.core.model import Offer, Profile, Workbook
from decline_tui.core.scenarios import accepted_state, hold_advice, multiple_offers
from decline_tui.core.session import Session
from decline_tui.core.store import Store
from decline_tui.core.templates import SCENARIO_TEMPLATES

from .conftest import NOW, make_app, ready, show_scenarios, wait_until

TODAY = NOW.date()  # Wednesday 25 November 2026
PROFILE = Profile(name="Sam Lee", email="sam@example.com")
HOLD_SENTENCE = (
    "I am finalising another process and want to give you a considered answer: you will have "
    "my decision by 30 November 2026."
)


def _wb(signed_on: date | None = None, start_date: date | None = None) -> Workbook:
    return Workbook(
        profile=PROFILE,
        offers=[
            Offer(
                id="acme",
                company="Acme Robotics",
                role="Senior Product Designer",
                contact_name="María López",
                received=date(2026, 11, 24),
                deadline=date(2026, 11, 30),
                project="the warehouse dashboard redesign",
            ),
            Offer(
                id="chosen",
                company="Initech",
                status="accepted",
                signed_on=signed_on,
                start_date=start_date,
            ),
            Offer(id="globex", company="Globex", deadline=date(2026, 11, 27)),
            Offer(id="hooli", company="Hooli"),
            Offer(id="gone", company="Umbrella", status="declined"),
        ],
    )


# --------------------------------------------------------------------------- the core


def test_accepted_but_not_signed_holds_the_others():
    where = multiple_offers(_wb())
    assert where.hold and [o.id for o in where.unsigned] == ["chosen"]
    warning = where.warning()
    assert "Initech: accepted, not signed yet." in warning
    assert "Declining the others is final" in warning and "holding reply" in warning
    lines = where.lines(TODAY)
    assert lines[:3] == [
        "Accepted: Initech.",
        warning,
        "To hold until signed (3), closest deadline first:",
    ]
    assert lines[3:6] == [
        "  • Globex (2 days left)",
        "  • Acme Robotics – Senior Product Designer (5 days left)",
        "  • Hooli (no deadline)",
    ]
    assert not any("To decline now" in line for line in lines)
    template, advice = hold_advice(_wb(), _wb().offer("acme"))
    assert template == "hold"
    assert "by 30 November 2026" in advice and "final" in advice


def test_once_signed_the_rest_are_declined_as_before():
    where = multiple_offers(_wb(signed_on=date(2026, 11, 24)))
    assert not where.hold and where.unsigned == () and where.warning() == ""
    lines = where.lines(TODAY)
    assert lines[1] == "To decline now (3), closest deadline first:"
    assert not any("not signed" in line for line in lines)
    wb = _wb(signed_on=date(2026, 11, 24))
    assert hold_advice(wb, wb.offer("acme"))[0] == ""


def test_nothing_to_hold_without_an_open_offer_or_an_accepted_one():
    wb = _wb()
    for o in wb.offers:
        if o.status == "deciding":
            o.status = "declined"
    assert not multiple_offers(wb).hold  # unsigned, but nothing left open
    assert multiple_offers(wb).warning() == ""
    wb = _wb()
    wb.offers = [o for o in wb.offers if o.id != "chosen"]
    assert not multiple_offers(wb).hold
    assert hold_advice(wb, wb.offer("acme"))[0] == ""
    assert hold_advice(_wb(), _wb().offer("chosen"))[0] == ""  # the accepted one itself


def test_the_accepted_offers_state_in_words():
    wb = _wb()
    assert accepted_state(wb.offer("chosen")) == "accepted, not signed"
    assert accepted_state(wb.offer("acme")) == ""
    signed = _wb(signed_on=date(2026, 12, 1), start_date=date(2027, 1, 5)).offer("chosen")
    assert accepted_state(signed) == "signed 2026-12-01, starts 2027-01-05"
    assert accepted_state(_wb(signed_on=date(2026, 12, 1)).offer("chosen")) == "signed 2026-12-01"


def test_the_hold_template_names_the_deadline_and_passes_its_own_checklist():
    wb = _wb()
    offer = wb.offer("acme")
    draft = render(SCENARIO_TEMPLATES["hold"], offer, PROFILE, wb, TODAY)
    text = draft.text
    assert text.startswith("Subject: Re: Senior Product Designer offer – Sam Lee\n\n")
    assert "Dear María López," in text
    assert (
        "Thank you again for the offer of the Senior Product Designer role at Acme Robotics."
        in text
    )
    assert HOLD_SENTENCE in text
    assert "I appreciate your patience, and I wish you a good week.\n\nKind regards,\nSam Lee" in (
        text
    )
    assert "decline" not in text.lower()
    findings = {f.rule: f for f in check(text, context_for(wb, offer, "email", NOW, "hold"))}
    assert [r for r, f in findings.items() if f.status == FAIL] == []
    assert findings["clear-decline"].status == SKIP  # it declines nothing, on purpose
    assert findings["gratitude"].status == "pass"
    assert findings["positive-note"].status == "pass"
    assert findings["placeholders"].status == "pass"
    assert findings["timely"].status == "pass"


def test_the_hold_template_without_a_deadline_or_past_it_names_a_date_a_few_days_on():
    """A holding reply must give a clear date: never one that has already passed."""
    wb = _wb()
    offer = dataclasses.replace(wb.offer("acme"), deadline=None)
    text = render(SCENARIO_TEMPLATES["hold"], offer, PROFILE, wb, TODAY).text
    soon = TODAY + timedelta(days=3)
    assert f"you will have my decision by {soon.day} {soon:%B %Y}." in text
    late = dataclasses.replace(wb.offer("acme"), deadline=TODAY - timedelta(days=2))
    text = render(SCENARIO_TEMPLATES["hold"], late, PROFILE, wb, TODAY).text
    assert f"you will have my decision by {soon.day} {soon:%B %Y}." in text
    assert "I am sorry for the slow reply." in text
    assert "[" not in text
    findings = check(text, context_for(wb, late, "email", NOW, "hold"))
    assert [f.rule for f in findings if f.status == FAIL] == []


def test_a_hold_is_a_reply_and_marking_it_sent_logs_a_reply():
    kind = kind_of("hold")
    assert kind.reply and not kind.declines and not kind.firm
    assert "clear-decline" not in kind.rules
    wb = _wb()
    offer = wb.offer("acme")
    plan = care.plan_sent(wb, offer, "hold", "email", TODAY)
    assert plan.entry.kind == "reply" and not plan.declines
    assert plan.entry.note == "Sent a holding reply by email"
    care.log_sent(offer, plan.entry, declines=plan.declines)
    assert offer.status == "deciding"


def test_signed_on_and_start_date_round_trip_through_the_store(tmp_path):
    path = tmp_path / "workbook.toml"
    store = Store(path)
    store.load()
    store.save(_wb(signed_on=date(2026, 12, 1), start_date=date(2027, 1, 5)))
    text = path.read_text()
    assert "signed_on = 2026-12-01\nstart_date = 2027-01-05\n" in text
    loaded = Store(path).load()
    chosen = loaded.offer("chosen")
    assert (chosen.signed_on, chosen.start_date) == (date(2026, 12, 1), date(2027, 1, 5))
    assert loaded.offer("acme").signed_on is None
    assert text.count("signed_on") == 1  # optional: written only where set
    store = Store(path)
    wb = store.load()
    wb.offer("chosen").signed_on = None  # cleared: the key goes
    store.save(wb)
    assert "signed_on" not in path.read_text()
    assert Store(path).load().offer("chosen").signed_on is None


def test_old_files_without_the_keys_still_read(tmp_path):
    path = tmp_path / "workbook.toml"
    path.write_text('schema_version = 1\n\n[[offers]]\nid = "a"\nstatus = "accepted"\n')
    offer = Store(path).load().offer("a")
    assert offer.signed_on is None and offer.start_date is None


def test_the_session_takes_the_dates_as_it_takes_a_deadline(tmp_path):
    session = Session(Store(tmp_path / "w.toml"), _wb())
    chosen = session.wb.offer("chosen")
    session.set_field(chosen, "signed_on", "today", TODAY)
    session.set_field(chosen, "start_date", "2027-01-05", TODAY)
    assert (chosen.signed_on, chosen.start_date) == (TODAY, date(2027, 1, 5))
    try:
        session.set_field(chosen, "signed_on", "2026-13-01", TODAY)
    except Exception as exc:  # FieldError, and nothing changed
        assert type(exc).__name__ == "FieldError"
    else:
        raise AssertionError("a bad date was taken")
    assert chosen.signed_on == TODAY


# --------------------------------------------------------------------------- the command line


def _cli(data_dir, *argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DECLINE_TUI_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_cli_list_is_one_timeline_with_the_accepted_offers_state(data_dir):
    for args in (
        ["--company", "Initech", "--status", "accepted"],
        ["--company", "Acme Robotics", "--deadline", "2026-12-04"],
        ["--company", "Globex", "--deadline", "2026-11-30"],
        ["--company", "Hooli"],
        ["--company", "Umbrella", "--deadline", "2026-11-26", "--status", "declined"],
    ):
        proc = _cli(data_dir, "add", *args, "--today", "2026-11-25")
        assert proc.returncode == 0, proc.stderr
    proc = _cli(data_dir, "list", "--today", "2026-11-26")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["id", "company", "role", "status", "deadline", "clock", "state"]
    ids = [line.split()[0] for line in lines[1:6]]
    assert ids == ["globex", "acme-robotics", "hooli", "initech", "umbrella"]
    assert "4 days left" in lines[1] and "8 days left" in lines[2] and "no deadline" in lines[3]
    assert lines[4].endswith("accepted, not signed")
    assert "Initech: accepted, not signed yet. Declining the others is final" in proc.stdout
    assert "--template hold" in proc.stdout

    rows = json.loads(_cli(data_dir, "list", "--json", "--today", "2026-11-26").stdout)
    assert [r["id"] for r in rows] == ids
    initech = rows[3]
    assert initech["state"] == "accepted, not signed"
    assert initech["signed_on"] is None and initech["start_date"] is None
    assert rows[0]["state"] is None and rows[0]["days_left"] == 4

    proc = _cli(data_dir, "set", "initech", "signed-on", "2026-12-01")
    assert proc.returncode == 0, proc.stderr
    assert _cli(data_dir, "set", "initech", "start-date", "2027-01-05").returncode == 0
    proc = _cli(data_dir, "list", "--today", "2026-11-26")
    assert "signed 2026-12-01, starts 2027-01-05" in proc.stdout
    assert "not signed" not in proc.stdout and "final" not in proc.stdout
    rows = json.loads(_cli(data_dir, "list", "--json", "--today", "2026-11-26").stdout)
    assert rows[3]["signed_on"] == "2026-12-01" and rows[3]["start_date"] == "2027-01-05"
    assert rows[3]["state"] == "signed 2026-12-01, starts 2027-01-05"
    text = (data_dir / "workbook.toml").read_text()
    assert "signed_on = 2026-12-01" in text and "start_date = 2027-01-05" in text


def test_cli_set_signed_on_refuses_a_bad_date(data_dir):
    assert _cli(data_dir, "add", "--company", "Initech", "--status", "accepted").returncode == 0
    proc = _cli(data_dir, "set", "initech", "signed-on", "2026-13-01")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "signed_on" not in (data_dir / "workbook.toml").read_text()


def test_cli_add_takes_the_dates_and_render_drafts_the_hold(data_dir):
    proc = _cli(
        data_dir,
        "add",
        "--company",
        "Initech",
        "--status",
        "accepted",
        "--signed-on",
        "2026-11-24",
        "--start-date",
        "2027-01-04",
    )
    assert proc.returncode == 0, proc.stderr
    proc = _cli(data_dir, "add", "--company", "Acme", "--deadline", "2026-11-30")
    assert proc.returncode == 0, proc.stderr
    text = (data_dir / "workbook.toml").read_text()
    assert "signed_on = 2026-11-24" in text and "start_date = 2027-01-04" in text
    proc = _cli(data_dir, "render", "acme", "--template", "hold")
    assert "you will have my decision by 30 November 2026." in proc.stdout


# --------------------------------------------------------------------------- the app


def _several_text(screen) -> str:
    return str(screen.query_one("#sc-text-multiple-offers", Static).render())


async def test_the_several_tab_warns_and_h_drafts_the_hold_until_signed(demo_path):
    """The demo: Initech accepted (not signed), Acme and Globex still deciding."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        assert offer.id == "acme"
        await show_scenarios(pilot)
        screen.query_one("#scenario-tabs").active = "sc-multiple-offers"
        await pilot.pause()
        text = _several_text(screen)
        assert "Initech – Design Systems Engineer: accepted, not signed yet." in text
        assert "Declining the others is final" in text
        assert "h: holding reply to the selected offer" in text
        assert "back out" in text  # the way back out of the acceptance still shows

        await pilot.press("h")
        await wait_until(pilot, lambda: offer.reply == "hold")
        assert offer.template == "standard"  # the decline stays what `export` sends
        view = screen._view
        assert view.reply == "hold" and view.title == "Reply: hold → María López"
        assert HOLD_SENTENCE in view.text
        assert not [f.rule for f in view.findings if f.status == FAIL]

        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: offer.reply == "")
        screen.query_one("#scenarios Tabs").focus()
        await pilot.pause()
        await pilot.press("t")  # the tab's reply is the hold too, while not signed
        await wait_until(pilot, lambda: offer.reply == "hold")

        screen.session.wb.offer("initech").signed_on = date(2026, 11, 24)
        screen.refresh_draft()
        await pilot.pause()
        text = _several_text(screen)
        assert "not signed yet" not in text and "h: holding reply to the selected offer" not in text
        assert "To decline now (2), closest deadline first:" in text
        screen.query_one("#scenarios Tabs").focus()
        await pilot.press("h")
        await pilot.pause()
        assert any("is signed: decline the others now" in n.message for n in app._notifications)


async def test_ctrl_b_says_declining_is_final_while_not_signed(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.offer.id == "globex"
        last = app._notifications
        assert any(
            n.message.startswith("Next to decline: Globex – UX Lead. But Initech")
            and "not signed yet" in n.message
            and n.severity == "warning"
            for n in last
        )
        screen.session.wb.offer("initech").signed_on = date(2026, 11, 24)
        app.clear_notifications()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            "Next to decline: Acme Robotics – Senior Product Designer"
        ]


async def test_the_form_shows_signed_and_starts_for_an_accepted_offer(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        signed = screen.query_one("#f-signed_on", Input)
        assert not signed.display  # Acme is still deciding
        screen.select_offer("initech")
        await pilot.pause()
        assert signed.display and screen.query_one("#f-start_date", Input).display
        signed.focus()
        await pilot.press(*"2026-11-24")
        await wait_until(pilot, lambda: screen.offer.signed_on == date(2026, 11, 24))
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.offer.signed_on == date(2026, 11, 24)  # "2026-11-2" is not a date
        assert "✗" in str(screen.query_one("#err-signed_on", Static).render())
        screen.select_offer("acme")
        await pilot.pause()
        assert not signed.display
