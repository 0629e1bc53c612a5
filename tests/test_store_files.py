"""The workbook as a file among others: symlinks, hard links, read-only files and folders.

A workbook kept in a dotfiles repository or a synced folder is often a symlink, sometimes a
hard link; a person who wants it left alone makes it read-only. A save must keep each of those
as the person set it up, and say so when it cannot.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from decline_tui.core import filelock
from decline_tui.core import store as store_mod
from decline_tui.core.model import Offer, Workbook
from decline_tui.core.store import ConflictError, ReadOnlyError, Store, WorkbookError, read_workbook
from decline_tui.core.store import file as store_file
from decline_tui.core.store.pieces import Saved

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX links and modes")

HAND = """\
# my job search, edited by hand too
schema_version = 1

[[offers]]
id = "acme"
company = "Acme"   # the big one
role = "Designer"
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def edit(store: Store, role: str = "Lead") -> Workbook:
    wb = store.load()
    wb.offers[0].role = role
    return wb


def role_in(path: Path) -> str:
    return read_workbook(path.read_bytes(), path).offers[0].role


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    """The real file, in a folder elsewhere (a dotfiles repo, a synced folder)."""
    folder = tmp_path / "sync" / "jobs"
    folder.mkdir(parents=True)
    real = folder / "workbook.toml"
    real.write_text(HAND)
    os.chmod(real, 0o600)
    return real


# --------------------------------------------------------------------------- symlinks


@pytest.mark.parametrize("kind", ["absolute", "relative"])
def test_a_save_writes_through_a_symlink_and_keeps_it(data, synced, kind):
    link = data / "workbook.toml"
    link.symlink_to(synced if kind == "absolute" else os.path.relpath(synced, data))
    before = os.readlink(link)
    store = Store(link)
    store.save(edit(store))
    assert link.is_symlink() and os.readlink(link) == before
    assert role_in(synced) == "Lead"
    assert "# the big one" in synced.read_text()
    assert mode(synced) == 0o600
    assert entries(data) == ["workbook.toml"]
    assert entries(synced.parent) == ["workbook.toml"]  # no temp file left anywhere
    store.save(edit(store, "Staff"))  # and again: no false conflict through the link
    assert role_in(synced) == "Staff"


def test_a_chain_of_links(data, synced, tmp_path):
    middle = tmp_path / "dotfiles" / "jobs.toml"
    middle.parent.mkdir()
    middle.symlink_to(os.path.relpath(synced, middle.parent))
    link = data / "workbook.toml"
    link.symlink_to(middle)
    store = Store(link)
    store.save(edit(store))
    assert link.is_symlink() and middle.is_symlink()
    assert role_in(synced) == "Lead"


def test_a_dangling_link_creates_its_target(data, tmp_path):
    target = tmp_path / "sync" / "workbook.toml"
    target.parent.mkdir()
    link = data / "workbook.toml"
    link.symlink_to(target)
    store = Store(link)
    wb = store.load()
    assert wb == Workbook()
    store.save(wb)
    assert link.is_symlink() and target.is_file()
    assert mode(target) == 0o600
    assert read_workbook(target.read_bytes(), target) == Workbook()


def test_a_link_into_a_missing_folder_is_refused_and_creates_nothing(data, tmp_path):
    target = tmp_path / "unmounted" / "drive" / "workbook.toml"
    link = data / "workbook.toml"
    link.symlink_to(target)
    store = Store(link)
    with pytest.raises(WorkbookError, match="does not exist"):
        store.save(store.load())
    assert not (tmp_path / "unmounted").exists()
    assert link.is_symlink()


def test_a_loop_of_links_is_refused(data):
    link = data / "workbook.toml"
    link.symlink_to(link)
    store = Store(link)
    with pytest.raises(WorkbookError, match="cannot be read"):
        store.load()
    store._remember(Saved("", None))  # as if it had loaded: the save still says no
    with pytest.raises(WorkbookError, match="could not be saved: Too many levels"):
        store.save(Workbook())
    assert link.is_symlink() and entries(data) == ["workbook.toml"]


