"""The decline checklist: a linter for the message the person will actually send.

Each rule looks at the text (not at form fields) and returns one Finding with a status,
a message, the spans it is about (character offsets into the checked text) and a hint
that says why the rule matters and how to fix it. Matching is done on a copy of the
text with curly quotes straightened (same length, so offsets stay true), case-insensitive,
with any run of white space, line breaks included, allowed between words. A quoted chain
(a reply's earlier mail) and the signature block are blanked in that copy, not cut, so the
rules read only what the person wrote (see `Message`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache

from decline_tui.core.kinds import KINDS, REFERRER, kind_of
from decline_tui.core.model import Offer, Workbook
from decline_tui.core.names import PERSON, addressee_kind
from decline_tui.core.timing import PROMPT_DAYS, describe_moment, is_good_send_time, next_send_time

PASS, WARN, FAIL, SKIP = "pass", "warn", "fail", "skip"
STATUSES = (PASS, WARN, FAIL, SKIP)
SYMBOLS = {PASS: "✓", WARN: "!", FAIL: "✗", SKIP: "–"}

BRIEF_WORDS, LONG_WORDS = 200, 300
LINKEDIN_FREE, LINKEDIN_PREMIUM = 200, 300


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    why: str
    fix: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "greeting",
            "Greeting by name",
            "A greeting by name shows the message was written for them, not sent in bulk.",
            "Open with the person's name: “Dear Maria,” or “Hi Maria,”.",
        ),
        Rule(
            "gratitude",
            "Thanks for the offer",
            "Gratitude acknowledges the time and effort they put into interviewing you.",
            "Thank them for the offer and for their time, e.g. “Thank you for offering me…”.",
        ),
        Rule(
            "clear-decline",
            "Clear decline",
            "An ambiguous answer leaves them waiting; they need to move on to other candidates.",
            "Say it plainly: “I have decided to decline the offer.”",
        ),
        Rule(
            "brief-reason",
            "Brief reason",
            "One or two honest sentences about your own decision are enough; more invites debate.",
            "Give one or two sentences, focused on you, e.g. “I have accepted a role closer "
            "to my family.”",
        ),
        Rule(
            "positive-note",
            "Something you appreciated",
            "Naming something specific you valued leaves a good last impression.",
            "Mention something specific: the team, a project, the interview process.",
        ),
        Rule(
            "door-open",
            "Door left open",
            "Industries are small; saying you'd like to stay in touch keeps future roles possible.",
            "If you mean it, add: “I would be glad to stay in touch.”",
        ),
        Rule(
            "offer-help",
            "Offer to help (optional)",
            "Offering to suggest other candidates turns a no into a favour they remember.",
            "Optionally: “I'd be happy to recommend people from my network for the role.”",
        ),
        Rule(
            "closing",
            "Sign-off and name",
            "A professional closing with your name ends the message warmly and clearly.",
            "End with a sign-off and your name: “Best regards,” then your name on the next line.",
        ),
        Rule(
            "subject",
            "Subject line",
            "A clear subject line lets them find and file your answer at a glance.",
            "Start the text with a line like “Subject: Job offer – Your Name”.",
        ),
        Rule(
            "no-negativity",
            "No negative remarks",
            "Criticising the company, role, pay or people burns a bridge for nothing.",
            "Remove the criticism; keep the reason about your own choice.",
        ),
        Rule(
            "no-wavering",
            "No wavering",
            "Hedging reopens the decision and invites a counter-offer you do not want.",
            "Remove words like “maybe”, “for now” or “unless you could…”; state the decision once.",
        ),
        Rule(
            "no-over-explaining",
            "Not over-explained",
            "Long declines read as excuses; replies of 50–125 words do best.",
            "Cut the message to under 200 words: thank, decline, one reason, one kind note.",
        ),
        Rule(
            "no-other-company",
            "No other company named",
            "Naming the offer you chose looks like a bargaining move and is not their business.",
            "Say “another opportunity” instead of naming the company.",
        ),
        Rule(
            "placeholders",
            "No placeholders left",
            "A leftover [Placeholder] or TODO shows the message is a form letter.",
            "Fill in or delete every [bracketed], {braced} or <angled> placeholder and TODO.",
        ),
        Rule(
            "spelling",
            "Spelling",
            "A typo in a short, formal message is noticed; proofreading shows care.",
            "Correct the words listed, or add names to the offer so they are known.",
        ),
        Rule(
            "timely",
            "Timely answer",
            "Answering within about two days, and always before the deadline, lets them move on.",
            "Send your answer today; if you are late, apologise briefly for the delay.",
        ),
        Rule(
            "send-time",
            "Good time to send",
            "A message sent in working hours, not on a Friday afternoon, is read and answered.",
            "Schedule it for the next good time, or save the draft and send it then.",
        ),
        Rule(
            "linkedin-length",
            "Fits LinkedIn's limit",
            "LinkedIn cuts connection notes at 200 characters on free accounts (300 on premium).",
            "Shorten the note to 200 characters: greeting, thanks, decline, stay in touch.",
        ),
        Rule(
            "no-bargaining",
            "No bargaining",
            "You said nothing would change your mind: asking for more reopens a decision "
            "you have made, and wastes their time and goodwill.",
            "Remove asks like “could you increase…”, “if you can match…” or “any flexibility?”; "
            "thank them and say your decision stands.",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str
    message: str
    spans: tuple[tuple[int, int], ...] = ()
    hint: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "status": self.status,
            "message": self.message,
            "spans": [list(s) for s in self.spans],
            "hint": self.hint,
        }


@dataclass
class CheckContext:
    """What the rules may know beyond the text; every field is optional."""

    medium: str = "email"
    sender: str = ""
    recipient: str = ""
    others: tuple[str, ...] = ()
    known_words: tuple[str, ...] = ()
    received: date | None = None
    deadline: date | None = None
    now: datetime | None = None
    future_open: bool | None = None
    offer_referrals: bool | None = None
    spelling: bool = True
    firm: bool = False  # the decision is final: bargaining words fail
    kind: str = "decline"  # what the message is (core.kinds): which rules apply
    counter_received: date | None = None  # when the counter-offer came, for answering it
    send_at: datetime | None = None  # when the person plans to send it


def context_for(
    wb: Workbook, offer: Offer, medium: str, now: datetime | None, template: str = ""
) -> CheckContext:
    """The context for checking a draft of this offer, from the workbook's own data.

    `template` names the template the draft came from, when known; its kind (core.kinds)
    decides which rules apply, who the message is addressed to (a note to the referrer
    greets the referrer) and whether the decision is final (a declined counter-offer, an
    answer to a recruiter, a rescinded acceptance, or any draft of an offer marked firm).
    """
    kind = kind_of(template)
    names = [wb.profile.name, offer.contact_name, offer.company, offer.role, offer.referrer]
    recipient = offer.contact_name
    if kind.recipient == REFERRER and offer.referrer.strip():
        recipient = offer.referrer
    return CheckContext(
        medium=medium,
        sender=wb.profile.name,
        recipient=recipient,
        others=tuple(wb.other_companies(offer)),
        known_words=tuple(n for n in names if n),
        received=offer.received,
        deadline=offer.deadline,
        now=now,
        future_open=offer.future_open,
        offer_referrals=offer.offer_referrals,
        firm=kind.firm or (offer.firm and kind.declines),
        kind=kind.name,
        counter_received=offer.counter_received,
        # The planned time is the decline's (p on the main screen), while it is still to send.
        send_at=offer.send_at if kind.declines and offer.status == "deciding" else None,
    )


# --------------------------------------------------------------------------- text helpers

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

    def __post_init__(self) -> None:
        self.straight = self.raw.translate(_STRAIGHTEN)
        m = re.match(r"\ufeff?\s*subject[ \t]*:[ \t]*([^\n]*)", self.straight, re.IGNORECASE)
        if m:
            self.subject = m.group(1).strip()
            self.subject_span = (m.start(1), m.start(1) + len(m.group(1).rstrip()))
            self.body_start = m.end()
        self.quoted = _quoted_regions(self.straight, self.body_start)
        self.own = _blank(self.straight, self.quoted)
        self.signature = _signature_region(self.own, self.body_start, self.medium)
        self.norm = _blank(self.own, (self.signature,) if self.signature else ())

    @cached_property
    def lines(self) -> list[Line]:
        """Non-empty lines of the body (quoted chain and signature left out), with offsets."""
        return _lines_of(self.norm, self.body_start)

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
        return start, max(start, self.closing_start)

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

    def search(self, pattern: re.Pattern[str], start: int | None = None, end: int | None = None):
        a = self.body_start if start is None else start
        b = len(self.norm) if end is None else end
        if not self.quoted and self.signature is None:
            return list(pattern.finditer(self.norm, a, b))
        # Only where the message is: a long blanked chain costs every pattern a try per space.
        found = []
        for lo, hi in self.live:
            if max(a, lo) < min(b, hi):
                found += pattern.finditer(self.norm, max(a, lo), min(b, hi))
        return found

    @cached_property
    def live(self) -> list[tuple[int, int]]:
        """The stretches of the text the rules read: all but the quoted chain and signature."""
        blanked = sorted([*self.quoted, *([self.signature] if self.signature else [])])
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


def _name_parts(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", name.strip()) if len(w.strip(".")) > 1]


# --------------------------------------------------------------------------- rules


def _finding(rule: str, status: str, message: str, spans=(), hint: str = "") -> Finding:
    r = RULES[rule]
    if not hint:
        hint = r.why if status in (PASS, SKIP) else f"{r.fix} Why: {r.why}"
    return Finding(rule, status, message, tuple(spans), hint)


_GREETING_WORD = re.compile(
    r"(?:dear|hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening|day)|greetings|howdy)\b",
    re.IGNORECASE,
)
_BROKEN_GREETING = re.compile(r"(?:dear|hi|hello|hey) the\b[^,\n]{0,40}", re.I)
_GENERIC = _rx(
    "to whom it may concern",
    r"dear (?:sir or madam|sir/madam|madam or sir|sirs|sir|madam)",
    r"(?:dear|hi|hello|hey|greetings) (?:the )?(?:hiring|recruiting|recruitment|talent|hr|people"
    r"|search|selection) (?:manager|managers|team|committee|panel|department|acquisition"
    r"(?: team)?|partner|lead)",
    r"(?:dear|hi|hello|hey|greetings) (?:recruiter|team|all|everyone|everybody|folks|there"
    r"|colleagues|friends|hr|human resources|hiring manager|manager|[a-z]+ team)",
    r"(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening|day))(?=\s*[,!.:—–-]?\s*$)",
)
_NOT_NAMES = {
    "hiring",
    "manager",
    "team",
    "sir",
    "madam",
    "all",
    "there",
    "recruiter",
    "everyone",
    "recruiting",
    "folks",
    "colleagues",
    "friends",
    "hr",
    "human",
    "talent",
    "people",
    "again",
    "thank",
    "thanks",
    "i",
    "it",
    "this",
    "we",
    "just",
    "so",
    "and",
    "about",
}
_NAME_TOKEN = r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss)\.?\s+)?([^\W\d_][\w'.-]*)"
_NAME_WORD = r"[^\W\d_][\w'.-]*"
# Words that may sit between the greeting word and the name: "Hello again María,".
_FILLER = re.compile(r"(?:again|there)\b[\s,]*", re.IGNORECASE)


def _capitalised(word: str) -> bool:
    """True for "María" or "Łukasz", and for scripts without case such as "王伟"."""
    return word[:1].isalpha() and not word[:1].islower()


def _leading_name(text: str) -> re.Match[str] | None:
    """The name at the start of text ("Dr. Okafor", "Zoë"), if it looks like one."""
    nm = re.match(_NAME_TOKEN, text)
    if nm and _capitalised(nm.group(1)) and nm.group(1).lower() not in _NOT_NAMES:
        return nm
    return None


def rule_greeting(msg: Message, ctx: CheckContext) -> Finding:
    g = msg.greeting_line
    if g is None:
        return _finding("greeting", FAIL, "The message is empty: it has no greeting.")
    text = _strip_marker(g.text)
    offset = g.start + (len(g.text) - len(text))
    span = ((offset, min(g.end, offset + 60)),)
    if "[" in text[:60] and re.match(r"(?:[^[]{0,30})\[[^\]]*name[^\]]*\]", text, re.I):
        return _finding(
            "greeting", WARN, "The greeting still has a placeholder instead of a name.", span
        )
    broken = _BROKEN_GREETING.match(text)
    if broken:  # "Dear the hiring team," or "Hi the,": a group's name pasted after "Dear"
        return _finding(
            "greeting",
            WARN,
            f"“{' '.join(broken.group(0).split())}” does not read as a greeting: greet a group "
            "as “Dear Hiring Team,” or “Hi all,”.",
            ((offset, offset + broken.end()),),
        )
    generic = _GENERIC.match(text)
    # "Hi there Maria," is not generic: the name follows.
    if (
        generic
        and generic.group(0).lower().endswith("there")
        and _leading_name(text[generic.end() :].lstrip(" ,"))
    ):
        generic = None
    if generic and not _names_recipient(text[: generic.end() + 20], ctx):
        shown = " ".join(msg.raw[offset : offset + generic.end()].split())
        if ctx.recipient.strip() and addressee_kind(ctx.recipient) != PERSON:
            # All the workbook has is a group or a role: right for now, better with a name.
            message = (
                f"“{shown}” greets them as a group: the offer names no one "
                f"(“{' '.join(ctx.recipient.split())}”). If you learn the hiring manager's "
                "name, greet them by it."
            )
        else:
            message = f"“{shown}” is a generic greeting; address the person by name."
        return _finding("greeting", WARN, message, ((offset, offset + generic.end()),))
    m = _GREETING_WORD.match(text)
    if m:
        rest = text[m.end() :].lstrip(" ,")
        filler = _FILLER.match(rest)
        if filler and _leading_name(rest[filler.end() :]):
            rest = rest[filler.end() :]
        nm = _leading_name(rest)
        if nm:
            end = len(text) - len(rest) + nm.end()
            shown = " ".join(text[:end].split())
            return _finding(
                "greeting", PASS, f"Opens by name: “{shown}”.", ((offset, offset + end),)
            )
        if _names_recipient(rest[:40], ctx):
            return _finding("greeting", PASS, "Opens by addressing them by name.", span)
        return _finding("greeting", WARN, "The greeting does not name the person.", span)
    # "María," alone on the first line, "Maria – thank you…", or the recipient's name opening
    # the message. Words are separated by white space, so a long token cannot backtrack.
    alone = re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s*[,，!:—–-]", text)
    dashed = re.match(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*[—–]\s*\S", text)
    if dashed and not all(_leading_name(w) for w in dashed.group(1).split()):
        dashed = None
    if (alone or dashed) and _capitalised(text):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    # "Thank you so much for the offer, Jonas!": the first sentence ends with their name.
    vocative = re.match(rf"[^.!?\n]{{0,100}}?,\s*({_NAME_WORD})\s*(?:[.!,]|$)", text)
    if vocative and _leading_name(vocative.group(1)):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    if _names_recipient(text[:30], ctx):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    return _finding(
        "greeting",
        FAIL,
        "The message does not open with a greeting; start with “Dear <name>,”.",
        span,
    )


def _names_recipient(text: str, ctx: CheckContext) -> bool:
    low = text.casefold()
    return any(
        re.search(rf"(?<!\w){re.escape(part.casefold())}(?!\w)", low)
        for part in _name_parts(ctx.recipient)
    )


_GRATITUDE = _rx(
    r"thank(?:s|ful|ing)?",
    "grateful",
    "gratitude",
    r"appreciat(?:e|ed|es|ing|ion|ive)",
    r"many thanks",
)


def rule_gratitude(msg: Message, ctx: CheckContext) -> Finding:
    a, b = msg.main_span
    found = msg.search(_GRATITUDE, msg.body_start, b if b > a else None)
    if found:
        return _finding("gratitude", PASS, "Thanks them.", _spans(found[:3]))
    return _finding("gratitude", FAIL, "The message never thanks them for the offer or their time.")


_NOT = r"(?:not|cannot|can't|won't|wont|will not|couldn't|could not|unable)"
_TAKE = (
    r"(?:accept|accepted|accepting|take|taken|taking|join|joining|go with|gone with|going with"
    r"|chose|chosen)"
)
_DECLINE = _rx(
    r"declin(?:e|ed|ing)",
    r"turn(?:ing|ed)? (?:it |this |this one |the offer |your offer |the role |the position )?down",
    rf"{_NOT} (?:be )?(?:able )?(?:to )?accept(?:ing)?",
    rf"{_NOT} (?:be )?(?:able )?(?:to )?(?:be )?(?:taking|moving forward|move forward|proceeding"
    r"|proceed|joining|join|pursuing|pursue)",
    # "not to take the job", but not "I did not take this decision lightly"
    rf"{_NOT} (?:be )?(?:able )?(?:to )?(?:take|taking) (?:you up on|(?:the|this|your) (?:offer"
    r"|role|position|job|opportunity))",
    r"pass(?:ing)? on (?:the|this|your) (?:offer|opportunity|role|position|one)",
    r"(?:have|had|must|will|need|decided|going|chosen|choose) to pass",
    r"withdraw(?:ing)? (?:myself|my (?:application|candidacy))",
    rf"{_TAKE} (?:another|a different) (?:offer|position|role|opportunity|job|company)",
    rf"{_TAKE} (?:an|a) (?:offer|position|role|opportunity|job)"
    r" (?:elsewhere|(?:with|at|from) (?:another|a different))",
    r"decided against",
    r"say no",
    # Staying where you are says no: "I'll be staying in my current role", not "staying in touch".
    r"(?:i'll|i will|i'm|i am|i've|i have|i)(?: (?:decided|chosen|elected|opted) to| be"
    r"| going to| planning to)? (?:stay|staying|remain|remaining)(?: on)? (?:(?:in|at|with)"
    r" (?:my|our) (?:current|present|existing) (?:role|position|job|company|employer|team|firm)"
    r"|where i am|put)",
)


def rule_clear_decline(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_DECLINE)
    if found:
        return _finding("clear-decline", PASS, "States the decline plainly.", _spans(found[:2]))
    return _finding(
        "clear-decline",
        FAIL,
        "Nowhere does it say plainly that you are declining the offer.",
    )


_REASON = _rx(
    "because",
    r"(?:as|since) (?:i've|i have|i'd|i) (?:decided|accepted|chosen|committed|signed|want|need"
    r"|would like|plan)",
    r"(?:as|since) (?:i'm|i am|i'll|i will) (?:staying|remaining|joining|relocating|moving"
    r"|continuing|going|pursuing|returning|starting|looking|focusing|committed|not ready)",
    r"(?:as|since) my",
    "due to",
    r"given (?:my|that)",
    r"(?:i've|i have|i'd|i) (?:decided|chosen|elected) to (?:accept|pursue|stay|remain|join|focus"
    r"|go|take|continue|move|remain|prioriti[sz]e|keep|return|relocate|start)",
    r"(?:accepted|accepting|taken|taking|chose|chosen) (?:an?other|a different|an|a) (?:offer"
    r"|position|role|opportunity|job)",
    r"(?:better|closer) (?:fit|fits|aligned|alignment|match|matches|suits?|suited)",
    r"(?:aligns?|aligned) (?:more )?(?:closely )?with",
    r"(?:more|better) (?:closely )?aligned",
    r"my (?:current|long-term|career|personal|family|own|partner|health|studies|goals)",
    r"(?:different|another) direction",
    r"(?:stay|remain|continue) (?:in|with|at) my",
    r"relocat\w*",
    r"commute",
    "personal reasons",
    r"(?:the )?right time",
    r"career (?:goals|path|plans)",
    r"(?:close|closer|near|nearer) to (?:home|my|family|where)",
    r"(?:going|go|went|heading|returning) back to",
    r"i(?: want| need| plan| prefer| hope|'d like| would like) to (?:stay|remain)"
    r"(?! in touch| connected| in contact)",
    r"i(?: want| need| plan| prefer| hope|'d like| would like) to (?:focus|continue|pursue"
    r"|spend|return|finish|prioriti[sz]e|grow|be closer|be near)",
    r"timing",
    r"focus on",
    r"(?:not|isn't|wasn't) (?:quite |really |exactly |just )?the right (?:fit|move|step)",
    r"my (?:decision|situation|priorities|circumstances) (?:has|have)? ?changed",
)


def rule_brief_reason(msg: Message, ctx: CheckContext) -> Finding:
    hits = []
    for a, b in msg.sentences:
        found = msg.search(_REASON, a, b)
        if found:
            hits.append((a, b))
    if not hits:
        return _finding(
            "brief-reason", WARN, "No reason is given; one honest sentence helps them understand."
        )
    words = sum(len(msg.words(a, b)) for a, b in hits)
    if len(hits) > 2:
        return _finding(
            "brief-reason",
            WARN,
            f"The reason runs over {len(hits)} sentences; keep it to one or two.",
            hits,
        )
    if words > 60:
        return _finding(
            "brief-reason",
            WARN,
            f"The reason takes {words} words; one or two short sentences are enough.",
            hits,
        )
    return _finding("brief-reason", PASS, "Gives a brief reason.", hits)


_POSITIVE = _rx(
    r"enjoy(?:ed|able|ing)?",
    r"impress(?:ed|ive|ively)",
    r"admir(?:e|ed|able|ation)",
    r"lov(?:e|ed) (?:hearing|learning|meeting|the|your|getting|working|speaking|talking|how"
    r"|seeing)",
    r"inspir(?:ed|ing)",
    # "excited by what you're building", not "excited to start my new job"
    r"excited (?:by|about) (?:the|your|what|how)",
    r"exciting (?:work|project|projects|team|mission|product|roadmap|plans|things)",
    r"(?:big|huge|real) fan",
    r"highlights?",
    r"fascinat(?:ed|ing)",
    "pleasure",
    r"great (?:to|experience|team|conversations?|people|culture|questions)",
    "wonderful",
    "fantastic",
    r"(?:valued|value) (?:the|our|your|my|how|learning|meeting|getting)",
    r"appreciated (?:learning|hearing|getting|meeting|the chance|the opportunity|your insight"
    r"|the insight|the conversations?|how|the care|the transparency)",
    "stood out",
    "stayed with me",
    r"(?:was|were|am) (?:struck|moved|touched) by",
    r"(?:really|genuinely|truly) liked",
    r"learn(?:ed|t) (?:a lot|so much)",
    r"respect (?:for|the|your)",
    "thoughtful",
    r"warmth",
    r"welcom(?:ed|ing)",
    "kindness",
    "generous",
    "talented",
    "brilliant",
    "rewarding",
    r"(?:was|were|is) (?:great|excellent|amazing|lovely)",
)


def rule_positive_note(msg: Message, ctx: CheckContext) -> Finding:
    a, b = msg.main_span
    found = msg.search(_POSITIVE, a, b)
    if found:
        return _finding(
            "positive-note", PASS, "Names something you appreciated.", _spans(found[:3])
        )
    return _finding(
        "positive-note",
        WARN,
        "Nothing specific you appreciated about the company, team or process is mentioned.",
    )


_DOOR = _rx(
    r"(?:stay|staying|keep|keeping|remain|be) in (?:touch|contact)",
    r"stay connected",
    r"keep (?:the|our) (?:door|lines? of communication|conversation)",
    r"(?:leave|leaving) (?:the|a|our) door open",
    r"(?:feel free to|please|do|don't hesitate to) (?:do )?(?:reach out|get in touch)",
    r"paths (?:will )?cross",
    r"cross paths",
    r"future (?:opportunit\w+|roles?|openings?|positions?|collaborations?|projects?"
    r"|conversations?|chats?)",
    r"in (?:the )?future",
    r"down the (?:road|line)",
    r"work(?:ing)? together",
    r"reconnect\w*",
    r"connect (?:on|via|through) linkedin",
    r"hear(?:ing)? from you",
    r"keep me in mind",
    r"welcome the (?:chance|opportunity)",
    r"hope (?:we|to) (?:meet|speak|talk|work|connect|stay|keep)",
    r"(?:again|another time) (?:someday|some day|soon|one day)",
    r"(?:someday|some day|one day)",
    r"follow(?:ing)? (?:your|the company's|the team's|its) (?:progress|journey|work|success)",
)


def rule_door_open(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_DOOR, *msg.main_span)
    if found:
        return _finding("door-open", PASS, "Leaves the door open.", _spans(found[:2]))
    if ctx.future_open is False:
        return _finding(
            "door-open", SKIP, "You chose not to ask for future contact for this offer."
        )
    return _finding(
        "door-open",
        WARN,
        "It does not say you would welcome staying in touch or future opportunities.",
    )


_HELP = _rx(
    # "happy to refer", "make referrals", but not "thanks to Ana for the referral"
    r"refer(?:ring)?(?! to)",
    r"(?:make|send|give|offer|provide|pass along|share) (?:a |some |any )?referrals?",
    r"recommend(?:ing)? (?:people|someone|candidates?|a|colleagues|friends|others|good|great"
    r"|strong|some)",
    r"point (?:strong |good |great |some )?(?:candidates|people|someone)",
    r"introduc(?:e|ing) (?:you|people|candidates|some)",
    r"(?:happy|glad|pleased) to help",
    r"help (?:your|with your|in your|the) (?:search|hiring)",
    r"pass (?:it|the role|the posting|this|the job) (?:along|on)",
    r"pass along (?:the|this|your) (?:role|posting|opening|job|position|ad)",
    r"share (?:the|this|your) (?:role|posting|opening|job|position|ad) with",
    r"send (?:them|people|candidates|anyone|someone|folks|names) your way",
    r"(?:know|of) (?:someone|anyone|people|somebody|a few|a couple of|some)(?: \w+){0,2} who",
    r"if (?:i|there's anything i|there is anything i) can (?:help|assist|do anything"
    r"|be of (?:any )?(?:help|use))",
    r"suggest (?:candidates|people|someone|names)",
    r"spread the word",
)


def rule_offer_help(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_HELP, *msg.main_span)
    if found:
        return _finding("offer-help", PASS, "Offers to help their search.", _spans(found[:2]))
    if ctx.offer_referrals:
        return _finding(
            "offer-help",
            WARN,
            "You meant to offer referrals for this offer, but the message does not.",
        )
    return _finding("offer-help", SKIP, "Optional: no offer to refer candidates or help.")


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
_PHONE_SIGNOFF = _rx(
    r"thanks? (?:you )?again",
    "all the best",
    "take care",
    "goodbye",
    "bye",
    "talk soon",
    "have a (?:great|good|lovely) (?:day|week|weekend|afternoon)",
    "best wishes",
    "thank you",
)


def _find_signoff(msg: Message) -> tuple[int, int] | None:
    """(start, end) of the sign-off phrase near the end of the message, if any."""
    return _find_signoff_in(msg.lines)


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


def _looks_like_name(text: str, ctx: CheckContext) -> bool:
    # A signature line often carries more after the name: "Sam Rivera | Designer".
    text = re.split(r"\s[|·•]\s|\s[—–-]\s|\s\(", text, maxsplit=1)[0]
    text = text.strip().strip(",.—–-").strip()
    if not text or "[" in text or not any(c.isalpha() for c in text):
        return False
    if ctx.sender:
        low = text.casefold()
        return any(
            re.search(rf"(?<!\w){re.escape(p.casefold())}(?!\w)", low)
            for p in _name_parts(ctx.sender)
        )
    words = text.split()
    return 1 <= len(words) <= 4 and all(_capitalised(w) for w in words if w[0].isalpha())


def rule_closing(msg: Message, ctx: CheckContext) -> Finding:
    if not msg.lines:
        return _finding("closing", FAIL, "The message is empty: no sign-off or name.")
    last = msg.lines[-1]
    if ctx.medium == "phone":
        found = msg.search(_PHONE_SIGNOFF, last.start, last.end)
        if found:
            return _finding("closing", PASS, "Ends the call warmly.", _spans(found[:1]))
        return _finding(
            "closing",
            WARN,
            "The last talking point does not close the call; end with thanks and goodbye.",
            ((last.start, last.end),),
        )
    signoff = _find_signoff(msg)
    if signoff:
        # The name may sit in the signature, after a "-- " line: look in all you wrote.
        after = msg.own[signoff[1] : signoff[1] + 200]
        after_lines = [ln for ln in after.split("\n") if ln.strip(" ,.—–-\t")][:3]
        named = any(_looks_like_name(ln, ctx) for ln in after_lines[:2])
        span = (signoff[0], min(len(msg.norm), last.end))
        if named:
            return _finding("closing", PASS, "Ends with a sign-off and your name.", (span,))
        return _finding(
            "closing",
            WARN,
            "The sign-off is not followed by your name.",
            (span,),
        )
    # A bare signature block: the name, perhaps with a title or phone line under it.
    named = [ln for ln in msg.lines[1:][-3:] if _looks_like_name(ln.text, ctx)]
    if named:
        return _finding(
            "closing",
            WARN,
            "It ends with your name but no sign-off such as “Best regards,”.",
            ((named[0].start, last.end),),
        )
    return _finding(
        "closing",
        FAIL,
        "It ends without a sign-off or your name.",
        ((last.start, last.end),),
    )


def rule_subject(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.medium != "email":
        return _finding("subject", SKIP, f"No subject line is needed for {ctx.medium}.")
    if msg.subject:
        return _finding("subject", PASS, f"Subject: “{msg.subject}”.", (msg.subject_span,))
    if msg.subject is not None:
        return _finding("subject", WARN, "The subject line is empty.")
    return _finding("subject", WARN, "There is no subject line (a first line “Subject: …”).")


_NEGATIVE = _rx(
    r"low-?ball(?:ed|ing)?",
    r"insult(?:ing|ed)?",
    r"disappointing",
    r"disappointed (?:by|with|in)",
    r"unprofessional(?:ly)?",
    "toxic",
    "terrible",
    "awful",
    r"horribl[ey]",
    "horrendous",
    "worst",
    r"ridiculous(?:ly)?",
    "laughable",
    "absurd",
    "rude",
    r"(?:dis|un)organi[sz]ed",
    "chaotic",
    r"a (?:mess|joke|disaster)",
    "unimpressed",
    r"(?:not|wasn't|weren't) (?:very |that |too )?impressed",
    r"underpa(?:id|y|ying)",
    r"below (?:market|average|industry|what i)",
    r"(?:far |way |much )?too low",
    r"(?:not|un|isn't|wasn't) (?:very )?competitive",
    r"not worth",
    r"waste of (?:my |our |your )?time",
    r"red flags?",
    r"(?:poor|bad|weak|incompetent|clueless|lousy|awful) (?:management|leadership|culture"
    r"|communication|benefits|pay|salary|compensation|offer|manager|managers|team|process"
    r"|interviewer|interviewers|reviews?|experience|organi[sz]ation|package|equity|hours)",
    r"micromanag\w*",
    "outdated",
    "incompetent",
    "clueless",
    r"hat(?:e|ed)",
    "stingy",
    "cheap",
    r"frustrat(?:ing|ed)",
    "sketchy",
    "shady",
    "unethical",
    "condescending",
    "arrogant",
    "dysfunctional",
    "boring",
    "dull",
    "pathetic",
    "stupid",
    "dumb",
    "disrespectful",
    "overworked",
    "mediocre",
    "meh",
    "unfair",
    "unreasonable",
    "greedy",
    "amateurish",
    "lazy",
    "sloppy",
    r"(?:didn't|did not|don't|do not) (?:like|trust|respect|enjoy)",
    "turnover",
)
# Phrases that contain a negative word but say nothing against them.
_NOT_NEGATIVE = _rx(
    r"hate (?:to|having to|saying|letting|turning|disappointing)",
    r"(?:this|it|that|which) (?:is|was|may be|might be|will be|must be|could be|'s) (?:very |so )?"
    r"(?:disappointing|frustrating)",
    r"disappointing (?:news|to hear)",
    r"(?:feel|felt|feeling) (?:so |really |quite )?(?:terrible|awful|horrible)",
    r"unfair (?:of me )?to (?:you|keep|leave|hold|string)",
    r"(?:didn't|did not|don't|do not) like (?:to|having|saying|letting|disappointing|being)",
)


def _without(found: list[re.Match[str]], allowed: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches in found that do not overlap any match in allowed."""
    return [
        m for m in found if not any(a.start() < m.end() and m.start() < a.end() for a in allowed)
    ]


