"""Plain data for a workbook: what the person is declining, and who they are."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

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


# Each field of an Offer says, in its metadata, how the workbook file keeps it and how the
# person edits it: the store's lists (store/schema.py), the session's kinds of field
# (session.py) and the form (ui/widgets/offer_form.py) are derived from it, so a new field
# is declared here once (and, if the form shows it, given a row in the form's ROWS).
#
# "file", how the [[offers]] table keeps it (a new table writes its values in field order):
#   "always"    a new table writes it even at its default, so the file shows the field exists
#   "optional"  written only when set; a table without it holds the default
#   "nullable"  written unless None, so an empty value still gets its line; absent is None
#   "table"     a sub-table or array of tables ([offers.counter], [[offers.log]]), written by
#               its own code after the values
#   None        not kept in the file: "why" must say why
# "last": written after every other value of a new table (the person's notes close it).
# "edit", how the form and `decline set` change it (session.set_field): "text", "date",
# "int" (a whole number), "bool", "choice" (one of "choices"), "template"; "" not edited.
# How a value is read is its type: str, bool and date are checked alike; the others (id,
# interviews, send_at, checkin_months and the tables) by their own code in store/reading.py.
FILE_KINDS = ("always", "optional", "nullable", "table", None)
EDIT_KINDS = ("text", "date", "int", "bool", "choice", "template", "")


def kept(
    file: str | None,
    edit: str = "",
    *,
    last: bool = False,
    choices: tuple[str, ...] = (),
    why: str = "",
) -> dict[str, Any]:
    """A field's metadata: how the file keeps it and how it is edited (see above)."""
    assert file in FILE_KINDS and edit in EDIT_KINDS, (file, edit)
    assert bool(choices) == (edit == "choice") and (file is not None or why), (file, why)
    return {"file": file, "edit": edit, "last": last, "choices": choices, "why": why}


def stored_as(cls: type, *files: str | None) -> tuple[str, ...]:
    """The fields of `cls` the file keeps in one of these ways, in field order."""
    return tuple(f.name for f in fields(cls) if f.metadata["file"] in files)


def edited_as(cls: type, edit: str) -> tuple[str, ...]:
    """The fields of `cls` the form and `decline set` edit as this kind, in field order."""
    return tuple(f.name for f in fields(cls) if f.metadata["edit"] == edit)


def choices_of(cls: type) -> dict[str, tuple[str, ...]]:
    """Each choice field of `cls` and the values it may hold."""
    return {f.name: f.metadata["choices"] for f in fields(cls) if f.metadata["edit"] == "choice"}


@dataclass
class Offer:
    """One job offer and everything a decline message is written from."""

    id: str = field(metadata=kept("always"))
    company: str = field(default="", metadata=kept("always", "text"))
    role: str = field(default="", metadata=kept("always", "text"))
    # the title as a subject or a call says it; "": cut automatically
    short_role: str = field(default="", metadata=kept("optional", "text"))
    contact_name: str = field(default="", metadata=kept("always", "text"))
    contact_email: str = field(default="", metadata=kept("always", "text"))
    # the first name the contact goes by ("Bob", "Liz")
    preferred_name: str = field(default="", metadata=kept("optional", "text"))
    register: str = field(default="", metadata=kept("optional", "choice", choices=REGISTERS))
    received: date | None = field(default=None, metadata=kept("optional", "date"))
    deadline: date | None = field(default=None, metadata=kept("optional", "date"))
    channel: str = field(default="email", metadata=kept("always", "choice", choices=CHANNELS))
    reason: str = field(default="", metadata=kept("always", "text"))
    admired: str = field(default="", metadata=kept("always", "text"))
    project: str = field(default="", metadata=kept("always", "text"))
    # their latest news, for a check-in note ("your Series B")
    news: str = field(default="", metadata=kept("optional", "text"))
    future_open: bool = field(default=True, metadata=kept("always", "bool"))
    offer_referrals: bool = field(default=False, metadata=kept("always", "bool"))
    status: str = field(default="deciding", metadata=kept("always", "choice", choices=STATUSES))
    # always a decline template; scenario replies go in `reply`
    template: str = field(default="standard", metadata=kept("always", "template"))
    # The scenario reply being drafted instead of the decline (a scenario template's name),
    # or "": a separate choice, so the decline's own template is never replaced by one.
    reply: str = field(default="", metadata=kept("optional"))
    notes: str = field(default="", metadata=kept("optional", "text", last=True))
    example: bool = field(default=False, metadata=kept("optional", last=True))
    # The person's own text for a medium, once they take the draft over and edit it.
    drafts: dict[str, str] = field(default_factory=dict, metadata=kept("table"))
    # Relationship care and the hard cases (issue: scenario helper).
    # rounds of interviews; a long process suggests calling first
    interviews: int = field(default=0, metadata=kept("optional", "int"))
    referrer: str = field(default="", metadata=kept("optional", "text"))  # who referred them
    referrer_email: str = field(default="", metadata=kept("optional", "text"))
    # what, if anything, would change their mind
    reconsider: Terms | None = field(default=None, metadata=kept("table"))
    firm: bool = field(default=False, metadata=kept("optional"))  # nothing would change it
    # a counter-offer's terms, once one arrives
    counter: Terms | None = field(default=None, metadata=kept("table"))
    counter_received: date | None = field(default=None, metadata=kept("optional"))
    contacts: list[Contact] = field(default_factory=list, metadata=kept("table"))
    log: list[Interaction] = field(default_factory=list, metadata=kept("table"))
    # when they plan to send the draft
    send_at: datetime | None = field(default=None, metadata=kept("optional"))
    # logged decline, or the day first seen declined
    declined_on: date | None = field(default=None, metadata=kept("optional"))
    # An accepted offer: the day its contract was signed and the day the job starts. Until it
    # is signed the others are kept open (a holding reply), not declined.
    signed_on: date | None = field(default=None, metadata=kept("optional", "date"))
    start_date: date | None = field(default=None, metadata=kept("optional", "date"))
    # None: the workbook's default
    checkin_months: list[int] | None = field(default=None, metadata=kept("nullable"))
    # the checklist overruled
    checklist: Overrules = field(default_factory=Overrules, metadata=kept("table"))

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
