"""The offers: `where`, `list`, `add`, `set` and `profile`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import textwrap
from datetime import date
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
    _read_input,
    _reason,
    find_offer,
    parse_date,
)
from decline_tui.core.model import CHANNELS, STATUSES, Offer


def add_where_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "where",
        parents=[common],
        help="print the data folder and the workbook file",
        description="Print the data folder and the workbook file decline-tui uses.",
        epilog="example:\n  decline-tui --data-dir ~/jobs where",
        formatter_class=_FORMAT,
    )
    p.set_defaults(func=cmd_where)


def add_list_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "list",
        parents=[common],
        help="list the offers with status and deadline",
        description="List the offers on one timeline: the open ones by their reply deadline, "
        "with the days left, then the rest; an accepted offer says whether it is signed.",
        epilog="examples:\n  decline-tui list\n  decline-tui list --json",
        formatter_class=_FORMAT,
    )
    p.add_argument("--json", action="store_true", help="print the offers as JSON")
    p.add_argument("--today", metavar="DATE", help="count days from this date (default: today)")
    p.set_defaults(func=cmd_list)


def add_add_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "add",
        parents=[common],
        help="add an offer; prints its id",
        description="Add an offer to the workbook, with the same checks as the app's form, and\n"
        "print its id (made from the company name: Acme Robotics -> acme-robotics).\n"
        "The offer came today unless --received says otherwise. --from reads the fields\n"
        "from a TOML file's [offer] table (keys as in the workbook); options win over it.",
        epilog="examples:\n"
        '  decline-tui add --company "Acme Robotics" --role "Product Designer" \\\n'
        '      --contact "María López" --contact-email maria@acme.example --deadline 2026-12-04\n'
        "  decline-tui add --from offer.toml\n"
        "  id=$(decline-tui add --company Initech) && decline-tui render $id",
        formatter_class=_FORMAT,
    )
    p.add_argument(
        "--from", dest="source", metavar="FILE", help="a TOML file with an [offer] table"
    )
    for option, name, what in ADD_OPTIONS:
        if name in BOOL_OPTIONS:
            p.add_argument(
                f"--{option}", dest=name, action=argparse.BooleanOptionalAction, help=what
            )
        elif name in CHOICE_OPTIONS:
            p.add_argument(f"--{option}", dest=name, choices=CHOICE_OPTIONS[name], help=what)
        else:
            p.add_argument(f"--{option}", dest=name, metavar=_METAVARS.get(name, "TEXT"), help=what)
    p.add_argument("--today", metavar="DATE", help="what 'today' means (default: today)")
    p.set_defaults(func=cmd_add)


def add_set_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "set",
        parents=[common],
        help="change one field of an offer",
        description="Change one field of an offer, with the same checks as the app's form; the\n"
        "rest of the file (comments included) stays as it is. A value that does not fit\n"
        "changes nothing.\n\n"
        + textwrap.fill("Fields: " + ", ".join(settable_fields()) + ".", 79)
        + "\nDates take YYYY-MM-DD, today or tomorrow; yes/no fields take true or false;\n"
        "an empty value clears a text or a date.",
        epilog="examples:\n"
        "  decline-tui set acme deadline 2026-12-04\n"
        '  decline-tui set acme reason "I have accepted a role closer to my family"\n'
        "  decline-tui set acme medium phone\n"
        "  decline-tui set acme status declined",
        formatter_class=_FORMAT,
    )
    p.add_argument("offer", metavar="OFFER", help="offer id or start of the company name")
    p.add_argument("field", metavar="FIELD", help="the field to change (see above)")
    p.add_argument("value", metavar="VALUE", help="its new value")
    p.add_argument("--today", metavar="DATE", help="what 'today' means (default: today)")
    p.set_defaults(func=cmd_set)


def add_profile_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "profile",
        parents=[common],
        help="show or set your name and email",
        description="Show your profile, or set your name (it signs every draft) and email.",
        epilog='example:\n  decline-tui profile --name "Sam Lee" --email sam@example.com',
        formatter_class=_FORMAT,
    )
    p.add_argument("--name", help="your name, as it signs your drafts")
    p.add_argument("--email", help="your email address")
    p.set_defaults(func=cmd_profile)


# The fields `add` takes as options: (option, field, help). The same fields `set` takes.
ADD_OPTIONS = (
    ("company", "company", "the company's name (the offer's id is made from it)"),
    ("role", "role", "the role you were offered"),
    ("short-role", "short_role", "the role as subjects and calls say it, e.g. Senior Engineer"),
    ("contact", "contact_name", "who made the offer: the draft greets them"),
    ("contact-email", "contact_email", "their email address (the .eml goes to it)"),
    ("preferred-name", "preferred_name", "the first name they go by: greetings use it"),
    ("register", "register", "formal greetings (Dear Dr. Bello,), informal (Hi Aisha,) or auto"),
    ("received", "received", "when the offer came: YYYY-MM-DD (default: today)"),
    ("deadline", "deadline", "the day they need an answer: YYYY-MM-DD"),
    ("signed-on", "signed_on", "an accepted offer: the day you signed: YYYY-MM-DD"),
    ("start-date", "start_date", "an accepted offer: the day the job starts: YYYY-MM-DD"),
    ("reason", "reason", "why you decline, in a sentence"),
    ("admired", "admired", "what impressed you: 'I was impressed by ...'"),
    ("project", "project", "what you enjoyed learning about"),
    ("news", "news", "their latest news, for a check-in note: 'your Series B'"),
    ("referrer", "referrer", "who referred you, if anyone"),
    ("referrer-email", "referrer_email", "their email address"),
    ("channel", "channel", "how the offer came"),
    ("interviews", "interviews", "rounds of interviews (3 or more suggests calling first)"),
    ("template", "template", "the decline template (default: standard)"),
    ("status", "status", "default: deciding"),
    ("notes", "notes", "your own notes"),
    ("future-open", "future_open", "include the stay-in-touch paragraph (default: yes)"),
    ("offer-referrals", "offer_referrals", "offer to recommend candidates (default: no)"),
)
BOOL_OPTIONS = ("future_open", "offer_referrals")
_METAVARS = {
    "company": "NAME",
    "contact_name": "NAME",
    "preferred_name": "NAME",
    "referrer": "NAME",
    "contact_email": "EMAIL",
    "referrer_email": "EMAIL",
    "received": "DATE",
    "deadline": "DATE",
    "signed_on": "DATE",
    "start_date": "DATE",
    "interviews": "N",
    "template": "NAME",
}
CHOICE_OPTIONS = {
    "channel": CHANNELS,
    "status": STATUSES,
    "register": ("formal", "informal", "auto"),
}
FIELD_ALIASES = {"contact": "contact_name"}


# --------------------------------------------------------------------------- commands


def cmd_where(args: argparse.Namespace) -> int:
    from decline_tui.core.store import data_dir, workbook_path

    path = workbook_path(args.data_dir)
    state, problem = _file_state(path)
    print(f"data folder: {data_dir(args.data_dir)}")
    print(f"workbook:    {path} ({state})")
    if problem is not None:  # the paths are still worth showing: they say which file
        raise UsageError(f"{path}: {problem}")
    return EXIT_OK


def _file_state(path: Path) -> tuple[str, str | None]:
    """How the workbook file stands, in a word, and what is wrong with it, if anything.

    Path.exists() raises for a folder we may not enter, and says "no" for a path that runs
    through a file: `where` would crash, or promise a file that can never be made.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "not created yet", None
    except NotADirectoryError:
        return "cannot be created", f"cannot be created: {_blocker(path)} is a file, not a folder"
    except OSError as exc:
        return "cannot be reached", f"cannot be reached: {_reason(exc)}"
    if stat.S_ISDIR(st.st_mode):
        return "a folder", "is a folder, not a workbook file"
    return "exists", None


