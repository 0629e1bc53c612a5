"""(offer, profile, template) -> Draft: the message, knowing which words came from where."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from decline_tui.core.model import Offer, Profile, Template, Workbook
from decline_tui.core.templates import PLACEHOLDERS, get_template, pick_template

PLACEHOLDER_RE = re.compile(r"\[([^\[\]\n]{1,80})\]")
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"}
# Parts that appear only when the offer says so.
CONDITIONAL = {"future": "future_open", "help": "offer_referrals"}


@dataclass(frozen=True)
class Span:
    """A stretch of the draft's text: [start, end) character offsets and what it is."""

    start: int
    end: int
    kind: str  # a part name ("greeting", ...), or "field"/"placeholder" for fills
    name: str = ""  # for fills: the field, or the placeholder's words when unfilled


@dataclass
class Draft:
    """A rendered message. `text` is exactly what the checklist sees and the person sends."""

    medium: str
    template: str
    subject: str
    body: str
    parts: list[Span] = field(default_factory=list)
    fills: list[Span] = field(default_factory=list)
    followup: Draft | None = None

    @property
    def text(self) -> str:
        if self.subject and self.medium == "email":
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body

    @property
    def placeholders(self) -> list[Span]:
        """The placeholders still waiting for a value."""
        return [s for s in self.fills if s.kind == "placeholder"]


def normalise_key(name: str) -> str:
    return " ".join(name.replace("’", "'").replace("‘", "'").lower().split())


def _first_name(full: str) -> str:
    words = full.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        words = words[1:]
    return words[0] if words else ""


def _sentence(text: str) -> str:
    """The brief reason stands as its own sentence: capitalised, and ending in a stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…\"'”’)":
        text += "."
    return text


def _phrase(text: str) -> str:
    """A phrase set inside one of our sentences: no trailing stop of its own."""
    return " ".join(text.split()).rstrip(" .!;,")


def field_values(offer: Offer, profile: Profile) -> dict[str, str]:
    """The value each placeholder field takes; empty strings stay as placeholders."""
    return {
        "company": offer.company.strip(),
        "role": offer.role.strip(),
        "contact_name": offer.contact_name.strip(),
        "contact_first_name": _first_name(offer.contact_name),
        "contact_email": offer.contact_email.strip(),
        "admired": _phrase(offer.admired),
        "project": _phrase(offer.project),
        "reason": _sentence(offer.reason),
        "your_name": profile.name.strip(),
        "your_first_name": _first_name(profile.name),
        "your_email": profile.email.strip(),
        "deadline": f"{offer.deadline.day} {offer.deadline:%B %Y}" if offer.deadline else "",
        "referrer": offer.referrer.strip(),
        "referrer_first_name": _first_name(offer.referrer),
        "referrer_email": offer.referrer_email.strip(),
    }


class _Builder:
    """Accumulates text while recording spans, so offsets are right by construction."""

    def __init__(self, values: dict[str, str]):
        self.values = values
        self.text = ""
        self.parts: list[Span] = []
        self.fills: list[Span] = []

    def add(self, raw: str, kind: str | None = None) -> None:
        start = len(self.text)
        pos = 0
        for m in PLACEHOLDER_RE.finditer(raw):
            self.text += raw[pos : m.start()]
            key = PLACEHOLDERS.get(normalise_key(m.group(1)))
            value = self.values.get(key, "") if key else ""
            at = len(self.text)
            if value:
                self.text += value
                self.fills.append(Span(at, len(self.text), "field", key or ""))
            else:
                self.text += m.group(0)
                self.fills.append(Span(at, len(self.text), "placeholder", m.group(1)))
            pos = m.end()
        self.text += raw[pos:]
        if kind:
            self.parts.append(Span(start, len(self.text), kind))


def _included(part: str, offer: Offer) -> bool:
    flag = CONDITIONAL.get(part)
    return flag is None or bool(getattr(offer, flag))


def _render_once(
    template: Template,
    paragraphs: list[list[tuple[str, str]]],
    offer: Offer,
    profile: Profile,
) -> Draft:
    values = field_values(offer, profile)
    subject = _Builder(values)
    subject.add(template.subject)
    b = _Builder(values)
    prefix = ""
    if template.medium == "email" and subject.text:
        prefix = f"Subject: {subject.text}\n\n"
        b.text = prefix
        b.fills = [Span(s.start + 9, s.end + 9, s.kind, s.name) for s in subject.fills]
        b.parts.append(Span(9, 9 + len(subject.text), "subject"))
    point = 0
    first = True
    for para in paragraphs:
        kept = [(part, text) for part, text in para if _included(part, offer) and text.strip()]
        if not kept:
            continue
        if not first:
            b.add("\n\n")
        first = False
        if template.medium == "phone":
            point += 1
            b.add(f"{point}. ")
        for i, (part, text) in enumerate(kept):
            if i:
                b.add(" ")
            b.add(text.strip(), part)
    # Offsets are into Draft.text, which is the "Subject:" prefix (if any) plus the body.
    body = b.text[len(prefix) :]
    return Draft(template.medium, template.name, subject.text, body, b.parts, b.fills)


def render(
    template: Template,
    offer: Offer,
    profile: Profile,
    wb: Workbook | None = None,
) -> Draft:
    """Fill a template from an offer; shorter wordings are tried when it must fit a limit."""
    draft = _render_once(template, template.paragraphs, offer, profile)
    if template.max_chars:
        for alt in template.fallbacks:
            if len(draft.text) <= template.max_chars:
                break
            draft = _render_once(template, alt, offer, profile)
    if template.followup:
        follow = get_template(template.followup, wb)
        draft.followup = render(follow, offer, profile, wb)
    return draft


def render_offer(
    wb: Workbook, offer: Offer, medium: str | None = None, template: str | None = None
) -> Draft:
    """The draft for an offer: its own template unless a medium or template is asked for."""
    if template:
        tpl = get_template(template, wb)
    else:
        tpl = pick_template(wb, offer.template, medium or _offer_medium(wb, offer))
    return render(tpl, offer, wb.profile, wb)


def _offer_medium(wb: Workbook, offer: Offer) -> str:
    tpl = pick_template(wb, offer.template)
    return tpl.medium
