"""Keeping the relationship warm after a decline: the log, check-in reminders, timing advice.

What personal CRMs (Clay, Monica, Dex) do, locally: every function is pure and takes
`today` or `now`, so the reminders a test sees are the reminders a person sees.
"""

from __future__ import annotations

import calendar
import copy
from dataclasses import dataclass
from datetime import date, datetime

from decline_tui.core.kinds import REFERRER, kind_of, recipient_of
from decline_tui.core.model import (
    Interaction,
    Offer,
    Workbook,
)
from decline_tui.core.timing import describe_moment, is_good_send_time, next_send_time

DUE_SOON_DAYS = 14  # a reminder this close shows as coming up


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def decline_date(offer: Offer) -> date | None:
    """When the decline went out: the logged decline, else the day it was first seen declined."""
    logged = [i.date for i in offer.log if i.kind == "declined"]
    if logged:
        return min(logged)
    return offer.declined_on


def note_declined(wb: Workbook, today: date) -> list[Offer]:
    """Give every declined offer a decline date, even one whose status was set by hand.

    Returns the offers it changed, so the caller knows to save.
    """
    changed = []
    for offer in wb.offers:
        if offer.status == "declined" and decline_date(offer) is None:
            offer.declined_on = today
            changed.append(offer)
    return changed


# --------------------------------------------------------------------------- marking as sent

# How each kind of message goes in the log once sent: (log kind, note). A decline is logged
# as "declined" (reminders count from it); the others as what they are, so a reply to a
# recruiter never reads as a second decline.
_SENT_AS = {
    "decline": ("declined", "Sent the decline"),
    "counter-decline": ("declined", "Declined the counter-offer"),
    "counter-open": ("reply", "Replied to the counter-offer, open to talk"),
    "recruiter-reply": ("reply", "Replied to the recruiter's follow-up"),
    "rescind": ("sent", "Sent the note withdrawing my acceptance"),
    "referrer-note": ("sent", "Sent a note to {referrer}, who referred me,"),
    "checkin": ("check-in", "Sent a check-in note"),
    "hold": ("reply", "Sent a holding reply"),
    # to one person met through the offer (core.thanks): logged with them as its contact
    "thanks": ("sent", "Sent a thank-you note"),
}


@dataclass(frozen=True)
class SentPlan:
    """What marking a draft as sent would log and change, worked out before anything is.

    The app shows `question()` and only then calls `log_sent`, so the person confirms the
    exact entry; `already` catches a second press of the key.
    """

    entry: Interaction  # the log line to add
    what: str  # "the decline", "the reply to a recruiter's follow-up"
    to: str  # "María López (Acme Corp)"
    declines: bool  # marks the offer declined and starts check-in reminders
    status: str  # the offer's status now (unchanged unless `declines`)
    already: date | None  # this message is logged as sent already, on that day
    checkins: tuple[date, ...]  # check-ins the decline schedules; () for other kinds

    def title(self) -> str:
        return "Log it again?" if self.already else "Mark as sent?"

    def question(self) -> str:
        """The confirmation, saying exactly what goes in the log and what else changes."""
        day = self.entry.date.isoformat()
        out = []
        if self.already:
            out.append(f"Already logged as sent on {self.already.isoformat()}.")
        if self.declines:
            again = " again" if self.already else ""
            out.append(f"Log {self.what} to {self.to} as sent{again} today ({day})?")
            if self.already:
                out.append("The check-in dates stay as they are.")
            elif self.checkins:
                dates = _and([d.isoformat() for d in self.checkins])
                out.append(
                    f"The offer will be marked declined and check-ins scheduled for {dates}."
                )
            else:
                out.append(
                    "The offer will be marked declined; no check-ins are scheduled, as you "
                    "did not leave the door open."
                )
        else:
            again = " again" if self.already else ""
            out.append(
                f"Log {self.what}, to {self.to}, as sent{again} today ({day})? It goes in the "
                f"log as “{self.entry.kind}”; the offer stays “{self.status}” and no check-ins "
                "are scheduled."
            )
        return " ".join(out)

    def done(self) -> str:
        """What the notification says once it is logged."""
        if self.declines and self.checkins and not self.already:
            dates = _and([d.isoformat() for d in self.checkins])
            return f"Logged {self.what} to {self.to} as sent. Check-ins: {dates} (F10)."
        return f"Logged {self.what} to {self.to} as sent ({self.entry.kind})."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def sent_entry(offer: Offer, template: str, medium: str, today: date) -> Interaction:
    """The log line for sending a draft of this template: its kind says what it was."""
    channel = {"phone": "phone", "linkedin": "linkedin"}.get(medium, "email")
    kind = kind_of(template)
    log_kind, note = _SENT_AS.get(kind.name, _SENT_AS["decline"])
    if kind.recipient == REFERRER:
        note = note.format(referrer=offer.referrer.strip() or "the person")
    # A thank-you note is rendered for an offer addressed to its person: the log says who.
    contact = " ".join(offer.contact_name.split()) if kind.name == "thanks" else ""
    if kind.recipient == REFERRER:  # with the referrer: not a touch with the offer's contact
        contact = " ".join(offer.referrer.split())
    return Interaction(today, log_kind, channel, f"{note} by {channel}", contact=contact)


