"""Broken workbooks, end to end: every command that reads the workbook, in a real process.

The store's own tests (test_store.py) check the messages and positions in-process; these check
what a person sees: one clear line on stderr, exit status 2, no traceback, and the file, its
folder and its modification time exactly as they were.
"""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

from decline_tui.cli import main

GOOD_OFFER = "[[offers]]\nid = 'acme'\ncompany = 'Acme'\nrole = 'Designer'\n"
COMPLETE_WORKBOOK = (
    "[profile]\nname = 'Sam Lee'\n\n" + GOOD_OFFER + "contact_name = 'Maria Lopez'\n"
    "reason = 'I have accepted a role closer to my family'\n"
    "admired = 'the care your team puts into accessibility'\n"
    "project = 'the warehouse dashboard redesign'\n"
)

# name -> (bytes of workbook.toml, words the message must hold, line the message names or None)
BROKEN: dict[str, tuple[bytes, str, int | None]] = {
    "invalid TOML": (b'[profile]\nname = "Sam\n\n' + GOOD_OFFER.encode(), "not valid TOML", 2),
    "duplicate key": (
        GOOD_OFFER.encode() + b"company = 'Other'\n",
        "not valid TOML",
        5,
    ),
    "wrong type: company a number": (
        b"[[offers]]\nid = 'acme'\ncompany = 3\n",
        "offers[1].company must be",
        3,
    ),
    "wrong type: deadline not a date": (
        b"[[offers]]\nid = 'acme'\ncompany = 'Acme'\ndeadline = 'soon'\n",
        "must be a TOML date",
        4,
    ),
    "wrong type: offers a string": (b"offers = 'none'\n", "offers must be", 1),
    "wrong type: profile a list": (b"profile = [1, 2]\n", "profile must be a table", 1),
    "unknown schema version": (
        b"schema_version = 99\n\n" + GOOD_OFFER.encode(),
        "written by a newer decline-tui",
        1,
    ),
    "schema version not a number": (
        b"schema_version = 'two'\n",
        "schema_version must be a whole number",
        1,
    ),
    "empty file": (b"", "is empty", 1),
    "only blank lines": (b"\n  \n\t\n", "is empty", 1),
    "not UTF-8": (b"[profile]\nname = '\xff\xfe'\n", "not UTF-8", 2),
    "NUL byte": (b"[profile]\nname = 'a\x00b'\n", "not valid TOML", 2),
}

# Every way into the program that reads the workbook. {out} is a file the export may write.
COMMANDS: dict[str, list[str]] = {
    "app": [],
    "list": ["list"],
    "list --json": ["list", "--json"],
    "render": ["render", "acme"],
    "export": ["export", "acme", "--to", "{out}"],
    "export --clipboard": ["export", "acme", "--clipboard"],
    "reminders": ["reminders"],
    "reminders --ics": ["reminders", "--ics", "{out}"],
    "check --offer": ["check", "--offer", "acme", "{message}"],
}


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every entry under `folder`: mode, modification time and bytes (None for folders)."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            st = p.lstat()
            data = None if p.is_dir() else p.read_bytes()
            out[str(p.relative_to(folder))] = (st.st_mode, st.st_mtime_ns, data)
    return out


@pytest.fixture
def sandbox(tmp_path: Path) -> dict[str, Path]:
    """A home, a working folder and a data folder, all private to the test."""
    home = tmp_path / "home"
    cwd = tmp_path / "cwd"
    data = tmp_path / "data"
    for p in (home, cwd, data):
        p.mkdir(exist_ok=True)
    message = tmp_path / "message.txt"
    message.write_text("Thank you for the offer. I have decided to decline it.\n")
    return {"home": home, "cwd": cwd, "data": data, "message": message, "root": tmp_path}


