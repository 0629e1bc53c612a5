"""What a rule is, what it may know and what it finds: the rule catalogue (titles, why, fix)
in the checklist's order, the statuses, the context, and the report of the findings.

The rules themselves live beside their patterns (structure, tone, hygiene, timing,
medium); `rules` runs them in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from decline_tui.core.care import decline_date
from decline_tui.core.kinds import REFERRER, contact_of, kind_of
from decline_tui.core.model import Offer, Workbook

PASS, WARN, FAIL, SKIP = "pass", "warn", "fail", "skip"
STATUSES = (PASS, WARN, FAIL, SKIP)
SYMBOLS = {PASS: "✓", WARN: "!", FAIL: "✗", SKIP: "–"}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    why: str
    fix: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "greeting",
            "Greeting by name",
            "A greeting by name shows the message was written for them, not sent in bulk.",
            "Open with the person's name: “Dear Maria,” or “Hi Maria,”.",
        ),
        Rule(
            "gratitude",
            "Thanks for the offer",
            "Gratitude acknowledges the time and effort they put into interviewing you.",
            "Thank them for the offer and for their time, e.g. “Thank you for offering me…”.",
        ),
        Rule(
            "clear-decline",
            "Clear decline",
            "An ambiguous answer leaves them waiting; they need to move on to other candidates.",
            "Say it plainly: “I have decided to decline the offer.”",
        ),
        Rule(
            "brief-reason",
            "Brief reason",
            "One or two honest sentences about your own decision are enough; more invites debate.",
            "Give one or two sentences, focused on you, e.g. “I have accepted a role closer "
            "to my family.”",
        ),
        Rule(
            "positive-note",
            "Something you appreciated",
            "Naming something specific you valued leaves a good last impression.",
            "Mention something specific: the team, a project, the interview process.",
        ),
        Rule(
            "door-open",
            "Door left open",
            "Industries are small; saying you'd like to stay in touch keeps future roles possible.",
            "If you mean it, add: “I would be glad to stay in touch.”",
        ),
        Rule(
            "offer-help",
            "Offer to help (optional)",
            "Offering to suggest other candidates turns a no into a favour they remember.",
            "Optionally: “I'd be happy to recommend people from my network for the role.”",
        ),
        Rule(
            "closing",
            "Sign-off and name",
            "A professional closing with your name ends the message warmly and clearly.",
            "End with a sign-off and your name: “Best regards,” then your name on the next line.",
        ),
        Rule(
            "subject",
            "Subject line",
            "A clear subject line lets them find and file your answer at a glance.",
            "Start the text with a line like “Subject: Job offer – Your Name”.",
        ),
        Rule(
            "no-negativity",
            "No negative remarks",
            "Criticising the company, role, pay or people burns a bridge for nothing.",
            "Remove the criticism; keep the reason about your own choice.",
        ),
        Rule(
            "no-wavering",
            "No wavering",
            "Hedging reopens the decision and invites a counter-offer you do not want.",
            "Remove words like “maybe”, “for now” or “unless you could…”; state the decision once.",
        ),
        Rule(
            "no-over-explaining",
            "Not over-explained",
            "Long declines read as excuses; replies of 50–125 words do best.",
            "Cut the message to under 200 words: thank, decline, one reason, one kind note.",
        ),
        Rule(
            "no-other-company",
            "No other company named",
            "Naming the offer you chose looks like a bargaining move and is not their business.",
            "Say “another opportunity” instead of naming the company.",
        ),
        Rule(
            "placeholders",
            "No placeholders left",
            "A leftover [Placeholder] or TODO shows the message is a form letter.",
            "Fill in or delete every [bracketed], {braced} or <angled> placeholder and TODO.",
        ),
        Rule(
            "spelling",
            "Spelling",
            "A typo in a short, formal message is noticed; proofreading shows care.",
            "Correct the words listed, or add names to the offer so they are known.",
        ),
        Rule(
            "timely",
            "Timely answer",
            "Answering within about two days, and always before the deadline, lets them move on.",
            "Send your answer today; if you are late, apologise briefly for the delay.",
        ),
        Rule(
            "send-time",
            "Good time to send",
            "A message sent in working hours, not on a Friday afternoon, is read and answered.",
            "Schedule it for the next good time, or save the draft and send it then.",
        ),
        Rule(
            "linkedin-length",
            "Fits LinkedIn's limit",
            "LinkedIn cuts connection notes at 200 characters on free accounts (300 on premium).",
            "Shorten the note to 200 characters: greeting, thanks, decline, stay in touch.",
        ),
        Rule(
            "no-bargaining",
            "No bargaining",
            "You said nothing would change your mind: asking for more reopens a decision "
            "you have made, and wastes their time and goodwill.",
            "Remove asks like “could you increase…”, “if you can match…” or “any flexibility?”; "
            "thank them and say your decision stands.",
        ),
        Rule(
            "no-reason",
            "The decline's reason left out",
            "A thank-you note is about the person and what you talked about; the reason you "
            "declined belongs in the decline alone, and repeating it reads as explaining "
            "yourself again.",
            "Take out the sentence that repeats your reason: thank them, name what you talked "
            "about, say you hope to stay in touch.",
        ),
        Rule(
            "personal-detail",
            "Something from your conversation",
            "A note that names what you talked about with this person reads as written for "
            "them, not copied to everyone you met.",
            "Add what you talked about to the contact (its note), or name it in the message.",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str
    message: str
    spans: tuple[tuple[int, int], ...] = ()
    hint: str = ""
    # How the person overruled it (core.checklist.overrule): "" not at all, "dismissed"
    # (every word it flags was dismissed: a SKIP), or where the rule was switched off:
    # "offer", "workbook" or "command line" (a SKIP, not run).
    overruled: str = ""
    # The words dismissed on this draft, greyed; a live finding may hold some too, when it
    # also flags words that were not dismissed.
    dismissed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "status": self.status,
            "message": self.message,
            "spans": [list(s) for s in self.spans],
            "hint": self.hint,
        }
        if self.overruled:
            out["overruled"] = self.overruled
        if self.dismissed:
            out["dismissed"] = list(self.dismissed)
        return out


@dataclass
class CheckContext:
    """What the rules may know beyond the text; every field is optional."""

    medium: str = "email"
    sender: str = ""
    recipient: str = ""
    recipient_aliases: tuple[str, ...] = ()  # names the recipient goes by ("Bob"): greet them
    others: tuple[str, ...] = ()
    known_words: tuple[str, ...] = ()
    received: date | None = None
    deadline: date | None = None
    now: datetime | None = None
    future_open: bool | None = None
    offer_referrals: bool | None = None
    spelling: bool = True
    firm: bool = False  # the decision is final: bargaining words fail
    kind: str = "decline"  # what the message is (core.kinds): which rules apply
    counter_received: date | None = None  # when the counter-offer came, for answering it
    send_at: datetime | None = None  # when the person plans to send it
    # What a follow-up answers (core.kinds' timely_from): the recruiter's latest logged
    # follow-up, the check-in's due date, the call a confirming email confirms.
    followup_received: date | None = None
    checkin_due: date | None = None
    called_on: date | None = None
    # The person's overrules (core.checklist.overrule): rules switched off, rule -> where
    # ("offer", "workbook", "command line"), and findings dismissed, (rule, words) pairs.
    disabled: dict[str, str] = field(default_factory=dict)
    ignored: tuple[tuple[str, str], ...] = ()
    # For a thank-you note (core.thanks): the decline's reason, which it must not repeat;
    # what you talked about with the person (their contact's note), which it should name;
    # and the day the decline went out (None: not logged yet), which it should follow.
    reason: str = ""
    detail: str | None = None  # None: not a known contact of the offer
    declined_on: date | None = None


def context_for(
    wb: Workbook, offer: Offer, medium: str, now: datetime | None, template: str = ""
) -> CheckContext:
    """The context for checking a draft of this offer, from the workbook's own data.

    `template` names the template the draft came from, when known; its kind (core.kinds)
    decides which rules apply, who the message is addressed to (a note to the referrer
    greets the referrer) and whether the decision is final (a declined counter-offer, an
    answer to a recruiter, a rescinded acceptance, or any draft of an offer marked firm).
    """
    kind = kind_of(template)
    names = [wb.profile.name, offer.contact_name, offer.preferred_name, offer.company, offer.role]
    names.append(offer.referrer)
    # Every person of the workbook is a known word: the offer's contacts, and the names
    # written in its log (capitalised words after a note's first).
    names.extend(c.name for c in offer.contacts)
    for entry in offer.log:
        names.extend(w for w in entry.note.split()[1:] if w[:1].isupper())
        names.append(entry.contact)  # who it was with
    recipient = offer.contact_name
    aliases = (offer.preferred_name,) if offer.preferred_name.strip() else ()
    if kind.recipient == REFERRER and offer.referrer.strip():
        recipient = offer.referrer
        aliases = ()  # the contact's preferred name is not the referrer's
    return CheckContext(
        medium=medium,
        sender=wb.profile.name,
        recipient=recipient,
        recipient_aliases=aliases,
        others=tuple(wb.other_companies(offer)),
        known_words=tuple(n for n in names if n),
        received=offer.received,
        deadline=offer.deadline,
        now=now,
        future_open=offer.future_open,
        offer_referrals=offer.offer_referrals,
        firm=kind.firm or (offer.firm and kind.declines),
        kind=kind.name,
        counter_received=offer.counter_received,
        # The planned time is the decline's (p on the main screen), while it is still to send.
        send_at=offer.send_at if kind.declines and offer.status == "deciding" else None,
        reason=offer.reason,
        detail=_detail(offer),
        declined_on=decline_date(offer)
        or (now.date() if now is not None and offer.status == "declined" else None),
        **_triggers(wb, offer, kind.timely_from, now),
        **overrules_for(wb, offer),
    )


def _detail(offer: Offer) -> str | None:
    """What you talked about with whom the offer's messages are addressed to (their
    contact's note); None when they are not among the offer's contacts."""
    contact = contact_of(offer)
    return None if contact is None else contact.note


def overrules_for(wb: Workbook, offer: Offer) -> dict[str, Any]:
    """The context's `disabled` and `ignored` from the workbook's settings and the offer's
    [offers.checklist]: a rule off for the workbook says so even when the offer agrees."""
    disabled = {r: "offer" for r in offer.checklist.disabled}
    disabled.update({r: "workbook" for r in wb.checklist_disabled})
    ignored = tuple((i.rule, i.text) for i in offer.checklist.ignored)
    return {"disabled": disabled, "ignored": ignored}


def _triggers(wb: Workbook, offer: Offer, timely_from: str, now: datetime | None) -> dict[str, Any]:
    """The dates a follow-up is timed from, read from the offer's log and check-ins."""
    if timely_from == "follow-up":
        days = [i.date for i in offer.log if i.kind == "follow-up"]
        return {"followup_received": max(days, default=None)}
    if timely_from == "call":
        days = [
            i.date
            for i in offer.log
            if i.kind == "call" or (i.kind == "declined" and i.channel == "phone")
        ]
        return {"called_on": max(days, default=None)}
    if timely_from == "checkin" and now is not None:
        # The person's own next check-in: contact logged with them under another offer
        # (met again at their new company) moves it too. Worked out only for a check-in
        # note, the one kind timed from it.
        from decline_tui.core import people

        if wb.offer(offer.id) is None:  # an offer checked on its own
            wb = Workbook(offers=[offer], checkin_months=list(wb.checkin_months))
        person = people.person_for(wb, offer, "")
        due = people.due_for(wb, person.key, now.date()) if person is not None else None
        return {"checkin_due": due.due if due is not None else None}
    return {}


