"""The offer details region: a field for everything a draft is written from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from decline_tui.core.model import CHANNELS, MEDIUMS, STATUSES, Offer
from decline_tui.ui.widgets.field_input import FieldInput
from decline_tui.ui.widgets.literal import literal

MEDIUM_NAMES = {"email": "Email", "phone": "Phone script", "linkedin": "LinkedIn note"}

# (field, label, placeholder): the order they appear in.
TEXT_INPUTS = (
    ("company", "Company", "Acme Robotics"),
    ("role", "Role", "Senior Product Designer"),
    ("contact_name", "Contact", "hiring manager or recruiter"),
    ("contact_email", "Their email", "name@company.com"),
)
DATE_INPUTS = (
    ("received", "Received", "YYYY-MM-DD"),
    ("deadline", "Deadline", "YYYY-MM-DD"),
)
PROSE_INPUTS = (
    ("reason", "Reason", "one or two sentences: I have accepted a role closer to home."),
    ("admired", "Admired", "something specific: your team's care for accessibility"),
    ("project", "Project", "a project you enjoyed learning about"),
    ("notes", "Notes", "for you only, never sent"),
)
EXTRA_INPUTS = (
    ("interviews", "Interviews", "rounds of interviews, e.g. 3"),
    ("referrer", "Referred by", "who referred you, if anyone"),
    ("referrer_email", "Their email", "the referrer's email"),
)


def _row(label: str, field: Widget) -> ComposeResult:
    with Horizontal(classes="field-row"):
        yield Label(label, classes="field-label")
        yield field


class OfferForm(VerticalScroll, can_focus=False):
    """Edits one offer. Posts Changed; the screen validates and applies."""

    class Changed(Message):
        def __init__(self, field: str, value: object) -> None:
            self.field = field
            self.value = value
            super().__init__()

    _errors: frozenset[str] = frozenset()  # the fields showing an error
    _shown = False  # whether an offer has been loaded yet

    def __init__(self, report: Callable[[str, object], None] | None = None, **kwargs: Any) -> None:
        """`report(field, value)` hears each typed change within the keystroke itself, so the
        draft changes in the frame that shows the character; a Changed message would reach the
        screen only after that frame, and Textual paints the next one a frame or two later.
        Without `report`, typing is posted as Changed, like the other fields."""
        super().__init__(**kwargs)
        self._report = report
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static("No offer selected: press ctrl+n to add one.", id="form-empty")
        with Vertical(id="form-fields"):
            yield from self._fields()

    def _fields(self) -> ComposeResult:
        for name, label, hint in TEXT_INPUTS:
            yield from _row(label, FieldInput(placeholder=hint, id=f"f-{name}", compact=True))
        for name, label, hint in DATE_INPUTS:
            yield from _row(label, FieldInput(placeholder=hint, id=f"f-{name}", compact=True))
            yield Static("", id=f"err-{name}", classes="field-error")
        yield from _row(
            "Came by",
            Select([(c, c) for c in CHANNELS], id="f-channel", allow_blank=False, compact=True),
        )
        for name, label, hint in PROSE_INPUTS:
            yield from _row(label, FieldInput(placeholder=hint, id=f"f-{name}", compact=True))
        for name, label, hint in EXTRA_INPUTS:
            yield from _row(label, FieldInput(placeholder=hint, id=f"f-{name}", compact=True))
            if name == "interviews":
                yield Static("", id=f"err-{name}", classes="field-error")
        yield Checkbox("Stay in touch (door open)", id="f-future_open", classes="field")
        yield Checkbox("Offer to refer people", id="f-offer_referrals", classes="field")
        yield from _row(
            "Status",
            Select([(s, s) for s in STATUSES], id="f-status", allow_blank=False, compact=True),
        )
        yield from _row(
            "Medium",
            Select(
                [(MEDIUM_NAMES[m], m) for m in MEDIUMS],
                id="f-medium",
                allow_blank=False,
                compact=True,
            ),
        )
        yield from _row(
            "Template",
            Select([("standard", "standard")], id="f-template", allow_blank=False, compact=True),
        )

    def load(self, offer: Offer | None, medium: str, templates: list[str], today: date) -> None:
        """Show an offer's values without reporting them back as edits."""
        empty = offer is None
        self.query_one("#form-empty").display = empty
        self.query_one("#form-fields").display = not empty
        if offer is None:
            return
        self._shown = True
        self._loading = True
        try:
            self._load(offer, medium, templates)
        finally:
            self._loading = False

    def _load(self, offer: Offer, medium: str, templates: list[str]) -> None:
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            for name, _, _ in TEXT_INPUTS + PROSE_INPUTS + EXTRA_INPUTS:
                value = getattr(offer, name)
                self._set_input(name, str(value or "") if name == "interviews" else value)
            for name, _, _ in DATE_INPUTS:
                value = getattr(offer, name)
                self._set_input(name, value.isoformat() if value else "")
            for name in ("received", "deadline", "interviews"):
                self.show_error(name, None)
            self.query_one("#f-channel", Select).value = (
                offer.channel if offer.channel in CHANNELS else "other"
            )
            self.query_one("#f-status", Select).value = (
                offer.status if offer.status in STATUSES else "deciding"
            )
            self.query_one("#f-future_open", Checkbox).value = offer.future_open
            self.query_one("#f-offer_referrals", Checkbox).value = offer.offer_referrals
            self.query_one("#f-medium", Select).value = medium
            self.set_templates(templates, offer.template)

    def set_templates(self, templates: list[str], current: str) -> None:
        select = self.query_one("#f-template", Select)
        with self.prevent(Select.Changed):
            select.set_options([(literal(t, one_line=True), t) for t in templates])  # user text
            select.value = current if current in templates else templates[0]

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
            widget.update(literal(f"✗ {message}") if message else "")
            widget.set_class(bool(message), "-shown")
        for widget in self.query(f"#f-{field}"):
            widget.set_class(bool(message), "-invalid")

    def on_mount(self) -> None:
        for name, _, _ in TEXT_INPUTS + DATE_INPUTS + PROSE_INPUTS + EXTRA_INPUTS:
            field = self.query_one(f"#f-{name}", Input)
            self.watch(field, "value", partial(self._typed, name), init=False)

    def _typed(self, name: str, value: str) -> None:
        if self._loading:
            return
        if self._report is not None:
            self._report(name, value)
        else:
            self.post_message(self.Changed(name, value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # already reported by _typed, as the value changed

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        # A Select reports its first option as it mounts, before any offer is shown, and
        # that report may arrive after the offer's own value is in: neither is an edit, and
        # passed on it would overwrite the offer's channel, status and template.
        if not self._shown or event.value != event.select.value:
            return
        if event.select.id and event.value is not Select.NULL:
            self.post_message(self.Changed(event.select.id.removeprefix("f-"), event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id:
            self.post_message(self.Changed(event.checkbox.id.removeprefix("f-"), event.value))
