"""Run a program in a pseudo-terminal, read what it draws into `pyte`, and time what we see.

The start-up and keystroke benchmarks share this. A `Pty` spawns the program as the leader of
its own session with the pty as its controlling terminal, at a fixed size, and feeds its output
to a `pyte` screen. `wait_for` reads until a predicate on that screen holds and returns when the
bytes that made it hold were read, so pyte's own (slow, pure Python) parsing of the last batch
is not counted against the program. The process group is always killed on close.

The reliability tests (tests/test_reliability_typing.py) also use it to type into the app and
then kill it, hang up its terminal or signal it: `drain` keeps the output flowing without
parsing it, `capture` keeps every byte read, and `hangup`, `send_signal`, `kill_group` and
`wait_status` end the program the way a closed window, `kill` or a crash would.

Textual 8 writes two DECRQM queries at start (synchronized output, in-band resize) but never
waits for the answers; pyte answers neither, like many terminals, so Textual draws without them.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "tests" / "data" / "demo.toml"
COLS, ROWS = 120, 40

# Keys as a terminal without the kitty keyboard protocol sends them (pyte does not answer
# Textual's request for it, so Textual reads the legacy encodings).
KEYS = {
    "tab": b"\t",
    "f3": b"\x1bOR",
    "end": b"\x1b[F",
    "ctrl+u": b"\x15",
    "ctrl+q": b"\x11",
}


class Timeout(Exception):
    """The screen never showed what we waited for; carries the screen for the report."""


def app_env(**extra: str) -> dict[str, str]:
    """The environment of a measured app: a plain xterm, no Textual devtools or size overrides."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k not in {"COLUMNS", "LINES", "DECLINE_TUI_DATA_DIR"}
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.update(extra)
    return env


