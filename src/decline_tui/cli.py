"""Command line: no subcommand opens the app; the subcommands work headless.

Exit statuses: 0 fine, 1 a checklist rule failed (or `export` refused such a draft), 2 bad
input (with a one-line error).
Whatever the system refuses (a folder we may not enter, a full disk) is one line too, naming
the path and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import textwrap
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn

from decline_tui import __version__
from decline_tui.core.model import CHANNELS, MEDIUMS, STATUSES, Offer, Workbook

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the person asked for: reported in one line, exit status 2."""


class Refused(Exception):
    """A request understood but declined for the person's own good (`export` of a draft the
    checklist fails): one line, exit status 1, and --force to do it anyway."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_FORMAT = argparse.RawDescriptionHelpFormatter


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="decline-tui",
        formatter_class=_FORMAT,
        description="Decline a job offer gracefully, and keep the door open.\n\n"
        "Without a command, opens the full-screen workbook.",
        epilog="examples:\n"
        "  decline-tui                          open the workbook\n"
        "  decline-tui add --company Acme       add an offer; prints its id (acme)\n"
        "  decline-tui set acme deadline 2026-12-04   change one of its fields\n"
        "  decline-tui list                     the offers and their deadlines\n"
        "  decline-tui render acme              print the decline email for an offer\n"
        "  decline-tui export acme --to a.eml   save it as a draft for your mail app\n"
        "  decline-tui export acme --thanks --to notes/   a thank-you note to each person met\n"
        "  decline-tui check draft.txt          lint a message you wrote\n"
        "  decline-tui reminders                the people to check in with, and when\n"
        "  decline-tui where                    where the workbook file lives",
    )
    parser.add_argument("--version", action="version", version=f"decline-tui {__version__}")
    data_help = "folder of the workbook (overrides $DECLINE_TUI_DATA_DIR and the platform default)"
    parser.add_argument("--data-dir", metavar="DIR", help=data_help)
    # Also after the command ("where --data-dir X"); SUPPRESS keeps the one given before it
    # when none is given after.
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "where",
        parents=[common],
        help="print the data folder and the workbook file",
        description="Print the data folder and the workbook file decline-tui uses.",
        epilog="example:\n  decline-tui --data-dir ~/jobs where",
        formatter_class=_FORMAT,
    )
    p.set_defaults(func=cmd_where)

    p = sub.add_parser(
        "check",
        parents=[common],
        help="run the decline checklist on a message",
        description="Run the decline checklist on the text you will send. An optional first "
        "line 'Subject: ...' is the email's subject. --template checks a reply by its own "
        "kind's rules (a counter reply, a check-in note…). A phone script may end with its "
        "confirming email after a line '--- confirming email, to send after the call ---' "
        "(as `render` prints it): that email is checked on its own, as an email.\n"
        "Exit status: 0 when nothing fails, 1 when a rule fails, 2 for bad input.",
        epilog="examples:\n"
        "  decline-tui check draft.txt\n"
        "  pbpaste | decline-tui check - --medium linkedin --json\n"
        "  decline-tui check draft.txt --other Globex --received 2026-11-20 "
        "--deadline 2026-11-27\n"
        "  decline-tui check draft.txt --offer acme   (dates and names from the workbook)\n"
        "  decline-tui check reply.txt --offer acme --template recruiter-reply\n"
        "  decline-tui check draft.txt --disable spelling --disable send-time\n"
        "  decline-tui render acme --medium phone | decline-tui check - --medium phone",
        formatter_class=_FORMAT,
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.add_argument("--medium", choices=MEDIUMS, help="email (default), phone or linkedin")
    p.add_argument(
        "--other",
        action="append",
        default=[],
        metavar="NAME",
        help="another company the message must not name (repeatable)",
    )
    p.add_argument("--received", metavar="DATE", help="when the offer came (YYYY-MM-DD)")
    p.add_argument("--deadline", metavar="DATE", help="the offer's deadline (YYYY-MM-DD)")
    p.add_argument(
        "--now", metavar="DATETIME", help="the time to judge timing by (default: now, local)"
    )
    p.add_argument(
        "--offer",
        metavar="OFFER",
        help="take names, dates and other companies from this offer of the workbook, and "
        "its checklist settings (rules switched off, findings dismissed)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="do not run this checklist rule (repeatable; see the README's table of rules)",
    )
    p.add_argument(
        "--template",
        metavar="NAME",
        help="the template the text was drafted from: its kind's rules apply (see the README)",
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "render",
        parents=[common],
        help="print the draft for an offer",
        description="Print the draft for an offer of the workbook, named by id or by a unique "
        "start of the company name.",
        epilog="examples:\n"
        "  decline-tui render acme\n"
        "  decline-tui render acme --medium phone\n"
        "  decline-tui render acme --template warm\n"
        "  decline-tui render acme --thanks    (a thank-you note to each person met)\n"
        "  decline-tui render acme --thanks --contact ana --medium linkedin",
        formatter_class=_FORMAT,
    )
    p.add_argument("offer", metavar="OFFER", help="offer id or start of the company name")
    p.add_argument("--medium", choices=MEDIUMS, help="email, phone or linkedin")
    p.add_argument("--template", metavar="NAME", help="template to use (see the README)")
    _thanks_options(p)
    p.add_argument(
        "--today",
        metavar="DATE",
        help="the day it is sent: a late answer says sorry for the delay (default: today)",
    )
    p.set_defaults(func=cmd_render)

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

    p = sub.add_parser(
        "export",
        parents=[common],
        help="save an offer's draft to a file, or copy it",
        description="Save the draft for an offer to a file, or copy it to the clipboard.\n"
        "The draft is your own edited text for that medium when you have taken it over\n"
        "in the app, else the template's.\n\n"
        "The file's extension chooses the format: .txt plain text, .md Markdown, .eml an\n"
        "unsent email that Outlook, Thunderbird or Apple Mail open as a draft to send\n"
        "(email drafts only). An existing file is replaced only with --force.\n\n"
        "A draft that names another offer's company, or still fails a checklist rule (a\n"
        "[placeholder] left, no clear decline), is not exported: exit status 1, naming\n"
        "what fails. Fix it, or add --force to export it anyway.\n\n"
        "--clipboard needs pbcopy, wl-copy, xclip, xsel or clip.exe; without one, use --to.\n\n"
        "--thanks writes a thank-you note to each person you met through the offer (its\n"
        "contacts, but the one the decline goes to), one file each in the folder --to names\n"
        "(made if missing), in --format txt, md or eml; --contact NAME writes one note, to a\n"
        "file or a folder, or copies it. The same refusals hold, naming whose note fails.",
        epilog="examples:\n"
        "  decline-tui export acme --to ~/decline-acme.eml\n"
        "  decline-tui export acme --to script.md --medium phone\n"
        "  decline-tui export acme --to decline.txt --force   (replace the file)\n"
        "  decline-tui export acme --clipboard --medium linkedin\n"
        "  decline-tui export acme --thanks --to notes/ --format eml\n"
        "  decline-tui export acme --thanks --contact ana --clipboard --medium linkedin",
        formatter_class=_FORMAT,
    )
    p.add_argument("offer", metavar="OFFER", help="offer id or start of the company name")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--to",
        metavar="PATH",
        help="the file to write: .txt, .md or .eml (with --thanks: a folder, or one note's file)",
    )
    where.add_argument("--clipboard", action="store_true", help="copy to the clipboard")
    p.add_argument("--medium", choices=MEDIUMS, help="email, phone or linkedin")
    p.add_argument(
        "--template",
        metavar="NAME",
        help="use this template's words, even when you have edited the draft yourself",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace the file if it exists, and export a draft the checklist fails or that "
        "names another offer's company",
    )
    p.add_argument(
        "--now",
        metavar="DATETIME",
        help="the .eml's date, and the time the checklist judges by (default: now, local time)",
    )
    _thanks_options(p)
    p.add_argument(
        "--format",
        choices=("txt", "md", "eml"),
        help="with --thanks --to FOLDER: the files' format (default: txt)",
    )
    p.set_defaults(func=cmd_export)

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
    return parser


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


# --------------------------------------------------------------------------- helpers


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not a date; use YYYY-MM-DD") from None


def parse_datetime(value: str, what: str) -> datetime:
    text = value.strip().replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what}: {value!r} is not a date and time; use YYYY-MM-DDTHH:MM"
        ) from None
    return moment


def _load(args: argparse.Namespace) -> tuple[Workbook, Path]:
    from decline_tui.core.store import Store, workbook_path

    path = workbook_path(args.data_dir)
    return Store(path).load(), path


def find_offer(wb: Workbook, query: str, path: Path) -> Offer:
    """By id, else by a unique start of the company name (case-insensitive)."""
    if not wb.offers:
        raise UsageError(f"there are no offers in {path}")
    exact = wb.offer(query)
    if exact:
        return exact
    q = query.strip().casefold()
    matches = [o for o in wb.offers if o.company.casefold().startswith(q) or o.id.startswith(q)]
    if len(matches) == 1:
        return matches[0]
    listing = ", ".join(f"{o.id} ({o.company or 'no company'})" for o in wb.offers)
    if matches:
        names = ", ".join(o.id for o in matches)
        raise UsageError(f"{query!r} matches several offers: {names}; use the id")
    raise UsageError(f"no offer {query!r}; the offers are: {listing}")


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


def _reason(exc: OSError) -> str:
    """The system's words for an error, as the rest of a sentence: "permission denied"."""
    words = exc.strerror or str(exc) or type(exc).__name__
    return words[:1].lower() + words[1:]


