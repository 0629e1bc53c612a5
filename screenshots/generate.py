"""Regenerate the README screenshots from the demo workbook: python screenshots/generate.py

Uses a copy of tests/data/demo.toml in a temporary folder and a fixed clock, so the
pictures only change when the app does.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from decline_tui.core.session import Session
from decline_tui.ui.app import DeclineApp

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "tests" / "data" / "demo.toml"
NOW = datetime(2026, 11, 25, 10, 30)

# name -> (terminal size, keys to press before the shot)
SHOTS: dict[str, tuple[tuple[int, int], list[str]]] = {
    "main": ((120, 40), []),
    "checklist": ((120, 40), ["down", "f5", "down", "down", "down"]),
    "phone": ((120, 40), ["down", "f4"]),
    "scenarios": ((120, 40), ["f6"]),
    "several": ((120, 40), ["f6", "right", "right"]),
    "laptop": ((100, 30), []),
    "narrow": ((80, 24), []),
    "help": ((120, 40), ["f1"]),
}


async def shoot(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> Path:
    path = folder / "workbook.toml"
    shutil.copy(DEMO, path)
    session, _ = Session.open(path, NOW.date())
    app = DeclineApp(session, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        for _ in range(200):  # let the dictionary load, as a person would
            if getattr(app.screen, "spelling_ready", False):
                break
            await asyncio.sleep(0.02)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE)))


async def main() -> None:
    for name, (size, keys) in SHOTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            print(await shoot(name, size, keys, Path(tmp)))


if __name__ == "__main__":
    asyncio.run(main())
