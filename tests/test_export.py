"""Getting a draft out: text and Markdown files, and the clipboard tools.

No test touches the real clipboard or runs a real clipboard tool: the tools are small
fake scripts in tmp_path, found through an explicit PATH, and tmux is never asked.
"""

from __future__ import annotations

import builtins
import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from decline_tui.core import export
from decline_tui.core.compose import render_offer
from decline_tui.core.export import (
    ClipboardTool,
    ExportError,
    copy_with_tool,
    default_export_name,
    draft_as_markdown,
    draft_as_text,
    export_content,
    find_clipboard_tool,
    osc52_caveat,
    write_export,
)
from decline_tui.core.model import Offer

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="fake tools are shell scripts")


@pytest.fixture
def email_draft(workbook, offer):
    return render_offer(workbook, offer, medium="email")


@pytest.fixture
def phone_draft(workbook, offer):
    return render_offer(workbook, offer, medium="phone")


# --------------------------------------------------------------------------- plain text


def test_text_is_the_rendered_draft_with_one_final_newline(email_draft):
    out = draft_as_text(email_draft)
    assert out == email_draft.text.rstrip("\n") + "\n"
    assert out.startswith("Subject: Job offer: Senior Product Designer – Sam Lee\n\nDear María")
    assert out.endswith("Best regards,\nSam Lee\n")
    assert not out.endswith("\n\n")


def test_text_uses_the_persons_own_edit(email_draft):
    mine = "Subject: Thanks\n\nDear María,\n\nI must decline.\n\nSam\n\n\n"
    out = draft_as_text(email_draft, mine)
    assert out == "Subject: Thanks\n\nDear María,\n\nI must decline.\n\nSam\n"
    assert "Best regards" not in out


def test_text_of_an_empty_edit_is_not_the_rendered_draft(email_draft):
    assert draft_as_text(email_draft, "") == "\n"


def test_phone_text_carries_the_confirming_email_after_the_call(phone_draft):
    assert phone_draft.followup is not None
    out = draft_as_text(phone_draft)
    script, marker, email = out.partition(
        "\n\n--- confirming email, to send after the call ---\n\n"
    )
    assert marker
    assert script == phone_draft.text.rstrip("\n")
    assert script.startswith("1. Hi María, it's Sam Lee.")
    assert email == phone_draft.followup.text.rstrip("\n") + "\n"
    assert email.startswith("Subject: Following up on our call – Sam Lee\n\nHi María,")
    assert out.count("confirming email") == 1


def test_an_edited_phone_script_is_exported_as_written(phone_draft):
    mine = "1. Hi María.\n\n2. I'm declining, thank you."
    out = draft_as_text(phone_draft, mine)
    assert out == mine + "\n"
    assert "confirming email" not in out


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_title_bold_subject_and_the_body(email_draft):
    out = draft_as_markdown(email_draft, title="Decline: Acme Robotics")
    lines = out.split("\n")
    assert lines[:4] == [
        "# Decline: Acme Robotics",
        "",
        "**Subject:** Job offer: Senior Product Designer – Sam Lee",
        "",
    ]
    assert lines[4].startswith("Dear María López,")
    assert "Subject: Job offer" not in out  # only the bold form
    assert "I have accepted a role that lets me stay close to my family." in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_markdown_without_a_title_starts_with_the_subject(email_draft):
    out = draft_as_markdown(email_draft)
    assert out.startswith("**Subject:** Job offer: Senior Product Designer – Sam Lee\n\nDear ")
    assert "# " not in out


def test_markdown_keeps_the_line_break_before_the_senders_name(email_draft):
    """A lone newline is a space in Markdown; the sign-off must stay on two lines."""
    out = draft_as_markdown(email_draft)
    closing = out.rstrip("\n").split("\n\n")[-1]
    first, second = closing.split("\n")
    assert first.rstrip() == "Best regards,"
    assert first.endswith("  ")  # a Markdown hard line break
    assert second == "Sam Lee"


def test_markdown_keeps_paragraphs_apart(email_draft):
    out = draft_as_markdown(email_draft)
    body = email_draft.body
    assert out.count("\n\n") == body.count("\n\n") + 1  # plus the one after the subject
    assert "  \n\n" not in out  # no hard break at the end of a paragraph


def test_markdown_of_an_edit_with_a_lower_case_subject(email_draft):
    out = draft_as_markdown(email_draft, "subject:  My news\n\nHi María,\n\nNo, thank you.\n")
    assert out == "**Subject:** My news\n\nHi María,\n\nNo, thank you.\n"