def _describe(exc: OSError) -> str:
    """An unexpected OSError in one line: the path (or the stream) it concerns, and why."""
    if exc.filename is None:
        return _reason(exc)
    where = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {os.fsdecode(exc.filename2)}"
    return f"{where}: {_reason(exc)}"


_STDOUT = "standard output"


class _Output:
    """Standard output whose failures name it ("standard output: no space left on device"):
    an error from print() names no file, and the person would not know what was full."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            written: int = self._stream.write(text)
            return written
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, _STDOUT) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, _STDOUT) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout(stream: Any) -> None:
    """Point standard output at the null device once it failed: Python would otherwise try
    to flush it again at exit, and print an "Exception ignored" report after our one line."""
    with contextlib.suppress(Exception):  # no real file behind it (a test's capture): fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _read_input(name: str) -> str:
    if name == "-":
        if sys.stdin is None:
            raise UsageError("no input: give a FILE or pipe the text in")
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        try:
            data = Path(name).read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"{name}: is a folder, not a file") from None
        except OSError as exc:
            raise UsageError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: is not UTF-8 text") from None


def cmd_check(args: argparse.Namespace) -> int:
    from decline_tui.core.checklist import attached_email, check, format_report, ok

    received = parse_date(args.received, "--received") if args.received else None
    deadline = parse_date(args.deadline, "--deadline") if args.deadline else None
    now = parse_datetime(args.now, "--now") if args.now else datetime.now()
    disable = _disabled_rules(args.disable)
    wb, offer = None, None
    if args.offer:
        wb, path = _load(args)
        offer = find_offer(wb, args.offer, path)
    template, medium = _check_template(wb, offer, args.template, args.medium)

    def context(medium: str, template: str) -> Any:
        from decline_tui.core.checklist import CheckContext, context_for
        from decline_tui.core.kinds import kind_of

        if wb is not None and offer is not None:
            ctx = context_for(wb, offer, medium, now, template=template)
        else:
            kind = kind_of(template)
            ctx = CheckContext(medium=medium, now=now, kind=kind.name, firm=kind.firm)
        if received:
            ctx.received = received
        if deadline:
            ctx.deadline = deadline
        ctx.others = (*ctx.others, *args.other)
        for rule in disable:
            ctx.disabled.setdefault(rule, "command line")
        return ctx

    text = _read_input(args.file)
    findings = check(text, context(medium, template))
    # A phone script as `render` prints it ends with its confirming email: checked as one.
    email = attached_email(text) if medium == "phone" else None
    followup = None
    if email is not None:
        from decline_tui.core.templates import all_templates

        tpl = all_templates(wb).get(template)
        name = (tpl.followup if tpl is not None else "") or "call-followup"
        followup = (email[0], email[1], check(email[1], context("email", name)))
    passed = ok(findings) and (followup is None or ok(followup[2]))
    if args.json:
        out: dict[str, Any] = {"ok": passed, "findings": [f.to_dict() for f in findings]}
        if followup is not None:
            offset, _email, found = followup
            out["followup"] = {  # spans count from `offset`, where the email starts
                "ok": ok(found),
                "offset": offset,
                "findings": [f.to_dict() for f in found],
            }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        if followup is not None:
            print("The phone script (the confirming email after it is checked below):\n")
        print(format_report(findings, text))
        if followup is not None:
            print("\nThe confirming email, checked as an email:\n")
            print(format_report(followup[2], followup[1]))
    return EXIT_OK if passed else EXIT_FAIL


def _disabled_rules(names: list[str]) -> list[str]:
    """--disable's rules, each one the checklist has; UsageError lists them otherwise."""
    from decline_tui.core.checklist import UnknownRule, known_rule

    try:
        return [known_rule(name.strip()) for name in names]
    except UnknownRule as exc:
        raise UsageError(f"--disable: {exc}") from None