def rule_no_negativity(msg: Message, ctx: CheckContext) -> Finding:
    found = _without(msg.search(_NEGATIVE), msg.search(_NOT_NEGATIVE))
    if found:
        return _finding(
            "no-negativity",
            FAIL,
            f"Negative remark: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-negativity", PASS, "Nothing negative about them.")


_WAVER = _rx(
    "maybe",
    "perhaps",
    r"(?:at least )?for now",
    "for the time being",
    "for the moment",
    r"(?:might|may|could|would|will) (?:be (?:able|willing) to )?reconsider",
    r"reconsider(?:ing)?",
    r"(?:might|may|could) (?:change|revisit)",
    r"change my mind",
    r"unless (?:you|the|your|there|we|it|something|things)",
    r"if (?:you|the company|your team) (?:could|can|were able to|would|are able to) (?:increase"
    r"|raise|improve|match|offer|adjust|revisit|reconsider|sweeten|bump|add|make|do|go|find"
    r"|up|boost|extend|change)",
    r"(?:is|would) there (?:be )?(?:any )?(?:room|flexibility|possibility|chance)",
    r"open to (?:negotiat\w*|a counter\w*|counter\w*|discuss\w* (?:the )?(?:terms|salary"
    r"|compensation|offer|package))",
    r"still (?:thinking|deciding|considering|weighing|on the fence|undecided)",
    "on the fence",
    r"not (?:entirely |completely |100% |fully |totally )?(?:sure|certain)",
    r"(?:haven't|have not) (?:fully |quite |completely |yet )?decided",
    r"lean(?:ing)? (?:towards|toward|to)",
    "probably",
    r"i think i(?:'ll| will| should| have to| may| might| would)",
    r"might (?:decline|not accept|have to decline|pass|not)",
    "tentatively",
    "second thoughts",
    r"if (?:things|anything|circumstances) (?:change|changes|improve)",
    r"if (?:the|your) (?:offer|terms|package|salary|compensation) (?:changes?|improves?)",
    "hopefully (?:we can|you can)",
)