def test_the_lock_stays_on_the_data_folder(data, synced, monkeypatch):
    link = data / "workbook.toml"
    link.symlink_to(synced)
    held: list[Path] = []
    real = filelock.hold

    def hold(folder, *args, **kwargs):
        held.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(filelock, "hold", hold)
    store = Store(link)
    store.save(edit(store))
    assert held == [data]


def test_a_change_to_the_linked_file_is_a_conflict(data, synced):
    link = data / "workbook.toml"
    link.symlink_to(synced)
    store = Store(link)
    wb = edit(store)
    synced.write_text(HAND.replace("Designer", "Theirs"))
    with pytest.raises(ConflictError):
        store.save(wb)
    assert role_in(synced) == "Theirs"
    assert link.is_symlink()


# --------------------------------------------------------------------------- hard links


def test_a_save_keeps_hard_links(data, synced):
    path = data / "workbook.toml"
    os.link(synced, path)
    store = Store(path)
    store.save(edit(store))
    assert os.path.samefile(path, synced)
    assert path.stat().st_nlink == 2
    assert role_in(synced) == "Lead"
    assert "# the big one" in synced.read_text()
    assert mode(path) == 0o600
    assert entries(data) == ["workbook.toml"]  # the safety copy is gone once written


# --------------------------------------------------------------------------- read-only


@pytest.mark.parametrize("perms", [0o400, 0o444])
def test_a_read_only_workbook_is_not_overwritten(data, perms):
    path = data / "workbook.toml"
    path.write_text(HAND)
    os.chmod(path, perms)
    store = Store(path)
    wb = edit(store)
    with pytest.raises(WorkbookError, match="read-only"):
        store.save(wb)
    assert path.read_text() == HAND
    assert mode(path) == perms
    assert entries(data) == ["workbook.toml"]


def test_a_symlinked_read_only_file_is_not_overwritten(data, synced):
    link = data / "workbook.toml"
    link.symlink_to(synced)
    os.chmod(synced, 0o444)
    store = Store(link)
    wb = edit(store)
    assert store.read_only
    with pytest.raises(ReadOnlyError):
        store.save(wb)
    assert synced.read_text() == HAND and link.is_symlink()


def test_hard_links_are_told_once_saved(data, synced):
    path = data / "workbook.toml"
    os.link(synced, path)
    store = Store(path)
    assert store.notice is None
    store.save(edit(store))
    assert store.notice == "workbook.toml has 2 hard links: saved in place to keep them"
    os.unlink(synced)
    store.save(edit(store, "Staff"))  # a single name again: the usual atomic save, no notice
    assert store.notice is None
    assert role_in(path) == "Staff"


def test_a_symlink_to_a_hard_linked_file(data, synced, tmp_path):
    other = tmp_path / "backup.toml"
    os.link(synced, other)
    link = data / "workbook.toml"
    link.symlink_to(synced)
    store = Store(link)
    store.save(edit(store))
    assert link.is_symlink() and os.path.samefile(synced, other)
    assert role_in(other) == "Lead"
    assert entries(synced.parent) == ["workbook.toml"]


def test_a_hard_linked_file_changed_by_another_program_is_a_conflict(data, synced):
    path = data / "workbook.toml"
    os.link(synced, path)
    store = Store(path)
    wb = edit(store)
    theirs = HAND.replace("Designer", "Theirs")
    synced.write_text(theirs)
    with pytest.raises(ConflictError):
        store.save(wb)
    assert path.read_text() == theirs and os.path.samefile(path, synced)
    assert entries(data) == ["workbook.toml"]
    store.save(wb, force=True)
    assert role_in(synced) == "Lead" and os.path.samefile(path, synced)


