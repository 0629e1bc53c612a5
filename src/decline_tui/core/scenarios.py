"""The hard cases from the guide: counter-offers, persistent recruiters, multiple offers,
and two from beyond it: rescinding an acceptance, and a referral to tell.

Each scenario has the guide's advice and a summary of the workbook's state that matters
to it, both plain data so any screen (or a test) can show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from decline_tui.core.care import decline_date
from decline_tui.core.checklist import Message, company_mentions
from decline_tui.core.model import Offer, Terms, Workbook
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
                "But not before it is signed: a decline is final, and an accepted offer can "
                "still fall through. Until then, send the others a holding reply.",
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

    @property
    def unsigned(self) -> tuple[Offer, ...]:
        """Accepted offers whose contract is not signed yet (no `signed_on`)."""
        return tuple(o for o in self.accepted if o.signed_on is None)

    @property
    def hold(self) -> bool:
        """Keep the others open: an offer is accepted but not signed, and others are open.

        Declining them is final, and an accepted offer can still fall through until it is
        signed: hold them with a reply that says when they will have an answer."""
        return bool(self.unsigned and self.to_decline)

    def warning(self) -> str:
        """What to tell a person about to decline the rest while the accepted offer is not
        signed yet; "" when there is nothing to warn about."""
        if not self.hold:
            return ""
        names = ", ".join(o.label for o in self.unsigned)
        return (
            f"{names}: accepted, not signed yet. Declining the others is final: send them a "
            "holding reply until you have signed."
        )

    def lines(self, today: date) -> list[str]:
        """A plain summary, one line each, for a panel or a report."""
        out = []
        if self.accepted:
            names = ", ".join(o.label for o in self.accepted)
            out.append(f"Accepted: {names}.")
            if self.hold:
                out.append(self.warning())
                out.append(
                    f"To hold until signed ({len(self.to_decline)}), closest deadline first:"
                )
            elif self.to_decline:
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


def _deadline_key(offer: Offer) -> tuple[bool, date, str]:
    """Closest deadline first; offers without one last."""
    return (offer.deadline is None, offer.deadline or date.max, offer.company)


def multiple_offers(wb: Workbook) -> MultipleOffers:
    """Accepted offers, the open ones to decline (by deadline), and those declined."""
    accepted = tuple(o for o in wb.offers if o.status == "accepted")
    still_open = [o for o in wb.offers if o.status in OPEN_STATUSES]
    still_open.sort(key=_deadline_key)
    declined = tuple(o for o in wb.offers if o.status == "declined")
    return MultipleOffers(accepted, tuple(still_open), declined)


def accepted_state(offer: Offer) -> str:
    """An accepted offer's state, in words: "accepted, not signed" or "signed 2026-12-01,
    starts 2027-01-05"; "" for an offer that is not accepted."""
    if offer.status != "accepted":
        return ""
    if offer.signed_on is None:
        state = "accepted, not signed"
    else:
        state = f"signed {offer.signed_on.isoformat()}"
    if offer.start_date is not None:
        state += f", starts {offer.start_date.isoformat()}"
    return state


def hold_advice(wb: Workbook, offer: Offer) -> tuple[str, str]:
    """(template, advice) for an open offer while another is accepted but not signed.

    The template is "hold" (a holding reply) while that is so and this offer is still
    open; "" otherwise, with the reason.
    """
    where = multiple_offers(wb)
    if not where.unsigned:
        if where.accepted:
            return "", "The offer you accepted is signed: decline the others now."
        return "", "A holding reply is for while an offer you accepted is not signed yet."
    if offer.status not in OPEN_STATUSES:
        return "", "A holding reply is for an offer you are still deciding on."
    when = f" by {_day(offer.deadline)}" if offer.deadline else ""
    return (
        "hold",
        f"Not signed yet: thank them and say you will answer{when}; declining now is final.",
    )


# --------------------------------------------------------------------------- counter-offers