# Phrases with a hedge word that make the decision firmer, not weaker.
_FIRM = _rx(
    r"(?:won't|will not|wouldn't|would not|can't|cannot|not going to|don't|do not|am not|i'm not)"
    r" (?:be )?reconsider(?:ing)?",
    r"(?:ask|asks|asking|asked|invitation|invite|chance|offer|opportunity|request)"
    r" (?:for me |me )?to reconsider",
)
_MAYBE = re.compile(r"maybe|perhaps", re.IGNORECASE)


def _sentence_at(msg: Message, pos: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in msg.sentences if a <= pos < b), None)


def rule_no_wavering(msg: Message, ctx: CheckContext) -> Finding:
    found = _without(msg.search(_WAVER), msg.search(_FIRM))
    # "Maybe our paths will cross again" hedges the future contact, not the decision: a lone
    # "maybe" in a sentence that leaves the door open is let through.
    where = [_sentence_at(msg, m.start()) for m in found]
    found = [
        m
        for m, sentence in zip(found, where, strict=True)
        if not (
            _MAYBE.fullmatch(m.group(0))
            and sentence is not None
            and where.count(sentence) == 1
            and msg.search(_DOOR, *sentence)
        )
    ]
    if found:
        return _finding(
            "no-wavering",
            FAIL,
            f"Hedging reopens the decision: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-wavering", PASS, "The decision reads as final.")


