"""Pilot tests: each flow of the workbook app, driven by keyboard, on a temporary data folder."""

from __future__ import annotations

import time
from datetime import date

from textual.widgets import Input, OptionList, Static, TextArea

from decline_tui.core import export
from decline_tui.core.store import Store
from decline_tui.ui.screens import main as main_screen
from decline_tui.ui.screens.dialogs import ChoiceDialog, PathDialog, ProfileDialog, TemplateDialog
from decline_tui.ui.screens.help import HelpScreen
from decline_tui.ui.screens.main import AUTOSAVE_DELAY, MainScreen

from .conftest import choose, make_app, ready, wait_until


def draft_text(screen: MainScreen) -> str:
    return str(screen.query_one("#draft-text", Static).render())


def plain(widget: Static) -> str:
    return str(widget.render())


def palette_offers(app, typed: str, command: str) -> bool:
    """The command palette has searched for all of `typed` and highlights `command` first."""
    from textual.command import CommandInput, CommandList, CommandPalette

    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    if palette.query_one(CommandInput).value != typed:
        return False
    group = CommandPalette._GATHER_COMMANDS_GROUP
    if any(w.group == group and not w.is_finished for w in app.workers):
        return False  # still searching: the list may change under the enter key
    hits = palette.query_one(CommandList)
    if hits.highlighted is None:
        return False
    return hits.get_option_at_index(hits.highlighted).hit.text == command


def told_of_copy(app, words: str) -> bool:
    """The copy has finished: its worker's toast, which says how it copied, is up."""
    return any(words in str(n.message) for n in app._notifications)


async def type_into(pilot, selector: str, text: str, clear: bool = True) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    if clear:
        widget.value = ""
    else:
        await pilot.press("end")  # focusing selects all; type after it instead
    await pilot.pause()
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.pause()


