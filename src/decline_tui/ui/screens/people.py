"""The people an offer brought: a thank-you note to each, and the check-ins that follow them.

Two screens of the same shape, a list of people above and the selected one's message
below: `ThanksScreen` (y in the scenario helper) and `DueScreen` (F10). The rules (who is
thanked, what the note says, when a check-in is due) are the core's (thanks, people); these
screens show them and hand the person's keys to the session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from decline_tui.core import export, leaving
from decline_tui.core.checklist import FAIL, WARN, Finding
from decline_tui.ui.editor import edit_in_editor
from decline_tui.ui.screens.dialogs import ChoiceDialog, PathDialog, confirm
from decline_tui.ui.widgets.literal import visible

if TYPE_CHECKING:
    from decline_tui.core.compose import Draft
    from decline_tui.core.model import Offer
    from decline_tui.core.people import Due
    from decline_tui.core.thanks import ThanksNote
    from decline_tui.ui.screens.main import MainScreen

MEDIUM_WORDS = {"email": "email", "linkedin": "LinkedIn note"}


def findings_text(findings: list[Finding]) -> Text:
    """What still fails or warns, one line each; a line saying so when nothing does."""
    out = Text()
    bad = [f for f in findings if f.status in (FAIL, WARN)]
    if not bad:
        out.append("✓ Checklist: nothing fails or warns.", style="green")
        return out
    for f in bad:
        style = "bold red" if f.status == FAIL else "yellow"
        out.append(f"{'✗' if f.status == FAIL else '!'} {f.status}  ", style=style)
        out.append(visible(f.message) + "\n")
    return out


class PeopleScreen(ModalScreen[None]):
    """A list of people above, the selected one's message below; keys act on the selected."""

    HINT = ""

    def __init__(self, owner: MainScreen) -> None:
        super().__init__()
        self.owner = owner

    def heading(self) -> str:
        return ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide people"):
            yield Static(self._title(), classes="dialog-title", id="people-title")
            yield OptionList(id="people-list")
            with VerticalScroll(id="people-detail-box"):
                yield Static("", id="people-detail")

    def _title(self) -> Text:
        return Text.assemble(
            (visible(self.heading(), one_line=True), "bold"), (f"\n{self.HINT}", "dim")
        )

    def on_mount(self) -> None:
        self.fill()
        # Each change to the workbook (a log, a snooze, a contact edited here or in a dialog
        # over this screen) fills the list again, once.
        self.watch(self.owner, "revision", self._workbook_changed, init=False)
        self.query_one("#people-list").focus()

    def _workbook_changed(self) -> None:
        """Fill again, unless this screen has closed: F10's enter closes it, then drafts
        (the list takes the whole workbook's people to work out)."""
        if self in self.app.screen_stack:
            self.fill()

    # To fill in: the rows (id, prompt, disabled) and the detail of a row.
    def rows(self) -> list[tuple[str, Text, bool]]:
        raise NotImplementedError

    def detail(self, row: str) -> Text:
        raise NotImplementedError

    def empty(self) -> Text:
        raise NotImplementedError

    def fill(self) -> None:
        """(Re)build the list, keeping the highlighted row where it can."""
        self.query_one("#people-title", Static).update(self._title())
        listing = self.query_one("#people-list", OptionList)
        # The same person stays highlighted, wherever the list puts them now (a check-in
        # logged moves them down): the next key must not act on someone else.
        was = self.selected()
        keep = self.row_key(was) if was is not None else None
        listing.clear_options()
        rows = self.rows()
        listing.display = bool(rows)  # no empty box: the message below says what to do
        for row_id, prompt, disabled in rows:
            listing.add_option(Option(prompt, id=row_id, disabled=disabled))
        ids = [r[0] for r in rows if not r[2]]
        if ids:
            listing.highlighted = next(
                (i for i, r in enumerate(rows) if not r[2] and self.row_key(r[0]) == keep),
                next(i for i, r in enumerate(rows) if not r[2]),
            )
        self.show_detail()

    def row_key(self, row: str) -> str:
        """What a row stands for, across fills (its id, unless a screen says otherwise)."""
        return row

    def selected(self) -> str | None:
        listing = self.query_one("#people-list", OptionList)
        if listing.highlighted is None or listing.highlighted >= listing.option_count:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return None if option.disabled else option.id

    def show_detail(self) -> None:
        row = self.selected()
        self.query_one("#people-detail", Static).update(
            self.detail(row) if row is not None else self.empty()
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_detail()

    def copy(self, draft: Draft, text: str, edited: bool, what: str) -> None:
        """Copy what the person will paste (an email's body, without its subject), as the
        main screen does: the terminal's clipboard and a native tool."""
        clip = leaving.clip(draft, text, edited)
        what = f"{what} ({clip.words} words)"
        if clip.subject:
            what += f", without the subject “{clip.subject}”"
        self.app.copy_to_clipboard(clip.text)
        self.owner.copy_native(clip.text, what)

    def save_to(
        self, title: str, default: str, write: Callable[[str, bool], str], label: str = ""
    ) -> None:
        """Ask for a path; `write(path, overwrite)` writes and says what it wrote, or raises
        FileExistsError (asks to replace) or ExportError (shown in the dialog)."""

        def attempt(path: str, overwrite: bool = False) -> str | None:
            try:
                said = write(path, overwrite)
            except FileExistsError as exc:
                ask_overwrite(path, str(exc))
                return None
            except export.ExportError as exc:
                return str(exc)
            self.app.pop_screen()
            self.notify(said, markup=False)
            return None

        def ask_overwrite(path: str, which: str) -> None:
            def done(choice: str | None) -> None:
                if choice == "yes":
                    error = attempt(path, overwrite=True)
                    if error:
                        dialog.show_error(error)

            self.app.push_screen(
                confirm("Replace?", f"{which or path} exists already.", yes="Replace"), done
            )

        dialog = PathDialog(title, default, attempt, *([label] if label else []))
        self.app.push_screen(dialog)


# --------------------------------------------------------------------------- thank-you notes


class ThanksScreen(PeopleScreen):
    """A short note to each person met through the offer, each through the checklist."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("m", "medium", "Email / LinkedIn", tooltip="Email or LinkedIn note, for all"),
        Binding("c", "copy_note", "Copy", tooltip="Copy the selected note"),
        Binding("s", "save_note", "Save", tooltip="Save the selected note to a file"),
        Binding("a", "save_all", "Save all", tooltip="Save every note into a folder"),
        Binding("l", "log_sent", "Sent", tooltip="Log the selected note as sent"),
        Binding("o", "edit_note", "Editor", tooltip="Edit the selected note in $VISUAL/$EDITOR"),
        Binding("r", "regenerate", "Regen", tooltip="Back to the template's note (asks first)"),
        Binding(
            "e", "edit_person", "Edit person", tooltip="Their name, role, what you talked about"
        ),
        Binding("n", "new_person", "Add person", tooltip="Someone else you met"),
    ]
    HINT = (
        "m email/LinkedIn · c copy · s save · a save all · l sent · o edit note · r regen · "
        "e edit person · n add · escape closes"
    )

    def __init__(self, owner: MainScreen, offer: Offer) -> None:
        super().__init__(owner)
        self.offer = offer
        self.medium = "email"
        self._notes: dict[int, ThanksNote] = {}

    def heading(self) -> str:
        return f"Thank-you notes ({MEDIUM_WORDS[self.medium]}): {self.offer.label}"

    def _compute(self) -> None:
        from decline_tui.core import thanks

        wb, now = self.owner.session.wb, self.owner.now
        # The dictionary loads off the UI thread at start: until then, no spelling rule here.
        spelling = self.owner.spelling_ready
        notes = thanks.thanks_notes(wb, self.offer, self.medium, now, spelling=spelling)
        self._notes = {n.index: n for n in notes}

    def rows(self) -> list[tuple[str, Text, bool]]:
        from decline_tui.core import thanks

        self._compute()
        out = []
        for index, contact, why in thanks.recipients(self.offer):
            line = Text()
            line.append(visible(contact.name or "(no name)", one_line=True), style="bold")
            if contact.role:
                line.append(f", {visible(contact.role, one_line=True)}")
            note = self._notes.get(index)
            if why or note is None:
                line.append(f"  – {why or 'no note'}", style="dim")
                out.append((f"c{index}", line, True))
                continue
            sent = thanks.thanked_on(self.offer, contact)
            fails = sum(f.status == FAIL for f in note.findings)
            warns = sum(f.status == WARN for f in note.findings)
            if note.edited:
                line.append("  your text", style="cyan")
            if sent:
                line.append(f"  ✓ sent {sent.isoformat()}", style="green")
            elif fails:
                line.append(f"  ✗ {fails} fail", style="bold red")
            elif warns:
                line.append(f"  ! {warns} warn", style="yellow")
            else:
                line.append("  ready", style="green")
            if not contact.note.strip():
                line.append("  (add what you talked about: e)", style="italic dim")
            out.append((f"c{index}", line, False))
        return out

    def empty(self) -> Text:
        if not self.offer.contacts:
            return Text(
                "No one to thank yet. Add the people you met through this offer (n): the "
                "interviewers, the recruiter, the hiring manager, each with what you talked "
                "about. Each gets a short note of their own, sent after the decline."
            )
        return Text(
            "Everyone listed above is thanked in the decline itself, or has no name. Add the "
            "other people you met (n)."
        )

    def note(self) -> ThanksNote | None:
        row = self.selected()
        return self._notes.get(int(row[1:])) if row else None

    def detail(self, row: str) -> Text:
        note = self._notes.get(int(row[1:]))
        if note is None:
            return self.empty()
        out = Text()
        to = note.contact.email if self.medium == "email" else note.contact.linkedin
        out.append("To: ", style="bold")
        out.append(visible(f"{note.contact.name} {f'<{to}>' if to else ''}".strip(), one_line=True))
        out.append("\n\n")
        out.append(visible(note.text))
        out.append("\n\n")
        out.append(findings_text(note.findings))
        return out

    def action_medium(self) -> None:
        self.medium = "linkedin" if self.medium == "email" else "email"
        self.fill()

    def action_copy_note(self) -> None:
        note = self.note()
        if note is None:
            self.notify("Choose a person with a note first.", timeout=4)
            return
        self.copy(note.draft, note.text, note.edited, f"the note to {note.contact.name}")

    def action_save_note(self) -> None:
        from decline_tui.core import thanks

        note = self.note()
        if note is None:
            self.notify("Choose a person with a note first.", timeout=4)
            return
        suffix = ".eml" if self.medium == "email" else ".txt"
        default = str(Path.cwd() / note.filename(suffix))
        wb, offer, now = self.owner.session.wb, self.offer, self.owner.now

        def write(path: str, overwrite: bool) -> str:
            written = thanks.write_note(wb, offer, note, path, now=now, overwrite=overwrite)
            return f"Saved the note to {note.contact.name} to {written}"

        self.save_to(f"Save the note to {note.contact.name}", default, write)

    def action_save_all(self) -> None:
        from decline_tui.core import thanks

        notes = list(self._notes.values())
        if not notes:
            self.notify("No notes to save: add the people you met (n).", timeout=4)
            return
        wb, offer, now, medium = self.owner.session.wb, self.offer, self.owner.now, self.medium
        default = str(Path.cwd() / f"thanks-{offer.id}")
        suffix = ".eml" if medium == "email" else ".txt"

        def write(path: str, overwrite: bool) -> str:
            written = thanks.write_notes(
                wb, offer, notes, path, suffix, now=now, overwrite=overwrite
            )
            notes_ = "note" if len(written) == 1 else "notes"
            return f"Saved {len(written)} {notes_} to {Path(path).expanduser()}"

        self.save_to(
            f"Save every note ({len(notes)}) into a folder",
            default,
            write,
            f"Folder (made if it does not exist; one {suffix} file per person):",
        )

    def action_log_sent(self) -> None:
        note = self.note()
        if note is None:
            self.notify("Choose a person with a note first.", timeout=4)
            return
        session, offer, today = self.owner.session, self.offer, self.owner.today

        def done(choice: str | None) -> None:
            if choice != "yes":
                return
            entry = session.log_thanks_sent(offer, note, today)
            self.notify(
                f"Logged the note to {note.contact.name} as sent ({entry.date.isoformat()}). "
                "Their check-ins follow them now (F10).",
                markup=False,
            )

        self.app.push_screen(
            confirm(
                "Mark as sent?",
                f"Log the thank-you note to {note.contact.name} as sent today "
                f"({today.isoformat()}), by {MEDIUM_WORDS[self.medium]}?",
                yes="Log as sent",
                default="yes",
            ),
            done,
        )

    def action_edit_note(self) -> None:
        """o: the note in the person's own editor; what they write is kept from then on."""
        note = self.note()
        if note is None:
            self.notify("Choose a person with a note first.", timeout=4)
            return
        text = edit_in_editor(self, note.text, f"{note.filename('')}-")
        if text is not None and self.owner.session.take_over_thanks(self.offer, note, text):
            self.notify(f"The note to {note.contact.name} is your own text now.", timeout=4)

    def action_regenerate(self) -> None:
        note = self.note()
        if note is None or not note.edited:
            self.notify("This note is the template's already.", timeout=4)
            return
        session, offer = self.owner.session, self.offer

        def done(choice: str | None) -> None:
            if choice == "yes":
                session.regenerate_thanks(offer, note)

        self.app.push_screen(
            confirm(
                "Back to the template?",
                f"Your own text of the note to {note.contact.name} goes.",
                yes="Regenerate",
                default="no",
            ),
            done,
        )

    def action_edit_person(self) -> None:
        row = self.selected()
        listing = self.query_one("#people-list", OptionList)
        if row is None and listing.highlighted is not None:
            row = listing.get_option_at_index(listing.highlighted).id
        if row is None:
            self.action_new_person()
            return
        self.owner.scenarios.edit_contact(self.offer, int(row[1:]))

    def action_new_person(self) -> None:
        self.owner.scenarios.edit_contact(self.offer, None)


# --------------------------------------------------------------------------- check-ins due


class DueScreen(PeopleScreen):
    """The people to check in with, soonest first: their history, and a note to send."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "draft", "Draft", tooltip="Draft it in the main screen, to edit"),
        Binding("c", "copy_note", "Copy", tooltip="Copy the check-in note"),
        Binding("l", "log_checkin", "Sent", tooltip="Log the check-in as sent: the next one moves"),
        Binding("s", "snooze", "Snooze", tooltip="Put this person off a week or a month"),
        Binding("i", "save_ics", "Save .ics", tooltip="Save the check-ins for your calendar"),
        Binding("m", "months", "Months", tooltip="How many months after a decline to check in"),
    ]
    HINT = "enter drafts it · c copy · l sent · s snooze · i save .ics · m months · escape closes"

    def __init__(self, owner: MainScreen) -> None:
        super().__init__(owner)
        self._due: list[Due] = []
        # Each row's detail, made once per fill: a person's history and note take the whole
        # workbook's people to work out, too slow to redo at every move of the cursor.
        self._details: dict[str, Text] = {}

    def heading(self) -> str:
        return "Check-ins: the people to keep in touch with"

    @property
    def today(self) -> date:
        return self.owner.today

    def rows(self) -> list[tuple[str, Text, bool]]:
        from decline_tui.core import people

        self._due = people.due_list(self.owner.session.wb, self.today)
        self._details = {}
        out = []
        for i, d in enumerate(self._due):
            line = Text()
            if d.due is None:
                line.append("kept up     ", style="green")
                line.append(f"{'':<9}  ")
            else:
                line.append(f"{d.due.isoformat()}  ", style="bold")
                status = d.status(self.today)
                style = {"overdue": "bold red", "due soon": "yellow"}.get(status, "dim")
                line.append(f"{status:<9}  ", style=style)
            p = d.person
            line.append(visible(p.name or p.email or "someone", one_line=True), style="bold")
            where = p.company or ""
            if len(p.companies) > 1:
                before = [c for c in p.companies if c != p.company]
                where += f" (was {', '.join(before)})"
            if where:
                line.append(visible(f"  {where}", one_line=True))
            if d.due is not None:
                line.append(f"  {d.step}/{d.of}", style="dim")
            if d.snoozed_until is not None and d.due == d.snoozed_until:
                line.append("  snoozed", style="italic cyan")
            out.append((str(i), line, False))
        return out

    def empty(self) -> Text:
        months = [str(m) for m in self.owner.session.wb.checkin_months]
        when = f"{', '.join(months[:-1])} and {months[-1]}" if len(months) > 1 else "".join(months)
        return Text(
            "No one yet. When you mark a decline as sent (ctrl+l), its contact is here with "
            f"check-ins at {when or 'no'} months; logging anything with a person (a call, a "
            "thank-you) moves their next one."
        )

    def row_key(self, row: str) -> str:
        """The person: rows are numbered by their place, which changes as dates move."""
        n = int(row)
        return self._due[n].person.key if n < len(self._due) else row

    def due(self) -> Due | None:
        row = self.selected()
        return self._due[int(row)] if row is not None and int(row) < len(self._due) else None

    def detail(self, row: str) -> Text:
        if row not in self._details:
            self._details[row] = self._detail(row)
        return self._details[row]

    def _detail(self, row: str) -> Text:
        from decline_tui.core import people

        d = self._due[int(row)]
        wb = self.owner.session.wb
        out = Text()
        p = d.person
        out.append(visible(p.name, one_line=True), style="bold")
        if p.role:
            out.append(visible(f", {p.role}", one_line=True))
        if p.company:
            out.append(visible(f" at {p.company}", one_line=True))
        if p.email:
            out.append(visible(f"  <{p.email}>", one_line=True), style="dim")
        out.append("\n")
        if d.due is None:
            out.append("Every check-in of the plan is done.\n", style="green")
        else:
            out.append(
                f"Check-in {d.step} of {d.of}: {d.due.isoformat()} ({d.status(self.today)})",
                style="bold",
            )
            if d.snoozed_until is not None and d.due == d.snoozed_until:
                out.append(" · snoozed", style="cyan")
            if d.assumed:
                out.append(" · counted from today: the decline has no date", style="dim")
            out.append("\n")
        entries = people.history(wb, p)
        if entries:
            out.append("\nHistory\n", style="bold")
            for offer, entry in entries[-6:]:
                out.append(f"  {entry.date.isoformat()}  ", style="bold")
                what = visible(f"{entry.kind} ({entry.channel})", one_line=True)
                out.append(what, style="yellow")
                out.append(visible(f"  {offer.company}", one_line=True), style="dim")
                if entry.note:
                    out.append(visible(f"  {entry.note}", one_line=True))
                out.append("\n")
        if d.due is not None:
            draft = people.checkin_draft(wb, d, self.today)
            out.append("\nCheck-in note\n", style="bold")
            out.append(visible(draft.text))
            out.append("\n")
        return out

    def action_copy_note(self) -> None:
        from decline_tui.core import people

        d = self.due()
        if d is None or d.due is None:
            self.notify("Choose someone with a check-in due first.", timeout=4)
            return
        draft = people.checkin_draft(self.owner.session.wb, d, self.today)
        self.copy(draft, draft.text, False, f"the check-in note to {d.person.name}")

    def action_log_checkin(self) -> None:
        d = self.due()
        if d is None:
            return
        session, today = self.owner.session, self.today

        def done(choice: str | None) -> None:
            if choice != "yes":
                return
            session.log_checkin(d, today)
            after = next((x for x in self._due if x.person.key == d.person.key), None)
            nxt = (
                f" Next: {after.due.isoformat()}."
                if after is not None and after.due is not None
                else " That was the last of the plan."
            )
            self.notify(f"Logged a check-in with {d.person.name}.{nxt}", markup=False)

        self.app.push_screen(
            confirm(
                "Log the check-in?",
                f"Log a check-in with {d.person.name} as sent today ({today.isoformat()})? "
                "Their next check-in counts from today.",
                yes="Log it",
            ),
            done,
        )

    def action_snooze(self) -> None:
        d = self.due()
        if d is None or d.due is None:
            self.notify("Choose someone with a check-in due first.", timeout=4)
            return
        session, today = self.owner.session, self.today
        snoozed = d.snoozed_until is not None and d.due == d.snoozed_until
        choices = [("A week", "week"), ("A month", "month")]
        if snoozed:
            choices.append(("Wake now", "wake"))

        def done(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "wake":
                session.unsnooze(d.person.key)
                said = f"{d.person.name}: snooze taken off."
            else:
                until = session.snooze(d.person.key, today, choice)
                said = f"{d.person.name}: snoozed until {until.isoformat()}."
            self.notify(said, markup=False)

        self.app.push_screen(
            ChoiceDialog(
                f"Snooze {d.person.name}?",
                f"Their check-in is due {d.due.isoformat()}. Put it off by:",
                choices,
            ),
            done,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # the list takes enter itself: the binding is for the help screen
        self.action_draft()

    def action_draft(self) -> None:
        """enter: the check-in note to the offer's own contact opens in the main screen, to
        edit and check like any draft; to anyone else, it is copied from here."""
        from decline_tui.core import people

        d = self.due()
        if d is None:
            return
        owner = self.owner
        offer = owner.session.wb.offer(d.offer_id)
        if offer is None:
            return
        main = people.person_for(owner.session.wb, offer, "")
        if main is None or main.key != d.person.key:
            self.notify(
                f"{d.person.name} is not the contact of {offer.label}: c copies the note "
                "drafted here.",
                markup=False,
                timeout=6,
            )
            return
        self.dismiss(None)
        owner.session.draft_reply(offer, "checkin-note")
        owner.select_offer(offer.id)

    def action_months(self) -> None:
        """The check-in months (the workbook's or the selected offer's), then the list again."""
        self.owner.action_checkin_months()

    def action_save_ics(self) -> None:
        from decline_tui.core import care

        reminders = care.calendar_checkins(self.owner.session.wb, self.today)
        if not reminders:
            self.notify("No check-ins to save yet.", markup=False)
            return
        now: datetime = self.owner.now

        def write(path: str, overwrite: bool) -> str:
            content = export.reminders_as_ics(reminders, now)
            written = export.write_export(path, content, overwrite=overwrite)
            what = "check-in" if len(reminders) == 1 else "check-ins"
            return f"Saved {len(reminders)} {what} to {written}"

        default = str(Path.cwd() / "decline-tui-check-ins.ics")
        self.save_to("Save the check-ins as a calendar file", default, write)
