"""Below 80×24 the workbook cannot be drawn whole: say so, and what size it needs.

The main screen pushes this screen when the terminal gets too small and it takes itself
away once the terminal is large enough again. The screen under it is left as it was: its
fields keep what was typed, and the focus comes back to where it was. ctrl+q (the app's
own binding) still saves and quits.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def too_small(width: int, height: int) -> bool:
    """Whether a terminal of this size is below what the workbook needs."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


def message(width: int, height: int) -> str:
    return (
        f"The terminal is {width}×{height}; decline-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
        "Make the window larger, or press ctrl+q to quit."
    )


class TooSmallScreen(Screen[None]):
    """A full-screen message while the terminal is below MIN_WIDTH × MIN_HEIGHT."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
    }
    TooSmallScreen #too-small {
        width: auto;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        text-align: center;
        text-style: bold;
    }
    """
    AUTO_FOCUS = ""

    def compose(self) -> ComposeResult:
        size = self.app.size
        with Middle(), Center():
            yield Static(message(size.width, size.height), id="too-small", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        size = event.size
        if not too_small(size.width, size.height):
            if self.app.screen is self:
                self.dismiss()
            return
        for text in self.query("#too-small").results(Static):  # not there before compose
            text.update(message(size.width, size.height))

    def on_screen_resume(self) -> None:
        """Back on top (a dialog opened over it has closed): still needed?"""
        size = self.app.size
        if not too_small(size.width, size.height):
            self.call_later(self.dismiss)

    def on_key(self, event: events.Key) -> None:
        """Keys do nothing here (ctrl+q, a priority binding of the app, still quits): the
        screen they were meant for is not drawn, so nothing should change unseen."""
        event.stop()
        event.prevent_default()
