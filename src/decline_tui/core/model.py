"""Plain data for a workbook: what the person is declining, and who they are."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

CHANNELS = ("email", "phone", "in-person", "video", "linkedin", "other")
STATUSES = ("deciding", "declined", "accepted", "withdrawn", "rescinded")
MEDIUMS = ("email", "phone", "linkedin")
REMOTE = ("", "on-site", "hybrid", "remote")  # "" = not stated
# How the draft greets the contact: "" as its template does, "formal" ("Dear Dr. Bello,")
# or "informal" ("Hi Aisha,").
REGISTERS = ("", "formal", "informal")
# What an interaction in the log was about.
KINDS = ("note", "sent", "declined", "follow-up", "reply", "check-in", "counter-offer", "call")
DEFAULT_CHECKIN_MONTHS = (3, 6, 12)


@dataclass
class Profile:
    """The sender: their name signs every draft."""

    name: str = ""
    email: str = ""


@dataclass
class Contact:
    """Someone met through an offer: worth keeping in touch with."""

    name: str = ""
    role: str = ""
    email: str = ""
    linkedin: str = ""
    # What you talked about with them: the personal detail their thank-you note names.
    note: str = ""


@dataclass
class Interaction:
    """One entry of an offer's log: a message sent, a call, a follow-up from them."""

    date: date
    kind: str = "note"
    channel: str = "email"
    note: str = ""
    # Who it was with, by name (or email): "" is the offer's own contact. Logging anything
    # with a person moves their next check-in, whichever offer it is logged under.
    contact: str = ""


@dataclass
class Terms:
    """Salary, place, title and start date: what an offer, a counter-offer or a wish is made of.

    On `Offer.reconsider` these are the person's own thresholds (the least that would make
    them reconsider); on `Offer.counter` they are what the company came back with.
    """

    salary: int | None = None
    remote: str = ""
    title: str = ""
    start: date | None = None
    notes: str = ""

    def is_empty(self) -> bool:
        return not (self.salary or self.remote or self.title or self.start or self.notes)


@dataclass
class Ignored:
    """One finding dismissed on an offer's drafts: the rule, and the exact words it flagged
    ("" for a finding that points at no words, such as a missing greeting)."""

    rule: str
    text: str = ""


@dataclass
class Overrules:
    """Where the person overrules the checklist for an offer: rules switched off, findings
    dismissed ([offers.checklist] in the file)."""

    disabled: list[str] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.disabled or self.ignored)


@dataclass
class Offer:
    """One job offer and everything a decline message is written from."""

    id: str
    company: str = ""
    role: str = ""
    short_role: str = ""  # the title as a subject or a call says it; "": cut automatically
    contact_name: str = ""
    contact_email: str = ""
    preferred_name: str = ""  # the first name the contact goes by ("Bob", "Liz")
    register: str = ""  # one of REGISTERS
    received: date | None = None
    deadline: date | None = None
    channel: str = "email"
    reason: str = ""
    admired: str = ""
    project: str = ""
    news: str = ""  # their latest news, for a check-in note ("your Series B")
    future_open: bool = True
    offer_referrals: bool = False
    status: str = "deciding"
    template: str = "standard"  # always a decline template; scenario replies go in `reply`
    # The scenario reply being drafted instead of the decline (a scenario template's name),
    # or "": a separate choice, so the decline's own template is never replaced by one.
    reply: str = ""
    notes: str = ""
    example: bool = False
    # The person's own text for a medium, once they take the draft over and edit it.
    drafts: dict[str, str] = field(default_factory=dict)
    # Relationship care and the hard cases (issue: scenario helper).
    interviews: int = 0  # rounds of interviews; a long process suggests calling first
    referrer: str = ""  # who referred them, to tell at the same time
    referrer_email: str = ""
    reconsider: Terms | None = None  # what, if anything, would change their mind
    firm: bool = False  # nothing would change their mind
    counter: Terms | None = None  # a counter-offer's terms, once one arrives
    counter_received: date | None = None
    contacts: list[Contact] = field(default_factory=list)
    log: list[Interaction] = field(default_factory=list)
    send_at: datetime | None = None  # when they plan to send the draft
    declined_on: date | None = None  # logged decline, or the day first seen declined
    checkin_months: list[int] | None = None  # None: the workbook's default
    checklist: Overrules = field(default_factory=Overrules)  # the checklist overruled
    # An accepted offer: the day its contract was signed and the day the job starts. Until it
    # is signed the others are kept open (a holding reply), not declined.
    signed_on: date | None = None
    start_date: date | None = None

    @property
    def label(self) -> str:
        """A short human name for lists and error messages."""
        company = self.company or "(no company)"
        return f"{company} – {self.role}" if self.role else company


@dataclass
class Template:
    """A message pattern with [Placeholder]s, built in or kept in the workbook's [templates].

    `paragraphs` holds, in order, the paragraphs of the message; each is a list of
    (part, text) pairs so a rendered draft still knows which words came from which part.
    Parts named `future` and `help` appear only when the offer asks for them.
    """

    name: str
    medium: str = "email"
    subject: str = ""
    description: str = ""
    paragraphs: list[list[tuple[str, str]]] = field(default_factory=list)
    builtin: bool = False
    # Built-ins only: a template rendered after this one (a call's confirming email),
    # a length the message must fit and shorter wordings to fall back on.
    followup: str = ""
    max_chars: int = 0
    fallbacks: list[list[list[tuple[str, str]]]] = field(default_factory=list)


@dataclass
class Workbook:
    """Everything the person keeps: profile, offers, their templates and settings."""

    profile: Profile = field(default_factory=Profile)
    offers: list[Offer] = field(default_factory=list)
    templates: dict[str, Template] = field(default_factory=dict)
    theme: str = ""
    checkin_months: list[int] = field(default_factory=lambda: list(DEFAULT_CHECKIN_MONTHS))
    # Checklist rules switched off for every offer ([settings.checklist] disabled).
    checklist_disabled: list[str] = field(default_factory=list)
    # People whose check-in is put off, until a day ([snoozed] in the file): a person's key
    # (people.person_key: their email, LinkedIn URL, or "offer-id/Name") to the day.
    snoozed: dict[str, date] = field(default_factory=dict)

    def offer(self, offer_id: str) -> Offer | None:
        """The offer with this id, if any."""
        return next((o for o in self.offers if o.id == offer_id), None)

    def other_companies(self, offer: Offer) -> list[str]:
        """Companies of the other offers: a decline must name none of them."""
        mine = offer.company.strip().casefold()
        seen: dict[str, str] = {}
        for other in self.offers:
            name = other.company.strip()
            if other is offer or not name or name.casefold() == mine:
                continue
            seen.setdefault(name.casefold(), name)
        return list(seen.values())

    def new_id(self, company: str) -> str:
        """A stable, unique, readable id derived from the company name."""
        base = slugify(company) or "offer"
        taken = {o.id for o in self.offers}
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: ids that survive any terminal and file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]
