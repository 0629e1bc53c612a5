"""The draft region: the message as it will be sent, highlighted, or a TextArea to edit it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ContentSwitcher, Static, TextArea
from textual.widgets.text_area import Selection

from decline_tui.core.checklist import FAIL, LINKEDIN_FREE, LINKEDIN_PREMIUM, WARN, Finding
from decline_tui.core.session import DraftView
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


def meta_line(view: DraftView, medium: str, template: str) -> Text:
    """Medium · template · size; an edited draft says so."""
    line = Text()
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
        line.append(f" · {len(text.split())} words")
    if view.edited:
        line.append(" · edited by you", style="bold italic")
    return line


class DraftPane(Vertical):
    """Shows the draft; in edit mode the person's own text in a TextArea."""

    rendered: Text = Text()
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
            yield LiteralTextArea("", id="draft-edit", soft_wrap=True, show_line_numbers=False)

    @property
    def editing(self) -> bool:
        return self.query_one(ContentSwitcher).current == "draft-edit"

    def show(
        self,
        view: DraftView | None,
        medium: str,
        template: str,
        selected: str | None,
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
        update_static(meta, meta_line(view, medium, template))
        text = highlighted(view.text, view.findings, selected)
        if medium == "phone" and view.draft.subject and not view.edited:
            text = Text.assemble((visible(view.draft.subject), "bold"), "\n\n", text)
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
        """In edit mode, select the words a checklist item is about."""
        if not self.editing:
            return
        area = self.query_one("#draft-edit", TextArea)
        doc = area.document
        area.selection = Selection(
            doc.get_location_from_index(start), doc.get_location_from_index(end)
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.editing:
            self.post_message(self.Edited(event.text_area.text))
