"""Typing into the real app, then the process is killed or its terminal closed: what survives.

The app runs as a person runs it: `python -m decline_tui` in a 120x40 pseudo-terminal (the
benchmarks' driver, bench/pty_driver.py, read by pyte), on a fresh copy of the demo workbook in
a data folder of its own. The focus goes to the Notes field of the Details form, checked on the
screen (the field is drawn lit, the cursor sits at its start), and then numbered words
"w001 w002 ..." are typed one character per write, 30-50 ms apart.

The close tests get to Notes with the keyboard: F3, then ten Tabs. The SIGKILL loop clicks in
the field instead: each Tab costs the app about 0.2 s of CPU (a focus change redraws the form),
two CPU-seconds a run, which the soak's thousand runs on 2 CPUs cannot afford.

- SIGKILL: at a random moment (seeded) the process group is killed. Whatever survives is in
  workbook.toml and in the recovery journals, recovery-*.toml, that the app writes while there
  are unsaved edits. The longest typed prefix found in either is what survived; the lost typing
  is the time from the write of the last surviving character to the kill (from the first
  write, when nothing survived), and the characters typed after it. The worst may be 2.0 s.
  The workbook must be valid TOML and private (0600) after every kill, and so must each
  journal. The next two apps start up and are focused while one is typed into, so the runs
  follow each other with little waiting for start-ups.
- Closing: after a burst of typing, within 0.1 s of the last keystroke (well inside the
  autosave's 0.8 s delay), the terminal is closed (our end of the pty, as a closed window),
  or the app gets SIGHUP, SIGTERM or SIGINT. It must save everything typed to workbook.toml,
  leave no journal, print no traceback, end without crashing, and (SIGTERM and SIGINT) give
  the terminal back: leave the alternate screen and turn mouse reporting off.

`pytest --soak` runs 1,000 kills instead of 10, each after 0.5-4 s of typing instead of
0.5-2.5 s (the default run, CI's, keeps to a few kills, some 15 s, each checking everything
above; kills after more than 2 s of typing still probe the limit on an unsaved change's age).
With -s the summary is printed; DECLINE_TUI_TYPING_JSON=<file> also writes it, with every run,
as JSON. POSIX only: pseudo-terminals and signals.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import shutil
import signal
import stat
import statistics
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "fork") or not hasattr(signal, "SIGKILL") or not hasattr(os, "killpg"),
        reason="needs pseudo-terminals and POSIX signals",
    ),
    # One pytest-xdist worker runs these one after the other (and the benchmarks' smoke run):
    # they share the module's bytecode cache, and no two of them time typing in a
    # pseudo-terminal at once.
    pytest.mark.xdist_group("pty"),
]

pyte = pytest.importorskip("pyte")
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

from bench.pty_driver import (  # noqa: E402 (only once pyte is known to be there)
    DEMO,
    KEYS,
    Pty,
    Timeout,
    bytecode_env,
    decline_argv,
    find_box,
    row_text,
    shows,
)
from bench.startup import DECLINE_MARKERS  # noqa: E402

OFFER = "acme"  # the demo's first offer, selected at start; its notes are empty
FIELD = "notes"
UNTOUCHED = ("company", "role", "contact_name", "contact_email", "reason", "admired", "project")
NOTES_HINT = "for you only"  # the start of the Notes field's placeholder (the rest is cut)

GAP = (0.030, 0.050)  # seconds between keystrokes
SETTLED = 1.0  # seconds after its first full screen before typing starts (the spelling
# dictionary loads in the background meanwhile, holding up keystrokes for a third of a second)
RUNS, SOAK_RUNS = 10, 1000  # SIGKILLs
AHEAD = 2  # apps starting up and being focused while one is typed into
TYPING, SOAK_TYPING = (0.5, 2.5), (0.5, 4.0)  # seconds of typing before each
WORST_LOST = 2.0  # seconds of typing a SIGKILL may lose at most
SIGNAL_WITHIN = 0.1  # seconds after the last keystroke the close is sent, aimed at
# The close must come well before the autosave (0.8 s after the last edit) could have saved
# the last word: a loaded machine may send it a little late, which proves as much.
SIGNAL_BEFORE_AUTOSAVE = 0.4
EXIT_TIMEOUT = 15.0  # seconds an app may take to exit after a signal
JSON_ENV = "DECLINE_TUI_TYPING_JSON"

ENTER_ALT, LEAVE_ALT = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_ON, MOUSE_OFF = b"\x1b[?1000h", b"\x1b[?1000l"


def words(count: int = 400) -> str:
    """Numbered words, "w001 w002 ...": how far it got can be read off what survived."""
    return " ".join(f"w{i:03d}" for i in range(1, count + 1))


TEXT = words()


# --------------------------------------------------------------------------- the app


@dataclass
class Running:
    """One app on its own data folder, in its own pseudo-terminal."""

    folder: Path
    term: Pty
    drawn: float = 0.0  # the perf_counter of its first full screen
    plain: dict[str, str] = field(default_factory=dict)  # the fields' look, none focused


def launch(folder: Path, cache: str, capture: bool = False) -> Running:
    """A fresh copy of the demo workbook (private, as the app makes it) and the app on it;
    `capture` keeps every byte it writes to the terminal."""
    folder.mkdir(parents=True)
    workbook = folder / "workbook.toml"
    fd = os.open(workbook, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(DEMO.read_bytes())
    env = bytecode_env(cache, DECLINE_TUI_DATA_DIR=str(folder))
    term = Pty(decline_argv(), env)
    term.capture = bytearray() if capture else None
    with warnings.catch_warnings():  # Python 3.12+ frowns on forking with threads running;
        warnings.simplefilter("ignore", DeprecationWarning)  # the child only execs the app
        term.start()
    return Running(folder, term)


ORDER = (  # the Details form's fields from the first, as Tab visits them
    "Company",
    "Role",
    "Contact",
    "Email",
    "Received",
    "Deadline",
    "Came by",  # a dropdown
    "Reason",
    "Admired",
    "Project",
    "Notes",
    "Rounds",
    "Referrer",
)
NOTES = ORDER.index("Notes")
INSIDE = 12  # columns from a label to a cell inside its field (labels are 10 wide)
SHIFT_TAB = b"\x1b[Z"
QUIET = 0.75  # seconds the focus must rest before it is judged


def columns(screen: pyte.Screen, y: int) -> str:
    """A row, one character per column (row_text drops the second half of a wide one)."""
    row = screen.buffer[y]
    return "".join((row[x].data or " ")[0] for x in range(screen.columns))


def fields(screen: pyte.Screen) -> dict[str, tuple[int, int]]:
    """Where each visible field of the Details form is: its label's (row, column)."""
    top, left, bottom, right = find_box(screen, "Details")
    found: dict[str, tuple[int, int]] = {}
    for y in range(top, bottom):
        text = columns(screen, y)[left:right]
        label = text.lstrip()
        for name in ORDER:
            if label.startswith(name + " ") and name not in found:
                found[name] = (y, left + len(text) - len(label))
    return found


