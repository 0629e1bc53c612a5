"""Thank-you notes to each person met through an offer, sent after the decline.

The offer's contacts (interviewers, the recruiter, the hiring manager) each get a short
note of their own: thanks for their time, what you talked about (the contact's `note`),
one line that the decline went to the offer's contact (never its reason), and the hope to
stay in touch; by email (`thank-you`) or as a LinkedIn note (`thank-you-linkedin`). The
person the decline itself goes to gets no note: the decline thanks them already.

Each note is the template rendered for the offer addressed to that person
(compose.addressed_to), checked by the `thanks` kind's rules (core.kinds) with the offer's
own overrules; the person's own edit of a note is kept in `offer.drafts` under
`draft_key(contact, medium)`. Pure: no Textual, every function takes `now` or `today`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from decline_tui.core import care, export
from decline_tui.core.checklist import Finding, check, context_for
from decline_tui.core.compose import Draft, addressed_to, render
from decline_tui.core.kinds import same_person
from decline_tui.core.model import Contact, Interaction, Offer, Workbook, slugify
from decline_tui.core.names import mention
from decline_tui.core.templates import get_template

TEMPLATES = {"email": "thank-you", "linkedin": "thank-you-linkedin"}
MEDIUMS = tuple(TEMPLATES)
GETS_THE_DECLINE = "gets the decline itself"
NO_NAME = "no name"
KEY_PREFIX = "thanks/"


@dataclass(frozen=True)
class ThanksNote:
    """One person's thank-you note, as it would leave."""

    index: int  # position in offer.contacts
    contact: Contact
    medium: str  # "email" or "linkedin"
    template: str  # "thank-you" or "thank-you-linkedin"
    draft: Draft  # as rendered from the template
    text: str  # what leaves: the person's own edit if any (offer.drafts[key]), else draft.text
    edited: bool
    key: str  # offer.drafts key for an edit: draft_key(contact, medium)
    findings: list[Finding]

    def filename(self, suffix: str = ".txt") -> str:
        """thanks-ana-bell.txt, thanks-ana-bell-linkedin.txt: says whose note it is."""
        name = _slug(self.contact, self.index)
        medium = "" if self.medium == "email" else f"-{self.medium}"
        return f"thanks-{name}{medium}{suffix}"


def _person_slug(contact: Contact) -> str:
    return slugify(contact.name).strip("-") or slugify(contact.email).strip("-")


def _slug(contact: Contact, index: int) -> str:
    return _person_slug(contact) or f"contact-{index + 1}"


def draft_key(contact: Contact, medium: str) -> str:
    """Where the person's own text of this note is kept: "thanks/ana-bell/email"."""
    return f"{KEY_PREFIX}{_person_slug(contact) or 'contact'}/{medium}"


def gets_the_decline(offer: Offer, contact: Contact) -> bool:
    """Whether this contact is the person the decline goes to (same name, spacing and case
    aside, or same email)."""
    return same_person(contact, offer.contact_name, offer.contact_email)


def recipients(offer: Offer) -> list[tuple[int, Contact, str]]:
    """Every contact of the offer: (index, contact, "" when they get a note, else why not)."""
    out = []
    for i, contact in enumerate(offer.contacts):
        if not contact.name.strip():
            why = NO_NAME
        elif gets_the_decline(offer, contact):
            why = GETS_THE_DECLINE
        else:
            why = ""
        out.append((i, contact, why))
    return out


def _template(medium: str) -> str:
    try:
        return TEMPLATES[medium]
    except KeyError:
        raise ValueError(
            f'no thank-you note by "{medium}"; use one of: {", ".join(MEDIUMS)}'
        ) from None


def greeted_name(contact: Contact) -> str:
    """The contact's name as a note greets them: a name typed all in lower case ("ana
    bell") capitalised, as a greeting must not look like a slip; else as typed."""
    name = " ".join(contact.name.split())
    if name.islower():
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name


def addressed(offer: Offer, contact: Contact) -> Offer:
    """The offer as a message to this contact (a shallow copy: its log is the offer's)."""
    return addressed_to(offer, greeted_name(contact), contact.email.strip())


def thanks_note(
    wb: Workbook,
    offer: Offer,
    index: int,
    medium: str,
    now: datetime,
    *,
    spelling: bool = True,
) -> ThanksNote:
    """The note to offer.contacts[index] in this medium, with its checklist findings.

    Any contact can be drafted for (the app may show why one gets no note); `recipients`
    says who should get one. `spelling=False` skips the (slow to load) dictionary.
    """
    if not 0 <= index < len(offer.contacts):
        raise IndexError(f"the offer has no contact number {index + 1}")
    contact = offer.contacts[index]
    name = _template(medium)
    tpl = get_template(name, wb)
    to = addressed(offer, contact)
    told = mention(offer.contact_name, offer.preferred_name) or offer.company.strip()
    extra = {"decline_recipient": told or "the team"}
    draft = render(tpl, to, wb.profile, wb, now.date(), extra=extra)
    key = draft_key(contact, medium)
    edited = offer.drafts.get(key)
    text = edited if edited is not None else draft.text
    ctx = context_for(wb, to, tpl.medium, now, template=name)
    ctx.spelling = spelling
    return ThanksNote(
        index=index,
        contact=contact,
        medium=medium,
        template=name,
        draft=draft,
        text=text,
        edited=edited is not None,
        key=key,
        findings=check(text, ctx),
    )


