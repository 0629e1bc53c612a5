"""Shared fixtures: every test gets its own data folder; nothing touches the real one."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from decline_tui.core.model import Offer, Profile, Workbook

# A Wednesday morning: inside business hours, so timing advice is stable.
NOW = datetime(2026, 11, 25, 10, 30)


def pytest_addoption(parser):
    parser.addoption(
        "--soak",
        action="store_true",
        default=False,
        help="run the reliability tests with many more iterations (minutes, not seconds)",
    )


@pytest.fixture
def soak(request) -> bool:
    """Whether this is a long local soak run rather than CI's quick one."""
    return bool(request.config.getoption("--soak"))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("DECLINE_TUI_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return folder


@pytest.fixture
def data_dir(_private_data_dir):
    return _private_data_dir


@pytest.fixture
def offer() -> Offer:
    return Offer(
        id="acme",
        company="Acme Robotics",
        role="Senior Product Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        received=date(2026, 11, 23),
        deadline=date(2026, 11, 30),
        channel="email",
        reason="I have accepted a role that lets me stay close to my family",
        admired="the care your team puts into accessibility",
        project="the redesign of the warehouse dashboard",
        future_open=True,
        offer_referrals=True,
    )


@pytest.fixture
def workbook(offer) -> Workbook:
    return Workbook(
        profile=Profile(name="Sam Lee", email="sam@example.com"),
        offers=[offer, Offer(id="globex", company="Globex", role="Designer")],
    )


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests (Textual's Pilot) in a fresh event loop; no plugin needed."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None


# --------------------------------------------------------------------------- app helpers

DEMO = Path(__file__).parent / "data" / "demo.toml"


@pytest.fixture
def demo_path(data_dir) -> Path:
    """A copy of the demo workbook in the test's own data folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "workbook.toml"
    shutil.copy(DEMO, path)
    return path


@pytest.fixture
def saved(workbook, data_dir) -> Path:
    """The `workbook` fixture saved by the store where the app and the CLI look for it."""
    from decline_tui.core.store import Store, workbook_path

    store = Store(workbook_path())
    store.load()
    store.save(workbook)
    return workbook_path()


def make_app(path: Path):
    from decline_tui.core.session import Session
    from decline_tui.ui.app import DeclineApp

    session, created = Session.open(path, NOW.date())
    if created:
        session.save()
    return DeclineApp(session, clock=lambda: NOW, created=created)


async def ready(pilot):
    from decline_tui.ui.screens.main import MainScreen

    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    """Poll instead of sleeping a fixed time, so a busy CI machine does not flake."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def show_scenarios(pilot) -> None:
    """F6, then wait for the scenario helper: on a wide screen it is made, and filled, the
    first time it shows, and it fills again only while it shows."""
    from decline_tui.ui.widgets.scenario_panel import ScenarioPanel

    await pilot.press("f6")
    panel = pilot.app.screen.query_one(ScenarioPanel)
    await wait_until(pilot, lambda: panel.built and bool(panel.query("#sc-text-follow-up")))
    await wait_until(pilot, lambda: not panel._stale)


async def choose(pilot, value: str) -> None:
    """Answer the open ChoiceDialog (pressing the button, not clicking a screen position)."""
    await wait_until(pilot, lambda: bool(pilot.app.screen.query(f"#choice-{value}")))
    pilot.app.screen.query_one(f"#choice-{value}").press()
    await pilot.pause()


async def go_ahead(pilot) -> None:
    """Answer yes ("… anyway", "Log it") to each question asked before a draft leaves."""
    from decline_tui.ui.screens.dialogs import ChoiceDialog

    for _ in range(3):
        await pilot.pause()
        if not isinstance(pilot.app.screen, ChoiceDialog):
            return
        await choose(pilot, "yes")
