"""A cross-process lock on the workbook's folder, so a save's check and its write are one step.

Without it, two programs saving the same workbook could both find the file unchanged and then
both write it: the first one's update would be lost, and neither would know. The lock is an
advisory flock on the folder itself, not on a lock file: nothing extra is left in the data
folder, and a process that dies (even by SIGKILL) releases it. Where flock is missing (Windows)
or refused (some network file systems), saving goes on unlocked, as it did before.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# A save holds the lock for a millisecond or two; a holder this slow is stuck (or stopped).
TIMEOUT = 5.0


@contextlib.contextmanager
def hold(folder: Path, timeout: float | None = None) -> Iterator[bool]:
    """Hold the folder's lock for the block; yields whether it is really held.

    Raises TimeoutError (an OSError) when another process keeps it for `timeout` seconds
    (default TIMEOUT).
    """
    fd = _open(folder)
    if fd is None:
        yield False
        return
    try:
        if not _acquire(fd, TIMEOUT if timeout is None else timeout):
            yield False
            return
        yield True  # closing the descriptor below releases the lock
    finally:
        os.close(fd)


def _open(folder: Path) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(folder, os.O_RDONLY)
    except OSError:  # a folder we cannot open for reading can still be written to
        return None


def _acquire(fd: int, timeout: float) -> bool:
    """Poll rather than block, so that a stuck holder ends in an error, not a frozen app."""
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        except OSError:  # ENOLCK, EBADF on NFS, EINVAL: no locking here
            return False
        if time.monotonic() >= deadline:
            raise TimeoutError(
                errno.ETIMEDOUT,
                f"another program kept its folder locked for {timeout:g} seconds; try again",
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.02)
