"""Dialogs that decide between two versions of the person's words: never by a stray key.

Both open on something that is not a decision (a choice per field, a list to read), so an
Enter meant for the draft cannot overwrite anything; each decision is its own button or key,
and Escape always means "decide later" with nothing lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from decline_tui.core.journal import Recovered
from decline_tui.core.merge import Collision
from decline_tui.ui.widgets.literal import literal

SHOWN_CHANGES = 40  # lines of a recovery's changes listed; the rest are counted


class MergeDialog(ModalScreen[dict[tuple[str, ...], str] | None]):
    """Field by field, keep mine or take theirs; Apply once every field has a choice."""

    BINDINGS = [
        Binding("escape", "later", "Decide later"),
        Binding("m", "all('mine')", "All mine"),
        Binding("t", "all('theirs')", "All theirs"),
    ]

    def __init__(self, collisions: list[Collision]) -> None:
        super().__init__()
        self.collisions = collisions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="merge"):
            yield Static(literal("Both versions changed the same fields", "bold"))
            yield Static(
                "Another program saved the workbook while you were editing. Everything that "
                "did not collide is merged already. For each field below, keep yours or take "
                "theirs (m: all mine, t: all theirs), then Apply. Escape decides later: "
                "nothing is lost, and nothing is saved until you choose.",
                classes="dialog-message",
            )
            with VerticalScroll(id="merge-rows"):
                for i, collision in enumerate(self.collisions):
                    yield Static(literal(collision.label, "bold"), classes="merge-label")
                    with RadioSet(id=f"merge-{i}", classes="merge-choice"):
                        yield RadioButton(
                            literal(f"Mine:   {collision.mine_text}", "", one_line=True)
                        )
                        yield RadioButton(
                            literal(f"Theirs: {collision.theirs_text}", "", one_line=True)
                        )
            yield Static("", id="merge-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary", disabled=True)
                yield Button("Decide later", id="later")

    def on_mount(self) -> None:
        self.query_one("#merge-0", RadioSet).focus()
        self._update()

    def choices(self) -> dict[tuple[str, ...], str]:
        chosen: dict[tuple[str, ...], str] = {}
        for i, collision in enumerate(self.collisions):
            index = self.query_one(f"#merge-{i}", RadioSet).pressed_index
            if index >= 0:
                chosen[collision.path] = "mine" if index == 0 else "theirs"
        return chosen

    def _update(self) -> None:
        left = len(self.collisions) - len(self.choices())
        self.query_one("#apply", Button).disabled = left > 0
        self.query_one("#merge-status", Static).update(
            f"{left} field{'s' if left != 1 else ''} still to choose" if left else "Ready"
        )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._update()

    def action_all(self, side: str) -> None:
        for i in range(len(self.collisions)):
            buttons = list(self.query_one(f"#merge-{i}", RadioSet).query(RadioButton))
            buttons[0 if side == "mine" else 1].value = True
        self._update()
        self.query_one("#apply", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            chosen = self.choices()
            if len(chosen) == len(self.collisions):
                self.dismiss(chosen)
        else:
            self.dismiss(None)

    def action_later(self) -> None:
        self.dismiss(None)


class RecoveryDialog(ModalScreen[str | None]):
    """Unsaved work from a run that ended before saving: what it changes, then take or drop."""

    BINDINGS = [
        Binding("escape,l", "choose('later')", "Decide later"),
        Binding("t", "choose('take')", "Take them"),
        Binding("d", "choose('drop')", "Drop them"),
    ]

    def __init__(self, rec: Recovered, changes: list[str]) -> None:
        super().__init__()
        self.rec = rec
        self.changes = changes

    def compose(self) -> ComposeResult:
        how = "a save that was cut off" if self.rec.kind == "temp" else "the recovery journal"
        shown = self.changes[:SHOWN_CHANGES]
        more = len(self.changes) - len(shown)
        lines = [f"• {line}" for line in shown] or ["(no differences from the workbook)"]
        if more > 0:
            lines.append(f"… and {more} more")
        with Vertical(classes="dialog wide", id="recovery"):
            yield Static(literal("Unsaved changes were recovered", "bold"))
            yield Static(
                literal(
                    f"decline-tui ended at {self.rec.written:%Y-%m-%d %H:%M:%S} before saving "
                    f"these changes; they were kept in {how} ({self.rec.path}). Taking them "
                    "back changes the workbook like this:"
                ),
                classes="dialog-message",
            )
            with VerticalScroll(id="recovery-changes"):
                yield Static(literal("\n".join(lines)))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Take them back (t)", id="choice-take", variant="primary")
                yield Button("Drop them (d)", id="choice-drop")
                yield Button("Decide later (l)", id="choice-later")

    def on_mount(self) -> None:
        self.query_one("#recovery-changes").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
