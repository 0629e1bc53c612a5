"""Getting a draft out: text and Markdown files, and the platform's clipboard tool.

Terminal clipboard support (OSC 52) is the UI's business; this module finds and runs a
native tool when one exists and says honestly what it could and could not do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from decline_tui.core.compose import Draft
from decline_tui.core.model import Offer, slugify

MEDIUM_LABELS = {"email": "email", "phone": "phone script", "linkedin": "LinkedIn note"}


class ExportError(Exception):
    """The draft could not be written; the message says why in plain words."""


def draft_as_text(draft: Draft, text: str | None = None) -> str:
    """The draft as the person will send it; `text` is their own edited version, if any."""
    body = draft.text if text is None else text
    out = body.rstrip("\n") + "\n"
    if text is None and draft.followup is not None:
        out += "\n--- confirming email, to send after the call ---\n\n"
        out += draft.followup.text.rstrip("\n") + "\n"
    return out


def draft_as_markdown(draft: Draft, text: str | None = None, title: str = "") -> str:
    """Markdown: a heading, the subject in bold, the body as paragraphs."""
    body = draft.text if text is None else text
    lines = [f"# {title}", ""] if title else []
    if body.lower().startswith("subject:"):
        first, _, rest = body.partition("\n")
        lines += [f"**Subject:** {first.split(':', 1)[1].strip()}", "", _hard_breaks(rest)]
    else:
        lines.append(_hard_breaks(body))
    if text is None and draft.followup is not None:
        lines += ["", "## Confirming email, to send after the call", ""]
        lines.append(draft_as_markdown(draft.followup).rstrip("\n"))
    return "\n".join(lines).rstrip("\n") + "\n"


def _hard_breaks(body: str) -> str:
    """A lone line break is a space in Markdown; keep each one (a sign-off's name) as a break."""
    return re.sub(r"[ \t]*(?<!\n)\n(?!\n)", "  \n", body.strip("\n"))


def default_export_name(offer: Offer, medium: str, suffix: str = ".txt") -> str:
    """decline-acme-robotics-email.txt: says what it is when found in a folder later."""
    # Not the bare id: one written by hand in the workbook may hold a "/".
    name = slugify(offer.company) or slugify(offer.id) or "offer"
    return f"decline-{name}-{medium}{suffix}"


def write_export(path: str | os.PathLike[str], content: str, *, overwrite: bool = False) -> Path:
    """Write an export file; refuses to replace an existing file unless told to."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    if not target.parent.exists():
        raise ExportError(f"the folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise FileExistsError(str(target))
    try:
        # Encoded before opening, so that a failure cannot leave the file empty.
        data = content.replace("\r\n", "\n").encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ExportError(
            f"cannot write {target}: the text holds {bad!r}, which a file cannot store"
        ) from None
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except PermissionError:
        raise ExportError(f"cannot write {target}: permission denied") from None
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def export_content(
    draft: Draft, path: str | os.PathLike[str], text: str | None = None, title: str = ""
) -> str:
    """Plain text or Markdown, chosen by the file's extension."""
    if Path(path).suffix.lower() in (".md", ".markdown"):
        return draft_as_markdown(draft, text, title)
    return draft_as_text(draft, text)


# --------------------------------------------------------------------------- clipboard


@dataclass(frozen=True)
class ClipboardTool:
    name: str
    argv: tuple[str, ...]


def find_clipboard_tool(
    env: dict[str, str] | None = None, platform: str | None = None
) -> ClipboardTool | None:
    """The platform's clipboard command, if one is installed and can reach a clipboard."""
    env = dict(os.environ) if env is None else env
    platform = platform or sys.platform
    candidates: list[tuple[str, tuple[str, ...]]] = []
    if platform == "darwin":
        candidates.append(("pbcopy", ("pbcopy",)))
    elif platform.startswith("win") or platform == "cygwin":
        candidates.append(("clip.exe", ("clip.exe",)))
    else:
        if env.get("WAYLAND_DISPLAY"):
            candidates.append(("wl-copy", ("wl-copy",)))
        if env.get("DISPLAY"):
            candidates.append(("xclip", ("xclip", "-selection", "clipboard")))
            candidates.append(("xsel", ("xsel", "--clipboard", "--input")))
        if "microsoft" in _kernel_release().lower() or env.get("WSL_DISTRO_NAME"):
            candidates.append(("clip.exe", ("clip.exe",)))
    for name, argv in candidates:
        if shutil.which(argv[0], path=env.get("PATH")):
            return ClipboardTool(name, argv)
    return None


def _kernel_release() -> str:
    try:
        return os.uname().release
    except AttributeError:  # pragma: no cover - Windows
        return ""


def copy_with_tool(tool: ClipboardTool, text: str, timeout: float = 3.0) -> str | None:
    """Run the tool; None on success, else the reason it failed."""
    try:
        proc = subprocess.run(
            tool.argv,
            input=text.encode("utf-16-le" if tool.name == "clip.exe" else "utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    # ValueError: text a clipboard cannot hold (a lone surrogate), or a NUL in the command.
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        return f"{tool.name} failed: {exc}"
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"{tool.name} failed: {err[0] if err else f'exit status {proc.returncode}'}"
    return None


def osc52_caveat(env: dict[str, str] | None = None) -> str | None:
    """Why an OSC 52 copy may not have reached the clipboard here, or None when it likely did.

    Inside tmux the sequence only passes with `set -g set-clipboard on`; over SSH it
    depends on the local terminal, which we cannot ask.
    """
    env = dict(os.environ) if env is None else env
    if env.get("TMUX"):
        setting = _tmux_option("set-clipboard", env)
        if setting != "on":
            return (
                "tmux passes the copy on only with `set -g set-clipboard on` "
                f"(it is {setting or 'unknown'} here)"
            )
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return "over SSH the copy works only if your local terminal allows OSC 52"
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal ignores OSC 52"
    return None


def _tmux_option(name: str, env: dict[str, str]) -> str:
    if not shutil.which("tmux", path=env.get("PATH")):
        return ""
    try:
        proc = subprocess.run(
            ["tmux", "show-options", "-gv", name],
            capture_output=True,
            timeout=2,
            check=False,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout.decode("utf-8", "replace").strip()