def _check_template(
    wb: Workbook | None, offer: Offer | None, name: str | None, medium: str | None
) -> tuple[str, str]:
    """(template, medium) to check a text by: the template asked for (its kind's rules, its
    medium unless --medium says otherwise; one written for another medium is refused), else
    with an offer the template its draft in that medium comes from, else a decline."""
    from decline_tui.core.templates import TemplateError, get_template, pick_template

    if name:
        try:
            tpl = get_template(name, wb)
        except TemplateError as exc:
            raise UsageError(str(exc)) from None
        if medium and tpl.medium != medium:
            raise UsageError(f'template "{name}" is for {tpl.medium}, not {medium}')
        return name, tpl.medium
    if offer is not None:
        tpl = pick_template(wb, offer.template, medium)
        return tpl.name, medium or tpl.medium
    return "", medium or "email"


def _render(
    wb: Workbook, offer: Offer, medium: str | None, template: str | None, today: date
) -> Any:
    """The offer's draft as sent `today` (late, it says sorry); a template asked for in a
    medium it is not written for is refused (it would silently come out in its own medium),
    naming the templates that fit."""
    from decline_tui.core.compose import render_offer
    from decline_tui.core.templates import TemplateError, all_templates

    if template and medium:
        templates = all_templates(wb)
        tpl = templates.get(template)
        if tpl is not None and tpl.medium != medium:
            fits = ", ".join(n for n, t in templates.items() if t.medium == medium)
            raise UsageError(
                f'template "{template}" is for {tpl.medium}, not {medium}; '
                f"templates for {medium}: {fits}"
            )
    try:
        return render_offer(wb, offer, medium=medium, template=template, today=today)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None


