"""The terminal driver's input loop, fed through a pipe the way a terminal feeds it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the POSIX driver")


class FakeApp:
    def __init__(self) -> None:
        self.later: list[object] = []

    def call_later(self, callback, *args) -> None:
        self.later.append(callback)


def wait_drained(fd: int, timeout: float = 5.0) -> None:
    """Until the reader has taken every byte waiting in the pipe `fd` reads from."""
    import array
    import fcntl
    import termios

    waiting = array.array("i", [0])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fcntl.ioctl(fd, termios.FIONREAD, waiting, True)
        if waiting[0] == 0:
            return
        time.sleep(0.001)  # a polling slice
    raise AssertionError(f"the input thread left {waiting[0]} bytes unread for {timeout} s")


def run_driver(chunks: list[bytes]) -> tuple[list[object], list[BaseException], FakeApp]:
    """Each chunk arrives in a read of its own; what came out, and what the thread raised."""
    from decline_tui.ui.terminal import SafeLinuxDriver

    read_end, write_end = os.pipe()
    driver = SafeLinuxDriver.__new__(SafeLinuxDriver)
    app = FakeApp()
    driver.fileno = read_end
    driver._debug = False
    driver._app = app
    driver.exit_event = threading.Event()
    seen: list[object] = []
    driver.process_message = seen.append
    errors: list[BaseException] = []

    def run() -> None:
        try:
            driver.run_input_thread()
        except BaseException as exc:  # the real driver would panic the app with it
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        for chunk in chunks:
            os.write(write_end, chunk)
            # Read on its own, as a terminal sends it: the next goes once the pipe is empty.
            wait_drained(read_end)
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(write_end)
        os.close(read_end)
    return seen, errors, app


def test_a_lone_latin1_byte_becomes_a_replacement_character_not_a_crash():
    """0xE9 ("é" in Latin-1) looks like the start of a three-byte character: the decoder
    waits for the rest, and upstream's loop then fed the parser "", which it takes as the end
    of input; the next key killed the input thread (and the app) with ParseError."""
    seen, errors, _ = run_driver([b"\xe9", b"x", b"y"])
    assert errors == []
    keys = [getattr(event, "character", None) for event in seen]
    assert keys == ["\ufffd", "x", "y"]


def test_output_to_a_terminal_that_hung_up_is_dropped_not_left_to_block_the_app(monkeypatch):
    """Once the window is closed every write to the terminal fails with EIO. Textual's writer
    thread died on the first failure, then its queue (30 writes) filled and the next write
    blocked the app for good, before it could save: "still running 15 s after the terminal
    closed" in 1 of 4 CI runs, when the exit took a few more frames than usual."""
    import pty

    from textual.drivers._writer_thread import WriterThread

    from decline_tui.ui.terminal import SafeLinuxDriver

    master, slave = pty.openpty()
    gone = os.fdopen(slave, "w", encoding="utf-8")
    os.close(master)  # the window closed: writes to our end now fail
    monkeypatch.setattr("sys.__stderr__", gone)

    async def make() -> SafeLinuxDriver:  # a driver is made inside the app's event loop
        return SafeLinuxDriver(FakeApp())

    driver = asyncio.run(make())
    writer = WriterThread(driver._file)
    writer.start()

    def exit_writes() -> None:
        for n in range(200):  # frames and the exit's own escape codes
            writer.write(f"frame {n}\n")
        writer.stop()

    exiting = threading.Thread(target=exit_writes, daemon=True)
    exiting.start()
    exiting.join(5)
    try:
        assert not exiting.is_alive(), "writing to the closed terminal blocked"
    finally:
        with contextlib.suppress(OSError):
            gone.close()
