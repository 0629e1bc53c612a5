"""The offer details region: a field for everything a draft is written from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from decline_tui.core.compose import fields_in_sentences
from decline_tui.core.model import (
    CHANNELS,
    MEDIUMS,
    REGISTERS,
    STATUSES,
    Offer,
    Profile,
    Workbook,
)
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

# (field, label, placeholder): the order they appear in.
TEXT_INPUTS = (
    ("company", "Company", "Acme Robotics"),
    ("role", "Role", "Senior Product Designer"),
    ("short_role", "↳ short", "for subjects and calls, e.g. Senior Engineer"),
    ("contact_name", "Contact", "hiring manager or recruiter"),
    ("preferred_name", "Goes by", "their preferred first name"),
    ("contact_email", "Email", "name@company.com"),
)
# How the draft greets the contact; "auto": as the template does.
REGISTER_CHOICES = (("auto", ""), ("formal", "formal"), ("informal", "informal"))
DATE_INPUTS = (
    ("received", "Received", "YYYY-MM-DD"),
    ("deadline", "Deadline", "YYYY-MM-DD"),
)
# An accepted offer's contract: shown only while the status is "accepted". Until it is
# signed, the scenario helper says to hold the other offers rather than decline them.
ACCEPTED_INPUTS = (
    ("signed_on", "Signed", "YYYY-MM-DD: the day you signed the contract"),
    ("start_date", "Starts", "YYYY-MM-DD: your first day"),
)
PROSE_INPUTS = (
    ("reason", "Reason", "one or two sentences: I have accepted a role closer to home."),
    ("admired", "Admired", "something specific: your team's care for accessibility"),
    ("project", "Project", "a project you enjoyed learning about"),
    ("notes", "Notes", "for you only, never sent"),
)
# Fields shown under their input in the sentence the draft sets them in, so the person
# sees how the words will read ("your commitment to …", a fragment made a sentence).
PREVIEW_FIELDS = ("reason", "admired", "project", "news")
EXTRA_INPUTS = (
    ("news", "News", "their latest news, for a check-in: the Series B"),
    ("interviews", "Rounds", "rounds of interviews, e.g. 3"),
    ("referrer", "Referrer", "who referred you, if anyone"),
    ("referrer_email", "↳ email", "the referrer's email"),
)


_WORDS = {name for name, _, _ in TEXT_INPUTS + PROSE_INPUTS + EXTRA_INPUTS} - {"interviews"}


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


def _shown_value(offer: Offer | None, name: str) -> str:
    """A field's value as its input shows it: a date in ISO form, no rounds as empty."""
    if offer is None:
        return ""
    value = getattr(offer, name)
    if name == "interviews":
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
        for name, label, hint in TEXT_INPUTS:
            yield from _row(label, self._input(name, hint))
            if name == "preferred_name":
                yield from _row("Register", Choice(list(REGISTER_CHOICES), id="f-register"))
        for name, label, hint in DATE_INPUTS:
            yield from _row(label, self._input(name, hint))
            yield Static("", id=f"err-{name}", classes="field-error")
        yield from _row("Came by", Choice([(c, c) for c in CHANNELS], id="f-channel"))
        for name, label, hint in PROSE_INPUTS:
            field = self._input(name, hint)
            yield from _row(label, field)
            if name in PREVIEW_FIELDS:
                yield Static("", id=f"preview-{name}", classes="field-preview")
        for name, label, hint in EXTRA_INPUTS:
            yield from _row(label, self._input(name, hint))
            if name in PREVIEW_FIELDS:  # news: said by a check-in note, or a template of yours
                yield Static("", id=f"preview-{name}", classes="field-preview")
            if name == "interviews":
                yield Static("", id=f"err-{name}", classes="field-error")
        first = self._first
        yield TickBox(
            "Stay in touch",
            first is not None and first.future_open,
            id="f-future_open",
            classes="field",
        )
        yield TickBox(
            "Offer referrals",
            first is not None and first.offer_referrals,
            id="f-offer_referrals",
            classes="field",
        )
        yield from _row("Status", Choice([(s, s) for s in STATUSES], id="f-status"))
        accepted = first is not None and first.status == "accepted"
        for name, label, hint in ACCEPTED_INPUTS:
            for widget in (
                Label(label, id=f"label-{name}", classes="field-label"),
                self._input(name, hint),
            ):
                widget.display = accepted
                yield widget
            yield Static("", id=f"err-{name}", classes="field-error")  # shown by its class
        yield from _row("Medium", Choice([(MEDIUM_NAMES[m], m) for m in MEDIUMS], id="f-medium"))
        yield from _row("Template", Choice([("standard", "standard")], id="f-template"))

    def load(self, offer: Offer | None, medium: str, templates: list[str], today: date) -> None:
        """Show an offer's values without reporting them back as edits."""
        empty = offer is None
        self.query_one("#form-empty").display = empty
        self.query_one("#form-fields").display = not empty
        if offer is None:
            return
        self._shown = True
        self._offer = offer
        self._loading = True
        try:
            self._load(offer, medium, templates)
        finally:
            self._loading = False
        self.show_previews()

    def _load(self, offer: Offer, medium: str, templates: list[str]) -> None:
        with self.prevent(Input.Changed, Checkbox.Changed):
            for name, _, _ in TEXT_INPUTS + DATE_INPUTS + PROSE_INPUTS + EXTRA_INPUTS:
                self._set_input(name, _shown_value(offer, name))
            for name, _, _ in ACCEPTED_INPUTS:
                self._set_input(name, _shown_value(offer, name))
            for name in ("received", "deadline", "interviews", "signed_on", "start_date"):
                self.show_error(name, None)
            self._show_accepted(offer.status == "accepted")
            self.query_one("#f-channel", Choice).value = (
                offer.channel if offer.channel in CHANNELS else "other"
            )
            self.query_one("#f-status", Choice).value = (
                offer.status if offer.status in STATUSES else "deciding"
            )
            self.query_one("#f-register", Choice).value = (
                offer.register if offer.register in REGISTERS else ""
            )
            self.query_one("#f-future_open", Checkbox).value = offer.future_open
            self.query_one("#f-offer_referrals", Checkbox).value = offer.offer_referrals
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
        for widget in self.query(f"#err-{field}"):
            text = literal(f"✗ {message}") if message else Text("")
            widget.update(text)
            self._fit(widget, text)
            widget.set_class(bool(message), "-shown")
        for widget in self.query(f"#f-{field}"):
            widget.set_class(bool(message), "-invalid")

    def _show_accepted(self, accepted: bool) -> None:
        """The contract's rows (Signed, Starts) only for an accepted offer."""
        for name, _, _ in ACCEPTED_INPUTS:
            for widget in self.query(f"#label-{name}, #f-{name}"):
                if widget.display != accepted:
                    widget.display = accepted

    def on_mount(self) -> None:
        for name, _, _ in ACCEPTED_INPUTS:
            field = self.query_one(f"#f-{name}", Input)
            self.watch(field, "value", partial(self._typed, name), init=False)
        for name, _, _ in TEXT_INPUTS + DATE_INPUTS + PROSE_INPUTS + EXTRA_INPUTS:
            field = self.query_one(f"#f-{name}", Input)
            self.watch(field, "value", partial(self._typed, name), init=False)

    def on_descendant_focus(self, event) -> None:
        self._show_whole(event.widget if isinstance(event.widget, Input) else None)
        if isinstance(event.widget, Input):
            self._recursor()  # it was placed before the field scrolled to its end

    def on_descendant_blur(self, event) -> None:
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
            offer = dataclasses.replace(offer, **typed)
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
                for name, _, _ in ACCEPTED_INPUTS:
                    self.show_error(name, None)
        if self._shown and event.choice.id:
            self.post_message(self.Changed(event.choice.id.removeprefix("f-"), event.value))
            self.show_previews()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id:
            self.post_message(self.Changed(event.checkbox.id.removeprefix("f-"), event.value))
