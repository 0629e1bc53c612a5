"""The checklist region: one line per rule, with symbol and word, and the selected rule's advice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from decline_tui.core.checklist import DISMISSED, FAIL, PASS, RULES, SKIP, SYMBOLS, WARN, Finding
from decline_tui.ui.widgets.literal import visible
from decline_tui.ui.widgets.quiet import update_static

STYLE = {PASS: "green", WARN: "yellow", FAIL: "bold red", SKIP: "dim"}
# The keys that overrule the checklist, and what an overruled line says to undo it.
DISMISS_KEY, OFFER_KEY, WORKBOOK_KEY = "x", "o", "w"
OVERRULED = {
    DISMISSED: ("dismissed", f"{DISMISS_KEY} brings it back"),
    "offer": ("off", f"{OFFER_KEY} switches it back on for this offer"),
    "workbook": ("off for all", f"{WORKBOOK_KEY} switches it back on for every offer"),
    "command line": ("off", ""),
}


def finding_prompt(f: Finding) -> Text:
    line = Text()
    # The mark alone (✓ ! ✗ –), in its colour: the line fits a narrow column unwrapped.
    line.append(f"{SYMBOLS[f.status]} ", style=STYLE[f.status])
    if f.overruled:  # greyed, and saying why
        line.append(RULES[f.rule].title, style="dim")
        line.append(f" · {OVERRULED.get(f.overruled, ('off', ''))[0]}", style="dim italic")
    else:
        line.append(RULES[f.rule].title)
    return line


def finding_detail(f: Finding) -> Text:
    """Title, what was found, then how to fix it and why; the title is said once."""
    out = Text()
    title = RULES[f.rule].title
    message = visible(f.message)  # quotes the draft: the person's words
    if message.lower().startswith(title.lower()):  # "No bargaining: the decision stands."
        out.append(message[: len(title)], style="bold")
        out.append(message[len(title) :])
    else:
        out.append(f"{title}: ", style="bold")
        out.append(message)
    if f.hint:
        out.append("\n")
        out.append(visible(f.hint), style="italic")
    undo = OVERRULED.get(f.overruled, ("", ""))[1]
    if undo:
        out.append("\n")
        out.append(f"{undo[0]}", style="bold")
        out.append(undo[1:], style="dim")
    elif f.status in (WARN, FAIL):
        out.append("\n")
        out.append(DISMISS_KEY, style="bold")
        out.append(" dismiss · ", style="dim")
        out.append(OFFER_KEY, style="bold")
        out.append(" off for this offer · ", style="dim")
        out.append(WORKBOOK_KEY, style="bold")
        out.append(" off for all", style="dim")
    return out


class Checks(OptionList):
    """The findings list; it shares its height with the explanation under it."""

    def on_resize(self) -> None:
        # The explanation grew or shrank with the chosen line: keep that line in view.
        self.scroll_to_highlight()


def summary_line(findings: list[Finding]) -> Text:
    """ "1 fail · 2 warn · 14 pass": the checklist's head, and the draft's while it is hidden."""
    counts = {s: sum(f.status == s for f in findings) for s in (FAIL, WARN, PASS)}
    summary = Text()
    summary.append(f"{counts[FAIL]} fail", style=STYLE[FAIL] if counts[FAIL] else "")
    summary.append(" · ")
    summary.append(f"{counts[WARN]} warn", style=STYLE[WARN] if counts[WARN] else "")
    summary.append(f" · {counts[PASS]} pass")
    return summary


class ChecklistPane(Vertical):
    """Findings for the current draft; highlighting one explains it, and keys overrule it."""

    BINDINGS = [
        Binding(
            DISMISS_KEY,
            "screen.dismiss_finding",
            "Dismiss",
            tooltip="Dismiss what the selected item flags on this offer, or bring it back",
        ),
        Binding(
            OFFER_KEY,
            "screen.rule_off('offer')",
            "Off here",
            tooltip="Switch the selected rule off for this offer, or back on",
        ),
        Binding(
            WORKBOOK_KEY,
            "screen.rule_off('workbook')",
            "Off for all",
            tooltip="Switch the selected rule off for every offer, or back on",
        ),
    ]

    class RuleSelected(Message):
        def __init__(self, rule: str | None) -> None:
            self.rule = rule
            super().__init__()

    _shown: list[tuple[str, str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="check-summary")
        yield Checks(id="checks")
        # The whole why and fix, however long: the box grows, and scrolls past its limit.
        with VerticalScroll(id="check-detail-box", can_focus=False):
            yield Static("", id="check-detail")

    def show(self, findings: list[Finding]) -> None:
        self._findings = {f.rule: f for f in findings}
        checks = self.query_one("#checks", OptionList)
        current = checks.highlighted
        keep = None
        if current is not None and current < checks.option_count:
            keep = checks.get_option_at_index(current).id
        shown = [(f.rule, f.status, f.overruled) for f in findings]  # all a line shows
        if shown != self._shown:  # rebuilding the list costs a frame; most keystrokes keep it
            self._shown = shown
            with checks.prevent(OptionList.OptionHighlighted):
                checks.clear_options()
                checks.add_options([Option(finding_prompt(f), id=f.rule) for f in findings])
                ids = [f.rule for f in findings]
                if keep in ids:
                    checks.highlighted = ids.index(keep)
        update_static(self.query_one("#check-summary", Static), summary_line(findings))
        self._show_detail(keep)

    def _show_detail(self, rule: str | None) -> None:
        detail = self.query_one("#check-detail", Static)
        f = getattr(self, "_findings", {}).get(rule) if rule else None
        update_static(
            detail,
            finding_detail(f) if f else Text("Select an item to see why it matters.", style="dim"),
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option.id)
        self.post_message(self.RuleSelected(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.RuleSelected(event.option.id))
