"""Shared fixtures: every test gets its own data folder; nothing touches the real one."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date, datetime

import pytest

from decline_tui.core.model import Offer, Profile, Workbook

# A Wednesday morning: inside business hours, so timing advice is stable.
NOW = datetime(2026, 11, 25, 10, 30)


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
