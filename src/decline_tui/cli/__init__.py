"""Command line: no subcommand opens the app; the subcommands work headless.

Exit statuses: 0 fine, 1 a checklist rule failed (or `export` refused such a draft), 2 bad
input (with a one-line error).
Whatever the system refuses (a folder we may not enter, a full disk) is one line too, naming
the path and the reason, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from decline_tui.cli.app import cmd_app
from decline_tui.cli.common import (
    _STDOUT,
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    Refused,
    UsageError,
    _describe,
    _Output,
    _silence_stdout,
)
from decline_tui.cli.parser import build_parser

__all__ = [
    "EXIT_FAIL",
    "EXIT_OK",
    "EXIT_USAGE",
    "Refused",
    "UsageError",
    "build_parser",
    "main",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `decline-tui` command."""
    from decline_tui.core.display import VisibleStream
    from decline_tui.core.store import WorkbookError

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_app)
    # A workbook's text is printed, never obeyed: escape sequences in it show as ␛ on a
    # terminal; a pipe or a file gets the text exact. (Textual draws through sys.__stderr__.)
    if func is not cmd_app and sys.stdout.isatty():
        sys.stdout = VisibleStream(sys.stdout)
    if sys.stderr.isatty():
        sys.stderr = VisibleStream(sys.stderr)
    stdout = sys.stdout
    if func is not cmd_app:
        sys.stdout = _Output(stdout)
    try:
        code = func(args)
        sys.stdout.flush()  # a full disk shows here, where it can still be reported
        return code
    except UsageError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Refused as exc:
        print(f"decline-tui: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except WorkbookError as exc:
        print(f"decline-tui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout(stdout)  # the reader is gone: what is left to print goes nowhere, quietly
        return EXIT_OK
    except OSError as exc:  # whatever the system refused that no command foresaw
        if exc.filename == _STDOUT:
            _silence_stdout(stdout)
        print(f"decline-tui: error: {_describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if isinstance(sys.stdout, _Output):
            sys.stdout = stdout
