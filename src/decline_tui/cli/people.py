"""The people to keep in touch with: `reminders`, `snooze` and `person`."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from decline_tui.cli.common import (
    _FORMAT,
    EXIT_OK,
    UsageError,
    _load,
    _open_session,
    _Parser,
    _print_table,
    _write_file,
    parse_date,
)
from decline_tui.core.model import Workbook


def add_reminders_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "reminders",
        parents=[common],
        help="list the people to check in with after your declines",
        description="List the people to keep in touch with, each with their next check-in,\n"
        "or write those to an .ics file for your calendar.\n\n"
        "Who: the contact of each offer you declined with the door open (future_open), and\n"
        "anyone else of such an offer you logged something with (a thank-you note). The same\n"
        "email or LinkedIn URL is the same person in every offer: their log follows them.\n\n"
        "When: checkin_months [3, 6, 12] are gaps of 3, 3 and 6 months, counted from the\n"
        "decline and then from the latest contact logged with them (a call, a coffee, a\n"
        "check-in, their reply): logging any contact moves the next check-in. A contact in\n"
        "the first half of a gap only restarts it; a later one counts as that check-in.\n"
        "`decline-tui snooze` puts one off ([snoozed] in the workbook).\n\n"
        "A decline marked by hand with no date counts from today, and says so: this command\n"
        "only reads the workbook. Opening the app dates such declines; or log the decline,\n"
        "or set declined_on.",
        epilog="examples:\n"
        "  decline-tui reminders\n"
        "  decline-tui reminders --json --today 2027-03-01\n"
        "  decline-tui reminders --ics ~/check-ins.ics   (import it into your calendar)\n"
        "  decline-tui snooze priya month\n"
        "  decline-tui person priya                       (everything logged with her)",
        formatter_class=_FORMAT,
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--ics", metavar="PATH", help="write the next check-ins to an iCalendar file")
    out.add_argument("--json", action="store_true", help="print the people as JSON")
    p.add_argument(
        "--all", action="store_true", help="also list the people whose check-ins are all done"
    )
    p.add_argument(
        "--today", metavar="DATE", help="judge what is due from this date (default: today)"
    )
    p.add_argument("--force", action="store_true", help="replace the .ics file if it exists")
    p.set_defaults(func=cmd_reminders)


def add_snooze_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "snooze",
        parents=[common],
        help="put a person's next check-in off by a week or a month",
        description="Put off the next check-in with a person, by a week or a month from its\n"
        "due day (from today when it is past). The day is kept in the workbook's [snoozed]\n"
        "table under the person's key; logging a contact with them that makes the check-in\n"
        "later anyway overrides it. `off` takes the snooze away.\n\n"
        "WHO is the start of their name, their email, or their key (as `reminders --json`\n"
        "prints it); several people matching are listed, and nothing changes.",
        epilog="examples:\n"
        "  decline-tui snooze priya            (a week)\n"
        "  decline-tui snooze priya@bolt.example month\n"
        "  decline-tui snooze priya off",
        formatter_class=_FORMAT,
    )
    p.add_argument("who", metavar="WHO", help="start of their name, their email, or their key")
    p.add_argument(
        "length",
        nargs="?",
        default="week",
        choices=("week", "month", "off"),
        help="week (default), month, or off",
    )
    p.add_argument("--today", metavar="DATE", help="what 'today' means (default: today)")
    p.set_defaults(func=cmd_snooze)


def add_person_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "person",
        parents=[common],
        help="a person's history across offers, and their next check-in",
        description="Print what is known of a person: their email, LinkedIn, the companies and\n"
        "offers they appear in, their next check-in, and every entry logged with them in\n"
        "any offer, oldest first. The same email or LinkedIn URL is the same person.",
        epilog="examples:\n"
        "  decline-tui person priya\n"
        "  decline-tui person priya@bolt.example --json",
        formatter_class=_FORMAT,
    )
    p.add_argument("who", metavar="WHO", help="start of their name, their email, or their key")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.add_argument(
        "--today", metavar="DATE", help="judge what is due from this date (default: today)"
    )
    p.set_defaults(func=cmd_person)


# --------------------------------------------------------------------------- commands


def _last_json(last: Any) -> dict[str, str] | None:
    if last is None:
        return None
    offer, entry = last
    return {
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "note": entry.note,
        "company": offer.company,
        "offer_id": offer.id,
    }


def _due_json(due: Any, today: date) -> dict[str, Any]:
    """One person of `reminders --json`."""
    p = due.person
    return {
        "name": p.name,
        "key": p.key,
        "email": p.email,
        "company": p.company,
        "companies": list(p.companies),
        "offers": list(p.offers),
        "offer_id": due.offer_id,
        "due": due.due.isoformat() if due.due else None,
        "status": due.status(today),
        "step": due.step,
        "of": due.of,
        "months": due.months,
        "snoozed_until": due.snoozed_until.isoformat() if due.snoozed_until else None,
        "last": _last_json(due.last),
        "assumed": due.assumed,
        "plan": [
            {"step": s.number, "months": s.months, "due": s.due.isoformat(), "done": s.done}
            for s in due.plan
        ],
    }


def cmd_reminders(args: argparse.Namespace) -> int:
    from decline_tui.core import care, export, people

    today = parse_date(args.today, "--today") if args.today else date.today()
    if args.ics is not None and Path(args.ics).suffix.lower() != ".ics":
        raise UsageError(f"{Path(args.ics).name}: a calendar file's name must end in .ics")
    wb, path = _load(args)
    every = people.due_list(wb, today)
    shown = every if args.all else [d for d in every if d.due is not None]
    undated = list(dict.fromkeys(d.offer_id for d in every if d.assumed))

    if args.ics is not None:
        # One event per person: their next check-in (its UID is theirs and the step's, so
        # importing a newer file moves the event when a contact moved the date).
        todo = care.calendar_checkins(wb, today)
        if not todo:
            print("No check-ins to do, so no calendar was written.")
        else:
            # DTSTAMP: when the file was made; midnight of --today keeps a test's file fixed.
            now = datetime.combine(today, time()) if args.today else datetime.now()
            content = export.reminders_as_ics(todo, now).encode("utf-8")
            written = _write_file(args.ics, content, args.force)
            plural = "" if len(todo) == 1 else "s"
            print(f"Wrote {len(todo)} check-in{plural} to {written}; import it into your calendar.")
        _note_undated(undated)
        return EXIT_OK

    if args.json:
        print(json.dumps([_due_json(d, today) for d in shown], ensure_ascii=False, indent=2))
        return EXIT_OK

    if not shown:
        print("No check-ins due." if wb.offers else f"No offers yet in {path}.")
    else:
        headers = ("due", "who", "company", "check-in", "status", "then", "last contact")
        table = [headers] + [
            (
                d.due.isoformat() if d.due else "–",
                d.person.name or d.person.email or "–",
                d.person.company or "–",
                f"{d.step} of {d.of}",
                d.status(today) + (" (snoozed)" if d.snoozed_until else ""),
                # the rest of the plan, if each check-in is made on its day
                " ".join(s.due.isoformat() for s in d.plan if s.number > d.step) or "–",
                _last_words(d.last),
            )
            for d in shown
        ]
        _print_table(table, whole_last=True)
    _note_undated(undated)
    return EXIT_OK


def _last_words(last: Any) -> str:
    """ "2027-03-15 call", or "–"."""
    if last is None:
        return "–"
    _offer, entry = last
    return f"{entry.date.isoformat()} {entry.kind}"


def _find_person(wb: Workbook, who: str, path: Path, among: list[Any] | None = None) -> Any:
    """The one person WHO names; several, or none, is a usage error listing them."""
    from decline_tui.core import people

    if not wb.offers:
        raise UsageError(f"there are no offers in {path}")
    found = people.find_people(wb, who)
    if among is not None:
        keys = {p.key for p in among}
        found = [p for p in found if p.key in keys]
    if len(found) == 1:
        return found[0]

    def named(p: Any) -> str:
        return f"{p.label} [{p.key}]"

    if found:
        names = "; ".join(named(p) for p in found)
        raise UsageError(f"{who!r} matches several people: {names}; use the email or key")
    if among is not None:
        if not among:
            raise UsageError(f"no one to check in with in {path}")
        names = "; ".join(named(p) for p in among)
        raise UsageError(f"no one kept in touch with matches {who!r}; they are: {names}")
    raise UsageError(f"no person matches {who!r}")


def cmd_snooze(args: argparse.Namespace) -> int:
    from decline_tui.core import people

    today = parse_date(args.today, "--today") if args.today else date.today()
    session = _open_session(args)
    wb = session.wb
    kept = [d.person for d in people.due_list(wb, today)]
    person = _find_person(wb, args.who, session.store.path, kept)
    if args.length == "off":
        if people.unsnooze(wb, person.key):
            session.save()
            due = people.due_for(wb, person.key, today)
            when = due.due.isoformat() if due and due.due else "none"
            print(f"{person.label}: not snoozed any more; next check-in {when}")
        else:
            print(f"{person.label}: was not snoozed")
        return EXIT_OK
    due = people.due_for(wb, person.key, today)
    if due is None or due.due is None:
        raise UsageError(f"{person.label}: every check-in is done; nothing to snooze")
    day = people.snooze(wb, person.key, today, args.length)
    session.save()
    print(f"{person.label}: next check-in snoozed to {day.isoformat()} (was {due.due.isoformat()})")
    return EXIT_OK


def cmd_person(args: argparse.Namespace) -> int:
    from decline_tui.core import people

    today = parse_date(args.today, "--today") if args.today else date.today()
    wb, path = _load(args)
    person = _find_person(wb, args.who, path)
    due = people.due_for(wb, person.key, today)
    entries = people.history(wb, person)
    if args.json:
        doc = {
            "name": person.name,
            "key": person.key,
            "email": person.email,
            "linkedin": person.linkedin,
            "role": person.role,
            "company": person.company,
            "companies": list(person.companies),
            "offers": list(person.offers),
            "checkin": _due_json(due, today) if due else None,
            "history": [_last_json(e) for e in entries],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(person.name or person.email or person.key)
    for label, value in (
        ("email", person.email),
        ("linkedin", person.linkedin),
        ("role", person.role),
        ("companies", ", ".join(person.companies)),
        ("offers", ", ".join(person.offers)),
        ("key", person.key),
    ):
        if value:
            print(f"  {label + ':':<11}{value}")
    if due is None:
        print("  check-ins: none (no declined offer with the door open)")
    elif due.due is None:
        print(f"  check-ins: all {due.of} done")
    else:
        snoozed = " (snoozed)" if due.snoozed_until else ""
        print(
            f"  next:      {due.due.isoformat()}, check-in {due.step} of {due.of}, "
            f"{due.status(today)}{snoozed}"
        )
    if not entries:
        print("\nNothing logged with them yet.")
        return EXIT_OK
    print()
    table = [("date", "company", "kind", "note")] + [
        (e.date.isoformat(), o.company or o.id, e.kind, e.note or "–") for o, e in entries
    ]
    _print_table(table, whole_last=True)
    return EXIT_OK


def _note_undated(offer_ids: list[str]) -> None:
    """Say which check-ins count from an assumed date: the file was only read, not dated."""
    for offer_id in offer_ids:
        print(
            f"{offer_id}: decline date not recorded; counted from today (open the app once, "
            "log the decline, or set declined_on to fix it)."
        )
