"""The offers region: every offer with its status and offer clock."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from decline_tui.core.model import Offer
from decline_tui.core.timing import days_left, describe_moment, offer_clock
from decline_tui.ui.widgets.literal import literal, visible


def offer_prompt(offer: Offer, now: datetime) -> Text:
    """Two lines: company and role, then status and clock in words (not colour alone)."""
    today = now.date()
    line = literal(offer.company or "(no company yet)", "bold", one_line=True)
    if offer.role:
        line.append(f" – {visible(offer.role, one_line=True)}", style="")
    line.append("\n")
    line.append(f"  {visible(offer.status, one_line=True)}", style="italic")
    if offer.status == "deciding":
        left = days_left(offer.deadline, today)
        style = "bold red" if left is not None and left < 0 else ("yellow" if left == 0 else "")
        line.append(" · ")
        line.append(offer_clock(offer.deadline, today), style=style)
    if offer.send_at and offer.status == "deciding":
        line.append(f" · send {describe_moment(offer.send_at, now)}", style="cyan")
    if offer.example:
        line.append(" · example", style="dim")
    return line


class OfferList(OptionList):
    """Offers; keys here act on the highlighted one."""

    BINDINGS = [
        Binding("n", "screen.new_offer", "New", tooltip="Add a new offer"),
        Binding("d", "screen.duplicate_offer", "Dup", tooltip="Copy this offer"),
        Binding("delete,x", "screen.delete_offer", "Del", tooltip="Delete this offer"),
        Binding("s", "screen.cycle_status", "Status", tooltip="Next status"),
        Binding(
            "enter", "screen.focus_region('form')", "Edit", show=False, tooltip="Edit this offer"
        ),
    ]

    class Picked(Message):
        """The person moved to another offer."""

        def __init__(self, offer_id: str | None) -> None:
            self.offer_id = offer_id
            super().__init__()

    def show(self, offers: list[Offer], now: datetime, selected: str | None) -> None:
        """Rebuild the list, keeping the selected offer highlighted."""
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options([Option(offer_prompt(o, now), id=o.id) for o in offers])
            ids = [o.id for o in offers]
            if selected in ids:
                self.highlighted = ids.index(selected)
            elif ids:
                self.highlighted = 0

    def pick(self, offer_id: str | None) -> None:
        """Highlight this offer, as the screen shows it (a key, not the list, chose it)."""
        if offer_id is None:
            return
        try:
            index = self.get_option_index(offer_id)
        except OptionDoesNotExist:
            return
        if index != self.highlighted:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Picked(event.option.id))
