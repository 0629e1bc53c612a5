"""Shared fixtures: every test gets its own data folder; nothing touches the real one."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from decline_tui.core.model import Offer, Profile, Workbook

# A Wednesday morning: inside business hours, so timing advice is stable.
NOW = datetime(2026, 11, 25, 10, 30)


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): a pytest-xdist worker per CPU, and one more. The
    pseudo-terminal tests (xdist_group "pty") keep one worker mostly waiting on the typing's
    real time, so one more keeps every CPU busy (on 2 CPUs: 3 min 48 s against 4 min 55 s).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus + 1


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


async def _idle_between_keys(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """textual._wait.wait_for_idle in 2 ms slices instead of 20 ms: idle still means a slice
    in which the process spent under a twentieth of it on the CPU."""
    start = time.monotonic()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.002)
        elapsed = time.monotonic() - start
        if elapsed >= max_sleep:
            return
        if elapsed > min_sleep and time.process_time() - cpu < 0.0001:
            return


@pytest.fixture(autouse=True)
def _quick_pilot(monkeypatch):
    """Pilot presses keys one by one and waits after each for the app to be idle, twice, in
    Textual's 20 ms slices (textual._wait.wait_for_idle): 40 ms a key at least, most of the
    time of a test that types. Here the keys of one `pilot.press(...)` follow each other after
    the same idle check in 2 ms slices, as fast typing would, and the press ends with one wait
    in Textual's own slices, so what comes after a press (and every `pilot.pause()`) sees the
    app as before: a frame drawn, short timers such as the resize's fired. Keys this close
    together are how type-ahead arrives, and found a key the gate let through too soon."""
    import textual._wait
    import textual.app
    from textual.pilot import Pilot

    press = Pilot.press

    async def quick_press(self, *keys: str) -> None:
        await press(self, *keys)
        if keys:
            await textual._wait.wait_for_idle(0)

    monkeypatch.setattr(textual.app, "wait_for_idle", _idle_between_keys)
    monkeypatch.setattr(Pilot, "press", quick_press)


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


async def wait_until(pilot, condition, timeout: float = 10.0, message: str = "") -> None:
    """Poll instead of sleeping a fixed time, so a busy CI machine does not flake; fail, with
    `message` when given, if the condition is still not met after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.005)  # a polling slice, not a wait for anything in particular
    assert condition(), message or f"not met within {timeout} s: {condition}"


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
    await wait_until(
        pilot,
        lambda: bool(pilot.app.screen.query(f"#choice-{value}")),
        message=f"no #choice-{value} button on {pilot.app.screen!r}",
    )
    dialog = pilot.app.screen
    dialog.query_one(f"#choice-{value}").press()
    await wait_until(
        pilot,
        lambda: dialog not in pilot.app.screen_stack,
        message=f"{dialog!r} still open after pressing #choice-{value}",
    )
    await pilot.pause()  # the answer's callback, which the dialog left to the screen below


async def go_ahead(pilot) -> None:
    """Answer yes ("… anyway", "Log it") to each question asked before a draft leaves; each
    is closed (choose waits for that) before the next is looked for."""
    from decline_tui.ui.screens.dialogs import ChoiceDialog

    for _ in range(3):
        await pilot.pause()
        if not isinstance(pilot.app.screen, ChoiceDialog):
            return
        await choose(pilot, "yes")