def rule_no_over_explaining(msg: Message, ctx: CheckContext) -> Finding:
    words = msg.words()
    n = len(words)
    if n <= BRIEF_WORDS:
        return _finding("no-over-explaining", PASS, f"{n} words: brief enough.")
    span = ((words[BRIEF_WORDS].start(), words[-1].end()),)
    if n <= LONG_WORDS:
        return _finding(
            "no-over-explaining",
            WARN,
            f"{n} words: aim for at most {BRIEF_WORDS}; shorter reads as more confident.",
            span,
        )
    return _finding(
        "no-over-explaining",
        FAIL,
        f"{n} words is far too long for a decline (over {LONG_WORDS}); cut to under {BRIEF_WORDS}.",
        span,
    )


def _company_key(name: str) -> str:
    return " ".join(name.translate(_STRAIGHTEN).split()).casefold()


def company_mentions(
    text: str, names: Iterable[str], exclude: Iterable[str] = ()
) -> list[tuple[int, int, str]]:
    """Where any of these company names occurs in text: (start, end, the name as given).

    Whole words only, curly quotes straightened, any white space between the name's words;
    a longer name wins over a shorter one inside it. A name is also found by its distinctive
    part ("Acme" for "Acme Corp", see `_short_name`), unless that is also the short name of
    one of `exclude` (the offer's own company). A name made of everyday words ("Square",
    "Apple") counts only where it reads as a name: capitalised mid-sentence, or with
    context ("I joined Square", "Square offered…", "an offer at square"); "the square by
    the river" is a square. Other names are found in any case ("globex").
    """
    variants = _company_names(tuple(names), tuple(exclude))
    norm = text.translate(_STRAIGHTEN)
    # A workbook of a thousand offers names hundreds of other companies, and one pattern of
    # them all took 15 ms to make: look for those whose clue the text holds, a few at most.
    folded = _fold(norm)
    found = tuple(v for v in variants if v.clue in folded)
    if not found:
        return []
    by_key = {v.key: v for v in found}
    hits = []
    for m in _company_pattern(tuple(v.name for v in found)).finditer(norm):
        variant = by_key.get(_company_key(m.group(0)))
        if variant is not None:
            hits.append((m, variant, _company_evidence(norm, m, variant)))
    named = {v.given for _, v, evidence in hits if evidence == "yes"}
    return [
        (m.start(), m.end(), v.given)
        for m, v, evidence in hits
        if evidence == "yes" or (evidence == "weak" and v.given in named)
    ]


