"""The person's own editor ($VISUAL, $EDITOR) on a draft or a note, the app suspended."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.screen import Screen

from decline_tui.core import textfile


def edit_in_editor(screen: Screen[Any], text: str, prefix: str) -> str | None:
    """`text` edited in $VISUAL / $EDITOR, the app suspended meanwhile; None (and a
    notice saying why) when there is no editor or it failed. The temporary file goes."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        screen.notify(
            "Set $VISUAL or $EDITOR to your editor first (e.g. export EDITOR=nano).",
            severity="warning",
            markup=False,
        )
        return None
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(textfile.for_editor(text))
        try:
            with screen.app.suspend():
                result = run_editor(editor, path)
        except Exception as exc:  # SuspendNotSupported and friends
            screen.notify(f"Cannot open an editor here: {exc}", severity="error", markup=False)
            return None
        if result:
            screen.notify(result, severity="error", markup=False)
            return None
        try:
            data = path.read_bytes()
        except OSError as exc:  # the editor deleted or locked it
            screen.notify(
                f"Cannot read what the editor saved: {exc.strerror or exc}; the draft "
                "was not changed.",
                severity="error",
                markup=False,
            )
            return None
        edited, warning = textfile.from_editor(data, text)
        if warning:
            screen.notify(warning, severity="warning", timeout=8, markup=False)
        return edited
    finally:
        path.unlink(missing_ok=True)


def run_editor(editor: str, path: Path) -> str | None:
    """Run the person's editor on a file; an error message, or None when it exited cleanly."""
    try:
        argv = [*shlex.split(editor), str(path)]
    except ValueError:
        return f"Cannot understand the editor command {editor!r}."
    try:
        proc = subprocess.run(argv, check=False)
    except OSError as exc:
        return f"Cannot run {argv[0]}: {exc.strerror or exc}"
    if proc.returncode != 0:
        return f"{argv[0]} exited with status {proc.returncode}; the draft was not changed."
    return None
