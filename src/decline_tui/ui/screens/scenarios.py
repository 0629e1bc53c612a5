"""The scenario helper as the main screen has it: the tabs (widgets/scenario_panel.py) and
the actions their keys call, the hard cases and the care of the relationship.

Each action gathers values with a small form and hands them to the session; the screen shows
the change as it shows any other (MainScreen.watch_revision).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from decline_tui.core import care, scenarios
from decline_tui.core.model import CHANNELS, KINDS, REMOTE, Offer, Terms
from decline_tui.core.parsing import FormError
from decline_tui.ui import actions
from decline_tui.ui.screens.dialogs import Field, FormDialog
from decline_tui.ui.screens.records import RecordsScreen
from decline_tui.ui.widgets.scenario_panel import ScenarioPanel

if TYPE_CHECKING:
    from decline_tui.ui.screens.main import MainScreen


def _terms_fields(terms: Terms | None, start_label: str) -> list[Field]:
    t = terms or Terms()
    return [
        Field("salary", "Salary", str(t.salary or ""), "e.g. 120000 or 120k"),
        Field("remote", "Remote", t.remote, choices=REMOTE),
        Field("title", "Title", t.title, "e.g. Lead Designer"),
        Field("start", start_label, t.start.isoformat() if t.start else "", "YYYY-MM-DD"),
        Field("notes", "Notes", t.notes, "anything else"),
    ]


class Scenarios(ScenarioPanel):
    """The helper's keys act on the offer shown, for as long as the helper has the focus."""

    BINDINGS = [
        Binding(
            "t",
            "scenario_draft",
            "Draft reply",
            tooltip="Draft this tab's reply beside the decline (ctrl+d goes back to it)",
        ),
        Binding(
            "h",
            "hold_reply",
            "Hold",
            tooltip="While the offer you accepted is not signed: a holding reply to this offer",
        ),
        Binding("r", "record_reconsider", "Criteria", tooltip="What would change my mind"),
        Binding("c", "record_counter", "Counter", tooltip="Record their counter-offer"),
        Binding("l", "log_interaction", "Log", tooltip="Log an interaction"),
        Binding("a", "add_contact", "Contact", tooltip="Add a contact"),
        Binding("p", "plan_send", "Send later", tooltip="Plan when to send"),
        Binding("e", "show_records", "Records", tooltip="Edit or delete contacts and log"),
        Binding(
            "y",
            "show_thanks",
            "Thank-yous",
            tooltip="A thank-you note to each person you met, sent after the decline",
        ),
    ]

    @property
    def main(self) -> MainScreen:
        """The screen the helper is part of: MainScreen is the one that composes it."""
        return cast("MainScreen", self.screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(action, self.main.actions_state())

    def action_log_interaction(self) -> None:
        if self.main.offer is not None:
            self.edit_interaction(self.main.offer, None)

    def edit_interaction(self, offer: Offer, index: int | None) -> None:
        """Add a log entry (index None) or edit one."""
        entry = offer.log[index] if index is not None else None
        main, names = self.main.session.log_people(offer)
        if (
            entry
            and entry.contact
            and entry.contact.casefold() not in {n.casefold() for n in names}
        ):
            names = (*names, entry.contact)  # someone no longer listed: kept, not replaced

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.main.session.save_interaction(offer, index, values, self.main.today)
            except FormError as exc:
                return exc.errors
            return None

        kind = entry.kind if entry else ("follow-up" if offer.status == "declined" else "note")
        self.app.push_screen(
            FormDialog(
                f"{'Edit the' if entry else 'Log an'} interaction: {offer.label}",
                [
                    Field(
                        "date",
                        "Date",
                        (entry.date if entry else self.main.today).isoformat(),
                        "YYYY-MM-DD",
                    ),
                    Field("kind", "What", kind, choices=KINDS),
                    Field(
                        "channel", "Channel", entry.channel if entry else "email", choices=CHANNELS
                    ),
                    *(
                        [
                            Field(
                                "contact",
                                "With",
                                (entry.contact if entry else "") or main,
                                choices=names,
                            )
                        ]
                        if len(names) > 1
                        else []
                    ),
                    Field("note", "Note", entry.note if entry else "", "what was said"),
                ],
                submit,
            )
        )

    def action_add_contact(self) -> None:
        if self.main.offer is not None:
            self.edit_contact(self.main.offer, None)

    def edit_contact(self, offer: Offer, index: int | None) -> None:
        """Add a contact (index None) or edit one."""
        c = offer.contacts[index] if index is not None else None

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.main.session.save_contact(offer, index, values)
            except FormError as exc:
                return exc.errors
            return None

        self.app.push_screen(
            FormDialog(
                f"{'Edit' if c else 'Add'} a contact: {offer.label}",
                [
                    Field("name", "Name", c.name if c else "", "María López"),
                    Field("role", "Role", c.role if c else "", "Design Director"),
                    Field("email", "Email", c.email if c else "", "name@company.com"),
                    Field(
                        "linkedin",
                        "LinkedIn",
                        c.linkedin if c else "",
                        "https://www.linkedin.com/in/…",
                    ),
                    Field(
                        "note",
                        "Talked about",
                        c.note if c else "",
                        "the design systems team (their thank-you names it)",
                    ),
                ],
                submit,
            )
        )

    def action_show_records(self) -> None:
        if self.main.offer is not None:
            self.app.push_screen(RecordsScreen(self.main, self.main.offer))

    def action_plan_send(self) -> None:
        offer = self.main.offer
        if offer is None:
            return
        now = self.main.now

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.main.session.plan_send(offer, values["send_at"], now)
            except FormError as exc:
                return exc.errors
            return None

        current = offer.send_at.strftime("%Y-%m-%d %H:%M") if offer.send_at else "next"
        self.app.push_screen(
            FormDialog(
                f"Send later: {offer.label}",
                [Field("send_at", "Send at", current, "YYYY-MM-DD HH:MM, next, or empty")],
                submit,
                intro=care.send_advice(now) + " 'next' picks the next good time; empty clears it.",
            )
        )

    def action_record_reconsider(self) -> None:
        offer = self.main.offer
        if offer is None:
            return

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            firm = values.pop("firm") == "nothing would"
            try:
                self.main.session.set_reconsider(offer, values, self.main.today, firm=firm)
            except FormError as exc:
                return exc.errors
            return None

        self.app.push_screen(
            FormDialog(
                f"What would make you reconsider? {offer.label}",
                [
                    Field(
                        "firm",
                        "Reconsider?",
                        "nothing would" if offer.firm else "if these are met",
                        choices=("if these are met", "nothing would"),
                    ),
                    *_terms_fields(offer.reconsider, "Start by"),
                ],
                submit,
                intro="Decide this before a counter-offer arrives: the least salary, the way of "
                "working, the title or the start date that would change your mind.",
            )
        )

    def action_record_counter(self) -> None:
        offer = self.main.offer
        if offer is None:
            return

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            received = values.pop("received")
            try:
                self.main.session.set_counter(offer, values, received, self.main.today)
            except FormError as exc:
                return exc.errors
            return None

        day = offer.counter_received or self.main.today
        self.app.push_screen(
            FormDialog(
                f"Their counter-offer: {offer.label}",
                [
                    Field("received", "Received", day.isoformat(), "YYYY-MM-DD"),
                    *_terms_fields(offer.counter, "Start"),
                ],
                submit,
                intro="Record what they came back with; the scenario helper compares it with your "
                "own criteria and drafts the reply.",
            )
        )

    def action_scenario_draft(self) -> None:
        """Draft the reply the selected scenario tab calls for."""
        offer = self.main.offer
        if offer is None:
            return
        tab = self.active
        name, why = scenarios.reply_for(self.main.session.wb, offer, tab)
        self._draft_reply(offer, name, why)

    def _draft_reply(self, offer: Offer, name: str, why: str) -> None:
        """Draft the reply `name` beside the decline; with no name, say `why` not."""
        if not name:
            self.main.notify(why, markup=False)
            return
        # The reply is drafted beside the decline, never in its place: `export` and the
        # decline's template stay as they were.
        self.main.session.draft_reply(offer, name)
        self.main.notify(
            f"Reply: {name}. {why} ctrl+d goes back to the decline.", timeout=4, markup=False
        )

    def action_hold_reply(self) -> None:
        """Draft a holding reply for the offer in view while the accepted one is not signed."""
        offer = self.main.offer
        if offer is None:
            return
        name, why = scenarios.hold_advice(self.main.session.wb, offer)
        self._draft_reply(offer, name, why)

    def action_show_thanks(self) -> None:
        """y: a thank-you note to each person met through the selected offer."""
        from decline_tui.ui.screens.people import ThanksScreen

        if self.main.offer is not None:
            self.app.push_screen(ThanksScreen(self.main, self.main.offer))
