"""The scenario helper: the guide's hard cases and the follow-up, with the workbook's state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from decline_tui.core import care, scenarios
from decline_tui.core.model import Offer, Workbook
from decline_tui.core.timing import describe_moment
from decline_tui.ui.widgets.literal import visible
from decline_tui.ui.widgets.quiet import update_static

TABS = {
    "counter-offer": "Counter",
    "persistent-recruiter": "Recruiter",
    "multiple-offers": "Several",
    "follow-up": "Follow-up",
}


def _panel(state: list[str], advice: tuple[str, ...] = (), keys: str = "") -> Text:
    out = Text()
    for line in state:  # lines quote the workbook: one line each, shown literally
        style = "" if line.startswith(("  ", "•")) else "bold"
        out.append(visible(line, one_line=True) + "\n", style=style)
    if keys:
        out.append(keys + "\n", style="italic cyan")
    if advice:
        out.append("\n")
    for tip in advice:
        out.append("• ", style="dim")
        out.append(tip + "\n")
    return out


def counter_text(offer: Offer | None) -> Text:
    advice = scenarios.SCENARIOS["counter-offer"].advice
    if offer is None:
        return _panel(["Select an offer."], advice)
    verdict = scenarios.compare_counter(offer.reconsider, offer.counter, offer.firm)
    state = [verdict.summary, *[f"  {line}" for line in verdict.lines]]
    return _panel(state, advice, "r: your criteria · c: their counter · t: draft the reply")


def recruiter_text(offer: Offer | None) -> Text:
    advice = scenarios.SCENARIOS["persistent-recruiter"].advice
    if offer is None:
        return _panel(["Select an offer."], advice)
    template, summary = scenarios.recruiter_reply(offer)
    follow_ups = [i for i in offer.log if i.kind == "follow-up"]
    state = [summary]
    for entry in follow_ups[-4:]:
        state.append(f"  {entry.date.isoformat()} {entry.channel}: {entry.note}")
    keys = "l: log their follow-up" + (" · t: draft the reply" if template else "")
    return _panel(state, advice, keys)


def several_text(wb: Workbook, offer: Offer | None, now: datetime) -> Text:
    """The way back out of an acceptance leads, whichever offer is selected.

    It used to show only with the accepted offer selected, and then below the list of
    offers to decline, out of sight in a short panel.
    """
    advice = scenarios.SCENARIOS["multiple-offers"].advice
    where = scenarios.multiple_offers(wb)
    state = where.lines(now.date())
    keys = "ctrl+b: next offer to decline"
    if where.hold:  # not signed yet: the others are held, not declined
        keys = "h: holding reply to the selected offer · ctrl+b: next open offer"
    backing_out = list(where.accepted)
    if offer is not None and offer.status == "rescinded":
        backing_out.insert(0, offer)
    if not backing_out:
        return _panel(state, advice, keys)
    if where.accepted:  # "X: accepted. If you must back out…" says what "Accepted: X." did
        state = state[1:]
    rescind = [line for o in backing_out for line in scenarios.rescind_lines(o)]
    if offer is not None and offer.status == "accepted":
        how = "t: draft a rescinding note"
    elif len(where.accepted) == 1:
        name = where.accepted[0].company.strip() or "the accepted offer"
        how = f"select {visible(name, one_line=True)}, then t: draft a rescinding note"
    elif where.accepted:
        how = "select the accepted offer, then t: draft a rescinding note"
    else:
        how = ""
    return _panel(rescind, (), how) + _panel(state, advice, keys)


def follow_up_text(wb: Workbook, offer: Offer | None, now: datetime) -> Text:
    if offer is None:
        return _panel(["Select an offer."])
    state = []
    call = care.suggest_call(offer)
    if call and offer.status == "deciding":
        state.append(call)
    reminder = scenarios.referral_reminder(offer)
    if reminder:
        state.append(reminder)
    if offer.status == "deciding":
        state.append(care.send_advice(now, offer.send_at))
    # Check-ins are drafted from a declined offer only: the whole workbook's people are
    # worked out (a person may be met again at another offer) only for one of those.
    due = (
        [r for r in care.upcoming(wb, now.date()) if r.offer_id == offer.id and r.next]
        if offer.status == "declined"
        else []
    )
    if due:
        state.append("Next check-ins (F10):")
        state += [
            f"  {r.due.isoformat()} {r.contact or 'someone'} "
            f"({r.months} months, {r.status(now.date())})"
            for r in due
        ]
    elif offer.status == "declined" and not offer.future_open:
        state.append("No check-ins: you chose not to keep the door open.")
    if offer.contacts:
        state.append("Contacts:")
        state += [
            f"  {c.name}" + (f", {c.role}" if c.role else "") + (f" · {c.note}" if c.note else "")
            for c in offer.contacts
        ]
    if offer.log:
        state.append("Log:")
        state += [
            f"  {i.date.isoformat()} {i.kind} ({i.channel}){': ' + i.note if i.note else ''}"
            for i in offer.log[-5:]
        ]
    keys = (
        "ctrl+l: mark sent · p: send later · a: contact · l: log · e: edit these · "
        "y: thank-you notes · F10: check-ins"
    )
    if offer.send_at and offer.status == "deciding":
        state.insert(0, f"Planned: send {describe_moment(offer.send_at, now)}.")
    return _panel(state, (), keys)


def drafting_line(offer: Offer | None) -> Text:
    """While a scenario reply is drafted, every tab says which, and the way back."""
    if offer is None or not offer.reply:
        return Text()
    return Text.assemble(
        ("Drafting the reply: ", "bold"),
        (visible(offer.reply, one_line=True), "bold cyan"),
        ("\nctrl+d: back to the decline\n\n", "italic cyan"),
    )


class ScenarioPanel(Vertical):
    """One tab per hard case, plus the follow-up; keys act on the selected offer."""

    _requested = False  # the tabs are made the first time the panel shows
    _ready = False  # and are mounted, with their texts in
    _state: tuple[Workbook, Offer | None, datetime] | None = None  # what to show
    _stale = False  # `_state` changed while the panel was hidden

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting: list[Callable[[], object]] = []  # to call once the tabs are there

    def compose(self) -> ComposeResult:
        # On a wide terminal the panel waits behind the checklist (F6): its tabs cost the
        # first frame a tenth of its time, and its texts every keystroke, unseen.
        if not self._requested:
            return
        with TabbedContent(id="scenario-tabs"):
            for sid, title in TABS.items():
                with TabPane(title, id=f"sc-{sid}"), VerticalScroll():
                    yield Static("", id=f"sc-text-{sid}")

    @property
    def built(self) -> bool:
        """The tabs are there, with their texts."""
        return self._ready

    def build(self, then: Callable[[], object] | None = None) -> None:
        """Make the tabs (once), fill them, then call `then`; at once if they are there."""
        if self._ready:
            if then is not None:
                then()
            return
        waiting = self._waiting
        if then is not None:
            waiting.append(then)
        if self._requested:
            return
        self._requested = True

        def filled() -> None:  # the tabs' own parts are mounted a refresh after them
            self._ready = self._stale = True
            self._fill()
            while waiting:
                waiting.pop(0)()

        async def made() -> None:
            await self.recompose()
            self.call_after_refresh(filled)

        self.call_later(made)

    def on_show(self) -> None:
        if not self._ready:
            self.build()
        elif self._stale:
            self._fill()

    @property
    def active(self) -> str:
        if not self._ready:
            return next(iter(TABS))
        return self.query_one(TabbedContent).active.removeprefix("sc-")

    def show(self, wb: Workbook, offer: Offer | None, now: datetime) -> None:
        """Keep what to show; the texts are worked out only while they can be seen."""
        self._state = (wb, offer, now)
        self._stale = True
        if self._ready and self.display and self.parent is not None and self.parent.display:
            self._fill()

    def _fill(self) -> None:
        if not self._stale or self._state is None or not self._ready:
            return
        wb, offer, now = self._state
        texts = {
            "counter-offer": counter_text(offer),
            "persistent-recruiter": recruiter_text(offer),
            "multiple-offers": several_text(wb, offer, now),
            "follow-up": follow_up_text(wb, offer, now),
        }
        drafting = drafting_line(offer)
        for sid, text in texts.items():
            update_static(self.query_one(f"#sc-text-{sid}", Static), drafting + text)
        self._stale = False
