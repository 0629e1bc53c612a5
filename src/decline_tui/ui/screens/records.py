"""An offer's contacts and log, to edit or delete one (e in the scenario helper)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from decline_tui.core.model import Offer
from decline_tui.ui.screens.dialogs import confirm
from decline_tui.ui.widgets.literal import visible

if TYPE_CHECKING:
    from decline_tui.ui.screens.main import MainScreen


class RecordsScreen(ModalScreen[None]):
    """An offer's contacts and log: enter edits the highlighted one, delete removes it."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "edit", "Edit", priority=True),
        Binding("delete,x", "remove", "Delete"),
    ]

    def __init__(self, owner: MainScreen, offer: Offer) -> None:
        super().__init__()
        self.owner = owner
        self.offer = offer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                Text.assemble(
                    (visible(f"Contacts and log: {self.offer.label}", one_line=True), "bold"),
                    ("   enter edits · delete removes · escape closes", "dim"),
                ),
                classes="dialog-title",
            )
            yield OptionList(id="records")

    def on_mount(self) -> None:
        self.fill()
        self.watch(self.owner, "revision", self.fill, init=False)  # after each change
        self.query_one("#records").focus()

    def fill(self) -> None:
        records = self.query_one("#records", OptionList)
        keep = records.highlighted
        records.clear_options()
        for i, c in enumerate(self.offer.contacts):
            line = Text.assemble(
                ("contact  ", "cyan"),
                visible(c.name, one_line=True),
                (f"  {visible(c.role, one_line=True)}", "dim"),
                (f"  · {visible(c.note, one_line=True)}" if c.note else "", "italic dim"),
            )
            records.add_option(Option(line, id=f"c{i}"))
        for i, entry in enumerate(self.offer.log):
            line = Text.assemble(
                (f"{entry.date.isoformat()}  ", "bold"),
                (visible(f"{entry.kind} ({entry.channel})", one_line=True), "yellow"),
                (
                    f"  with {visible(entry.contact, one_line=True)}" if entry.contact else "",
                    "cyan",
                ),
                f"  {visible(entry.note, one_line=True)}",
            )
            records.add_option(Option(line, id=f"l{i}"))
        if not records.option_count:
            records.add_option(
                Option(Text("Nothing yet: a (contact) and l (log) add some."), disabled=True)
            )
        else:
            records.highlighted = min(keep or 0, records.option_count - 1)

    def _selected(self) -> tuple[str, int] | None:
        records = self.query_one("#records", OptionList)
        if records.highlighted is None:
            return None
        option_id = records.get_option_at_index(records.highlighted).id
        return (option_id[0], int(option_id[1:])) if option_id else None

    def action_remove(self) -> None:
        picked = self._selected()
        if picked is None:
            return
        kind, i = picked
        session = self.owner.session

        def done(choice: str | None) -> None:
            if choice == "yes":  # the list fills again: it watches the workbook (on_mount)
                session.delete_record(self.offer, "contact" if kind == "c" else "log", i)

        self.app.push_screen(
            confirm("Delete this entry?", "It is removed from the workbook.", yes="Delete"), done
        )

    def action_edit(self) -> None:
        picked = self._selected()
        if picked is None:
            return
        kind, i = picked
        if kind == "c":
            self.owner.scenarios.edit_contact(self.offer, i)
        else:
            self.owner.scenarios.edit_interaction(self.offer, i)
