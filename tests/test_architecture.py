"""The layers hold: nothing under decline_tui/core imports Textual, and the domain below the
session never imports it (the session is the open workbook, built on the domain)."""

from __future__ import annotations

import ast
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
