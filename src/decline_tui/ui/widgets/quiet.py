"""Updates that cost nothing when nothing changed.

Every Static.update() asks Textual for a layout pass and a repaint of the whole screen's
arrangement, and the panes are refreshed on every keystroke; most keystrokes change only the
draft, so the other panes must not pay for an update that shows the same thing.
"""

from __future__ import annotations

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static


def _same(old: object, new: object) -> bool:
    if isinstance(old, Text) and isinstance(new, Text):
        return (
            old.plain == new.plain
            and old.spans == new.spans
            and old.style == new.style
            and (old.justify, old.overflow, old.no_wrap, old.end)
            == (new.justify, new.overflow, new.no_wrap, new.end)
        )
    return type(old) is type(new) and isinstance(new, str) and old == new


def update_static(static: Static, content: VisualType) -> bool:
    """Show `content` unless the Static shows exactly that already; True when it updated."""
    if _same(static.content, content):
        return False
    static.update(content)
    return True
