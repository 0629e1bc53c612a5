"""The terminal driver's input loop, fed through a pipe the way a terminal feeds it."""

from __future__ import annotations

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
            time.sleep(0.25)  # read on its own, as a terminal sends it
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