def _sent_before(offer: Offer, template: str, entry: Interaction) -> date | None:
    """The day this message was last logged as sent, if it was.

    A decline counts once per offer (once per counter-offer for a reply to one); any other
    message counts when the same entry is logged the same day: a check-in note three
    months later is a new one.
    """
    kind = kind_of(template)
    if kind.declines:
        since = offer.counter_received if kind.timely_from == "counter" else None
        days = [
            i.date for i in offer.log if i.kind == "declined" and (since is None or i.date >= since)
        ]
    else:
        days = [i.date for i in offer.log if i == entry]
    return max(days) if days else None


def _recipient(offer: Offer, template: str) -> str:
    """Who a draft goes to, as a sentence names them: "María López (Acme Corp)"."""
    name, _email, _what = recipient_of(offer, template)
    name = " ".join(name.split())
    company = " ".join(offer.company.split())
    if name and company and kind_of(template).recipient != REFERRER:
        return f"{name} ({company})"
    return name or company or "them"


def plan_sent(wb: Workbook, offer: Offer, template: str, medium: str, today: date) -> SentPlan:
    """What marking the draft of `template` as sent today would log; changes nothing.

    `template` is the template of the draft on screen (a scenario reply, say), not
    necessarily the offer's decline template.
    """
    kind = kind_of(template)
    entry = sent_entry(offer, template, medium, today)
    already = _sent_before(offer, template, entry)
    checkins: tuple[date, ...] = ()
    if kind.declines and already is None:
        # The offer's contact's plan once it is declined, in the whole workbook: the same
        # person in another offer is the same person (core.people).
        from decline_tui.core.people import person_for

        trial = copy.deepcopy(offer)
        log_sent(trial, entry, declines=True)
        others = [o for o in wb.offers if o is not offer and o.id != offer.id]
        trial_wb = Workbook(
            offers=[*others, trial],
            checkin_months=list(wb.checkin_months),
            snoozed=dict(wb.snoozed),
        )
        who = person_for(trial_wb, trial, "")
        checkins = tuple(
            r.due
            for r in reminders(trial_wb, today)
            if not r.done and who is not None and r.key == who.key
        )
    what = kind.label.removeprefix("a ").removeprefix("an ")
    return SentPlan(
        entry=entry,
        what=f"the {what}",
        to=_recipient(offer, template),
        declines=kind.declines,
        status=offer.status,
        already=already,
        checkins=checkins,
    )


def log_sent(offer: Offer, entry: Interaction, *, declines: bool) -> None:
    """Add the entry; a decline also marks the offer declined. Any plan to send is done."""
    offer.log.append(entry)
    offer.send_at = None
    if declines:
        offer.status = "declined"
        if offer.declined_on is None:
            offer.declined_on = entry.date


