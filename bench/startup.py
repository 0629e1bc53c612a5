"""Start-up: from launch until the first full screen is drawn, against a minimal Textual app.

Both are launched the same way (this interpreter, `-m`, a 120x40 pseudo-terminal) and run in
turns, A B A B ..., after one untimed launch of each to warm the file cache and the bytecode.
decline-tui opens a fresh copy of the demo workbook each time. "Drawn" is when the bytes that
complete the screen were read: for decline-tui every region on screen at 120x40 (offers, details,
draft, checklist; the scenario helper waits behind the checklist, F6) and the footer; for the
minimal app its header, text and footer.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable

import pyte

from bench.common import Report, median, spread
from bench.minimal_app import BASELINE_TITLE, STARTUP_TEXT
from bench.pty_driver import (
    COLS,
    ROWS,
    Pty,
    bytecode_env,
    decline_argv,
    demo_data,
    minimal_argv,
    shows,
)

TARGET_RATIO = 1.5  # issue 11: the first full screen within 1.5x an empty Textual app

# Each only there once its region has rendered the demo workbook's first offer.
DECLINE_MARKERS = (
    "F6 Scenarios",  # the region bar
    "✓ saved",  # the save state, top right
    "Globex – UX Lead",  # the offers list
    "maria@acme",  # the details form (the field is narrower than the address)
    "Dear María López,",  # the draft
    "Greeting by name",  # the checklist
    "n New",  # the footer: the offers list's keys (it has the focus)
    "f7 Medium",  # and the screen's
    "f1 Help",  # always the footer's first entry (ctrl+p is in the help, not the footer)
)
MINIMAL_MARKERS = (BASELINE_TITLE, STARTUP_TEXT, "^q Quit", "^p palette")


# What each imports before it can draw anything, for the breakdown: Python, Textual and the
# app's own modules, without building a screen.
DECLINE_IMPORTS = (
    "import decline_tui.cli, decline_tui.core.care, decline_tui.core.session, decline_tui.ui.app"
)
MINIMAL_IMPORTS = "import bench.minimal_app"


def launch(argv: list[str], env: dict[str, str], predicate: Callable[[pyte.Screen], bool]) -> float:
    """Milliseconds from the fork until the screen satisfies the predicate."""
    with Pty(argv, env) as term:
        drawn = term.wait_for(predicate)
        return (drawn - term.started) * 1000


def imports_only(code: str, env: dict[str, str]) -> float:
    """Milliseconds from the fork until a Python that only imports has exited."""
    with Pty([sys.executable, "-c", code], env) as term:
        return (term.wait_exit() - term.started) * 1000


def run(quick: bool = False, smoke: bool = False) -> Report:
    runs = 1 if smoke else 3 if quick else 15
    report = Report("startup", f"Start-up to first full screen ({COLS}x{ROWS} pty, pyte)")
    cache = tempfile.mkdtemp(prefix="decline-bench-pyc-")
    app_times: list[float] = []
    base_times: list[float] = []
    app_imports: list[float] = []
    base_imports: list[float] = []
    try:
        base_env = bytecode_env(cache)
        base = (minimal_argv("startup"), base_env, shows(*MINIMAL_MARKERS))
        for i in range(runs + 1):  # the first round warms up and is not counted
            with demo_data() as folder:
                env = bytecode_env(cache, DECLINE_TUI_DATA_DIR=str(folder))
                app_ms = launch(decline_argv(), env, shows(*DECLINE_MARKERS))
            base_ms = launch(*base)
            if i:
                app_times.append(app_ms)
                base_times.append(base_ms)
            if i % 3 == 1:  # the breakdown needs fewer runs
                app_imports.append(imports_only(DECLINE_IMPORTS, env))
                base_imports.append(imports_only(MINIMAL_IMPORTS, base_env))
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    app, base_median = median(app_times), median(base_times)
    ratio = app / base_median
    paired = median([a / b for a, b in zip(app_times, base_times, strict=True)])
    report.add("decline-tui: first full screen", app, "ms", detail=spread(app_times))
    report.add("minimal Textual app: first screen", base_median, "ms", detail=spread(base_times))
    report.add(
        "ratio of the medians",
        ratio,
        "x",
        target=f"<= {TARGET_RATIO}x",
        ok=ratio <= TARGET_RATIO,
        detail={"median_of_paired_ratios": paired, "runs": runs},
    )
    report.add("decline-tui beyond the minimal app", app - base_median, "ms")
    app_imp, base_imp = median(app_imports), median(base_imports)
    report.add(
        "  of which: importing more",
        app_imp - base_imp,
        "ms",
        detail={
            "decline_tui_imports_ms": app_imp,
            "minimal_imports_ms": base_imp,
            "runs": len(app_imports),
        },
    )
    report.add(
        "  of which: building and drawing more",
        (app - app_imp) - (base_median - base_imp),
        "ms",
        detail={"decline_tui_ms": app - app_imp, "minimal_ms": base_median - base_imp},
    )
    report.notes.append(
        f"{runs} launches of each, interleaved; medians; one warm-up launch each, not counted; "
        f"{os.cpu_count()} CPUs"
    )
    return report
