"""`decline-tui render/export OFFER --thanks`: a thank-you note to each person met, end to
end in a real process, as a person runs it: what it prints, the files it writes, and what
it refuses (stderr in one line, never a traceback)."""

from __future__ import annotations

import email.policy
import os
import subprocess
import sys
from datetime import datetime
from email.parser import BytesParser
from pathlib import Path

import pytest

from decline_tui.core import thanks
from decline_tui.core.store import Store

NOW = "2026-11-25T10:30"
WORKBOOK = """\
schema_version = 1

[profile]
name = "Sam Lee"
email = "sam@example.com"

[[offers]]
id = "acme"
company = "Acme Robotics"
role = "Senior Product Designer"
contact_name = "María López"
contact_email = "maria@acme.example"
received = 2026-11-20
deadline = 2026-11-30
reason = "I have accepted a role that lets me stay close to my family"
status = "declined"

[[offers.contacts]]
name = "María López"
role = "Hiring manager"
email = "maria@acme.example"

[[offers.contacts]]
name = "Ana Bell"
role = "Design lead"
email = "ana@acme.example"
note = "How they run design reviews."

[[offers.contacts]]
name = "jo park"
role = "Engineer"
note = "her move to Rust"

[[offers.log]]
date = 2026-11-24
kind = "declined"
channel = "email"
note = "Sent the decline"

[[offers]]
id = "globex"
company = "Globex"
role = "Designer"
"""


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "workbook.toml").write_text(WORKBOOK, encoding="utf-8")
    return folder


def cli(data: Path, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DECLINE_TUI_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=cwd or data.parent,
        timeout=60,
    )


def one_line_error(proc: subprocess.CompletedProcess[str], code: int, words: str) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("decline-tui"), proc.stderr
    assert words in lines[0], lines[0]
    return lines[0]


def notes(data: Path, medium: str = "email") -> list[thanks.ThanksNote]:
    wb = Store(data / "workbook.toml").load()
    now = datetime.fromisoformat(NOW)
    return thanks.thanks_notes(wb, wb.offer("acme"), medium, now, spelling=False)


# --------------------------------------------------------------------------- export


def test_export_writes_a_note_per_person_into_a_new_folder(data, tmp_path):
    folder = tmp_path / "out" / "notes"
    proc = cli(data, "export", "acme", "--thanks", "--to", str(folder), "--now", NOW)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["thanks-ana-bell.txt", "thanks-jo-park.txt"]
    assert proc.stdout.splitlines() == [
        f"Wrote the thank-you email to Ana Bell to {folder / 'thanks-ana-bell.txt'} (plain text).",
        f"Wrote the thank-you email to jo park to {folder / 'thanks-jo-park.txt'} (plain text).",
    ]
    assert proc.stderr == ""  # both have a note, and the decline is logged
    expected = {n.filename(): n.text for n in notes(data)}
    for name, text in expected.items():
        written = (folder / name).read_text(encoding="utf-8")
        assert written == text + "\n"
        assert "family" not in written and "María" in written  # told, never the reason
    assert "Hi Jo," in (folder / "thanks-jo-park.txt").read_text(encoding="utf-8")
    assert "your move to Rust" in (folder / "thanks-jo-park.txt").read_text(encoding="utf-8")


def test_export_refuses_to_overwrite_without_force(data, tmp_path):
    folder = tmp_path / "notes"
    assert (
        cli(data, "export", "acme", "--thanks", "--to", str(folder), "--now", NOW).returncode == 0
    )
    (folder / "thanks-ana-bell.txt").write_text("my own words\n", encoding="utf-8")
    proc = cli(data, "export", "acme", "--thanks", "--to", str(folder), "--now", NOW)
    one_line_error(proc, 2, "exist already; add --force to replace (nothing was written)")
    assert (folder / "thanks-ana-bell.txt").read_text(encoding="utf-8") == "my own words\n"
    proc = cli(data, "export", "acme", "--thanks", "--to", str(folder), "--force", "--now", NOW)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "thanks-ana-bell.txt").read_text(encoding="utf-8").startswith("Subject:")


