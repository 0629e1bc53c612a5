"""The layers hold: nothing under decline_tui/core imports Textual, and the domain below the
session never imports it (the session is the open workbook, built on the domain)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "src" / "decline_tui" / "core"


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def test_core_does_not_import_textual():
    offenders = []
    for path in CORE.rglob("*.py"):
        offenders += [f"{path.name}: {n}" for n in _imports(path) if n.split(".")[0] == "textual"]
    assert CORE.is_dir() and not offenders


def test_the_domain_does_not_import_the_session():
    offenders = []
    for path in CORE.rglob("*.py"):
        if path.name == "session.py":
            continue
        found = [n for n in _imports(path) if n.startswith("decline_tui.core.session")]
        offenders += [f"{path.relative_to(CORE)}: {n}" for n in found]
    assert not offenders


# What a change to the model looks like: an assignment to a field of an offer or the
# workbook, or a list of its records changed in place.
_MUTATION = re.compile(
    r"(\b(offer|wb|session\.wb|self\.offer)\.[a-z_]+(\.[a-z_]+)*\s*(=(?!=)|\+=|-=))"
    r"|\.(log|contacts|drafts|templates|offers|ignored|disabled|snoozed)"
    r"\.(append|insert|pop|remove|extend|clear)\("
    r"|\bdel\s+[a-z_.]+\["
    r"|\.(log|contacts)\[[a-z_]+\]\s*=(?!=)"
    r"|\bcare\.(log_sent|note_declined)\("
    r"|\bsession\.wb\s*=(?!=)"
)


def test_the_ui_changes_the_model_only_through_the_session():
    """Issue 15: every change goes through the session (or the core it calls), where a test
    reaches it without a screen; the UI asks and shows. The grep the closing note gives."""
    ui = CORE.parent / "ui"
    found = []
    for path in ui.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _MUTATION.search(code):
                found.append(f"{path.relative_to(ui)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


# Where the panes may be refreshed or the autosave set by name: the two watchers that follow
# every change, and what is not a change to the workbook (the first frame, a new layout, the
# dictionary loaded, a list whose row cannot be patched, a save that must be retried).
_REFRESHES = {"refresh_draft", "load_form", "mark_dirty", "refresh_list"}
_MAY_REFRESH = {
    "watch_revision",
    "watch_selected",
    "on_mount",
    "apply_layout",
    "_spelling_loaded",
    "refresh_row",
    "after_conflict",
}


def test_the_panes_follow_each_change_from_one_place():
    """Issue 15: no action refreshes the list, the form or the draft, or sets the autosave,
    by hand after a change: the session tells the screen (MainScreen.watch_revision)."""
    ui = CORE.parent / "ui"
    found = []
    for path in ui.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _REFRESHES
                    and func.name not in _MAY_REFRESH
                    and not any(  # counted in the innermost function only
                        isinstance(inner, ast.FunctionDef) and node in ast.walk(inner)
                        for inner in func.body
                        if isinstance(inner, ast.FunctionDef)
                    )
                ):
                    found.append(f"{path.relative_to(ui)}:{node.lineno}: {func.name}")
    assert not found, "\n".join(found)
