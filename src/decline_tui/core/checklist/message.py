"""The checked text, parsed: its lines, sentences and words, the quoted chain and the
signature it leaves out, and the greeting and sign-off that bound the body.

Below the engine and the rules: every rule reads a `Message`, and the helpers here
(patterns made with `_rx`, the spans and quotes a finding shows) serve them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

_STRAIGHTEN = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " ", "\u202f": " "}
)


def _rx(*phrases: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Alternation of phrases with word boundaries; a space matches any white space."""
    alts = "|".join(p.replace(" ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w'])(?:{alts})(?![\w])", flags)


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Message:
    """The checked text, split into the pieces the rules look at.

    People paste what they send: a reply above or below a quoted chain, and a signature
    block. Those are found as regions of the text, never cut out, so every offset stays
    true: `straight` is the whole text, `own` blanks the quoted chain (what the person
    wrote, signature included) and `norm`, which the rules read, blanks the signature too.
    Blanking keeps the line breaks and the length.

    A phone script also holds what is not said: its title ("# Call notes: …"), stage
    directions ("(pause)"), the labels of its branches ("If they ask why:"), all blanked in
    `norm`; its branches (alternatives, after the talking points: `script_end`), and the
    confirming email appended after a marker line ("--- confirming email, to send after the
    call ---", `attached`), which is not part of the script and is blanked in `own` too.
    """

    raw: str
    medium: str = "email"
    norm: str = field(init=False)
    straight: str = field(init=False)
    own: str = field(init=False)
    quoted: tuple[tuple[int, int], ...] = field(init=False, default=())
    signature: tuple[int, int] | None = field(init=False, default=None)
    subject: str | None = field(init=False, default=None)
    subject_span: tuple[int, int] | None = field(init=False, default=None)
    body_start: int = field(init=False, default=0)
    attached: tuple[int, int] | None = field(init=False, default=None)
    directions: tuple[tuple[int, int], ...] = field(init=False, default=())
    script_end: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.straight = self.raw.translate(_STRAIGHTEN)
        m = re.match(r"\ufeff?\s*subject[ \t]*:[ \t]*([^\n]*)", self.straight, re.IGNORECASE)
        if m:
            self.subject = m.group(1).strip()
            self.subject_span = (m.start(1), m.start(1) + len(m.group(1).rstrip()))
            self.body_start = m.end()
        end = len(self.straight)
        if self.medium == "phone":
            self.attached = _attached_region(self.straight, self.body_start)
            end = self.attached[0] if self.attached else end
        self.quoted = _quoted_regions(self.straight[:end], self.body_start)
        attached = [self.attached] if self.attached else []
        self.own = _blank(self.straight, (*self.quoted, *attached))
        self.signature = _signature_region(self.own, self.body_start, self.medium)
        self.script_end = len(self.own)
        if self.medium == "phone":
            self.directions = _directions(self.own, self.body_start, end)
            self.script_end = _branches_start(self.own, self.body_start, end)
        self.norm = _blank(
            self.own, sorted([*self.directions, *([self.signature] if self.signature else [])])
        )

    @cached_property
    def lines(self) -> list[Line]:
        """Non-empty lines of the body (quoted chain and signature left out), with offsets."""
        return _lines_of(self.norm, self.body_start)

    @cached_property
    def script_lines(self) -> list[Line]:
        """The lines up to a phone script's branches: the talking points; else all lines."""
        return [line for line in self.lines if line.start < self.script_end]

    @cached_property
    def greeting_line(self) -> Line | None:
        """The first line; in a phone script, the first talking point after a title line."""
        if self.medium == "phone":
            for i, line in enumerate(self.lines[:3]):
                if _GREETING_WORD.match(_strip_marker(line.text)):
                    if all(_TITLE_LINE.fullmatch(t.text) for t in self.lines[:i]):
                        return line
                    break
        return self.lines[0] if self.lines else None

    @cached_property
    def closing_start(self) -> int:
        """Where the sign-off begins (end of text when there is none)."""
        found = _find_signoff(self)
        return found[0] if found else len(self.norm)

    @cached_property
    def main_span(self) -> tuple[int, int]:
        """The body between greeting and sign-off, where thanks, reason and kind words live."""
        start = self.body_start
        g = self.greeting_line
        # A greeting alone on its line is skipped; "Hi Maria, thank you…" is kept.
        if (
            g is not None
            and _GREETING_WORD.match(_strip_marker(g.text))
            and re.fullmatch(r"[^.!?]{0,60}[,!:—–-]?", _strip_marker(g.text))
        ):
            start = g.end
        return start, max(start, min(self.closing_start, self.script_end))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the main body; a line break inside a sentence does not end it."""
        start, end = self.main_span
        out = []
        chunk = self.norm[start:end]
        pos = 0
        for m in re.finditer(
            r"(?<=[.!?])[\"')\]]*\s+|\n[ \t]*\n\s*|\n(?=[ \t]*(?:\d+[.)]|[-*•])\s)", chunk
        ):
            piece = chunk[pos : m.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append((start + pos + lead, start + pos + len(piece.rstrip())))
            pos = m.end()
        piece = chunk[pos:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + pos + lead, start + pos + len(piece.rstrip())))
        return out

    def words(self, start: int | None = None, end: int | None = None) -> list[re.Match[str]]:
        a = self.body_start if start is None else start
        b = len(self.norm) if end is None else end
        return list(_WORD.finditer(self.norm, a, b))

    def search(
        self, pattern: re.Pattern[str], start: int | None = None, end: int | None = None
    ) -> list[re.Match[str]]:
        a = self.body_start if start is None else start
        b = len(self.norm) if end is None else end
        if not self.quoted and self.signature is None:
            return list(pattern.finditer(self.norm, a, b))
        # Only where the message is: a long blanked chain costs every pattern a try per space.
        found: list[re.Match[str]] = []
        for lo, hi in self.live:
            if max(a, lo) < min(b, hi):
                found += pattern.finditer(self.norm, max(a, lo), min(b, hi))
        return found

    @cached_property
    def live(self) -> list[tuple[int, int]]:
        """The stretches of the text the rules read: all but the quoted chain and signature."""
        blanked = sorted(
            [
                *self.quoted,
                *([self.signature] if self.signature else []),
                *([self.attached] if self.attached else []),
                *self.directions,
            ]
        )
        out, pos = [], 0
        for a, b in blanked:
            if a > pos:
                out.append((pos, a))
            pos = max(pos, b)
        if pos < len(self.norm):
            out.append((pos, len(self.norm)))
        return out


_WORD = re.compile(r"[^\W_][\w'’-]*")
_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•–])\s+")
# A phone script's title ("Call notes", "# Talking points – Acme call:"): short, not a
# talking point, not a sentence.
_TITLE_LINE = re.compile(r"(?!(?:\d{1,2}[.)]|[-*•–])\s)(?:[^.!?\n]|\.(?=\S)){1,60}")


# ------------------------------------------------------------------ a phone script's parts

# "--- confirming email, to send after the call ---" (the CLI and a .txt export), "── confirming
# email, after the call ──" (the app), "## Confirming email, to send after the call" (Markdown):
# what follows is the email, not the script.
_ATTACHED = re.compile(
    r"^[ \t]*(?:[-─—–=]{2,}|#{1,6})[ \t]*(?:the[ \t]+)?(?:confirming|follow-?up)[ \t]+e-?mail\b"
    r"[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
# A title or heading: "# Call notes: declining the … offer at …", whatever its length.
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t][^\n]*", re.MULTILINE)
# A branch's label, said to yourself: "If they ask why:", "- If you reach voicemail:".
_BRANCH = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?:if|when|in case|should)\b[^:.!?\n\"“”]{1,60}:(?=[ \t]|$)",
    re.MULTILINE | re.IGNORECASE,
)
# A stage direction: a parenthesis that opens a line or follows a sentence's end, "(pause)".
_DIRECTION = re.compile(r"(?:^|(?<=[.!?:\"”']))[ \t]*(\([^()\n]{1,200}\))", re.MULTILINE)


_POINT = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]", re.MULTILINE)


def _branches_start(text: str, start: int, end: int) -> int:
    """Where a phone script's branches begin: the first "If …:" line with no numbered talking
    point after it (end when there is none)."""
    last_point = max((m.start() for m in _POINT.finditer(text, start, end)), default=start)
    branch = _BRANCH.search(text, last_point, end)
    return branch.start() if branch else end


def _attached_region(text: str, start: int) -> tuple[int, int] | None:
    m = _ATTACHED.search(text, start)
    return (m.start(), len(text)) if m else None


def _directions(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The parts of a phone script that are not said: headings, branch labels, directions."""
    found = [(m.start(), m.end()) for m in _HEADING.finditer(text, start, end)]
    found += [(m.start(), m.end()) for m in _BRANCH.finditer(text, start, end)]
    found += [m.span(1) for m in _DIRECTION.finditer(text, start, end)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def attached_email(text: str) -> tuple[int, str] | None:
    """The confirming email appended to a phone script, as (offset, text), or None: what
    follows the marker line ("--- confirming email, to send after the call ---")."""
    m = _ATTACHED.search(text.translate(_STRAIGHTEN))
    if m is None:
        return None
    at = m.end()
    while at < len(text) and text[at] in "\r\n":
        at += 1
    return at, text[at:]


def _strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1)


def _lines_of(text: str, start: int) -> list[Line]:
    out = []
    pos = start
    for piece in text[start:].split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(piece) + 1
    return out


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(text: str, regions: Iterable[tuple[int, int]]) -> str:
    """The text with these regions turned to spaces (line breaks kept): same length."""
    parts, pos = [], 0
    for a, b in regions:
        parts += [text[pos:a], _NOT_NEWLINE.sub(" ", text[a:b])]
        pos = b
    return "".join(parts) + text[pos:] if parts else text


# ------------------------------------------------------------------- quoted chain, signature

# "On Mon, 3 Mar 2025 at 10:02, Maria <m@x> wrote:" (Gmail may wrap it over two lines), in
# the languages mail clients write it in; it must hold a digit (the date) to count.
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?:On|Le|Am|El|Em|Op|Il|Den|På)[ \t][^\n]{0,200}?(?:\n[^\n]{0,200}?)?"
    r"(?:wrote|a[ \t]+écrit|schrieb|escribió|escreveu|schreef|ha[ \t]+scritto|skrev)"
    r"[^\n:]{0,100}:[ \t\r]*$",
    re.MULTILINE,
)
# Where an earlier mail starts and runs to the end: Outlook's "-----Original Message-----",
# Gmail's forward line, Apple Mail's "Begin forwarded message:", or a "From: … Sent: …"
# header block (perhaps under a line of underscores).
_CHAIN_START = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:original message|forwarded message|message d'origine"
    r"|message transféré|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original"
    r"|mensaje reenviado)[ \t]*-{2,}"
    r"|begin forwarded message:|début du message réexpédié ?:"
    r"|(?:[_-]{8,}[ \t\r]*\n(?:[ \t\r]*\n)?[ \t]*)?\*?(?:from|de|von|van)[ \t]*:\*?[ \t]+\S[^\n]*\n"
    r"(?:[^\n]*\n){0,3}?[ \t]*\*?(?:sent|date|envoyé|gesendet|datum|enviado|fecha|verzonden)"
    r"[ \t]*:)",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTE_LINES = re.compile(r"^[ \t]*>.*(?:\n[ \t]*>.*)*", re.MULTILINE)
