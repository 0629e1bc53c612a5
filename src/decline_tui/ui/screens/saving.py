"""Saving, for MainScreen: what happens when a save cannot simply go ahead.

Unsaved work is kept three ways: the autosave (MainScreen.mark_dirty: AUTOSAVE_DELAY after
the last edit, and never more than MAX_UNSAVED after the first unsaved one), a recovery journal
written about twice a second while anything is unsaved (for kill -9, a power cut, or a save
that cannot happen now), and a save on every way out (ctrl+q, a closed terminal, kill). A save
that meets another program's change merges it; only real collisions wait for the person,
behind ctrl+y, never in the middle of typing. Kept apart so the screen stays about the panes.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from textual import work
from textual.timer import Timer
from textual.widgets import Input

from decline_tui.core import journal
from decline_tui.core.merge import Change, MergeResult, describe, diff, merge, resolve
from decline_tui.core.session import Session
from decline_tui.core.store import ConflictError, ReadOnlyError, WorkbookError, read_workbook
from decline_tui.ui.screens.dialogs import ChoiceDialog, PathDialog
from decline_tui.ui.screens.host import Host
from decline_tui.ui.screens.recovery import MergeDialog, RecoveryDialog
from decline_tui.ui.widgets.offer_form import OfferForm

JOURNAL_EVERY = 0.5  # seconds between writes of the recovery journal while unsaved
DISK_CHECK_EVERY = 2.0  # seconds between looks at the file for another program's change


class SavingActions(Host):
    """Mixed into MainScreen: relies on its session, dirty flag, panes and notify (host.py)."""

    def _init_saving(self, session: Session) -> None:
        self._conflict_open = False  # a dialog about saving is open
        self._invalid_ok = False  # the person chose to quit without an invalid value
        self.merge: MergeResult | None = None  # collisions waiting for the person's choice
        self.disk_problem: str | None = None  # why the file on disk cannot be read now
        self.read_only = False
        self._notices: set[str] = set()
        self.journal = journal.Journal(session.store.path)
        self._journal_timer: Timer | None = None
        self._journal_lock = threading.Lock()
        self._journal_seq = 0  # journal texts rendered so far
        self._journal_void = 0  # texts up to this one are covered by a save
        self._journal_failed = False
        self._recovered: list[journal.Recovered] = []  # taken back; removed once saved

    def save_now(self, then_quit: bool = False, _attempt: int = 0) -> bool:
        """Save if there is anything to save; False when it could not (and says why)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.dirty:
            return True
        if self.merge is not None:  # collisions wait for the person's choice
            if then_quit:
                self.action_fix_saving(then_quit=True)
            return False
        try:
            self.session.save()
        except ConflictError:
            return self.after_conflict(then_quit, _attempt)
        except ReadOnlyError as exc:
            if not self.read_only:
                self.notify(
                    f"{exc} Press ctrl+y for a copy elsewhere.",
                    title="Read-only workbook",
                    severity="warning",
                    timeout=12,
                    markup=False,
                )
            self.read_only = True
            self.saving_changed()
            return False
        except WorkbookError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            self.journal_soon()
            return False
        self.saved()
        return True

    def saved(self) -> None:
        self.dirty = False
        self.read_only = False
        self.disk_problem = None
        self.saved_at = self.now
        self.clear_journal()
        for rec in self._recovered:  # taken back and now in the workbook itself
            with contextlib.suppress(OSError):
                journal.discard(rec)
        self._recovered = []
        notice = self.session.store.notice
        if notice and notice not in self._notices:
            self._notices.add(notice)
            self.notify(notice, severity="warning", timeout=10, markup=False)
        self.saving_changed()

    def saving_changed(self) -> None:
        """The header and the footer's ctrl+y follow the state of saving."""
        self.update_savestate()
        self.refresh_actions()
        if self.dirty:
            self.journal_soon()

    def found_disk_problem(self, problem: str) -> None:
        """The file on disk cannot be read: say so once, however it was found (a save, or the
        poll while nothing was waiting to be saved), and keep the person's words here."""
        if problem == self.disk_problem:
            return
        self.notify(
            f"The workbook on disk cannot be read now: {problem}. Nothing here is lost: mend "
            "the file and it is saved again, or press ctrl+y to choose.",
            title="Not saved",
            severity="warning",
            timeout=12,
            markup=False,
        )
        self.disk_problem = problem
        self.saving_changed()

    def after_conflict(self, then_quit: bool, attempt: int) -> bool:
        """Another program wrote the file: merge its change with ours, ask only on collisions."""
        store = self.session.store
        problem = self.session.disk_problem()
        if problem is not None:
            self.found_disk_problem(problem)
            if then_quit:
                self.action_fix_saving(then_quit=True)
            return False
        base = store.last_known()
        try:
            theirs = store.load()
        except WorkbookError as exc:  # broken in the moment between the two reads
            self.found_disk_problem(str(exc))
            return False
        self.disk_problem = None
        result = merge(base if base is not None else theirs, self.session.wb, theirs)
        self.session.replace(result.merged, unsaved=True)
        if result.collisions:
            self.merge = result
            count = len(result.collisions)
            self.notify(
                f"Another program changed the workbook too, and {count} of its changes "
                f"collide{'s' if count == 1 else ''} with yours. Nothing is lost: press "
                "ctrl+y to choose, field by field.",
                title="Not saved yet",
                severity="warning",
                timeout=12,
            )
            self.saving_changed()
            if then_quit:
                self.action_fix_saving(then_quit=True)
            return False
        self.tell_changes("Merged what another program changed: ", result.theirs_changes)
        if attempt >= 3:  # it keeps writing: try again at the next autosave
            self.mark_dirty()
            return False
        return self.save_now(then_quit, attempt + 1)

    def action_fix_saving(self, then_quit: bool = False) -> None:
        """What stops saving, and the person's choices: collisions, a broken file, read-only."""
        if self._conflict_open:
            return
        if self.merge is not None:
            # Again with what was typed since: the choices must not undo it.
            result = merge(self.merge.base, self.session.wb, self.merge.theirs)
            if not result.collisions:
                self.merge = None
                self.session.replace(result.merged, unsaved=True)
                self.save_now(then_quit)
                return
            self.merge = result

            def merged(choices: dict[tuple[str, ...], str] | None) -> None:
                self._conflict_open = False
                if choices is None:
                    if then_quit:
                        self.quit_unsaved()
                    return
                self.merge = None
                self.session.replace(resolve(result, choices), unsaved=True)
                lost = [c.label for c in result.collisions if choices.get(c.path) == "theirs"]
                if lost:
                    self.notify(
                        "Took the other version of: " + ", ".join(lost), timeout=6, markup=False
                    )
                if self.save_now(then_quit) and then_quit:
                    self.app.exit()

            self._conflict_open = True
            self.app.push_screen(MergeDialog(result.collisions), merged)
        elif self.disk_problem is not None:

            def broken(choice: str | None) -> None:
                self._conflict_open = False
                if choice == "mine":
                    try:
                        self.session.save(force=True)
                    except WorkbookError as exc:
                        self.notify(str(exc), title="Not saved", severity="error", markup=False)
                        return
                    self.saved()
                    if then_quit:
                        self.app.exit()
                elif then_quit:
                    self.quit_unsaved()

            self._conflict_open = True
            self.app.push_screen(
                ChoiceDialog(
                    "The workbook on disk is broken",
                    f"Another program changed the workbook, and it cannot be read now:\n"
                    f"{self.disk_problem}\n\nWait while you mend it (your changes stay here "
                    "and in the recovery file, and are saved once it reads again), or replace "
                    "the file on disk with your version.",
                    [("Wait: I will mend it", "wait"), ("Replace it with mine", "mine")],
                ),
                broken,
            )
        elif self.read_only:
            self.action_save_copy()

    def action_save_copy(self) -> None:
        """Write the workbook, as it is here, to another file: for a read-only workbook."""
        store = self.session.store
        default = str(Path.cwd() / "workbook-copy.toml")

        def attempt(path: str) -> str | None:
            try:
                written = store.save_copy(self.session.wb, Path(path).expanduser())
            except FileExistsError:
                return f"{path} exists already; choose another name"
            except WorkbookError as exc:
                return str(exc)
            self.app.pop_screen()
            self.notify(
                f"Saved a copy to {written}. This workbook stays read-only until you "
                f"make it writable (chmod u+w {store.path}).",
                timeout=10,
                markup=False,
            )
            return None

        self.app.push_screen(
            PathDialog(
                "Save a copy of the workbook",
                default,
                attempt,
                label="File (TOML, the workbook as it is here, comments and all):",
            )
        )

    def request_quit(self) -> None:
        form = self.query_one(OfferForm)
        invalid = [(name, form.query_one(f"#f-{name}", Input).value) for name in form._errors]
        if invalid and not self._invalid_ok:
            field, text = invalid[0]

            def answered(choice: str | None) -> None:
                if choice == "quit":
                    self._invalid_ok = True
                    self.request_quit()

            self.app.push_screen(
                ChoiceDialog(
                    "Quit without this value?",
                    f"The {field} “{text}” is not valid, so it is not saved. Stay and fix "
                    "it, or quit without it (everything else is saved).",
                    [("Stay and fix it", "stay"), ("Quit without it", "quit")],
                ),
                answered,
            )
            return
        self._invalid_ok = False
        if self.save_now(then_quit=True):
            self.app.exit()
            return
        if self._conflict_open or self.merge is not None or self.disk_problem is not None:
            return  # the dialog decides, then quits
        self.quit_unsaved()

    def quit_unsaved(self) -> None:
        """Saving failed: quitting keeps the changes in the recovery file, and says where."""
        self.write_journal(wait=True)

        def done(choice: str | None) -> None:
            if choice == "yes":
                self.app.exit()

        self.app.push_screen(
            ChoiceDialog(
                "Quit without saving?",
                "The workbook could not be saved (see the message). Your changes are kept in "
                f"{self.journal.path} and offered back at the next launch.",
                [("Stay", "no"), ("Quit, keep them for later", "yes")],
            ),
            done,
        )

    def save_for_exit(self) -> None:
        """On a signal: save, or keep the changes in the journal; never ask anything."""
        if not self.save_now():
            self.write_journal(wait=True)

    def action_save_workbook(self) -> None:
        self.dirty = True
        if self.save_now():
            self.notify(f"Saved {self.session.store.path}", markup=False)

    # ------------------------------------------------------------------ recovery journal

    def journal_soon(self) -> None:
        if self._journal_timer is None and self.is_mounted:
            self._journal_timer = self.set_timer(JOURNAL_EVERY, self.write_journal)

    def write_journal(self, wait: bool = False) -> None:
        """Keep what is unsaved on disk, beside the workbook, until a save covers it."""
        self._journal_timer = None
        if not self.dirty:
            return
        try:
            text = self.session.store.render(self.session.wb)
        except WorkbookError:
            return  # nothing a file can hold; the save says why
        self._journal_seq += 1
        if wait:
            self._journal_write(text, self._journal_seq)
        else:
            self._journal_in_thread(text, self._journal_seq)

    def _journal_write(self, text: str, seq: int) -> None:
        with self._journal_lock:
            if seq <= self._journal_void:
                return  # a save made it obsolete while it waited
            try:
                self.journal.write(text, self.now)
            except OSError as exc:
                if not self._journal_failed:
                    self._journal_failed = True
                    message = f"Cannot keep a recovery copy: {exc.strerror or exc}"
                    if threading.current_thread() is threading.main_thread():
                        self.notify(message, severity="warning", markup=False)
                    else:
                        self.app.call_from_thread(
                            self.notify, message, severity="warning", markup=False
                        )

    @work(thread=True, group="journal")
    def _journal_in_thread(self, text: str, seq: int) -> None:
        self._journal_write(text, seq)

    def clear_journal(self) -> None:
        with self._journal_lock:
            self._journal_void = self._journal_seq
            with contextlib.suppress(OSError):
                self.journal.clear()

    def check_disk(self) -> None:
        """Every few seconds: retry a blocked save, or show what another program changed."""
        if self._conflict_open or self.app.screen is not self:
            return
        if self.dirty:
            if self.read_only or self.disk_problem is not None:
                self.save_now()
            return
        store = self.session.store
        if not store.changed_on_disk():
            return
        problem = self.session.disk_problem()
        if problem is not None:
            self.found_disk_problem(problem)
            return
        before = self.session.wb
        try:
            self.session.reload()
        except WorkbookError:
            return
        self.disk_problem = None
        self.saving_changed()
        self.tell_changes("Another program changed the workbook: ", diff(before, self.session.wb))

    def tell_changes(self, lead: str, changes: list[Change]) -> None:
        """The first few changes another program made, in one message: what the person lost
        or gained without doing anything."""
        told = describe(changes)
        if told:
            more = f" (and {len(told) - 3} more)" if len(told) > 3 else ""
            self.notify(lead + "; ".join(told[:3]) + more, timeout=8, markup=False)

    # ------------------------------------------------------------------ recovery at launch

    def offer_recovery(self, found: list[journal.Recovered]) -> None:
        """Unsaved work from a crashed run: show it, and let the person take it or drop it."""
        if not found:
            return
        rec, rest = found[0], found[1:]
        try:
            recovered = read_workbook(rec.text.encode("utf-8"), rec.path)
        except WorkbookError:
            self.offer_recovery(rest)
            return
        changes = describe(diff(self.session.wb, recovered))

        def done(choice: str | None) -> None:
            if choice == "take":
                self._recovered.append(rec)
                self.session.replace(recovered, unsaved=True)
                self.notify("Took the recovered changes back.", timeout=4)
            elif choice == "drop":
                with contextlib.suppress(OSError):
                    journal.discard(rec)
            elif ".recovered-" in rec.path.name:  # aside already, where it stays
                self.notify(
                    f"Kept the recovered changes in {rec.path}; open it with any text editor.",
                    timeout=10,
                    markup=False,
                )
            else:
                try:
                    kept = journal.keep_aside(rec, self.now)
                except OSError as exc:
                    self.notify(f"{rec.path}: {exc.strerror or exc}", markup=False)
                else:
                    self.notify(
                        f"Kept the recovered changes in {kept}; open it with any text editor.",
                        timeout=10,
                        markup=False,
                    )
            self.offer_recovery(rest)

        self.app.push_screen(RecoveryDialog(rec, changes), done)