def _blocker(path: Path) -> Path:
    """The file that stands where a folder on the way to `path` should be."""
    for parent in reversed(path.parents):
        with contextlib.suppress(OSError):
            if parent.is_file():
                return parent
    return path.parent


def cmd_list(args: argparse.Namespace) -> int:
    """Every offer on one timeline: the open ones by their reply deadline (closest first, those
    without one after them), then the decided ones; an accepted offer says whether it is
    signed, and while it is not, the list says that declining the others is final."""
    from decline_tui.core.scenarios import accepted_state, multiple_offers
    from decline_tui.core.timing import days_left, status_clock

    today = parse_date(args.today, "--today") if args.today else date.today()
    wb, path = _load(args)
    where = multiple_offers(wb)
    open_ids = {o.id for o in where.to_decline}
    timeline = [*where.to_decline, *(o for o in wb.offers if o.id not in open_ids)]
    rows = [
        {
            "id": o.id,
            "company": o.company,
            "role": o.role,
            "status": o.status,
            "deadline": o.deadline.isoformat() if o.deadline else None,
            # The clock runs only while deciding: a declined offer is never "overdue".
            "days_left": days_left(o.deadline, today) if o.status == "deciding" else None,
            "clock": status_clock(o.status, o.deadline, today),
            "signed_on": o.signed_on.isoformat() if o.signed_on else None,
            "start_date": o.start_date.isoformat() if o.start_date else None,
            # An accepted offer's state: "accepted, not signed", "signed …, starts …".
            "state": accepted_state(o) or None,
        }
        for o in timeline
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(f"No offers yet in {path}.")
        return EXIT_OK
    headers = ("id", "company", "role", "status", "deadline", "clock", "state")
    table = [headers] + [
        tuple(str(r[h] if r[h] is not None else "–") for h in headers) for r in rows
    ]
    _print_table(table, whole_last=True)
    warning = where.warning()
    if warning:
        print(f"\n{warning}")
        print("Draft one: decline-tui render OFFER --template hold")
    return EXIT_OK


# --------------------------------------------------------------------------- add, set, profile


def settable_fields() -> list[str]:
    """The fields `set` changes: the ones the app's form edits, plus the medium."""
    from decline_tui.core.session import (
        BOOL_FIELDS,
        CHOICE_FIELDS,
        DATE_FIELDS,
        INT_FIELDS,
        TEXT_FIELDS,
    )

    return [
        *TEXT_FIELDS,
        *DATE_FIELDS,
        *INT_FIELDS,
        *BOOL_FIELDS,
        *CHOICE_FIELDS,
        "template",
        "medium",
    ]


_TRUE = ("true", "yes", "y", "on", "1")
_FALSE = ("false", "no", "n", "off", "0")


def _field_value(name: str, value: object) -> object:
    """A value from the command line or a TOML file, as Session.set_field takes it."""
    from decline_tui.core.parsing import FieldError
    from decline_tui.core.session import BOOL_FIELDS

    if name in BOOL_FIELDS:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise FieldError("true or false")
    if isinstance(value, bool) or not isinstance(value, (str, int, date)):
        raise FieldError("a text, a number or a date")  # a table or a list: no field holds one
    return value.isoformat() if isinstance(value, date) else str(value)


def _apply(session: Any, offer: Offer, name: str, value: object, today: date, label: str) -> None:
    """Set one field through the session (the app's rules); a bad value is a usage error."""
    from decline_tui.core.parsing import FieldError

    try:
        value = _field_value(name, value)
        if name == "medium":
            session.set_medium(offer, str(value))
        else:
            session.set_field(offer, name, value, today)
    except FieldError as exc:
        raise UsageError(f"{label}: {exc}") from None


def _date_declines(offer: Offer, today: date) -> None:
    """Marked declined here: date it, as the app would, so check-ins count from today."""
    from decline_tui.core.care import decline_date

    if offer.status == "declined" and decline_date(offer) is None:
        offer.declined_on = today


def _read_offer_table(name: str) -> dict[str, Any]:
    """The [offer] table of a TOML file (keys as in the workbook's [[offers]])."""
    import tomllib

    text = _read_input(name)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{name}: not a TOML file ({exc})") from None
    table = doc.get("offer")
    if table is None and isinstance(doc.get("offers"), list) and len(doc["offers"]) == 1:
        table = doc["offers"][0]  # one [[offers]] copied from a workbook
    if not isinstance(table, dict):
        raise UsageError(f"{name}: has no [offer] table")
    return table


def cmd_add(args: argparse.Namespace) -> int:
    today = parse_date(args.today, "--today") if args.today else date.today()
    fields: dict[str, tuple[object, str]] = {}  # field -> (value, what to call it in an error)
    if args.source:
        known = set(settable_fields()) | set(FIELD_ALIASES)
        for key, value in _read_offer_table(args.source).items():
            if key == "id":
                continue  # the id is made from the company
            if key not in known:
                fields_list = ", ".join(settable_fields())
                raise UsageError(
                    f"{args.source}: unknown field {key!r}; the fields are: {fields_list}"
                )
            fields[FIELD_ALIASES.get(key, key)] = (value, f"{args.source}: {key}")
    for option, name, _ in ADD_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            fields[name] = (value, f"--{option}")
    session = _open_session(args)
    offer = session.new_offer(today)
    # The company first (the id is made from it), then received before deadline (the
    # deadline is checked against it), then the rest.
    first = ("company", "received", "deadline")
    for name in [*(n for n in first if n in fields), *(n for n in fields if n not in first)]:
        value, label = fields[name]
        _apply(session, offer, name, value, today, label)
    _date_declines(offer, today)
    session.save()
    print(offer.id)
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    today = parse_date(args.today, "--today") if args.today else date.today()
    name = args.field.strip().replace("-", "_")
    name = FIELD_ALIASES.get(name, name)
    fields = settable_fields()
    if name not in fields:
        raise UsageError(f"unknown field {args.field!r}; the fields are: {', '.join(fields)}")
    session = _open_session(args)
    offer = find_offer(session.wb, args.offer, session.store.path)
    _apply(session, offer, name, args.value, today, name)
    _date_declines(offer, today)
    session.save()
    shown = session.medium_of(offer) if name == "medium" else getattr(offer, name)
    if isinstance(shown, date):
        shown = shown.isoformat()
    print(f"{offer.id}: {name} = {json.dumps(shown, ensure_ascii=False)}")
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    session = _open_session(args)
    profile = session.wb.profile
    changed = False
    for name in ("name", "email"):
        value = getattr(args, name)
        if value is not None and value.strip() != getattr(profile, name):
            setattr(profile, name, value.strip())
            changed = True
    if changed:
        session.save()
    print(f"name:  {profile.name or '(not set: drafts are signed [Your Name])'}")
    print(f"email: {profile.email or '(not set)'}")
    return EXIT_OK
