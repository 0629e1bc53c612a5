"""The offer details region: a field for everything a draft is written from."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from decline_tui.core.model import CHANNELS, MEDIUMS, STATUSES, Offer

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

    def compose(self) -> ComposeResult:
        yield Static("No offer selected: press ctrl+n to add one.", id="form-empty")
        with Vertical(id="form-fields"):
            yield from self._fields()

    def _fields(self) -> ComposeResult:
        for name, label, hint in TEXT_INPUTS:
            yield from _row(label, Input(placeholder=hint, id=f"f-{name}", compact=True))
        for name, label, hint in DATE_INPUTS:
            yield from _row(label, Input(placeholder=hint, id=f"f-{name}", compact=True))
            yield Static("", id=f"err-{name}", classes="field-error")
        yield from _row(
            "Came by",
            Select([(c, c) for c in CHANNELS], id="f-channel", allow_blank=False, compact=True),
        )
        for name, label, hint in PROSE_INPUTS:
            yield from _row(label, Input(placeholder=hint, id=f"f-{name}", compact=True))
        for name, label, hint in EXTRA_INPUTS:
            yield from _row(label, Input(placeholder=hint, id=f"f-{name}", compact=True))
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
            select.set_options([(Text(t), t) for t in templates])  # names are user text
            select.value = current if current in templates else templates[0]

    def _set_input(self, name: str, value: str) -> None:
        widget = self.query_one(f"#f-{name}", Input)
        if widget.value != value:
            widget.value = value
            widget.cursor_position = len(value)

    def show_error(self, field: str, message: str | None) -> None:
        """An error next to the field; the typed text stays as it is."""
        for widget in self.query(f"#err-{field}"):
            widget.update(f"✗ {message}" if message else "")
            widget.set_class(bool(message), "-shown")
        for widget in self.query(f"#f-{field}"):
            widget.set_class(bool(message), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id:
            self.post_message(self.Changed(event.input.id.removeprefix("f-"), event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id and event.value is not Select.NULL:
            self.post_message(self.Changed(event.select.id.removeprefix("f-"), event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id:
            self.post_message(self.Changed(event.checkbox.id.removeprefix("f-"), event.value))
