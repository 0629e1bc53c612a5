"""Command line: no subcommand opens the app; the subcommands work headless.

Exit statuses: 0 fine, 1 a checklist rule failed, 2 bad input (with a one-line error).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from decline_tui import __version__
from decline_tui.core.model import MEDIUMS, Offer, Workbook

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the person asked for: reported in one line, exit status 2."""


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
        "  decline-tui                      open the workbook\n"
        "  decline-tui list                 the offers and their deadlines\n"
        "  decline-tui render acme          print the decline email for an offer\n"
        "  decline-tui check draft.txt      lint a message you wrote\n"
        "  decline-tui where                where the workbook file lives",
    )
    parser.add_argument("--version", action="version", version=f"decline-tui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder of the workbook (overrides $DECLINE_TUI_DATA_DIR and the platform default)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "where",
        help="print the data folder and the workbook file",
        description="Print the data folder and the workbook file decline-tui uses.",
        epilog="example:\n  decline-tui --data-dir ~/jobs where",
        formatter_class=_FORMAT,
    )
    p.set_defaults(func=cmd_where)

    p = sub.add_parser(
        "check",
        help="run the decline checklist on a message",
        description="Run the decline checklist on the text you will send. An optional first "
        "line 'Subject: ...' is the email's subject.\n"
        "Exit status: 0 when nothing fails, 1 when a rule fails, 2 for bad input.",
        epilog="examples:\n"
        "  decline-tui check draft.txt\n"
        "  pbpaste | decline-tui check - --medium linkedin --json\n"
        "  decline-tui check draft.txt --other Globex --received 2026-11-20 "
        "--deadline 2026-11-27\n"
        "  decline-tui check draft.txt --offer acme   (dates and names from the workbook)",
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
        help="take names, dates and other companies from this offer of the workbook",
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "render",
        help="print the draft for an offer",
        description="Print the draft for an offer of the workbook, named by id or by a unique "
        "start of the company name.",
        epilog="examples:\n"
        "  decline-tui render acme\n"
        "  decline-tui render acme --medium phone\n"
        "  decline-tui render acme --template warm",
        formatter_class=_FORMAT,
    )
    p.add_argument("offer", metavar="OFFER", help="offer id or start of the company name")
    p.add_argument("--medium", choices=MEDIUMS, help="email, phone or linkedin")
    p.add_argument("--template", metavar="NAME", help="template to use (see the README)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser(
        "list",
        help="list the offers with status and deadline",
        description="List the offers with their status, deadline and days left.",
        epilog="examples:\n  decline-tui list\n  decline-tui list --json",
        formatter_class=_FORMAT,
    )
    p.add_argument("--json", action="store_true", help="print the offers as JSON")
    p.add_argument("--today", metavar="DATE", help="count days from this date (default: today)")
    p.set_defaults(func=cmd_list)
    return parser


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
    state = "exists" if path.exists() else "not created yet"
    print(f"data folder: {data_dir(args.data_dir)}")
    print(f"workbook:    {path} ({state})")
    return EXIT_OK


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
    from decline_tui.core.checklist import CheckContext, check, context_for, format_report, ok

    received = parse_date(args.received, "--received") if args.received else None
    deadline = parse_date(args.deadline, "--deadline") if args.deadline else None
    now = parse_datetime(args.now, "--now") if args.now else datetime.now()
    if args.offer:
        wb, path = _load(args)
        offer = find_offer(wb, args.offer, path)
        ctx = context_for(wb, offer, args.medium or "email", now)
        if not args.medium:
            from decline_tui.core.templates import pick_template

            ctx.medium = pick_template(wb, offer.template).medium
    else:
        ctx = CheckContext(medium=args.medium or "email", now=now)
    if received:
        ctx.received = received
    if deadline:
        ctx.deadline = deadline
    ctx.others = (*ctx.others, *args.other)
    text = _read_input(args.file)
    findings = check(text, ctx)
    if args.json:
        out = {"ok": ok(findings), "findings": [f.to_dict() for f in findings]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(format_report(findings, text))
    return EXIT_OK if ok(findings) else EXIT_FAIL


def cmd_render(args: argparse.Namespace) -> int:
    from decline_tui.core.compose import render_offer
    from decline_tui.core.templates import TemplateError

    wb, path = _load(args)
    offer = find_offer(wb, args.offer, path)
    try:
        draft = render_offer(wb, offer, medium=args.medium, template=args.template)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None
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
    from decline_tui.core.timing import days_left, offer_clock

    today = parse_date(args.today, "--today") if args.today else date.today()
    wb, path = _load(args)
    rows = [
        {
            "id": o.id,
            "company": o.company,
            "role": o.role,
            "status": o.status,
            "deadline": o.deadline.isoformat() if o.deadline else None,
            "days_left": days_left(o.deadline, today),
            "clock": offer_clock(o.deadline, today),
        }
        for o in wb.offers
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(f"No offers yet in {path}.")
        return EXIT_OK
    headers = ("id", "company", "role", "status", "deadline", "clock")
    table = [headers] + [
        tuple(str(r[h] if r[h] is not None else "–") for h in headers) for r in rows
    ]
    widths = [min(30, max(len(row[i]) for row in table)) for i in range(len(headers))]
    for row in table:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    """Open the full-screen workbook; a broken file is reported here and never opened."""
    from decline_tui.core.session import Session
    from decline_tui.core.store import workbook_path

    session, created = Session.open(workbook_path(args.data_dir), date.today())
    if created:
        session.save()
    from decline_tui.ui.app import DeclineApp  # Textual loads only when the app is wanted

    DeclineApp(session, created=created).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `decline-tui` command."""
    from decline_tui.core.store import WorkbookError

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_app)
    try:
        return func(args)
    except UsageError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WorkbookError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
