"""The workbook file: load it, and save changes back without ever losing the person's words.

Saving is atomic and private (0600), refuses to touch a file it could not read, and refuses
to clobber changes another program made since the last load. The file stays what the person
made it: a symlink is written through (the real file, in a synced folder or a dotfiles
repository, is the one that changes), a file with hard links is written in place (a rename
would split them), and a read-only file, or a file in a read-only folder, is never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import stat
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.toml_document import TOMLDocument

from decline_tui.core import filelock
from decline_tui.core.model import Workbook
from decline_tui.core.safefile import (
    O_BINARY,
    TEMP_SUFFIX,
    atomic_write,
    keep_beside,
    read_all,
    remove_stale_temps,
    rewrite_in_place,
    sync_folder,
    write_new,
    write_target,
)
from decline_tui.core.store.errors import ConflictError, ReadOnlyError, WorkbookError
from decline_tui.core.store.pieces import Cut, Saved, cut_text, read_back, save_pieces
from decline_tui.core.store.reading import Reader, copy_model, decode, no_gc, read_text
from decline_tui.core.store.writing import apply, check_storable


def _fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _writable(path: Path, st: os.stat_result, access: int) -> bool:
    """Whether its owner may write it. The mode bits decide first: root's os.access says yes
    to everything, and a chmod u-w is the person's wish whoever saves. os.access then covers
    other people's files and read-only mounts."""
    return bool(st.st_mode & stat.S_IWUSR) and os.access(path, access)


def _quote(path: Path) -> str:
    """A path as a shell command needs it written."""
    return shlex.quote(str(path)) if os.name != "nt" else f'"{path}"'


class _Watch:
    """The workbook file as it is at the last moment before a save writes it.

    Re-checking it there, after the slow part (the new text written to disk and synced),
    narrows the window in which another program's write could be lost from the whole save to
    a few system calls. The descriptor kept on the old file then shows a write into it that
    slipped even into those, after the new file took its place.
    """

    def __init__(self, store: Store, target: Path, check: bool):
        self.store, self.target, self.check = store, target, check
        self.fd: int | None = None
        self.before: bytes | None = None  # the old file, as re-checked

    def look(self, flags: int = os.O_RDONLY) -> int | None:
        """Read the file now; ConflictError if it is not what the store last read or wrote."""
        try:
            self.fd = os.open(self.target, flags | O_BINARY)
        except FileNotFoundError:
            self.fd, self.before = None, None
        else:
            self.before = read_all(self.fd)
        if self.check and _fingerprint(self.before) != self.store._seen:
            raise self.store._conflict()
        return self.fd

    def theirs(self) -> bytes | None:
        """What another program wrote into the old file after `look`, if anything."""
        if self.fd is None:
            return None
        try:
            now = read_all(self.fd)
        except OSError:
            return None
        return None if now == self.before else now

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


