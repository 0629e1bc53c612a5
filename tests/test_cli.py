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
from decline_tui.core.store import Store, workbook_path

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


@pytest.fixture
def saved(workbook, data_dir):
    store = Store(workbook_path())
    store.load()
    store.save(workbook)
    return workbook_path()


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
    assert rules[0] == "greeting" and "linkedin-length" in rules and len(rules) == len(RULES)
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
    assert "With warm regards and thanks," in out


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
    assert lines[0].split() == ["id", "company", "role", "status", "deadline", "clock"]
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
