"""The draft's trip through the person's editor: out as a POSIX text file, back unchanged."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from decline_tui.core.textfile import NOT_TEXT, for_editor, from_editor

# As tests/test_hostile.py: the same examples on every run, so CI never flakes.
CORE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def crlf_to_lf(text: str) -> str:
    return text.replace("\r\n", "\n")


# --------------------------------------------------------------------------- for_editor


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("", "\n"),
        ("Dear María,", "Dear María,\n"),
        ("Dear María,\n", "Dear María,\n"),
        ("Best,\nSam\n\n", "Best,\nSam\n\n"),  # the person's blank line stays
        ("Sam\r", "Sam\r\n"),
    ],
)
def test_for_editor_ends_the_file_with_a_newline(text, written):
    assert for_editor(text) == written


# --------------------------------------------------------------------------- from_editor


def test_saved_unchanged_gives_the_original_back():
    original = "Dear María,\n\nThank you.\n\nSam"
    assert from_editor(for_editor(original).encode(), original) == (original, None)
    # an editor that leaves the final newline off changes nothing either
    assert from_editor(original.encode(), original) == (original, None)


def test_the_added_final_newline_goes_again_after_an_edit():
    original = "Dear María,\n\nSam"
    saved = "Dear María,\n\nThanks again.\n\nSam\n".encode()
    assert from_editor(saved, original) == ("Dear María,\n\nThanks again.\n\nSam", None)
    # a draft that ended in a newline keeps the one it had
    assert from_editor(b"Hi\nSam\n", "Hi\n") == ("Hi\nSam\n", None)
    # only one goes: a blank line the person added at the end stays
    assert from_editor(b"Hi\nSam\n\n", "Hi") == ("Hi\nSam\n", None)


def test_windows_line_ends_become_line_feeds():
    original = "Dear María,\n\nSam"
    saved = "Dear María,\r\n\r\nThanks.\r\n\r\nSam\r\n".encode()
    assert from_editor(saved, original) == ("Dear María,\n\nThanks.\n\nSam", None)
    # the same text saved unchanged with Windows line ends: the original, not a take-over
    unchanged = for_editor(original).replace("\n", "\r\n").encode()
    assert from_editor(unchanged, original) == (original, None)


def test_a_lone_carriage_return_is_a_character_and_stays():
    assert from_editor(b"a\rb\n", "x") == ("a\rb", None)


def test_a_utf8_bom_is_dropped():
    saved = codecs.BOM_UTF8 + "Dear María,\nSam\n".encode()
    assert from_editor(saved, "Dear María,\nSam") == ("Dear María,\nSam", None)
    assert from_editor(codecs.BOM_UTF8 + b"Hi, Sam\n", "Hi Sam") == ("Hi, Sam", None)
    # unless the draft itself began with U+FEFF: then it is the person's character
    assert from_editor(codecs.BOM_UTF8 + b"Hi, Sam\n", "\ufeffHi") == ("\ufeffHi, Sam", None)


def test_latin1_bytes_are_read_in_the_locales_encoding():
    saved = b"Caf\xe9 Ren\xe9e\r\nSam\r\n"  # "Café Renée" in Latin-1, Windows line ends
    text, warning = from_editor(saved, "Cafe", locale_encoding="ISO-8859-1")
    assert text == "Café Renée\nSam"
    assert warning == "Your editor saved the draft as latin-1; it was read as such."
    text, warning = from_editor(b"Ren\xe9e", "x", locale_encoding="cp1252")
    assert (text, warning) == (
        "Renée",
        "Your editor saved the draft as Windows-1252; it was read as such.",
    )


@pytest.mark.parametrize("locale_encoding", ["UTF-8", "utf8", "ANSI_X3.4-1968", "no-such-codec"])
def test_bytes_no_encoding_explains_show_as_replacement_characters(locale_encoding):
    text, warning = from_editor(b"Ren\xe9e\n", "Renee", locale_encoding=locale_encoding)
    assert text == "Ren\ufffde"
    assert warning == NOT_TEXT
    assert "not text" in warning and "\ufffd" in warning


def test_bytes_cp1252_leaves_undefined_fall_back_to_replacement_characters():
    text, warning = from_editor(b"a\x81b", "", locale_encoding="cp1252")
    assert (text, warning) == ("a\ufffdb", NOT_TEXT)


def test_a_damaged_file_with_a_utf8_bom_is_not_read_as_latin1():
    saved = codecs.BOM_UTF8 + "Café ".encode() + b"\xff\n"
    text, warning = from_editor(saved, "x", locale_encoding="latin-1")
    assert (text, warning) == ("Café \ufffd", NOT_TEXT)


def test_utf16_with_its_bom_is_read():
    saved = "Dear María,\r\nSam\r\n".encode("utf-16")  # what Windows Notepad calls Unicode
    text, warning = from_editor(saved, "Dear", locale_encoding="cp1252")
    assert text == "Dear María,\nSam"
    assert warning == "Your editor saved the draft as UTF-16; it was read as such."


def test_from_editor_reads_the_locale_when_not_told(monkeypatch):
    import locale

    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "latin-1")
    assert from_editor(b"\xe9", "") == (
        "é",
        "Your editor saved the draft as latin-1; it was read as such.",
    )

    def broken(do_setlocale=True):
        raise OSError("no locale")

    monkeypatch.setattr(locale, "getpreferredencoding", broken)
    assert from_editor(b"\xe9", "") == ("\ufffd", NOT_TEXT)


@pytest.mark.parametrize(
    "data",
    [b"", b"\n", b"\r\n", b"\r", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xff\xfe\x00", b"\x00"],
)
def test_odd_files_never_raise(data):
    for original in ("", "\n", "\r", "\ufeff", "x"):
        text, warning = from_editor(data, original, locale_encoding="utf-8")
        assert isinstance(text, str) and (warning is None or isinstance(warning, str))


# --------------------------------------------------------------------------- round trips


@CORE
@given(text=st.text())
@example(text="")
@example(text="a\r\nb\r")
@example(text="\ufeffHi")
@example(text="Sam\n\n")
def test_round_trip_unchanged_is_exact(text):
    assert from_editor(for_editor(text).encode(), text) == (text, None)


@CORE
@given(original=st.text(), edited=st.text())
@example(original="Dear Sam", edited="Dear Sam,\r\nThanks")
@example(original="a\r\nb", edited="a\r\nb")
def test_round_trip_after_an_edit_gives_the_edit_with_line_feeds(original, edited):
    """The editor's file ends in one newline, which goes again; CR LF is read as LF."""
    assume(not original.endswith("\n") and not edited.endswith(("\n", "\r")))
    expected = original if edited == original else crlf_to_lf(edited)
    assert from_editor(for_editor(edited).encode(), original) == (expected, None)


@CORE
@given(text=st.text(alphabet=st.characters(blacklist_characters="\r")))
def test_round_trip_through_an_editor_that_writes_windows_line_ends(text):
    saved = for_editor(text).replace("\n", "\r\n").encode()
    assert from_editor(saved, text) == (text, None)