def thanks_notes(
    wb: Workbook, offer: Offer, medium: str, now: datetime, *, spelling: bool = True
) -> list[ThanksNote]:
    """A note for each person who gets one, in the order of the offer's contacts."""
    return [
        thanks_note(wb, offer, i, medium, now, spelling=spelling)
        for i, _contact, why in recipients(offer)
        if not why
    ]


def sent_entry(offer: Offer, note: ThanksNote, today: date) -> Interaction:
    """The log line for sending this note: kind "sent", its channel, with the person as its
    contact (so the person's next check-in counts from it)."""
    return care.sent_entry(addressed(offer, note.contact), note.template, note.medium, today)


def thanked_on(offer: Offer, contact: Contact) -> date | None:
    """The last day a thank-you note to this contact was logged as sent (a "sent" entry with
    them as its contact that thanks them), or None."""
    who = {_folded(contact.name), _folded(contact.email)} - {""}
    days = [
        entry.date
        for entry in offer.log
        if entry.kind == "sent" and _folded(entry.contact) in who and "thank" in entry.note.lower()
    ]
    return max(days, default=None)


def plan_sent(wb: Workbook, offer: Offer, note: ThanksNote, today: date) -> care.SentPlan:
    """What marking this note sent today would log (care.plan_sent for the person); log it
    with `care.log_sent(offer, plan.entry, declines=False)`."""
    return care.plan_sent(wb, addressed(offer, note.contact), note.template, note.medium, today)


def _folded(text: str) -> str:
    """Spacing, case and accents aside: "maria" finds "María López"."""
    plain = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def find_contact(offer: Offer, query: str) -> int:
    """The index of the contact a name, the start of a name, or an email names.

    ValueError says which contacts there are when none or several match.
    """
    q = _folded(query)
    if not q:
        raise ValueError("give a contact's name or email")
    contacts = list(enumerate(offer.contacts))
    tests: tuple[Callable[[Contact], bool], ...] = (
        lambda c: _folded(c.email) == q or _folded(c.name) == q,
        lambda c: _folded(c.name).startswith(q),
        lambda c: any(w.startswith(q) for w in _folded(c.name).split()),
    )
    for test in tests:
        found = [i for i, c in contacts if test(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(offer.contacts[i].name or offer.contacts[i].email for i in found)
            raise ValueError(f"{query!r} matches several contacts: {names}; give more of the name")
    names = ", ".join(c.name or c.email or "(no name)" for c in offer.contacts) or "none"
    raise ValueError(f"no contact {query!r} in {offer.label}; its contacts are: {names}")


# --------------------------------------------------------------------------- files


def _content(
    wb: Workbook, offer: Offer, note: ThanksNote, path: Path, now: datetime
) -> str | bytes:
    """The note as the file's extension asks: text, Markdown, or an .eml addressed to them."""
    try:
        return export.export_content(
            note.draft,
            path,
            note.text if note.edited else None,
            f"Thank you: {note.contact.name} ({offer.label})",
            offer=addressed(offer, note.contact),
            profile=wb.profile,
            now=now,
        )
    except export.ExportError as exc:
        raise export.ExportError(f"the note to {note.contact.name}: {exc}") from None


def write_note(
    wb: Workbook,
    offer: Offer,
    note: ThanksNote,
    path: str | os.PathLike[str],
    *,
    now: datetime,
    overwrite: bool = False,
) -> Path:
    """Write one note to a .txt, .md or .eml file (an .eml To: the person). FileExistsError
    when the file is there and `overwrite` is not given; ExportError says what else failed."""
    target = Path(path).expanduser()
    export.export_format(target)  # an extension we know, or ExportError naming them
    return export.write_export(target, _content(wb, offer, note, target, now), overwrite=overwrite)


def note_paths(folder: str | os.PathLike[str], notes: list[ThanksNote], suffix: str) -> list[Path]:
    """Each note's file in the folder, named from the person (two of one name: -2, -3…)."""
    base = Path(folder).expanduser()
    out: list[Path] = []
    for note in notes:
        name = note.filename(suffix)
        stem, n = name[: -len(suffix)] if suffix else name, 2
        while base / name in out:
            name = f"{stem}-{n}{suffix}"
            n += 1
        out.append(base / name)
    return out


def write_notes(
    wb: Workbook,
    offer: Offer,
    notes: list[ThanksNote],
    folder: str | os.PathLike[str],
    suffix: str = ".txt",
    *,
    now: datetime,
    overwrite: bool = False,
) -> list[Path]:
    """Write every note into the folder (made when missing), one file each, all or nothing
    asked: FileExistsError naming the files already there unless `overwrite`; ExportError
    for a note that cannot be written in this format (a LinkedIn note as .eml) or a folder
    that cannot be made, before anything is written."""
    base = Path(folder).expanduser()
    if base.exists() and not base.is_dir():
        raise export.ExportError(f"{base} is a file, not a folder")
    export.export_format(f"note{suffix}")
    targets = note_paths(base, notes, suffix)
    if not overwrite:
        there = [str(t) for t in targets if t.exists()]
        if there:
            raise FileExistsError(", ".join(there))
    contents = [_content(wb, offer, n, t, now) for n, t in zip(notes, targets, strict=True)]
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise export.ExportError(f"cannot make the folder {base}: {exc.strerror or exc}") from None
    return [
        export.write_export(t, c, overwrite=overwrite)
        for t, c in zip(targets, contents, strict=True)
    ]