MET, NOT_MET, NOT_STATED = "met", "not met", "not stated"
_REMOTE_RANK = {"on-site": 0, "hybrid": 1, "remote": 2}
_REMOTE_WORDS = {
    "on-site": "on-site",
    "onsite": "on-site",
    "on site": "on-site",
    "office": "on-site",
    "in-office": "on-site",
    "hybrid": "hybrid",
    "remote": "remote",
    "fully remote": "remote",
}
_REMOTE_WISH = {
    "remote": "fully remote work",
    "hybrid": "hybrid or remote work",
    "on-site": "any arrangement, on-site included",
}


@dataclass(frozen=True)
class CriterionCheck:
    """One of the person's criteria against the counter-offer."""

    name: str  # "salary", "remote", "title" or "start"
    label: str  # "Salary", "Remote work", "Title", "Start date"
    status: str  # MET, NOT_MET or NOT_STATED
    wanted: str  # their criterion, in words
    offered: str  # what the counter-offer says ("" when it does not say)

    @property
    def line(self) -> str:
        if self.status == NOT_STATED:
            return (
                f"{self.label} — not stated: the counter-offer does not say "
                f"(you want {self.wanted})."
            )
        if not self.offered:  # an on-site wish, met whatever they say
            return f"{self.label} — {self.status}: you want {self.wanted}."
        return f"{self.label} — {self.status}: they offer {self.offered}; you want {self.wanted}."


@dataclass(frozen=True)
class CounterVerdict:
    """Whether a counter-offer meets what the person said would change their mind.

    `meets` is True (open a conversation), False (decline warmly) or None (no answer yet:
    no criteria, no counter-offer, or a counter-offer silent on every criterion).
    `template` is the reply to draft, or "" when there is nothing to reply to yet.
    """

    meets: bool | None
    summary: str
    lines: list[str] = field(default_factory=list)
    template: str = ""
    criteria: tuple[CriterionCheck, ...] = ()


def _money(n: int) -> str:
    return f"{n:,}"


def _remote_key(value: str) -> str:
    return _REMOTE_WORDS.get(" ".join(value.strip().lower().split()), "")


def _title_key(value: str) -> str:
    return " ".join(re.findall(r"\w+", value.casefold()))


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _criteria(wish: Terms, counter: Terms) -> list[CriterionCheck]:
    out = []
    if wish.salary:
        wanted = f"at least {_money(wish.salary)}"
        if not counter.salary:
            out.append(CriterionCheck("salary", "Salary", NOT_STATED, wanted, ""))
        else:
            status = MET if counter.salary >= wish.salary else NOT_MET
            out.append(CriterionCheck("salary", "Salary", status, wanted, _money(counter.salary)))
    want = _remote_key(wish.remote)
    if want:
        have = _remote_key(counter.remote)
        if want == "on-site":
            status = MET  # any arrangement will do
        elif not have:
            status = NOT_STATED
        else:
            status = MET if _REMOTE_RANK[have] >= _REMOTE_RANK[want] else NOT_MET
        offered = have or counter.remote.strip()
        out.append(CriterionCheck("remote", "Remote work", status, _REMOTE_WISH[want], offered))
    want_title = _title_key(wish.title)
    if want_title:
        have_title = _title_key(counter.title)
        wanted = f"“{wish.title.strip()}”"
        if not have_title:
            out.append(CriterionCheck("title", "Title", NOT_STATED, wanted, ""))
        else:
            met = re.search(rf"(?<!\w){re.escape(want_title)}(?!\w)", have_title) is not None
            out.append(
                CriterionCheck(
                    "title", "Title", MET if met else NOT_MET, wanted, f"“{counter.title.strip()}”"
                )
            )
    if wish.start:
        wanted = f"to start by {_day(wish.start)}"
        if counter.start is None:
            out.append(CriterionCheck("start", "Start date", NOT_STATED, wanted, ""))
        else:
            status = MET if counter.start <= wish.start else NOT_MET
            out.append(
                CriterionCheck(
                    "start", "Start date", status, wanted, f"a start on {_day(counter.start)}"
                )
            )
    return out


def _names(items: list[str]) -> str:
    low = [i[0].lower() + i[1:] for i in items]
    return low[0] if len(low) == 1 else f"{', '.join(low[:-1])} and {low[-1]}"


