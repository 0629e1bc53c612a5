"""A person's text on screen: shown as typed, never read as markup or terminal control.

Textual passes ESC, NUL and the other control characters in a widget's text straight to
the terminal. Every pane that shows workbook text shows it through `visible()` (in the core,
`decline_tui.core.display`, which the command line uses too): each control character becomes
a visible stand-in of the same length, so the checklist's spans still fit. The inputs and the
draft editor below keep every character of their value and only draw the stand-ins.

Markup is the other half: user text goes into `rich.text.Text` (or a widget's plain-text
argument), never into a markup string, so "[bold]" stays those six characters.

What upstream does that this works around (Textual 8.2.8): Input draws `Input._value`, a
Text of the value as it is, and places the cursor and maps clicks with
`Input._position_to_cell` and `Input._cell_offset_to_index` over the raw value; TextArea's
plain-text `Document` splits lines with `str.splitlines()` (at CR, FF, VT, U+0085, U+2028,
U+2029 and more, not only LF) and joins them back with one newline, and the widget draws
each line as it is. None of this has a public hook, so the classes below override those
private names: Textual is pinned to the minor versions checked (pyproject.toml), and
tests/test_textual_internals.py names the private attribute that moved when an upgrade
breaks one.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Document, DocumentNavigator, WrappedDocument

from decline_tui.core.display import visible

__all__ = ["LiteralInput", "LiteralTextArea", "literal", "visible"]


def literal(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """Rich Text of a person's words: no markup read, no control character passed on."""
    return Text(visible(text, one_line=one_line), style=style)


class LiteralInput(Input):
    """An Input whose value keeps every character but shows control characters as stand-ins.

    Textual's Input draws its value as it is, so a value holding ESC would reach the
    terminal. These overrides follow Textual 8's Input: what is drawn, and the cell
    arithmetic of the cursor and of mouse clicks, which must agree with what is drawn.
    """

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(visible(self.value, one_line=True), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(visible(self.value[:position], one_line=True), 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        if self.password:
            return super()._cell_offset_to_index(offset)
        shown = visible(self.value, one_line=True)
        offset += self.scroll_offset.x
        at = 0
        for index, char in enumerate(shown):
            width = cell_len(char)
            if at <= offset < at + width:
                return index
            at += width
        return max(0, min(offset, len(shown)))


class _LineFeedDocument(Document):
    """A document whose lines end at "\n" only.

    Textual's Document splits lines with str.splitlines(), at "\r", form feed, U+2028 and
    six more, and joins them back with one line end: opening a draft in the editor and
    typing a letter would turn each of those into "\n". Here they stay in their line (shown
    as stand-ins), the text is given back character for character, and an index into it
    (a checklist span) is the same index into the document.
    """

    def __init__(self, text: str) -> None:
        self._newline = "\n"
        self._lines = text.split("\n")


class LiteralTextArea(TextArea):
    """A TextArea that keeps every character of its text and shows control characters as
    stand-ins (see `visible`)."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        return Text(visible(line, one_line=True), end="", no_wrap=True)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        if type(self.document) is Document:  # plain text (no syntax highlighting)
            # As Textual 8's TextArea._set_document does, with the lossless document.
            self.document = _LineFeedDocument(text)
            self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
            self.navigator = DocumentNavigator(self.wrapped_document)
            self._build_highlight_map()
            self.move_cursor((0, 0))
            self._rewrap_and_refresh_virtual_size()