def _finding(
    rule: str,
    status: str,
    message: str,
    spans: Iterable[tuple[int, int]] = (),
    hint: str = "",
) -> Finding:
    r = RULES[rule]
    if not hint:
        hint = r.why if status in (PASS, SKIP) else f"{r.fix} Why: {r.why}"
    return Finding(rule, status, message, tuple(spans), hint)


def ok(findings: Iterable[Finding]) -> bool:
    """True when nothing fails (warnings are advice, not errors)."""
    return all(f.status != FAIL for f in findings)


def format_report(findings: list[Finding], text: str) -> str:
    """A plain-text report: one block per rule, with the offending words for problems."""
    out = []
    width = max(len(f.rule) for f in findings) if findings else 0
    for f in findings:
        out.append(f"{SYMBOLS[f.status]} {f.status:<4}  {f.rule:<{width}}  {f.message}")
        if f.status in (WARN, FAIL):
            words = [" ".join(text[a:b].split()) for a, b in f.spans]
            words = [w[:60] + ("…" if len(w) > 60 else "") for w in words if w]
            if words and not f.message.endswith(tuple(f"“{w}”." for w in words)):
                shown = ", ".join(f"“{w}”" for w in dict.fromkeys(words))
                out.append(f"{'':{width + 9}}at: {shown}")
            if f.hint:
                out.append(f"{'':{width + 9}}{f.hint}")
    counts = {s: sum(f.status == s for f in findings) for s in STATUSES}
    out.append("")
    overruled = sum(bool(f.overruled) for f in findings)
    out.append(
        f"{counts[FAIL]} failed, {counts[WARN]} warned, {counts[PASS]} passed, "
        f"{counts[SKIP]} skipped" + (f" ({overruled} overruled by you)" if overruled else "")
    )
    return "\n".join(out)
