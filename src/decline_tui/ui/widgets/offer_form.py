"""The offer details region: a field for everything a draft is written from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from decline_tui.core.compose import fields_in_sentences
from decline_tui.core.model import MEDIUMS, Offer, Profile, Workbook, choices_of
from decline_tui.core.templates import TemplateError, pick_template
from decline_tui.ui.widgets.choice import Choice
from decline_tui.ui.widgets.field_input import FieldInput
from decline_tui.ui.widgets.literal import literal
from decline_tui.ui.widgets.quiet import update_static


class TickBox(Checkbox):
    """A checkbox showing ✓ when ticked and an empty box when not.

    Textual's own draws an X either way and tells them apart by a colour shift alone,
    which some themes and terminals all but hide.
    """

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


MEDIUM_NAMES = {"email": "Email", "phone": "Phone script", "linkedin": "LinkedIn note"}

# Every row of the form, in order: (field, label, placeholder). Its widget follows the kind
# of edit the model gives the field (model.Offer's "edit" metadata): text, date and int are
# inputs, bool a tick box, choice a Choice of the model's values ("" shown as "auto": the
# template's own greeting), template a Choice of templates; "medium" is the form's own, not
# the offer's. tests/test_fields_once.py checks every field the model edits has its row.
ROWS = (
    ("company", "Company", "Acme Robotics"),
    ("role", "Role", "Senior Product Designer"),
    ("short_role", "↳ short", "for subjects and calls, e.g. Senior Engineer"),
    ("contact_name", "Contact", "hiring manager or recruiter"),
    ("preferred_name", "Goes by", "their preferred first name"),
    ("register", "Register", ""),
    ("contact_email", "Email", "name@company.com"),
    ("received", "Received", "YYYY-MM-DD"),
    ("deadline", "Deadline", "YYYY-MM-DD"),
    ("channel", "Came by", ""),
    ("reason", "Reason", "one or two sentences: I have accepted a role closer to home."),
    ("admired", "Admired", "something specific: your team's care for accessibility"),
    ("project", "Project", "a project you enjoyed learning about"),
    ("notes", "Notes", "for you only, never sent"),
    ("news", "News", "their latest news, for a check-in: the Series B"),
    ("interviews", "Rounds", "rounds of interviews, e.g. 3"),
    ("referrer", "Referrer", "who referred you, if anyone"),
    ("referrer_email", "↳ email", "the referrer's email"),
    ("future_open", "Stay in touch", ""),
    ("offer_referrals", "Offer referrals", ""),
    ("status", "Status", ""),
    ("signed_on", "Signed", "YYYY-MM-DD: the day you signed the contract"),
    ("start_date", "Starts", "YYYY-MM-DD: your first day"),
    ("medium", "Medium", ""),
    ("template", "Template", ""),
)
KINDS = {f.name: f.metadata["edit"] for f in dataclasses.fields(Offer)} | {"medium": "medium"}
CHOICES = choices_of(Offer)
# The typed fields, in the form's order: each an Input; dates and numbers show an error.
INPUTS = tuple(name for name, _, _ in ROWS if KINDS[name] in ("text", "date", "int"))
CHECKED = tuple(name for name in INPUTS if KINDS[name] in ("date", "int"))
TICKS = tuple(name for name, _, _ in ROWS if KINDS[name] == "bool")
# An accepted offer's contract: shown only while the status is "accepted". Until it is
# signed, the scenario helper says to hold the other offers rather than decline them.
ACCEPTED = ("signed_on", "start_date")
# Fields shown under their input in the sentence the draft sets them in, so the person
# sees how the words will read ("your commitment to …", a fragment made a sentence).
# news: said by a check-in note, or a template of yours.
PREVIEW_FIELDS = ("reason", "admired", "project", "news")


_WORDS = {name for name in INPUTS if KINDS[name] == "text"}


def _row(label: str, field: Widget) -> ComposeResult:
    """A label and its field: two cells of the form's grid, no container of their own."""
    yield Label(label, classes="field-label")
    yield field