class Store:
    """One workbook file: load it, then save changes back without losing anything."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._text: str | None = None  # the file's text as last read or written; None: unread
        self._doc: TOMLDocument | None = None  # when it says more than _text (a migration)
        self._base: Workbook | None = None  # what _text says, when it says exactly that
        self._cut: Cut | None = None  # _text cut around its offers, once a save needed it
        self._uncut = False  # _text was tried and cannot be cut: the slow way it is
        self._raw: dict[str, Any] | None = None  # _text read, until _base is made from it
        self._seen: str | None = None  # fingerprint of the bytes last read or written
        # What the person should hear about the last save, in one line (hard links kept,
        # another program's write just after ours); None when there is nothing to say.
        self.notice: str | None = None

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def read_only(self) -> bool:
        """Whether a save would be refused because the file, or the folder it is written in,
        is read-only (by its mode bits: a chmod u-w holds even for root)."""
        try:
            return self._read_only(write_target(self.path)) is not None
        except OSError:
            return False

    def _read_only(self, target: Path) -> ReadOnlyError | None:
        """Why a save may not write `target`, when the file or its folder is read-only."""
        advice = "or save a copy elsewhere; your changes are kept in the app"
        with contextlib.suppress(OSError):  # missing: its folder decides
            st = os.stat(target)
            if stat.S_ISREG(st.st_mode) and not _writable(target, st, os.W_OK):
                return ReadOnlyError(
                    self.path,
                    f"is read-only: make it writable with chmod u+w {_quote(self.path)}, {advice}",
                )
        folder = target.parent
        with contextlib.suppress(OSError):  # missing: a save makes it, or says why it cannot
            st = os.stat(folder)
            if stat.S_ISDIR(st.st_mode) and not _writable(folder, st, os.W_OK | os.X_OK):
                return ReadOnlyError(
                    self.path,
                    f"is in a read-only folder: make it writable with chmod u+w {_quote(folder)}, "
                    f"{advice}",
                )
        return None

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise WorkbookError(self.path, "is a folder, not a workbook file") from None
        except PermissionError:
            raise WorkbookError(self.path, "cannot be read: permission denied") from None
        except OSError as exc:
            raise WorkbookError(self.path, f"cannot be read: {exc.strerror or exc}") from None

    def load(self) -> Workbook:
        """Read the workbook (an empty one when the file does not exist yet)."""
        self._remember(None)
        data = self._read_bytes()
        if data is None:
            self._remember(Saved("", None))
            self._seen = None
            return Workbook()
        text = decode(data, self.path)
        with no_gc():
            read = read_text(text, self.path)
        if read.exact:
            self._remember(Saved(text, None), raw=read.raw)
        else:
            self._remember(Saved(text, None), read.doc)
        self._seen = _fingerprint(data)
        return read.wb

    def _remember(
        self,
        saved: Saved | None,
        doc: TOMLDocument | None = None,
        raw: dict[str, Any] | None = None,
    ) -> None:
        """What the file now says; None: nothing read, so nothing may be written.

        `raw` is the file as read, kept to make the private copy of its workbook only when
        a save first needs it: opening does not wait for it.
        """
        self._text = None if saved is None else saved.text
        self._base = None if saved is None else saved.base
        self._cut = None if saved is None else saved.cut
        self._uncut = False
        self._doc = doc
        self._raw = raw

    def _base_from_raw(self) -> None:
        """The private copy of what the file says, made from the values read at load."""
        if self._base is None and self._raw is not None:
            with contextlib.suppress(WorkbookError), no_gc():  # it read at load; else slowly
                self._base = Reader(self.path, self._text or "").workbook(self._raw)
            self._raw = None

    def _render(self, wb: Workbook) -> Saved:
        """The file's new text, without changing the store: a failed save changes nothing.

        Raises ValueError (or a tomlkit error) for what the file cannot hold.
        """
        check_storable(wb)
        self._base_from_raw()
        if self._base is not None:
            try:
                saved = save_pieces(self._text or "", self._cut_once(), self._base, wb)
            except Exception:  # whatever trips the quick way up, the whole document decides
                saved = None
            if saved is not None:
                return saved
        # The whole document, parsed afresh: edits to it never touch what the store holds.
        doc = tomlkit.parse(self._doc.as_string() if self._doc is not None else self._text or "")
        text = apply(doc, wb).as_string()
        return Saved(text, read_back(text))

    def _cut_once(self) -> Cut | None:
        """The file's text cut around its offers, kept until the text changes: render runs
        about once a second while the person types, and cutting 1 MB takes 30 ms."""
        if self._cut is None and not self._uncut and self._base is not None:
            with contextlib.suppress(Exception):  # an odd layout: the slow way decides
                self._cut = cut_text(self._text or "", len(self._base.offers))
            self._uncut = self._cut is None
        return self._cut

    def _prepare(self, wb: Workbook) -> tuple[Saved, bytes]:
        """What a save would write, as text and bytes; WorkbookError for what cannot be stored."""
        if self._text is None:
            raise WorkbookError(self.path, "was not loaded successfully; refusing to overwrite it")
        try:
            saved = self._render(wb)
            return saved, saved.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise WorkbookError(
                self.path,
                f"could not be saved: the text holds {bad!r}, which is not a Unicode "
                "character a file can store",
            ) from None
        except (ValueError, TOMLKitError) as exc:
            raise WorkbookError(self.path, f"could not be saved: {exc}") from None

    def render(self, wb: Workbook) -> str:
        """The text a save of `wb` would write now, without writing anything.

        For a recovery journal kept while the person types: it runs the save's own quick
        way, re-rendering only the offers that changed. WorkbookError as save raises it.
        """
        return self._prepare(wb)[0].text

    def last_known(self) -> Workbook | None:
        """A copy of the workbook as the file said when we last read or wrote it (None before
        a load): after a conflict, the version both sides started from, to merge them."""
        if self._text is None:
            return None
        self._base_from_raw()
        if self._base is not None:
            base: Workbook = copy_model(self._base)
            return base
        if not self._text.strip():
            return Workbook()  # there was no file
        try:
            return read_text(self._text, self.path).wb
        except WorkbookError:  # pragma: no cover - it was read from this very text
            return None

    def changed_on_disk(self) -> bool:
        """Whether someone else wrote the file since we last read or wrote it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError:
            return True
        return _fingerprint(data) != self._seen

    def _conflict(self) -> ConflictError:
        return ConflictError(
            self.path, "was changed by another program since it was loaded; reload it before saving"
        )

    def save(self, wb: Workbook, *, force: bool = False) -> None:
        """Write the workbook atomically; refuses if the file was never read or changed since.

        Refuses a read-only file or folder too (ReadOnlyError), before writing anything.
        Afterwards `notice` says what the person should know about the save, else None.
        """
        self.notice = None
        saved, data = self._prepare(wb)
        try:
            target = write_target(self.path)
            problem = self._read_only(target)
            if problem is not None:
                raise problem
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.is_dir():  # a link into a drive not mounted: create nothing
                raise WorkbookError(
                    self.path,
                    f"could not be saved: it links to {target}, "
                    f"and the folder {target.parent} does not exist",
                )
            # Locked from the check to the replace: another save cannot slip in between.
            # The lock is the data folder's, wherever a link leads: that is the folder
            # every copy of decline-tui opening this workbook agrees on.
            with filelock.hold(self.path.parent) as locked:
                if not force and self.changed_on_disk():
                    raise self._conflict()
                for stale in {target, self.path}:
                    remove_stale_temps(stale, 0.0 if locked else 600.0)
                notes = self._write(target, data, check=not force)
        except OSError as exc:
            raise WorkbookError(self.path, f"could not be saved: {exc.strerror or exc}") from None
        self._remember(saved)
        self._seen = _fingerprint(data)
        self.notice = " ".join(notes) or None

    def _write(self, target: Path, data: bytes, *, check: bool) -> list[str]:
        """Put `data` into the file, keeping the links it has; returns notes for the person."""
        notes = []
        try:
            links = os.stat(target).st_nlink
        except FileNotFoundError:
            links = 1
        if links > 1:
            self._write_in_place(target, data, check=check)
            notes.append(f"{self.path.name} has {links} hard links: saved in place to keep them")
        else:
            watch = _Watch(self, target, check)

            def last_look() -> None:
                watch.look()
                if os.name == "nt":  # Windows cannot replace a file that is held open
                    watch.close()

            try:
                atomic_write(target, data, before_replace=last_look)
                theirs = watch.theirs()
            finally:
                watch.close()
            if theirs is not None:
                try:
                    kept = keep_beside(self.path, "theirs", theirs)
                except OSError as exc:
                    notes.append(
                        f"another program wrote {self.path.name} during this save, and its "
                        f"version could not be kept: {exc.strerror or exc}"
                    )
                else:
                    notes.append(
                        f"another program wrote {self.path.name} during this save; "
                        f"its version is kept in {kept}"
                    )
        try:
            back = self.path.read_bytes()
        except OSError:
            back = data
        if back != data:
            notes.append(
                f"another program changed {self.path.name} just after this save; "
                "the next save will ask which version to keep"
            )
        return notes

    def _write_in_place(self, target: Path, data: bytes, *, check: bool) -> None:
        """Write into the file itself, keeping its hard links: a rename would give this name a
        new file and leave every other name on the old one, no longer updated.

        A complete copy goes to a temp file first: a save killed while the file is half
        written leaves it, and the next launch offers it back (journal.leftovers). A write
        that fails midway puts the old text back; if even that fails, the copy stays.
        """
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        keep_copy = False
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            watch = _Watch(self, target, check)
            try:
                file = watch.look(os.O_RDWR)
                if file is None:  # gone meanwhile (only a forced save gets here): a new file
                    os.replace(tmp, target)
                    return
                try:
                    rewrite_in_place(file, data)
                except BaseException:
                    try:
                        rewrite_in_place(file, watch.before or b"")
                    except BaseException:
                        keep_copy = True
                    raise
                if stat.S_IMODE(os.fstat(file).st_mode) != 0o600:
                    os.chmod(target, 0o600)
            finally:
                watch.close()
        except OSError as exc:
            if keep_copy:
                raise WorkbookError(
                    self.path,
                    f"could not be saved: {exc.strerror or exc}; it may be half written, "
                    f"and a complete copy of your workbook is in {tmp}",
                ) from None
            raise
        finally:
            if not keep_copy:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        sync_folder(target.parent)

    def save_copy(
        self, wb: Workbook, dest: str | os.PathLike[str], *, overwrite: bool = False
    ) -> Path:
        """Write exactly what a save would write to another file; returns its path.

        For a workbook that cannot be saved where it is (read-only, its drive gone): the
        person's changes go somewhere safe, comments and all. Written whole or not at all,
        private (0600). An existing file is replaced only with `overwrite`, else
        FileExistsError, also for a file that appeared meanwhile. The store stays the
        original file's: later saves still go there.
        """
        _, data = self._prepare(wb)
        dest = Path(dest).expanduser()
        try:
            if _same_file(dest, self.path):
                raise WorkbookError(dest, "is the workbook itself; save it instead of a copy")
            if dest.is_dir():
                raise WorkbookError(dest, "is a folder; give a file name")
            if not dest.parent.is_dir():
                raise WorkbookError(
                    dest, f"could not be written: the folder {dest.parent} does not exist"
                )
            if overwrite:
                atomic_write(write_target(dest), data)
            else:
                write_new(dest, data)
        except FileExistsError:
            raise
        except PermissionError:
            raise WorkbookError(dest, "could not be written: permission denied") from None
        except OSError as exc:
            raise WorkbookError(dest, f"could not be written: {exc.strerror or exc}") from None
        return dest


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, also through links, also before it exists."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return os.path.abspath(write_target(a)) == os.path.abspath(write_target(b))
    except OSError:
        return False
