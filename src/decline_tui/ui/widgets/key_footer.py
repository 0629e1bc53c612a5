"""The footer: only the keys that fit, each whole, F1 first.

Textual's footer lays every entry in one row and cuts at the edge ("f8 Tem"), and docks its
command palette entry over the last one ("^ppal ette"). Here an entry that does not fit is
left out whole, and ctrl+p is left to the help screen (F1, always shown, lists every key).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter", "entry_width"]

FIRST = "f1"  # help lists every key, so it is the one entry that must always show


def entry_width(key: FooterKey) -> int:
    """Cells an entry takes: the key padded by a space each side, then the description and
    a space (Textual's FooterKey styles)."""
    width = cell_len(key.key_display) + 2
    if key.description:
        width += cell_len(key.description) + 1
    return width


class KeyFooter(Footer):
    """A Footer without the palette entry that drops, whole, what does not fit."""

    def __init__(self, **kwargs: Any) -> None:  # Footer's own keywords (id, classes, …)
        super().__init__(show_command_palette=False, **kwargs)
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        entries = list(super().compose())
        entries.sort(key=lambda w: not (isinstance(w, FooterKey) and w.key == FIRST))
        used = 0
        for entry in entries:
            if isinstance(entry, FooterKey):
                need = entry_width(entry)
                if used + need > width:
                    continue
                used += need
            yield entry

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
