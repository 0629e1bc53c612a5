"""The thank-you notes of `render --thanks` and `export --thanks`."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from decline_tui.cli.common import (
    EXIT_OK,
    Refused,
    UsageError,
    _copy,
    _load,
    _reason,
    _write_file,
    find_offer,
    parse_date,
    parse_datetime,
)
from decline_tui.core.model import Offer, Workbook


def _thanks_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--thanks",
        action="store_true",
        help="thank-you notes to each person met through the offer, instead of the decline "
        "(--medium email or linkedin)",
    )
    p.add_argument(
        "--contact",
        metavar="NAME",
        help="with --thanks: only the note to this contact (a name, its start, or an email)",
    )


def _thanks_notes(args: argparse.Namespace, now: datetime) -> tuple[Workbook, Offer, list[Any]]:
    """The workbook, the offer and the notes the command asks for (one with --contact);
    every mistake in the asking is a one-line UsageError."""
    from decline_tui.core import thanks

    if not args.thanks:
        raise UsageError("--contact goes with --thanks: the note to one person you met")
    if getattr(args, "template", None):
        raise UsageError("--template does not go with --thanks (the notes have their own)")
    medium = args.medium or "email"
    if medium not in thanks.MEDIUMS:
        raise UsageError(f"thank-you notes are written by email or linkedin, not {medium}")
    wb, path = _load(args)
    offer = find_offer(wb, args.offer, path)
    if not offer.contacts:
        raise UsageError(
            f"{offer.label} has no contacts to thank: add the people you met (in the app, F6 "
            f"then a; or an [[offers.contacts]] table with a name and a note in {path})"
        )
    if args.contact is None:
        notes = thanks.thanks_notes(wb, offer, medium, now, spelling=False)
        if not notes:
            names = ", ".join(c.name or c.email or "(no name)" for c in offer.contacts)
            raise UsageError(
                f"no one to thank separately in {offer.label}: {names} gets the decline itself "
                "(a contact needs a name)"
            )
        return wb, offer, notes
    try:
        index = thanks.find_contact(offer, args.contact)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    contact = offer.contacts[index]
    why = thanks.recipients(offer)[index][2]
    if why == thanks.GETS_THE_DECLINE:
        raise UsageError(
            f"{contact.name} gets the decline itself, which thanks them already: no separate note"
        )
    if why:
        raise UsageError(f"the contact {contact.email or index + 1} has no name to greet")
    return wb, offer, [thanks.thanks_note(wb, offer, index, medium, now, spelling=False)]


def _warn_thanks(offer: Offer, notes: list[Any]) -> None:
    """What the person should know before sending, on stderr: a note that names nothing
    personal, and notes sent before the decline is."""
    from decline_tui.core.care import decline_date

    for note in notes:
        if not note.contact.note.strip():
            print(
                f"decline-tui: warning: {note.contact.name} has no note of what you talked "
                "about, so the note names nothing personal: add it to the contact",
                file=sys.stderr,
            )
    if decline_date(offer) is None and offer.status != "declined":
        print(
            "decline-tui: warning: the decline is not logged as sent yet: send the "
            "thank-you notes after it",
            file=sys.stderr,
        )


def _heading(note: Any) -> str:
    contact = note.contact
    who = " ".join(contact.name.split())
    if contact.role.strip():
        who += f" ({' '.join(contact.role.split())})"
    if contact.email.strip():
        who += f" <{contact.email.strip()}>"
    return who


def _render_thanks(args: argparse.Namespace) -> int:
    if args.template:
        raise UsageError("--template does not go with --thanks (the notes have their own)")
    today = parse_date(args.today, "--today") if args.today else date.today()
    now = datetime.combine(today, time(10, 0))
    _wb, offer, notes = _thanks_notes(args, now)
    for i, note in enumerate(notes):
        if i:
            print()
        print(f"--- to {_heading(note)} ---\n")
        print(note.text.rstrip("\n"))
    _warn_thanks(offer, notes)
    return EXIT_OK


def _thanks_problems(wb: Workbook, offer: Offer, notes: list[Any]) -> list[str]:
    """Whose note fails what, in words: the checklist's failed rules about the words
    (core.leaving), and another offer's company named."""
    from decline_tui.core.leaving import must_fix
    from decline_tui.core.scenarios import other_companies_named

    out = []
    for note in notes:
        named = other_companies_named(note.text, wb, offer)
        failing = must_fix(note.findings, note.text, skip={"no-other-company"} if named else ())
        rules = [f.rule for f in failing]
        if named:
            rules.append(f"names {', '.join(named)}")
        if rules:
            out.append(f"the note to {note.contact.name} fails {', '.join(rules)}")
    return out


