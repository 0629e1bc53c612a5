"""Keystroke to draft: from typing a character in a form field until the draft pane shows it.

decline-tui runs on a fresh copy of the demo workbook in a 120x40 pseudo-terminal. The contact
field is cleared, then a name is typed one letter at a time; each letter is timed from the write
to the pty until the draft pane (its box on the screen, nothing else counts) greets the new name:
"Dear Jo," then "Dear Jon," and so on. The baseline is the minimal Textual app echoing its Input
into a Static ("echo: Jon"), typed the same way. Letters go one per PACE seconds plus up to one
frame (a fast typist), and never before the previous one has shown.

`decline_tui(..., offers=1000)` types the same way into the demo workbook with 1,000 generated
offers after its own: the scale benchmark's "typing while a 1,000-offer save runs".
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyte

from bench.common import Report, median, spread
from bench.minimal_app import ECHO_PREFIX
from bench.pty_driver import (
    COLS,
    KEYS,
    ROWS,
    Pty,
    box_shows,
    bytecode_env,
    decline_argv,
    demo_data,
    find_box,
    minimal_argv,
    row_text,
    shows,
)
from bench.startup import DECLINE_MARKERS

FRAME_MS = 1000 / 60
PACE = 0.1  # seconds between keystrokes, at least: about 10 characters a second
NAMES = ("Jonathan", "Rosalind", "Benedict", "Philippa", "Clemence")


def letters(count: int) -> Iterator[tuple[bool, str]]:
    """(starts a new name, the name so far) for `count` keystrokes."""
    done = 0
    while True:
        for name in NAMES:
            for i in range(1, len(name) + 1):
                if done == count:
                    return
                yield i == 1, name[:i]
                done += 1


def type_and_time(
    term: Pty,
    count: int,
    clear: Callable[[Pty], None],
    needle: Callable[[str], Callable[[pyte.Screen], bool]],
) -> list[float]:
    """Type `count` letters; milliseconds from each write until its predicate held."""
    out: list[float] = []
    last = 0.0
    # Textual paints on a 60 Hz grid; a gap of whole frames would meet it at the same phase
    # every time, so the gaps vary by up to one frame (seeded: the same gaps every run).
    gaps = random.Random(60)
    for fresh, typed in letters(count):
        if fresh:
            clear(term)
        gap = PACE + gaps.uniform(0, FRAME_MS / 1000)
        time.sleep(max(0.0, last + gap - time.perf_counter()))
        last = term.write(typed[-1].encode())
        shown = term.wait_for(needle(typed), timeout=10)
        out.append((shown - last) * 1000)
    return out


def add_offers(folder: Path, n: int) -> None:
    """Put `n` generated offers after the demo workbook's own, as the app's Store saves them."""
    from bench.workbooks import make_workbook
    from decline_tui.core.store import Store

    store = Store(folder / "workbook.toml")
    wb = store.load()
    for offer in make_workbook(n).offers:
        offer.id = wb.new_id(offer.company)
        wb.offers.append(offer)
    store.save(wb)


def decline_tui(count: int, cache: str, offers: int = 0) -> list[float]:
    with demo_data() as folder:
        if offers:
            add_offers(folder, offers)
        env = bytecode_env(cache, DECLINE_TUI_DATA_DIR=str(folder))
        with Pty(decline_argv(), env) as term:
            term.wait_for(shows(*DECLINE_MARKERS))
            term.settle(1.0)  # the spelling dictionary loads after the first paint, silently
            draft = find_box(term.screen, "Decline →")  # "Decline → María López"
            for key in ("f3", "tab", "tab", "tab"):  # Details: company, role, short role, contact
                term.write(KEYS[key])
                term.settle(0.3)  # focus moves after the key is handled: one at a time

            def clear(t: Pty) -> None:
                t.write(KEYS["end"] + KEYS["ctrl+u"])
                t.wait_for(box_shows(draft, "Dear [Hiring Manager"), timeout=10)
                t.settle(0.3)

            return type_and_time(
                term, count, clear, lambda typed: box_shows(draft, f"Dear {typed},")
            )


def minimal(count: int, cache: str) -> list[float]:
    with Pty(minimal_argv("echo"), bytecode_env(cache)) as term:
        term.wait_for(shows(ECHO_PREFIX, "^p palette"))
        term.settle(0.3)

        def echo_empty(screen: pyte.Screen) -> bool:
            return any(row_text(screen, y).rstrip() == ECHO_PREFIX.rstrip() for y in range(ROWS))

        def clear(t: Pty) -> None:
            t.write(KEYS["end"] + KEYS["ctrl+u"])
            t.wait_for(echo_empty, timeout=10)
            t.settle(0.3)

        return type_and_time(term, count, clear, lambda typed: shows(ECHO_PREFIX + typed))


def run(quick: bool = False, smoke: bool = False) -> Report:
    count = 2 if smoke else 10 if quick else 40
    report = Report("keystroke", f"Keystroke to draft ({COLS}x{ROWS} pty, pyte)")
    cache = tempfile.mkdtemp(prefix="decline-bench-pyc-")
    try:
        if not smoke:  # warm the bytecode of both, untimed
            minimal(2, cache)
            decline_tui(2, cache)
        app_times: list[float] = []
        base_times: list[float] = []
        rounds = 1 if quick else 2  # alternate the two, to share out the machine's moods
        for _ in range(rounds):
            app_times += decline_tui(count // rounds, cache)
            base_times += minimal(count // rounds, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    app, base = median(app_times), median(base_times)
    report.add("decline-tui: keystroke to draft", app, "ms", detail=spread(app_times))
    report.add("minimal app: keystroke to echo", base, "ms", detail=spread(base_times))
    report.add(
        "difference of the medians",
        app - base,
        "ms",
        target=f"<= {FRAME_MS:.1f} ms (one 60 Hz frame)",
        ok=app - base <= FRAME_MS,
    )
    report.notes.append(
        "minimal app: echo set from Input.Changed (a message), painted a frame or two later; "
        "decline-tui: draft set within the keystroke"
    )
    report.notes.append(
        f"{len(app_times)} keystrokes each, {PACE * 1000:.0f}-{PACE * 1000 + FRAME_MS:.0f} ms "
        f"apart; {os.cpu_count()} CPUs"
    )
    return report