def _preview_text(found: tuple[str, int, int] | None, width: int) -> Text:
    """ "→ “…sentence…”" with the field's words in bold; when the line is too narrow to reach
    them, the sentence's start gives way to "…" so the field itself stays in view."""
    if found is None:
        return Text("")
    sentence, start, end = found
    lead = "→ “"
    if width and len(lead) + end + 1 > width and start > 0:
        # a few words before the field stay ("by your "), and some of the field itself
        keep = max(0, min(16, width - len(lead) - 2 - min(10, end - start)))
        cut = sentence.find(" ", start - keep, start) if start > keep else -1
        if cut > 0:
            sentence, start, end = "…" + sentence[cut + 1 :], start - cut, end - cut
    text = literal(lead + sentence[:start], one_line=True)
    whole = start == 0 and end >= len(sentence) - 1  # a reason is its sentence: no bold
    text.append_text(literal(sentence[start:end], "" if whole else "bold", one_line=True))
    text.append_text(literal(sentence[end:] + "”", one_line=True))
    return text


def _unknown_choice(name: str) -> str:
    """What a Choice shows for a value it does not offer (a typo in the file): "other" where
    there is one, else the field's default."""
    if "other" in CHOICES[name]:
        return "other"
    return str(next(f.default for f in dataclasses.fields(Offer) if f.name == name))


def _shown_value(offer: Offer | None, name: str) -> str:
    """A field's value as its input shows it: a date in ISO form, no rounds as empty."""
    if offer is None:
        return ""
    value = getattr(offer, name)
    if KINDS[name] == "int":
        return str(value or "")
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, str) else ""  # a date not given yet