@dataclass(frozen=True)
class _CompanyName:
    name: str  # as it is looked for: "Acme Corp", or its short form "Acme"
    given: str  # as the workbook spells it: "Acme Corp"
    key: str
    clue: str  # the longest run of ASCII letters and digits in its first word, lower-cased


# What a company's name adds to its distinctive part: "The Hooli Group", "Initech, Inc.".
_COMPANY_SUFFIX = re.compile(
    r",?\s+(?:(?:&|and)\s+co\.?|corp\.?|corporation|inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?"
    r"|limited|gmbh|ag|s\.?a\.?|plc|labs?|group|technologies|technology|software|systems"
    r"|solutions|holdings|co\.?|company|pty|b\.?v\.?|n\.?v\.?|s\.?r\.?l\.?|oy|ab)$",
    re.IGNORECASE,
)


def _short_name(name: str) -> str:
    """The distinctive part of a company's name: "The Hooli Group" → "Hooli"."""
    short = re.sub(r"^the\s+(?=\S)", "", name.strip(), flags=re.IGNORECASE)
    while (cut := _COMPANY_SUFFIX.sub("", short)) != short and cut.strip():
        short = cut
    return short.strip()


@lru_cache(maxsize=16)
def _company_names(
    names: tuple[str, ...], exclude: tuple[str, ...] = ()
) -> tuple[_CompanyName, ...]:
    """Each name once (by key), full names first, then the short forms no other name has."""
    given: dict[str, str] = {}
    for name in names:
        if name.strip():
            given.setdefault(_company_key(name), name.strip())
    taken = set(given)
    own = {_company_key(n) for n in exclude if n.strip()}
    own |= {_company_key(_short_name(n)) for n in exclude if n.strip()}
    forms = [(name, name) for name in given.values()]
    for name in given.values():
        short = _short_name(name)
        key = _company_key(short)
        if key not in taken and key not in own and len(key) > 1:
            taken.add(key)
            forms.append((short, name))
    out = []
    for form, name in forms:
        first = form.translate(_STRAIGHTEN).split()[0]
        clue = max(re.findall(r"[A-Za-z0-9]+", first), key=len, default="").lower()
        out.append(_CompanyName(form, name, _company_key(form), clue))
    return tuple(out)