@contextlib.contextmanager
def demo_data() -> Iterator[Path]:
    """A fresh data folder holding a copy of the demo workbook, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="decline-bench-"))
    try:
        shutil.copyfile(DEMO, folder / "workbook.toml")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def decline_argv() -> list[str]:
    return [sys.executable, "-m", "decline_tui"]


def minimal_argv(mode: str) -> list[str]:
    return [sys.executable, "-m", "bench.minimal_app", mode]


class Pty:
    """One program in a pseudo-terminal, drawn into a pyte screen."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        cols: int = COLS,
        rows: int = ROWS,
        cwd: Path = ROOT,
    ) -> None:
        self.argv = list(argv)
        self.env = env
        self.cols, self.rows = cols, rows
        self.cwd = cwd
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.pid: int | None = None
        self.fd: int | None = None
        self.started = 0.0
        self.bytes_read = 0
        self.exited: float | None = None  # when the program closed the terminal
        self.parse_ms = 0.0  # time spent in pyte; counted in no figure, kept for diagnosis
        self.capture: bytearray | None = None  # when set, every byte read is kept here too
        self.unparsed = bytearray()  # read by drain(parse=False), not yet fed to pyte
        self.status: int | None = None  # the wait status, once wait_status has reaped it

    # ------------------------------------------------------------------ life cycle

    def start(self) -> float:
        """Fork and exec; returns the perf_counter just before the fork."""
        size = struct.pack("HHHH", self.rows, self.cols, 0, 0)
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: set the size before anything can read it, then exec
            try:
                fcntl.ioctl(pty.STDOUT_FILENO, termios.TIOCSWINSZ, size)
                os.chdir(self.cwd)
                os.execve(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)
        return self.started

    def close(self) -> None:
        """Kill the whole process group and reap the child; safe to call twice."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)  # pty.fork made the child a session leader
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> Pty:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ input and output

    def write(self, data: bytes) -> float:
        """Send keys; returns the perf_counter just before they were written."""
        assert self.fd is not None
        now = time.perf_counter()
        os.write(self.fd, data)
        return now

    def _read_batch(self, timeout: float) -> float | None:
        """Wait up to `timeout` for output, read all that is there, feed it to pyte.

        Returns when the last byte of the batch was read, or None when nothing came.
        """
        assert self.fd is not None
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return None
        chunks: list[bytes] = []
        last = time.perf_counter()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                data = None
            except OSError as exc:  # EIO: the child has gone and closed the pty
                if exc.errno != errno.EIO:
                    raise
                data = b""
            if data:
                chunks.append(data)
                last = time.perf_counter()
                continue
            if data == b"":
                self.exited = time.perf_counter()
                if not chunks:
                    return None
                break
            # Nothing more right now: a frame still being written comes within a moment.
            if not select.select([self.fd], [], [], 0.0005)[0]:
                break
        payload = b"".join(chunks)
        self.bytes_read += len(payload)
        if self.capture is not None:
            self.capture += payload
        if self.unparsed:
            payload = bytes(self.unparsed) + payload
            self.unparsed.clear()
        begin = time.perf_counter()
        self.stream.feed(payload)
        self.parse_ms += (time.perf_counter() - begin) * 1000
        return last

    def drain(self, timeout: float, parse: bool = True) -> int:
        """Wait up to `timeout` for output and read what is there; the number of bytes read.

        Unlike `_read_batch` it never lingers for the rest of a frame, so a typing loop can
        call it between keystrokes. With parse=False the bytes only queue up (cheaply) until
        the next parse or `catch_up`: the screen lags, but the program is never held up by a
        full terminal buffer.
        """
        assert self.fd is not None
        if not select.select([self.fd], [], [], max(timeout, 0.0))[0]:
            return 0
        chunks: list[bytes] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            except OSError as exc:  # EIO: the child has gone and closed the pty
                if exc.errno != errno.EIO:
                    raise
                data = b""
            if not data:
                if self.exited is None:
                    self.exited = time.perf_counter()
                break
            chunks.append(data)
        payload = b"".join(chunks)
        self.bytes_read += len(payload)
        if self.capture is not None:
            self.capture += payload
        self.unparsed += payload
        if parse:
            self.catch_up()
        return len(payload)

    def catch_up(self) -> None:
        """Feed pyte what `drain(parse=False)` read, so the screen is current again."""
        if self.unparsed:
            payload = bytes(self.unparsed)
            self.unparsed.clear()
            begin = time.perf_counter()
            self.stream.feed(payload)
            self.parse_ms += (time.perf_counter() - begin) * 1000

    # ------------------------------------------------------------------ ending it

    def send_signal(self, signum: int) -> float:
        """`kill -SIG pid`; returns the perf_counter just before it was sent."""
        assert self.pid is not None
        now = time.perf_counter()
        os.kill(self.pid, signum)
        return now

    def kill_group(self, signum: int = signal.SIGKILL) -> float:
        """Signal the whole process group; returns the perf_counter just before it was sent."""
        assert self.pid is not None
        now = time.perf_counter()
        os.killpg(self.pid, signum)
        return now

    def hangup(self) -> float:
        """Close our end of the terminal, as closing a terminal window does: the kernel sends
        SIGHUP to the program (the session leader) and its reads and writes fail from then on.
        Returns the perf_counter just before; nothing can be read from the program afterwards.
        """
        assert self.fd is not None
        now = time.perf_counter()
        os.close(self.fd)
        self.fd = None
        return now

    def wait_status(self, timeout: float = 20.0) -> int | None:
        """Wait for the program to end (reading its output meanwhile, while the terminal is
        open); its wait status, or None if it is still running after `timeout`."""
        deadline = time.perf_counter() + timeout
        while self.pid is not None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.pid, self.status = None, status
                break
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            if self.fd is not None and self.exited is None:
                self.drain(min(left, 0.02))
            else:
                time.sleep(min(left, 0.005))
        if self.fd is not None and self.exited is None:  # what it wrote just before it ended
            while self.exited is None and self.drain(0.05):
                pass
        return self.status

    def wait_for(self, predicate: Callable[[pyte.Screen], bool], timeout: float = 20.0) -> float:
        """Read until `predicate(screen)` holds; the perf_counter of the read that made it so."""
        deadline = time.perf_counter() + timeout
        if predicate(self.screen):
            return time.perf_counter()
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout(f"{self.argv}: gave up after {timeout} s; the screen:\n{self.text()}")
            when = self._read_batch(left)
            if when is not None and predicate(self.screen):
                return when
            if self.exited is not None:
                raise Timeout(f"{self.argv} exited; the screen:\n{self.text()}")

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Read until the program has drawn nothing for `quiet` seconds (or has exited)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self.exited is None:
            if self._read_batch(quiet) is None:
                return

    def wait_exit(self, timeout: float = 20.0) -> float:
        """Read until the program closes the terminal; the perf_counter when it did."""
        deadline = time.perf_counter() + timeout
        while self.exited is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout(f"{self.argv}: still running after {timeout} s:\n{self.text()}")
            self._read_batch(left)
        return self.exited

    # ------------------------------------------------------------------ the screen

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)


def row_text(screen: pyte.Screen, y: int, left: int = 0, right: int | None = None) -> str:
    """One row's characters from column `left` up to `right`: cheaper than screen.display."""
    line = screen.buffer[y]
    stop = screen.columns if right is None else right
    return "".join(line[x].data for x in range(left, stop))


def shows(*needles: str) -> Callable[[pyte.Screen], bool]:
    """A predicate: every needle appears somewhere on the screen."""

    def predicate(screen: pyte.Screen) -> bool:
        text = "\n".join(row_text(screen, y) for y in range(screen.lines))
        return all(n in text for n in needles)

    return predicate


def find_box(screen: pyte.Screen, title: str) -> tuple[int, int, int, int]:
    """The inside (top, left, bottom, right; bottom and right exclusive) of a rounded box
    whose top border carries `title`, as Textual draws a border title."""
    for y in range(screen.lines):
        row = row_text(screen, y)
        at = row.find(f"─ {title} ")
        if at < 0:
            continue
        left = row.rfind("╭", 0, at)
        right = row.find("╮", at)
        if left < 0 or right < 0:
            continue
        for bottom in range(y + 1, screen.lines):
            if screen.buffer[bottom][left].data == "╰":
                return y + 1, left + 1, bottom, right
    raise Timeout(f"no box titled {title!r} on the screen")


def box_shows(box: tuple[int, int, int, int], needle: str) -> Callable[[pyte.Screen], bool]:
    """A predicate: `needle` appears on one row inside the box (and nowhere else counts)."""
    top, left, bottom, right = box

    def predicate(screen: pyte.Screen) -> bool:
        return any(needle in row_text(screen, y, left, right) for y in range(top, bottom))

    return predicate


def bytecode_env(cache: str, **extra: str) -> dict[str, str]:
    """Like an installed app: bytecode is cached (in a folder of ours, not in the checkout)."""
    env = app_env(PYTHONPYCACHEPREFIX=cache, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
