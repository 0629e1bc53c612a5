"""The hard cases and relationship care, as actions of the main screen.

Each action gathers values with a small form and hands them to the core (care,
scenarios); the main screen then recomputes and saves as for any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from decline_tui.core import care
from decline_tui.core.model import CHANNELS, KINDS, REMOTE, Offer, Terms
from decline_tui.core.parsing import FormError
from decline_tui.ui.screens.dialogs import Field, FormDialog, confirm
from decline_tui.ui.screens.host import Host
from decline_tui.ui.screens.records import RecordsScreen

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


class CareActions(Host):
    """Mixed into MainScreen: relies on its session, offer, refresh and save methods (host.py)."""

    def _main(self) -> MainScreen:
        """This screen as what it is: MainScreen is the one class these actions are mixed into."""
        return cast("MainScreen", self)

    def _form(
        self,
        title: str,
        fields: list[Field],
        submit: Callable[[dict[str, str]], dict[str, str] | None],
        intro: str = "",
    ) -> None:
        self.app.push_screen(FormDialog(title, fields, submit, intro))

    def guard_other_companies(
        self,
        then: Callable[[], object],
        verb: str,
        fix: Callable[[str], object] | None = None,
    ) -> None:
        """Before a draft leaves, warn when it names another company of the workbook.

        Enter cancels: the safe answer is the default. `fix`, when given, runs on "Go back
        and fix it" (it shows the rule); without it that answer is a plain Cancel.
        """
        view = self._view
        finding = (
            next((f for f in view.findings if f.rule == "no-other-company"), None) if view else None
        )
        if finding is None or finding.status != "fail":
            then()
            return

        def done(choice: str | None) -> None:
            if choice == "yes":
                then()
            elif choice == "no" and fix is not None:
                fix("no-other-company")

        self.app.push_screen(
            confirm(
                "This draft names another company",
                f"{finding.message} Declining one offer should never mention the others. "
                f"{verb} anyway?",
                yes=f"{verb} anyway",
                no="Go back and fix it" if fix is not None else "Cancel",
                default="no",
            ),
            done,
        )

    def action_mark_sent(self) -> None:
        """Log the draft on screen as sent, as what it is, once the person confirms it."""
        offer, view = self.offer, self._view
        if offer is None or view is None:
            return
        plan = care.plan_sent(
            self.session.wb, offer, view.draft.template, view.draft.medium, self.today
        )

        def done(choice: str | None) -> None:
            if choice != "yes" or offer not in self.session.wb.offers:
                return
            self.session.log_sent(offer, plan)
            self.notify(plan.done(), markup=False)

        def ask() -> None:
            yes = "Log it again" if plan.already else "Log as sent"
            self.app.push_screen(
                confirm(plan.title(), plan.question(), yes=yes, default="no"), done
            )

        self.guard_other_companies(ask, "Mark as sent")

    def action_log_interaction(self) -> None:
        if self.offer is not None:
            self.edit_interaction(self.offer, None)

    def edit_interaction(self, offer: Offer, index: int | None) -> None:
        """Add a log entry (index None) or edit one."""
        entry = offer.log[index] if index is not None else None

        main, names = self.session.log_people(offer)
        if (
            entry
            and entry.contact
            and entry.contact.casefold() not in {n.casefold() for n in names}
        ):
            names = (*names, entry.contact)  # someone no longer listed: kept, not replaced

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.session.save_interaction(offer, index, values, self.today)
            except FormError as exc:
                return exc.errors
            return None

        kind = entry.kind if entry else ("follow-up" if offer.status == "declined" else "note")
        self._form(
            f"{'Edit the' if entry else 'Log an'} interaction: {offer.label}",
            [
                Field(
                    "date", "Date", (entry.date if entry else self.today).isoformat(), "YYYY-MM-DD"
                ),
                Field("kind", "What", kind, choices=KINDS),
                Field("channel", "Channel", entry.channel if entry else "email", choices=CHANNELS),
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

    def action_add_contact(self) -> None:
        if self.offer is not None:
            self.edit_contact(self.offer, None)

    def edit_contact(self, offer: Offer, index: int | None) -> None:
        """Add a contact (index None) or edit one."""
        c = offer.contacts[index] if index is not None else None

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.session.save_contact(offer, index, values)
            except FormError as exc:
                return exc.errors
            return None

        self._form(
            f"{'Edit' if c else 'Add'} a contact: {offer.label}",
            [
                Field("name", "Name", c.name if c else "", "María López"),
                Field("role", "Role", c.role if c else "", "Design Director"),
                Field("email", "Email", c.email if c else "", "name@company.com"),
                Field(
                    "linkedin", "LinkedIn", c.linkedin if c else "", "https://www.linkedin.com/in/…"
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

    def action_show_records(self) -> None:
        if self.offer is not None:
            self.app.push_screen(RecordsScreen(self._main(), self.offer))

    def action_plan_send(self) -> None:
        offer = self.offer
        if offer is None:
            return
        now = self.now

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            try:
                self.session.plan_send(offer, values["send_at"], now)
            except FormError as exc:
                return exc.errors
            return None

        current = offer.send_at.strftime("%Y-%m-%d %H:%M") if offer.send_at else "next"
        self._form(
            f"Send later: {offer.label}",
            [Field("send_at", "Send at", current, "YYYY-MM-DD HH:MM, next, or empty")],
            submit,
            intro=care.send_advice(now) + " 'next' picks the next good time; empty clears it.",
        )

    def action_record_reconsider(self) -> None:
        offer = self.offer
        if offer is None:
            return

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            firm = values.pop("firm") == "nothing would"
            try:
                self.session.set_reconsider(offer, values, self.today, firm=firm)
            except FormError as exc:
                return exc.errors
            return None

        self._form(
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

    def action_record_counter(self) -> None:
        offer = self.offer
        if offer is None:
            return

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            received = values.pop("received")
            try:
                self.session.set_counter(offer, values, received, self.today)
            except FormError as exc:
                return exc.errors
            return None

        day = offer.counter_received or self.today
        self._form(
            f"Their counter-offer: {offer.label}",
            [
                Field("received", "Received", day.isoformat(), "YYYY-MM-DD"),
                *_terms_fields(offer.counter, "Start"),
            ],
            submit,
            intro="Record what they came back with; the scenario helper compares it with your "
            "own criteria and drafts the reply.",
        )

    def action_scenario_draft(self) -> None:
        """Draft the reply the selected scenario tab calls for."""
        from decline_tui.core import scenarios
        from decline_tui.ui.widgets.scenario_panel import ScenarioPanel

        offer = self.offer
        if offer is None:
            return
        tab = self.query_one(ScenarioPanel).active
        name, why = scenarios.reply_for(self.session.wb, offer, tab)
        self._draft_reply(offer, name, why)

    def _draft_reply(self, offer: Offer, name: str, why: str) -> None:
        """Draft the reply `name` beside the decline; with no name, say `why` not."""
        if not name:
            self.notify(why, markup=False)
            return
        # The reply is drafted beside the decline, never in its place: `export` and the
        # decline's template stay as they were.
        self.session.draft_reply(offer, name)
        self.notify(
            f"Reply: {name}. {why} ctrl+d goes back to the decline.", timeout=4, markup=False
        )

    def action_checkin_months(self) -> None:
        """How many months after a decline to check in, for one offer or all (the palette,
        m in F10)."""
        offer = self.offer
        wb = self.session.wb

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            this_offer = values["scope"] == "this offer"
            try:
                self.session.set_checkin_months(offer, values["months"], this_offer=this_offer)
            except FormError as exc:
                return exc.errors
            return None

        current = (offer.checkin_months if offer else None) or wb.checkin_months
        self._form(
            "Check-in months",
            [
                Field("months", "Months", ", ".join(map(str, current)), "e.g. 3, 6, 12"),
                Field(
                    "scope",
                    "For",
                    "this offer" if offer and offer.checkin_months else "all offers",
                    choices=("all offers", "this offer"),
                ),
            ],
            submit,
            intro="How many months after a decline to check in, with congratulations or something "
            "useful.",
        )

    def action_next_to_decline(self) -> None:
        from decline_tui.core import scenarios

        nxt = scenarios.next_to_decline(self.session.wb, self.offer.id if self.offer else None)
        if nxt is None:
            self.notify("No open offers left to decline.", markup=False)
            return
        self.select_offer(nxt.id)
        where = scenarios.multiple_offers(self.session.wb)
        if where.hold:  # declining is final while the accepted offer is not signed
            self.notify(
                f"Next to decline: {nxt.label}. But {where.warning()} h in the scenario "
                "helper (F6, Several) drafts one.",
                title="Not signed yet",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        self.notify(f"Next to decline: {nxt.label}", timeout=3, markup=False)

    def action_hold_reply(self) -> None:
        """Draft a holding reply for the offer in view while the accepted one is not signed."""
        from decline_tui.core import scenarios

        offer = self.offer
        if offer is None:
            return
        name, why = scenarios.hold_advice(self.session.wb, offer)
        self._draft_reply(offer, name, why)

    def action_show_checkins(self) -> None:
        """F10: the people to check in with, soonest first."""
        from decline_tui.ui.screens.people import DueScreen

        self.app.push_screen(DueScreen(self._main()))

    def action_show_thanks(self) -> None:
        """y: a thank-you note to each person met through the selected offer."""
        from decline_tui.ui.screens.people import ThanksScreen

        if self.offer is not None:
            self.app.push_screen(ThanksScreen(self._main(), self.offer))