# Context that makes a word a company: "at Square", "joined Square", "Square's offer".
_COMPANY_BEFORE = re.compile(
    r"(?<!\w)(?:at|with|from|for|join|joins|joined|joining|chose|chosen|choose|choosing"
    r"|accept|accepted|accepting|over|than|and|or)[ \t]+$",
    re.IGNORECASE,
)
_COMPANY_BEFORE_LOWER = re.compile(
    r"(?<!\w)(?:(?:offer|role|position|job|opportunity|work|working|start|starting)[ \t]+"
    r"(?:at|with|from)|join|joined|joining)[ \t]+$",
    re.IGNORECASE,
)
_COMPANY_AFTER = re.compile(
    r"'s\b|[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+|just[ \t]+|also[ \t]+)?(?:offered|made|extended"
    r"|matched|hired|came back|sent me|gave me|is offering|is paying)\b",
    re.IGNORECASE,
)
_LINE_OPENER = re.compile(r"[ \t]*(?:(?:\d{1,2}[.)]|[-*•–>])[ \t]+)?[\"'(\[*_]*")
_AFTER_STOP = re.compile(r"[.!?:;][\"')\]]*[ \t]+[\"'(\[*_]*$")
_PREV_WORD = re.compile(r"([^\W\d_][\w'&-]*)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'-]*)")


def _company_evidence(text: str, m: re.Match[str], variant: _CompanyName) -> str:
    """How sure this match names the company: "yes"; "weak" (a capital at the start of a
    sentence: it counts only if the company is named elsewhere too); "no" (an everyday word)."""
    word = m.group(0)
    # Bounded look-arounds: a pasted 100,000-character line must not be rescanned per match.
    lo = max(0, m.start() - 200)
    line_start = text.rfind("\n", lo, m.start()) + 1 or lo
    before = text[max(line_start, m.start() - 80) : m.start()]
    if not word[:1].isupper():
        if not _ordinary(variant.name):
            return "yes"
        return "yes" if _COMPANY_BEFORE_LOWER.search(before) else "no"
    if len(word.split()) > 1 or not _ordinary(variant.name):
        return "yes"
    nxt = _NEXT_WORD.match(text, m.end(), m.end() + 40)
    if nxt and _capitalised(nxt.group(1)):
        return "no"  # part of a longer name: "Square Capital"
    alone = not text[m.end() : m.end() + 80].split("\n", 1)[0].strip(" \t\r.,;:!")
    if (
        _COMPANY_BEFORE.search(before)
        or _COMPANY_AFTER.match(text, m.end(), m.end() + 40)
        or (alone and _LINE_OPENER.fullmatch(before))
    ):
        return "yes"
    if _at_sentence_start(text, line_start, before):
        return "weak"
    prev = _PREV_WORD.search(before)
    if prev and _capitalised(prev.group(1)):
        return "no"  # part of a longer name: "Union Square"
    return "yes"


def _at_sentence_start(text: str, line_start: int, before: str) -> bool:
    """True when only a sentence's end, a list marker or quotes come before, or the line
    opens a paragraph or follows one that ended a sentence ("Best,", "I joined\nSquare")."""
    if not _LINE_OPENER.fullmatch(before):
        return bool(_AFTER_STOP.search(before))
    if line_start == 0:
        return True
    lo = max(0, line_start - 300)
    prev_line = text[text.rfind("\n", lo, line_start - 1) + 1 or lo : line_start - 1].rstrip()
    return not prev_line or prev_line.endswith((".", "!", "?", ":", ",", ";"))


def _ordinary(name: str) -> bool:
    """True when every word of the name is an everyday word ("Square", "Notion", "Box"): it
    then needs a capital and context to count as the company.

    Never loads the dictionary (that takes 0.1-0.3 s, too long for a keystroke): until it
    is in memory every name is taken as ordinary, which asks for more evidence, not less.
    `check` loads it first whenever spelling is on; the app turns spelling on once its
    background load is done.
    """
    spelling = sys.modules.get("decline_tui.core.spelling")
    if spelling is None or not spelling.loaded():
        return True
    return _ordinary_words(name)