def test_markdown_of_an_edit_without_a_subject(email_draft):
    out = draft_as_markdown(email_draft, "Hi María,\n\nNo, thank you.\n\n", title="T")
    assert out == "# T\n\nHi María,\n\nNo, thank you.\n"


def test_markdown_of_a_phone_script_adds_the_followup_section(phone_draft):
    out = draft_as_markdown(phone_draft, title="Call")
    assert out.startswith("# Call\n\n1. Hi María, it's Sam Lee.")
    head, marker, tail = out.partition("\n\n## Confirming email, to send after the call\n\n")
    assert marker
    assert "**Subject:**" not in head
    assert tail.startswith("**Subject:** Following up on our call – Sam Lee\n\nHi María,")
    assert tail.endswith("Sam Lee\n")
    assert out.count("## Confirming email") == 1


def test_markdown_of_an_edited_phone_script_has_no_followup(phone_draft):
    out = draft_as_markdown(phone_draft, "1. Hi.\n\n2. No, thanks.", title="Call")
    assert out == "# Call\n\n1. Hi.\n\n2. No, thanks.\n"


# --------------------------------------------------------------------------- names and content


def test_default_export_name(offer):
    assert default_export_name(offer, "email") == "decline-acme-robotics-email.txt"
    assert default_export_name(offer, "phone", ".md") == "decline-acme-robotics-phone.md"


@pytest.mark.parametrize(
    ("company", "slug"),
    [
        ("Société Générale", "societe-generale"),
        ("Ångström & Müller GmbH", "angstrom-muller-gmbh"),
        ("  Çà  va!  ", "ca-va"),
    ],
)
def test_default_export_name_slugifies_non_ascii_companies(company, slug):
    name = default_export_name(Offer(id="x", company=company), "linkedin")
    assert name == f"decline-{slug}-linkedin.txt"
    assert name.isascii()


def test_default_export_name_falls_back_to_the_id():
    assert default_export_name(Offer(id="tokyo-1", company="東京"), "email") == (
        "decline-tokyo-1-email.txt"
    )
    assert default_export_name(Offer(id="new-offer"), "email") == "decline-new-offer-email.txt"


@pytest.mark.parametrize("offer_id", ["../../etc/x", "東京/1", "a\\b"])
def test_default_export_name_is_a_plain_file_name_whatever_the_id(offer_id):
    name = default_export_name(Offer(id=offer_id, company="東京"), "email")
    assert "/" not in name and "\\" not in name and ".." not in name
    assert name.isascii()
    assert name.startswith("decline-") and name.endswith("-email.txt")


@pytest.mark.parametrize(
    ("name", "markdown"),
    [
        ("out.md", True),
        ("out.MD", True),
        ("out.markdown", True),
        ("out.Markdown", True),
        ("out.txt", False),
        ("out", False),
        ("out.md.txt", False),
        ("md", False),
    ],
)
def test_export_content_chooses_by_extension(tmp_path, email_draft, name, markdown):
    content = export_content(email_draft, tmp_path / name, title="Decline")
    if markdown:
        assert content == draft_as_markdown(email_draft, title="Decline")
    else:
        assert content == draft_as_text(email_draft)


def test_export_content_passes_the_edit_on(email_draft):
    mine = "Subject: Mine\n\nHello"
    assert export_content(email_draft, "x.md", mine, "T") == "# T\n\n**Subject:** Mine\n\nHello\n"
    assert export_content(email_draft, "x.txt", mine, "T") == mine + "\n"
    assert export_content(email_draft, Path("x.txt"), None) == draft_as_text(email_draft)


# --------------------------------------------------------------------------- writing files


def test_write_export_writes_utf8_with_unix_newlines(tmp_path):
    target = tmp_path / "out.txt"
    content = "Dear María,\n\nThanks – Sam\n"
    written = write_export(target, content)
    assert written == target
    assert target.read_bytes() == content.encode("utf-8")
    assert b"\r\n" not in target.read_bytes()


def test_write_export_turns_windows_line_ends_into_newlines(tmp_path):
    target = tmp_path / "out.txt"
    write_export(target, "Dear María,\r\n\r\nThanks\r\n")
    assert target.read_bytes() == "Dear María,\n\nThanks\n".encode()


def test_write_export_accepts_a_string_path_and_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    written = write_export("~/draft.md", "# hi\n")
    assert written == tmp_path / "draft.md"
    assert (tmp_path / "draft.md").read_text(encoding="utf-8") == "# hi\n"


