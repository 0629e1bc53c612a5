"""F1: every key, generated from the bindings themselves, and a short guide."""

from __future__ import annotations

from importlib import resources

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static


def key_table(sections: list[tuple[str, list[Binding]]]) -> Table:
    """Keys by section, shown the way the footer shows them; descriptions are plain text."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("key", style="bold", no_wrap=True, width=16)
    table.add_column("does")
    for i, (title, bindings) in enumerate(sections):
        table.add_row(Text(title, style="bold underline"), "", end_section=False)
        for b in bindings:
            keys = " / ".join(k.strip() for k in b.key.split(","))
            table.add_row(Text(keys), Text(b.tooltip or b.description))
        if i < len(sections) - 1:
            table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        guide = resources.files("decline_tui.ui.screens").joinpath("help.md").read_text("utf-8")
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys  (escape closes this help)", style="bold"), id="help-title")
            yield Static(key_table(self.sections), id="help-keys")
            yield Markdown(guide)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
