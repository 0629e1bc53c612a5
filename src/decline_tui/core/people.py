"""People across offers: who someone is, what happened with them, when to check in next.

The reason to keep in touch is the person, not the offer: the recruiter who made the Acme
offer may make the Bolt one a year later. A person is each offer's main contact and each
of its contacts; within one offer the same name is the same person, and across offers the
same email or LinkedIn profile is (names alone never join people: two Alex Kims are two
people). A log entry is theirs when its `contact` names them; an entry with no contact is
the offer's main contact's.

The check-in rule (`due_list`): a person is kept in touch with when they belong to an offer
declined with the door left open and they are its main contact or have entries of their
own (a thank-you sent to an interviewer). The plan counts from their latest such decline.
The workbook's check-in months, [3, 6, 12], are gaps of 3, 3 and 6 months; each touch (any
entry with them after the decline but the decline itself: a call, a coffee, a check-in,
their reply) moves the next check-in to that many months after it. A touch in the first
half of a gap only restarts the gap (their "thanks for letting me know" two days after the
decline is not the 3-month check-in); one made later counts as that check-in. On-time
check-ins give the same 3/6/12-month dates as before; a coffee on 15 March moves the
1 April check-in to 15 June. A snooze ([snoozed]) puts the next one off to its day.

Pure: every function takes `today`; nothing here reads a clock or imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from decline_tui.core.care import add_months, decline_date, due_status
from decline_tui.core.model import Interaction, Offer, Workbook

if TYPE_CHECKING:
    from decline_tui.core.compose import Draft

SNOOZES = {"week": "a week", "month": "a month"}
# Entries our app writes itself start with these words; only a person's own words about a
# conversation are worth recalling in a check-in.
_AUTOMATIC = re.compile(r"^\s*(sent|replied|declined|logged)\b", re.I)
_RECALL_KINDS = frozenset({"call", "note", "follow-up", "check-in", "reply"})
_SPOKEN = frozenset({"phone", "in-person", "video"})


# --------------------------------------------------------------------------- identity


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _email_key(email: str) -> str:
    email = email.strip()
    if email.lower().startswith("mailto:"):
        email = email[7:]
    return email.strip().lower() if "@" in email else ""


_LINKEDIN = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)*linkedin\.com(/.*)?$", re.I)


def normalise_linkedin(url: str) -> str:
    """A LinkedIn profile as one spelling: no scheme, no www. (or country) subdomain, no
    query, fragment or trailing slash, lower case ("linkedin.com/in/priya-k"). Any other
    URL loses only its scheme, query, fragment and trailing slash."""
    text = url.strip()
    if not text:
        return ""
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/").lower()
    m = _LINKEDIN.match(text)
    if m:
        return "linkedin.com" + (m.group(1) or "")
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    return text.removeprefix("www.")


def person_key(offer: Offer, name: str, email: str = "", linkedin: str = "") -> str:
    """How a person is named in the file ([snoozed]): their email, else their LinkedIn
    profile, else "offer-id/Name" (the offer's id alone for a contact with no name)."""
    key = _email_key(email) or normalise_linkedin(linkedin)
    if key:
        return key
    name = " ".join(name.split())
    return f"{offer.id}/{name}" if name else offer.id


@dataclass(frozen=True)
class Person:
    """Someone met through one offer or more, as they are now."""

    key: str
    name: str
    email: str
    linkedin: str
    role: str
    company: str  # where they are now: their most recent offer's company
    offers: tuple[str, ...]  # offer ids, oldest first
    companies: tuple[str, ...]  # distinct, oldest first
    # What you talked about with them, from their contact entry (the latest that says).
    talked_about: str = ""

    @property
    def label(self) -> str:
        """ "Priya Kumar (Bolt)", or what is known of them."""
        who = self.name or self.email or self.linkedin
        if who and self.company:
            return f"{who} ({self.company})"
        return who or (f"someone at {self.company}" if self.company else self.key)


@dataclass
class _Slot:
    """One person's place in one offer: the main contact or a contacts entry."""

    offer: Offer
    order: int  # the offer's place, oldest first
    name: str = ""
    email: str = ""
    linkedin: str = ""
    role: str = ""
    main: bool = False
    note: str = ""

    def fill(self, name: str, email: str, linkedin: str, role: str, note: str = "") -> None:
        self.note = self.note or " ".join(note.split())
        self.name = self.name or " ".join(name.split())
        self.email = self.email or email.strip()
        self.linkedin = self.linkedin or linkedin.strip()
        self.role = self.role or " ".join(role.split())


def _offer_order(wb: Workbook) -> list[Offer]:
    """Offers oldest first: by the day they came (else were declined); one with neither
    date comes just after the offer before it in the file."""
    keyed = []
    last = date.min
    for n, offer in enumerate(wb.offers):
        day = offer.received or decline_date(offer)
        last = day or last
        keyed.append((day or last, n, offer))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [o for _, _, o in keyed]


def _slots_of(offer: Offer, order: int) -> list[_Slot]:
    slots: list[_Slot] = []
    by_name: dict[str, _Slot] = {}

    def add(name: str, email: str, linkedin: str, role: str, main: bool, note: str = "") -> None:
        key = _name_key(name)
        slot = by_name.get(key) if key else None
        if slot is None and not key:
            mail = _email_key(email)
            slot = next((s for s in slots if mail and _email_key(s.email) == mail), None)
        if slot is None:
            if not (key or _email_key(email) or normalise_linkedin(linkedin) or main):
                return  # nobody to keep in touch with
            slot = _Slot(offer, order, main=main)
            slots.append(slot)
            if key:
                by_name[key] = slot
        slot.fill(name, email, linkedin, role, note)
        slot.main = slot.main or main

    contacts = list(offer.contacts)
    if offer.contact_name.strip() or offer.contact_email.strip():
        add(offer.contact_name, offer.contact_email, "", "", True)
    elif contacts:
        first = contacts.pop(0)
        add(first.name, first.email, first.linkedin, first.role, True, first.note)
    elif offer.status == "declined" and offer.future_open:
        add("", "", "", "", True)  # someone at the company, to check in with all the same
    for c in contacts:
        add(c.name, c.email, c.linkedin, c.role, False, c.note)
    return slots


@dataclass
class _Index:
    """Everyone in a workbook, and which log entry is whose."""

    people: list[Person] = field(default_factory=list)
    slots: list[list[_Slot]] = field(default_factory=list)  # per person
    history: list[list[tuple[Offer, Interaction]]] = field(default_factory=list)
    aliases: list[set[str]] = field(default_factory=list)  # every key that names them
    by_key: dict[str, int] = field(default_factory=dict)  # any alias -> person
    main_of: dict[str, int] = field(default_factory=dict)  # offer id -> its main contact
    offer_slots: dict[str, list[tuple[_Slot, int]]] = field(default_factory=dict)


def _index(wb: Workbook) -> _Index:
    ordered = _offer_order(wb)
    all_slots = [s for n, o in enumerate(ordered) for s in _slots_of(o, n)]
    parent = list(range(len(all_slots)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, slot in enumerate(all_slots):
        for ident in (_email_key(slot.email), normalise_linkedin(slot.linkedin)):
            if not ident:
                continue
            if ident in seen:
                parent[find(i)] = find(seen[ident])
            else:
                seen[ident] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(all_slots)):
        groups.setdefault(find(i), []).append(i)

    idx = _Index()
    for members in sorted(groups.values(), key=lambda g: g[0]):
        group = [all_slots[i] for i in members]
        n = len(idx.people)
        newest = sorted(group, key=lambda s: s.order, reverse=True)

        def latest(attr: str, slots: list[_Slot] = newest) -> str:
            return next((getattr(s, attr) for s in slots if getattr(s, attr)), "")

        email, linkedin, name = latest("email"), latest("linkedin"), latest("name")
        offers = tuple(dict.fromkeys(s.offer.id for s in group))
        companies: dict[str, str] = {}
        for s in group:
            company = " ".join(s.offer.company.split())
            if company:
                companies.setdefault(company.casefold(), company)
        company = next((s.offer.company.strip() for s in newest if s.offer.company.strip()), "")
        key = person_key(newest[0].offer, name, email, linkedin)
        idx.people.append(
            Person(
                key=key,
                name=name,
                email=email,
                linkedin=linkedin,
                role=latest("role"),
                company=company,
                offers=offers,
                companies=tuple(companies.values()),
                talked_about=latest("note"),
            )
        )
        aliases = {key}
        for s in group:
            if s.name:
                aliases.add(person_key(s.offer, s.name))
            for ident in (_email_key(s.email), normalise_linkedin(s.linkedin)):
                if ident:
                    aliases.add(ident)
            if s.main:
                idx.main_of[s.offer.id] = n
            idx.offer_slots.setdefault(s.offer.id, []).append((s, n))
        idx.slots.append(group)
        idx.aliases.append(aliases)
        idx.history.append([])
        for alias in aliases:
            idx.by_key.setdefault(alias, n)
            idx.by_key.setdefault(alias.casefold(), n)

    for offer in ordered:
        for entry in offer.log:
            who = _entry_owner(idx, offer, entry.contact)
            if who is not None:
                idx.history[who].append((offer, entry))
    for entries in idx.history:
        entries.sort(key=lambda oe: oe[1].date)  # stable: same-day entries keep file order
    return idx


def _match(idx: _Index, offer: Offer, who: str) -> int | None:
    """The person a name or an address stands for, within this offer, else anywhere."""
    who = " ".join(who.split())
    if not who:
        return idx.main_of.get(offer.id)
    mail, link = _email_key(who), normalise_linkedin(who) if "linkedin" in who.lower() else ""
    here = idx.offer_slots.get(offer.id, [])
    if mail or link:
        for slot, n in here:
            if (mail and _email_key(slot.email) == mail) or (
                link and normalise_linkedin(slot.linkedin) == link
            ):
                return n
        return idx.by_key.get(mail or link)
    key = _name_key(who)
    exact = {n for slot, n in here if _name_key(slot.name) == key}
    if len(exact) == 1:
        return exact.pop()
    # "Priya" for Priya Kumar: a first name, when it is only one person's here.
    starts = {n for slot, n in here if _name_key(slot.name).startswith(key + " ")}
    if len(starts) == 1:
        return starts.pop()
    return None


def _entry_owner(idx: _Index, offer: Offer, who: str) -> int | None:
    """Whose an entry is: the person it names, else the offer's main contact; an entry with
    the offer's referrer is nobody's here (the referrer is thanked, not kept in touch with)."""
    found = _match(idx, offer, who)
    if found is not None:
        return found
    key = _name_key(who)
    ref = (_name_key(offer.referrer), _email_key(offer.referrer_email))
    if key and (key == ref[0] or (ref[1] and _email_key(who) == ref[1])):
        return None
    return idx.main_of.get(offer.id)


def people(wb: Workbook) -> list[Person]:
    """Everyone of the workbook, in the order they were first met."""
    return list(_index(wb).people)


def person_for(wb: Workbook, offer: Offer, name_or_email: str) -> Person | None:
    """The person a name (of this offer) or an email, LinkedIn URL or key stands for; ""
    is the offer's main contact."""
    idx = _index(wb)
    n = _match(idx, offer, name_or_email)
    if n is None:
        text = name_or_email.strip()
        n = idx.by_key.get(text, idx.by_key.get(text.casefold()))
    return idx.people[n] if n is not None else None


def find_people(wb: Workbook, query: str) -> list[Person]:
    """People a command line names: by key, email or LinkedIn URL exactly, else by the start
    of their name (or of any word of it), case-insensitive."""
    idx = _index(wb)
    text = query.strip()
    if not text:
        return []
    for probe in (text, text.casefold(), _email_key(text), normalise_linkedin(text)):
        if probe and probe in idx.by_key:
            return [idx.people[idx.by_key[probe]]]
    q = _name_key(text)
    whole = [p for p in idx.people if _name_key(p.name) == q]
    if whole:
        return whole
    return [
        p
        for p in idx.people
        if _name_key(p.name).startswith(q)
        or any(w.startswith(q) for w in _name_key(p.name).split())
        or p.email.lower().startswith(q)
    ]


def _position(idx: _Index, person: Person) -> int | None:
    """Where a person is in the index: by their key, or any other name of theirs (a Person
    kept from before an edit that gave them an email still finds them)."""
    n = idx.by_key.get(person.key, idx.by_key.get(person.key.casefold()))
    if n is None and person.email:
        n = idx.by_key.get(_email_key(person.email))
    return n


def history(
    wb: Workbook, person: Person, idx: _Index | None = None
) -> list[tuple[Offer, Interaction]]:
    """Every entry with this person, from every offer they appear in, oldest first ([] for
    someone no longer in the workbook). `idx`: the workbook's index, when already made."""
    idx = idx or _index(wb)
    n = _position(idx, person)
    return list(idx.history[n]) if n is not None else []


# --------------------------------------------------------------------------- check-ins


@dataclass(frozen=True)
class Step:
    """One check-in of a person's plan: done, next, or to come if the next is on time."""

    number: int  # 1-based
    months: int  # months after the decline it is planned for (3, 6, 12)
    due: date
    done: bool


@dataclass(frozen=True)
class Due:
    """A person kept in touch with: their next check-in, or None once the plan is done."""

    person: Person
    due: date | None
    step: int  # 1-based number of the next check-in (the last one, once done)
    of: int  # how many check-ins the plan has
    months: int  # the gap before it, in months (0 once done)
    offer_id: str  # the offer a check-in is drafted from and logged under
    last: tuple[Offer, Interaction] | None  # the latest touch, else their latest entry
    snoozed_until: date | None  # put off until then ([snoozed])
    assumed: bool  # the decline has no date: counted from today
    plan: tuple[Step, ...] = ()  # every check-in: done, the next, and the rest if on time

    @property
    def done(self) -> bool:
        return self.due is None

    def status(self, today: date) -> str:
        """'done', 'overdue', 'due soon' or 'later', in words."""
        return due_status(self.due, today)


def _months_of(wb: Workbook, offer: Offer) -> list[int]:
    months = offer.checkin_months if offer.checkin_months is not None else wb.checkin_months
    return sorted({m for m in months if m > 0})


def _snoozed(wb: Workbook, aliases: set[str]) -> date | None:
    lowered = {a.casefold() for a in aliases}
    days = [d for k, d in wb.snoozed.items() if k in aliases or k.strip().casefold() in lowered]
    return max(days, default=None)


def _due_of(wb: Workbook, idx: _Index, n: int, today: date) -> Due | None:
    person, slots = idx.people[n], idx.slots[n]
    kept = [s for s in slots if s.offer.status == "declined" and s.offer.future_open]
    mine = idx.history[n]
    if not kept or not (any(s.main for s in kept) or mine):
        return None
    # The plan counts from their latest decline: a new one (Bolt's offer, a year after
    # Acme's) starts it afresh. Declined by hand with no date: from today, and said so.
    anchor, _order, latest = max(
        ((decline_date(s.offer) or today, s.order, s) for s in kept), key=lambda t: t[:2]
    )
    assumed = decline_date(latest.offer) is None
    months = _months_of(wb, latest.offer)
    if not months:
        return None  # no check-ins for this one
    gaps = [b - a for a, b in zip([0, *months], months, strict=False)]

    base, k = anchor, 0
    done_dues: list[date] = []
    touches = [(o, e) for o, e in mine if e.kind != "declined" and e.date >= anchor]
    for day in sorted({e.date for _, e in touches}):
        if k >= len(gaps):
            break
        due = add_months(base, gaps[k])
        if day >= base + (due - base) / 2:  # far enough into the gap to be its check-in
            done_dues.append(due)
            k += 1
        base = day
    last = touches[-1] if touches else (mine[-1] if mine else None)
    newest = max(kept, key=lambda s: s.order).offer
    offer_id = newest.id

    steps = [Step(i + 1, months[i], d, True) for i, d in enumerate(done_dues)]
    if k >= len(gaps):
        return Due(person, None, len(gaps), len(gaps), 0, offer_id, last, None, assumed,
                   tuple(steps))  # fmt: skip
    due = add_months(base, gaps[k])
    snooze = _snoozed(wb, idx.aliases[n])
    snoozed_until = snooze if snooze is not None and snooze > due else None
    # The next one, then the rest as they fall if each is made on its day.
    start = snoozed_until or base
    total = 0 if snoozed_until else gaps[k]
    steps.append(Step(k + 1, months[k], add_months(start, total), False))
    for i in range(k + 1, len(gaps)):
        total += gaps[i]
        steps.append(Step(i + 1, months[i], add_months(start, total), False))
    return Due(
        person,
        snoozed_until or due,
        k + 1,
        len(gaps),
        gaps[k],
        offer_id,
        last,
        snoozed_until,
        assumed,
        tuple(steps),
    )


def due_list(wb: Workbook, today: date) -> list[Due]:
    """Everyone kept in touch with: the soonest check-in first, finished plans last."""
    idx = _index(wb)
    out = [d for n in range(len(idx.people)) if (d := _due_of(wb, idx, n, today)) is not None]
    out.sort(
        key=lambda d: (
            d.due is None,
            d.due or date.max,
            _name_key(d.person.name),
            d.person.company.casefold(),
            d.person.key,
        )
    )
    return out


def due_for(wb: Workbook, key: str, today: date) -> Due | None:
    """One person's check-in, by their key (or any email, URL or offer-id/Name of theirs)."""
    idx = _index(wb)
    n = idx.by_key.get(key, idx.by_key.get(key.strip().casefold()))
    return _due_of(wb, idx, n, today) if n is not None else None


def snooze(wb: Workbook, key: str, today: date, length: str) -> date:
    """Put a person's check-in off by a week or a month, counted from its due day (or from
    today when that is past): [snoozed] then holds the day under their key, and the other
    names of theirs and days already gone are dropped. Returns the new day."""
    if length not in SNOOZES:
        raise ValueError(f"snooze for a week or a month, not {length!r}")
    idx = _index(wb)
    n = idx.by_key.get(key, idx.by_key.get(key.strip().casefold()))
    if n is None:
        raise KeyError(f"no person {key!r} in this workbook")
    current = _due_of(wb, idx, n, today)
    start = max(today, current.due) if current is not None and current.due else today
    day = start + timedelta(days=7) if length == "week" else add_months(start, 1)
    _forget(wb, idx.aliases[n])
    for k in [k for k, d in wb.snoozed.items() if d < today]:
        del wb.snoozed[k]
    wb.snoozed[idx.people[n].key] = day
    return day


def _forget(wb: Workbook, aliases: set[str]) -> bool:
    lowered = {a.casefold() for a in aliases}
    gone = [k for k in wb.snoozed if k in aliases or k.strip().casefold() in lowered]
    for k in gone:
        del wb.snoozed[k]
    return bool(gone)


def unsnooze(wb: Workbook, key: str) -> bool:
    """Take a person's snooze off; False when they had none."""
    idx = _index(wb)
    n = idx.by_key.get(key, idx.by_key.get(key.strip().casefold()))
    aliases = idx.aliases[n] if n is not None else {key}
    return _forget(wb, aliases)


# --------------------------------------------------------------------------- the check-in note

# How a note says it was a conversation: "Coffee: …", "Call with Dan – …" (a colon, or a
# dash between spaces), then what it was about: "talked about …", "discussed …", "about …".
_LEAD_IN = re.compile(
    r"^(?:coffee|lunch|call|phone call|video call|chat|catch[- ]?up|meeting|drinks|dinner)"
    r"(?:\s+with\s+[^:—–]{1,40}?)?(?:\s*:|\s+[—–-])\s*",
    re.I,
)
_TALKED = re.compile(
    r"^(?:(?:we|i)\s+)?(?:talked|chatted|spoke)\s+(?:about|through)\s+"
    r"|^(?:we\s+)?discussed\s+|^about\s+",
    re.I,
)
# Words that make a note a sentence of its own, not a topic to name ("she's moving to
# Berlin", "they will hire again"), or a description of the meeting itself ("great chat",
# "intro call"): such a note is never set into ours as its topic.
_NOT_A_TOPIC = frozenset(
    re.findall(
        r"\S+",
        "i i'm i've i'd we we're they they're he she he's she's it's you you're is are was "
        "were will would can could should has have had said says told asked wants wanted "
        "thinks thought mentioned promised don't doesn't didn't won't isn't wasn't "
        "me us him her them my our his their "
        "chat call called calls coffee lunch dinner drinks meeting met meet catch-up "
        "conversation talk talked intro introduction great nice good quick lovely",
    )
)
MAX_TOPIC_WORDS = 10


def _topic(note: str) -> tuple[str, bool]:
    """What a conversation was about, as a phrase to set in a sentence ("" unless the note
    says so in a few words: "Talked about design systems", "Coffee: the Berlin office"),
    and whether the note says it was a conversation at all."""
    text = " ".join(note.split())
    said = named = False
    m = _LEAD_IN.match(text)
    if m:
        text, said, named = text[m.end() :], True, True
    m = _TALKED.match(text)
    if m:
        text, said, named = text[m.end() :], True, True
    text = text.strip().rstrip(".").strip()
    words = text.replace("’", "'").split()
    usable = (
        named
        and 0 < len(words) <= MAX_TOPIC_WORDS
        and not re.search(r"[.!?;:\n\"“”()]", text)
        and not any(w.lower().strip(",") in _NOT_A_TOPIC for w in words)
    )
    return (text if usable else "", said)


def _when(day: date, today: date) -> str:
    """ "earlier this month", "in March", "in November last year", "in March 2025"."""
    if (day.year, day.month) == (today.year, today.month):
        return "earlier this month"
    if day.year == today.year:
        return f"in {day:%B}"
    if day.year == today.year - 1:
        return f"in {day:%B} last year"
    return f"in {day:%B} {day.year}"


def recall(wb: Workbook, person: Person, today: date, idx: _Index | None = None) -> dict[str, str]:
    """What a check-in can say about the last conversation with this person: the template
    values `recalled_when` ("in March") and `recalled_topic` ("design systems at scale", only
    when the note names a short topic); {} when their latest note of their own is not about
    a conversation. Notes the app writes ("Sent …") are never recalled."""
    mine = [
        e
        for _, e in history(wb, person, idx)
        if e.kind in _RECALL_KINDS and e.date <= today and e.note.strip()
        if not _AUTOMATIC.match(e.note)
    ]
    if not mine:
        return {}
    entry = mine[-1]
    topic, said = _topic(entry.note)
    if entry.kind == "call" or entry.channel in _SPOKEN:
        said = True
    elif not said:
        return {}  # a bare note ("Send her the portfolio") is no conversation to recall
    if not topic and not said:
        return {}
    if topic:
        from decline_tui.core.compose import _unsentence

        topic = _unsentence(topic)
    values = {"recalled_when": _when(entry.date, today)}
    if topic:
        values["recalled_topic"] = topic
    return values


def checkin_draft(wb: Workbook, due: Due, today: date) -> Draft:
    """The check-in note to this person, from the offer of `due`: addressed to them, at the
    company they are at now, recalling your last conversation when the log has one."""
    from decline_tui.core.compose import addressed_to, render
    from decline_tui.core.templates import get_template

    offer = wb.offer(due.offer_id)
    if offer is None:
        raise KeyError(f"no offer {due.offer_id!r}")
    person = due.person
    to = addressed_to(offer, person.name, person.email)
    if person.company and person.company.casefold() != offer.company.strip().casefold():
        # They have moved on: greet them where they are now; the old company's news is not
        # theirs to be congratulated on.
        from dataclasses import replace

        to = replace(to, company=person.company, news="")
    idx = _index(wb)  # once: the three questions below each need it
    if person.talked_about and idx.main_of.get(offer.id) != _position(idx, person):
        # Not the person the offer's project was discussed with: what you talked about
        # with them is the conversation to think back to.
        from dataclasses import replace

        to = replace(to, project=person.talked_about)
    template = get_template("checkin-note", wb)
    return render(template, to, wb.profile, wb, today, extra=recall(wb, person, today, idx))


def log_checkin(
    wb: Workbook,
    due: Due,
    today: date,
    channel: str = "email",
    note: str = "Sent a check-in note",
) -> Interaction:
    """Log a check-in with this person under the offer of `due`: their next one moves."""
    offer = wb.offer(due.offer_id)
    if offer is None:
        raise KeyError(f"no offer {due.offer_id!r}")
    who = due.person.name or due.person.email
    entry = Interaction(today, "check-in", channel, note, contact=who)
    offer.log.append(entry)
    return entry