def test_write_export_refuses_an_existing_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_export(target, "new\n")
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_write_export_replaces_a_file_when_told(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("a much longer text than the new one\n", encoding="utf-8")
    assert write_export(target, "new\n", overwrite=True) == target
    assert target.read_text(encoding="utf-8") == "new\n"


def test_write_export_missing_folder(tmp_path):
    target = tmp_path / "nope" / "out.txt"
    with pytest.raises(ExportError) as info:
        write_export(target, "x")
    message = str(info.value)
    assert "does not exist" in message
    assert str(tmp_path / "nope") in message
    assert not (tmp_path / "nope").exists()  # nothing created on the way


def test_write_export_directory_path(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for overwrite in (False, True):
        with pytest.raises(ExportError) as info:
            write_export(folder, "x", overwrite=overwrite)
        assert "is a folder" in str(info.value)
        assert str(folder) in str(info.value)
    assert folder.is_dir()


def test_write_export_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as info:
        write_export(tmp_path / "file" / "out.txt", "x")
    assert str(tmp_path / "file" / "out.txt") in str(info.value)


def _refuse_open(monkeypatch, error: OSError):
    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            raise error
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)


def test_write_export_read_only_folder(tmp_path, monkeypatch):
    # Tests may run as root, where chmod cannot make a folder read-only: fake the refusal.
    _refuse_open(monkeypatch, PermissionError(13, "Permission denied"))
    target = tmp_path / "out.txt"
    with pytest.raises(ExportError) as info:
        write_export(target, "x")
    assert str(info.value) == f"cannot write {target}: permission denied"
    monkeypatch.undo()
    assert not target.exists()


def test_write_export_other_os_errors_are_export_errors(tmp_path, monkeypatch):
    _refuse_open(monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(ExportError, match="No space left on device"):
        write_export(tmp_path / "out.txt", "x")


def test_write_export_text_a_file_cannot_hold_changes_nothing(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write"):
        write_export(target, "Dear \ud800\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "mine\n"
    with pytest.raises(ExportError):
        write_export(tmp_path / "new.txt", "\udcff")
    assert not (tmp_path / "new.txt").exists()


# --------------------------------------------------------------------------- finding a tool


def _fake_tools(folder: Path, *names: str) -> str:
    folder.mkdir(exist_ok=True)
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(folder)


@pytest.fixture
def not_wsl(monkeypatch):
    """Whatever kernel runs the tests, the Linux cases are about plain Linux."""
    monkeypatch.setattr(export, "_kernel_release", lambda: "6.8.0-generic")


ALL_TOOLS = ("pbcopy", "wl-copy", "xclip", "xsel", "clip.exe")


@needs_posix
def test_darwin_uses_pbcopy(tmp_path):
    path = _fake_tools(tmp_path / "bin", *ALL_TOOLS)
    tool = find_clipboard_tool({"PATH": path, "DISPLAY": ":0"}, "darwin")
    assert tool == ClipboardTool("pbcopy", ("pbcopy",))


@needs_posix
def test_darwin_without_pbcopy_has_none(tmp_path):
    path = _fake_tools(tmp_path / "bin", "xclip", "xsel")
    assert find_clipboard_tool({"PATH": path, "DISPLAY": ":0"}, "darwin") is None


@needs_posix
def test_wayland_prefers_wl_copy_over_xclip(tmp_path, not_wsl):
    path = _fake_tools(tmp_path / "bin", *ALL_TOOLS)
    env = {"PATH": path, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert find_clipboard_tool(env, "linux") == ClipboardTool("wl-copy", ("wl-copy",))


@needs_posix
def test_wayland_without_wl_copy_falls_back_to_xwayland(tmp_path, not_wsl):
    path = _fake_tools(tmp_path / "bin", "xclip")
    env = {"PATH": path, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert find_clipboard_tool(env, "linux").name == "xclip"
    assert find_clipboard_tool({**env, "DISPLAY": ""}, "linux") is None


@needs_posix
def test_x11_uses_xclip_then_xsel(tmp_path, not_wsl):
    both = _fake_tools(tmp_path / "both", "xclip", "xsel")
    tool = find_clipboard_tool({"PATH": both, "DISPLAY": ":0"}, "linux")
    assert tool == ClipboardTool("xclip", ("xclip", "-selection", "clipboard"))
    only_xsel = _fake_tools(tmp_path / "xsel-only", "xsel")
    tool = find_clipboard_tool({"PATH": only_xsel, "DISPLAY": ":0"}, "linux")
    assert tool == ClipboardTool("xsel", ("xsel", "--clipboard", "--input"))


@needs_posix
def test_x11_tool_is_found_in_any_folder_of_the_path(tmp_path, not_wsl):
    empty = _fake_tools(tmp_path / "empty")
    later = _fake_tools(tmp_path / "later", "xsel")
    env = {"PATH": os.pathsep.join([empty, later]), "DISPLAY": ":1"}
    assert find_clipboard_tool(env, "linux").name == "xsel"


@needs_posix
def test_linux_without_a_display_has_no_tool(tmp_path, not_wsl):
    path = _fake_tools(tmp_path / "bin", *ALL_TOOLS)
    assert find_clipboard_tool({"PATH": path}, "linux") is None
    assert (
        find_clipboard_tool({"PATH": path, "DISPLAY": "", "WAYLAND_DISPLAY": ""}, "linux") is None
    )


@needs_posix
def test_linux_with_a_display_but_no_tool_has_none(tmp_path, not_wsl):
    path = _fake_tools(tmp_path / "bin", "pbcopy")
    assert find_clipboard_tool({"PATH": path, "DISPLAY": ":0"}, "linux") is None


@needs_posix
def test_a_file_that_is_not_executable_is_no_tool(tmp_path, not_wsl):
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "xclip").write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / "xclip").chmod(0o644)
    if os.access(folder / "xclip", os.X_OK):  # pragma: no cover - root on some systems
        pytest.skip("this user can execute any file")
    assert find_clipboard_tool({"PATH": str(folder), "DISPLAY": ":0"}, "linux") is None


@needs_posix
def test_wsl_uses_clip_exe(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "_kernel_release", lambda: "5.15.90.1-microsoft-standard-WSL2")
    path = _fake_tools(tmp_path / "bin", "clip.exe")
    assert find_clipboard_tool({"PATH": path}, "linux").name == "clip.exe"
    monkeypatch.setattr(export, "_kernel_release", lambda: "6.8.0-generic")
    assert find_clipboard_tool({"PATH": path}, "linux") is None
    assert find_clipboard_tool({"PATH": path, "WSL_DISTRO_NAME": "Ubuntu"}, "linux").name == (
        "clip.exe"
    )


@needs_posix
@pytest.mark.parametrize("platform", ["win32", "cygwin"])
def test_windows_uses_clip_exe(tmp_path, platform):
    path = _fake_tools(tmp_path / "bin", *ALL_TOOLS)
    tool = find_clipboard_tool({"PATH": path, "DISPLAY": ":0"}, platform)
    assert tool == ClipboardTool("clip.exe", ("clip.exe",))
    assert find_clipboard_tool({"PATH": _fake_tools(tmp_path / "none")}, platform) is None


# --------------------------------------------------------------------------- running a tool


def _script(folder: Path, name: str, body: str) -> str:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return str(path)


@needs_posix
def test_copy_with_tool_feeds_the_text_on_stdin(tmp_path):
    out = tmp_path / "clipboard.bin"
    tool = ClipboardTool("fake", (_script(tmp_path / "bin", "fake", f'cat > "{out}"\n'),))
    text = "Dear María,\n\nThanks – Sam\n"
    assert copy_with_tool(tool, text) is None
    assert out.read_bytes() == text.encode("utf-8")


@needs_posix
def test_copy_with_tool_passes_the_tools_arguments(tmp_path):
    out = tmp_path / "args.txt"
    script = _script(tmp_path / "bin", "fake", f'echo "$@" > "{out}"\ncat > /dev/null\n')
    assert copy_with_tool(ClipboardTool("fake", (script, "-selection", "clipboard")), "x") is None
    assert out.read_text(encoding="utf-8") == "-selection clipboard\n"


@needs_posix
def test_clip_exe_gets_utf16(tmp_path):
    out = tmp_path / "clipboard.bin"
    tool = ClipboardTool("clip.exe", (_script(tmp_path / "bin", "clip.exe", f'cat > "{out}"\n'),))
    assert copy_with_tool(tool, "Grüße – Sam") is None
    assert out.read_bytes() == "Grüße – Sam".encode("utf-16-le")


@needs_posix
def test_copy_with_tool_reports_the_first_stderr_line(tmp_path):
    script = _script(
        tmp_path / "bin",
        "fake",
        """\
        cat > /dev/null
        echo "" >&2
        echo "Error: Can't open display: :0" >&2
        echo "second line" >&2
        exit 1
        """,
    )
    message = copy_with_tool(ClipboardTool("xclip", (script,)), "text")
    assert message == "xclip failed: Error: Can't open display: :0"


@needs_posix
def test_copy_with_tool_reports_the_exit_status_when_silent(tmp_path):
    script = _script(tmp_path / "bin", "fake", "cat > /dev/null\nexit 3\n")
    assert copy_with_tool(ClipboardTool("xsel", (script,)), "x") == "xsel failed: exit status 3"


def test_copy_with_tool_missing_executable(tmp_path):
    missing = str(tmp_path / "no-such-tool")
    message = copy_with_tool(ClipboardTool("wl-copy", (missing,)), "text")
    assert message is not None
    assert message.startswith("wl-copy failed: ")
    assert "no-such-tool" in message


@needs_posix
def test_copy_with_tool_not_executable(tmp_path):
    path = tmp_path / "tool"
    path.write_text("not a program", encoding="utf-8")
    path.chmod(0o644)
    message = copy_with_tool(ClipboardTool("pbcopy", (str(path),)), "text")
    assert message is not None and message.startswith("pbcopy failed: ")


@needs_posix
def test_copy_with_tool_times_out(tmp_path):
    script = _script(tmp_path / "bin", "slow", "exec sleep 30\n")
    message = copy_with_tool(ClipboardTool("slow", (script,)), "text", timeout=0.3)
    assert message is not None
    assert message.startswith("slow failed: ")
    assert "timed out" in message


@needs_posix
@pytest.mark.parametrize("text", ["Dear \ud800", "lone \udcff surrogate"])
def test_copy_with_tool_never_raises_on_text_it_cannot_encode(tmp_path, text):
    out = tmp_path / "clipboard.bin"
    tool = ClipboardTool("fake", (_script(tmp_path / "bin", "fake", f'cat > "{out}"\n'),))
    message = copy_with_tool(tool, text)
    assert message is not None and message.startswith("fake failed: ")


def test_copy_with_tool_never_raises_on_a_bad_command():
    message = copy_with_tool(ClipboardTool("odd", ("bad\0name",)), "text")
    assert message is not None and message.startswith("odd failed: ")


# --------------------------------------------------------------------------- OSC 52 caveats


@pytest.mark.parametrize("setting", ["off", "external"])
def test_tmux_without_set_clipboard_on(monkeypatch, setting):
    asked = []

    def fake_option(name, env):
        asked.append(name)
        return setting

    monkeypatch.setattr(export, "_tmux_option", fake_option)
    caveat = osc52_caveat({"TMUX": "/tmp/tmux-0/default,1,0"})
    assert caveat is not None
    assert "set -g set-clipboard on" in caveat
    assert f"it is {setting} here" in caveat
    assert asked == ["set-clipboard"]


def test_tmux_with_set_clipboard_on(monkeypatch):
    monkeypatch.setattr(export, "_tmux_option", lambda name, env: "on")
    assert osc52_caveat({"TMUX": "/tmp/tmux-0/default,1,0"}) is None


def test_tmux_on_over_ssh_still_warns_about_ssh(monkeypatch):
    monkeypatch.setattr(export, "_tmux_option", lambda name, env: "on")
    caveat = osc52_caveat({"TMUX": "x", "SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"})
    assert caveat is not None and "SSH" in caveat


def test_tmux_whose_setting_cannot_be_read(tmp_path):
    # No tmux on this PATH: the option is not asked, and the caveat says so.
    caveat = osc52_caveat({"TMUX": "x", "PATH": str(tmp_path)})
    assert caveat is not None and "it is unknown here" in caveat


def test_tmux_is_not_asked_outside_tmux(monkeypatch):
    def fail(name, env):  # pragma: no cover - must not be called
        raise AssertionError("tmux asked outside tmux")

    monkeypatch.setattr(export, "_tmux_option", fail)
    assert osc52_caveat({"TERM": "xterm-256color"}) is None


@pytest.mark.parametrize(
    "env",
    [
        {"SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"},
        {"SSH_TTY": "/dev/pts/3"},
    ],
)
def test_ssh(env):
    caveat = osc52_caveat(env)
    assert caveat == "over SSH the copy works only if your local terminal allows OSC 52"


def test_apple_terminal():
    assert osc52_caveat({"TERM_PROGRAM": "Apple_Terminal"}) == "macOS Terminal ignores OSC 52"
    assert osc52_caveat({"TERM_PROGRAM": "iTerm.app"}) is None


@pytest.mark.parametrize(
    "env",
    [{}, {"TERM": "xterm-256color", "PATH": "/nonexistent"}, {"TMUX": "", "SSH_CONNECTION": ""}],
)
def test_plain_environment_has_no_caveat(env):
    assert osc52_caveat(env) is None