def compare_counter(reconsider: Terms | None, counter: Terms | None, firm: bool) -> CounterVerdict:
    """Does the counter-offer meet what the person said would make them reconsider?

    Per criterion: salary at or above their minimum; remote work at least as remote as
    they asked ("remote" only by remote, "hybrid" by hybrid or remote, "on-site" by
    anything); the title they asked for, matched whole-word and case-insensitively
    within the offered one; a start on or before their latest start date.
    """
    notes = []
    if reconsider is not None and reconsider.notes.strip():
        notes.append(f"Your note: {reconsider.notes.strip()}")
    if counter is not None and counter.notes.strip():
        notes.append(f"Their note: {counter.notes.strip()}")
    if firm:
        arrived = counter is not None
        return CounterVerdict(
            False,
            "You said nothing would change your mind: decline again, warmly and promptly."
            if arrived
            else "You said nothing would change your mind: if they come back with more, "
            "decline again, warmly and promptly.",
            [
                "Thank them for the improved offer and say your decision stands.",
                "No bargaining words (“could you”, “what if”, “any flexibility”) "
                "and no hedging (“for now”, “unless”).",
                *notes,
            ],
            "counter-decline",
        )
    wish = reconsider or Terms()
    if not (wish.salary or _remote_key(wish.remote) or _title_key(wish.title) or wish.start):
        return CounterVerdict(
            None,
            "Decide first what would change your mind: the least salary, the remote work, "
            "the title or the start date that would make you reconsider.",
            [
                "Write it down before you answer, so the offer in front of you does not decide "
                "for you.",
                "Reply promptly meanwhile: thank them, and say you will answer soon.",
                *notes,
            ],
            "" if counter is None else "counter-open",
        )
    if counter is None:
        return CounterVerdict(
            None,
            "No counter-offer yet: when one comes, note its terms here to compare.",
            [f"You would reconsider for: {_wish_words(wish)}.", *notes],
            "",
        )
    checks = _criteria(wish, counter)
    lines = [c.line for c in checks] + notes
    short = [c.label for c in checks if c.status == NOT_MET]
    stated = [c for c in checks if c.status != NOT_STATED]
    silent = [c.label for c in checks if c.status == NOT_STATED]
    if short:
        return CounterVerdict(
            False,
            f"Does not meet your criteria ({_names(short)} "
            f"{'falls' if len(short) == 1 else 'fall'} short): decline warmly.",
            lines,
            "counter-decline",
            tuple(checks),
        )
    if not stated:
        return CounterVerdict(
            None,
            f"The counter-offer does not say anything about {_names(silent)}: ask before "
            "you decide.",
            lines,
            "counter-open",
            tuple(checks),
        )
    summary = "Meets your criteria: open a conversation."
    if silent:
        summary = (
            f"Meets your criteria so far: open a conversation, and ask about {_names(silent)}."
        )
    return CounterVerdict(True, summary, lines, "counter-open", tuple(checks))