def test_a_note_that_repeats_the_reason_is_refused_naming_the_person_and_rule(data, tmp_path):
    path = data / "workbook.toml"
    path.write_text(
        WORKBOOK.replace(
            'note = "her move to Rust"',
            'note = "why I accepted a role that lets me stay close to my family"',
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "notes"
    proc = cli(data, "export", "acme", "--thanks", "--to", str(folder), "--now", NOW)
    line = one_line_error(proc, 1, "the note to jo park fails no-reason")
    assert "Ana Bell" not in line and "--force" in line
    assert not folder.exists() or not any(folder.iterdir())  # nothing written
    proc = cli(data, "export", "acme", "--thanks", "--to", str(folder), "--force", "--now", NOW)
    assert proc.returncode == 0, proc.stderr
    assert len(list(folder.iterdir())) == 2


def test_one_contact_to_a_file_as_an_unsent_email(data, tmp_path):
    target = tmp_path / "ana.eml"
    proc = cli(data, "export", "acme", "--thanks", "--contact", "ana", "--to", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        f"Wrote the thank-you email to Ana Bell to {target} (an unsent email draft).\n"
    )
    msg = BytesParser(policy=email.policy.default).parsebytes(target.read_bytes())
    assert msg["To"] == "Ana Bell <ana@acme.example>"
    assert msg["From"] == "Sam Lee <sam@example.com>"
    assert msg["Subject"] == "Thank you – Sam Lee" and msg["X-Unsent"] == "1"
    assert "how they run design reviews" in msg.get_content()
    # by email, or into a folder of its own
    proc = cli(data, "export", "acme", "--thanks", "--contact", "ana@acme.example", "--to", "one/")
    assert proc.returncode == 0, proc.stderr
    assert (data.parent / "one" / "thanks-ana-bell.txt").exists()


def test_linkedin_notes_fit_the_limit(data, tmp_path):
    folder = tmp_path / "li"
    proc = cli(
        data,
        "export",
        "acme",
        "--thanks",
        "--medium",
        "linkedin",
        "--to",
        str(folder),
        "--format",
        "md",
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["thanks-ana-bell-linkedin.md", "thanks-jo-park-linkedin.md"]
    for note in notes(data, "linkedin"):
        assert len(note.text) <= 200
        assert note.text in (folder / note.filename(".md")).read_text(encoding="utf-8")
    proc = cli(
        data, "export", "acme", "--thanks", "--medium", "linkedin", "--to", "x", "--format", "eml"
    )
    one_line_error(proc, 2, "only an email can be saved as .eml")
    proc = cli(data, "export", "acme", "--thanks", "--medium", "phone", "--to", str(folder))
    one_line_error(proc, 2, "email or linkedin, not phone")


def test_what_export_refuses_to_guess(data):
    one_line_error(
        cli(data, "export", "acme", "--thanks", "--clipboard"), 2, "name it with --contact NAME"
    )
    one_line_error(cli(data, "export", "acme", "--contact", "ana", "--to", "x"), 2, "--thanks")
    one_line_error(
        cli(data, "export", "acme", "--thanks", "--contact", "maria", "--to", "x.txt"),
        2,
        "María López gets the decline itself",
    )
    one_line_error(
        cli(data, "export", "acme", "--thanks", "--contact", "zed", "--to", "x.txt"),
        2,
        "its contacts are: María López, Ana Bell, jo park",
    )
    one_line_error(cli(data, "export", "acme", "--format", "md", "--to", "x.md"), 2, "--format")


def test_an_offer_with_no_contacts_says_how_to_add_them(data, tmp_path):
    for argv in (
        ["render", "globex", "--thanks"],
        ["export", "globex", "--thanks", "--to", str(tmp_path / "n")],
    ):
        line = one_line_error(cli(data, *argv), 2, "has no contacts to thank")
        assert "add the people you met" in line and "[[offers.contacts]]" in line
    assert not (tmp_path / "n").exists()


# --------------------------------------------------------------------------- render


def test_render_prints_each_note_headed_by_who_it_is_to(data):
    proc = cli(data, "render", "acme", "--thanks", "--today", "2026-11-25")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    out = proc.stdout
    assert out.startswith("--- to Ana Bell (Design lead) <ana@acme.example> ---\n\nSubject:")
    assert "\n--- to jo park (Engineer) ---\n\nSubject: Thank you – Sam Lee\n\nHi Jo," in out
    assert "María López (" not in out  # the decline's recipient gets no note
    assert "family" not in out
    one = cli(data, "render", "acme", "--thanks", "--contact", "jo", "--medium", "linkedin")
    assert one.returncode == 0, one.stderr
    head, _, note = one.stdout.partition("\n\n")
    assert head == "--- to jo park (Engineer) ---"
    assert note.startswith("Hi Jo, ") and len(note.rstrip("\n")) <= 200


def test_a_contact_without_a_note_is_drafted_with_a_warning(data):
    path = data / "workbook.toml"
    path.write_text(WORKBOOK.replace('note = "her move to Rust"\n', ""), encoding="utf-8")
    proc = cli(data, "render", "acme", "--thanks", "--contact", "jo park")
    assert proc.returncode == 0
    assert "I enjoyed our conversation, and I learned a lot from it." in proc.stdout
    assert proc.stderr.strip() == (
        "decline-tui: warning: jo park has no note of what you talked about, so the note "
        "names nothing personal: add it to the contact"
    )


def test_before_the_decline_is_sent_it_says_to_wait(data):
    path = data / "workbook.toml"
    text = WORKBOOK.replace('status = "declined"', 'status = "deciding"')
    text = text[: text.index("[[offers.log]]")] + text[text.index('[[offers]]\nid = "globex"') :]
    path.write_text(text, encoding="utf-8")
    assert Store(path).load().offer("acme").log == []
    proc = cli(data, "render", "acme", "--thanks")
    assert proc.returncode == 0
    assert "send the thank-you notes after it" in proc.stderr


# --------------------------------------------------------------------------- the clipboard
# In process, with the clipboard tool replaced by a fake: a real one must not be touched.


def test_one_note_to_the_clipboard(data, monkeypatch, capsys):
    from decline_tui.cli import main
    from decline_tui.core import export

    copied: list[str] = []
    tool = export.ClipboardTool("fakecopy", ("fakecopy",))
    monkeypatch.setenv("DECLINE_TUI_DATA_DIR", str(data))
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: tool)
    monkeypatch.setattr(export, "copy_with_tool", lambda t, text, *a, **k: copied.append(text))
    argv = ["export", "acme", "--thanks", "--contact", "ana", "--clipboard", "--medium", "linkedin"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert out == "Copied the thank-you LinkedIn note to Ana Bell with fakecopy.\n" and err == ""
    (note,) = [n for n in notes(data, "linkedin") if n.contact.name == "Ana Bell"]
    assert copied == [note.text + "\n"]
