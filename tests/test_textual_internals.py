"""The private parts of Textual that ui/widgets/literal.py overrides or calls, still there.

LiteralInput and LiteralTextArea replace private methods of Textual's Input and TextArea and
build a Document by hand (see literal.py for why). A Textual release that renames one of
them, changes what it takes, or stops calling it would not break anything loudly: the
override would simply stop being used, and ESC or a form feed would reach the terminal or
be lost from a draft again. These tests name the private attribute that moved, so the next
upgrade of Textual (pinned in pyproject.toml to the minor versions checked here) is a
deliberate one. The behaviour itself is tested through the app in tests/test_hostile.py.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from rich.text import Text
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Document, DocumentNavigator, WrappedDocument

from decline_tui.ui.widgets import literal

VERIFIED = ("8.2.",)  # Textual versions literal.py was checked against (pyproject.toml's pin)


def _params(func) -> list[str]:
    return list(inspect.signature(func).parameters)


def _source(obj) -> str:
    return inspect.getsource(obj)


def test_the_installed_textual_is_one_literal_py_was_checked_against():
    installed = version("textual")
    assert installed.startswith(VERIFIED), (
        f"Textual {installed} is installed; ui/widgets/literal.py was checked against "
        f"{', '.join(v + 'x' for v in VERIFIED)}: run this file, then widen VERIFIED and the pin"
    )


@pytest.mark.parametrize(
    ("name", "params", "caller", "call"),
    [
        ("_position_to_cell", ["self", "position"], "_cursor_offset", "self._position_to_cell("),
        ("_cell_offset_to_index", ["self", "offset"], "_on_mouse_down", "._cell_offset_to_index("),
    ],
)
def test_input_private_methods_literal_input_overrides(name, params, caller, call):
    method = inspect.getattr_static(Input, name, None)
    assert callable(method), f"textual Input.{name} is gone (LiteralInput overrides it)"
    assert _params(method) == params, f"textual Input.{name} now takes {_params(method)}"
    user = inspect.getattr_static(Input, caller, None)
    user = user.fget if isinstance(user, property) else user
    assert user is not None and call in _source(user), (
        f"textual Input.{caller} no longer calls Input.{name}: LiteralInput's override of "
        f"{name} would be ignored"
    )


def test_input_private_value_property_literal_input_overrides():
    value = inspect.getattr_static(Input, "_value", None)
    assert isinstance(value, property), "textual Input._value is no longer a property"
    assert "Text(" in _source(value.fget), "textual Input._value no longer builds a Rich Text"
    for user in ("render_line", "content_width"):
        found = inspect.getattr_static(Input, user, None)
        found = found.fget if isinstance(found, property) else found
        assert found is not None and "self._value" in _source(found), (
            f"textual Input.{user} no longer draws Input._value: LiteralInput's stand-ins "
            "for control characters would not be what is drawn"
        )


def test_expand_tabs_inline_literal_input_calls():
    from textual.expand_tabs import expand_tabs_inline

    assert _params(expand_tabs_inline)[:2] == ["line", "tab_size"], (
        "textual.expand_tabs.expand_tabs_inline changed its arguments (LiteralInput uses it)"
    )
    assert "expand_tabs_inline(" in _source(inspect.getattr_static(Input, "_position_to_cell"))


def test_document_private_fields_the_line_feed_document_sets():
    doc = Document("a\nb")
    assert getattr(doc, "_lines", None) == ["a", "b"], "textual Document._lines is gone"
    assert getattr(doc, "_newline", None) == "\n", "textual Document._newline is gone"
    assert _params(Document.__init__) == ["self", "text"], (
        f"textual Document.__init__ now takes {_params(Document.__init__)}"
    )
    for name in ("text", "lines", "newline"):
        attr = inspect.getattr_static(Document, name)
        source = _source(attr.fget if isinstance(attr, property) else attr)
        assert "self._lines" in source or "self._newline" in source, (
            f"textual Document.{name} no longer reads Document._lines/_newline: "
            "literal._LineFeedDocument would not be read back as it was built"
        )
    kept = literal._LineFeedDocument("a\rb\u2028c\x0cd\ne")
    assert kept.lines == ["a\rb\u2028c\x0cd", "e"]
    assert kept.text == "a\rb\u2028c\x0cd\ne"


def test_text_area_private_set_document_literal_text_area_overrides():
    method = inspect.getattr_static(TextArea, "_set_document", None)
    assert callable(method), "textual TextArea._set_document is gone (LiteralTextArea overrides)"
    assert _params(method) == ["self", "text", "language"], (
        f"textual TextArea._set_document now takes {_params(method)}"
    )
    for caller in ("__init__", "load_text"):
        assert "self._set_document(" in _source(getattr(TextArea, caller)), (
            f"textual TextArea.{caller} no longer calls TextArea._set_document: "
            "LiteralTextArea's lossless document would not be used"
        )
    # literal.py redoes the end of _set_document with its own Document: what Textual's does
    # with the document it built must be what literal.py does with its own.
    source = _source(method)
    for step in (
        "self.document = document",
        "self.wrapped_document = WrappedDocument(document, tab_width=self.indent_width)",
        "self.navigator = DocumentNavigator(self.wrapped_document)",
        "self._build_highlight_map()",
        "self.move_cursor((0, 0))",
    ):
        assert step in source, f"textual TextArea._set_document no longer does `{step}`"
    assigned = {
        line.split("=")[0].strip()
        for line in source.splitlines()
        if line.strip().startswith("self.") and "=" in line and "==" not in line
    }
    expected = {"self._highlight_query", "self.document", "self.wrapped_document", "self.navigator"}
    assert assigned == expected, (
        f"textual TextArea._set_document now sets {sorted(assigned)}: check literal.py"
    )


@pytest.mark.parametrize(
    "name", ["_build_highlight_map", "_rewrap_and_refresh_virtual_size", "move_cursor"]
)
def test_text_area_private_methods_literal_text_area_calls(name):
    assert callable(getattr(TextArea, name, None)), (
        f"textual TextArea.{name} is gone (LiteralTextArea._set_document calls it)"
    )


def test_text_area_get_line_and_the_document_views_literal_text_area_uses():
    assert _params(TextArea.get_line) == ["self", "line_index"], (
        f"textual TextArea.get_line now takes {_params(TextArea.get_line)}"
    )
    assert inspect.signature(TextArea.get_line).return_annotation in (Text, "Text")
    assert "tab_width" in _params(WrappedDocument.__init__), (
        "textual WrappedDocument no longer takes tab_width"
    )
    assert _params(DocumentNavigator.__init__)[:2] == ["self", "wrapped_document"], (
        f"textual DocumentNavigator.__init__ now takes {_params(DocumentNavigator.__init__)}"
    )
    assert hasattr(TextArea, "indent_width"), "textual TextArea.indent_width is gone"