def field_row(screen: pyte.Screen, label: str) -> int:
    where = fields(screen).get(label)
    if where is None:
        raise Timeout(f"no {label!r} field in the Details box:\n{screen_of(screen)}")
    return where[0]


def looks(screen: pyte.Screen) -> dict[str, str]:
    """Each visible field's background, which tells the focused one from the rest."""
    return {name: screen.buffer[y][x + INSIDE].bg for name, (y, x) in fields(screen).items()}


def focused(screen: pyte.Screen, plain: dict[str, str]) -> str | None:
    """The field drawn unlike it is without the focus (`plain`), if exactly one is."""
    now = looks(screen)
    lit = [name for name, bg in now.items() if name in plain and bg != plain[name]]
    return lit[0] if len(lit) == 1 else None


def at_empty_notes(screen: pyte.Screen) -> bool:
    """The cursor is at the start of the empty Notes field: Textual puts the terminal's
    (hidden) cursor at the focused input's cursor, on the first cell or just after it."""
    try:
        y = field_row(screen, "Notes")
    except Timeout:
        return False
    start = columns(screen, y).find(NOTES_HINT)
    return screen.cursor.y == y and start >= 0 and start <= screen.cursor.x <= start + 1


def screen_of(screen: pyte.Screen) -> str:
    return "\n".join(line.rstrip() for line in screen.display)