def cmd_render(args: argparse.Namespace) -> int:
    if args.thanks or args.contact is not None:
        return _render_thanks(args)
    wb, path = _load(args)
    offer = find_offer(wb, args.offer, path)
    today = parse_date(args.today, "--today") if args.today else date.today()
    draft = _render(wb, offer, args.medium, args.template, today)
    if draft.medium == "phone":
        print(f"# {draft.subject}\n\n" if draft.subject else "", end="")
        print(draft.body)
    else:
        print(draft.text)
    if draft.followup is not None:
        print("\n--- confirming email, to send after the call ---\n")
        print(draft.followup.text)
    return EXIT_OK


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


def _open_session(args: argparse.Namespace) -> Any:
    """The workbook as the app opens it, minus the example offer: you are adding your own."""
    from decline_tui.core.session import Session
    from decline_tui.core.store import Store, workbook_path

    store = Store(workbook_path(args.data_dir))
    return Session(store, store.load())


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


def _write_file(path: str, content: str | bytes, force: bool) -> Path:
    """Write through the export module; its refusals become one-line usage errors."""
    from decline_tui.core.export import ExportError, write_export

    try:
        return write_export(path, content, overwrite=force)
    except FileExistsError:
        raise UsageError(f"{path} exists already; add --force to replace it") from None
    except ExportError as exc:
        raise UsageError(str(exc)) from None


def _copy(text: str) -> Any:
    """Copy with the system's clipboard tool, or say why not and what to do instead;
    returns the export.ClipboardTool that did it."""
    from decline_tui.core import export

    tool = export.find_clipboard_tool()
    if tool is None:
        raise UsageError(
            "no clipboard tool found (pbcopy, wl-copy, xclip, xsel or clip.exe); "
            "save to a file with --to PATH instead"
        )
    error = export.copy_with_tool(tool, text)
    if error is not None:
        raise UsageError(f"{error}; save to a file with --to PATH instead")
    return tool


