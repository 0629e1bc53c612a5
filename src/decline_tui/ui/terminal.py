"""The terminal driver, made safe for what real terminals send.

Textual's LinuxDriver decodes input as strict UTF-8 in its input thread: one byte that is not
UTF-8 (a Latin-1 "é" from a misconfigured terminal, `tmux send-keys -H e9`) raises in that
thread, the app panics with a traceback and exits 0, and unsaved edits are gone. (Textual 8.2,
textual/drivers/linux_driver.py `run_input_thread`; not reported upstream as of this writing.)
This driver is the same loop with two differences:

- undecodable bytes become U+FFFD, so a stray byte is a visible "�", never a crash;
- a terminal that hangs up (the window closed: reads fail with EIO or return nothing) stops
  the reading quietly and tells the app, which saves and exits; upstream would panic on EIO
  or spin on an endless end-of-file;
- writes to a terminal that hung up are dropped. Upstream's writer thread dies on the first
  EIO, its queue (30 writes) fills, and the next write blocks the app for good, before it
  has saved.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import IO, Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class _Output:
    """The terminal's output, where a failed write means nobody is there to read it."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> None:
        if self.gone:
            return
        try:
            self._file.write(text)
        except OSError:  # EIO: the window closed
            self.gone = True

    def flush(self) -> None:
        if self.gone:
            return
        try:
            self._file.flush()
        except OSError:
            self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()


class SafeLinuxDriver(LinuxDriver):
    """LinuxDriver whose input thread survives bad bytes and a closed terminal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Textual types `_file` as what sys.__stderr__ is (a TextIOWrapper, or None with no
        # stderr at all); _Output stands in for it, with the same write, flush and fileno.
        self._file = _Output(self._file)  # type: ignore[assignment, arg-type]

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        event_read = selectors.EVENT_READ
        is_terminal = os.isatty(fileno)
        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        hung_up = False

        def process(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            nonlocal hung_up
            for last, (_key, mask) in loop_last(selector_events):
                if not mask & event_read:
                    continue
                try:
                    data = os.read(fileno, 1024 * 4)
                except OSError:  # EIO: the terminal is gone
                    data = b""
                if not data:
                    if is_terminal and not hung_up:
                        hung_up = True
                        hang_up = getattr(self._app, "terminal_closed", None)
                        if hang_up is not None:
                            self._app.call_later(hang_up)
                    break
                text = decode(data, final=final and last)
                if not text:  # the start of a character whose rest is still to come:
                    continue  # feeding "" would tell the parser the input has ended
                for event in feed(text):
                    self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                if hung_up:
                    self.exit_event.wait(0.1)
                    continue
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            if not hung_up:
                process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
