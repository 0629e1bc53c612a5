"""The recovery journal: unsaved work kept beside the workbook, and offered back after a crash."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from decline_tui.core import filelock, journal
from decline_tui.core.journal import Journal, Recovered, journal_path, leftovers
from decline_tui.core.model import Offer, Workbook
from decline_tui.core.store import Store, read_workbook

NOW = datetime(2026, 11, 29, 10, 0, 0)
HAND = """\
# my job search
schema_version = 1

[[offers]]
id = "acme"
company = "Acme"   # the big one
role = "Designer"
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "workbook.toml"
    path.write_text(HAND)
    return path


def unsaved(workbook: Path, role: str = "Lead") -> str:
    """The text a save would write after an edit the app has not saved."""
    store = Store(workbook)
    wb = store.load()
    wb.offers[0].role = role
    return store.render(wb)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --------------------------------------------------------------------------- writing


def test_journal_path_is_in_the_workbook_s_own_folder(workbook, tmp_path):
    assert journal_path(workbook) == workbook.parent / f"recovery-{os.getpid()}.toml"
    assert journal_path(workbook, 42) == workbook.parent / "recovery-42.toml"
    link = tmp_path / "elsewhere" / "workbook.toml"
    link.parent.mkdir()
    link.symlink_to(workbook)
    assert journal_path(link).parent == link.parent  # not the link's target's folder
    assert Journal(link).path == journal_path(link)


def test_write_keeps_a_workbook_with_a_header_and_never_touches_the_workbook(workbook):
    before = (workbook.read_bytes(), workbook.stat().st_mtime_ns)
    text = unsaved(workbook)
    j = Journal(workbook)
    j.write(text, NOW)
    first, rest = j.path.read_text().split("\n", 1)
    assert first == (
        f"# decline-tui: unsaved changes to {workbook}, written 2026-11-29T10:00:00; "
        "offered back at the next launch"
    )
    assert rest == text
    assert mode(j.path) == 0o600
    assert read_workbook(j.path.read_bytes(), j.path).offers[0].role == "Lead"
    assert (workbook.read_bytes(), workbook.stat().st_mtime_ns) == before
    assert names(workbook.parent) == sorted(["workbook.toml", j.path.name])  # no temp left
    j.write(unsaved(workbook, "Staff"), NOW)  # rewritten whole
    assert read_workbook(j.path.read_bytes(), j.path).offers[0].role == "Staff"
    j.clear()
    assert names(workbook.parent) == ["workbook.toml"]
    j.clear()  # twice is fine


def test_a_workbook_path_with_a_line_break_keeps_the_header_one_line(tmp_path):
    folder = tmp_path / "odd\nname"
    folder.mkdir()
    path = folder / "workbook.toml"
    j = Journal(path, pid=os.getpid())
    j.write("schema_version = 1\n", NOW)
    data = j.path.read_bytes()
    assert data.count(b"\n") == 2
    assert read_workbook(data, j.path) == Workbook()
    [rec] = leftovers(path, None)
    assert rec.written == NOW and rec.text == "schema_version = 1\n"


# --------------------------------------------------------------------------- leftovers


def test_our_own_pid_s_journal_is_a_leftover(workbook):
    text = unsaved(workbook)
    Journal(workbook).write(text, NOW)
    found = leftovers(workbook, HAND)
    assert found == [Recovered(journal_path(workbook), text, NOW, "journal")]
    wb = read_workbook(found[0].text.encode(), found[0].path)
    assert wb.offers[0].role == "Lead"


def test_a_live_process_s_journal_is_left_alone(workbook):
    live = Journal(workbook, pid=os.getppid())
    live.write(unsaved(workbook), NOW)
    before = live.path.read_bytes()
    assert leftovers(workbook, HAND) == []
    assert live.path.read_bytes() == before


def test_a_dead_process_s_journal_is_offered(workbook):
    gone = Journal(workbook, pid=dead_pid())
    gone.write(unsaved(workbook), NOW)
    [rec] = leftovers(workbook, HAND)
    assert rec.path == gone.path and rec.kind == "journal"


def test_what_reads_the_same_as_the_workbook_is_deleted_silently(workbook):
    Journal(workbook).write(unsaved(workbook, "Designer"), NOW)  # no change after all
    # A different layout, the same workbook: compared as workbooks, not as bytes.
    same = HAND.replace("# the big one", "").replace("# my job search\n", "")
    assert leftovers(workbook, same) == []
    assert names(workbook.parent) == ["workbook.toml"]


def test_nothing_is_deleted_without_a_workbook_to_compare(workbook):
    Journal(workbook).write(unsaved(workbook, "Designer"), NOW)
    assert len(leftovers(workbook, None)) == 1
    assert len(leftovers(workbook, "this is [not toml")) == 1


def test_a_journal_that_does_not_read_is_left_alone(workbook):
    path = journal_path(workbook, dead_pid())
    path.write_text("my own notes, not TOML at all [")
    assert leftovers(workbook, HAND) == []
    assert path.read_text() == "my own notes, not TOML at all ["


