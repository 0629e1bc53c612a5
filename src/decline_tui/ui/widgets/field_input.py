"""The one-line field of the form and the dialogs: nothing typed or pasted is lost unseen.

Textual's Input selects its whole value when focused, so the first key after a Tab replaced
a company name or a reason; here focus puts the cursor at the end instead. Its paste keeps the
first line and drops the rest without a word; here the lines are joined with single spaces and
the person is told.
"""

from __future__ import annotations

import re
from typing import Any

from textual import events

from decline_tui.ui.widgets.literal import LiteralInput

__all__ = ["FieldInput", "one_line"]

# Line ends only: a form feed or a NUL is a character the field keeps (shown as a stand-in).
_LINE_END = re.compile(r"\r\n|[\r\n\u2028\u2029]")
# Spaces and tabs (Unicode spaces too) at either end; not the control characters Python
# also counts as whitespace (form feed, \x1c-\x1f, NEL): those are kept like any character.
_EDGE_SPACE = re.compile(r"^[^\S\x0b\x0c\x1c-\x1f\x85]+|[^\S\x0b\x0c\x1c-\x1f\x85]+$")


def one_line(text: str) -> tuple[str, int]:
    """Pasted text as one line, and how many lines went into it (0 when all were blank).

    One line stays exactly as pasted; several are each trimmed and joined with single spaces,
    blank ones skipped, so no word is glued to the next and none is dropped.
    """
    parts = _LINE_END.split(text)
    if len(parts) == 1:  # no line end: as pasted, even if it is only a space
        return text, 1 if text else 0
    lines = [line for line in parts if _EDGE_SPACE.sub("", line)]
    if len(lines) <= 1:
        return (lines[0] if lines else ""), len(lines)
    return " ".join(_EDGE_SPACE.sub("", line) for line in lines), len(lines)


class FieldInput(LiteralInput):
    """A LiteralInput that never selects its value on focus and joins a multi-line paste
    (from the terminal or from ctrl+v) into one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def _on_focus(self, event: events.Focus) -> None:
        # Runs before Input's own handler, which then places the terminal cursor. The
        # terminal window regaining focus is not the person moving here: leave the cursor.
        if not self.select_on_focus and not event.from_app_focus:
            self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste keeps the first line only
        self.paste(event.text)

    def action_paste(self) -> None:
        """ctrl+v: the app's clipboard may hold a whole draft (ctrl+t copies it)."""
        self.paste(self.app.clipboard)

    def paste(self, text: str) -> None:
        """Pasted text at the cursor (over a selection) as one line; says so when lines joined."""
        line, count = one_line(text)
        if line:
            start, end = self.selection
            self.replace(line, start, end)
        if count > 1:
            self.notify(
                f"Pasted {count} lines as one line: this field holds a single line.",
                markup=False,
            )
