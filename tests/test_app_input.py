"""One-line fields and the template editor keep what the person typed.

A field reached by Tab must not have its whole value selected (one stray key would replace it),
a paste of several lines must not silently lose all but the first, and closing the template
editor must not throw away edits without asking.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Button, Input, TextArea

from decline_tui.ui.screens.dialogs import (
    ChoiceDialog,
    Field,
    FormDialog,
    PathDialog,
    ProfileDialog,
    TemplateDialog,
)
from decline_tui.ui.screens.main import MainScreen
from decline_tui.ui.widgets.field_input import FieldInput, one_line

from .conftest import make_app, ready, wait_until

SIZE = (120, 40)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


# --------------------------------------------------------------------------- focus


async def test_tab_into_a_filled_field_and_type_appends(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        role = screen.offer.role
        assert role
        await pilot.press("f3", "tab")
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "f-role"
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one("#f-role", Input).value == role + "x"
        assert screen.offer.role == role + "x"
        # back again with shift+tab: the cursor goes to the end, nothing is selected
        await pilot.press("shift+tab", "y")
        await pilot.pause()
        assert screen.offer.company == "Acme Robotics" + "y"


async def test_a_click_still_puts_the_cursor_where_clicked(demo_path):
    """Focus moves the cursor to the end, but a click lands after the focus: it wins."""
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.click("#f-role", offset=(3, 0))
        await pilot.pause()
        role = screen.query_one("#f-role", Input)
        assert role.has_focus and role.cursor_position == 3 and role.selection.is_empty


async def test_a_dialog_field_focused_on_open_keeps_its_text(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        name, email = screen.session.wb.profile.name, screen.session.wb.profile.email
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        await pilot.press("x", "tab", "y")
        await pilot.pause()
        assert app.screen.query_one("#p-name", Input).value == name + "x"
        assert app.screen.query_one("#p-email", Input).value == email + "y"


async def test_a_form_dialog_field_reached_by_tab_keeps_its_text(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        fields = [Field("a", "A", "hello"), Field("b", "B", "world")]
        app.push_screen(FormDialog("Two fields", fields, lambda values: None))
        await pilot.pause()
        await pilot.press("x", "tab", "y")
        await pilot.pause()
        assert app.screen.values() == {"a": "hellox", "b": "worldy"}


async def test_the_template_editor_fields_reached_by_tab_keep_their_text(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, TemplateDialog)
        subject = app.screen.query_one("#t-subject", Input)
        before = subject.value
        await pilot.press("shift+tab")  # from the body to the subject
        await pilot.pause()
        assert subject.has_focus
        await pilot.press("x")
        await pilot.pause()
        assert subject.value == before + "x"


async def test_every_one_line_field_in_form_and_dialogs_is_a_field_input(demo_path):
    """One class carries the focus and paste behaviour; a plain Input would miss both."""
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        inputs = list(screen.query_one("#form").query(Input))
        assert len(inputs) >= 10
        dialogs = [
            ProfileDialog(screen.session.wb.profile),
            PathDialog("Save", "draft.txt", lambda path: None),
            FormDialog("Form", [Field("a", "A", "x"), Field("b", "B", choices=("x",))], dict),
        ]
        for dialog in dialogs:
            app.push_screen(dialog)
            await pilot.pause()
            inputs += list(dialog.query(Input))
            dialog.dismiss(None)
            await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        inputs += list(app.screen.query(Input))
        assert all(type(w) is FieldInput for w in inputs), [type(w) for w in inputs]
        assert not any(w.select_on_focus for w in inputs)


# --------------------------------------------------------------------------- paste


def test_one_line_joins_lines_trimmed_and_skips_blank_ones():
    assert one_line("I have accepted\n  a role closer  \r\n\n to home.\n") == (
        "I have accepted a role closer to home.",
        3,
    )
    assert one_line("just this\n") == ("just this", 1)
    assert one_line("  spaced  ") == ("  spaced  ", 1)  # one line: as pasted
    assert one_line("\n\n  only  \n") == ("  only  ", 1)
    assert one_line("\n \n") == ("", 0)
    # control characters other than line ends stay: the field shows them as stand-ins
    assert one_line("a\x0cb\x1cc\x85d") == ("a\x0cb\x1cc\x85d", 1)
    assert one_line("a\rb\u2028c") == ("a b c", 3)


async def test_pasting_several_lines_into_a_field_joins_them_and_says_so(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await ready(pilot)
        reason = screen.query_one("#f-reason", Input)
        reason.focus()
        reason.value = ""
        await pilot.pause()
        app.post_message(events.Paste("I have accepted\n  a role closer  \r\n\n to home.\n"))
        await wait_until(pilot, lambda: reason.value != "")
        assert reason.value == "I have accepted a role closer to home."
        assert screen.offer.reason == reason.value
        assert reason.cursor_position == len(reason.value)
        note = "Pasted 3 lines as one line: this field holds a single line."
        assert note in messages(app)


async def test_pasting_one_line_inserts_it_at_the_cursor_without_a_note(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")  # the company field, cursor at its end
        await pilot.pause()
        app.post_message(events.Paste(" Inc.\n"))
        await wait_until(pilot, lambda: screen.offer.company != "Acme Robotics")
        assert screen.offer.company == "Acme Robotics Inc."
        assert not any("Pasted" in m for m in messages(app))


async def test_pasting_several_lines_into_a_dialog_field(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        name = app.screen.query_one("#p-name", Input)
        assert name.has_focus
        name.value = ""
        app.post_message(events.Paste("Sam\nLee\n"))
        await wait_until(pilot, lambda: name.value != "")
        assert name.value == "Sam Lee"
        assert "Pasted 2 lines as one line: this field holds a single line." in messages(app)


async def test_ctrl_v_of_a_copied_draft_into_a_field_joins_its_lines(demo_path):
    """ctrl+t copies the whole draft to the app's clipboard; ctrl+v in a field used to insert
    it with its line ends, a multi-line value in a one-line field."""
    app = make_app(demo_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await ready(pilot)
        app.copy_to_clipboard("Thanks,\n\nSam Lee\n")
        notes = screen.query_one("#f-notes", Input)
        notes.focus()
        notes.value = "from: "
        await pilot.pause()
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert notes.value == "from: Thanks, Sam Lee"
        assert screen.offer.notes == "from: Thanks, Sam Lee"
        assert "Pasted 2 lines as one line: this field holds a single line." in messages(app)


# --------------------------------------------------------------------------- template editor


async def open_template_editor(pilot) -> TemplateDialog:
    await pilot.press("f12")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, TemplateDialog)
    return dialog


async def test_escape_closes_an_unchanged_template_editor_at_once(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await open_template_editor(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await open_template_editor(pilot)
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        assert app.screen is screen
        # a change undone is no change
        dialog = await open_template_editor(pilot)
        await pilot.press("x", "backspace", "escape")
        await pilot.pause()
        assert app.screen is screen, dialog


async def test_escape_asks_before_discarding_template_edits(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        dialog = await open_template_editor(pilot)
        body = dialog.query_one("#t-body", TextArea)
        await pilot.press("W", "o", "w")
        await pilot.pause()
        edited = body.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Discard your changes to this template?" in str(app.screen.message) + str(
            app.screen.title_text
        )
        # Enter alone keeps editing: the focused answer is the safe one
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and body.text == edited and body.has_focus
        # so does escape on the question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog and body.text == edited
        # and the Cancel button asks too; discarding closes without saving
        dialog.query_one("#cancel", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one("#choice-discard", Button).press()
        await pilot.pause()
        assert app.screen is screen
        assert not screen.session.wb.templates
        assert isinstance(screen, MainScreen)


async def test_a_changed_template_name_or_subject_also_asks(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        dialog = await open_template_editor(pilot)
        dialog.query_one("#t-name", Input).value += "-2"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one("#choice-discard", Button).press()
        await pilot.pause()
        assert app.screen is screen
        dialog = await open_template_editor(pilot)
        dialog.query_one("#t-subject", Input).value = ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)


async def test_an_editor_that_saves_latin1_is_read_with_a_warning_not_a_crash(
    demo_path, monkeypatch
):
    """ctrl+o: the editor wrote Latin-1 ("é" as one byte); the draft takes it, and says so."""
    import contextlib

    from decline_tui.ui import editor

    handed: list[bytes] = []

    def latin1_editor(editor: str, path) -> None:
        handed.append(path.read_bytes())
        path.write_bytes("Dear María,\n\nThank you. Best,\nSam\n".encode("latin-1"))

    monkeypatch.setenv("EDITOR", "fake-editor")
    monkeypatch.setattr(editor, "run_editor", latin1_editor)
    monkeypatch.setattr("locale.getpreferredencoding", lambda *_: "ISO-8859-1")
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: "email" in screen.offer.drafts)
        assert screen.offer.drafts["email"] == "Dear María,\n\nThank you. Best,\nSam"
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "latin-1" in messages
        assert app.is_running
    assert handed[0].endswith(b"\n")  # the file handed over ends as a text file does