def _run(sandbox: dict[str, Path], argv: list[str]) -> subprocess.CompletedProcess[str]:
    out = sandbox["cwd"] / "out.txt"
    args = [a.format(out=out, message=sandbox["message"]) for a in argv]
    if "reminders" in argv and "--ics" in argv:
        args = [a.replace("out.txt", "out.ics") for a in args]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(sandbox["home"]),
        "XDG_DATA_HOME": str(sandbox["home"] / ".local" / "share"),
        "DECLINE_TUI_DATA_DIR": str(sandbox["data"]),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *args],
        cwd=sandbox["cwd"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def _assert_clear_refusal(proc: subprocess.CompletedProcess[str], path: Path, words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"decline-tui: error: {path}"), lines[0]
    assert words in lines[0], lines[0]
    assert proc.stdout == ""


@pytest.mark.parametrize("case", list(BROKEN))
def test_every_command_refuses_a_broken_workbook_and_leaves_it_alone(sandbox, case):
    data, words, line = BROKEN[case]
    path = sandbox["data"] / "workbook.toml"
    path.write_bytes(data)
    os.chmod(path, 0o644)  # a person's own mode must survive too
    before = _snapshot(sandbox["root"])
    for name, argv in COMMANDS.items():
        proc = _run(sandbox, argv)
        _assert_clear_refusal(proc, path, words)
        if line is not None:
            assert proc.stderr.startswith(f"decline-tui: error: {path}:{line}:"), (name, proc)
        assert _snapshot(sandbox["root"]) == before, f"{name} changed something on disk"


def test_a_directory_where_the_workbook_should_be(sandbox):
    path = sandbox["data"] / "workbook.toml"
    path.mkdir()
    (path / "notes.txt").write_text("mine")
    before = _snapshot(sandbox["root"])
    for argv in COMMANDS.values():
        proc = _run(sandbox, argv)
        _assert_clear_refusal(proc, path, "is a folder, not a workbook file")
    assert _snapshot(sandbox["root"]) == before


def test_a_file_where_the_data_folder_should_be(sandbox):
    """The folder itself is a file: reading says so, and the app does not crash creating it."""
    folder = sandbox["data"]
    folder.rmdir()
    folder.write_text("not a folder")
    before = _snapshot(sandbox["root"])
    proc = _run(sandbox, ["list"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert str(folder) in proc.stderr
    proc = _run(sandbox, [])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert _snapshot(sandbox["root"]) == before


def _in_child(fn) -> tuple[int, str]:
    """Run `fn()` in a forked child; its exit status and what it printed to stderr."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            os.close(read)
            sys.stderr = open(write, "w", encoding="utf-8")  # noqa: SIM115
            code = fn() or 0
        except BaseException as exc:
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
            code = 3
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    with os.fdopen(read, encoding="utf-8", errors="replace") as fh:
        err = fh.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def _run_as_nobody(argv: list[str]) -> tuple[int, str]:
    """Run `main(argv)` in a forked child that dropped root, so a chmod 000 file is unreadable."""
    # The child cannot import once it is `nobody` (the interpreter may live in root's home).
    for name in ("care", "checklist", "compose", "export", "scenarios", "session", "store"):
        importlib.import_module(f"decline_tui.core.{name}")
    importlib.import_module("email.policy")

    def as_nobody() -> int:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        if os.geteuid() == 0:
            os.setgid(65534)
            os.setuid(65534)
        return main(argv)

    return _in_child(as_nobody)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_an_unreadable_workbook(monkeypatch):
    # Not under pytest's tmp_path: other users cannot pass through it, and the child drops root.
    root = Path(tempfile.mkdtemp(prefix="decline-tui-test-"))
    try:
        os.chmod(root, 0o755)
        folder = root / "data"
        folder.mkdir(mode=0o755)
        path = folder / "workbook.toml"
        path.write_text(GOOD_OFFER)
        os.chmod(path, 0)
        monkeypatch.setenv("DECLINE_TUI_DATA_DIR", str(folder))
        before = _snapshot(root)
        for argv in (
            ["list"],
            [],
            ["render", "acme"],
            ["reminders"],
            ["export", "acme", "--to", "x.txt"],
        ):
            code, err = _run_as_nobody(argv)
            assert code == 2, err
            assert err.strip() == f"decline-tui: error: {path}: cannot be read: permission denied"
        assert _snapshot(root) == before
        os.chmod(path, 0o600)
        assert path.read_text() == GOOD_OFFER
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------- exports


def _cli(argv: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


@pytest.fixture
def saved_workbook(data_dir) -> Path:
    """An offer whose draft passes the checklist: export refuses one that does not."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "workbook.toml"
    path.write_text(COMPLETE_WORKBOOK)
    return path


def test_export_to_a_missing_folder(saved_workbook, tmp_path):
    target = tmp_path / "nowhere" / "out.txt"
    code, err = _cli(["export", "acme", "--to", str(target)])
    assert code == 2
    assert err == f"decline-tui: error: the folder {target.parent} does not exist\n"
    assert not target.parent.exists()


def test_export_over_an_existing_file_asks_for_force(saved_workbook, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("my own notes")
    os.chmod(target, 0o640)
    code, err = _cli(["export", "acme", "--to", str(target)])
    assert code == 2 and "exists already; add --force" in err, err
    assert target.read_text() == "my own notes"
    code, err = _cli(["export", "acme", "--to", str(target), "--force"])
    assert code == 0, err
    assert target.read_text().startswith("Subject:")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # replacing keeps the person's mode
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_export_to_a_read_only_folder(monkeypatch):
    root = Path(tempfile.mkdtemp(prefix="decline-tui-test-"))
    try:
        os.chmod(root, 0o755)
        folder = root / "data"
        folder.mkdir(mode=0o755)
        (folder / "workbook.toml").write_text(COMPLETE_WORKBOOK)
        os.chmod(folder / "workbook.toml", 0o644)
        locked = root / "locked"
        locked.mkdir(mode=0o555)
        monkeypatch.setenv("DECLINE_TUI_DATA_DIR", str(folder))
        target = locked / "out.txt"
        code, err = _run_as_nobody(["export", "acme", "--to", str(target)])
        assert code == 2, err
        assert err == f"decline-tui: error: cannot write {target}: permission denied\n"
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _small_file_limit(limit: int) -> None:
    """Make writes past `limit` bytes fail with EFBIG, as a full disk or quota would."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.skipif(not hasattr(os, "fork") or resource is None, reason="needs fork, rlimit")
@pytest.mark.parametrize("replace", [False, True])
def test_an_export_that_runs_out_of_space_leaves_no_half_file(tmp_path, replace):
    from decline_tui.core.export import ExportError, write_export

    target = tmp_path / "out.txt"
    if replace:
        target.write_text("the old export\n")

    def write() -> int:
        _small_file_limit(100)
        try:
            write_export(target, "x" * 5000, overwrite=replace)
        except ExportError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0

    code, err = _in_child(write)
    assert code == 2, err
    assert err.startswith(f"cannot write {target}:") and "File too large" in err, err
    if replace:
        assert target.read_text() == "the old export\n"
    else:
        assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["out.txt"] if replace else [])


@pytest.mark.skipif(not hasattr(os, "fork") or resource is None, reason="needs fork, rlimit")
def test_a_workbook_save_that_runs_out_of_space_keeps_the_old_file(saved_workbook):
    from decline_tui.core.model import Offer
    from decline_tui.core.store import Store, WorkbookError

    before = saved_workbook.read_bytes()

    def save() -> int:
        store = Store(saved_workbook)
        wb = store.load()
        wb.offers.append(Offer(id="big", company="Big", notes="n" * 5000))
        _small_file_limit(1000)
        try:
            store.save(wb)
        except WorkbookError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0

    code, err = _in_child(save)
    assert code == 2, err
    assert err.startswith(f"{saved_workbook}: could not be saved: File too large"), err
    assert saved_workbook.read_bytes() == before
    assert sorted(p.name for p in saved_workbook.parent.iterdir()) == ["workbook.toml"]


def test_an_export_file_made_by_another_program_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    """The existence check and the write are one step: a file that appears in between wins."""
    from decline_tui.core import export

    target = tmp_path / "out.txt"
    real_exists = Path.exists

    def exists(self: Path) -> bool:
        if self == target and not real_exists(self):
            self.write_text("theirs")  # another program, right after our check
            return False
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", exists)
    with pytest.raises(FileExistsError):
        export.write_export(target, "ours")
    monkeypatch.undo()
    assert target.read_text() == "theirs"


# --------------------------------------------------------------------------- the app's writes


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_app_writes_only_the_workbook_and_the_files_asked_for(tmp_path, monkeypatch):
    """A whole session: edit, autosave, export, copy, mark sent, save check-ins, quit.

    Home, working folder and temporary folder all point into the sandbox, so any stray write
    (a cache, a log, a temp file left behind) shows up in the listing at the end. Every save
    leaves the workbook at mode 0600, even when the person had loosened it.
    """
    from textual.widgets import Input

    from decline_tui.core import export
    from decline_tui.ui.screens.dialogs import PathDialog
    from decline_tui.ui.screens.people import DueScreen

    from .conftest import DEMO, go_ahead, make_app, ready, wait_until

    sandbox = tmp_path / "sandbox"
    home, cwd, tmp, data, out = (sandbox / n for n in ("home", "cwd", "tmp", "data", "out"))
    for p in (home, cwd, tmp, data, out):
        p.mkdir(parents=True)
    for name, value in {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local/share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local/state",
        "TMPDIR": tmp,
        "DECLINE_TUI_DATA_DIR": data,
    }.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: None)
    path = data / "workbook.toml"
    path.write_bytes(DEMO.read_bytes())
    os.chmod(path, 0o644)
    saves = []

    app = make_app(path)
    store = app.session.store
    real_save = store.save

    def save(*args, **kwargs):
        real_save(*args, **kwargs)
        saves.append(_mode(path))

    monkeypatch.setattr(store, "save", save)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        role = screen.query_one("#f-role", Input)
        role.focus()
        await pilot.pause()
        await pilot.press("end", "space", "I", "I")
        await wait_until(pilot, lambda: not screen.dirty)  # the autosave
        assert saves and saves[-1] == 0o600
        # Export to a chosen file, then copy (OSC 52 only: no clipboard tool here).
        await pilot.press("ctrl+s")
        await go_ahead(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, PathDialog))
        app.screen.query_one("#path", Input).value = str(out / "decline.md")
        await pilot.press("enter")
        await wait_until(pilot, lambda: (out / "decline.md").exists())
        await pilot.press("ctrl+t")
        await go_ahead(pilot)
        await wait_until(
            pilot,
            lambda: any("OSC 52" in str(n.message) for n in app._notifications),
            message="the copy never said how it copied",
        )
        await app.workers.wait_for_complete()
        # Mark it sent (it asks first), then save the check-ins as a calendar file.
        await pilot.press("ctrl+l")
        await go_ahead(pilot)
        await wait_until(pilot, lambda: screen.offer.status == "declined")
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, DueScreen))
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, PathDialog))
        app.screen.query_one("#path", Input).value = str(out / "check-ins.ics")
        await pilot.press("enter")
        await wait_until(pilot, lambda: (out / "check-ins.ics").exists())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert len(saves) >= 2 and set(saves) == {0o600}, saves
    assert _mode(path) == 0o600
    assert "II" in path.read_text(encoding="utf-8")
    written = sorted(str(p.relative_to(sandbox)) for p in sandbox.rglob("*") if not p.is_dir())
    allowed = {"data/workbook.toml", "out/decline.md", "out/check-ins.ics"}
    # The lock file that keeps two instances apart may sit beside the workbook.
    extra = [w for w in written if w not in allowed and not w.startswith("data/.workbook.toml")]
    assert extra == [], written
    assert [p for p in data.iterdir() if p.name.endswith(".tmp")] == []


async def test_a_workbook_broken_by_another_program_while_open_is_not_loaded_or_replaced(
    demo_path,
):
    """Their broken version is never loaded over the person's work, nor silently replaced."""
    from textual.widgets import Input, Static

    from decline_tui.ui.screens.dialogs import ChoiceDialog

    from .conftest import choose, make_app, ready, wait_until

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        broken = demo_path.read_bytes() + b"\n[profile\n"
        demo_path.write_bytes(broken)
        role = screen.query_one("#f-role", Input)
        role.focus()
        await pilot.press("end", "X")
        # The autosave meets it: no dialog takes the keyboard, the header and a message say it.
        await wait_until(pilot, lambda: screen.disk_problem is not None)
        assert app.screen is screen
        assert "broken" in str(screen.save_state())
        assert f"{demo_path}:" in screen.disk_problem
        # the message is a Notify posted to the app: it arrives a moment after the state
        await wait_until(
            pilot,
            lambda: "cannot be read now" in " ".join(str(n.message) for n in app._notifications),
        )
        await pilot.press("W")  # typing goes on where it was
        assert screen.offer.role.endswith("XW")
        assert demo_path.read_bytes() == broken
        assert screen.dirty  # the person's change is still here
        # ctrl+y asks; waiting (the first, focused answer) keeps the file as it is
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "cannot be read now" in text and f"{demo_path}:" in text, text
        assert not app.screen.query("#choice-theirs")  # nothing readable to load
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert demo_path.read_bytes() == broken
        # Mended by hand: the next look at the file saves, their mend and our words merged.
        mended = broken.replace(b"\n[profile\n", b"\n# mended\n")
        demo_path.write_bytes(mended)
        screen.check_disk()
        await wait_until(pilot, lambda: not screen.dirty)
        assert screen.disk_problem is None
        saved = demo_path.read_text(encoding="utf-8")
        assert "# mended" in saved and "XW" in saved
        # Broken again, and this time the person keeps theirs: the file is replaced whole.
        demo_path.write_bytes(broken)
        await pilot.press("Z")
        await wait_until(pilot, lambda: screen.disk_problem is not None)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await choose(pilot, "mine")
        await wait_until(pilot, lambda: not screen.dirty)
    from decline_tui.core.store import Store

    wb = Store(demo_path).load()
    assert any(o.role.endswith("XWZ") for o in wb.offers)


async def test_a_file_broken_while_nothing_waits_to_be_saved_is_said_once(demo_path):
    """The poll found it first (nothing typed yet): it used to set the header alone, so the
    save that came next saw a known problem and no message ever said it."""
    from .conftest import make_app, ready, wait_until

    def toasts() -> list[str]:
        return [str(n.message) for n in app._notifications if "cannot be read" in str(n.message)]

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        demo_path.write_bytes(demo_path.read_bytes() + b"\n[profile\n")
        assert not screen.dirty
        screen.check_disk()
        assert screen.disk_problem is not None
        await wait_until(pilot, lambda: len(toasts()) == 1)
        assert f"{demo_path}:" in toasts()[0]
        await pilot.press("f3", "end", "X")  # now a save meets the same problem
        await wait_until(pilot, lambda: screen.dirty)
        screen.save_now()
        await pilot.pause()
        assert len(toasts()) == 1  # said once, not at every try


def test_disk_problem_names_a_broken_or_deleted_file_and_nothing_else(demo_path):
    from datetime import date

    from decline_tui.core.session import Session

    session, _ = Session.open(demo_path, date(2026, 11, 25))
    assert session.disk_problem() is None
    demo_path.write_text("[[offers]]\ncompany = 3\n")
    assert session.disk_problem() == (
        f"{demo_path}:2:11: offers[1].company must be a string in quotes, not a number"
    )
    demo_path.unlink()
    assert session.disk_problem() == f"{demo_path}: was deleted by another program"


def test_commands_write_only_the_file_they_were_given(sandbox):
    """Reading commands leave the workbook alone; exports create exactly the named file."""
    from .conftest import DEMO

    path = sandbox["data"] / "workbook.toml"
    declined = b'\n[[offers]]\nid = "hooli"\ncompany = "Hooli"\nstatus = "declined"\n'
    path.write_bytes(DEMO.read_bytes() + declined + b"declined_on = 2026-10-01\n")
    before = _snapshot(sandbox["root"])
    out = sandbox["root"] / "out"
    out.mkdir()
    runs = {
        "list": [],
        "render acme --medium phone": [],
        "export acme --to {o}/a.txt": ["out/a.txt"],
        "export acme --to {o}/a.md": ["out/a.md"],
        "export acme --to {o}/a.eml": ["out/a.eml"],
        "reminders --all": [],
        "reminders --ics {o}/c.ics": ["out/c.ics"],
        "check --offer acme {m}": [],
    }
    made = ["out"]
    for command, new in runs.items():
        argv = command.format(o=out, m=sandbox["message"]).split()
        proc = _run(sandbox, argv)
        assert proc.returncode in (0, 1), (command, proc.stderr)  # check exits 1 on findings
        assert "Traceback" not in proc.stderr
        made += new
        after = _snapshot(sandbox["root"])
        assert sorted(set(after) - set(before)) == sorted(made), command
        assert all(after[k] == v for k, v in before.items()), f"{command} changed a file"


def test_two_apps_started_at_once_on_an_empty_folder_both_open(data_dir, monkeypatch):
    """The second to create the workbook finds the first's file and opens it, no error."""
    from decline_tui.core.model import Offer, Workbook
    from decline_tui.core.store import Store
    from decline_tui.ui.app import DeclineApp

    path = data_dir / "workbook.toml"
    real_save = Store.save
    raced = []

    def save(self, wb, *, force=False):
        if not raced:  # the other instance gets there first
            raced.append(True)
            other = Store(path)
            other.load()
            real_save(other, Workbook(offers=[Offer(id="theirs", company="Theirs")]))
        return real_save(self, wb, force=force)

    opened = []
    monkeypatch.setattr(Store, "save", save)
    monkeypatch.setattr(DeclineApp, "run", lambda self: opened.append(self.session))
    assert main([]) == 0
    assert [o.id for o in opened[0].wb.offers] == ["theirs"]
    assert [o.id for o in Store(path).load().offers] == ["theirs"]


async def test_quitting_right_after_another_program_wrote_merges_and_quits(demo_path):
    from textual.widgets import Input

    from .conftest import make_app, ready

    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        demo_path.write_bytes(demo_path.read_bytes() + b"\n# touched by another program\n")
        screen.query_one("#f-role", Input).focus()
        await pilot.press("end", "X", "ctrl+q")
        await pilot.pause()
    assert not app.is_running
    text = demo_path.read_text(encoding="utf-8")
    assert "X" in text and "# touched by another program" in text


def test_the_command_line_shows_escape_sequences_on_a_terminal_and_keeps_them_in_a_pipe(
    sandbox,
):
    """On a terminal, workbook text cannot act on it; piped, the text is exact."""
    import pty

    path = sandbox["data"] / "workbook.toml"
    path.write_text(
        "[[offers]]\nid = 'acme'\ncompany = \"Acme\\u001b]52;c;aGk=\\u0007\\u001b[2J\"\n"
        "role = 'Designer'\n"
    )
    piped = _run(sandbox, ["render", "acme"])
    assert "\x1b]52;c;aGk=\x07\x1b[2J" in piped.stdout
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(sandbox["home"]),
        "DECLINE_TUI_DATA_DIR": str(sandbox["data"]),
        "LANG": "C.UTF-8",
    }
    for argv in (["render", "acme"], ["list"], ["render", "nobody\x1b[2J"]):
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            os.execve(sys.executable, [sys.executable, "-m", "decline_tui", *argv], env)
        out = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        os.close(fd)
        text = out.decode("utf-8", errors="replace")
        assert "\x1b" not in text and "\x07" not in text, (argv, text)
        assert "␛" in text, (argv, text)
