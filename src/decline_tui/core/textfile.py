"""A draft handed to the person's own editor ($VISUAL / $EDITOR) and taken back, intact.

The file goes out as UTF-8 ending in one newline: POSIX text files end in one, and many editors
add it on save or complain when it is missing. What comes back is whatever the editor saved: a
BOM, Windows line ends, the locale's legacy encoding. `from_editor` reads all of those, undoes
the newline `for_editor` added, and never raises: the person's words come back even from an
odd file, with a plain sentence saying how they were read when that was not clean UTF-8.
"""

from __future__ import annotations

import codecs
import locale

__all__ = ["for_editor", "from_editor"]

_BOM = "\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Friendlier names for the codecs a locale most often names.
_NAMES = {"iso8859-1": "latin-1", "iso8859-15": "latin-9", "cp1252": "Windows-1252"}
NOT_TEXT = "The file from your editor had bytes that are not text; they show as \ufffd."


def for_editor(text: str) -> str:
    """The text to write to the editor's file: the draft, ending in a newline.

    A draft that ends in newlines already keeps them all: they are the person's.
    """
    return text if text.endswith("\n") else text + "\n"


def from_editor(
    data: bytes, original: str, *, locale_encoding: str | None = None
) -> tuple[str, str | None]:
    """The draft as the editor saved it, and a warning when it was not clean UTF-8.

    `original` is the text given to `for_editor`; saved unchanged, it comes back exactly
    (carriage returns and all). Otherwise Windows line ends become "\\n", and the final newline
    `for_editor` added goes again when `original` had none. `locale_encoding` stands in for
    the locale's preferred encoding (tests).
    """
    text, warning = _decode(bytes(data), original, locale_encoding)
    if text in (for_editor(original), original):
        return original, warning
    if not original.endswith("\n"):
        if text.endswith("\r\n") and not original.endswith("\r"):
            text = text[:-2]
        elif text.endswith("\n"):
            text = text[:-1]
    return text.replace("\r\n", "\n"), warning


def _decode(data: bytes, original: str, locale_encoding: str | None) -> tuple[str, str | None]:
    """UTF-8 first; then UTF-16 with its BOM; then the locale's encoding; then UTF-8 with �."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _without_bom(text, original), None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), _read_as("UTF-16")
        except UnicodeDecodeError:
            pass
    # A UTF-8 BOM says the file is UTF-8, however damaged: no other encoding is guessed.
    encoding = None if data.startswith(codecs.BOM_UTF8) else _legacy_encoding(locale_encoding)
    if encoding is not None:
        try:
            return data.decode(encoding), _read_as(_NAMES.get(encoding, encoding))
        except (UnicodeError, ValueError, TypeError, LookupError):
            pass
    return _without_bom(data.decode("utf-8", errors="replace"), original), NOT_TEXT


def _without_bom(text: str, original: str) -> str:
    """Drop the BOM some editors add; kept only if the draft itself began with U+FEFF."""
    return text[1:] if text.startswith(_BOM) and not original.startswith(_BOM) else text


def _legacy_encoding(name: str | None) -> str | None:
    """The locale's encoding as a codec name, or None when it is UTF-8 or unknown."""
    try:
        if name is None:
            name = locale.getpreferredencoding(False)
        codec = codecs.lookup(name).name
    except (LookupError, ValueError, TypeError, OSError):
        return None
    return None if codec in ("utf-8", "utf-8-sig") else codec


def _read_as(name: str) -> str:
    return f"Your editor saved the draft as {name}; it was read as such."
