"""Getting a draft out: text, Markdown and .eml files, the clipboard, and a check-in calendar.

Terminal clipboard support (OSC 52) is the UI's business; this module finds and runs a
native tool when one exists and says honestly what it could and could not do.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import policy as email_policy
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from decline_tui.core.care import Reminder
from decline_tui.core.compose import Draft
from decline_tui.core.kinds import kind_of, recipient_of
from decline_tui.core.model import Offer, Profile, slugify
from decline_tui.core.safefile import atomic_write

MEDIUM_LABELS = {"email": "email", "phone": "phone script", "linkedin": "LinkedIn note"}
# What a file's extension makes of a draft; anything else is refused where formats are strict.
EXPORT_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".eml": "eml",
}
SUFFIXES = (".txt", ".md", ".eml")  # the ones to name in messages


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
    # A match starts only where a run of blanks does: else each blank of a long run with no
    # line break after it would start a scan of the rest of the run (minutes for 100,000).
    return re.sub(r"(?<![ \t])[ \t]*(?<!\n)\n(?!\n)", "  \n", body.strip("\n"))


def default_export_name(offer: Offer, medium: str, suffix: str = ".txt", template: str = "") -> str:
    """decline-acme-robotics-email.txt, counter-open-acme-robotics.txt: says what it is when
    found in a folder later (a reply is never named as the decline)."""
    # Not the bare id: one written by hand in the workbook may hold a "/".
    name = slugify(offer.company) or slugify(offer.id) or "offer"
    if kind_of(template).reply:
        return f"{slugify(template)}-{name}{suffix}"
    return f"decline-{name}-{medium}{suffix}"


def write_export(
    path: str | os.PathLike[str], content: str | bytes, *, overwrite: bool = False
) -> Path:
    """Write an export file; refuses to replace an existing file unless told to.

    Text is written as UTF-8 with Unix line ends; bytes (an .eml, a calendar) exactly as given.
    A new file is created exclusively, so a file another program made meanwhile is never
    replaced unasked; a replaced file is swapped in whole, so a failure leaves the old one.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    if not target.parent.exists():
        raise ExportError(f"the folder {target.parent} does not exist")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: {target.parent} is a file, not a folder")
    if target.exists() and not overwrite:
        raise FileExistsError(str(target))
    if isinstance(content, bytes):
        data = content
    else:
        # Encoded before opening, so that a failure cannot leave the file empty.
        data = _encode(content.replace("\r\n", "\n"), f"cannot write {target}")
    try:
        if overwrite and target.exists():
            atomic_write(target, data, mode=stat.S_IMODE(target.stat().st_mode))
        else:
            _write_new(target, data)
    except FileExistsError:
        raise
    except PermissionError:
        raise ExportError(f"cannot write {target}: permission denied") from None
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _write_new(target: Path, data: bytes) -> None:
    """Create `target` (FileExistsError if it appeared meanwhile); a failed write removes it."""
    with open(target, "xb") as fh:
        try:
            fh.write(data)
            fh.flush()
        except BaseException:
            fh.close()
            with contextlib.suppress(OSError):
                target.unlink()
            raise


