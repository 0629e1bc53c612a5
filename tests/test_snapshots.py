"""Snapshots of the main screen (wide and narrow) and the help screen, from the demo workbook.

Regenerate after an intended change with: python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from decline_tui.core.session import Session
from decline_tui.ui.app import DeclineApp

from .conftest import NOW

DEMO = Path(__file__).parent / "data" / "demo.toml"


@pytest.fixture
def demo_app(data_dir) -> DeclineApp:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "workbook.toml"
    shutil.copy(DEMO, path)
    session, _ = Session.open(path, NOW.date())
    return DeclineApp(session, clock=lambda: NOW)


async def settled(pilot) -> None:
    """Wait for the dictionary to load so the spelling line is the same every run."""
    for _ in range(200):
        if getattr(pilot.app.screen, "spelling_ready", False):
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


def test_main_screen_wide(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=settled)


def test_main_screen_narrow(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=settled)


def test_checklist_in_action(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f5", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)