def test_a_complete_save_temp_file_is_offered_and_a_half_one_removed(workbook):
    text = unsaved(workbook)
    whole = workbook.parent / ".workbook.toml.abc123.tmp"
    whole.write_text(text)
    os.utime(whole, (NOW.timestamp(), NOW.timestamp()))
    half = workbook.parent / ".workbook.toml.def456.tmp"
    half.write_text(text[: len(text) // 2] + '"unclosed')
    other = workbook.parent / ".notes.txt.x.tmp"  # not a save's: never touched
    other.write_text("x")
    found = leftovers(workbook, HAND)
    assert found == [Recovered(whole, text, NOW, "temp")]
    assert names(workbook.parent) == sorted([whole.name, other.name, "workbook.toml"])


def test_a_killed_journal_write_s_temp_file(workbook):
    pid = dead_pid()
    whole = workbook.parent / f".recovery-{pid}.toml.abc.tmp"
    whole.write_text(unsaved(workbook))
    half = workbook.parent / f".recovery-{pid}.toml.def.tmp"
    half.write_text("schema_version = ")
    live = workbook.parent / f".recovery-{os.getppid()}.toml.ghi.tmp"
    live.write_text("being written")
    found = leftovers(workbook, HAND)
    assert [(r.path, r.kind) for r in found] == [(whole, "temp")]
    assert not half.exists() and live.exists()


def test_newest_first(workbook):
    older = Journal(workbook, pid=dead_pid())
    older.write(unsaved(workbook, "Old"), datetime(2026, 11, 1, 9, 0))
    newer = Journal(workbook)
    newer.write(unsaved(workbook, "New"), datetime(2026, 11, 28, 9, 0))
    temp = workbook.parent / ".workbook.toml.zzz.tmp"
    temp.write_text(unsaved(workbook, "Middle"))
    moment = datetime(2026, 11, 15, 9, 0).timestamp()
    os.utime(temp, (moment, moment))
    found = leftovers(workbook, HAND)
    assert [r.path for r in found] == [newer.path, temp, older.path]


def test_save_temps_are_looked_at_under_the_folder_s_lock(workbook, monkeypatch):
    held: list[Path] = []
    real = filelock.hold

    def hold(folder, *args, **kwargs):
        held.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(filelock, "hold", hold)
    leftovers(workbook, HAND)
    assert held == [workbook.parent]


def test_a_symlinked_workbook_s_temp_files_beside_the_real_file(tmp_path):
    real = tmp_path / "sync" / "jobs.toml"
    real.parent.mkdir()
    real.write_text(HAND)
    data = tmp_path / "data"
    data.mkdir()
    link = data / "workbook.toml"
    link.symlink_to(real)
    temp = real.parent / ".jobs.toml.abc.tmp"
    temp.write_text(unsaved(link))
    Journal(link).write(unsaved(link, "Staff"), NOW)
    found = leftovers(link, HAND)
    assert {(r.path, r.kind) for r in found} == {(temp, "temp"), (journal_path(link), "journal")}
    kept = journal.keep_aside(next(r for r in found if r.kind == "temp"), NOW)
    assert kept == real.parent / "jobs.recovered-20261129-100000.toml"


def test_a_save_still_clears_temp_files_but_no_journal(workbook):
    stale = workbook.parent / ".workbook.toml.abc.tmp"
    stale.write_text(unsaved(workbook))
    gone = Journal(workbook, pid=dead_pid())
    gone.write(unsaved(workbook), NOW)
    store = Store(workbook)
    store.save(store.load())
    assert names(workbook.parent) == sorted(["workbook.toml", gone.path.name])


# --------------------------------------------------------------------------- deciding


def test_keep_aside_moves_it_out_of_the_way_under_a_free_name(workbook):
    Journal(workbook).write(unsaved(workbook), NOW)
    [rec] = leftovers(workbook, HAND)
    data = rec.path.read_bytes()
    taken = workbook.parent / "workbook.recovered-20261129-100000.toml"
    taken.write_text("kept earlier")
    kept = journal.keep_aside(rec, NOW)
    assert kept == workbook.parent / "workbook.recovered-20261129-100000-2.toml"
    assert kept.read_bytes() == data and mode(kept) == 0o600
    assert taken.read_text() == "kept earlier"
    assert not rec.path.exists()
    assert leftovers(workbook, HAND) == []  # not offered again
    assert read_workbook(kept.read_bytes(), kept).offers[0].role == "Lead"


def test_discard(workbook):
    Journal(workbook).write(unsaved(workbook), NOW)
    [rec] = leftovers(workbook, HAND)
    journal.discard(rec)
    journal.discard(rec)  # already gone: fine
    assert names(workbook.parent) == ["workbook.toml"]


def test_a_new_workbook_s_journal(tmp_path):
    path = tmp_path / "data" / "workbook.toml"  # nothing on disk yet, not even the folder
    store = Store(path)
    wb = store.load()
    wb.offers.append(Offer(id="acme", company="Acme"))
    Journal(path).write(store.render(wb), NOW)
    [rec] = leftovers(path, None)
    assert read_workbook(rec.text.encode(), path) == wb
