"""The draft region: the message as it will be sent, highlighted, or a TextArea to edit it."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import ContentSwitcher, Static, TextArea
from textual.widgets.text_area import Document, Selection

from decline_tui.core.checklist import (
    FAIL,
    LINKEDIN_FREE,
    LINKEDIN_PREMIUM,
    WARN,
    Finding,
    word_count,
)
from decline_tui.core.session import DraftView
from decline_tui.ui.widgets.checklist_view import summary_line
from decline_tui.ui.widgets.literal import LiteralTextArea, visible
from decline_tui.ui.widgets.quiet import update_static

MEDIUM_NAMES = {"email": "Email", "phone": "Phone script", "linkedin": "LinkedIn note"}
STATUS_STYLE = {FAIL: "underline bold red", WARN: "underline yellow"}


def highlighted(text: str, findings: list[Finding], selected: str | None) -> Text:
    """The draft as Rich Text: user words stay literal; problems and placeholders are marked."""
    out = Text(visible(text), no_wrap=False)  # same length: the spans still fit
    for f in findings:
        if f.status in STATUS_STYLE:
            style = "bold black on yellow" if f.rule == "placeholders" else STATUS_STYLE[f.status]
            for a, b in f.spans:
                out.stylize(style, a, b)
    for f in findings:
        if f.rule == selected:
            for a, b in f.spans:
                out.stylize("reverse", a, b)
    return out


def meta_line(view: DraftView, medium: str, template: str, checks: bool = False) -> Text:
    """Medium · template · size; the person's own text says so, since the form and F8 no
    longer change it, and how to get the template back. With `checks`, the checklist's counts
    lead, for when the checklist itself is off screen (a small terminal)."""
    line = Text()
    if checks:
        line.append_text(summary_line(view.findings))
        line.append(" (F5) · ", style="dim")
    line.append(visible(MEDIUM_NAMES.get(medium, medium), one_line=True), style="bold")
    line.append(f" · {visible(template, one_line=True)}")
    text = view.text
    if medium == "linkedin":
        n = len(text.strip())
        style = "bold red" if n > LINKEDIN_PREMIUM else ("yellow" if n > LINKEDIN_FREE else "green")
        line.append(" · ")
        line.append(f"{n}/{LINKEDIN_FREE} characters", style=style)
        line.append(f" ({LINKEDIN_PREMIUM} premium)", style="dim")
    else:
        line.append(f" · {word_count(text, medium)} words")  # the checklist's count
    if view.edited:
        line.append(" · edited by you", style="bold italic")
        line.append(" — ctrl+r to go back to the template", style="italic")
    return line


class DraftEditor(LiteralTextArea):
    """The draft as free text, where the app's keys stay the app's.

    TextArea binds F6 to select the line and F7 to select everything, ahead of the screen's
    F6 (Scenarios) and F7 (next medium): the next letter typed replaced the draft, and the
    autosave kept that. Those two actions are off here, so the keys go on to the screen.
    (Its ctrl+d deletes forward and ctrl+y redoes, as the README says.)"""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"select_line", "select_all"}:
            return False
        return super().check_action(action, parameters)


class DraftPane(Vertical):
    """Shows the draft; in edit mode the person's own text in a TextArea."""

    rendered: Text = Text()
    _lead: int = 0  # where the draft's own text starts in `rendered` (after a phone subject)
    _reveal: int | None = None  # an offset to scroll to, once the pane is on screen
    _title: str | None = None

    class Edited(Message):
        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Static("", id="draft-meta")
        with ContentSwitcher(initial="draft-read", id="draft-switcher"):
            with VerticalScroll(id="draft-read", can_focus=True):
                yield Static("", id="draft-text")
                yield Static("", id="draft-followup")
            yield DraftEditor("", id="draft-edit", soft_wrap=True, show_line_numbers=False)

    @property
    def editing(self) -> bool:
        return self.query_one(ContentSwitcher).current == "draft-edit"

    def show(
        self,
        view: DraftView | None,
        medium: str,
        template: str,
        selected: str | None,
        checks: bool = False,
    ) -> None:
        meta = self.query_one("#draft-meta", Static)
        body = self.query_one("#draft-text", Static)
        follow = self.query_one("#draft-followup", Static)
        if view is None:
            self.set_title("Draft")
            update_static(meta, "")
            update_static(body, Text("No offer selected."))
            update_static(follow, "")
            return
        # What it is and to whom: a scenario reply must never pass for the decline.
        self.set_title(view.title or "Draft")
        update_static(meta, meta_line(view, medium, template, checks))
        text = highlighted(view.text, view.findings, selected)
        self._lead = 0
        if medium == "phone" and view.draft.subject and not view.edited:
            text = Text.assemble((visible(view.draft.subject), "bold"), "\n\n", text)
            self._lead = len(text) - len(view.text)
        self.rendered = text
        update_static(body, text)
        if view.draft.followup is not None:
            update_static(
                follow,
                Text.assemble(
                    ("\n── confirming email, after the call ──\n\n", "dim"),
                    visible(view.draft.followup.text),
                ),
            )
        else:
            update_static(follow, "")

    def set_title(self, title: str) -> None:
        """The region's border title; the names in it are the person's text, never markup."""
        if title != self._title:
            self._title = title
            self.border_title = Text(visible(title, one_line=True))

    def start_editing(self, text: str) -> None:
        area = self.query_one("#draft-edit", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(text)
        self.query_one(ContentSwitcher).current = "draft-edit"
        area.focus()

    def stop_editing(self, focus: bool = True) -> None:
        self.query_one(ContentSwitcher).current = "draft-read"
        if focus:
            self.query_one("#draft-read").focus()

    def select_span(self, start: int, end: int) -> None:
        """Bring the words a checklist item is about into view: chosen from the checklist,
        they are of no use scrolled out of sight. In edit mode they are selected too."""
        if self.editing:
            area = self.query_one("#draft-edit", TextArea)
            doc = cast(Document, area.document)  # DocumentBase only if given one; never here
            # The cursor goes to the start: a span longer than the pane shows its first words.
            area.selection = Selection(
                doc.get_location_from_index(end), doc.get_location_from_index(start)
            )
        self._reveal = start
        self.call_after_refresh(self._bring_into_view)

    def on_show(self) -> None:
        # A narrow layout hides the pane while the checklist is shown: scroll once it is back.
        if self._reveal is not None:
            self.call_after_refresh(self._bring_into_view)

    def _bring_into_view(self) -> None:
        """Scroll so the line holding offset `_reveal` of the text is in view, once shown."""
        body = self.query_one("#draft-text", Static)
        start = self._reveal
        if start is None or self.region.width <= 0:
            return
        self._reveal = None
        if self.editing:
            self.query_one("#draft-edit", TextArea).scroll_cursor_visible()
            return
        width = body.content_region.width
        if width <= 0:
            return
        before = Content.from_rich_text(self.rendered[: self._lead + start])
        # Textual's own widgets pass their styles too (Widget.get_content_height): a RulesMap
        # in its annotation, the styles object in its use.
        row = max(0, before.get_height(body.styles, width) - 1)  # type: ignore[arg-type]
        scroll = self.query_one("#draft-read", VerticalScroll)
        top, height = int(scroll.scroll_y), scroll.scrollable_content_region.height
        if not top <= row - 1 < row + 1 < top + height:  # not in view with a line either side
            # near the top, a line above for context: the highlighted words read downwards
            region = Region(0, max(0, row - 1), width, height)
            scroll.scroll_to_region(region, animate=False, top=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.editing:
            self.post_message(self.Edited(event.text_area.text))
