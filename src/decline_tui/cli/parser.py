"""The command line's parser: each command's arguments are its own module's
(`add_*_parser`), added here in the order `--help` lists them."""

from __future__ import annotations

import argparse

from decline_tui import __version__
from decline_tui.cli import drafts, offers, people
from decline_tui.cli.common import _FORMAT, _Parser


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

    offers.add_where_parser(sub, common)
    drafts.add_check_parser(sub, common)
    drafts.add_render_parser(sub, common)
    offers.add_list_parser(sub, common)
    drafts.add_export_parser(sub, common)
    people.add_reminders_parser(sub, common)
    people.add_snooze_parser(sub, common)
    people.add_person_parser(sub, common)
    offers.add_add_parser(sub, common)
    offers.add_set_parser(sub, common)
    offers.add_profile_parser(sub, common)
    return parser
