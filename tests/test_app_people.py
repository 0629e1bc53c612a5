"""The people an offer brought, in the app (issue 14, items 3 and 4): a thank-you note to
each person met (y in the scenario helper), and F10's check-ins, which follow the person.

Keys go in as a person types them, several at once; the workbook on disk is the judge.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList

from decline_tui.core.model import Contact, Interaction
from decline_tui.core.store import Store
from decline_tui.ui.screens.dialogs import ChoiceDialog, PathDialog
from decline_tui.ui.screens.people import DueScreen, ThanksScreen

from .conftest import NOW, make_app, ready, show_scenarios, wait_until

REASON = "I have accepted a role that lets me stay close to my family"


def _people(demo_path) -> None:
    """Acme's interviews: María (the decline's contact), an engineer and a recruiter."""
    store = Store(demo_path)
    wb = store.load()
    acme = wb.offers[0]
    acme.contacts = [
        Contact("María López", "Design Director", "maria@acme.example"),
        Contact(
            "Dev Patel", "Staff Engineer", "dev@acme.example", "", "the robotics simulation lab"
        ),
        Contact("Lena Fischer", "Recruiter", "lena@acme.example"),
    ]
    store.save(wb)


def _rows(screen) -> list[tuple[str, bool]]:
    listing = screen.query_one("#people-list", OptionList)
    out = []
    for i in range(listing.option_count):
        option = listing.get_option_at_index(i)
        out.append((str(option.prompt), option.disabled))
    return out


def _detail(screen) -> str:
    """The message pane's text; "" while the screen is still being put together."""
    found = screen.query("#people-detail")
    return str(found.first().render()) if found else ""


async def test_a_thank_you_note_to_each_person_met(demo_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _people(demo_path)
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        offer = screen.offer
        await show_scenarios(pilot)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, ThanksScreen))
        thanks = app.screen
        rows = _rows(thanks)
        # María has the decline itself; the two others each get a note.
        assert rows[0][1] and "decline" in rows[0][0]
        assert [disabled for _, disabled in rows[1:]] == [False, False]
        assert "what you talked about" in rows[2][0]  # Lena has no note yet
        detail = _detail(thanks)
        assert "Dev" in detail and "robotics simulation lab" in detail
        assert REASON not in detail and "family" not in detail
        # The LinkedIn versions, for everyone at once.
        await pilot.press("m")
        await wait_until(pilot, lambda: thanks.medium == "linkedin")
        assert "LinkedIn" in str(thanks.query_one("#people-title").render())
        assert all(len(n.text) <= 200 for n in thanks._notes.values())
        await pilot.press("m")
        # Marked as sent, with Dev: his check-ins follow him now.
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(e.contact == "Dev Patel" for e in offer.log))
        await wait_until(pilot, lambda: "sent" in _rows(thanks)[1][0])
        # Every note into a folder, at once.
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, PathDialog))
        app.screen.query_one("#path", Input).value = str(tmp_path / "thanks")
        await pilot.press("enter")
        await wait_until(pilot, lambda: (tmp_path / "thanks").is_dir())
        await wait_until(pilot, lambda: len(list((tmp_path / "thanks").iterdir())) == 2)
        names = sorted(p.name for p in (tmp_path / "thanks").iterdir())
        assert all(n.endswith(".eml") for n in names) and any("dev" in n for n in names)
        # Lena gets what you talked about, through the contact form.
        await pilot.press("down", "e")
        await wait_until(pilot, lambda: not isinstance(app.screen, ThanksScreen))
        app.screen.query_one("#ff-note", Input).value = "how the hiring loop is run"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ThanksScreen))
        await wait_until(pilot, lambda: "hiring loop" in _detail(thanks))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.dirty)
    saved = Store(demo_path).load().offers[0]
    assert saved.contacts[2].note == "how the hiring loop is run"
    assert any(e.contact == "Dev Patel" and e.kind == "sent" for e in saved.log)


async def test_no_one_to_thank_says_how_to_add_people(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.app.screen.scenarios.run_action("show_thanks")
        await wait_until(pilot, lambda: "No one to thank yet" in _detail(app.screen))
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ThanksScreen))
        app.screen.query_one("#ff-name", Input).value = "Dev Patel"
        app.screen.query_one("#ff-note", Input).value = "the simulation lab"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ThanksScreen))
        await wait_until(pilot, lambda: "simulation lab" in _detail(app.screen))


def _moved(demo_path) -> None:
    """María declined at Acme in August; now she is at Globex (same email), met again."""
    store = Store(demo_path)
    wb = store.load()
    acme, globex = wb.offers[0], wb.offers[1]
    acme.status = "declined"
    acme.log = [Interaction(date(2026, 8, 1), "declined", "email", "Sent the decline")]
    globex.contacts = [Contact("María López", "VP Design", "MARIA@acme.example")]
    globex.log = [
        Interaction(date(2026, 11, 2), "call", "phone", "design systems at scale", "María López")
    ]
    store.save(wb)