def stable_focus(term: Pty, plain: dict[str, str], quiet: float = QUIET) -> str | None:
    """Read until the focused field has been the same for `quiet` seconds; which it is.

    Only then are keys still on their way unlikely, so a correction cannot cross them."""
    last: object = ()
    since = time.perf_counter()
    deadline = since + 20
    while (now := time.perf_counter()) < deadline:
        here = focused(term.screen, plain)
        if here != last:
            last, since = here, now
        elif now - since >= quiet:
            return here
        term.drain(0.05)
        if term.exited is not None:
            raise Timeout(f"the app ended:\n{term.text()}")
    raise Timeout(f"the focus never came to rest:\n{term.text()}")


def click(term: Pty, y: int, x: int) -> None:
    """A left click at a cell (0-based), as a terminal reports it to Textual (SGR mode)."""
    term.write(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m".encode())


def focus_notes(app: Running, by: str = "keys") -> None:
    """Move the focus to the empty Notes field of the Details form, and see that it is there.

    by="keys": F3 focuses the form's first field, then ten Tabs reach Notes (a dropdown on
    the way, not an input), a key every 30 ms as a person's fingers go. by="click": a click
    in the Notes field. The screen tells where the focus went: the focused field is drawn
    lit, and Notes has the cursor at its start. Should it end up elsewhere (a key lost, or
    one too many), it goes on as a person looking at the screen would, once the focus rests:
    Tab or shift+Tab one press at a time (or another click) until it is Notes.
    """
    term = app.term
    app.drawn = term.wait_for(shows(*DECLINE_MARKERS))
    app.plain = plain = looks(term.screen)  # the offers list has the focus: no field is lit
    if set(plain) != set(ORDER):
        raise Timeout(f"not every field of the Details form shows:\n{term.text()}")
    if by == "keys":
        term.write(KEYS["f3"])
        with contextlib.suppress(Timeout):
            term.wait_for(lambda s: focused(s, plain) == ORDER[0], timeout=10)
        if focused(term.screen, plain) == ORDER[0]:
            for _ in range(NOTES):
                term.write(KEYS["tab"])
                term.drain(0.03)
    now = None
    for _ in range(20):
        if by == "click":
            y, x = fields(term.screen)["Notes"]
            click(term, y, x + INSIDE)
        with contextlib.suppress(Timeout):
            term.wait_for(at_empty_notes, timeout=3.0)
        now = stable_focus(term, plain)
        if now == "Notes" and at_empty_notes(term.screen):
            return
        if by == "keys":
            if now is None:
                term.write(KEYS["f3"])
            else:
                term.write(KEYS["tab"] if ORDER.index(now) < NOTES else SHIFT_TAB)
    cursor = term.screen.cursor
    raise Timeout(
        f"could not focus the empty Notes field (the focus is on {now}, the cursor at row "
        f"{cursor.y}, column {cursor.x}); the screen:\n{term.text()}"
    )


def notes_show(term: Pty, text: str) -> Callable[[pyte.Screen], bool]:
    """A predicate: the Notes field's row ends with the last characters typed (it scrolls)."""
    y = field_row(term.screen, "Notes")
    tail = text[-12:]
    return lambda screen: tail in row_text(screen, y)


def screen_text(term: Pty) -> str:
    term.catch_up()
    return term.text()


def settle(app: Running) -> None:
    """Wait, reading, until the app has been up SETTLED seconds, as a person would; then
    make sure the focus is still at the start of the empty Notes field."""
    while (left := app.drawn + SETTLED - time.perf_counter()) > 0:
        app.term.drain(left)
    app.term.drain(0)
    if not (focused(app.term.screen, app.plain) == "Notes" and at_empty_notes(app.term.screen)):
        raise Timeout(f"the focus left the empty Notes field:\n{app.term.text()}")


def type_keys(
    term: Pty, text: str, rng: random.Random, until: float | None, parse: bool
) -> list[float]:
    """Type `text` one character per write, GAP apart, until it is all typed or `until`
    (a perf_counter) comes; the perf_counter of each write."""
    writes: list[float] = []
    due = time.perf_counter()
    for char in text:
        while True:
            now = time.perf_counter()
            if until is not None and now >= until:
                return writes
            if now >= due:
                break
            term.drain(min(due, until or due) - now, parse=parse)
            if term.exited is not None:
                raise AssertionError(f"the app ended while typing:\n{screen_text(term)}")
        writes.append(term.write(char.encode()))
        due = writes[-1] + rng.uniform(*GAP)
    if until is not None:  # typed it all: go on reading until the moment comes
        while (left := until - time.perf_counter()) > 0 and term.exited is None:
            term.drain(left, parse=parse)
    return writes


# --------------------------------------------------------------------------- the folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def offer_fields(data: dict) -> dict:
    for offer in data.get("offers", []):
        if offer.get("id") == OFFER:
            return offer
    raise AssertionError(f"no offer {OFFER!r}")


DEMO_OFFER = offer_fields(tomllib.loads(DEMO.read_text(encoding="utf-8")))


def read_notes(path: Path, problems: list[str]) -> str | None:
    """The offer's notes in one file, or None (with the reason in `problems`)."""
    try:
        offer = offer_fields(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, AssertionError) as exc:
        problems.append(f"{path.name} cannot be read: {exc}")
        return None
    if mode(path) != 0o600:
        problems.append(f"{path.name} has mode {mode(path):o}, not 600")
    for name in UNTOUCHED:
        if offer.get(name) != DEMO_OFFER.get(name):
            problems.append(f"{path.name}: the typing reached {name}: {offer.get(name)!r}")
    value = offer.get(FIELD, "")
    if not isinstance(value, str):
        problems.append(f"{path.name}: {FIELD} is {value!r}")
        return None
    return value


def journals(folder: Path) -> list[Path]:
    return sorted(folder.glob("recovery-*.toml"))


# --------------------------------------------------------------------------- SIGKILL


@dataclass
class Kill:
    typed_for: float  # seconds from the first keystroke to the kill
    written: int  # characters written to the pty
    survived: int  # the longest typed prefix on disk
    source: str  # where it was: workbook, journal, both or nothing
    lost_s: float
    lost_chars: int
    waited_s: float = 0.0  # for the next app to be ready and settled, before typing
    problems: list[str] = field(default_factory=list)


def kill_while_typing(app: Running, duration: float, rng: random.Random) -> Kill:
    term = app.term
    start = time.perf_counter()
    writes = type_keys(term, TEXT, rng, until=start + duration, parse=False)
    killed = term.kill_group(signal.SIGKILL)
    term.close()  # reaps it; what it drew since the keystrokes began is never parsed
    typed = TEXT[: len(writes)]
    problems: list[str] = []
    found = {}
    workbook = app.folder / "workbook.toml"
    found["workbook"] = read_notes(workbook, problems)
    if found["workbook"] is None:
        problems.append("the workbook is not a valid workbook after the kill")
    for journal in journals(app.folder):
        found[journal.name] = read_notes(journal, problems)
    lengths: dict[str, int] = {}
    for name, value in found.items():
        if value is None:
            continue
        if not typed.startswith(value):
            problems.append(f"{name}: {FIELD} is {value[:60]!r}..., not what was typed")
            continue
        where = "workbook" if name == "workbook" else "journal"
        lengths[where] = max(lengths.get(where, 0), len(value))
    best = max(lengths.values(), default=0)
    holders = [where for where, length in lengths.items() if best and length == best]
    source = "both" if len(holders) == 2 else holders[0] if holders else "nothing"
    since = writes[best - 1] if best else writes[0] if writes else start
    return Kill(
        typed_for=killed - start,
        written=len(writes),
        survived=best,
        source=source,
        lost_s=killed - since,
        lost_chars=len(writes) - best,
        problems=problems,
    )


def percentile(values: list[float], p: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class Standby:
    """An app started ahead of its turn, taken to the Notes field by a thread of its own."""

    def __init__(self, app: Running) -> None:
        self.app = app
        self.error: BaseException | None = None
        self.worker = threading.Thread(target=self._prepare, daemon=True)
        self.worker.start()

    def _prepare(self) -> None:
        try:
            focus_notes(self.app, by="click")  # see the module's docstring
        except BaseException as exc:
            self.error = exc

    def ready(self, n: int) -> Running:
        self.worker.join(60)
        if self.worker.is_alive() or self.error is not None:
            problem = self.error or "still trying after 60 s"
            raise AssertionError(f"run {n}: could not focus the Notes field: {problem}")
        return self.app


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> str:
    """Bytecode cached between launches, as for an installed app (in a folder of ours)."""
    return str(tmp_path_factory.mktemp("pyc"))


def test_sigkill_while_typing_loses_at_most_two_seconds(tmp_path, cache, soak):
    runs = SOAK_RUNS if soak else RUNS
    shortest, longest = SOAK_TYPING if soak else TYPING
    moments = random.Random(20261127)
    keys = random.Random(1127)
    results: list[Kill] = []
    ahead: deque[Standby] = deque()
    began = time.perf_counter()
    try:
        for n in range(min(AHEAD, runs)):
            ahead.append(Standby(launch(tmp_path / f"run-{n:04d}", cache)))
        for n in range(runs):
            waiting = time.perf_counter()
            app = ahead[0].ready(n)
            if n + AHEAD < runs:  # starts up while this one is typed into
                ahead.append(Standby(launch(tmp_path / f"run-{n + AHEAD:04d}", cache)))
            settle(app)
            typing = time.perf_counter()
            result = kill_while_typing(app, moments.uniform(shortest, longest), keys)
            result.waited_s = typing - waiting
            results.append(result)
            ahead.popleft()
            if not result.problems:
                shutil.rmtree(app.folder, ignore_errors=True)
    finally:
        for standby in ahead:
            standby.app.term.close()
        for standby in ahead:
            standby.worker.join(15)
    elapsed = time.perf_counter() - began

    lost_s = [r.lost_s for r in results]
    lost_c = [r.lost_chars for r in results]
    sources = {s: sum(r.source == s for r in results) for s in ("workbook", "journal", "both")}
    sources["nothing"] = sum(r.source == "nothing" for r in results)
    summary = {
        "runs": len(results),
        "typing_s": [shortest, longest],
        "worst_lost_s": max(lost_s),
        "median_lost_s": statistics.median(lost_s),
        "p95_lost_s": percentile(lost_s, 95),
        "worst_lost_chars": max(lost_c),
        "median_lost_chars": statistics.median(lost_c),
        "p95_lost_chars": percentile(lost_c, 95),
        "over_limit": sum(x > WORST_LOST for x in lost_s),
        "survived_in": sources,
        "elapsed_s": elapsed,
    }
    print(
        f"\nSIGKILL while typing: {len(results)} runs ({shortest}-{longest} s of typing, "
        f"{elapsed:.0f} s); lost typing worst {summary['worst_lost_s']:.2f} s, "
        f"median {summary['median_lost_s']:.2f} s, 95th percentile {summary['p95_lost_s']:.2f} s;"
        f" characters worst {summary['worst_lost_chars']}, median "
        f"{summary['median_lost_chars']:g}, 95th percentile {summary['p95_lost_chars']}; "
        f"{summary['over_limit']} runs lost more than {WORST_LOST} s; survived in: {sources}"
    )
    if os.environ.get(JSON_ENV):
        Path(os.environ[JSON_ENV]).write_text(
            json.dumps({"summary": summary, "runs": [asdict(r) for r in results]}, indent=1),
            encoding="utf-8",
        )

    problems = [f"run {n}: {p}" for n, r in enumerate(results) for p in r.problems]
    assert not problems, "\n".join(problems[:20])
    worst = max(range(len(results)), key=lambda n: results[n].lost_s)
    assert results[worst].lost_s <= WORST_LOST, (
        f"run {worst} lost {results[worst].lost_s:.2f} s of typing ({results[worst]})"
    )


# --------------------------------------------------------------------------- closing


CLOSES = {
    "terminal-closed": signal.SIGHUP,  # our end of the pty closed: the kernel sends SIGHUP
    "sighup": signal.SIGHUP,
    "sigterm": signal.SIGTERM,
    "sigint": signal.SIGINT,
}


def restored(output: bytes) -> tuple[bool, bool]:
    """Whether the output ends outside the alternate screen and with mouse reporting off."""
    left = output.rfind(LEAVE_ALT)
    mouse_off = output.rfind(MOUSE_OFF)
    return (
        left >= 0 and output.rfind(ENTER_ALT) < left,
        mouse_off >= 0 and output.rfind(MOUSE_ON) < mouse_off,
    )


def describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"


@pytest.mark.parametrize("how", list(CLOSES))
def test_closing_right_after_typing_saves_every_character(tmp_path, cache, how):
    """A burst of typing, then the close within 0.1 s of the last keystroke.

    The keystrokes before the last are let shown on the screen first (at 30-50 ms apart a
    busy app may lag a little behind), then the last is typed and the close follows as soon
    as it shows, or 0.09 s after it at the latest. So every character has reached the app,
    and the last edit is well inside the autosave's delay. Once our end of the terminal is
    closed nothing the app writes can be seen: that case is judged by the files and how the
    app ended.
    """
    signum = CLOSES[how]
    app = launch(tmp_path / "data", cache, capture=True)
    term = app.term
    burst = words(6)  # "w001 ... w006": 29 characters, about 1.2 s
    try:
        focus_notes(app)
        settle(app)
        type_keys(term, burst[:-1], random.Random(6), until=None, parse=True)
        try:
            term.wait_for(notes_show(term, burst[:-1]), timeout=10)
        except Timeout as exc:
            raise Timeout(f"the typing never showed in the Notes field: {exc}") from None
        last = term.write(burst[-1].encode())
        try:
            term.wait_for(
                notes_show(term, burst), timeout=last + SIGNAL_WITHIN * 0.9 - time.perf_counter()
            )
            shown = True
        except Timeout:
            shown = False
        before = len(term.capture)
        sent = term.hangup() if how == "terminal-closed" else term.send_signal(signum)
        status = term.wait_status(EXIT_TIMEOUT)
        screen = screen_text(term)
        assert status is not None, f"still running {EXIT_TIMEOUT} s after {how}:\n{screen}"
    finally:
        term.close()
    after_last_key = sent - last
    output = bytes(term.capture)
    tail = output[before:]
    alt_ok, mouse_ok = restored(tail)
    leftovers = journals(app.folder)
    problems: list[str] = []
    notes = read_notes(app.folder / "workbook.toml", problems)
    print(
        f"\n{how}: sent {after_last_key * 1000:.0f} ms after the last of {len(burst)} keystrokes"
        f" (it showed by then: {shown}); {describe(status)}; workbook {FIELD}: {notes!r}; "
        f"journals left: {[p.name for p in leftovers]}; terminal restored: "
        + (
            "(not visible)"
            if how == "terminal-closed"
            else f"alternate screen left {alt_ok}, mouse off {mouse_ok}"
        )
    )

    assert after_last_key < SIGNAL_BEFORE_AUTOSAVE
    # Not a crash: an exit of 0 or 128 + the signal, or the signal's own default death.
    assert (os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 128 + signum)) or (
        os.WIFSIGNALED(status) and os.WTERMSIG(status) == signum
    ), f"{how}: {describe(status)} is a crash; the screen:\n{screen}"
    assert b"Traceback" not in output, output[output.find(b"Traceback") :].decode(
        "utf-8", "replace"
    )
    assert not problems, problems
    assert notes == burst, f"{how}: the workbook's {FIELD} hold {notes!r}, typed {burst!r}" + (
        "" if shown else " (the last keystroke had not shown when the signal came)"
    )
    assert not leftovers, f"{how}: journals left behind: {[p.name for p in leftovers]}"
    if signum in (signal.SIGTERM, signal.SIGINT):
        assert alt_ok, f"{how}: the alternate screen was not left: {tail[-300:]!r}"
        assert mouse_ok, f"{how}: mouse reporting was not turned off: {tail[-300:]!r}"


def test_bytes_that_are_not_utf8_from_the_terminal_do_not_crash_the_app(tmp_path, cache):
    """A Latin-1 "é" (0xE9) from a misconfigured terminal: shown as �, typing goes on."""
    app = launch(tmp_path / "data", cache, capture=True)
    term = app.term
    try:
        focus_notes(app)
        settle(app)
        type_keys(term, "caf", random.Random(1), until=None, parse=True)
        term.write(b"\xe9")
        term.drain(0.5)  # read on its own, as a terminal sends it: an unfinished character
        type_keys(term, " ok", random.Random(2), until=None, parse=True)
        try:
            term.wait_for(notes_show(term, "caf\ufffd ok"), timeout=10)
        except Timeout as exc:
            raise Timeout(f"the typing never showed after the bad byte: {exc}") from None
        term.write(b"\x11")  # ctrl+q: save and quit
        status = term.wait_status(EXIT_TIMEOUT)
        screen = screen_text(term)
        assert status is not None, f"still running after ctrl+q:\n{screen}"
    finally:
        term.close()
    output = bytes(term.capture)
    assert b"Traceback" not in output
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, describe(status)
    problems: list[str] = []
    assert read_notes(app.folder / "workbook.toml", problems) == "caf\ufffd ok", problems
