"""A one-line choice among a few values, for the Details form.

Textual's Select is five widgets with a drop-down overlay; the form has four of them, which
cost the first frame a fifth of the form's time, and a drop-down over a 28-column region
covers the fields under it. The choices here are short lists (channel, status, medium,
template) that cycle in place: space, enter or → for the next, ← for the previous, a click
for the next.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from decline_tui.ui.widgets.literal import literal


class Choice(Widget, can_focus=True):
    """Shows the chosen label; posts Changed when the person picks another."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        background: $boost;
    }
    Choice:focus {
        background: $accent 25%;
    }
    """

    BINDINGS = [
        Binding("space,enter,right", "step(1)", "Next choice", show=False),
        Binding("left", "step(-1)", "Previous choice", show=False),
    ]

    class Changed(Message):
        def __init__(self, choice: Choice, value: str) -> None:
            self.choice = choice
            self.value = value
            super().__init__()

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: list[tuple[str, str]], **kwargs: Any) -> None:
        """`options` are (label, value) pairs; the first is chosen until `value` is set."""
        super().__init__(**kwargs)
        self._options = list(options)
        self._value = options[0][1] if options else ""

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        """Set without a Changed message: only the person's own picks are edits."""
        if value != self._value:
            self._value = value
            self.refresh()

    @property
    def values(self) -> list[str]:
        return [value for _, value in self._options]

    def set_options(self, options: list[tuple[str, str]]) -> None:
        self._options = list(options)
        self.refresh()

    def _label(self) -> str:
        return next((label for label, value in self._options if value == self._value), self._value)

    def render(self) -> Text:
        text = literal(self._label(), one_line=True)  # a template's name is the person's text
        mark = ("‹ ›" if self.has_focus else "▸") if len(self._options) > 1 else ""
        room = self.content_region.width - len(mark) - 1
        if text.cell_len > room:
            text.truncate(max(room - 1, 0))
            text.append("…")
        text.pad_right(max(room - text.cell_len, 0) + 1)
        text.append(mark, style="dim")
        return text

    def action_step(self, step: int) -> None:
        values = self.values
        if len(values) < 2:
            return
        at = values.index(self._value) if self._value in values else -1
        self.value = values[(at + step) % len(values)]
        self.post_message(self.Changed(self, self._value))

    async def _on_click(self, event: events.Click) -> None:  # async, as Widget's: it overrides it
        event.stop()
        self.focus()
        self.action_step(1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