def _wish_words(wish: Terms) -> str:
    parts = []
    if wish.salary:
        parts.append(f"a salary of at least {_money(wish.salary)}")
    if _remote_key(wish.remote):
        parts.append(_REMOTE_WISH[_remote_key(wish.remote)])
    if _title_key(wish.title):
        parts.append(f"the title “{wish.title.strip()}”")
    if wish.start:
        parts.append(f"a start by {_day(wish.start)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- recruiters


def _follow_ups_since_decline(offer: Offer) -> int | None:
    """Follow-ups logged after the decline went out; None when it has not."""
    declined = decline_date(offer)
    if declined is None:
        return None
    marks = [i for i, e in enumerate(offer.log) if e.kind == "declined" and e.date == declined]
    after = marks[0] if marks else -1
    return sum(
        1
        for i, e in enumerate(offer.log)
        if e.kind == "follow-up" and (e.date > declined or (e.date == declined and i > after))
    )


def recruiter_reply(offer: Offer) -> tuple[str, str]:
    """(template, advice) for answering a recruiter who follows up after the decline.

    The template is "" when no reply is needed; otherwise "recruiter-reply" for the first
    follow-up and "recruiter-final" from the second on.
    """
    who = offer.contact_name.strip() or "The recruiter"
    n = _follow_ups_since_decline(offer)
    if n is None or offer.status == "deciding":  # set back to deciding: no decline stands
        return "", "You have not declined this offer yet: there is no decline to stand by."
    if n == 0:
        return "", "No follow-up since your decline: no reply needed yet."
    if n == 1:
        return (
            "recruiter-reply",
            f"{who} followed up once since your decline: thank them again, and say "
            "politely that your decision stands.",
        )
    return (
        "recruiter-final",
        f"{who} has followed up {n} times since your decline: thank them, and say plainly "
        "that your decision is final.",
    )


# --------------------------------------------------------------------------- multiple offers


def next_to_decline(wb: Workbook, current_id: str | None) -> Offer | None:
    """The next open offer after this one, closest deadline first, wrapping round.

    The current offer need not be open any more (it may have just been declined): the
    next is then the first open offer that sorts after it. None when nothing else is open.
    """
    queue = list(multiple_offers(wb).to_decline)
    ids = [o.id for o in queue]
    if current_id in ids:
        i = ids.index(current_id)
        rest = queue[i + 1 :] + queue[:i]
        return rest[0] if rest else None
    if not queue:
        return None
    current = wb.offer(current_id) if current_id is not None else None
    if current is None:
        return queue[0]
    key = _deadline_key(current)
    return next((o for o in queue if _deadline_key(o) > key), queue[0])


def other_companies_named(text: str, wb: Workbook, offer: Offer) -> list[str]:
    """The other offers' companies this text names (each once, as the workbook spells it).

    The same matching as the checklist's no-other-company rule, for a warning before export:
    short names count ("Acme" for "Acme Corp"), a quoted chain below the reply does not.
    """
    own = Message(text).own
    found = company_mentions(own, wb.other_companies(offer), exclude=(offer.company,))
    return list(dict.fromkeys(name for _, _, name in found))


# --------------------------------------------------------------------------- beyond the guide
# Rescinding an acceptance and telling a referrer: cases the guide does not cover.


def rescind_lines(offer: Offer | None) -> list[str]:
    """Where an offer stands for backing out of an acceptance."""
    if offer is None:
        return ["Select an offer to see where it stands."]
    who = offer.contact_name.strip() or "the hiring manager"
    if offer.status == "accepted":
        return [
            f"{offer.label}: accepted. If you must back out, call {who} today, apologise "
            "once, then confirm by email the same day.",
        ]
    if offer.status == "rescinded":
        return [
            f"{offer.label}: rescinded. Make sure the confirming email went out, and "
            "tell anyone who referred you.",
        ]
    return [f"{offer.label}: this applies only to an offer you have accepted."]


def referral_reminder(offer: Offer) -> str | None:
    """A reminder to tell the referrer, for an offer someone referred them to; else None."""
    who = offer.referrer.strip()
    if not who:
        return None
    reach = f" ({offer.referrer_email.strip()})" if offer.referrer_email.strip() else ""
    if offer.status == "deciding":
        return (
            f"{who}{reach} referred you: when you decline, tell them at the same time "
            "(the referrer-note template)."
        )
    if offer.status in ("declined", "withdrawn", "rescinded"):
        return (
            f"{who}{reach} referred you: if you have not told them yet, tell them now "
            "(the referrer-note template)."
        )
    return None


def reply_for(wb: Workbook, offer: Offer, tab: str) -> tuple[str, str]:
    """(template, why) of the reply a scenario helper's tab drafts for this offer (`t`); the
    template is "" when there is none to draft, and `why` says so."""
    if tab == "counter-offer":
        verdict = compare_counter(offer.reconsider, offer.counter, offer.firm)
        return verdict.template or "", verdict.summary
    if tab == "persistent-recruiter":
        name, why = recruiter_reply(offer)
        return name or "", why
    if tab == "multiple-offers":
        if offer.status == "accepted":
            return "rescind", "Call first; this note confirms it."
        if multiple_offers(wb).hold:
            return hold_advice(wb, offer)
        return "", "Each offer to decline has its own draft: ctrl+b moves to the next."
    if offer.referrer and offer.status in ("deciding", "declined"):
        return "referrer-note", f"A note to {offer.referrer}, who referred you."
    if offer.status == "declined":
        return "checkin-note", "A short check-in, with no ask."
    return "", "Nothing to draft here until the offer is declined."