def _export_thanks(args: argparse.Namespace) -> int:
    from decline_tui.core import export, thanks

    now = parse_datetime(args.now, "--now") if args.now else datetime.now()
    if args.clipboard and args.contact is None:
        raise UsageError(
            "--clipboard copies one note: name it with --contact NAME, or write them all "
            "with --to FOLDER"
        )
    wb, offer, notes = _thanks_notes(args, now)
    if not args.force:
        problems = _thanks_problems(wb, offer, notes)
        if problems:
            raise Refused(
                f"not exported: {'; '.join(problems)}; fix it, or add --force to export "
                "anyway (nothing was written)"
            )
    label = export.MEDIUM_LABELS[notes[0].medium]
    if args.to is None:
        note = notes[0]
        text = note.text if note.edited else export.draft_as_text(note.draft)
        tool = _copy(text)
        print(f"Copied the thank-you {label} to {note.contact.name} with {tool.name}.")
        _warn_thanks(offer, notes)
        return EXIT_OK
    if args.format == "eml" and notes[0].medium != "email":
        raise UsageError("only an email can be saved as .eml; use --format txt or md")
    folder, targets = _thanks_targets(args, notes)
    if not args.force:
        there = [str(t) for t in targets if t.exists()]
        if there:
            raise UsageError(
                f"{', '.join(there)} exist{'s' * (len(there) == 1)} already; add --force to "
                "replace (nothing was written)"
            )
    contents = []
    for note, target in zip(notes, targets, strict=True):
        try:
            contents.append(
                export.export_content(
                    note.draft,
                    target,
                    note.text if note.edited else None,
                    f"Thank you: {note.contact.name} ({offer.label})",
                    offer=thanks.addressed(offer, note.contact),
                    profile=wb.profile,
                    now=now,
                )
            )
        except export.ExportError as exc:
            raise UsageError(f"the note to {note.contact.name}: {exc}") from None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot make the folder {folder}: {_reason(exc)}") from None
    names = {"text": "plain text", "markdown": "Markdown", "eml": "an unsent email draft"}
    for note, target, content in zip(notes, targets, contents, strict=True):
        written = _write_file(str(target), content, args.force)
        kind = names[export.EXPORT_FORMATS.get(target.suffix.lower(), "text")]
        print(f"Wrote the thank-you {label} to {note.contact.name} to {written} ({kind}).")
    _warn_thanks(offer, notes)
    return EXIT_OK


def _thanks_targets(args: argparse.Namespace, notes: list[Any]) -> tuple[Path | None, list[Path]]:
    """The folder to make (None: none), and the file each note goes to: in the folder --to
    names, named from the person; with --contact, --to may name the file itself."""
    from decline_tui.core import export, thanks

    to = Path(args.to).expanduser()
    folder_asked = args.to.endswith(("/", os.sep)) or to.is_dir()
    if args.contact is not None and not folder_asked:
        if args.format is not None:
            raise UsageError("--format is for a folder; a file's extension says its format")
        try:
            export.export_format(to)
        except export.ExportError as exc:
            raise UsageError(str(exc)) from None
        return None, [to]
    if to.exists() and not to.is_dir():
        raise UsageError(f"{to} is a file; --thanks writes its notes into a folder")
    paths = thanks.note_paths(to, notes, f".{args.format or 'txt'}")  # two of one name: -2
    return (None if to.is_dir() else to), paths