def cmd_export(args: argparse.Namespace) -> int:
    from decline_tui.core import export

    if args.thanks or args.contact is not None:
        return _export_thanks(args)
    if args.format is not None:
        raise UsageError("--format goes with --thanks; for the decline, --to's extension says it")
    now = parse_datetime(args.now, "--now") if args.now else datetime.now()
    kind = None
    if args.to is not None:
        try:
            kind = export.export_format(args.to)
        except export.ExportError as exc:
            raise UsageError(str(exc)) from None
    wb, path = _load(args)
    offer = find_offer(wb, args.offer, path)
    draft = _render(wb, offer, args.medium, args.template, now.date())
    # Asking for a template asks for its words; otherwise the person's own edit wins.
    from decline_tui.core.session import draft_key

    edited = None if args.template else offer.drafts.get(draft_key(wb, offer, draft.medium))
    what = f"{export.MEDIUM_LABELS.get(draft.medium, draft.medium)} for {offer.label}"
    what = f"your edited {what}" if edited is not None else f"the {what}"
    if not args.force:
        problem = _export_problem(wb, offer, draft, edited, now)
        if problem:
            raise Refused(f"not exported: {problem}; fix it, or add --force to export it anyway")

    if args.to is None:
        text = edited if edited is not None else export.draft_as_text(draft)
        tool = _copy(text)
        print(f"Copied {what} to the clipboard with {tool.name}.")
        return EXIT_OK

    try:
        content = export.export_content(
            draft,
            args.to,
            edited,
            f"Decline: {offer.label}",
            offer=offer,
            profile=wb.profile,
            now=now,
        )
    except export.ExportError as exc:
        raise UsageError(str(exc)) from None
    written = _write_file(args.to, content, args.force)
    names = {"text": "plain text", "markdown": "Markdown", "eml": "an unsent email draft"}
    print(f"Wrote {what} to {written} ({names[kind or 'text']}).")
    return EXIT_OK


def _export_problem(
    wb: Workbook, offer: Offer, draft: Any, edited: str | None, now: datetime
) -> str | None:
    """Why this draft should not leave as it is, in words, or None.

    The checklist is run on exactly the text that would be exported (the edit, else the
    template's words) with the offer's context for the draft's kind of message; what holds
    it back is what holds back a copy in the app (core.leaving: failed rules about the
    words, not about the moment).
    """
    from decline_tui.core.checklist import check, context_for
    from decline_tui.core.leaving import must_fix
    from decline_tui.core.scenarios import other_companies_named

    text = edited if edited is not None else draft.text
    named = other_companies_named(text, wb, offer)
    ctx = context_for(wb, offer, draft.medium, now, template=draft.template)
    ctx.spelling = False  # spelling only ever warns; the dictionary is slow to load
    failing = must_fix(check(text, ctx), text, skip={"no-other-company"} if named else ())
    rules = [  # which placeholders are left says where to look
        f"{f.rule} ({', '.join(f.words)})" if f.rule == "placeholders" and f.words else f.rule
        for f in failing
    ]
    parts = []
    if named:
        plural = "another offer's company" if len(named) == 1 else "other offers' companies"
        parts.append(f"names {', '.join(named)}, {plural}")
    if rules:
        parts.append(f"still fails: {', '.join(rules)}")
    return f"the draft {', and '.join(parts)}" if parts else None


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


# --------------------------------------------------------------------------- thank-you notes


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


def _print_table(table: Sequence[tuple[str, ...]], whole_last: bool = False) -> None:
    """Columns padded to their widest cell, cut at 30 characters (the last one whole, when
    `whole_last`)."""
    widths = [min(30, max(len(row[i]) for row in table)) for i in range(len(table[0]))]
    if whole_last:
        widths[-1] = max(len(row[-1]) for row in table)
    for row in table:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def cmd_app(args: argparse.Namespace) -> int:
    """Open the full-screen workbook; a broken file is reported here and never opened."""
    from decline_tui.core.session import Session
    from decline_tui.core.store import workbook_path

    session, created, recovered = Session.start(
        workbook_path(args.data_dir), date.today(), datetime.now()
    )
    from decline_tui.ui.app import DeclineApp  # Textual loads only when the app is wanted

    app = DeclineApp(session, created=created, recovered=recovered)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `decline-tui` command."""
    from decline_tui.core.display import VisibleStream
    from decline_tui.core.store import WorkbookError

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_app)
    # A workbook's text is printed, never obeyed: escape sequences in it show as ␛ on a
    # terminal; a pipe or a file gets the text exact. (Textual draws through sys.__stderr__.)
    if func is not cmd_app and sys.stdout.isatty():
        sys.stdout = VisibleStream(sys.stdout)
    if sys.stderr.isatty():
        sys.stderr = VisibleStream(sys.stderr)
    stdout = sys.stdout
    if func is not cmd_app:
        sys.stdout = _Output(stdout)
    try:
        code = func(args)
        sys.stdout.flush()  # a full disk shows here, where it can still be reported
        return code
    except UsageError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Refused as exc:
        print(f"decline-tui: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except WorkbookError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout(stdout)  # the reader is gone: what is left to print goes nowhere, quietly
        return EXIT_OK
    except OSError as exc:  # whatever the system refused that no command foresaw
        if exc.filename == _STDOUT:
            _silence_stdout(stdout)
        print(f"decline-tui: error: {_describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if isinstance(sys.stdout, _Output):
            sys.stdout = stdout
