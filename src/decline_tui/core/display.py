"""A person's text on a terminal: control characters shown, never obeyed.

An escape sequence in a company name could recolour, clear or retitle the terminal, or set its
clipboard. `visible()` puts a visible stand-in (the Unicode control pictures: ␛ for ESC, ␀ for
NUL) in place of each control character, one character for one, so that offsets into the text
(the checklist's spans) still point at the same words. Only what is shown changes: the
workbook, the draft that is sent and exported files keep every character.
"""

from __future__ import annotations

from typing import TextIO

# C0 controls → U+2400 + code (␀ … ␟), DEL → ␡, C1 controls (0x80–0x9F, which some
# terminals take as 8-bit escapes, e.g. 0x9B as CSI) → U+FFFD. Tab stays (it is spacing). A
# line break stays where the text may span lines, else it shows as ␤.
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_MULTI_LINE = str.maketrans(_PICTURES)
_ONE_LINE = str.maketrans({**_PICTURES, 0x0A: 0x2424})


def visible(text: str, *, one_line: bool = False) -> str:
    """The text with every control character replaced by a visible stand-in, same length."""
    return text.translate(_ONE_LINE if one_line else _MULTI_LINE)


class VisibleStream:
    """A terminal stream that shows control characters in what is written to it.

    The command line wraps stdout and stderr in this when they are terminals, so a workbook's
    text is printed as it is but never acts on the terminal; a pipe or a file gets it exact.
    """

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