@lru_cache(maxsize=256)
def _ordinary_words(name: str) -> bool:
    from decline_tui.core import spelling

    return all(spelling.is_word(w) for w in re.findall(r"[^\W\d_]+", name))


@lru_cache(maxsize=64)
def _company_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = (
        r"\s+".join(map(re.escape, name.translate(_STRAIGHTEN).split()))
        for name in sorted(names, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower-case, with every character that a case-insensitive pattern takes for an ASCII
    letter (K for a Kelvin sign, say) turned into that letter: a clue found in the pattern's
    words is then found here too."""
    odd = {c: _as_ascii(c) for c in set(text) if ord(c) > 127 and _ASCII_LETTER.fullmatch(c)}
    return text.translate(str.maketrans(odd)).lower() if odd else text.lower()


@lru_cache(maxsize=64)
def _as_ascii(char: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return next((a for a in letters if re.fullmatch(a, char, re.IGNORECASE)), char)


def rule_no_other_company(msg: Message, ctx: CheckContext) -> Finding:
    # Your own signature is checked too ("Sam Lee | Designer, Globex"), the quoted chain never.
    found = company_mentions(msg.own, ctx.others, exclude=ctx.known_words)
    if found:
        spans = tuple((a, b) for a, b, _ in found)
        shown: list[str] = []
        for a, b, name in found:
            words = " ".join(msg.raw[a:b].split())
            same = _company_key(words) == _company_key(name)
            label = f"“{words}”" + ("" if same else f" ({name})")
            if label not in shown:
                shown.append(label)
        more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
        return _finding(
            "no-other-company",
            FAIL,
            f"Names another company: {', '.join(shown[:5])}{more}.",
            spans,
        )
    return _finding("no-other-company", PASS, "No other company is named.")


_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,80}\](?!\()"  # [Company Name], but not a Markdown link's text
    r"|\{\{?[^{}\n]{0,80}\}?\}"  # {name} or {{name}}
    r"|<(?![^<>\n]*(?:@|://))[A-Za-z][^<>\n]{0,79}>"  # <Name>, but not <me@x.org> or <https://…>
    r"|(?<![\w])(?:TODO|TBD|TBC|XXX+|FIXME|lorem ipsum)(?![\w])"
    r"|_{3,}",  # a blank to fill in: ____
)


def rule_placeholders(msg: Message, ctx: CheckContext) -> Finding:
    found = list(_PLACEHOLDER.finditer(msg.norm))
    if found:
        return _finding(
            "placeholders",
            FAIL,
            f"Unfilled placeholder{'s' if len(found) > 1 else ''}: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("placeholders", PASS, "No placeholders left.")


_LETTER = re.compile(r"[^\W\d_]")


def rule_spelling(msg: Message, ctx: CheckContext) -> Finding:
    if not ctx.spelling:
        return _finding("spelling", SKIP, "Spelling was not checked.")
    from decline_tui.core import spelling  # the dictionary loads here, never at import

    # Where sentences start, a capital is no sign of a name: "Unfortunatly" is checked there.
    starts = [m.start() for a, b in msg.sentences if (m := _LETTER.search(msg.norm, a, b))]
    bad = spelling.misspelled(msg.norm, ctx.known_words, starts)
    if not bad:
        return _finding("spelling", PASS, "No spelling mistakes found.")
    spans = [(a, b) for a, b, _ in bad]
    suggestions = [f"{msg.raw[a:b]} → {s}" for a, b, s in bad if s][:5]
    hint = RULES["spelling"].fix
    if suggestions:
        hint = f"Did you mean: {'; '.join(suggestions)}? {hint}"
    return _finding(
        "spelling",
        WARN,
        f"Possible misspelling{'s' if len(bad) > 1 else ''}: {_quote(msg, spans, 8)}.",
        spans,
        hint + f" Why: {RULES['spelling'].why}",
    )


def rule_timely(msg: Message, ctx: CheckContext) -> Finding:
    kind = KINDS.get(ctx.kind, KINDS["decline"])
    if kind.timely_from == "counter" and ctx.counter_received is not None:
        return _timely_counter(ctx)
    if ctx.received is None and ctx.deadline is None:
        return _finding("timely", SKIP, "No dates given: set when the offer came and its deadline.")
    if ctx.now is None:
        return _finding("timely", SKIP, "No current time given.")
    today = ctx.now.date()
    if ctx.deadline is not None and today > ctx.deadline:
        late = (today - ctx.deadline).days
        return _finding(
            "timely",
            FAIL,
            f"The deadline ({ctx.deadline.isoformat()}) passed {late} day{'s' * (late != 1)} "
            "ago; answer at once, with a brief apology for the delay.",
        )
    if ctx.received is not None:
        waited = (today - ctx.received).days
        if waited > PROMPT_DAYS:
            return _finding(
                "timely",
                WARN,
                f"The offer came {waited} days ago; aim to answer within {PROMPT_DAYS} days.",
            )
        if ctx.deadline is not None:
            left = (ctx.deadline - today).days
            return _finding(
                "timely",
                PASS,
                f"Answered {waited} day{'s' * (waited != 1)} after the offer, "
                f"{left} day{'s' * (left != 1)} before the deadline.",
            )
        return _finding(
            "timely", PASS, f"Answered {waited} day{'s' * (waited != 1)} after the offer came."
        )
    left = (ctx.deadline - today).days  # type: ignore[operator]
    return _finding("timely", PASS, f"Before the deadline: {left} day{'s' * (left != 1)} left.")


def _timely_counter(ctx: CheckContext) -> Finding:
    """A counter-offer is answered from the day it came, not from the first offer's dates."""
    if ctx.now is None:
        return _finding("timely", SKIP, "No current time given.")
    came = ctx.counter_received
    assert came is not None
    waited = (ctx.now.date() - came).days
    if waited > PROMPT_DAYS:
        return _finding(
            "timely",
            WARN,
            f"The counter-offer came {waited} days ago ({came.isoformat()}); aim to answer "
            f"within {PROMPT_DAYS} days.",
        )
    return _finding(
        "timely",
        PASS,
        f"Answering the counter-offer {waited} day{'s' * (waited != 1)} after it came.",
    )


def rule_send_time(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.now is None:
        return _finding("send-time", SKIP, "No current time given.")
    if ctx.send_at is not None and ctx.send_at > ctx.now:
        when = describe_moment(ctx.send_at, ctx.now)
        if is_good_send_time(ctx.send_at):
            return _finding("send-time", PASS, f"Planned for {when}: a good time to send.")
        nxt = describe_moment(next_send_time(ctx.send_at), ctx.now)
        return _finding(
            "send-time",
            WARN,
            f"Planned for {when}, outside business hours; {nxt} would be better.",
            hint=f"Plan it for {nxt} (p). Why: {RULES['send-time'].why}",
        )
    if is_good_send_time(ctx.now):
        return _finding("send-time", PASS, "Now is within business hours: a good time to send.")
    nxt = next_send_time(ctx.now)
    when = describe_moment(nxt, ctx.now)
    friday = ctx.now.weekday() == 4 and ctx.now.hour >= 12
    why = "Friday afternoon" if friday else "outside business hours"
    return _finding(
        "send-time",
        WARN,
        f"It is {why}; the next good time to send is {when}.",
        hint=f"Schedule it for {when}. Why: {RULES['send-time'].why}",
    )


def rule_linkedin_length(msg: Message, ctx: CheckContext) -> Finding:
    if ctx.medium != "linkedin":
        return _finding("linkedin-length", SKIP, "Only LinkedIn notes have a length limit.")
    n = len(msg.raw.strip())
    if n <= LINKEDIN_FREE:
        return _finding("linkedin-length", PASS, f"{n}/{LINKEDIN_FREE} characters.")
    start = len(msg.raw) - len(msg.raw.lstrip())
    span = ((start + LINKEDIN_FREE, start + n),)
    if n <= LINKEDIN_PREMIUM:
        return _finding(
            "linkedin-length",
            WARN,
            f"{n} characters: over the {LINKEDIN_FREE} a free account allows "
            f"(premium allows {LINKEDIN_PREMIUM}).",
            span,
        )
    return _finding(
        "linkedin-length",
        FAIL,
        f"{n} characters: over LinkedIn's {LINKEDIN_PREMIUM}-character limit.",
        span,
    )


_RAISE = (
    r"(?:increase|raise|improve|match|beat|adjust|revisit|sweeten|bump|boost|top|stretch|add"
    r"|extend|up|go (?:higher|up|further)|do (?:better|more)|come up|offer (?:more|a higher))"
)
_TERMS = (
    r"(?:salary|pay|base|compensation|package|offer|terms|rate|equity|bonus|title|start date"
    r"|number|figure|numbers|figures)"
)
_BARGAIN = _rx(
    rf"(?:could|can|would|will) you (?:please |possibly |perhaps )?(?:be (?:able|willing) to )?"
    rf"(?:{_RAISE}|reconsider|look at)",
    rf"if (?:you|they|the company|your team|the team) (?:can|could|were able to|are able to"
    rf"|would|will) {_RAISE}",
    rf"(?:is|are) (?:the |your )?{_TERMS}s? (?:at all |still )?(?:negotiable|flexible"
    r"|open to negotiation|up for discussion|set in stone|final)",
    r"negotia(?:ble|te|ting|tion)",
    r"would you (?:be (?:willing|open) to )?consider",
    "what if",
    r"any (?:flexibility|room|wiggle room|leeway|movement)",
    r"(?:is|would) there (?:be )?(?:any )?(?:room|flexibility|wiggle room|leeway|scope)",
    r"counter(?:ing|ed)? (?:with|at|by)",
    r"(?:my|our|a|make|making|send|submit|propose|put forward) (?:a |my |our )?counter"
    r"(?:[- ]?(?:offer|proposal))?",
    r"(?:i|we)(?:'d| would| will| could)? (?:like to |want to )?counter",
    r"meet (?:me|us) (?:at|in the middle|halfway|somewhere)",
    r"meet (?:in the middle|halfway)",
    "split the difference",
    r"(?:i|we)(?:'d| would| could| will) (?:happily |gladly )?(?:accept|sign|join|say yes"
    r"|come on board)(?: the offer| it)? (?:if|for|at|with)",
    rf"(?:can|could|shall) we (?:talk|discuss|revisit|negotiate|look at|go over) (?:about )?"
    rf"(?:the )?{_TERMS}",
    "best and final",
    rf"(?:bring|push|get|move) (?:the |your |that )?{_TERMS} (?:up|higher|closer)",
    r"closer to (?:[$€£]|\d)",
)
# Bargaining words that refuse to bargain, or thank them for their offer.
_NOT_BARGAIN = _rx(
    r"(?:not|never) (?:looking|going|trying|hoping|wanting|wishing|asking|in a position|here)"
    r" to (?:negotiate|bargain|counter)",
    r"(?:don't|do not|won't|will not|wouldn't|would not|can't|cannot) (?:want to |wish to "
    r"|need to |be able to )?(?:negotiate|bargain|counter)",
    r"no (?:need|room|reason|point|wish) (?:to|for) (?:negotiat\w*|bargain\w*|counter\w*)",
    r"(?:not|isn't|is not) (?:something |a matter |up )?(?:for )?negotia(?:ble|tion)",
    r"(?:thank(?:s| you) (?:so much |again )?for|appreciate|grateful for) (?:making |sending "
    r"|putting together |coming back with |offering )?(?:a|the|your) (?:generous |kind "
    r"|improved |revised |new )?counter(?:[- ]?(?:offer|proposal))?",
)


def rule_no_bargaining(msg: Message, ctx: CheckContext) -> Finding:
    if not ctx.firm:
        return _finding(
            "no-bargaining", SKIP, "Checked only when your decision is final (a firm decline)."
        )
    found = _without(msg.search(_BARGAIN), msg.search(_NOT_BARGAIN))
    if found:
        return _finding(
            "no-bargaining",
            FAIL,
            f"Your decision is final, but this bargains: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-bargaining", PASS, "No bargaining: the decision stands.")


CHECKS: dict[str, Callable[[Message, CheckContext], Finding]] = {
    "greeting": rule_greeting,
    "gratitude": rule_gratitude,
    "clear-decline": rule_clear_decline,
    "brief-reason": rule_brief_reason,
    "positive-note": rule_positive_note,
    "door-open": rule_door_open,
    "offer-help": rule_offer_help,
    "closing": rule_closing,
    "subject": rule_subject,
    "no-negativity": rule_no_negativity,
    "no-wavering": rule_no_wavering,
    "no-over-explaining": rule_no_over_explaining,
    "no-other-company": rule_no_other_company,
    "placeholders": rule_placeholders,
    "spelling": rule_spelling,
    "timely": rule_timely,
    "send-time": rule_send_time,
    "linkedin-length": rule_linkedin_length,
    "no-bargaining": rule_no_bargaining,
}


def check(text: str, ctx: CheckContext | None = None) -> list[Finding]:
    """Every rule's finding for this text, in the checklist's order."""
    ctx = ctx or CheckContext()
    if ctx.spelling:  # the dictionary also tells "Square" the word from Square the company
        from decline_tui.core import spelling

        spelling.load()
    msg = Message(text, ctx.medium)
    kind = KINDS.get(ctx.kind, KINDS["decline"])
    return [
        fn(msg, ctx) if rule in kind.rules else _not_for(rule, kind.label)
        for rule, fn in CHECKS.items()
    ]


def word_count(text: str, medium: str = "email") -> int:
    """The message's own words, as no-over-explaining counts them: no subject line, quoted
    chain or signature, so the draft header and the checklist never disagree."""
    return len(Message(text, medium).words())


def _not_for(rule: str, label: str) -> Finding:
    return _finding(rule, SKIP, f"Not checked for {label}.")


def ok(findings: Iterable[Finding]) -> bool:
    """True when nothing fails (warnings are advice, not errors)."""
    return all(f.status != FAIL for f in findings)


def format_report(findings: list[Finding], text: str) -> str:
    """A plain-text report: one block per rule, with the offending words for problems."""
    out = []
    width = max(len(f.rule) for f in findings) if findings else 0
    for f in findings:
        out.append(f"{SYMBOLS[f.status]} {f.status:<4}  {f.rule:<{width}}  {f.message}")
        if f.status in (WARN, FAIL):
            words = [" ".join(text[a:b].split()) for a, b in f.spans]
            words = [w[:60] + ("…" if len(w) > 60 else "") for w in words if w]
            if words and not f.message.endswith(tuple(f"“{w}”." for w in words)):
                shown = ", ".join(f"“{w}”" for w in dict.fromkeys(words))
                out.append(f"{'':{width + 9}}at: {shown}")
            if f.hint:
                out.append(f"{'':{width + 9}}{f.hint}")
    counts = {s: sum(f.status == s for f in findings) for s in STATUSES}
    out.append("")
    out.append(
        f"{counts[FAIL]} failed, {counts[WARN]} warned, {counts[PASS]} passed, "
        f"{counts[SKIP]} skipped"
    )
    return "\n".join(out)
