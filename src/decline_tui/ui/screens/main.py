"""The workbook screen: offers, details, draft, checklist and scenario helper.

The screen owns the flow of data: the form reports edits, the session (core) applies
them, and the screen pushes the recomputed draft and findings down to the panes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from decline_tui.core import care, export, leaving, scenarios
from decline_tui.core.checklist import DISMISSED, RULES, Finding
from decline_tui.core.model import MEDIUMS, Offer, Profile, Template, slugify
from decline_tui.core.parsing import FieldError, FormError
from decline_tui.core.session import Changed, DraftView, Session
from decline_tui.core.templates import all_templates, pick_template
from decline_tui.ui import actions
from decline_tui.ui.actions import REGIONS
from decline_tui.ui.editor import edit_in_editor
from decline_tui.ui.keygate import KeyGate
from decline_tui.ui.screens.dialogs import (
    ChoiceDialog,
    Field,
    FormDialog,
    PathDialog,
    ProfileDialog,
    TemplateDialog,
    confirm,
)
from decline_tui.ui.screens.saving import DISK_CHECK_EVERY, SavingActions
from decline_tui.ui.screens.scenarios import Scenarios
from decline_tui.ui.screens.too_small import MIN_WIDTH, TooSmallScreen, too_small
from decline_tui.ui.widgets.checklist_view import ChecklistPane
from decline_tui.ui.widgets.draft_view import MEDIUM_NAMES, DraftPane
from decline_tui.ui.widgets.key_footer import KeyFooter
from decline_tui.ui.widgets.literal import visible
from decline_tui.ui.widgets.offer_form import OfferForm
from decline_tui.ui.widgets.offer_list import OfferList, offer_prompt
from decline_tui.ui.widgets.quiet import update_static

# Two layouts, by the terminal's width. From WIDE: offers and details on the left, the draft
# in the middle, the checklist (or the scenario helper, F6) on the right. From TWO: the draft
# and one other region beside it. Below TWO columns or MIN_HEIGHT rows the terminal is too
# small, and a message says what size it needs (screens/too_small.py) over this screen.
WIDE = 100
TWO = MIN_WIDTH
SIDE = ("checklist", "scenarios")  # the regions that share the right-hand column
AUTOSAVE_DELAY = 0.8  # seconds of quiet after an edit before it is saved
MAX_UNSAVED = 2.0  # however steady the typing, no edit waits longer than this to be saved
MIN_TIMER = 0.01  # the shortest timer we set (Textual's Timer cannot take zero)


# A checklist item flagging more words than this offers "All" and the first ones only.
MAX_WORD_CHOICES = 4


class MainScreen(SavingActions, Screen[None]):
    AUTO_FOCUS = ""  # on_mount chooses: the list, or the draft on a small terminal
    BINDINGS = [
        # The F-keys are priority bindings: no field or editor takes them over (TextArea's
        # own F6 and F7 selected the line or the whole draft, and the next letter replaced it).
        Binding("f1", "app.help", "Help", priority=True, tooltip="Keys and a short guide"),
        # First in the footer, and only there while a scenario reply is drafted.
        Binding(
            "ctrl+d",
            "back_to_decline",
            "Back to decline",
            # Not a priority binding: in a field or the editor ctrl+d deletes forward, as
            # everywhere; the key works from the draft, the list and the checklist.
            tooltip="Shown while a scenario reply is drafted: back to the decline draft",
        ),
        *[
            Binding(
                key,
                f"focus_region('{name}')",
                title,
                show=False,
                priority=True,
                tooltip=f"Go to {title}",
            )
            for name, (title, key) in REGIONS.items()
        ],
        Binding("ctrl+n", "new_offer", "New offer", show=False, tooltip="Add a new offer"),
        Binding(
            "f7",
            "next_medium",
            "Medium",
            priority=True,
            tooltip="Email → phone script → LinkedIn note",
        ),
        Binding(
            "f8",
            "next_template",
            "Template",
            priority=True,
            tooltip="Next template for this medium (not while the draft is your own text)",
        ),
        Binding("f9", "toggle_edit", "Edit", priority=True, tooltip="Edit the draft as free text"),
        Binding("ctrl+r", "regenerate", "Regen", tooltip="Back to the template's draft"),
        Binding(
            "ctrl+o",
            "open_editor",
            "Editor",
            show=False,
            tooltip="Open the draft in $VISUAL/$EDITOR",
        ),
        Binding("ctrl+t", "copy_draft", "Copy", tooltip="Copy the draft (an email's body)"),
        Binding(
            "ctrl+f", "copy_subject", "Subject", show=False, tooltip="Copy the email's subject line"
        ),
        Binding("ctrl+s", "save_draft", "Save as", tooltip="Save the draft to a file"),
        Binding("ctrl+g", "edit_profile", "Profile", show=False, tooltip="Your name and email"),
        Binding(
            "ctrl+y",
            "fix_saving",
            "Fix saving",
            priority=True,
            tooltip="Shown when the workbook cannot be saved: colliding changes, a broken or "
            "read-only file",
        ),
        Binding("ctrl+l", "mark_sent", "Sent", tooltip="Mark the draft as sent (asks first)"),
        Binding(
            "ctrl+b",
            "next_to_decline",
            "Next",
            show=False,
            tooltip="Next open offer to decline (after accepting one)",
        ),
        Binding(
            "f10",
            "show_checkins",
            "Check-ins",
            show=False,
            priority=True,
            tooltip="Check-ins due: the people to keep in touch with, snooze, a note to send",
        ),
        Binding(
            "f12",
            "edit_template",
            "Edit template",
            show=False,
            priority=True,
            tooltip="Copy this template to your own and edit it",
        ),
    ]

    # The offer shown. Every change of it (a pick in the list, a new offer, a deleted one's
    # neighbour) shows it in the list, the form and the draft (watch_selected).
    selected: reactive[Offer | None] = reactive(
        None, init=False, always_update=True, bindings=True, repaint=False
    )
    # The session's count of changes to the workbook: each one, wherever it came from (a key,
    # a dialog, the people screens, another program's change merged), shows in the panes and
    # sets the autosave (watch_revision). Screens over this one watch it to fill again.
    revision: reactive[int] = reactive(0, init=False, repaint=False)  # the panes repaint themselves

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(MainScreen.selected, session.wb.offers[0] if session.wb.offers else None)
        self._change: Changed | None = None  # the change watch_revision is to show
        self._typing = False  # the change comes from the form or the editor: not shown back
        self._editing: tuple[str, str, str, str] | None = None  # the draft the edit box holds
        self.selected_rule: str | None = None
        self.active_region = "offers"
        self.side = "checklist"  # the checklist or the scenario helper: the right-hand column
        self.slot = "form"  # the region beside the draft on a small terminal
        self._shown_regions: set[str] = set()
        self.dirty = False
        self.saved_at: datetime | None = None
        self.spelling_ready = False
        self._view: DraftView | None = None
        self._state: actions.State | None = None  # what check_action last saw
        self._save_timer: Timer | None = None
        self._dirty_since = 0.0  # monotonic time of the oldest unsaved edit
        self._init_saving(session)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        width = self.app.size.width
        if width < WIDE:
            # Two regions: open on the offer's details beside its draft, the draft focused
            # (a stray key cannot change a field); the offers are F2 away.
            self.active_region, self.slot = "draft", "form"
        # The layout is decided before anything is mounted: changing the screen's classes or
        # a region's display later restyles every widget under it (a tenth of the first
        # frame, measured).
        self._set_layout_classes(width)
        self._shown_regions = shown = self.shown_regions(width)

        def region(widget: Widget) -> Widget:
            widget.display = widget.id in shown
            return widget

        def column(name: str, *regions: str) -> Vertical:
            col = Vertical(id=name)
            col.display = any(r in shown for r in regions)
            return col

        with Horizontal(id="topbar"):
            # Drawn with their first text: updated before they are mounted, the first frame
            # would show them blank.
            yield Static(self.region_bar(), id="regionbar")
            yield Static(self.save_state(), id="savestate")
        with Horizontal(id="columns"):
            with column("col-left", "offers", "form"):
                yield region(OfferList(id="offers", classes="region"))
                yield region(
                    OfferForm(
                        report=self.apply_edit,
                        offer=self.offer,
                        id="form",
                        classes="region",
                    )
                )
            with column("col-mid", "draft"):
                yield region(DraftPane(id="draft", classes="region"))
            with column("col-right", "checklist", "scenarios"):
                yield region(ChecklistPane(id="checklist", classes="region"))
                yield region(Scenarios(id="scenarios", classes="region"))
        yield KeyFooter()

    def on_mount(self) -> None:
        for name, (title, key) in REGIONS.items():
            region = self.query_one(f"#{name}")
            region.border_title = title
            region.border_subtitle = key.upper()
        self.apply_layout(self.app.size.width)
        self.refresh_list()
        self.load_form()
        self.refresh_draft()
        self.update_savestate()
        if self.active_region == "draft":
            self.query_one("#draft-read").focus()
        else:
            self.query_one("#offers").focus()
        self.set_interval(DISK_CHECK_EVERY, self.check_disk)
        self.check_size(self.app.size.width, self.app.size.height)
        self.session.listen(self._session_changed)

    def on_unmount(self) -> None:
        self.session.unlisten(self._session_changed)

    def on_resize(self, event: events.Resize) -> None:
        self.apply_layout(event.size.width)
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Below MIN_WIDTH × MIN_HEIGHT, cover everything with a message saying what size the
        app needs (it goes away by itself once the terminal is large enough). Resizes reach
        this screen under a dialog too, so the message covers the dialog as well."""
        shown = any(isinstance(s, TooSmallScreen) for s in self.app.screen_stack)
        if too_small(width, height) and not shown:
            self.app.push_screen(TooSmallScreen())

    def shown_regions(self, width: int) -> set[str]:
        """The regions on screen at this width, from the active one and the last ones chosen."""
        if width >= WIDE:
            return {"offers", "form", "draft", self.side}
        return {"draft", self.slot}  # below TWO too: the too-small message covers it

    def apply_layout(self, width: int) -> None:
        """Lay the regions out for the width: see WIDE and TWO."""
        active = self.active_region
        if active in SIDE:
            self.side = active
        if active != "draft":
            self.slot = active
        self._set_layout_classes(width)
        shown = self.shown_regions(width)
        changed = shown != self._shown_regions
        self._shown_regions = shown
        if changed:  # setting a display, even to what it is, restyles what is under it
            for name in REGIONS:
                widget = self.query_one(f"#{name}")
                if widget.display != (name in shown):
                    widget.display = name in shown
            for column in self.query("#columns > Vertical"):
                want = any(child.display for child in column.children)
                if column.display != want:
                    column.display = want
        self.update_regionbar()
        if changed and self.is_mounted:
            self.refresh_draft()  # the draft's header carries the counts while the checklist is off

    def _set_layout_classes(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-two")

    @property
    def checklist_shown(self) -> bool:
        return "checklist" in self._shown_regions

    def region_bar(self) -> Text:
        bar = Text()
        self._bar_spans: list[tuple[int, int, str]] = []  # (start, end, region): for clicks
        # Under WIDE the bar shares 80-99 columns with the save state ("✓ saved 10:30:00"):
        # one space less around each key keeps every name whole.
        wide = not self.is_mounted or self.app.size.width >= WIDE
        for name, (title, key) in REGIONS.items():
            active = name == self.active_region
            start = len(bar)
            shown_key = f" {key.upper()} " if wide else key.upper()
            bar.append(shown_key, style="reverse" if active else "bold")
            bar.append(f"{title} " if wide else f" {title} ", style="bold" if active else "")
            self._bar_spans.append((start, len(bar), name))
        return bar

    @on(events.Click, "#regionbar")
    def region_clicked(self, event: events.Click) -> None:
        """A click on a region's name in the bar goes there, as its F-key does: on a small
        terminal it is the mouse's only way to a region that is off screen."""
        for start, end, name in self._bar_spans:
            if start <= event.x < end:
                self.action_focus_region(name)
                return

    def update_regionbar(self) -> None:
        update_static(self.query_one("#regionbar", Static), self.region_bar())

    def save_state(self) -> Text:
        if self.merge is not None:
            return Text("⚠ changes collide · ctrl+y", style="bold red")
        if self.disk_problem is not None:
            return Text("⚠ file on disk broken · ctrl+y", style="bold red")
        if self.read_only:
            return Text("read-only · not saved · ctrl+y", style="bold yellow")
        if self.dirty:
            return Text("● unsaved", style="yellow")
        if self.saved_at is not None:
            return Text(f"✓ saved {self.saved_at:%H:%M:%S}", style="green")
        return Text("✓ saved", style="green")

    def update_savestate(self) -> None:
        update_static(self.query_one("#savestate", Static), self.save_state())

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab moves region by region in reading order, whatever the layout."""
        order = list(REGIONS)

        def rank(widget: Widget) -> int:
            for node in widget.ancestors_with_self:
                if node.id in REGIONS:
                    return order.index(node.id)
            return len(order)

        return sorted(super().focus_chain, key=rank)

    # ------------------------------------------------------------------ state

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def now(self) -> datetime:
        return self.app.clock()

    @property
    def offer(self) -> Offer | None:
        return self.selected

    @property
    def offer_id(self) -> str | None:
        return self.selected.id if self.selected is not None else None

    @property
    def scenarios(self) -> Scenarios:
        """The scenario helper: its keys' actions (a contact, a log entry…) are its own."""
        return self.query_one(Scenarios)

    @property
    def medium(self) -> str:
        offer = self.offer
        return self.session.medium_of(offer) if offer else "email"

    def refresh_list(self) -> None:
        self.query_one(OfferList).show(self.session.wb.offers, self.now, self.offer_id)

    def refresh_row(self, offer: Offer) -> None:
        """The offer's row, when what it shows changed (each keystroke in the form asks)."""
        offers = self.query_one(OfferList)
        prompt = offer_prompt(offer, self.now)
        try:
            if offers.get_option(offer.id).prompt != prompt:
                offers.replace_option_prompt(offer.id, prompt)
        except OptionDoesNotExist:  # a new offer's id follows its company: a new list
            self.refresh_list()

    def template_choices(self) -> list[str]:
        """The medium's templates, plus a scenario reply the offer is using right now."""
        names = self.session.templates_for(self.medium)
        offer = self.offer
        if offer is not None and offer.template not in names:
            current = pick_template(self.session.wb, offer.template, self.medium).name
            if current not in names:
                names = [*names, current]
        return names

    def load_form(self) -> None:
        self.query_one(OfferForm).load(self.offer, self.medium, self.template_choices(), self.today)

    def refresh_draft(self) -> None:
        """Recompute the draft and checklist; cheap enough for every keystroke."""
        offer = self.offer
        draft = self.query_one(DraftPane)
        checklist = self.query_one(ChecklistPane)
        if offer is None:
            self._view = None
            self.leave_editing()
            draft.show(None, "email", "", None)
            checklist.show([])
        else:
            view = self.session.view(offer, self.now, spelling=self.spelling_ready)
            self._view = view
            # The edit box holds one draft: another offer, medium, template or reply closes it.
            editing = (offer.id, view.draft.medium, view.draft.template, view.reply)
            if editing != self._editing:
                self.leave_editing()
                self._editing = editing
            self._show_draft(view)
            checklist.show(view.findings)
        self.scenarios.show(self.session.wb, offer, self.now)
        self.refresh_actions()

    def actions_state(self) -> actions.State:
        """What the actions need, as it is now (the table in ui/actions.py)."""
        view = self._view
        return actions.State(
            offer=self.offer is not None,
            own_text=view is not None and view.edited,
            reply=view is not None and bool(view.reply),
            saving_problem=self.merge is not None
            or self.disk_problem is not None
            or self.read_only,
        )

    def refresh_actions(self) -> None:
        """The footer again, when what the actions need changed (it rebuilds it)."""
        state = self.actions_state()
        if state != self._state:
            self._state = state
            self.refresh_bindings()

    def _show_draft(self, view: DraftView) -> DraftPane:
        """The draft with the chosen finding marked; the checklist's counts lead its header
        while the checklist is off screen."""
        draft = self.query_one(DraftPane)
        draft.show(
            view,
            view.draft.medium,
            view.draft.template,
            self.selected_rule,
            checks=not self.checklist_shown,
        )
        return draft

    @work(thread=True, exclusive=True, group="spelling")
    def load_spelling(self) -> None:
        """The dictionary takes a moment to load: never on start-up or in a keystroke.

        The app starts this once the first frame is drawn: loading holds the GIL for a third
        of a second, which would otherwise hold up that frame by as much."""
        from decline_tui.core import spelling

        spelling.load()
        self.app.call_from_thread(self._spelling_loaded)

    def _spelling_loaded(self) -> None:
        self.spelling_ready = True
        # The app may have closed as the dictionary came in: its panes are gone.
        with contextlib.suppress(NoMatches):
            self.refresh_draft()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Plain messages quote the workbook (a company, a path): control characters show."""
        if not markup:
            message = visible(message)
        super().notify(
            message, title=visible(title), severity=severity, timeout=timeout, markup=markup
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(action, self.actions_state())

    def unavailable(self, key: str, action: str) -> str | None:
        """Why a documented key that check_action turned off does nothing now, said on screen.

        The app calls this for a key nothing took, so a key never fails silently."""
        return actions.why_not(action, key, self.actions_state())

    # ------------------------------------------------------------------ saving
    #
    # Unsaved work is kept three ways: the autosave (AUTOSAVE_DELAY after the last edit, and
    # never more than MAX_UNSAVED after the first unsaved one, however steady the typing), a
    # recovery journal written about twice a second while anything is unsaved (for kill -9,
    # a power cut, or a save that cannot happen now), and a save on every way out (ctrl+q,
    # a closed terminal, kill). A save that meets another program's change merges it; only
    # real collisions wait for the person, behind a key, never in the middle of typing.

    def mark_dirty(self) -> None:
        now = time.monotonic()
        if not self.dirty:
            self._dirty_since = now
        self.dirty = True
        self.update_savestate()
        if self._save_timer is not None:
            self._save_timer.stop()
        wait = min(AUTOSAVE_DELAY, MAX_UNSAVED - (now - self._dirty_since))
        # Textual's Timer divides by its interval once it is late, so a save that is already
        # due still gets a small positive delay rather than a zero one.
        self._save_timer = self.set_timer(max(MIN_TIMER, wait), self.save_now)
        self.journal_soon()

    # ------------------------------------------------------------------ reacting

    def _session_changed(self, change: Changed) -> None:
        self._change = change
        self.revision = self.session.revision

    def watch_revision(self) -> None:
        """The workbook changed: the list, the form and the draft show it, and it is saved
        soon. The one place the panes follow a change: no action refreshes them by hand."""
        change, self._change = self._change, None
        if change is None or not self.is_mounted:
            return
        wb = self.session.wb
        if change.offers:  # added, removed, or another workbook: a new list
            keep = change.select or self.offer_id
            show = wb.offer(keep) if keep else None
            if show is None and wb.offers:
                show = wb.offers[0]
            self.query_one(OfferList).show(wb.offers, self.now, show.id if show else None)
            if show is not self.selected:
                self.selected = show  # watch_selected shows it
                if change.unsaved:
                    self.mark_dirty()
                return
        elif change.offer is not None:
            offer = wb.offer(change.offer)
            if offer is not None:
                self.refresh_row(offer)
        if not self._typing:  # never over what is being typed
            self.load_form()
        if change.unsaved:
            self.mark_dirty()
        self.refresh_draft()

    def watch_selected(self, old: Offer | None, new: Offer | None) -> None:
        """Another offer shown: highlighted in the list, in the form and the draft."""
        if not self.is_mounted:
            return
        self.query_one(OfferList).pick(new.id if new is not None else None)
        self.load_form()
        self.refresh_draft()

    @contextlib.contextmanager
    def typing(self) -> Iterator[None]:
        """A change the person is typing (the form, the edit box): shown everywhere but
        where it is typed, which already shows it."""
        self._typing = True
        try:
            yield
        finally:
            self._typing = False

    # ------------------------------------------------------------------ events

    @on(OfferList.Picked)
    def offer_picked(self, event: OfferList.Picked) -> None:
        offer = self.session.wb.offer(event.offer_id) if event.offer_id else None
        if offer is not self.selected:
            self.selected = offer

    def leave_editing(self) -> None:
        """The edit box belongs to one offer and medium; switching either closes it."""
        pane = self.query_one(DraftPane)
        if pane.editing:
            pane.stop_editing(focus=False)

    @on(OfferForm.Changed)
    def field_changed(self, event: OfferForm.Changed) -> None:
        self.apply_edit(event.field, event.value)

    def apply_edit(self, field: str, value: object) -> None:
        """One field of the form changed: apply it, then show the draft it makes."""
        offer = self.offer
        if offer is None:
            return
        form = self.query_one(OfferForm)
        try:
            with self.typing():
                if field == "medium":
                    if value == self.medium:
                        return
                    self.session.set_medium(offer, str(value))
                    form.set_templates(self.template_choices(), offer.template)
                else:
                    self.session.set_field(offer, field, value, self.today)
        except FieldError as exc:
            form.show_error(field, str(exc))
            return
        form.show_error(field, None)

    @on(DraftPane.Edited)
    def draft_edited(self, event: DraftPane.Edited) -> None:
        offer = self.offer
        if offer is None:
            return
        with self.typing():
            self.session.take_over(offer, event.text, self.medium)

    @on(ChecklistPane.RuleSelected)
    def rule_selected(self, event: ChecklistPane.RuleSelected) -> None:
        self.selected_rule = event.rule
        if self._view is not None:
            draft = self._show_draft(self._view)
            finding = next((f for f in self._view.findings if f.rule == event.rule), None)
            if finding and finding.spans:
                draft.select_span(*finding.spans[0])

    # ------------------------------------------------------------------ actions: checklist

    def selected_finding(self) -> Finding | None:
        """The checklist item highlighted (or last chosen), in the draft shown."""
        if self._view is None:
            return None
        checks = self.query_one("#checks", OptionList)
        rule = self.selected_rule
        if checks.highlighted is not None and checks.highlighted < checks.option_count:
            rule = checks.get_option_at_index(checks.highlighted).id
        return next((f for f in self._view.findings if f.rule == rule), None)

    def _overruled(self, said: str, nothing: str) -> None:
        self.notify(said or nothing, timeout=4, markup=False)

    def action_dismiss_finding(self) -> None:
        """x: dismiss what the selected item flags, on this offer; on a dismissed one, bring
        it back."""
        offer, finding = self.offer, self.selected_finding()
        if offer is None or self._view is None:
            return
        if finding is None:
            self.notify("Choose an item of the checklist first (F5).", timeout=4)
            return
        nothing = f"{RULES[finding.rule].title}: nothing to dismiss, it does not warn or fail."
        text = self._view.text
        words = [w for w in self.session.dismissable(offer, finding, text) if w]
        if finding.overruled == DISMISSED or len(words) < 2:
            self._overruled(self.session.toggle_dismissed(offer, finding, text), nothing)
            return
        # Several words flagged (two unknown names, say): one of them may be a real typo.
        shown = words[:MAX_WORD_CHOICES]

        def done(choice: str | None) -> None:
            if choice is None or self._view is None or offer is not self.offer:
                return
            only = None if choice == "all" else shown[int(choice.removeprefix("w"))]
            self._overruled(self.session.dismiss(offer, finding, self._view.text, only), nothing)

        self.app.push_screen(
            ChoiceDialog(
                "Dismiss which?",
                f"{RULES[finding.rule].title} flags {len(words)} words here. Dismiss them all, "
                "or one (the others stay flagged)? Escape cancels.",
                [(f"All {len(words)}", "all")]
                + [(visible(w, one_line=True)[:24], f"w{i}") for i, w in enumerate(shown)],
            ),
            done,
        )

    def action_rule_off(self, where: str) -> None:
        """o / w: switch the selected rule off for this offer (or every offer), or back on."""
        finding = self.selected_finding()
        if finding is None:
            self.notify("Choose an item of the checklist first (F5).", timeout=4)
            return
        workbook = where == "workbook"
        said = self.session.toggle_rule(self.offer, finding.rule, workbook=workbook)
        self._overruled(said, "Nothing changed.")

    # ------------------------------------------------------------------ actions: regions

    def action_focus_region(self, name: str) -> None:
        self.active_region = name
        self.apply_layout(self.app.size.width)
        region = self.query_one(f"#{name}")
        if name == "form":
            target = next((w for w in region.query("Input, Choice, Checkbox") if w.display), None)
        elif name == "draft":
            pane = self.query_one(DraftPane)
            target = pane.query_one("#draft-edit" if pane.editing else "#draft-read")
        elif name == "checklist":
            checks = region.query_one("#checks", OptionList)
            if checks.highlighted is None and checks.option_count:
                checks.highlighted = 0
            target = checks
        elif name == "scenarios":
            panel = self.scenarios
            if not panel.built:  # made the first time it is asked for
                # The keys typed after F6 are the helper's: they wait until it has the focus.
                let_go = self.app.hold_keys() if isinstance(self.app, KeyGate) else None

                def focus_tabs() -> None:
                    panel.query_one("Tabs").focus()  # done through the app's queue, so
                    if let_go is not None:  # the keys go on after it, the same way
                        self.app.call_later(let_go)

                panel.build(then=focus_tabs)
                return
            target = region.query_one("Tabs")
        else:
            target = region
        (target or region).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep the region bar (and the region beside the draft) in step with Tab and clicks."""
        for node in event.widget.ancestors_with_self:
            if node.id in REGIONS and node.id != self.active_region:
                self.active_region = node.id
                self.apply_layout(self.app.size.width)
                break

    # ------------------------------------------------------------------ actions: offers

    def select_offer(self, offer_id: str | None) -> None:
        self.selected = self.session.wb.offer(offer_id) if offer_id else None

    def action_new_offer(self) -> None:
        self.session.new_offer(self.today)
        self.action_focus_region("form")

    def action_duplicate_offer(self) -> None:
        if self.offer is None:
            return
        twin = self.session.duplicate_offer(self.offer)
        self.notify(f"Duplicated as {twin.id}", markup=False)

    def action_delete_offer(self) -> None:
        offer = self.offer
        if offer is None:
            return

        def done(choice: str | None) -> None:
            if choice != "yes" or offer not in self.session.wb.offers:
                return
            self.session.delete_offer(offer)  # its neighbour shows
            self.notify(f"Deleted {offer.label}", markup=False)

        self.app.push_screen(
            confirm(
                "Delete this offer?",
                f"{offer.label} and its drafts will be removed from the workbook.",
                yes="Delete",
            ),
            done,
        )

    def action_set_status(self, status: str) -> None:
        offer = self.offer
        if offer is None:
            return
        self.session.set_field(offer, "status", status, self.today)

    def action_cycle_status(self) -> None:
        offer = self.offer
        if offer is None:
            return
        self.action_set_status(self.session.next_status(offer))

    # ------------------------------------------------------------------ actions: draft

    def action_set_medium(self, medium: str) -> None:
        offer = self.offer
        if offer is None:
            return
        self.session.set_medium(offer, medium)
        self.notify(f"Medium: {MEDIUM_NAMES[medium]}", timeout=2)

    def action_next_medium(self) -> None:
        self.action_set_medium(MEDIUMS[(MEDIUMS.index(self.medium) + 1) % len(MEDIUMS)])

    def action_next_template(self) -> None:
        offer = self.offer
        if offer is None:
            return
        name = self.session.next_template(offer)
        self.notify(f"Template: {name}", timeout=2, markup=False)

    def action_toggle_edit(self) -> None:
        pane = self.query_one(DraftPane)
        if self._view is None:
            return
        self.active_region = "draft"
        self.apply_layout(self.app.size.width)
        if pane.editing:
            pane.stop_editing()
        else:
            pane.start_editing(self._view.text)
            if not self._view.edited:
                self.notify(
                    "Editing the draft: your changes are kept and checked. F9 to stop, "
                    "ctrl+r to go back to the template.",
                    timeout=4,
                )

    def action_back_to_decline(self) -> None:
        """Leave the scenario reply: the decline shows again, the reply's edits are kept."""
        offer = self.offer
        if offer is None or not self.session.back_to_decline(offer):
            return
        self.notify("Back to the decline draft.", timeout=2, markup=False)

    def action_regenerate(self) -> None:
        offer = self.offer
        if offer is None or self._view is None or not self._view.edited:
            return
        medium = self.medium

        def done(choice: str | None) -> None:
            if choice != "yes":
                return
            self.session.regenerate(offer, medium)
            pane = self.query_one(DraftPane)
            if pane.editing and self._view is not None:
                pane.start_editing(self._view.text)

        self.app.push_screen(
            confirm(
                "Regenerate the draft?",
                "Your own edits to this draft will be replaced by the template's text.",
                yes="Regenerate",
                no="Keep my edits",
            ),
            done,
        )

    def action_open_editor(self) -> None:
        offer = self.offer
        view = self._view
        if offer is None or view is None:
            return
        # Not the bare id: one written by hand may hold a "/" or a NUL.
        text = edit_in_editor(self, view.text, f"decline-{slugify(offer.id)[:30] or 'draft'}-")
        if text is not None and text != view.text:
            self.session.take_over(offer, text, self.medium)
            self.notify("Draft updated from your editor.", timeout=3)

    # ------------------------------------------------------------------ actions: export

    def guard_checklist(self, then: Callable[[], object], verb: str) -> None:
        """Before a draft leaves, name the checklist rules it still fails; enter = fix it.

        Warnings never stop it, nor rules about the moment (timely); the other-company
        warning has asked already when this runs.
        """
        view = self._view
        failing = (
            leaving.must_fix(view.findings, view.text, skip={"no-other-company"}) if view else []
        )
        if not failing:
            then()
            return

        def done(choice: str | None) -> None:
            if choice == "yes":
                then()
            elif choice == "fix":
                self.show_rule(failing[0].rule)

        self.app.push_screen(
            ChoiceDialog(
                "This draft still fails the checklist",
                leaving.fix_first(failing, verb),
                [("Fix it", "fix"), (f"{verb} anyway", "yes")],
                default="fix",
            ),
            done,
        )

    def show_rule(self, rule: str) -> None:
        """Focus the checklist on one rule: its hint shows, and its words are selected."""
        self.action_focus_region("checklist")
        checks = self.query_one("#checks", OptionList)
        for index in range(checks.option_count):
            if checks.get_option_at_index(index).id == rule:
                checks.highlighted = index
                break

    def guard_leaving(self, then: Callable[[], object], verb: str) -> None:
        """The checks every way out of the app makes: another company named, failed rules."""
        self.guard_other_companies(
            lambda: self.guard_checklist(then, verb), verb, fix=self.show_rule
        )

    def action_copy_draft(self) -> None:
        """Copy what the person will paste: an email's body, without its "Subject:" line."""
        view = self._view
        if view is None:
            return
        clip = leaving.clip(view.draft, view.text, view.edited)
        what = f"{clip.what} ({clip.words} words)"
        if clip.subject:
            what += f", without the subject “{clip.subject}” (ctrl+f copies that)"

        def copy() -> None:
            self.app.copy_to_clipboard(clip.text)
            self.copy_native(clip.text, what)

        self.guard_leaving(copy, "Copy")

    def action_copy_subject(self) -> None:
        """An email's subject, for the mail app's own subject field."""
        view = self._view
        if view is None:
            return
        subject = leaving.clip(view.draft, view.text, view.edited).subject
        if subject is None:
            self.notify("This draft has no subject line: copy it whole with ctrl+t.", timeout=4)
            return
        self.app.copy_to_clipboard(subject)
        self.copy_native(subject, f"the subject “{subject}”")

    @work(thread=True, exclusive=True, group="clipboard")
    def copy_native(self, text: str, what: str = "the draft") -> None:
        tool = export.find_clipboard_tool()
        if tool is not None:
            error = export.copy_with_tool(tool, text)
            if error is None:
                self.app.call_from_thread(
                    self.notify,
                    f"Copied with {tool.name} (and sent by OSC 52): {what}.",
                    markup=False,
                    timeout=8,
                )
                return
            message = f"{error}. Sent to your terminal by OSC 52 instead"
        else:
            message = "Sent to your terminal by OSC 52 (no clipboard tool on this machine)"
        caveat = export.osc52_caveat()
        if caveat:
            message += f", but {caveat}. If nothing pastes, save to a file with ctrl+s."
            severity = "warning"
        else:
            message += ": most terminals put it on the clipboard. If nothing pastes, use ctrl+s."
            severity = "information"
        message += f" Copied: {what}."
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False, timeout=8)

    def action_save_draft(self) -> None:
        offer = self.offer
        view = self._view
        if offer is None or view is None:
            return
        template = view.draft.template
        default = str(
            Path.cwd() / export.default_export_name(offer, self.medium, template=template)
        )
        title = f"{view.title}: {offer.label}" if view.reply else f"Decline: {offer.label}"
        edited = view.text if view.edited else None

        def attempt(path: str, overwrite: bool = False) -> str | None:
            try:
                content = export.export_content(
                    view.draft,
                    path,
                    edited,
                    title,
                    offer=offer,
                    profile=self.session.wb.profile,
                    now=self.now,
                )
                written = export.write_export(path, content, overwrite=overwrite)
            except FileExistsError:
                ask_overwrite(path)
                return None
            except export.ExportError as exc:
                return str(exc)
            self.app.pop_screen()
            self.notify(f"Saved the draft to {written}", markup=False)
            return None

        def ask_overwrite(path: str) -> None:
            def done(choice: str | None) -> None:
                if choice == "yes":
                    error = attempt(path, overwrite=True)
                    if error:
                        dialog.show_error(error)

            self.app.push_screen(
                confirm("Replace the file?", f"{path} exists already.", yes="Replace"), done
            )

        dialog = PathDialog(
            "Save the draft to a file (.txt, .md, or .eml for an email draft)", default, attempt
        )
        self.guard_leaving(lambda: self.app.push_screen(dialog), "Save")

    # ------------------------------------------------------------------ actions: care

    def guard_other_companies(
        self,
        then: Callable[[], object],
        verb: str,
        fix: Callable[[str], object] | None = None,
    ) -> None:
        """Before a draft leaves, warn when it names another company of the workbook.

        Enter cancels: the safe answer is the default. `fix`, when given, runs on "Go back
        and fix it" (it shows the rule); without it that answer is a plain Cancel.
        """
        view = self._view
        finding = (
            next((f for f in view.findings if f.rule == "no-other-company"), None) if view else None
        )
        if finding is None or finding.status != "fail":
            then()
            return

        def done(choice: str | None) -> None:
            if choice == "yes":
                then()
            elif choice == "no" and fix is not None:
                fix("no-other-company")

        self.app.push_screen(
            confirm(
                "This draft names another company",
                f"{finding.message} Declining one offer should never mention the others. "
                f"{verb} anyway?",
                yes=f"{verb} anyway",
                no="Go back and fix it" if fix is not None else "Cancel",
                default="no",
            ),
            done,
        )

    def action_mark_sent(self) -> None:
        """Log the draft on screen as sent, as what it is, once the person confirms it."""
        offer, view = self.offer, self._view
        if offer is None or view is None:
            return
        plan = care.plan_sent(
            self.session.wb, offer, view.draft.template, view.draft.medium, self.today
        )

        def done(choice: str | None) -> None:
            if choice != "yes" or offer not in self.session.wb.offers:
                return
            self.session.log_sent(offer, plan)
            self.notify(plan.done(), markup=False)

        def ask() -> None:
            yes = "Log it again" if plan.already else "Log as sent"
            self.app.push_screen(
                confirm(plan.title(), plan.question(), yes=yes, default="no"), done
            )

        self.guard_other_companies(ask, "Mark as sent")

    def action_checkin_months(self) -> None:
        """How many months after a decline to check in, for one offer or all (the palette,
        m in F10)."""
        offer = self.offer
        wb = self.session.wb

        def submit(values: dict[str, str]) -> dict[str, str] | None:
            this_offer = values["scope"] == "this offer"
            try:
                self.session.set_checkin_months(offer, values["months"], this_offer=this_offer)
            except FormError as exc:
                return exc.errors
            return None

        current = (offer.checkin_months if offer else None) or wb.checkin_months
        self.app.push_screen(
            FormDialog(
                "Check-in months",
                [
                    Field("months", "Months", ", ".join(map(str, current)), "e.g. 3, 6, 12"),
                    Field(
                        "scope",
                        "For",
                        "this offer" if offer and offer.checkin_months else "all offers",
                        choices=("all offers", "this offer"),
                    ),
                ],
                submit,
                intro="How many months after a decline to check in, with congratulations or "
                "something useful.",
            )
        )

    def action_next_to_decline(self) -> None:
        nxt = scenarios.next_to_decline(self.session.wb, self.offer.id if self.offer else None)
        if nxt is None:
            self.notify("No open offers left to decline.", markup=False)
            return
        self.select_offer(nxt.id)
        where = scenarios.multiple_offers(self.session.wb)
        if where.hold:  # declining is final while the accepted offer is not signed
            self.notify(
                f"Next to decline: {nxt.label}. But {where.warning()} h in the scenario "
                "helper (F6, Several) drafts one.",
                title="Not signed yet",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        self.notify(f"Next to decline: {nxt.label}", timeout=3, markup=False)

    def action_show_checkins(self) -> None:
        """F10: the people to check in with, soonest first."""
        from decline_tui.ui.screens.people import DueScreen

        self.app.push_screen(DueScreen(self))

    # ------------------------------------------------------------------ actions: profile, templates

    def action_edit_profile(self) -> None:
        def done(profile: Profile | None) -> None:
            if profile is None:
                return
            self.session.set_profile(profile)

        self.app.push_screen(ProfileDialog(self.session.wb.profile), done)

    def action_edit_template(self) -> None:
        offer = self.offer
        if offer is None:
            return
        current = self.session.template_to_edit(offer, self.medium)
        taken = set(all_templates(self.session.wb))

        def done(tpl: Template | None) -> None:
            if tpl is None:
                return
            self.session.save_template(offer, tpl, current.name)
            self.notify(f"Template “{tpl.name}” saved in the workbook.", markup=False)

        self.app.push_screen(TemplateDialog(current, taken), done)

    # ------------------------------------------------------------------ misc

    @on(OptionList.OptionSelected, "#offers")
    def offer_chosen(self) -> None:
        self.action_focus_region("form")