async def test_typing_a_field_updates_draft_and_checklist(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "Acme Robotics" in draft_text(screen)
        await type_into(pilot, "#f-company", "Umbrella Health")
        assert screen.offer.company == "Umbrella Health"
        assert "Umbrella Health" in draft_text(screen)
        assert "Acme Robotics" not in draft_text(screen)
        # Naming the accepted offer's company in the reason fails the checklist, live.
        await type_into(pilot, "#f-reason", "I am joining Initech")
        findings = {f.rule: f.status for f in screen._view.findings}
        assert findings["no-other-company"] == "fail"
        checks = screen.query_one("#checks", OptionList)
        prompts = [str(checks.get_option_at_index(i).prompt) for i in range(checks.option_count)]
        assert any(p.startswith("✗ ") and "No other company" in p for p in prompts)
        # the list row follows the company name
        offers = screen.query_one("#offers", OptionList)
        assert "Umbrella Health" in str(offers.get_option("acme").prompt)


async def test_invalid_date_shows_error_and_keeps_text(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_into(pilot, "#f-deadline", "x", clear=False)
        assert screen.offer.deadline == date(2026, 11, 30)  # unchanged
        assert screen.query_one("#f-deadline", Input).value == "2026-11-30x"
        error = screen.query_one("#err-deadline", Static)
        assert "YYYY-MM-DD" in plain(error) and error.has_class("-shown")
        await type_into(pilot, "#f-deadline", "2026-12-02")
        assert screen.offer.deadline == date(2026, 12, 2)
        assert not error.has_class("-shown")
        screen.query_one("#f-deadline", Input).value = "2026-11-01"  # as if pasted
        await pilot.pause()
        assert "before the day the offer came" in plain(error)
        assert screen.offer.deadline == date(2026, 12, 2)


async def test_switching_medium_and_template(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f7")
        await pilot.pause()
        assert screen.medium == "phone"
        meta = plain(screen.query_one("#draft-meta", Static))
        assert meta.startswith("Phone script")
        assert "1. Hi María, it's Sam Lee." in draft_text(screen)
        assert "confirming email" in plain(screen.query_one("#draft-followup", Static))
        await pilot.press("f7")
        await pilot.pause()
        assert screen.medium == "linkedin"
        meta = plain(screen.query_one("#draft-meta", Static))
        assert "/200 characters" in meta
        await pilot.press("f7")
        await pilot.pause()
        assert screen.medium == "email"
        await pilot.press("f8")
        await pilot.pause()
        assert screen.offer.template == "brief"
        assert "Kind regards," in draft_text(screen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "medium: phone":
            await pilot.press(ch if ch != " " else "space")
        await wait_until(
            pilot,
            lambda: palette_offers(app, "medium: phone", "medium: phone script"),
            message="the command palette never offered “medium: phone script” first",
        )
        await pilot.press("enter")
        await pilot.pause()
        assert screen.medium == "phone"


async def test_edit_draft_then_regenerate_asks_first(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert not screen.check_action("regenerate", ())
        await pilot.press("f9")
        await pilot.pause()
        area = screen.query_one("#draft-edit", TextArea)
        assert area.has_focus
        area.move_cursor(area.document.end)
        for ch in " P.S. maybe":
            await pilot.press(ch if ch != " " else "space")
        await pilot.pause()
        offer = screen.offer
        assert offer.drafts["email"].endswith("P.S. maybe")
        assert screen._view.edited
        assert "edited by you" in plain(screen.query_one("#draft-meta", Static))
        assert {f.rule: f.status for f in screen._view.findings}["no-wavering"] == "fail"
        # A field change no longer rewrites the person's text.
        await pilot.press("f9")
        await type_into(pilot, "#f-role", "Chief Designer")
        assert "Chief Designer" not in offer.drafts["email"]
        # Regenerate asks; "keep my edits" keeps them.
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await choose(pilot, "no")
        await pilot.pause()
        assert "email" in offer.drafts
        await pilot.press("ctrl+r")
        await pilot.pause()
        await choose(pilot, "yes")
        await pilot.pause()
        assert "email" not in offer.drafts
        assert "Chief Designer" in draft_text(screen)


async def test_new_duplicate_delete_offer(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        wb = screen.session.wb
        assert len(wb.offers) == 3
        screen.query_one("#offers").focus()
        await pilot.press("n")
        await pilot.pause()
        assert len(wb.offers) == 4 and screen.offer is wb.offers[-1]
        assert screen.query_one("#f-company", Input).has_focus
        await type_into(pilot, "#f-company", "Hooli")
        screen.query_one("#offers").focus()
        await pilot.press("d")
        await pilot.pause()
        assert len(wb.offers) == 5
        twin = screen.offer
        assert twin.company == "Hooli" and twin.id != wb.offers[3].id
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel
        await pilot.pause()
        assert len(wb.offers) == 5
        await pilot.press("delete")
        await pilot.pause()
        await choose(pilot, "yes")
        await pilot.pause()
        assert len(wb.offers) == 4 and twin not in wb.offers
        await pilot.press("s")
        await pilot.pause()
        assert screen.offer.status == "declined"


async def test_autosave_and_reload(demo_path, monkeypatch):
    monkeypatch.setattr(main_screen, "MAX_UNSAVED", 60.0)  # the debounce alone, however slow
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        # Time is the subject here, read from the clock rather than slept: the save comes no
        # sooner than the debounce after the last edit (a pause of half of it could itself
        # take longer on a loaded machine, and see the save).
        edits: list[float] = []
        saves: list[float] = []
        mark_dirty, saved = screen.mark_dirty, screen.saved
        monkeypatch.setattr(
            screen, "mark_dirty", lambda: edits.append(time.monotonic()) or mark_dirty()
        )
        monkeypatch.setattr(screen, "saved", lambda: saves.append(time.monotonic()) or saved())
        await type_into(pilot, "#f-admired", "your kind interviewers")
        assert screen.dirty and edits
        await wait_until(pilot, lambda: not screen.dirty)
        assert len(saves) == 1 and saves[0] - edits[-1] >= AUTOSAVE_DELAY * 0.95  # debounced
        text = demo_path.read_text(encoding="utf-8")
        assert 'admired = "your kind interviewers"' in text
        assert text.startswith("# The demo workbook")  # comments survive
        assert (demo_path.stat().st_mode & 0o777) == 0o600
        await type_into(pilot, "#f-project", "the design system")
        await pilot.press("ctrl+q")  # quitting saves at once
        await pilot.pause()
    assert Store(demo_path).load().offer("acme").project == "the design system"


async def test_first_launch_creates_example(data_dir):
    app = make_app(data_dir / "workbook.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.offer is not None and screen.offer.example
        assert "Example Robotics" in draft_text(screen)
    assert "example = true" in (data_dir / "workbook.toml").read_text()


async def test_export_to_file(demo_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        path_input = dialog.query_one("#path", Input)
        assert path_input.value == str(tmp_path / "decline-acme-robotics-email.txt")
        await pilot.press("enter")
        await pilot.pause()
        saved = tmp_path / "decline-acme-robotics-email.txt"
        assert saved.read_text(encoding="utf-8").startswith("Subject: Job offer: Senior Product")
        # Markdown by extension; an unwritable folder gives a message and keeps the dialog.
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(tmp_path / "missing" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "does not exist" in plain(dialog.query_one("#path-error", Static))
        dialog.query_one("#path", Input).value = str(tmp_path / "draft.md")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "draft.md").read_text(encoding="utf-8").startswith("# Decline: Acme")
        # An existing file is not replaced without asking.
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(saved)
        saved.write_text("mine", encoding="utf-8")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await choose(pilot, "no")
        await pilot.pause()
        assert saved.read_text(encoding="utf-8") == "mine"


async def test_copy_says_how_it_copied(demo_path, monkeypatch):
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: None)
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.setattr(export, "_tmux_option", lambda name, env: "off")
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: told_of_copy(app, "OSC 52"), message="no word of the copy")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard.startswith("Dear María López,")
        messages = [n.message for n in app._notifications]
        assert any("OSC 52" in m and "set-clipboard on" in m for m in messages), messages
        assert screen.offer is not None


async def test_copy_with_native_tool(demo_path, monkeypatch):
    tool = export.ClipboardTool("wl-copy", ("wl-copy",))
    copied = []
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: tool)
    monkeypatch.setattr(export, "copy_with_tool", lambda t, text: copied.append(text))
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: told_of_copy(app, "Copied"), message="no word of the copy")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert copied and copied[0].startswith("Dear ")
        assert any("Copied with wl-copy" in n.message for n in app._notifications)


async def test_under_80_columns_the_too_small_message_gives_way_to_the_workbook(demo_path):
    """Under 80 columns the app says the terminal is too small (it showed one region at a time
    under 70; see test_too_small); grown, the workbook is there with the side last chosen."""
    from decline_tui.ui.screens.too_small import TooSmallScreen

    app = make_app(demo_path)
    async with app.run_test(size=(66, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(130, 40)
        await wait_until(pilot, lambda: not isinstance(app.screen, TooSmallScreen))
        screen = app.screen
        await pilot.press("f6")
        await pilot.pause()
        assert all(screen.query_one(f"#{n}").display for n in ("offers", "form", "draft"))
        assert screen.query_one("#scenarios").display
        assert not screen.query_one("#checklist").display


async def test_user_text_is_shown_literally(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_into(pilot, "#f-company", "[bold]Acme[/]")
        assert "[bold]Acme[/]" in draft_text(screen)
        offers = screen.query_one("#offers", OptionList)
        assert "[bold]Acme[/]" in str(offers.get_option("acme").prompt)


async def test_checklist_item_explains_and_highlights(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert screen.selected_rule == "greeting"
        await pilot.press("down")
        await pilot.pause()
        assert screen.selected_rule == "gratitude"
        detail = plain(screen.query_one("#check-detail", Static))
        assert detail.startswith("Thanks for the offer:")
        text = screen.query_one("#draft").rendered
        finding = next(f for f in screen._view.findings if f.rule == "gratitude")
        a, b = finding.spans[0]
        styles = [str(s.style) for s in text.spans if s.start <= a and s.end >= b]
        assert any("reverse" in s for s in styles)


async def test_help_and_profile_and_template(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        name = app.screen.query_one("#p-name", Input)
        name.value = "Samira Lee"
        app.screen.query_one("#save").press()
        await pilot.pause()
        assert screen.session.wb.profile.name == "Samira Lee"
        assert "Samira Lee" in draft_text(screen)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, TemplateDialog)
        body = app.screen.query_one("#t-body", TextArea)
        body.text = body.text.replace("Best regards,", "Warmly,")
        await pilot.press("ctrl+s")
        await pilot.pause()
        wb = screen.session.wb
        assert "my-standard" in wb.templates and screen.offer.template == "my-standard"
        assert "Warmly,\nSamira Lee" in draft_text(screen)


async def test_open_in_editor(demo_path, monkeypatch):
    import decline_tui.ui.editor as editor_mod

    def fake_editor(editor, path):
        path.write_text("Dear María,\n\nThanks. I decline.\n\nBest,\nSam Lee\n", encoding="utf-8")
        return None

    monkeypatch.setenv("EDITOR", "fake-editor")
    monkeypatch.setattr(editor_mod, "run_editor", fake_editor)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(type(app), "suspend", _no_suspend)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.offer.drafts["email"].startswith("Dear María,")
        assert screen._view.edited


class _no_suspend_cm:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _no_suspend(self):
    return _no_suspend_cm()


async def test_theme_is_remembered(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "nord"
        await wait_until(pilot, lambda: 'theme = "nord"' in demo_path.read_text())
    assert Store(demo_path).load().theme == "nord"
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme == "nord"


async def test_empty_workbook_disables_offer_actions(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.session.wb.offers.clear()
        screen.select_offer(None)
        await pilot.pause()
        assert screen.check_action("copy_draft", ()) is None
        assert screen.query_one("#form-empty").display
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.offer is not None


async def test_tab_moves_region_by_region(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.query_one("#offers").has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#f-company")
        order = [w.id or type(w).__name__ for w in screen.focus_chain]
        regions = []
        for widget in screen.focus_chain:
            region = next(
                n.id
                for n in widget.ancestors_with_self
                if n.id in ("offers", "form", "draft", "checklist", "scenarios")
            )
            if not regions or regions[-1] != region:
                regions.append(region)
        # The scenario helper waits behind the checklist until F6.
        assert regions == ["offers", "form", "draft", "checklist"], order


def test_app_refuses_a_broken_workbook(data_dir, capsys):
    from decline_tui.cli import main

    data_dir.mkdir(parents=True)
    path = data_dir / "workbook.toml"
    path.write_bytes(b"[[offers]]\nid = 'a'\ncompany = \"Acme\n")
    before = path.read_bytes()
    assert main([]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3:" in err and "Traceback" not in err
    assert path.read_bytes() == before


async def test_switching_offer_leaves_edit_mode_without_touching_the_other(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("end", "x")
        await pilot.pause()
        assert "email" in screen.offer.drafts
        await pilot.press("f2", "down")
        await pilot.pause()
        assert screen.offer.id == "globex"
        assert screen.offer.drafts == {}
        assert not screen.query_one("#draft").editing