async def test_check_ins_follow_the_person_and_snooze(demo_path):
    _moved(demo_path)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, DueScreen))
        due = app.screen
        rows = _rows(due)
        maria = next(r for r, _ in rows if "María" in r)
        assert "Globex" in maria and "Acme Robotics" in maria  # now at Globex, was at Acme
        # The call on 2 November moved her check-in from 1 November to 2 February.
        assert "2027-02-02" in maria
        detail = _detail(due)
        assert "design systems at scale" in detail  # her history, across offers
        # Snooze a month: the key, then the second answer.
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("right", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DueScreen))
        await wait_until(pilot, lambda: "snoozed" in _rows(due)[0][0])
        wb = screen.session.wb
        assert wb.snoozed == {"maria@acme.example": date(2027, 3, 2)}
        # A check-in logged today counts from today: the snooze no longer decides.
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: any(
                e.kind == "check-in" and e.date == NOW.date() for o in wb.offers for e in o.log
            ),
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.dirty)
    text = demo_path.read_text(encoding="utf-8")
    assert "[snoozed]" in text and '"maria@acme.example" = 2027-03-02' in text


async def test_a_thank_you_note_edited_in_the_editor_is_kept_and_can_go_back(
    demo_path, monkeypatch
):
    import contextlib

    import decline_tui.ui.editor as editor_mod

    seen: list[str] = []

    def fake_editor(editor, path):
        seen.append(path.read_text(encoding="utf-8"))
        path.write_text("Hi Dev,\n\nThank you for the tour of the lab.\n\nSam", encoding="utf-8")

    monkeypatch.setenv("EDITOR", "fake-editor")
    monkeypatch.setattr(editor_mod, "run_editor", fake_editor)
    _people(demo_path)
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
        offer = screen.offer
        await screen.scenarios.run_action("show_thanks")
        await wait_until(pilot, lambda: "robotics simulation lab" in _detail(app.screen))
        thanks = app.screen
        await pilot.press("o")
        await wait_until(pilot, lambda: "thanks/dev-patel/email" in offer.drafts)
        assert "robotics simulation lab" in seen[0]  # the editor got the note as shown
        assert "tour of the lab" in _detail(thanks) and "your text" in _rows(thanks)[1][0]
        await wait_until(pilot, lambda: not screen.dirty)
        on_disk = Store(demo_path).load().offers[0].drafts
        assert "tour of the lab" in on_disk["thanks/dev-patel/email"]
        # r asks first (Cancel is the default), then the template's note is back.
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("left", "enter")
        await wait_until(pilot, lambda: "thanks/dev-patel/email" not in offer.drafts)
        assert "robotics simulation lab" in _detail(thanks)


async def test_the_person_logged_stays_highlighted_when_the_list_moves_them(demo_path):
    """l on the soonest person moves their next check-in past someone else's: the list
    re-sorts, and the highlight follows them, so the next key cannot act on another."""
    _moved(demo_path)  # María: due 2027-02-02
    store = Store(demo_path)
    wb = store.load()
    acme = wb.offers[0]
    acme.contacts = [Contact("Dev Patel", "Staff Engineer", "dev@acme.example")]
    acme.log.append(
        Interaction(date(2026, 8, 2), "sent", "email", "Sent a thank-you note", "Dev Patel")
    )
    store.save(wb)
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, DueScreen))
        due = app.screen
        assert [r.split()[1] for r, _ in _rows(due)][:2] == ["overdue", "later"]
        assert "Dev Patel" in _rows(due)[0][0]
        await pilot.press("l", "enter")  # Dev's check-in, logged today
        await wait_until(pilot, lambda: "Dev Patel" in _rows(due)[1][0])  # now after María
        listing = due.query_one("#people-list", OptionList)
        assert listing.highlighted == 1 and due.due().person.name == "Dev Patel"
        assert "Dev Patel" in _detail(due).splitlines()[0]


async def test_enter_in_f10_drafts_the_check_in_in_the_main_screen_without_a_last_refill(
    demo_path, monkeypatch
):
    """The note to the offer's own contact opens in the main screen; the list, which takes
    the whole workbook's people to make, is not made again as the screen closes."""
    store = Store(demo_path)
    wb = store.load()
    acme = wb.offers[0]
    acme.status = "declined"
    acme.log = [Interaction(date(2026, 8, 1), "declined", "email", "Sent the decline")]
    store.save(wb)
    fills = []
    real_fill = DueScreen.fill
    monkeypatch.setattr(DueScreen, "fill", lambda self: fills.append(1) or real_fill(self))
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, DueScreen))
        assert len(fills) == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.offer_id == "acme" and screen.offer.reply == "checkin-note"
        await wait_until(pilot, lambda: not screen.dirty)
        assert len(fills) == 1
