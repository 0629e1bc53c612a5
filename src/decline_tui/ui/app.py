"""DeclineApp: thin. It opens the main screen on a session and remembers the theme."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import Theme

from decline_tui.core.journal import Recovered
from decline_tui.core.session import Session
from decline_tui.ui.actions import PALETTE, owner_of
from decline_tui.ui.keygate import KeyGate
from decline_tui.ui.screens.main import MainScreen
from decline_tui.ui.screens.scenarios import Scenarios
from decline_tui.ui.widgets.checklist_view import ChecklistPane
from decline_tui.ui.widgets.offer_list import OfferList

KEYS_BEFORE_EXIT = 2.0  # seconds a signal waits for keys already read to be handled


class DeclineApp(KeyGate, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "decline-tui"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Save and quit", priority=True),
    ]

    def __init__(
        self,
        session: Session,
        *,
        clock: Callable[[], datetime] = datetime.now,
        created: bool = False,
        recovered: list[Recovered] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self.created = created
        self.recovered = recovered or []  # unsaved work of a run that ended without saving
        self._exiting: int | None = None  # the signal that asked us to go
        self._exited = False

    def get_driver_class(self) -> type[Driver]:
        """Our driver where Textual would use its Linux one (see ui/terminal.py for why)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from decline_tui.ui.terminal import SafeLinuxDriver

            return SafeLinuxDriver
        return driver

    def on_mount(self) -> None:
        self._catch_signals()
        theme = self.session.wb.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(MainScreen(self.session))
        if self.created:
            self.notify(
                f"Created {self.session.store.path} with an example offer. "
                "Press F1 for help, ctrl+g to set your name.",
                timeout=8,
                markup=False,
            )

    def on_ready(self) -> None:
        """Slow start-up work waits for the first full frame, so it cannot delay it."""
        screen = self._main_screen()
        if screen is not None:
            screen.call_after_refresh(screen.load_spelling)
            if self.recovered:
                screen.call_after_refresh(screen.offer_recovery, self.recovered)

    def _catch_signals(self) -> None:
        """A closed terminal, `kill` and ctrl+c from outside save before the app goes.

        Tests run headless inside pytest, whose own signal handling stays as it is."""
        if self.is_headless or sys.platform == "win32":
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.signalled, signum)

    def signalled(self, signum: int) -> None:
        """Handle the keys already read, save (or keep it all for the next launch), exit.

        Keys typed just before the window closed may still wait their turn (see KeyGate):
        they reached the app, so they are handled first; should that stall, the guard saves
        what there is after KEYS_BEFORE_EXIT seconds."""
        if self._exiting is not None:
            return
        self._exiting = signum
        self.call_later(self.when_keys_done, self._save_and_exit)
        self.set_timer(KEYS_BEFORE_EXIT, self._save_and_exit)

    def _save_and_exit(self) -> None:
        if self._exited:
            return
        self._exited = True
        screen = self._main_screen()
        if screen is not None:
            screen.save_for_exit()
        self.exit(return_code=128 + (self._exiting or 0))

    def terminal_closed(self) -> None:
        """The driver read end-of-file from the terminal: nobody is there to ask anything."""
        self.signalled(signal.SIGHUP)

    def _theme_changed(self, theme: Theme) -> None:
        self.session.set_theme(theme.name)  # saved like any change, when it is one

    def _main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_help(self) -> None:
        # Its Markdown widget takes a tenth of the start-up to import: only when asked for.
        from decline_tui.ui.screens.help import HelpScreen
        from decline_tui.ui.screens.people import DueScreen, ThanksScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        sections = [
            (
                "Everywhere",
                as_bindings(
                    [
                        *self.BINDINGS,
                        *MainScreen.BINDINGS,
                        Binding(
                            "ctrl+p",
                            "command_palette",
                            "Command palette",
                            tooltip="Every action, searchable",
                        ),
                    ]
                ),
            ),
            ("In the offers list", as_bindings(OfferList.BINDINGS)),
            ("In the scenario helper", as_bindings(Scenarios.BINDINGS)),
            ("In the checklist", as_bindings(ChecklistPane.BINDINGS)),
            ("In the thank-you notes (y)", as_bindings(ThanksScreen.BINDINGS)),
            ("In the check-ins (F10)", as_bindings(DueScreen.BINDINGS)),
            (
                "Moving around",
                [
                    Binding("tab,shift+tab", "", "", tooltip="Next / previous field or region"),
                    Binding(
                        "space,enter,right",
                        "",
                        "",
                        tooltip="On a choice (came by, status, medium, template): the next one",
                    ),
                    Binding("left", "", "", tooltip="On a choice: the previous one"),
                    Binding("escape", "", "", tooltip="Close a dialog"),
                ],
            ),
        ]
        self.push_screen(HelpScreen(sections))

    async def action_quit(self) -> None:
        screen = self._main_screen()
        if screen is None:
            self.exit()
            return
        screen.request_quit()

    def explain_key(self, key: str) -> bool:
        """A documented key that nothing took says why, rather than doing nothing unseen.

        Called (through the key_* methods below) only once no binding handled the key: a
        dialog is open, or the main screen's check_action turned the key's action off."""
        main = self._main_screen()
        if main is None:
            return False
        shown = key.upper() if key.startswith("f") else key
        if self.screen is not main:
            if key == "f1":
                self.action_help()
            else:
                self.notify(
                    f"{shown} works on the main screen: close this first (escape).", timeout=3
                )
            return True
        action = next((b.action for b in as_bindings(MainScreen.BINDINGS) if key in keys_of(b)), "")
        reason = main.unavailable(key, action)
        if reason is None:
            return False
        main.notify(reason, timeout=4, markup=False)
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self._main_screen()
        if main is None:
            return
        yield SystemCommand(
            "help: keys and guide", "F1: every key and a short guide", self.action_help
        )
        for title, help_text, action in PALETTE:
            owner = main.scenarios if owner_of(action) == "scenarios" else main
            yield SystemCommand(title, help_text, partial(owner.run_action, action))


def as_bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    """A BINDINGS list as Binding objects (an entry may be a (key, action[, description])
    tuple), each kept whole: "escape,f1" stays one binding, as the help shows it."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in bindings]


def keys_of(binding: Binding) -> list[str]:
    return [key.strip() for key in binding.key.split(",")]


def _key_handler(key: str) -> Callable[[DeclineApp], bool]:
    def handler(self: DeclineApp) -> bool:
        return self.explain_key(key)

    handler.__doc__ = f"{key}, when no binding took it: say why (see explain_key)."
    return handler


# Textual calls key_<name> on the app for a key that reached it unhandled (dispatch_key).
for _key in {key for binding in as_bindings(MainScreen.BINDINGS) for key in keys_of(binding)}:
    setattr(DeclineApp, f"key_{_key.replace('+', '_')}", _key_handler(_key))