class OfferForm(VerticalScroll, can_focus=False):
    """Edits one offer. Posts Changed; the screen validates and applies."""

    DEFAULT_CSS = """
    OfferForm .field-preview {
        display: none;
        column-span: 2;
        height: 1;
        margin: 0 0 0 10;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    OfferForm .field-preview.-shown {
        display: block;
    }
    OfferForm #f-whole {
        display: none;
        column-span: 2;
        height: auto;
        margin: 0 0 0 2;
        color: $text;
        background: $accent 10%;
    }
    """

    class Changed(Message):
        def __init__(self, field: str, value: object) -> None:
            self.field = field
            self.value = value
            super().__init__()

    _errors: frozenset[str] = frozenset()  # the fields showing an error
    _shown = False  # whether an offer has been loaded yet

    def __init__(
        self,
        report: Callable[[str, object], None] | None = None,
        offer: Offer | None = None,
        **kwargs: Any,
    ) -> None:
        """`report(field, value)` hears each typed change within the keystroke itself, so the
        draft changes in the frame that shows the character; a Changed message would reach the
        screen only after that frame, and Textual paints the next one a frame or two later.
        Without `report`, typing is posted as Changed, like the other fields."""
        super().__init__(**kwargs)
        self._report = report
        # The offer shown first: its values go into the fields as they are made, which costs
        # the first frame nothing, where setting them once mounted restyles every field.
        self._first = offer
        self._loading = False
        self._offer: Offer | None = None  # the offer shown, for the field previews
        self._previewed: dict[str, tuple[object, int]] = {}  # what each preview shows now

    def compose(self) -> ComposeResult:
        yield Static("No offer selected: press ctrl+n to add one.", id="form-empty")
        with Vertical(id="form-fields"):
            yield from self._fields()
            # The focused field's whole value, wrapped under it, when the field is too
            # narrow to show it: one widget, moved to the field that has the focus.
            yield Static("", id="f-whole")

    def _input(self, name: str, hint: str) -> FieldInput:
        return FieldInput(
            _shown_value(self._first, name), placeholder=hint, id=f"f-{name}", compact=True
        )

    def _fields(self) -> ComposeResult:
        first = self._first
        accepted = first is not None and first.status == "accepted"
        for name, label, hint in ROWS:
            kind = KINDS[name]
            if kind == "bool":
                value = first is not None and getattr(first, name)
                yield TickBox(label, value, id=f"f-{name}", classes="field")
            elif name in ACCEPTED:
                for widget in (
                    Label(label, id=f"label-{name}", classes="field-label"),
                    self._input(name, hint),
                ):
                    widget.display = accepted
                    yield widget
            elif name in INPUTS:
                yield from _row(label, self._input(name, hint))
            else:
                yield from _row(label, Choice(self._options(name), id=f"f-{name}"))
            if name in CHECKED:
                yield Static("", id=f"err-{name}", classes="field-error")  # shown by its class
            if name in PREVIEW_FIELDS:
                yield Static("", id=f"preview-{name}", classes="field-preview")

    @staticmethod
    def _options(name: str) -> list[tuple[str, str]]:
        """A Choice's (label, value) pairs; the templates are set once an offer is loaded."""
        if name == "medium":
            return [(MEDIUM_NAMES[m], m) for m in MEDIUMS]
        if name == "template":
            return [("standard", "standard")]
        return [(value or "auto", value) for value in CHOICES[name]]

    def load(self, offer: Offer | None, medium: str, templates: list[str], today: date) -> None:
        """Show an offer's values without reporting them back as edits."""
        empty = offer is None
        self.query_one("#form-empty").display = empty
        self.query_one("#form-fields").display = not empty
        if offer is None:
            return
        self._shown = True
        # The same offer shown again after a change made elsewhere: a field showing an error
        # keeps the person's text and its error (the offer still has the last good value).
        same = self._offer is not None and self._offer.id == offer.id
        self._offer = offer
        self._loading = True
        try:
            self._load(offer, medium, templates, self._errors if same else frozenset())
        finally:
            self._loading = False
        self.show_previews()

    def _load(self, offer: Offer, medium: str, templates: list[str], keep: frozenset[str]) -> None:
        with self.prevent(Input.Changed, Checkbox.Changed):
            for name in INPUTS:
                if name not in keep:
                    self._set_input(name, _shown_value(offer, name))
            for name in CHECKED:
                if name not in keep:
                    self.show_error(name, None)
            self._show_accepted(offer.status == "accepted")
            for name, choices in CHOICES.items():
                value = getattr(offer, name)
                self.query_one(f"#f-{name}", Choice).value = (
                    value if value in choices else _unknown_choice(name)
                )
            for name in TICKS:
                self.query_one(f"#f-{name}", Checkbox).value = getattr(offer, name)
            self.query_one("#f-medium", Choice).value = medium
            self.set_templates(templates, offer.template)

    def set_templates(self, templates: list[str], current: str) -> None:
        choice = self.query_one("#f-template", Choice)
        choice.set_options([(t, t) for t in templates])  # shown literally: the person's text
        choice.value = current if current in templates else templates[0]
        self.show_previews()

    def _set_input(self, name: str, value: str) -> None:
        widget = self.query_one(f"#f-{name}", Input)
        if widget.value != value:
            widget.value = value
            widget.cursor_position = len(value)

    def show_error(self, field: str, message: str | None) -> None:
        """An error next to the field; the typed text stays as it is."""
        if not message and field not in self._errors:
            return  # nothing to clear; this runs on every keystroke, the look-ups cost
        self._errors = (self._errors | {field}) if message else (self._errors - {field})
        for error in self.query(f"#err-{field}").results(Static):
            text = literal(f"✗ {message}") if message else Text("")
            error.update(text)
            self._fit(error, text)
            error.set_class(bool(message), "-shown")
        for widget in self.query(f"#f-{field}"):
            widget.set_class(bool(message), "-invalid")

    def _show_accepted(self, accepted: bool) -> None:
        """The contract's rows (Signed, Starts) only for an accepted offer."""
        for name in ACCEPTED:
            for widget in self.query(f"#label-{name}, #f-{name}"):
                if widget.display != accepted:
                    widget.display = accepted

    def on_mount(self) -> None:
        for name in INPUTS:
            field = self.query_one(f"#f-{name}", Input)
            self.watch(field, "value", partial(self._typed, name), init=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_whole(event.widget if isinstance(event.widget, Input) else None)
        if isinstance(event.widget, Input):
            self._recursor()  # it was placed before the field scrolled to its end

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self._whole_of:
            self._show_whole(None)

    _whole_of: Input | None = None  # the field whose value #f-whole shows

    def _show_whole(self, field: Input | None) -> None:
        """Under the focused field, its whole value when the field cuts it off."""
        whole = self.query_one("#f-whole", Static)
        width = field.content_region.width if field is not None else 0
        if field is None or cell_len(field.value) < max(width, 1):
            self._whole_of = None
            if whole.display:
                whole.display = False
                self._recursor()
            return
        if self._whole_of is not field:
            self._whole_of = field
            self.query_one("#form-fields").move_child(whole, after=field)
        text = literal(field.value)
        update_static(whole, text)
        self._fit(whole, text, margin=2)
        if not whole.display:
            whole.display = True
            self._recursor()

    def _recursor(self) -> None:
        """The rows under the whole value moved: once they are laid out again, put the
        terminal's cursor (which screen readers and input methods follow) where the focused
        field now is. Textual's Input places it only on focus and when its cursor moves, so
        it stayed on the row the field was on a frame ago."""

        def place(again: bool) -> None:
            focused = self.app.focused
            if isinstance(focused, Input):
                self.app.cursor_position = focused.cursor_screen_offset
            if again:  # on a busy machine the rows can take one more frame to be laid out
                self.call_after_refresh(place, False)

        self.call_after_refresh(place, True)

    def _fit(self, cell: Widget, text: Text, margin: int = 0) -> None:
        """Cap a row that spans both columns at the lines its text takes across both.

        Textual's grid measures an auto row's spanning cell as if it were one column wide
        (the 10-column labels): the row would be several blank lines too tall."""
        room = self.query_one("#form-fields").content_region.width - margin
        cell.styles.max_height = max(1, len(text.wrap(self.app.console, max(room, 10))))

    def _typed(self, name: str, value: str) -> None:
        if self._whole_of is not None and self._whole_of.id == f"f-{name}":
            self._show_whole(self._whole_of)
        if self._loading:
            return
        if self._report is not None:
            self._report(name, value)
        else:
            self.post_message(self.Changed(name, value))
        # Words go in as typed; a date or a number is left to the screen, which parses it.
        self.show_previews({name: value} if name in _WORDS else None)

    # ------------------------------------------------------------------ previews

    def _workbook(self) -> Workbook | None:
        """The app's workbook, for the person's own templates and name; None in a bare app."""
        session = getattr(self.app, "session", None)
        wb = getattr(session, "wb", None)
        return wb if isinstance(wb, Workbook) else None

    def show_previews(self, typed: dict[str, str] | None = None) -> None:
        """Each previewed field in its sentence, in the template chosen in the form.

        `typed` holds a value just typed, which the screen may not have applied yet. Cheap
        enough for every keystroke: one render of the template for all of them.
        """
        offer = self._offer
        if offer is None or not self.is_mounted:
            return
        if typed:
            changes: dict[str, Any] = dict(typed)  # text fields only: str, as the form has them
            offer = dataclasses.replace(offer, **changes)
        wb = self._workbook()
        name = self.query_one("#f-template", Choice).value
        medium = self.query_one("#f-medium", Choice).value
        try:
            template = pick_template(
                wb,
                name if isinstance(name, str) else offer.template,
                medium if isinstance(medium, str) else None,
            )
        except TemplateError:
            return
        profile = wb.profile if wb is not None else Profile()
        sentences = fields_in_sentences(template, offer, profile, PREVIEW_FIELDS)
        for field, found in sentences.items():
            preview = self.query_one(f"#preview-{field}", Static)
            width = preview.content_region.width
            if self._previewed.get(field) == (found, width):
                continue  # most keys change one sentence: leave the others as they are
            self._previewed[field] = (found, width)
            preview.update(_preview_text(found, width))
            preview.set_class(found is not None, "-shown")

    def on_resize(self) -> None:
        self.show_previews()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # already reported by _typed, as the value changed

    def on_choice_changed(self, event: Choice.Changed) -> None:
        event.stop()
        if event.choice.id == "f-status":
            self._show_accepted(event.value == "accepted")
            if event.value != "accepted":
                for name in ACCEPTED:
                    self.show_error(name, None)
        if self._shown and event.choice.id:
            self.post_message(self.Changed(event.choice.id.removeprefix("f-"), event.value))
            self.show_previews()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id:
            self.post_message(self.Changed(event.checkbox.id.removeprefix("f-"), event.value))
