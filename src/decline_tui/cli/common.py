"""What every command shares: exit statuses, the one-line errors, the parser class,
reading dates, the workbook and input, and writing output."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from decline_tui.core.model import Offer, Workbook

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the person asked for: reported in one line, exit status 2."""


class Refused(Exception):
    """A request understood but declined for the person's own good (`export` of a draft the
    checklist fails): one line, exit status 1, and --force to do it anyway."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_FORMAT = argparse.RawDescriptionHelpFormatter


# --------------------------------------------------------------------------- helpers


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not a date; use YYYY-MM-DD") from None


def parse_datetime(value: str, what: str) -> datetime:
    text = value.strip().replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what}: {value!r} is not a date and time; use YYYY-MM-DDTHH:MM"
        ) from None
    return moment


def _load(args: argparse.Namespace) -> tuple[Workbook, Path]:
    from decline_tui.core.store import Store, workbook_path

    path = workbook_path(args.data_dir)
    return Store(path).load(), path


def find_offer(wb: Workbook, query: str, path: Path) -> Offer:
    """By id, else by a unique start of the company name (case-insensitive)."""
    if not wb.offers:
        raise UsageError(f"there are no offers in {path}")
    exact = wb.offer(query)
    if exact:
        return exact
    q = query.strip().casefold()
    matches = [o for o in wb.offers if o.company.casefold().startswith(q) or o.id.startswith(q)]
    if len(matches) == 1:
        return matches[0]
    listing = ", ".join(f"{o.id} ({o.company or 'no company'})" for o in wb.offers)
    if matches:
        names = ", ".join(o.id for o in matches)
        raise UsageError(f"{query!r} matches several offers: {names}; use the id")
    raise UsageError(f"no offer {query!r}; the offers are: {listing}")


def _reason(exc: OSError) -> str:
    """The system's words for an error, as the rest of a sentence: "permission denied"."""
    words = exc.strerror or str(exc) or type(exc).__name__
    return words[:1].lower() + words[1:]


def _describe(exc: OSError) -> str:
    """An unexpected OSError in one line: the path (or the stream) it concerns, and why."""
    if exc.filename is None:
        return _reason(exc)
    where = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {os.fsdecode(exc.filename2)}"
    return f"{where}: {_reason(exc)}"


_STDOUT = "standard output"


class _Output:
    """Standard output whose failures name it ("standard output: no space left on device"):
    an error from print() names no file, and the person would not know what was full."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            written: int = self._stream.write(text)
            return written
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, _STDOUT) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, _STDOUT) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout(stream: Any) -> None:
    """Point standard output at the null device once it failed: Python would otherwise try
    to flush it again at exit, and print an "Exception ignored" report after our one line."""
    with contextlib.suppress(Exception):  # no real file behind it (a test's capture): fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _read_input(name: str) -> str:
    if name == "-":
        if sys.stdin is None:
            raise UsageError("no input: give a FILE or pipe the text in")
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        try:
            data = Path(name).read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"{name}: is a folder, not a file") from None
        except OSError as exc:
            raise UsageError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: is not UTF-8 text") from None


def _open_session(args: argparse.Namespace) -> Any:
    """The workbook as the app opens it, minus the example offer: you are adding your own."""
    from decline_tui.core.session import Session
    from decline_tui.core.store import Store, workbook_path

    store = Store(workbook_path(args.data_dir))
    return Session(store, store.load())


def _write_file(path: str, content: str | bytes, force: bool) -> Path:
    """Write through the export module; its refusals become one-line usage errors."""
    from decline_tui.core.export import ExportError, write_export

    try:
        return write_export(path, content, overwrite=force)
    except FileExistsError:
        raise UsageError(f"{path} exists already; add --force to replace it") from None
    except ExportError as exc:
        raise UsageError(str(exc)) from None


def _copy(text: str) -> Any:
    """Copy with the system's clipboard tool, or say why not and what to do instead;
    returns the export.ClipboardTool that did it."""
    from decline_tui.core import export

    tool = export.find_clipboard_tool()
    if tool is None:
        raise UsageError(
            "no clipboard tool found (pbcopy, wl-copy, xclip, xsel or clip.exe); "
            "save to a file with --to PATH instead"
        )
    error = export.copy_with_tool(tool, text)
    if error is not None:
        raise UsageError(f"{error}; save to a file with --to PATH instead")
    return tool


def _print_table(table: Sequence[tuple[str, ...]], whole_last: bool = False) -> None:
    """Columns padded to their widest cell, cut at 30 characters (the last one whole, when
    `whole_last`)."""
    widths = [min(30, max(len(row[i]) for row in table)) for i in range(len(table[0]))]
    if whole_last:
        widths[-1] = max(len(row[-1]) for row in table)
    for row in table:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