_QUOTE_AFTER = re.compile(r"(?:[ \t\r]*\n)+[ \t]*>.*(?:\n[ \t]*>.*|\n[ \t\r]*(?=\n))*")
_HAS_DIGIT = re.compile(r"\d")


def _quoted_regions(text: str, start: int) -> tuple[tuple[int, int], ...]:
    """The regions of text that quote earlier mail: `>` lines, an attribution line with its
    quote, and everything from a header block or an attribution with no `>` to the end."""
    end = len(text)
    chain = _CHAIN_START.search(text, start)
    if chain:
        end = chain.start()
    regions = []
    for m in _ATTRIBUTION.finditer(text, start, end):
        if not _HAS_DIGIT.search(m.group(0)):
            continue
        quote = _QUOTE_AFTER.match(text, m.end(), end)
        if quote is None:  # Apple Mail and Outlook quote without ">": the rest is the chain
            end = m.start()
            break
        regions.append((m.start(), quote.end()))  # a reply may follow: bottom-posting
    regions += [(m.start(), m.end()) for m in _QUOTE_LINES.finditer(text, start, end)]
    if end < len(text):
        regions.append((end, len(text)))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(regions):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


# Lines that only a signature holds: a phone, an address, a link, pronouns, a mail app's tag.
_CONTACT = re.compile(
    r"sent from (?:my|mail|outlook|yahoo|gmail|proton)|get outlook for|sent (?:via|with) \w+"
    r"|envoyé de mon|von meinem \w+ gesendet|enviado desde"
    r"|https?://|www\.|\S@\S+\.\w|linkedin\b|\w\.(?:com|org|net|io|dev|co|ai)\b"
    r"|(?<!\w)(?:she|he|they|ze|xe)/(?:her|hers|him|his|them|they|she|he|zir|xem)(?!\w)"
    r"|^(?:tel|phone|mobile|mob|cell|fax|m|t|p|o|w)\.?[ \t]*:",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\+?\(?\d[\d ().-]{5,}\d")
# A legal notice or a printing plea: the whole paragraph is signature.
_DISCLAIMER = re.compile(
    r"confidentiality notice|privileged and confidential|legally privileged|disclaimer"
    r"|intended (?:solely |only )?for the (?:use|addressee)|intended recipient"
    r"|received this (?:e-?mail|message|communication) in error|before printing"
    r"|this (?:e-?mail|message),? (?:and|including) any (?:files|attachments)",
    re.IGNORECASE,
)


def _contact_line(text: str) -> bool:
    words = text.split()
    # "Let's connect on LinkedIn." is the message; "linkedin.com/in/sam" is not.
    if len(words) > 10 or (len(words) > 3 and text.endswith((".", "!", "?"))):
        return False
    if _CONTACT.search(text):
        return True
    return any(len(_HAS_DIGIT.findall(m.group(0))) >= 7 for m in _PHONE.finditer(text))


def _signature_like(text: str) -> bool:
    """A job title, a company, an address line: short, and not a sentence or a P.S."""
    if _contact_line(text):
        return True
    words = text.split()
    if len(words) > 10 or re.match(r"p\.?s\b", text, re.IGNORECASE):
        return False
    # "Maybe we could grab a coffee." is the message; "Senior Engineer, Acme Inc." is not.
    return not (text.endswith(("!", "?")) or (text.endswith(".") and words[-1][:1].islower()))


def _signature_region(text: str, start: int, medium: str) -> tuple[int, int] | None:
    """Where the signature begins, to the end: after a `-- ` line; or the contact lines at
    the end (phone, links, pronouns, "Sent from my iPhone", a legal notice); or, after the
    sign-off and the name, the lines that read like a title and company, not sentences."""
    all_lines = lines = _lines_of(text, start)
    if len(lines) < 2 or medium == "phone":  # talking points have no signature
        return None
    found = None
    dash = next((i for i in range(len(lines) - 1, 0, -1) if lines[i].text == "--"), None)
    if dash is not None and len(lines) - dash <= 15:
        found, lines = dash, lines[:dash]
    # Walk back over contact lines and legal paragraphs (a paragraph: lines with no blank
    # line between them).
    para = [0] * len(lines)
    for k in range(1, len(lines)):
        joined = text.count("\n", lines[k - 1].end, lines[k].start) == 1
        para[k] = para[k - 1] if joined else k
    i = len(lines) - 1
    while i > 0:
        if para[i] > 0 and _DISCLAIMER.search(text, lines[para[i]].start, lines[i].end):
            i = para[i] - 1
        elif _contact_line(lines[i].text):
            i -= 1
        else:
            break
    if i < len(lines) - 1:
        found = i + 1 if found is None else min(found, i + 1)
    lines = lines[: i + 1]
    if len(lines) > 2:
        signoff = _find_signoff_in(lines)
        if signoff:
            at = next(k for k, ln in enumerate(lines) if ln.start <= signoff[0] < ln.end)
            tail = lines[at].text[signoff[1] - lines[at].start :].strip(" ,.!—–-")
            # "Best," then the name on the next line, or "Best regards, Sam" on one line; not
            # "Thank you, Ana, for the offer." opening a paragraph.
            if tail:
                rest, named = lines[at + 1 :], len(tail.split()) <= 3
            else:
                name = lines[at + 1].text if at + 1 < len(lines) else ""
                rest = lines[at + 2 :]
                named = len(name.split()) <= 5 and not name.endswith((".", "!", "?"))
            if named and rest and all(_signature_like(ln.text) for ln in rest):
                first = len(lines) - len(rest)
                found = first if found is None else min(found, first)
    return None if found is None else (all_lines[found].start, len(text))


# --------------------------------------------------------------- greeting and sign-off

_GREETING_WORD = re.compile(
    r"(?:dear|hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening|day)|greetings|howdy)\b",
    re.IGNORECASE,
)


_SIGNOFF = re.compile(
    r"(?:(?:with )?(?:best|kind|kindest|warm|warmest|warmly|many|warm|sincere|heartfelt"
    r"|all (?:the )?best)?\s*(?:regards|wishes|thanks)(?: and (?:thanks|gratitude|regards))?"
    r"|best|warmly|sincerely|yours(?: sincerely| truly| faithfully)?|respectfully|cordially"
    r"|all the best|thanks(?: again| so much| once more)?|thank you(?: again| so much| once more)?"
    r"|cheers|take care|with (?:gratitude|thanks|appreciation)|gratefully|talk soon"
    r"|(?:with )?(?:warm|kind|best) (?:regards|wishes) and thanks|speak soon|until next time"
    r"|respectfully yours|sincerely yours|love"
    # "Wishing you all the best,", "Best of luck with the search,", "All the best to the team,"
    r"|(?:wishing you (?:well|all the best|the (?:very )?best|every success|luck)"
    r"|(?:with )?(?:all the best|(?:the )?best of luck|good luck|every success|continued success"
    r"|the very best))(?: (?:to|with|in|for|on) [^,.!?\n]{1,40})?"
    r")(?=\s*[,.!—–-]|\s*$)",
    re.IGNORECASE,
)


def _find_signoff(msg: Message) -> tuple[int, int] | None:
    """(start, end) of the sign-off phrase near the end of the message, if any."""
    return _find_signoff_in(msg.script_lines)


def _find_signoff_in(lines: list[Line]) -> tuple[int, int] | None:
    lines = lines[1:] if len(lines) > 1 else lines
    for line in reversed(lines[-6:]):
        text = _strip_marker(line.text)
        lead = line.start + len(line.text) - len(text)
        m = _SIGNOFF.match(text)
        if m and len(text.split()) <= 8:
            return lead + m.start(), lead + m.end()
        # "… stay in touch. Best, Sam" at the end of a one-paragraph note
        for m in re.finditer(r"(?:[.!?]\s+)(?=\S)", text):
            tail = text[m.end() :]
            sm = _SIGNOFF.match(tail)
            if sm and len(tail.split()) <= 6:
                return lead + m.end(), lead + m.end() + sm.end()
    return None


# ------------------------------------------------------------------------- for the rules


def _spans(matches: Iterable[re.Match[str]]) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in matches)


def _quote(msg: Message, spans: Iterable[tuple[int, int]], limit: int = 5) -> str:
    seen: list[str] = []
    for a, b in spans:
        words = " ".join(msg.raw[a:b].split())
        if words and words not in seen:
            seen.append(words)
    shown = ", ".join(f"“{w}”" for w in seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")


def _capitalised(word: str) -> bool:
    """True for "María" or "Łukasz", and for scripts without case such as "王伟"."""
    return word[:1].isalpha() and not word[:1].islower()


def word_count(text: str, medium: str = "email") -> int:
    """The message's own words, as no-over-explaining counts them: no subject line, quoted
    chain or signature, and in a phone script only the talking points, said aloud (not the
    title, directions, branches or confirming email), so the draft header and the checklist
    never disagree."""
    msg = Message(text, medium)
    return len(msg.words(end=msg.script_end))
