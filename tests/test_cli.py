"""The headless command line: output, exit statuses, and no tracebacks for mistakes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from decline_tui.cli import main
from decline_tui.core.checklist import RULES
from decline_tui.core.kinds import THANKS_ONLY
from decline_tui.core.store import Store

GOOD = """Subject: Job offer – Sam Lee

Dear María,

Thank you so much for offering me the Product Designer role at Acme. After a lot of thought,
I have decided to decline the offer, as I have accepted a position closer to my family.

I really enjoyed meeting the team and learning about the warehouse dashboard project.
I would be glad to stay in touch.

Best regards,
Sam Lee
"""

BAD = """Hi,

I won't be accepting. Maybe later if you could raise the salary, which was a joke.
Globex offered more. [Your Name]
"""


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_where_honours_env_and_option(capsys, data_dir, tmp_path):
    code, out, _ = run(capsys, "where")
    assert code == 0
    assert f"data folder: {data_dir}" in out
    assert str(data_dir / "workbook.toml") in out and "not created yet" in out
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "elsewhere"), "where")
    assert str(tmp_path / "elsewhere" / "workbook.toml") in out


def test_where_uses_platform_dir_without_overrides(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DECLINE_TUI_DATA_DIR")
    if sys.platform.startswith("linux"):
        code, out, _ = run(capsys, "where")
        assert code == 0
        assert str(tmp_path / "xdg" / "decline-tui" / "workbook.toml") in out


def test_check_good_message_passes(tmp_path, capsys):
    f = tmp_path / "draft.txt"
    f.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(f), "--now", "2026-11-25T10:00")
    assert code == 0, out
    assert "fail " not in out
    assert "0 failed" in out


def test_check_bad_message_fails_and_shows_words(tmp_path, capsys):
    f = tmp_path / "draft.txt"
    f.write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(f), "--other", "Globex", "--now", "2026-11-25T10:00")
    assert code == 1
    for words in ("“Maybe”", "“a joke”", "“Globex”", "“[Your Name]”"):
        assert words in out
    assert "✗ fail  no-wavering" in out


def test_check_json_from_stdin(capsys, monkeypatch):
    code, out, _ = run(
        capsys,
        "check",
        "-",
        "--json",
        "--other",
        "Globex",
        "--now",
        "2026-11-25T10:00",
        stdin=BAD,
        monkeypatch=monkeypatch,
    )
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    rules = [f["rule"] for f in data["findings"]]
    assert (
        rules[0] == "greeting"
        and "linkedin-length" in rules
        and len(rules) == len(RULES) - len(THANKS_ONLY)
    )
    for f in data["findings"]:
        assert set(f) == {"rule", "status", "message", "spans", "hint"}
        assert f["status"] in {"pass", "warn", "fail", "skip"}
    other = next(f for f in data["findings"] if f["rule"] == "no-other-company")
    assert [BAD[a:b] for a, b in other["spans"]] == ["Globex"]


def test_check_dates_drive_timeliness(tmp_path, capsys):
    f = tmp_path / "d.txt"
    f.write_text(GOOD, encoding="utf-8")
    late = ("--received", "2026-11-10", "--deadline", "2026-11-20", "--now", "2026-11-25T10:00")
    code, out, _ = run(capsys, "check", str(f), "--json", *late)
    timely = next(x for x in json.loads(out)["findings"] if x["rule"] == "timely")
    assert code == 1 and timely["status"] == "fail"
    code, out, _ = run(
        capsys, "check", str(f), "--json", "--received", "2026-11-20", "--now", "2026-11-25T10:00"
    )
    timely = next(x for x in json.loads(out)["findings"] if x["rule"] == "timely")
    assert code == 0 and timely["status"] == "warn"


def test_check_medium_linkedin(tmp_path, capsys):
    f = tmp_path / "d.txt"
    f.write_text(
        "Hi María, thanks again for the offer. I've decided to decline, but I'd love "
        "to stay in touch. Best, Sam",
        encoding="utf-8",
    )
    _, out, _ = run(
        capsys, "check", str(f), "--medium", "linkedin", "--json", "--now", "2026-11-25T10:00"
    )
    data = {x["rule"]: x for x in json.loads(out)["findings"]}
    assert data["linkedin-length"]["status"] == "pass"
    assert data["subject"]["status"] == "skip"


def test_check_with_offer_uses_workbook(saved, capsys, tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(GOOD.replace("closer to my family", "at Globex"), encoding="utf-8")
    code, out, _ = run(
        capsys, "check", str(f), "--offer", "acme", "--json", "--now", "2026-11-25T10:00"
    )
    data = {x["rule"]: x for x in json.loads(out)["findings"]}
    assert code == 1 and data["no-other-company"]["status"] == "fail"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["check", "{f}", "--received", "2026-13-01"], "--received: '2026-13-01' is not a date"),
        (["check", "{f}", "--deadline", "soon"], "--deadline: 'soon' is not a date"),
        (["check", "{f}", "--now", "noon"], "--now: 'noon' is not a date and time"),
        (["check", "{f}", "--medium", "fax"], "invalid choice: 'fax'"),
        (["check", "{missing}"], "no such file"),
        (["check", "{dir}"], "is a folder"),
        (["render", "nobody"], "no offer 'nobody'; the offers are: acme (Acme Robotics)"),
        (["render", "acme", "--template", "nope"], 'no template named "nope"'),
        (["check", "{f}", "--offer", "zzz"], "no offer 'zzz'"),
        (["list", "--today", "tomorrow"], "--today: 'tomorrow' is not a date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(saved, capsys, tmp_path, argv, message):
    f = tmp_path / "d.txt"
    f.write_text(GOOD, encoding="utf-8")
    (tmp_path / "adir").mkdir()
    argv = [a.format(f=f, missing=tmp_path / "nope.txt", dir=tmp_path / "adir") for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_non_utf8_input(capsys, tmp_path):
    f = tmp_path / "d.txt"
    f.write_bytes(b"Dear Jos\xe9,\n")
    code, _, err = run(capsys, "check", str(f))
    assert code == 2 and "not UTF-8" in err


def test_render_by_company_prefix_and_medium(saved, capsys):
    code, out, _ = run(capsys, "render", "acm")
    assert code == 0
    assert out.startswith("Subject: Job offer: Senior Product Designer – Sam Lee")
    code, out, _ = run(capsys, "render", "ACME", "--medium", "phone")
    assert "1. Hi María, it's Sam Lee." in out
    assert "confirming email" in out and "As I mentioned on the call" in out
    code, out, _ = run(capsys, "render", "acme", "--medium", "linkedin")
    assert len(out.strip()) <= 200
    code, out, _ = run(capsys, "render", "acme", "--template", "warm")
    assert "With warm regards," in out


def test_render_ambiguous_prefix(saved, capsys, workbook):
    store = Store(saved)
    wb = store.load()
    from decline_tui.core.model import Offer

    wb.offers.append(Offer(id="acme-2", company="Acme Health"))
    store.save(wb)
    code, _, err = run(capsys, "render", "Acme ")
    assert code == 2 and "several offers" in err


def test_list_plain_and_json(saved, capsys):
    code, out, _ = run(capsys, "list", "--today", "2026-11-26")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "company", "role", "status", "deadline", "clock", "state"]
    assert "4 days left" in out
    code, out, _ = run(capsys, "list", "--json", "--today", "2026-12-02")
    rows = json.loads(out)
    assert rows[0]["id"] == "acme" and rows[0]["days_left"] == -2
    assert rows[0]["clock"] == "2 days overdue"
    assert rows[1]["deadline"] is None and rows[1]["clock"] == "no deadline"


def test_list_without_workbook(capsys, data_dir):
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No offers yet" in out
    assert not data_dir.exists()  # reading never creates files


def test_broken_workbook_is_reported_not_touched(capsys, data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / "workbook.toml"
    path.write_bytes(b'[profile]\nname = "Sam\n')
    before = path.read_bytes()
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err.startswith(f"decline-tui: error: {path}:2:")
    assert path.read_bytes() == before


def test_help_has_examples(capsys):
    for argv in (
        ["--help"],
        ["check", "--help"],
        ["render", "--help"],
        ["list", "--help"],
        ["where", "--help"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "example" in out


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DECLINE_TUI_DATA_DIR"] = str(data_dir)
    return env


def test_python_dash_m_and_no_traceback(tmp_path, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "workbook.toml").write_text("[[offers]]\nid = 1\ndeadline = 'x'\n")
    proc = subprocess.run(
        [sys.executable, "-m", "decline_tui", "list"],
        capture_output=True,
        text=True,
        env=_env(data_dir),
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "workbook.toml:3:" in proc.stderr and "must be a TOML date" in proc.stderr


def test_check_does_not_load_dictionary_until_needed():
    code = (
        "import sys; import decline_tui.cli, decline_tui.core.checklist;"
        "assert 'spellchecker' not in sys.modules; assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --------------------------------------------------------------------------- the system says no
#
# Each in a real process: what a person sees is stderr and the exit status, and a traceback
# would show only there.

ACME = "[[offers]]\nid = 'acme'\ncompany = 'Acme'\nrole = 'Designer'\n"


def _cli(argv: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=cwd,
        timeout=60,
        **kwargs,
    )


def _one_line(proc, words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("decline-tui: error: "), lines[0]
    assert words in lines[0], lines[0]
    return lines[0]


# Every command that reads the workbook, and `where`, which only looks for it.
READERS = [
    ["where"],
    ["list"],
    ["render", "acme"],
    ["reminders"],
    ["export", "acme", "--to", "out.txt"],
    ["check", "--offer", "acme", "-"],
    [],  # the app: it stops before the screen opens
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a) or "app")
def test_a_file_in_the_way_of_the_data_folder(tmp_path, argv):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    data = blocker / "decline-tui"
    proc = _cli(["--data-dir", str(data), *argv], tmp_path)
    line = _one_line(proc, str(data / "workbook.toml"))
    if argv == ["where"]:
        assert line.endswith(f"cannot be created: {blocker} is a file, not a folder")
        assert "(cannot be created)" in proc.stdout  # the paths are still shown
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a) or "app")
def test_a_data_folder_name_too_long(tmp_path, argv):
    data = tmp_path / ("a" * 300)
    proc = _cli(["--data-dir", str(data), *argv], tmp_path)
    _one_line(proc, str(data / "workbook.toml"))
    assert "ile name too long" in proc.stderr


def test_where_through_a_loop_of_links(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    proc = _cli(["--data-dir", str(loop / "data"), "where"], tmp_path)
    _one_line(proc, f"{loop / 'data' / 'workbook.toml'}: cannot be reached: too many levels")


def test_where_says_a_folder_is_not_a_workbook(tmp_path):
    (tmp_path / "data" / "workbook.toml").mkdir(parents=True)
    proc = _cli(["--data-dir", str(tmp_path / "data"), "where"], tmp_path)
    _one_line(proc, "workbook.toml: is a folder, not a workbook file")


def test_an_export_path_too_long(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "workbook.toml").write_text(ACME)
    target = tmp_path / ("b" * 300 + ".txt")
    argv = ["--data-dir", str(tmp_path / "data"), "export", "acme", "--to", str(target)]
    proc = _cli([*argv, "--force"], tmp_path)  # --force: past the checklist, to the file
    _one_line(proc, str(target))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [["where"], ["list", "--json"], ["render", "acme"], ["reminders"], ["check", "message.txt"]],
    ids=lambda a: " ".join(a),
)
def test_a_full_disk_under_standard_output(tmp_path, argv):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "workbook.toml").write_text(ACME)
    (tmp_path / "message.txt").write_text(GOOD)
    with open("/dev/full", "w") as full:
        proc = _cli(["--data-dir", str(tmp_path / "data"), *argv], tmp_path, stdout=full)
    line = _one_line(proc, "standard output")
    assert line == "decline-tui: error: standard output: no space left on device"


def _in_locked_folder(argv: list[str]) -> tuple[int, str, str]:
    """Run a command on a data folder inside a folder no one may enter (chmod 000).

    Root may enter any folder, so as root the command runs in a forked process that becomes
    `nobody` first; it cannot start a new interpreter then (ours may live in root's home).
    """
    import importlib
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="decline-tui-test-"))  # others may pass through it
    try:
        os.chmod(root, 0o755)
        locked = root / "locked"
        locked.mkdir()
        os.chmod(locked, 0)
        argv = ["--data-dir", str(locked / "data"), *argv]
        if os.geteuid() != 0:
            proc = _cli(argv, root)
            return proc.returncode, proc.stdout, proc.stderr
        for name in ("locale", "decline_tui.core.display", "decline_tui.core.timing"):
            importlib.import_module(name)
        (out_r, out_w), (err_r, err_w) = os.pipe(), os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 70
            try:
                os.close(out_r)
                os.close(err_r)
                sys.stdout = open(out_w, "w", encoding="utf-8")  # noqa: SIM115
                sys.stderr = open(err_w, "w", encoding="utf-8")  # noqa: SIM115
                os.setgid(65534)
                os.setuid(65534)
                code = main(argv)
            except BaseException as exc:
                print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
                code = 3
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(out_w)
        os.close(err_w)
        with os.fdopen(out_r, encoding="utf-8") as fh_out, os.fdopen(err_r, encoding="utf-8") as fh:
            out, err = fh_out.read(), fh.read()
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), out, err
    finally:
        os.chmod(root / "locked", 0o700)
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.skipif(not hasattr(os, "fork") or os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["where"], "cannot be reached: permission denied"),
        (["list"], "cannot be read: permission denied"),
        ([], "cannot be read: permission denied"),
    ],
    ids=["where", "list", "app"],
)
def test_a_data_folder_no_one_may_enter(argv, words):
    code, out, err = _in_locked_folder(argv)
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("decline-tui: error: ") and err.rstrip().endswith(words), err
    assert "/locked/data/workbook.toml: " in err
    if argv == ["where"]:
        assert "(cannot be reached)" in out


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_app_opens_a_read_only_workbook_it_would_have_saved(data_dir, monkeypatch):
    """Opening dates a decline made by hand, which needs a save: a read-only workbook is
    still opened (the app says it is read-only when it would save), and left as it was."""
    from decline_tui.ui.app import DeclineApp

    data_dir.mkdir(parents=True)
    path = data_dir / "workbook.toml"
    text = "[[offers]]\nid = 'acme'\ncompany = 'Acme'\nstatus = 'declined'\n"
    path.write_text(text)
    os.chmod(path, 0o444)
    opened = []
    monkeypatch.setattr(DeclineApp, "run", lambda self: opened.append(self.session))
    assert main([]) == 0
    assert len(opened) == 1 and opened[0].wb.offers[0].declined_on is not None
    assert path.read_text() == text and (path.stat().st_mode & 0o777) == 0o444
