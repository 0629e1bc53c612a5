"""The app keeps every word: bounded autosave, the recovery journal, merges and odd files.

Each test drives the real app (Pilot) on a temporary data folder, as a person would, and
looks at the files on disk, which is where words are kept or lost.
"""

from __future__ import annotations

import os
import signal
import stat
from datetime import date

import pytest
from textual.widgets import Input, RadioButton

from decline_tui.core import journal
from decline_tui.core.store import Store
from decline_tui.ui.screens import main as main_screen
from decline_tui.ui.screens.dialogs import ChoiceDialog
from decline_tui.ui.screens.main import MainScreen
from decline_tui.ui.screens.recovery import MergeDialog, RecoveryDialog

from .conftest import choose, make_app, ready, wait_until


async def type_at_end(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.cursor_position = len(widget.value)
    await pilot.pause()
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.pause()


def on_disk(path, offer_id: str = "acme"):
    return Store(path).load().offer(offer_id)


def no_autosave(monkeypatch) -> None:
    """Saves only when the test says: the journal and the exits are what is looked at."""
    monkeypatch.setattr(main_screen, "AUTOSAVE_DELAY", 3600.0)
    monkeypatch.setattr(main_screen, "MAX_UNSAVED", 3600.0)


# --------------------------------------------------------------------------- autosave


async def test_steady_typing_is_saved_within_two_seconds(demo_path):
    """The autosave waits for a pause, but not for ever: typing that never pauses is saved."""
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        field = screen.query_one("#f-notes", Input)
        field.focus()
        await pilot.pause()
        saved_while_typing = False
        for i in range(16):  # a key every 0.25 s for 4 s: never 0.8 s of quiet
            await pilot.press("x")
            await pilot.pause(0.25)
            if i >= 10 and "xxxx" in (on_disk(demo_path).notes or ""):
                saved_while_typing = True
        assert saved_while_typing, "nothing was saved during 4 s of steady typing"


async def test_an_edit_that_is_already_due_is_saved_without_an_error(demo_path, monkeypatch):
    """Past the bound, the save is due at once: a zero-second Textual timer divides by zero.

    CI met this as a ZeroDivisionError at shutdown when a slow machine let MAX_UNSAVED pass
    between two keys; here the bound is zero so every edit is already due.
    """
    monkeypatch.setattr(main_screen, "MAX_UNSAVED", 0.0)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_at_end(pilot, "#f-notes", "due")
        await wait_until(pilot, lambda: (on_disk(demo_path).notes or "").endswith("due"))
    assert app.return_code in (None, 0)


# --------------------------------------------------------------------------- journal


async def test_unsaved_edits_are_journaled_and_the_journal_goes_with_the_save(
    demo_path, monkeypatch
):
    no_autosave(monkeypatch)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_at_end(pilot, "#f-notes", " call back Friday")
        path = journal.journal_path(demo_path)
        await wait_until(
            pilot, lambda: path.exists() and "Friday" in path.read_text(encoding="utf-8")
        )
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "call back Friday" not in demo_path.read_text(encoding="utf-8")
        assert screen.dirty
        await pilot.press("ctrl+q")
    assert "call back Friday" in on_disk(demo_path).notes
    assert not path.exists()


async def test_a_crashed_run_is_offered_back_and_can_be_taken(demo_path):
    text = demo_path.read_text(encoding="utf-8").replace("Acme Robotics", "Acme Robotics AG")
    journal.Journal(demo_path, pid=999_999_999).write(text, main_screen.datetime(2026, 11, 25))
    found = journal.leftovers(demo_path, demo_path.read_text(encoding="utf-8"))
    assert len(found) == 1
    app = make_app(demo_path)
    app.recovered = found
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#recovery-changes")))
        await pilot.pause()
        screen = app._main_screen()
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Acme Robotics AG" in shown  # the change is shown before it is taken
        await pilot.press("enter")  # Enter alone decides nothing
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("t")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.offer.company == "Acme Robotics AG"
        await pilot.press("ctrl+q")
    assert on_disk(demo_path).company == "Acme Robotics AG"
    assert not found[0].path.exists()


async def test_a_crashed_run_can_be_dropped_or_kept_for_later(demo_path):
    text = demo_path.read_text(encoding="utf-8").replace("Acme Robotics", "Acme Robotics AG")
    for pid in (999_999_998, 999_999_999):
        journal.Journal(demo_path, pid=pid).write(
            text.replace("AG", f"AG {pid}"), main_screen.datetime(2026, 11, 25)
        )
    found = journal.leftovers(demo_path, demo_path.read_text(encoding="utf-8"))
    assert len(found) == 2
    app = make_app(demo_path)
    app.recovered = found
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#recovery-changes")))
        screen = app._main_screen()
        await pilot.press("d")
        await wait_until(pilot, lambda: bool(app.screen.query("#recovery-changes")))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.offer.company == "Acme Robotics"
    assert not found[0].path.exists() and not found[1].path.exists()
    kept = list(demo_path.parent.glob("workbook.recovered-*.toml"))
    assert len(kept) == 1 and "Acme Robotics AG" in kept[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- signals


async def test_a_signal_saves_what_is_pending_and_exits(demo_path, monkeypatch):
    no_autosave(monkeypatch)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_at_end(pilot, "#f-notes", " typed just before the window closed")
        app.signalled(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    assert "just before the window closed" in on_disk(demo_path).notes
    assert not journal.journal_path(demo_path).exists()


async def test_a_signal_when_saving_is_blocked_keeps_the_journal(demo_path, monkeypatch):
    no_autosave(monkeypatch)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_at_end(pilot, "#f-notes", " kept for later")
        demo_path.chmod(0o400)
        app.signalled(signal.SIGTERM)
        await pilot.pause()
    assert "kept for later" not in demo_path.read_text(encoding="utf-8")
    assert "kept for later" in journal.journal_path(demo_path).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- another program


@pytest.fixture
def no_disk_poll(monkeypatch):
    """No look at the file every 2 s: on a busy machine the poll could load their change
    before the person's typing starts (as it should, with nothing unsaved), and then nothing
    is left to collide. The save still meets their change."""
    monkeypatch.setattr(main_screen, "DISK_CHECK_EVERY", 3600)


def edit_on_disk(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_changes_to_different_fields_are_merged_without_asking(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        edit_on_disk(demo_path, 'company = "Acme Robotics"', 'company = "Acme Corp"')
        await type_at_end(pilot, "#f-role", " Lead")
        await wait_until(pilot, lambda: not screen.dirty)
        assert app.screen is screen  # no dialog
        assert screen.offer.company == "Acme Corp"  # theirs, shown here too
    acme = on_disk(demo_path)
    assert acme.company == "Acme Corp" and acme.role.endswith(" Lead")


async def test_a_comment_written_elsewhere_survives_the_quit(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_at_end(pilot, "#f-role", " Lead")
        demo_path.write_text(demo_path.read_text() + "\n# edited elsewhere\n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not screen.dirty
    text = demo_path.read_text()
    assert "Lead" in on_disk(demo_path).role
    assert "# edited elsewhere" in text


async def test_a_collision_never_opens_under_the_typing_and_is_chosen_field_by_field(
    demo_path, no_disk_poll
):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        edit_on_disk(demo_path, 'role = "Senior Product Designer"', 'role = "Staff Designer"')
        other = demo_path.read_text(encoding="utf-8")
        await type_at_end(pilot, "#f-role", " Lead")
        await wait_until(pilot, lambda: screen.merge is not None, timeout=5)
        # No dialog took the keyboard: typing and Enter go on in the form, nothing is lost.
        assert app.screen is screen
        await pilot.press("X", "enter")
        await pilot.pause()
        assert screen.offer.role == "Senior Product Designer LeadX"
        assert demo_path.read_text(encoding="utf-8") == other  # theirs intact until chosen
        assert "collide" in str(screen.save_state())
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        shown = " ".join(str(b.label) for b in dialog.query(RadioButton))
        assert "Staff Designer" in shown and "LeadX" in shown
        await pilot.press("enter")  # chooses in the list; does not apply anything
        await pilot.pause()
        assert isinstance(app.screen, MergeDialog)
        dialog.query(RadioButton)[1].value = True  # take theirs
        await pilot.pause()
        dialog.query_one("#apply").press()
        await wait_until(pilot, lambda: app.screen is screen and not screen.dirty)
        assert screen.offer.role == "Staff Designer"
    assert on_disk(demo_path).role == "Staff Designer"


async def test_the_instance_whose_change_is_replaced_is_told(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert not screen.dirty
        edit_on_disk(demo_path, "deadline = 2026-11-30", "deadline = 2026-12-02")
        screen.check_disk()
        await pilot.pause()
        assert screen.offer.deadline == date(2026, 12, 2)
        messages = [n.message for n in app._notifications]
        assert any("Another program changed" in m and "deadline" in m for m in messages)


async def test_quit_while_collisions_wait_asks_then_quits(demo_path, no_disk_poll):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        edit_on_disk(demo_path, 'role = "Senior Product Designer"', 'role = "Staff Designer"')
        await type_at_end(pilot, "#f-role", " Lead")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
        await pilot.press("m")  # all mine
        app.screen.query_one("#apply").press()
        await pilot.pause()
        assert not screen.dirty
    assert on_disk(demo_path).role == "Senior Product Designer Lead"


# --------------------------------------------------------------------------- odd files


async def test_a_read_only_workbook_is_never_written_and_says_so(demo_path, monkeypatch):
    demo_path.chmod(0o400)
    before = demo_path.read_bytes()
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_at_end(pilot, "#f-notes", " mine")
        await wait_until(pilot, lambda: screen.read_only)
        assert "read-only" in str(screen.save_state())
        assert demo_path.read_bytes() == before
        assert stat.S_IMODE(demo_path.stat().st_mode) == 0o400
        path = journal.journal_path(demo_path)
        await wait_until(
            pilot, lambda: path.exists() and " mine" in path.read_text(encoding="utf-8")
        )
        # made writable again: the next look at the file saves
        demo_path.chmod(0o600)
        screen.check_disk()
        await pilot.pause()
        assert not screen.dirty and not screen.read_only
    assert on_disk(demo_path).notes.endswith(" mine")


async def test_a_symlinked_workbook_is_saved_through_the_link(demo_path, tmp_path):
    real = tmp_path / "synced" / "workbook.toml"
    real.parent.mkdir()
    os.replace(demo_path, real)
    demo_path.symlink_to(real)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_at_end(pilot, "#f-notes", " via link")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not screen.dirty
    assert demo_path.is_symlink()
    assert on_disk(real).notes.endswith(" via link")


# --------------------------------------------------------------------------- quitting


async def test_an_invalid_date_on_quit_asks_first(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        field = screen.query_one("#f-deadline", Input)
        field.value = "2026-13-01"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")  # the focused, first answer is to stay
        await pilot.pause()
        assert app.screen is screen and app.is_running
        assert field.value == "2026-13-01"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await choose(pilot, "quit")
    assert not app.is_running
    assert on_disk(demo_path).deadline == date(2026, 11, 30)


def test_main_screen_has_the_key_to_fix_saving():
    keys = {b.key: b.action for b in MainScreen.BINDINGS}
    assert keys["ctrl+y"] == "fix_saving"


async def test_a_read_only_workbook_can_be_saved_as_a_copy_with_ctrl_y(demo_path, tmp_path):
    demo_path.chmod(0o400)
    copy = tmp_path / "elsewhere.toml"
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_at_end(pilot, "#f-notes", " saved elsewhere")
        await wait_until(pilot, lambda: screen.read_only)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: bool(app.screen.query("#path")))
        app.screen.query_one("#path", Input).value = str(copy)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
    assert copy.exists() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# The demo workbook")  # comments kept
    assert Store(copy).load().offer("acme").notes.endswith(" saved elsewhere")
    assert stat.S_IMODE(demo_path.stat().st_mode) == 0o400


def test_a_cut_off_save_is_offered_even_when_the_launch_saves_first(demo_path, monkeypatch):
    """The launch saves at once when an offer was marked declined by hand, and a save clears
    the temporary files of interrupted saves: a complete newer version in one is collected
    before that, and handed to the app to offer back, not deleted."""
    from decline_tui.cli import main
    from decline_tui.ui.app import DeclineApp

    text = demo_path.read_text(encoding="utf-8")
    newer = text.replace("Acme Robotics", "Acme Robotics AG")
    temp = demo_path.parent / ".workbook.toml.k1ll3d.tmp"
    temp.write_text(newer, encoding="utf-8")
    assert 'status = "deciding"' in text
    demo_path.write_text(text.replace('status = "deciding"', 'status = "declined"', 1))
    opened: list[DeclineApp] = []
    monkeypatch.setattr(DeclineApp, "run", lambda self: opened.append(self))
    assert main([]) == 0
    (app,) = opened
    assert [rec.kind for rec in app.recovered] == ["temp"]
    assert "Acme Robotics AG" in app.recovered[0].text
    assert not temp.exists()  # the launch's save cleared the temp files: this one was moved
    assert app.recovered[0].path.name.startswith("workbook.recovered-")
    assert "Acme Robotics AG" in app.recovered[0].path.read_text(encoding="utf-8")
    assert "declined_on" in demo_path.read_text(encoding="utf-8")  # the launch did save


async def test_keys_read_before_a_signal_are_handled_before_the_save(demo_path, monkeypatch):
    """The window closes while typed-ahead keys wait their turn: they reached the app, so they
    are handled, then saved."""
    from textual import events

    no_autosave(monkeypatch)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        field = screen.query_one("#f-notes", Input)
        field.focus()
        field.cursor_position = len(field.value)
        await pilot.pause()
        for ch in "closing now":
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.signalled(signal.SIGHUP)
        await wait_until(pilot, lambda: not app.is_running)
    assert on_disk(demo_path).notes.endswith("closing now")
