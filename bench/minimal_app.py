"""The baselines of the pseudo-terminal benchmarks: the least a Textual app can be.

python -m bench.minimal_app startup   # a Header, a Static and a Footer
python -m bench.minimal_app echo      # an Input whose value a Static echoes on every change

Launched the same way as decline-tui (the same interpreter, `-m`), so both pay the same
interpreter and Textual start-up; whatever decline-tui takes beyond this is its own.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static

BASELINE_TITLE = "baseline"
STARTUP_TEXT = "minimal app ready"
ECHO_PREFIX = "echo: "


class MinimalApp(App[None]):
    TITLE = BASELINE_TITLE
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Header()
        if self.mode == "echo":
            yield Input(id="field")
            yield Static(ECHO_PREFIX, id="echo")
        else:
            yield Static(STARTUP_TEXT)
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(ECHO_PREFIX + event.value)


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "startup"
    if mode not in {"startup", "echo"}:
        print(f"usage: python -m bench.minimal_app [startup|echo], not {mode!r}", file=sys.stderr)
        return 2
    MinimalApp(mode).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