@dataclass(frozen=True)
class Reminder:
    """One check-in of a person's plan (core.people): done, the next, or one to come."""

    offer_id: str  # the offer it is drafted from and logged under
    company: str  # where the person is now
    contact: str  # the person's name, else email ("" when the offer names nobody)
    months: int  # months after the decline it was planned for (3, 6, 12)
    due: date
    done: bool
    # Declined by hand (status set in the file) with no date anywhere: counted from today,
    # since reading the workbook must not write a date into it.
    assumed: bool = False
    key: str = ""  # the person's key (core.people.person_key); "" for one made by hand
    step: int = 0  # its number in the person's plan, from 1
    next: bool = False  # the person's next check-in (the others are done, or come after it)
    snoozed: bool = False  # put off to this day ([snoozed])
    declined_at: str = ""  # the company of the offer declined, when they have moved on since

    def status(self, today: date) -> str:
        """'done', 'overdue', 'due soon' or 'later', in words."""
        return due_status(None if self.done else self.due, today)


def due_status(due: date | None, today: date) -> str:
    """A check-in's state in words: 'done' (None: nothing due), 'overdue', 'due soon'
    (within DUE_SOON_DAYS) or 'later'."""
    if due is None:
        return "done"
    days = (due - today).days
    if days < 0:
        return "overdue"
    if days <= DUE_SOON_DAYS:
        return "due soon"
    return "later"


def reminders(wb: Workbook, today: date) -> list[Reminder]:
    """Every check-in of every person kept in touch with (core.people.due_list), by date.

    A person's plan counts from their decline: the months between check-ins (3, 3, 6 for
    [3, 6, 12]) run from the latest contact logged with them, so a call or a coffee moves
    the next one, and each check-in logged ticks one off. The next is put off while the
    person is snoozed; those after it fall where they would if each is made on its day. A
    decline with no date (marked by hand) counts from `today`, flagged `assumed`.
    """
    from decline_tui.core.people import due_list  # people builds on this module

    out: list[Reminder] = []
    for due in due_list(wb, today):
        person = due.person
        offer = wb.offer(due.offer_id)
        declined_at = offer.company.strip() if offer is not None else ""
        if declined_at.casefold() == person.company.casefold():
            declined_at = ""
        for step in due.plan:
            first = not step.done and step.number == due.step
            out.append(
                Reminder(
                    due.offer_id,
                    person.company,
                    person.name or person.email,
                    step.months,
                    step.due,
                    done=step.done,
                    assumed=due.assumed,
                    key=person.key,
                    step=step.number,
                    next=first,
                    snoozed=first and due.snoozed_until is not None,
                    declined_at=declined_at,
                )
            )
    out.sort(key=lambda r: (r.done, r.due, r.company, r.contact, r.step))
    return out


def upcoming(wb: Workbook, today: date) -> list[Reminder]:
    """Reminders not yet done, soonest first."""
    return [r for r in reminders(wb, today) if not r.done]


def calendar_checkins(wb: Workbook, today: date) -> list[Reminder]:
    """What a calendar file holds: each person's next check-in (the later ones move with
    it, so they are not written down yet). `reminders --ics` and F10's `i` both save these."""
    return [r for r in reminders(wb, today) if r.next]


def suggest_call(offer: Offer) -> str | None:
    """Why a call should come first, when the guide says so; None when email is fine."""
    if offer.channel in ("phone", "in-person", "video"):
        return f"The offer came by {offer.channel}: call first, then confirm by email."
    if offer.interviews >= 3:
        return (
            f"After {offer.interviews} rounds of interviews a call is the courteous way: "
            "call first, then confirm by email."
        )
    return None


def send_advice(now: datetime, planned: datetime | None = None) -> str:
    """Whether to send now, and if not, when; mentions a planned time when there is one."""
    if planned is not None:
        if planned <= now:
            return "The planned time to send has come: send it now."
        return f"Planned to send {describe_moment(planned, now)}."
    if is_good_send_time(now):
        return "Now is a good time to send."
    return f"Better to send {describe_moment(next_send_time(now), now)}."


# --------------------------------------------------------------------------- form values