def test_a_failed_write_in_place_puts_the_old_text_back(data, synced, monkeypatch):
    path = data / "workbook.toml"
    os.link(synced, path)
    store = Store(path)
    wb = edit(store)
    wb.offers[0].notes = "a long note " * 200  # the file grows: the disk may be full
    real = os.ftruncate
    calls = []

    def full(fd, size):
        calls.append(size)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, size)

    monkeypatch.setattr(os, "ftruncate", full)
    with pytest.raises(WorkbookError, match="could not be saved: No space left"):
        store.save(wb)
    monkeypatch.undo()
    assert path.read_text() == HAND and os.path.samefile(path, synced)
    assert entries(data) == ["workbook.toml"]
    store.save(wb)  # no false conflict afterwards
    assert read_workbook(path.read_bytes(), path).offers[0].notes == wb.offers[0].notes


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_save_in_place_killed_midway_leaves_a_complete_copy(data, synced, monkeypatch):
    from decline_tui.core import journal

    path = data / "workbook.toml"
    os.link(synced, path)
    store = Store(path)
    wb = edit(store)
    wb.offers[0].notes = "short"
    expected = store.render(wb)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, "killed" after writing, before truncating
        try:
            os.ftruncate = lambda fd, size: os._exit(9)
            store.save(wb)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    temps = [p for p in data.iterdir() if p.name != "workbook.toml"]
    assert len(temps) == 1 and temps[0].name.startswith(".workbook.toml.")
    assert temps[0].read_text() == expected
    assert mode(temps[0]) == 0o600
    found = journal.leftovers(path, None)
    assert [(r.path, r.kind, r.text) for r in found] == [(temps[0], "temp", expected)]
    store.save(wb, force=True)  # the next save clears it
    assert entries(data) == ["workbook.toml"] and os.path.samefile(path, synced)


# --------------------------------------------------------------------------- read-only


@pytest.mark.parametrize("perms", [0o400, 0o444, 0o500])
def test_read_only_says_what_to_do(data, perms):
    path = data / "workbook.toml"
    path.write_text(HAND)
    os.chmod(path, perms)
    store = Store(path)
    wb = edit(store)
    assert store.read_only
    with pytest.raises(ReadOnlyError) as info:
        store.save(wb, force=True)
    message = str(info.value)
    assert message.startswith(f"{path}: is read-only")
    assert f"chmod u+w {path}" in message
    assert "save a copy elsewhere; your changes are kept in the app" in message
    assert mode(path) == perms
    os.chmod(path, 0o600)
    assert not store.read_only
    store.save(wb)
    assert role_in(path) == "Lead"


def test_a_path_with_spaces_is_quoted_for_the_shell(tmp_path):
    folder = tmp_path / "my data"
    folder.mkdir()
    path = folder / "workbook.toml"
    path.write_text(HAND)
    os.chmod(path, 0o400)
    store = Store(path)
    with pytest.raises(ReadOnlyError, match=f"chmod u\\+w '{path}'"):
        store.save(store.load())


@pytest.mark.parametrize("exists", [True, False], ids=["file", "new"])
def test_a_read_only_folder_is_refused_before_writing(data, exists):
    path = data / "workbook.toml"
    if exists:
        path.write_text(HAND)
        os.chmod(path, 0o600)
    os.chmod(data, 0o500)
    try:
        store = Store(path)
        wb = store.load()
        assert store.read_only
        with pytest.raises(ReadOnlyError, match=f"read-only folder: .*chmod u\\+w {data}"):
            store.save(wb)
        assert entries(data) == (["workbook.toml"] if exists else [])
        if exists:
            assert path.read_text() == HAND
    finally:
        os.chmod(data, 0o700)


def test_a_writable_file_is_not_read_only(data):
    store = Store(data / "workbook.toml")
    assert not store.read_only  # not there yet, in a writable folder
    store.save(store.load())
    assert not store.read_only


# --------------------------------------------------------------------------- save a copy