def _encode(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ExportError(f"{what}: the text holds {bad!r}, which a file cannot store") from None


def export_format(path: str | os.PathLike[str]) -> str:
    """The format a file's extension asks for: text, markdown or eml; ExportError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]
        found = f"cannot export to a {suffix!r} file" if suffix else "the name has no extension"
        raise ExportError(f"{Path(path).name}: {found}; it must end in {known}")
    return EXPORT_FORMATS[suffix]


def export_content(
    draft: Draft,
    path: str | os.PathLike[str],
    text: str | None = None,
    title: str = "",
    *,
    offer: Offer | None = None,
    profile: Profile | None = None,
    now: datetime | None = None,
) -> str | bytes:
    """Plain text, Markdown, or an .eml draft (bytes), chosen by the file's extension.

    Any extension other than .md, .markdown and .eml gives plain text. An .eml takes its
    To and From from `offer` and `profile` (left out when not given) and its Date from
    `now` (default: the current time); only an email draft can be one (ExportError).
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".eml":
        when = datetime.now() if now is None else now
        return draft_as_eml(draft, offer, profile, text, now=when)
    if EXPORT_FORMATS.get(suffix) == "markdown":
        return draft_as_markdown(draft, text, title)
    return draft_as_text(draft, text)


# --------------------------------------------------------------------------- .eml

# The checklist's reading of a subject line: an optional first line "Subject: ...".
_SUBJECT_RE = re.compile(r"\ufeff?\s*subject[ \t]*:[ \t]*([^\n]*)\n?", re.IGNORECASE)
# SMTP's CRLF line ends, and 7-bit output: a UTF-8 body goes quoted-printable or base64.
EML_POLICY = email_policy.SMTP.clone(cte_type="7bit")


def split_subject(text: str) -> tuple[str | None, str]:
    """(subject, body) of a message whose first line may be "Subject: ..."; None without one."""
    text = text.replace("\r\n", "\n")
    m = _SUBJECT_RE.match(text)
    if m is None:
        return None, text
    return m.group(1).strip(), text[m.end() :].lstrip("\n")


def draft_as_eml(
    draft: Draft,
    offer: Offer | None,
    profile: Profile | None,
    text: str | None = None,
    *,
    now: datetime,
) -> bytes:
    """An RFC 5322 message that mail clients open as an unsent, editable draft.

    `text` is the person's own edited version, if any; a first line "Subject: ..." in it
    becomes the subject (and leaves the body), else the draft's subject is used. From and
    To are written only when the address is known (To is whoever the kind of message goes
    to: the referrer for a note to the referrer); a naive `now` is local time. The body
    ends with one line break, like every text/plain body.
    """
    if draft.medium != "email":
        label = MEDIUM_LABELS.get(draft.medium, draft.medium)
        raise ExportError(
            f"only an email draft can be saved as .eml; this is a {label}: "
            "save it as .txt or .md instead"
        )
    subject: str | None
    if text is None:
        subject, body = draft.subject, draft.body
    else:
        subject, body = split_subject(text)
        if subject is None:
            subject = draft.subject
    body = body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
    msg = EmailMessage(policy=EML_POLICY)
    try:
        if profile is not None:
            sender = _address(profile.name, profile.email, "your email address")
            if sender is not None:
                msg["From"] = sender
        if offer is not None:
            to = _address(*recipient_of(offer, draft.template))
            if to is not None:
                msg["To"] = to
        subject = _one_line(subject)
        if subject:
            msg["Subject"] = subject
        # A naive time is local; an aware one keeps its own offset.
        msg["Date"] = format_datetime(now.astimezone() if now.utcoffset() is None else now)
        msg["X-Unsent"] = "1"
        msg.set_content(body, subtype="plain", charset="utf-8")
        return _fold_fixed(msg.as_bytes())
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ExportError(
            f"cannot make an email of this draft: it holds {bad!r}, which no email can carry"
        ) from None


# Python's folder can end a header line on a space and start the next with an encoded word
# ("interviews \r\n =?utf-8?b?4oCT?= Sam Lee"): unfolded, that is two spaces before the "–"
# in every mail client. The fold's own space is the one to keep.
_SPACE_BEFORE_ENCODED_FOLD = re.compile(rb"[ \t]+\r\n([ \t]+=\?)")


def _fold_fixed(data: bytes) -> bytes:
    head, sep, body = data.partition(b"\r\n\r\n")
    return _SPACE_BEFORE_ENCODED_FOLD.sub(rb"\r\n\1", head) + sep + body


def _one_line(value: str) -> str:
    """A header value on one line: no line breaks or control characters can sneak in."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in value).split())


def _address(name: str, addr: str, what: str) -> Address | None:
    """Name <addr>, with the name encoded as needed; None when there is no address."""
    addr = addr.strip()
    if not addr:
        return None
    try:
        return Address(display_name=_one_line(name), addr_spec=addr)
    except (ValueError, IndexError, MessageError):
        raise ExportError(f"{what} {addr!r} is not a valid email address") from None


# --------------------------------------------------------------------------- .ics


def reminders_as_ics(
    reminders: Iterable[Reminder],
    now: datetime,
    prodid: str = "-//decline-tui//EN",
    *,
    alarm: bool = True,
) -> str:
    """An RFC 5545 calendar with an all-day event for each check-in not yet done.

    Each event's UID is stable per person and check-in number (per offer and month count
    for a reminder with no person's key), so importing a newer file updates the events
    instead of doubling them. `now` (naive: local time) stamps the
    events; `alarm` adds a reminder at 09:00 on the day. The icalendar library writes it:
    TEXT escaping, CRLF line ends and 75-octet folding. A calendar must hold an event:
    ExportError when none is left to do.
    """
    events = [r for r in reminders if not r.done]
    if not events:
        raise ExportError("there are no check-ins to put in a calendar")
    from icalendar import Alarm, Calendar, Event  # 60-90 ms to import: not at start-up

    text = _ics_text()
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", text(prodid))
    cal.add("calscale", "GREGORIAN")
    stamp = now.astimezone(timezone.utc)
    for r in events:
        summary = text(checkin_summary(r))
        event = Event()
        # A person's check-in is theirs whichever offer it is drafted from: their key and
        # its number in their plan (a reminder made by hand: the offer and its months).
        # The key is percent-encoded: ASCII with no spaces, which every calendar takes.
        person = quote(r.key, safe="@/.+_-")
        uid = f"{person}-checkin-{r.step}" if r.key and r.step else f"{r.offer_id}-{r.months}m"
        event.add("uid", text(f"{uid}@decline-tui"))
        event.add("dtstamp", stamp)
        event.add("dtstart", r.due)
        event.add("dtend", r.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", text(checkin_description(r)))
        event.add("transp", "TRANSPARENT")
        if alarm:
            # Relative to an all-day event's start (midnight, local): 09:00 that day.
            reminder = Alarm()
            reminder.add("action", "DISPLAY")
            reminder.add("description", summary)
            reminder.add("trigger", timedelta(hours=9))
            event.add_component(reminder)
        cal.add_component(event)
    ical: bytes = cal.to_ical(sorted=False)  # properties in the order added
    return ical.decode("utf-8")


def checkin_summary(r: Reminder) -> str:
    """The event's title: Check in with María López (Acme Robotics), or what is known of it."""
    contact, company = r.contact.strip(), r.company.strip()
    if contact and company:
        return f"Check in with {contact} ({company})"
    if contact or company:
        return f"Check in with {contact or company}"
    return f"Check in about the offer {r.offer_id}"


def checkin_description(r: Reminder) -> str:
    """What the event is for: the N-month check-in after declining, and how to make it."""
    company = r.declined_at.strip() or r.company.strip()
    first = f"The {r.months}-month check-in after declining the offer"
    first += f" from {company}" if company else ""
    return (
        first.rstrip(".") + ".\n"
        "A short, friendly note keeps the door open: ask how they are, share a bit of your "
        "news, and log the check-in in decline-tui."
    )


@functools.cache
def _ics_text() -> Callable[[str], str]:
    """icalendar's TEXT value, made safe for any name a workbook holds.

    TEXT cannot hold control characters: they become spaces (line breaks and tabs stay),
    and a lone surrogate, which UTF-8 cannot hold, becomes U+FFFD. icalendar's escaper
    reads a literal backslash-N as a line break; the value is split around it instead.
    """
    from icalendar import vText

    class Text(vText):
        __slots__ = ()

        def to_ical(self) -> bytes:
            return b"\\\\N".join(vText(part).to_ical() for part in self.split("\\N"))

    return lambda value: Text(_SURROGATE.sub("\ufffd", _ICS_CONTROL.sub(" ", value)))


_ICS_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # but tab, LF and CR
_SURROGATE = re.compile("[\ud800-\udfff]")


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
