"""Modal dialogs: confirm/choose, save to file, profile, and template editing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from decline_tui.core.model import MEDIUMS, Profile, Template
from decline_tui.core.templates import TemplateError, template_from_text, template_to_text
from decline_tui.ui.widgets.field_input import FieldInput
from decline_tui.ui.widgets.literal import LiteralTextArea, literal, visible


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few answers; escape answers None.

    `default` is the answer enter gives (it has the focus and the primary colour); the
    first one unless given. When going ahead cannot be undone, make it the safe answer.
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        # The answers stand in a row: the arrows move along it, as tab does.
        Binding("left", "app.focus_previous", "Previous answer", show=False),
        Binding("right", "app.focus_next", "Next answer", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default if default is not None else choices[0][1]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"), classes="dialog-title")
            yield Static(literal(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for label, value in self.choices:
                    yield Button(
                        label,
                        id=f"choice-{value}",
                        variant="primary" if value == self.default else "default",
                    )

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def confirm(
    title: str, message: str, yes: str = "Yes", no: str = "Cancel", default: str = "yes"
) -> ChoiceDialog:
    """Answers "yes", "no" or None (escape); `default="no"` puts enter on the safe answer."""
    return ChoiceDialog(title, message, [(yes, "yes"), (no, "no")], default=default)


class PathDialog(ModalScreen[str | None]):
    """Ask for a file path; `attempt` returns an error message to show, or None when done."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        default: str,
        attempt: Callable[[str], str | None],
        label: str = "File (.txt plain text, .md Markdown, .eml a draft for your mail app):",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.attempt = attempt
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"), classes="dialog-title")
            yield Label(self.label)
            yield FieldInput(self.default, id="path")
            yield Static("", id="path-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def show_error(self, message: str) -> None:
        err = self.query_one("#path-error", Static)
        err.update(literal(f"✗ {message}"))
        err.add_class("-shown")

    def _submit(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.show_error("type a file name")
            return
        error = self.attempt(path)
        if error:
            self.show_error(error)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProfileDialog(ModalScreen[Profile | None]):
    """The sender's name and email: they sign every draft."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Your profile", style="bold"), classes="dialog-title")
            yield Label("Name (signs your drafts)")
            yield FieldInput(self.profile.name, id="p-name", placeholder="Sam Lee")
            yield Label("Email")
            yield FieldInput(self.profile.email, id="p-email", placeholder="sam@example.com")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#p-name", Input).focus()

    def _result(self) -> Profile:
        return Profile(
            name=self.query_one("#p-name", Input).value.strip(),
            email=self.query_one("#p-email", Input).value.strip(),
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "p-name":
            self.query_one("#p-email", Input).focus()
        else:
            self.dismiss(self._result())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self._result() if event.button.id == "save" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TemplateDialog(ModalScreen[Template | None]):
    """Edit one of the person's own templates as `part: words` text."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save template"),
    ]

    def __init__(self, template: Template, taken: set[str]) -> None:
        super().__init__()
        self.template = template
        self.taken = taken
        self._opened_with: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        t = self.template
        with Vertical(classes="dialog wide"):
            yield Static(
                Text.assemble(
                    ("Edit your template", "bold"), ("   ctrl+s saves · escape cancels", "dim")
                ),
                classes="dialog-title",
            )
            with Horizontal(classes="row"):
                yield Label("Name")
                yield FieldInput(t.name, id="t-name", compact=True)
                yield Label("Medium")
                yield Select(
                    [(m, m) for m in MEDIUMS],
                    value=t.medium,
                    id="t-medium",
                    allow_blank=False,
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label("Subject")
                yield FieldInput(t.subject, id="t-subject", compact=True)
            yield Static(
                Text(
                    "One part per line as “part: words” (greeting, thanks, decline, reason, "
                    "positive, future, help, closing); a blank line starts a new paragraph; "
                    "a line without “part:” continues the part above on a new line.",
                    style="dim",
                )
            )
            yield LiteralTextArea(template_to_text(t), id="t-body", soft_wrap=True)
            yield Static("", id="t-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._opened_with = self._contents()
        self.query_one("#t-body", TextArea).focus()

    def _contents(self) -> tuple[object, ...]:
        """What the person can change here, read back from the widgets themselves."""
        return (
            self.query_one("#t-name", Input).value,
            self.query_one("#t-medium", Select).value,
            self.query_one("#t-subject", Input).value,
            self.query_one("#t-body", TextArea).text,
        )

    @property
    def has_changes(self) -> bool:
        """Whether closing now would lose anything the person did."""
        return self._contents() != self._opened_with

    def action_save(self) -> None:
        name = self.query_one("#t-name", Input).value.strip()
        error = self.query_one("#t-error", Static)
        if not name:
            error.update("✗ give the template a name")
            error.add_class("-shown")
            return
        if name != self.template.name and name in self.taken:
            error.update(literal(f"✗ a template named “{name}” exists already"))
            error.add_class("-shown")
            return
        try:
            tpl = template_from_text(
                name,
                self.query_one("#t-body", TextArea).text,
                medium=str(self.query_one("#t-medium", Select).value),
                subject=self.query_one("#t-subject", Input).value,
                description=self.template.description,
            )
        except TemplateError as exc:
            error.update(literal(f"✗ {exc}"))
            error.add_class("-shown")
            return
        self.dismiss(tpl)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close; edits are asked about first, as a template may be many minutes' work."""
        if not self.has_changes:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)

        # "Keep editing" comes first, so it has the focus: enter or escape alone keeps the text.
        self.app.push_screen(
            ChoiceDialog(
                "Discard changes?",
                "Discard your changes to this template?",
                [("Keep editing", "keep"), ("Discard", "discard")],
            ),
            answered,
        )


@dataclass(frozen=True)
class Field:
    """One row of a FormDialog: an Input, or a Select when `choices` are given."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: tuple[str, ...] = ()


class FormDialog(ModalScreen[bool]):
    """A small form. `submit` applies the values or returns {field: error} to show."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        submit: Callable[[dict[str, str]], dict[str, str] | None],
        intro: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text.assemble(
                    (visible(self.title_text, one_line=True), "bold"),
                    # No-break spaces: a wrapped title otherwise runs into the hint.
                    ("\u00a0\u00a0 enter saves · escape cancels", "dim"),
                ),
                classes="dialog-title",
            )
            if self.intro:
                yield Static(literal(self.intro, "dim"), classes="dialog-message")
            for f in self.fields:
                with Horizontal(classes="row"):
                    yield Label(f.label, classes="form-label")
                    if f.choices:
                        options = [(Text(c or "(not stated)"), c) for c in f.choices]
                        value = f.value if f.value in f.choices else f.choices[0]
                        yield Select(
                            options, value=value, id=f"ff-{f.key}", allow_blank=False, compact=True
                        )
                    else:
                        yield FieldInput(
                            f.value, placeholder=f.placeholder, id=f"ff-{f.key}", compact=True
                        )
                yield Static("", id=f"fe-{f.key}", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        # None while the app is closing under a dialog just opened: nothing to focus then.
        first = next(iter(self.query("Input, Select")), None)
        if first is not None:
            first.focus()

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.fields:
            widget = self.query_one(f"#ff-{f.key}")
            value = widget.value if isinstance(widget, (Input, Select)) else ""
            out[f.key] = "" if value is Select.NULL else str(value)
        return out

    def action_submit(self) -> None:
        errors = self.submit(self.values()) or {}
        for f in self.fields:
            err = self.query_one(f"#fe-{f.key}", Static)
            message = errors.get(f.key)
            err.update(literal(f"✗ {message}") if message else "")
            err.set_class(bool(message), "-shown")
        if not errors:
            self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
