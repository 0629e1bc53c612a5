"""Snapshots of the main screen, editing and the checklist at three sizes, and the help screen.

Regenerate after an intended change with: python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decline_tui.core.session import Session
from decline_tui.ui.app import DeclineApp

from .conftest import NOW, wait_until

DEMO = Path(__file__).parent / "data" / "demo.toml"


@pytest.fixture
def demo_app(data_dir) -> DeclineApp:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "workbook.toml"
    shutil.copy(DEMO, path)
    session, _ = Session.open(path, NOW.date())
    return DeclineApp(session, clock=lambda: NOW)


async def settled(pilot) -> None:
    """Wait for the dictionary to load so the spelling line is the same every run; fail if it
    does not, rather than take a picture that would vary."""
    await wait_until(
        pilot,
        lambda: getattr(pilot.app.screen, "spelling_ready", False),
        timeout=10.0,
        message="the spelling dictionary never loaded: the picture would vary",
    )
    await pilot.pause()


# The three sizes the screen is designed for: wide, a laptop split, a default terminal.
SIZES = [(120, 40), (100, 30), (80, 24)]
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_main_screen(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_editing_the_draft(snap_compare, demo_app, size):
    """F9: the draft as the person's own text, the header saying so."""

    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f9")
        await pilot.pause()
        said = " ".join(str(n.message) for n in pilot.app._notifications)
        assert "Editing the draft: your changes are kept and checked" in said
        area = pilot.app.screen.query_one("#draft-edit")
        area.cursor_blink = False  # the picture must not catch the cursor mid-blink
        area.move_cursor(area.document.end)  # a postscript under the name
        await pilot.press("enter", "enter", *"PS: thank you again.")
        # The header says "✓ saved" once the autosave has run: wait for it, so the picture
        # does not depend on how fast the machine is.
        await wait_until(pilot, lambda: not pilot.app.screen.dirty)
        # F9's toast goes after a few seconds: on a slow machine it has gone by now, so it
        # is checked above and left out of the picture.
        pilot.app.clear_notifications()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_checklist_explanation(snap_compare, demo_app, size):
    """A finding chosen in the checklist: its explanation whole, its words marked in the draft."""

    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f5", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)
