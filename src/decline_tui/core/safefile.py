"""Writing a file so that no crash, link or other program costs the person a word.

Atomic replacement, the folder sync that makes it durable, exclusive creation, in-place
rewrites for files with hard links, and following symlinks to the file a save should change.
Kept apart from the store, which decides *what* to write; this decides only *how*.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def atomic_write(
    path: Path,
    data: bytes,
    mode: int = 0o600,
    *,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    `before_replace` runs once the new file is complete and synced, just before it takes the
    old one's place: the last moment to look at the old file, or to call the write off by
    raising (the temp file is then removed).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename or an unlink in `folder` durable where the system lets us."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


TEMP_SUFFIX = ".tmp"
# Links followed before a chain is taken for a loop: Linux's own limit.
_MAX_LINKS = 40
O_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends


def remove_stale_temps(path: Path, older_than: float = 0.0) -> None:
    """Delete the temp files of saves killed mid-write, so they never pile up in the folder.

    Safe with no age limit only under the folder's lock: then no save is writing one.
    """
    prefix, cutoff = f".{path.name}.", datetime.now().timestamp() - older_than
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):  # gone already, or not ours to delete
                if not entry.is_file(follow_symlinks=False):
                    continue
                if older_than <= 0 or entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a save of `path` writes: `path` itself, or the end of its chain of symlinks.

    A save replaces the real file, never the link: replacing the link would leave the real
    file (in a synced folder, a dotfiles repository) behind, silently no longer updated.
    A relative link counts from the folder that holds it, as the system reads it; a dangling
    link names the file a save creates. Raises OSError (ELOOP) for a chain that never ends.
    """
    path = Path(path)
    for _ in range(_MAX_LINKS):
        try:
            link = os.readlink(path)
        except (OSError, ValueError):  # not a link, or not there: the file itself
            return path
        path = path.parent / link  # an absolute link replaces the folder altogether
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def read_all(fd: int) -> bytes:
    """All of an open file, from its start."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def rewrite_in_place(fd: int, data: bytes) -> None:
    """Make an open file hold exactly `data`, synced: the same file, so every link sees it."""
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def write_new(target: Path, data: bytes) -> None:
    """Create `target` whole (0600) or not at all; FileExistsError if it exists, even if it
    appeared a moment ago. A hard link of a finished temp file never replaces a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network shares): nearly as safe
            if os.path.lexists(target):
                raise FileExistsError(
                    errno.EEXIST, os.strerror(errno.EEXIST), str(target)
                ) from None
            os.rename(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    sync_folder(target.parent)


def keep_beside(path: Path, tag: str, data: bytes, now: datetime | None = None) -> Path:
    """Write `data` next to `path` as STEM.TAG-YYYYMMDD-HHMMSS.SUFFIX (0600), never over a
    file: a version nobody has decided about yet stays where the person will find it."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        name = f"{path.stem}.{tag}-{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}"
        try:
            write_new(path.parent / name, data)
        except FileExistsError:
            continue
        return path.parent / name
    raise AssertionError("unreachable")  # pragma: no cover
