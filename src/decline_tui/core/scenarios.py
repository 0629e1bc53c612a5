"""The hard cases from the guide: counter-offers, persistent recruiters, multiple offers.

Each scenario has the guide's advice and a summary of the workbook's state that matters
to it, both plain data so any screen (or a test) can show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from decline_tui.core.model import Offer, Workbook
from decline_tui.core.timing import offer_clock

OPEN_STATUSES = ("deciding",)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    advice: tuple[str, ...]


SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            "counter-offer",
            "Counter-offer",
            (
                "Expect one: a company that wanted you may come back with more.",
                "Decide in advance what, if anything, would make you reconsider "
                "(salary, remote work, title, start date), and write it down.",
                "Answer promptly and professionally, whether you are open to talk or not.",
                "If nothing would change your mind, decline again warmly, without bargaining "
                "words: no “unless”, no “for now”.",
            ),
        ),
        Scenario(
            "persistent-recruiter",
            "Persistent recruiter",
            (
                "Stay firm but polite; repeat your thanks for their interest.",
                "From the second follow-up on, say plainly that your decision is final.",
                "Never waver (“maybe later”, “for now”): it invites another round.",
                "Keep a note of each contact, so you answer consistently.",
            ),
        ),
        Scenario(
            "multiple-offers",
            "Multiple offers",
            (
                "As soon as you accept one offer, decline all the others: they are waiting.",
                "Decline the closest deadlines first.",
                "Never name the company you chose when declining the others.",
                "Stay professional with everyone involved; these people talk to each other.",
            ),
        ),
    )
}


@dataclass(frozen=True)
class MultipleOffers:
    """Where a person with several offers stands."""

    accepted: tuple[Offer, ...]
    to_decline: tuple[Offer, ...]  # still open, closest deadline first
    declined: tuple[Offer, ...]

    def lines(self, today: date) -> list[str]:
        """A plain summary, one line each, for a panel or a report."""
        out = []
        if self.accepted:
            names = ", ".join(o.label for o in self.accepted)
            out.append(f"Accepted: {names}.")
            if self.to_decline:
                out.append(f"To decline now ({len(self.to_decline)}), closest deadline first:")
            else:
                out.append("Nothing left to decline.")
        elif self.to_decline:
            out.append(
                f"{len(self.to_decline)} offer{'s' * (len(self.to_decline) != 1)} still open; "
                "mark the one you accept and the rest are listed here to decline."
            )
        else:
            out.append("No open offers.")
        for o in self.to_decline:
            out.append(f"  • {o.label} ({offer_clock(o.deadline, today)})")
        if self.declined:
            out.append(f"Already declined: {', '.join(o.label for o in self.declined)}.")
        return out


def multiple_offers(wb: Workbook) -> MultipleOffers:
    """Accepted offers, the open ones to decline (by deadline), and those declined."""
    accepted = tuple(o for o in wb.offers if o.status == "accepted")
    still_open = [o for o in wb.offers if o.status in OPEN_STATUSES]
    still_open.sort(key=lambda o: (o.deadline is None, o.deadline or date.max, o.company))
    declined = tuple(o for o in wb.offers if o.status == "declined")
    return MultipleOffers(accepted, tuple(still_open), declined)


def counter_offer_lines(offer: Offer | None) -> list[str]:
    if offer is None:
        return ["Select an offer to see where it stands."]
    state = {
        "deciding": "You are still deciding; note now what would make you reconsider.",
        "declined": "You declined: if a counter-offer arrives, answer it promptly.",
        "accepted": "You accepted this offer; no counter-offer to handle.",
    }.get(offer.status, f"Status: {offer.status}.")
    return [f"{offer.label}: {state}"]


def recruiter_lines(offer: Offer | None) -> list[str]:
    if offer is None:
        return ["Select an offer to see where it stands."]
    if offer.status == "declined":
        return [
            f"{offer.label}: declined. If {offer.contact_name or 'the recruiter'} follows up, "
            "thank them again and restate that the decision is final."
        ]
    state = {
        "deciding": "not declined yet; this applies after you send the decline.",
        "accepted": "you accepted this offer; there is no decline to stand by.",
    }.get(offer.status, f"Status: {offer.status}.")
    return [f"{offer.label}: {state}"]
