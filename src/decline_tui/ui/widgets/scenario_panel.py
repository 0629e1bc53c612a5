"""The scenario helper: the guide's advice for the hard cases, with the workbook's state."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from decline_tui.core import scenarios
from decline_tui.core.model import Offer, Workbook


def _panel(advice: tuple[str, ...], state: list[str]) -> Text:
    out = Text()
    for line in state:
        out.append(line + "\n", style="bold" if not line.startswith("  ") else "")
    out.append("\n")
    for tip in advice:
        out.append("• ", style="dim")
        out.append(tip + "\n")
    return out


class ScenarioPanel(Vertical):
    """One tab per scenario."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="scenario-tabs"):
            for s in scenarios.SCENARIOS.values():
                with TabPane(s.title, id=f"sc-{s.id}"), VerticalScroll():
                    yield Static("", id=f"sc-text-{s.id}")

    def show(self, wb: Workbook, offer: Offer | None, today: date) -> None:
        sc = scenarios.SCENARIOS
        states = {
            "counter-offer": scenarios.counter_offer_lines(offer),
            "persistent-recruiter": scenarios.recruiter_lines(offer),
            "multiple-offers": scenarios.multiple_offers(wb).lines(today),
        }
        for sid, state in states.items():
            self.query_one(f"#sc-text-{sid}", Static).update(_panel(sc[sid].advice, state))
