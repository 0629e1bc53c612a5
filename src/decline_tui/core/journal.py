"""Unsaved work kept on disk while the app runs, and offered back after a crash.

The app saves a second or two after each change, but a save can be refused (a conflict
waiting for an answer, a read-only file, a full disk) and a run can end at any moment (a
closed terminal, kill -9, a power cut). The journal keeps what a save would write, so that
none of that loses what the person typed. Why it is built this way:

- One file per process, recovery-<pid>.toml, in the workbook's own (data) folder, never a
  symlink target's: two copies of the app never write the same journal, and the data folder
  is the one `decline-tui where` shows, the one the person backs up, and the one whose lock
  the saves share. The pid also tells a journal of a live copy (left alone) from one whose
  writer is gone (offered back). Our own pid's journal counts as left over: we have only
  just started, so a file with our number was written by an earlier process.
- Its body is exactly the text a save would write (Store.render), comments and all, so that
  taking it back loses nothing and keeping it aside leaves a workbook file that opens as
  one. The first line is a TOML comment saying what it is and when it was written; the file
  still parses as the workbook, and a person who finds it knows what it is.
- Written the way the workbook is (a temp file, fsync, rename; 0600), so a crash while
  writing it leaves the previous journal whole. It never touches workbook.toml: the save
  stays the only writer of the workbook, with its conflict checks and its lock.
- At launch, leftovers() also gathers the save's own temp files that hold a whole workbook:
  a save killed between writing its temp file and renaming it, or a save of a hard-linked
  workbook killed while writing the file in place, leaves the only complete copy there.
  It looks at them under the data folder's lock, when no save is writing one, and before
  the first save of this run, whose stale temp files it would otherwise delete unseen.
- Whatever reads the same as the workbook now (the parsed Workbook, not the bytes: a save's
  layout may differ) is deleted without a word: nothing is lost, and the person is asked
  only about what would be. A journal that does not read as a workbook is left alone, never
  deleted: it may be a person's own file named like ours. A save's temp file that does not
  read is half written, and goes as every save's clean-up would take it.
- Reading goes through the store (read_workbook), so a recovered text becomes a Workbook
  exactly as a load makes it, and as quickly.
- keep_aside() renames, within the folder: nothing is copied, so nothing can be half kept,
  and the person may decide later, with any text editor.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from decline_tui.core import filelock
from decline_tui.core.model import Workbook
from decline_tui.core.safefile import atomic_write, write_target
from decline_tui.core.store import FILE_NAME, WorkbookError, read_workbook

_PREFIX = "recovery-"
_SUFFIX = ".toml"
_JOURNAL = re.compile(rf"{_PREFIX}(\d+){re.escape(_SUFFIX)}")
_JOURNAL_TEMP = re.compile(rf"\.{_PREFIX}(\d+){re.escape(_SUFFIX)}\..+\.tmp")
_HEADER = (
    "# decline-tui: unsaved changes to {workbook}, written {written}; "
    "offered back at the next launch\n"
)
_WRITTEN = re.compile(
    r"# decline-tui: unsaved changes to .*, written "
    r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?); offered back at the next launch\n"
)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def journal_path(workbook: Path, pid: int | None = None) -> Path:
    """This process's journal (or another's, by pid): in the workbook's own folder."""
    return Path(workbook).parent / f"{_PREFIX}{os.getpid() if pid is None else pid}{_SUFFIX}"


class Journal:
    """The unsaved changes of one run: rewritten whole while the person types, cleared by a
    save that covers them."""

    def __init__(self, workbook: Path, pid: int | None = None):
        self.workbook = Path(workbook)
        self.path = journal_path(self.workbook, pid)

    def write(self, text: str, now: datetime) -> None:
        """Keep `text` (what a save would write now) on disk, whole or not at all.

        Raises OSError when it cannot be written; the previous journal is then still there.
        """
        # A path holding a line break would end the comment and break the file.
        where = _CONTROL.sub("?", str(self.workbook))
        header = _HEADER.format(workbook=where, written=now.isoformat(timespec="seconds"))
        data = header.encode("utf-8", "replace") + text.encode("utf-8")
        atomic_write(self.path, data, 0o600)

    def clear(self) -> None:
        """Forget the journal: a save now holds everything it held."""
        # Its temp files are left alone: one may be a write still under way in another
        # thread; only a killed write leaves one, and the next launch deals with it.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


@dataclass
class Recovered:
    """Unsaved work found at launch, to take back, keep aside or discard."""

    path: Path  # the file it is in
    text: str  # the workbook's TOML, as a save would have written it
    written: datetime  # when it was written: its header says, else the file's time
    kind: str  # "journal", or "temp": a save's temporary file, left by an interrupted save


