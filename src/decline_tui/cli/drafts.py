"""The drafts: `check`, `render` and `export` (their thank-you notes in cli.thanks)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from decline_tui.cli.common import (
    _FORMAT,
    EXIT_FAIL,
    EXIT_OK,
    Refused,
    UsageError,
    _copy,
    _load,
    _Parser,
    _read_input,
    _write_file,
    find_offer,
    parse_date,
    parse_datetime,
)
from decline_tui.cli.thanks import _export_thanks, _render_thanks, _thanks_options
from decline_tui.core.model import MEDIUMS, Offer, Workbook

if TYPE_CHECKING:
    from decline_tui.core.session import DraftView


def add_check_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
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


def add_render_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
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


def add_export_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
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


# --------------------------------------------------------------------------- commands


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
    from decline_tui.core.templates import TemplateError

    _template_fits(wb, template, medium)
    try:
        return render_offer(wb, offer, medium=medium, template=template, today=today)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None


def _template_fits(wb: Workbook, template: str | None, medium: str | None) -> None:
    """A template asked for in a medium it is not written for is refused (it would silently
    come out in its own medium), naming the templates that fit."""
    from decline_tui.core.templates import all_templates

    if template and medium:
        templates = all_templates(wb)
        tpl = templates.get(template)
        if tpl is not None and tpl.medium != medium:
            fits = ", ".join(n for n, t in templates.items() if t.medium == medium)
            raise UsageError(
                f'template "{template}" is for {tpl.medium}, not {medium}; '
                f"templates for {medium}: {fits}"
            )


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
    from decline_tui.core.session import Session
    from decline_tui.core.store import Store
    from decline_tui.core.templates import TemplateError

    wb, path = _load(args)
    offer = find_offer(wb, args.offer, path)
    _template_fits(wb, args.template, args.medium)
    # What the app would copy of the decline, checked as the app checks it: asking for a
    # template asks for its words; otherwise the person's own edit wins.
    try:
        view = Session(Store(path), wb).outgoing(offer, now, args.medium, args.template)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None
    draft, edited = view.draft, (view.text if view.edited else None)
    what = f"{export.MEDIUM_LABELS.get(draft.medium, draft.medium)} for {offer.label}"
    what = f"your edited {what}" if edited is not None else f"the {what}"
    if not args.force:
        problem = _export_problem(wb, offer, view)
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


def _export_problem(wb: Workbook, offer: Offer, view: DraftView) -> str | None:
    """Why this draft should not leave as it is, in words, or None.

    The checklist is run on exactly the text that would be exported (the edit, else the
    template's words) with the offer's context for the draft's kind of message; what holds
    it back is what holds back a copy in the app (core.leaving: failed rules about the
    words, not about the moment).
    """
    from decline_tui.core.leaving import must_fix
    from decline_tui.core.scenarios import other_companies_named

    text = view.text
    named = other_companies_named(text, wb, offer)
    failing = must_fix(view.findings, text, skip={"no-other-company"} if named else ())
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