def test_save_copy_writes_what_a_save_would(data, tmp_path):
    path = data / "workbook.toml"
    path.write_text(HAND)
    os.chmod(path, 0o444)
    store = Store(path)
    wb = edit(store)
    dest = tmp_path / "elsewhere" / "copy.toml"
    dest.parent.mkdir()
    assert store.save_copy(wb, dest) == dest
    assert mode(dest) == 0o600
    assert "# the big one" in dest.read_text()
    assert entries(dest.parent) == ["copy.toml"]
    assert path.read_text() == HAND  # the workbook itself is untouched
    os.chmod(path, 0o600)
    store.save(wb)  # later saves still go to the workbook, with no false conflict
    assert path.read_bytes() == dest.read_bytes()


def test_save_copy_never_replaces_a_file_unasked(data, tmp_path):
    store = Store(data / "workbook.toml")
    wb = store.load()
    dest = tmp_path / "mine.toml"
    dest.write_text("my own notes")
    with pytest.raises(FileExistsError):
        store.save_copy(wb, dest)
    assert dest.read_text() == "my own notes"
    store.save_copy(wb, dest, overwrite=True)
    assert read_workbook(dest.read_bytes(), dest) == wb
    assert mode(dest) == 0o600
    assert entries(tmp_path) == ["data", "mine.toml"]


def test_save_copy_refuses_the_workbook_itself_and_missing_folders(data, tmp_path):
    path = data / "workbook.toml"
    path.write_text(HAND)
    store = Store(path)
    wb = store.load()
    alias = tmp_path / "alias.toml"
    alias.symlink_to(path)
    for dest in (path, alias):
        with pytest.raises(WorkbookError, match="is the workbook itself"):
            store.save_copy(wb, dest, overwrite=True)
    with pytest.raises(WorkbookError, match="does not exist"):
        store.save_copy(wb, tmp_path / "nowhere" / "copy.toml")
    with pytest.raises(WorkbookError, match="is a folder"):
        store.save_copy(wb, data)
    assert path.read_text() == HAND


def test_save_copy_refuses_what_a_save_refuses(data, tmp_path):
    store = Store(data / "workbook.toml")
    wb = store.load()
    wb.profile.name = "broken \ud800"
    with pytest.raises(WorkbookError, match="not a Unicode character"):
        store.save_copy(wb, tmp_path / "copy.toml")
    assert not (tmp_path / "copy.toml").exists()


# --------------------------------------------------------------------------- render, last_known


def test_render_is_what_a_save_writes_and_writes_nothing(data):
    path = data / "workbook.toml"
    path.write_text(HAND)
    store = Store(path)
    wb = edit(store)
    before = path.stat().st_mtime_ns
    text = store.render(wb)
    assert "# the big one" in text and 'role = "Lead"' in text
    assert path.read_text() == HAND and path.stat().st_mtime_ns == before
    assert entries(data) == ["workbook.toml"]
    assert store.render(wb) == text  # the store is unchanged by it
    store.save(wb)
    assert path.read_text() == text


def test_render_refuses_what_a_save_refuses(data):
    store = Store(data / "workbook.toml")
    with pytest.raises(WorkbookError, match="not loaded"):
        store.render(Workbook())
    wb = store.load()
    wb.offers = [Offer(id="a"), Offer(id="a")]
    with pytest.raises(WorkbookError, match="two offers share the id"):
        store.render(wb)
    assert entries(data) == []


def test_last_known_is_the_file_as_last_read_or_written(data):
    path = data / "workbook.toml"
    store = Store(path)
    assert store.last_known() is None
    assert store.load() == Workbook() and store.last_known() == Workbook()
    path.write_text(HAND)
    wb = store.load()
    base = store.last_known()
    assert base == wb and base is not wb
    base.offers[0].role = "changed in the copy"
    wb.offers[0].role = "changed in the app"
    assert store.last_known().offers[0].role == "Designer"
    store.save(wb)
    assert store.last_known() == wb
    wb.offers[0].role = "unsaved"
    assert store.last_known().offers[0].role == "changed in the app"


def test_last_known_of_a_file_given_ids_on_load(data):
    path = data / "workbook.toml"
    path.write_text('[[offers]]\ncompany = "Acme"\n')  # no id, no schema_version
    store = Store(path)
    wb = store.load()
    assert store.last_known() == wb and wb.offers[0].id