def leftovers(workbook: Path, current_text: str | None) -> list[Recovered]:
    """Unsaved work of earlier runs that the workbook does not hold: newest first.

    Call it at launch, before the first save (which clears the temp files of interrupted
    ones). `current_text` is the workbook's text as loaded, None when there is none (or it
    cannot be read): what reads the same as it is deleted, not offered.
    """
    workbook = Path(workbook)
    found: list[Recovered] = []
    current: list[Workbook | None] = []  # read only once something needs comparing with it

    def same_as_current(wb: Workbook) -> bool:
        if not current:  # launching with nothing left over costs no second read of 1 MB
            text = None
            with contextlib.suppress(UnicodeEncodeError):  # not a file's text: no match
                text = current_text.encode("utf-8") if current_text else None
            current.append(_read(text, workbook) if text else None)
        return current[0] is not None and wb == current[0]

    def consider(path: Path, kind: str, data: bytes) -> None:
        wb = _read(_strip_header(data), path)
        if wb is None:
            if kind == "temp":  # half written: what every save's clean-up would remove
                _unlink(path)
            return  # a journal we cannot read may be the person's own: leave it be
        if same_as_current(wb):
            _unlink(path)  # nothing there that the workbook does not hold
            return
        found.append(Recovered(path, _text(data), _written(data, path), kind))

    for path, kind in _journals(workbook.parent):
        data = _bytes(path)
        if data is not None:
            consider(path, kind, data)
    # Save temp files only under the lock: then no save is writing one right now.
    with contextlib.suppress(OSError), filelock.hold(workbook.parent):
        for path in _save_temps(workbook):
            data = _bytes(path)
            if data is not None:
                consider(path, "temp", data)
    found.sort(key=lambda rec: rec.written, reverse=True)
    return found


def keep_aside(rec: Recovered, now: datetime) -> Path:
    """Move it to STEM.recovered-YYYYMMDD-HHMMSS.toml beside it (0600, a free name), out of
    the way of the next launch, for the person to open when they choose; returns the path.

    Raises OSError when it cannot be moved.
    """
    stem = Path(_workbook_name(rec)).stem
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        dest = rec.path.parent / f"{stem}.recovered-{stamp}{'' if n == 1 else f'-{n}'}.toml"
        try:
            _rename_new(rec.path, dest)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):
            os.chmod(dest, 0o600)
        return dest
    raise AssertionError("unreachable")  # pragma: no cover


def out_of_the_way(rec: Recovered, now: datetime) -> Recovered:
    """A save's temp file kept aside (see keep_aside) before the launch's first save, whose
    clean-up would delete it; journals are safe where they are. Unmoved when it cannot be
    moved: the person is still offered its text."""
    if rec.kind != "temp":
        return rec
    try:
        return dataclasses.replace(rec, path=keep_aside(rec, now))
    except OSError:
        return rec


def discard(rec: Recovered) -> None:
    """Delete it: the person chose not to take it back (or took it, and it is saved)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(rec.path)


# --------------------------------------------------------------------------- helpers


def _alive(pid: int) -> bool:
    """Whether another process with this pid runs (so its journal is in use).

    A process of another user answers EPERM: it exists. Elsewhere than POSIX, signal 0 would
    end the process, so every writer counts as gone.
    """
    if pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


def _journals(folder: Path) -> list[tuple[Path, str]]:
    """The journals of processes that are gone, and the temp files of their last writes."""
    out = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            m = _JOURNAL.fullmatch(entry.name) or _JOURNAL_TEMP.fullmatch(entry.name)
            if m is None or _alive(int(m.group(1))):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    out.append((Path(entry.path), "journal" if m.re is _JOURNAL else "temp"))
    return out


def _save_temps(workbook: Path) -> list[Path]:
    """The temp files of interrupted saves: beside the workbook, and beside the file its
    symlink leads to, where saves write."""
    places = {workbook}
    with contextlib.suppress(OSError):
        places.add(write_target(workbook))
    out = []
    for place in places:
        prefix = f".{place.name}."
        with contextlib.suppress(OSError), os.scandir(place.parent) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        if entry.is_file(follow_symlinks=False):
                            out.append(Path(entry.path))
    return out


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # gone meanwhile, or not ours to read
        return None


def _read(data: bytes, path: Path) -> Workbook | None:
    try:
        return read_workbook(data, path)
    except WorkbookError:
        return None
    except RecursionError:  # pragma: no cover - absurdly nested TOML
        return None


def _strip_header(data: bytes) -> bytes:
    return data.split(b"\n", 1)[1] if _WRITTEN.match(_first_line(data)) else data


def _first_line(data: bytes) -> str:
    return data.split(b"\n", 1)[0].decode("utf-8", "replace") + "\n"


def _text(data: bytes) -> str:
    return _strip_header(data).decode("utf-8")  # it read as a workbook: it is UTF-8


def _written(data: bytes, path: Path) -> datetime:
    m = _WRITTEN.match(_first_line(data))
    if m is not None:
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(m.group(1))
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:  # pragma: no cover - it was read a moment ago
        return datetime.now()


def _workbook_name(rec: Recovered) -> str:
    """The workbook a temp file was a save of (.workbook.toml.x8k2.tmp), else the usual one."""
    name = rec.path.name
    if rec.kind == "temp" and name.startswith(".") and not name.startswith(f".{_PREFIX}"):
        base = name[1:].removesuffix(".tmp").rpartition(".")[0]
        if base:
            return base
    return FILE_NAME


def _rename_new(src: Path, dest: Path) -> None:
    """Rename without ever replacing a file: FileExistsError if `dest` exists."""
    try:
        os.link(src, dest)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: nearly as safe
        if os.path.lexists(dest):
            raise FileExistsError(str(dest)) from None
        os.rename(src, dest)
        return
    os.unlink(src)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