# --------------------------------------------------------------------------- another program


def theirs_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("workbook.theirs-*.toml"))


def test_a_write_during_the_save_is_caught_before_the_replace(data, monkeypatch):
    """Another program writes after the first check, while the new file is being written."""
    path = data / "workbook.toml"
    path.write_text(HAND)
    store = Store(path)
    wb = edit(store)
    theirs = HAND.replace("Designer", "Theirs")
    real = store_mod.remove_stale_temps

    def meanwhile(*args, **kwargs):
        real(*args, **kwargs)
        path.write_text(theirs)

    monkeypatch.setattr(store_file, "remove_stale_temps", meanwhile)
    with pytest.raises(ConflictError):
        store.save(wb)
    assert path.read_text() == theirs
    assert entries(data) == ["workbook.toml"]
    monkeypatch.undo()
    store.save(wb, force=True)
    assert role_in(path) == "Lead"


def test_a_write_into_the_old_file_just_before_the_rename_is_kept(data, monkeypatch):
    """The last check passed; then another program writes the old file in place, a moment
    before ours replaces it. Its version is kept beside the workbook, and the person told."""
    path = data / "workbook.toml"
    path.write_text(HAND)
    store = Store(path)
    wb = edit(store)
    theirs = HAND.replace("Designer", "Theirs").encode()
    real = os.replace

    def replace(src, dst):
        if Path(dst) == path:
            with open(path, "r+b") as fh:  # an editor that writes the file in place
                fh.write(theirs)
                fh.truncate()
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    store.save(wb)
    monkeypatch.undo()
    assert role_in(path) == "Lead"
    [kept] = theirs_files(data)
    assert kept.read_bytes() == theirs and mode(kept) == 0o600
    assert store.notice == (
        f"another program wrote workbook.toml during this save; its version is kept in {kept}"
    )
    store.save(edit(store, "Staff"))  # ours is what the file holds: no conflict, no notice
    assert store.notice is None


def test_a_write_just_after_the_save_is_told_and_the_next_save_asks(data, monkeypatch):
    path = data / "workbook.toml"
    path.write_text(HAND)
    store = Store(path)
    wb = edit(store)
    theirs = HAND.replace("Designer", "Theirs")
    real = os.replace

    def replace(src, dst):
        real(src, dst)
        if Path(dst) == path:  # another program's atomic save, right after ours
            other = data / "other.tmp"
            other.write_text(theirs)
            real(other, path)

    monkeypatch.setattr(os, "replace", replace)
    store.save(wb)
    monkeypatch.undo()
    assert store.notice == (
        "another program changed workbook.toml just after this save; "
        "the next save will ask which version to keep"
    )
    assert path.read_text() == theirs and theirs_files(data) == []
    with pytest.raises(ConflictError):
        store.save(wb)
    assert path.read_text() == theirs


def test_theirs_files_never_replace_each_other(data):
    path = data / "workbook.toml"
    moment = datetime(2026, 11, 29, 10, 0, 0)
    first = store_mod.keep_beside(path, "theirs", b"one", moment)
    second = store_mod.keep_beside(path, "theirs", b"two", moment)
    assert first.name == "workbook.theirs-20261129-100000.toml"
    assert second.name == "workbook.theirs-20261129-100000-2.toml"
    assert (first.read_bytes(), second.read_bytes()) == (b"one", b"two")


def test_a_symlinked_workbook_keeps_theirs_in_the_data_folder(data, synced, monkeypatch):
    link = data / "workbook.toml"
    link.symlink_to(synced)
    store = Store(link)
    wb = edit(store)
    real = os.replace

    def replace(src, dst):
        if Path(dst) == synced:
            synced.write_text(HAND.replace("Designer", "Theirs"))  # in place
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    store.save(wb)
    monkeypatch.undo()
    assert len(theirs_files(data)) == 1 and link.is_symlink()
    assert entries(synced.parent) == ["workbook.toml"]
