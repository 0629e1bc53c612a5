"""(offer, profile, template) -> Draft: the message, knowing which words came from where."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from decline_tui.core.checklist import states_decline
from decline_tui.core.kinds import REFERRER, contact_of, kind_of
from decline_tui.core.model import REGISTERS, Offer, Profile, Template, Workbook
from decline_tui.core.names import (
    PERSON,
    addressee_kind,
    first_name,
    greeting_name,
    mention,
    salutation,
)
from decline_tui.core.templates import ALT_SUBJECTS, PLACEHOLDERS, get_template, pick_template
from decline_tui.core.timing import answer_is_late

PLACEHOLDER_RE = re.compile(r"\[([^\[\]\n]{1,80})\]")


def _news(offer: Offer) -> bool:
    return bool(offer.news.strip())


def _open_to_counter(offer: Offer) -> bool:
    """They set what would make them reconsider: a counter on the call is heard, not refused."""
    return offer.reconsider is not None and not offer.reconsider.is_empty() and not offer.firm


def _talked_about(offer: Offer) -> bool:
    """The person a thank-you note goes to has a note of what you talked about."""
    contact = contact_of(offer)
    return contact is not None and bool(contact.note.strip(" .!?;,"))


def _deadline_ahead(offer: Offer, today: date | None) -> bool:
    return offer.deadline is not None and (today is None or today <= offer.deadline)


# Parts that appear only in some cases: (offer, today) -> whether the part is written. A
# "late" part is written when the answer comes after the offer's deadline or its prompt
# window (the timely rule's test), so a decline apologises for the delay exactly then.
CONDITIONAL: dict[str, Callable[[Offer, date | None], bool]] = {
    "future": lambda offer, today: offer.future_open,
    "help": lambda offer, today: offer.offer_referrals,
    "late": lambda offer, today: is_late(offer, today),
    "news": lambda offer, today: _news(offer),
    "no-news": lambda offer, today: not _news(offer),
    # a thank-you note names what you talked about, from the contact's note
    "detail": lambda offer, today: _talked_about(offer),
    "no-detail": lambda offer, today: not _talked_about(offer),
    "if-counter": lambda offer, today: not _open_to_counter(offer),
    "if-counter-open": lambda offer, today: _open_to_counter(offer),
    # a date to answer by: the deadline while it is ahead, else a few days from today
    "by-deadline": lambda offer, today: _deadline_ahead(offer, today),
    "by-soon": lambda offer, today: not _deadline_ahead(offer, today),
}
# Parts written only when the render is given a value of its own (render's `extra`): a
# check-in to a person recalls your last conversation with them (core.people.recall), and
# that recollection takes the place of the offer's "positive" line, never both.
VALUE_PARTS: dict[str, Callable[[dict[str, str]], bool]] = {
    "recall": lambda values: bool(values.get("recalled_topic")),
    "caught-up": lambda values: (
        bool(values.get("recalled_when")) and not values.get("recalled_topic")
    ),
}
ANSWER_WITHIN_DAYS = 3  # a holding reply past its deadline promises an answer this soon
# A phone script's branches: said only if the call goes that way, so they follow the
# numbered points unnumbered ("If they ask why: …").
BRANCHES = frozenset({"if-why", "if-counter", "if-counter-open", "voicemail"})


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


# ---------------------------------------------------------------- grammar
# A field's words are set inside one of our sentences; these small rules make them read
# as English there. Rule-based on purpose: a few word lists, no language model.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NO_ARTICLE = _words(
    "the a an your you yours my our their its his her this that these those each every some "
    "any another one no all both many much more most several such own "
    "i we they it he she them us me something everything nothing anything someone everyone "
    "how what why when where who whom whose which whether"
)
# -ing words that name a thing rather than an action ("your onboarding flow").
_ING_NOUNS = _words(
    "thing things king ring spring string wing evening morning ceiling timing funding "
    "housing pricing wording setting settings"
)
# -ing words that are either; a noun when a head noun follows ("mentoring programme").
_NOMINAL_ING = _words(
    "engineering marketing onboarding mentoring hiring training testing tooling learning "
    "planning recruiting consulting publishing manufacturing writing reporting design"
)
_HEAD_NOUNS = _words(
    "culture team teams programme program programmes programs process processes flow "
    "platform practice practices approach model system systems tools setup pipeline "
    "strategy work sessions session philosophy standards plan plans budget"
)


def _first_word(text: str) -> str:
    word = text.split(" ", 1)[0]
    return word.rstrip(",;:").lower().replace("’", "'")


def _is_sentence_case(word: str) -> bool:
    """Capitalised like the first word of a sentence ("Commitment"), not a name ("GitHub")."""
    return len(word) > 1 and word[0].isupper() and not any(c.isupper() for c in word[1:])


def _unsentence(text: str, company: str = "") -> str:
    """Lower a first letter capitalised only because it was typed first ("Commitment to X").

    A lone capitalised word, one followed by another capitalised word ("Project Atlas"),
    a possessive ("Acme's") or a word of the company's name is taken for a name and kept.
    """
    words = text.split(" ", 2)
    first = words[0]
    if not _is_sentence_case(first) or first.lower() in {"i", "i'm", "i've", "i'd", "i'll"}:
        return text
    if first.lower().replace("’", "'") in _NO_ARTICLE:
        return first[0].lower() + text[1:]  # "The", "Your", "How": never a name here
    if len(words) < 2 or not words[1][:1].islower():
        return text
    if first.endswith(("'s", "’s", "s'", "s’")) or first in company.split():
        return text
    if not _common_word(first):
        return text  # "Figma plugins": a brand keeps its capital; a name needs no "your"
    return first[0].lower() + text[1:]


# Endings of ordinary English nouns and adjectives; a capitalised first word with one of
# them ("Commitment", "Openness", "Thoughtful") was capitalised only for being first.
_COMMON_ENDINGS = (
    "ment",
    "ness",
    "tion",
    "sion",
    "ity",
    "ance",
    "ence",
    "ship",
    "ism",
    "ure",
    "ing",
    "ful",
    "ous",
    "ive",
    "ency",
    "ancy",
    "ism",
    "al",
)
_COMMON_LEADS = _words(
    "team teams focus care approach work people emphasis design product mission vision "
    "energy support attention passion investment people's culture values way ways "
    "interview interviews process conversations conversation questions time openness "
    "honesty kindness clarity ambition ambitious plans plan roadmap growth quality "
    "transparency enthusiasm warmth welcome flexibility balance benefits office offices "
    "engineering research data code codebase product's team's company's leadership "
    "commitment dedication curiosity generosity patience rigour rigor speed scale impact "
    "better closer more less greater bigger smaller larger higher lower fewer nearer shorter "
    "longer stronger clearer personal family accepted staying committed not"
)


def _common_word(word: str) -> bool:
    """An ordinary word that only sentence case capitalised, rather than a brand or name."""
    low = word.lower().replace("’", "'")
    return low in _COMMON_LEADS or (len(low) > 4 and low.endswith(_COMMON_ENDINGS))


def _phrase(text: str, company: str = "") -> str:
    """A phrase set inside one of our sentences: no trailing stop of its own."""
    return _unsentence(" ".join(text.split()).rstrip(" .!;,"), company)


def _needs_owner(phrase: str) -> bool:
    """Whether a noun phrase needs "your" in front to read as English.

    "commitment to accessible design" does; "the care…", "how you…", "building tools",
    "Acme's culture", "Project Atlas" and "3 rounds" do not.
    """
    if not phrase[:1].isalpha() or phrase[0].isupper():
        return False
    words = phrase.split(" ", 2)
    word = _first_word(phrase)
    if word in _NO_ARTICLE or word.endswith(("'s", "s'")):
        return False
    if len(word) > 4 and word.endswith("ing") and word not in _ING_NOUNS:
        after = _first_word(words[1]) if len(words) > 1 else ""
        return word in _NOMINAL_ING and (not after or after in _HEAD_NOUNS)
    return True


def _owner_glue(phrase: str, owner: str) -> str:
    """The words set before a field's noun phrase: "your ", "the " (for "team's care"), ""."""
    if not phrase or not phrase[:1].isalpha() or phrase[0].isupper():
        return ""
    if _first_word(phrase).endswith(("'s", "s'")):
        return "the "  # "team's care" -> "the team's care"
    if _gerund(phrase):
        # "impressed by building tools" reads as if the writer built them: it is their work
        return f"{owner}work "
    return owner if _needs_owner(phrase) else ""


def _gerund(phrase: str) -> bool:
    """An action named by its -ing word ("building tools", "mentoring junior designers"),
    not a noun made from one ("mentoring programme", "onboarding")."""
    word = _first_word(phrase)
    if not (len(word) > 4 and word.endswith("ing")) or word in _ING_NOUNS:
        return False
    return not _needs_owner(phrase)


def possessive(name: str) -> str:
    """ "Acme's", "Williams & Sons'": the apostrophe alone after a final s."""
    name = name.strip()
    if not name:
        return ""
    return f"{name}'" if name[-1] in "sS" else f"{name}'s"


_SUBJECTS = _words(
    "i i'm i've i'd i'll we we're we've we'd we'll it it's there there's that's he she they "
    "after having although though while ultimately following unfortunately sadly honestly "
    "frankly with this"
)
_CAUSE = _words("because since as due for given")
_COMPARATIVES = _words(
    "better closer nearer stronger bigger greater higher larger clearer easier shorter more less"
)
_FIT = _words("fit match")
_ADJECTIVE_ENDS = ("ed", "ble", "ful", "al", "ive", "ent", "ant", "ous", "ic", "er")
_AFTER_COMPARATIVE = _words("to for with in at from than aligned suited")
_PARTICIPLES = _words("chosen taken been gotten begun")
_STATES = _words(
    "excited committed interested invested settled based focused tied attached happy ready keen set"
)
_VERBS = _words(
    "accepted decided chose took signed want need plan prefer hope wish intend feel felt "
    "found got joined received made started agreed"
)
_FINITE = _words(
    "is are was were am has have had will would can could should must does do did may "
    "isn't aren't wasn't doesn't don't won't can't means fits suits lets offers gives allows "
    "matters needs wants makes takes feels works moved offered changed started"
)
_RELATIVE = _words("that which who where")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?=\s+[A-Z\"“‘'(])")
_LONE_I = re.compile(r"(?<![\w'’])i(?=$|[\s,;:'’])")


def _has_verb(text: str) -> bool:
    """Whether a phrase reads as a clause: a verb before any "that/which/who" clause."""
    for word in text.split()[1:]:
        word = word.lower().strip(",;:.!?").replace("’", "'")
        if word in _RELATIVE:
            return False
        if word in _FINITE:
            return True
    return False


def _reason_frame(text: str) -> str:
    """The words that turn a brief reason's fragment into a sentence; "" when it is one.

    "better fit for my goals" -> "I have chosen a role that is a ", "closer to family" ->
    "I have chosen a role that is ", "because …" -> "I made this decision ",
    "to focus on …" -> "I have decided ", "staying in …" -> "I am ",
    "accepted another offer" -> "I ", "personal reasons" -> "My decision comes down to ".
    """
    if not text[:1].isalpha():
        return ""
    words = text.split(" ", 2)
    word = _first_word(text)
    after = _first_word(words[1]) if len(words) > 1 else ""
    if word in _SUBJECTS:
        return ""
    if word in _CAUSE:
        return "I made this decision "
    if word == "to":
        return "I have decided "
    if word == "not":
        return "It is "
    if word in _COMPARATIVES:
        if after in _FIT:
            return "I have chosen a role that is a "
        if not after or after in _AFTER_COMPARATIVE or after.endswith(_ADJECTIVE_ENDS):
            return "I have chosen a role that is "
        if word in ("more", "less"):
            return "I have chosen a role with "
        return "I have chosen a role with a "
    if word in _PARTICIPLES:
        return "I have "
    if word in _STATES:
        return "I am "
    if word in _VERBS or (len(word) > 4 and word.endswith("ed") and word not in _STATES):
        return "I "
    if len(word) > 4 and word.endswith("ing") and word not in _ING_NOUNS:
        return "I am "
    if _has_verb(text):
        return ""
    return "My decision comes down to "


# A reason is set before our full stop: a separator it ends on would read "goals;." and an
# exclamation or a trailing-off ("stay!!", "put...") is not the tone of a decline.
_TRAILING_JOIN = re.compile(r"[\s;,:—–-]+$")
_LOUD_END = re.compile(r"(?:!+|\.{2,}|…+)$")


def _sentence(text: str, company: str = "") -> str:
    """The brief reason stands as its own sentence: capitalised, ending in one stop.

    A fragment ("better fit for my goals") is made a sentence; a sentence, or several,
    is kept as written.
    """
    text = " ".join(text.split())
    text = _LOUD_END.sub(".", _TRAILING_JOIN.sub("", text))
    if not text:
        return ""
    text = _LONE_I.sub("I", text)
    end = _SENTENCE_END.search(text)
    first, rest = (text[: end.end()], text[end.end() :]) if end else (text, "")
    frame = _reason_frame(first)
    if frame:
        first = frame + _unsentence(first, company)
    text = first[0].upper() + first[1:] + rest
    if text[-1] not in ".!?…\"'”’)":
        text += "."
    return text


def field_values(offer: Offer, profile: Profile) -> dict[str, str]:
    """The value each placeholder field takes; empty strings stay as placeholders."""
    company = offer.company.strip()
    return {
        "company": company,
        "role": offer.role.strip(),
        "short_role": " ".join(offer.short_role.split()),
        "contact_name": offer.contact_name.strip(),
        "contact_salutation": salutation(offer.contact_name),
        "contact_first_name": greeting_name(offer.contact_name, offer.preferred_name),
        "contact_email": offer.contact_email.strip(),
        # Not a placeholder: how a greeting addresses the contact (see _Builder._greeting).
        "register": offer.register if offer.register in REGISTERS else "",
        "admired": _phrase(offer.admired, company),
        "project": _phrase(offer.project, company),
        "news": _phrase(offer.news, company),
        "reason": _sentence(offer.reason, company),
        "your_name": profile.name.strip(),
        "your_first_name": first_name(profile.name),
        "your_email": profile.email.strip(),
        "deadline": f"{offer.deadline.day} {offer.deadline:%B %Y}" if offer.deadline else "",
        "referrer": offer.referrer.strip(),
        "referrer_first_name": greeting_name(offer.referrer),
        "referrer_email": offer.referrer_email.strip(),
        "talked_about": talked_about(offer),
        # Who the decline went to; a thank-you note to someone else is given the offer's
        # own contact (core.thanks), as an offer addressed to them no longer knows it.
        "decline_recipient": mention(offer.contact_name, offer.preferred_name) or company,
    }


# How a contact's note of what you talked about may begin: "We talked about …", "Discussed …".
_TALKED_LEAD = re.compile(
    r"^(?:(?:we|i|she|he|they)\s+)?(?:talked|spoke|chatted|discussed|covered|went\s+over)"
    r"(?:\s+(?:about|through|over|on))?\s+|^(?:about|re:?|on)\s+",
    re.IGNORECASE,
)
# The contact's note is written about them ("her team's roadmap"); the note is to them.
_THIRD_PERSON = re.compile(r"(?<![\w'’])(his|her|him)(?![\w'’])(\s+[\w'’-]+)?", re.IGNORECASE)
_NOT_A_NOUN = _words("and or but to for with about on in at of from by as than so that")


def _to_them(m: re.Match[str]) -> str:
    word, after = m.group(1), m.group(2) or ""
    owner = word.lower() == "his" or (
        word.lower() == "her" and after and after.strip().lower() not in _NOT_A_NOUN
    )
    said = "your" if owner else "you"
    if word[0].isupper():
        said = said.capitalize()
    return said + after


def talked_about(offer: Offer) -> str:
    """What you talked about with whom the offer is addressed to (their contact's note),
    as a phrase set after "our conversation about": no lead-in of its own ("We talked
    about"), no stop, and "her"/"his" said to them ("your")."""
    contact = contact_of(offer)
    if contact is None:
        return ""
    text = " ".join(contact.note.split()).rstrip(" .!?;,")
    text = _TALKED_LEAD.sub("", text, count=1)
    text = _THIRD_PERSON.sub(_to_them, text)
    return _phrase(text, offer.company.strip())


# A job title as a subject line or a sentence said aloud can hold it: a long one is cut at its
# first qualifier ("Senior Software Engineer, Platform (Remote) – L5"), else between words.
SHORT_ROLE = 40
_ROLE_QUALIFIER = re.compile(r"\s*(?:[,;(\[]|\s[-–—|/]\s|:\s)")
_ROLE_TAIL = re.compile(r"(?:\s+(?:and|for|of|in|at|on|the|to|with|&|-|–|—))+$", re.IGNORECASE)
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"})


def short_role(role: str) -> str:
    """The job title, cut to what a subject line or a spoken sentence can hold.

    A title of up to SHORT_ROLE characters stays whole ("VP, Engineering" is one job); a
    longer one keeps what comes before its first qualifier when that is two words or more,
    else as many whole words as fit, never ending on "for" or "and".
    """
    role = " ".join(role.split())
    if len(role) <= SHORT_ROLE:
        return role
    m = _ROLE_QUALIFIER.search(role)
    if m and len(role[: m.start()].split()) >= 2 and m.start() <= SHORT_ROLE:
        return role[: m.start()]
    cut = role[: SHORT_ROLE + 1].rsplit(" ", 1)[0] if " " in role[:SHORT_ROLE] else ""
    cut = _ROLE_TAIL.sub("", cut.rstrip(",;:([-–—|/ "))
    return cut or role[:SHORT_ROLE].rstrip()


def _title_case(title: str) -> str:
    """A title typed all in lower case, capitalised for a subject line ("Senior Engineer")."""
    if not title.islower():
        return title
    words = title.split(" ")
    return " ".join(
        w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


# Fields written as prose: set into a sentence, they take its grammar.
_NOUN_FIELDS = frozenset({"admired", "project", "news"})
_PROSE_FIELDS = _NOUN_FIELDS | {"reason"}
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])([Aa])n? $")
_AN_WORDS = re.compile(r"[aeiou]|hour|honest|heir", re.I)
_A_WORDS = ("one", "once", "eu", "ewe", "uni", "use", "usu", "usa", "uti", "ura", "uro", "ubi")
_AN_LETTERS = "AEFHILMNORSX"  # an acronym said letter by letter: "an SRE", "an HR lead"


def article(word: str) -> str:
    """ "a" or "an" before a word, by how it is said: "an Engineering Manager", "a UX Lead"."""
    first = word.split(" ", 1)[0].strip("\"'“‘(")
    if not first:
        return "a"
    letters = first.rstrip(".,;:")
    if len(letters) > 1 and letters.isupper():
        return "an" if letters[0] in _AN_LETTERS else "a"
    if letters.lower().startswith(_A_WORDS):  # said with a "y" or "w": "a UX", "a unit"
        return "a"
    return "an" if _AN_WORDS.match(letters) else "a"


def _sentence_start(text: str) -> bool:
    """Whether the next word starts a sentence: nothing before it in the part, or a stop."""
    before = text.rstrip(" ")
    return not before or before[-1] in ".!?\n"


# A greeting word opening a part or a line of it, just before the contact's name.
_GREETING_LEAD = re.compile(r"(?:^|(?<=\n))(Dear|Hi|Hello|Hey) \Z")
# After the name, a greeting that runs on into a sentence, as a call's does: ", it's Sam".
_SPOKEN_ON = re.compile(r",[ \t]+[a-z]")


_YOUR = re.compile(r"(?<![\w'’])[Yy]our(?![\w'’])")


class _Builder:
    """Accumulates text while recording spans, so offsets are right by construction."""

    def __init__(self, values: dict[str, str], owner: str = "your "):
        self.values = values
        self.owner = owner  # set before a bare noun phrase: "your commitment to …"
        self.text = ""
        self.parts: list[Span] = []
        self.fills: list[Span] = []

    def add(self, raw: str, kind: str | None = None) -> None:
        start = len(self.text)
        pos = 0
        for m in PLACEHOLDER_RE.finditer(raw):
            self.text += raw[pos : m.start()]
            key = PLACEHOLDERS.get(normalise_key(m.group(1)))
            if key in ("contact_name", "contact_first_name"):
                key = self._greeting(key, start, raw[m.end() :])
            value = self.values.get(key, "") if key else ""
            pos = m.end()
            if not value:
                at = len(self.text)
                self.text += m.group(0)
                self.fills.append(Span(at, len(self.text), "placeholder", m.group(1)))
                continue
            self._fit_article(value)
            self._fill(key or "", value)
            if value[-1] in ".!?…" and raw[pos : pos + 1] == ".":
                pos += 1  # "at Acme Inc." and not "Acme Inc.."
        self.text += raw[pos:]
        if kind:
            self.parts.append(Span(start, len(self.text), kind))

    def _titled(self) -> bool:
        return self.values.get("contact_salutation") != self.values.get("contact_name")

    def _greeting(self, key: str, start: int, after: str) -> str:
        """Which of the contact's names a greeting opening this part's line uses, in the
        offer's register; the greeting word changes with a formal one ("Hi" → "Dear").

        Formal: "Dear Dr. Bello," ("Hello Dr. Bello, it's Sam…" said on a call). Informal:
        the first name they go by, "Dear Aisha,", "Hi Bob,". Unset: as the template says,
        "Dear" taking a title with the surname. A group or a role is greeted alike in every
        register: "Dear Hiring Team,", "Hi all,". Outside a greeting: the field as it is.
        """
        lead = _GREETING_LEAD.search(self.text[start:])
        if lead is None:
            return key
        word = lead.group(1)
        register = self.values.get("register", "")
        if addressee_kind(self.values.get("contact_name", "")) != PERSON:
            return "contact_salutation" if word == "Dear" else "contact_first_name"
        if register == "formal":
            spoken = _SPOKEN_ON.match(after) is not None  # "Hi Maria, it's Sam": a call
            said = "Hello" if spoken else "Dear"
            if word != said:
                self.text = self.text[: start + lead.start(1)] + said + " "
            return "contact_salutation"
        if register == "informal":
            return "contact_first_name"
        if key == "contact_name" and word == "Dear" and self._titled():
            # "Dear Dr. Bello", not "Dear Dr. Aisha Bello"
            return "contact_salutation"
        return key

    def _fit_article(self, value: str) -> None:
        """The template's "a" before a value becomes "an" when the value needs it."""
        m = _ARTICLE_BEFORE.search(self.text[-4:])
        if m:
            word = article(value)
            if m.group(1) == "A":
                word = word.capitalize()
            self.text = self.text[: len(self.text) - len(m.group(0))] + word + " "

    def _fill(self, key: str, value: str) -> None:
        if key in _NOUN_FIELDS and self.owner != "your ":
            # to a referrer, "your team" would be theirs: the company's team
            value = _YOUR.sub(self.owner.rstrip(), value)
        glue = _owner_glue(value, self.owner) if key in _NOUN_FIELDS else ""
        if key in _PROSE_FIELDS and _sentence_start(self.text):
            if glue:
                glue = glue[0].upper() + glue[1:]
            else:
                value = value[0].upper() + value[1:]
        self.text += glue
        at = len(self.text)
        self.text += value
        self.fills.append(Span(at, len(self.text), "field", key))


# Kinds whose decline sentence is the first "no": a reason that says no itself replaces it.
# A reply keeps its own ("my decision to decline stands" answers what they asked).
_FIRST_NO = frozenset({"decline", "call-followup", "linkedin-note", "referrer-note"})


def _owner(template: Template, offer: Offer) -> str:
    """Whose the admired things are: "your" to the company; to a referrer, the company's."""
    if kind_of(template.name).recipient != REFERRER:
        return "your "
    return f"{possessive(offer.company)} " if offer.company.strip() else "the team's "


def _included(part: str, offer: Offer, today: date | None) -> bool:
    when = CONDITIONAL.get(part)
    return when is None or bool(when(offer, today))


def is_late(offer: Offer, today: date | None) -> bool:
    """Whether an answer today comes late: past the deadline, or longer after the offer than
    the timely rule allows. A decline then says sorry for the delay, once."""
    if today is None or offer.status != "deciding":
        return False  # once answered, the draft is a record of what was sent
    return answer_is_late(offer.received, offer.deadline, today)


def _subject_for(template: Template, values: dict[str, str]) -> str:
    """The template's subject, or its next wording when a field the first needs is empty
    (a check-in note says "Congratulations on …" only when it knows on what)."""
    choices = [template.subject, *ALT_SUBJECTS.get(template.subject, ())]
    if len(choices) < 2:
        return template.subject
    for subject in choices:
        keys = (
            PLACEHOLDERS.get(normalise_key(m.group(1))) for m in PLACEHOLDER_RE.finditer(subject)
        )
        if all(key and values.get(key) for key in keys):
            return subject
    return choices[-1]


def _render_once(
    template: Template,
    paragraphs: list[list[tuple[str, str]]],
    offer: Offer,
    profile: Profile,
    today: date | None = None,
    extra: dict[str, str] | None = None,
) -> Draft:
    values = field_values(offer, profile)
    if extra:
        values.update(extra)
    if today is not None:
        soon = today + timedelta(days=ANSWER_WITHIN_DAYS)
        values["answer_by"] = f"{soon.day} {soon:%B %Y}"
    role = values["short_role"] or short_role(values["role"])
    subject = _Builder({**values, "role": _title_case(role)})
    subject.add(_subject_for(template, values))
    if template.medium != "email":  # said aloud, or in a note of a few hundred characters
        values = {**values, "role": role}
    b = _Builder(values, _owner(template, offer))
    prefix = ""
    if template.medium == "email" and subject.text:
        prefix = f"Subject: {subject.text}\n\n"
        b.text = prefix
        b.fills = [Span(s.start + 9, s.end + 9, s.kind, s.name) for s in subject.fills]
        b.parts.append(Span(9, 9 + len(subject.text), "subject"))
    # A reason that says no itself ("I've decided to stay in my current role") takes the
    # place of the template's decline sentence, which would say it a second time.
    said_no = (
        kind_of(template.name).name in _FIRST_NO
        and any(part == "reason" for para in paragraphs for part, _ in para)
        and states_decline(values["reason"])
    )
    recalled = any(
        part in VALUE_PARTS and VALUE_PARTS[part](values) and text.strip()
        for para in paragraphs
        for part, text in para
    )
    point = 0
    first = True
    for para in paragraphs:
        kept = [
            (part, text)
            for part, text in para
            if _included(part, offer, today)
            and (part not in VALUE_PARTS or VALUE_PARTS[part](values))
            and text.strip()
            and not (said_no and part == "decline")
            and not (recalled and part == "positive")
        ]
        if not kept:
            continue
        if not first:
            b.add("\n\n")
        first = False
        if template.medium == "phone" and not all(part in BRANCHES for part, _ in kept):
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
    today: date | None = None,
    *,
    extra: dict[str, str] | None = None,
) -> Draft:
    """Fill a template from an offer; shorter wordings are tried when it must fit a limit.

    `today` is the day it would be sent: an answer that is late by then says sorry once
    (the template's "late" part). Without it nothing is late. `extra` gives fields values
    of its own (a thank-you note's `decline_recipient`, see core.thanks).
    """
    draft = _render_once(template, template.paragraphs, offer, profile, today, extra)
    if template.max_chars:
        for alt in template.fallbacks:
            if len(draft.text) <= template.max_chars:
                break
            draft = _render_once(template, alt, offer, profile, today, extra)
    if template.followup:
        follow = get_template(template.followup, wb)
        draft.followup = render(follow, offer, profile, wb, today)
    return draft


def render_offer(
    wb: Workbook,
    offer: Offer,
    medium: str | None = None,
    template: str | None = None,
    today: date | None = None,
) -> Draft:
    """The draft for an offer: its own template unless a medium or template is asked for."""
    if template:
        tpl = get_template(template, wb)
    else:
        tpl = pick_template(wb, offer.template, medium or _offer_medium(wb, offer))
    return render(tpl, offer, wb.profile, wb, today)


def addressed_to(offer: Offer, name: str, email: str = "") -> Offer:
    """The offer as a message to someone else it brought you to (an interviewer thanked, a
    person checked in with later): their name and address in place of the offer's contact.

    A shallow copy: the drafts, log and contacts are the offer's own, never to be changed.
    The register and the name they go by belong to the offer's contact, so they reset
    unless the person is that contact.
    """
    same = " ".join(name.split()).casefold() == " ".join(offer.contact_name.split()).casefold()
    return replace(
        offer,
        contact_name=name,
        contact_email=email or (offer.contact_email if same else ""),
        preferred_name=offer.preferred_name if same else "",
        register=offer.register if same else "",
    )


def _offer_medium(wb: Workbook, offer: Offer) -> str:
    tpl = pick_template(wb, offer.template)
    return tpl.medium


def _field_spans(draft: Draft, field: str) -> list[Span]:
    """Where a field went in a draft: its value, or its placeholder while it is empty."""
    return [
        s
        for s in draft.fills
        if (s.kind == "field" and s.name == field)
        or (s.kind == "placeholder" and PLACEHOLDERS.get(normalise_key(s.name)) == field)
    ]


def _sentence_around(draft: Draft, span: Span) -> tuple[str, int, int]:
    """The sentence of a draft's part holding a span, and the span's place in it.

    A stop inside a filled value ("Acme Inc.") does not end the sentence.
    """
    part = next((p for p in draft.parts if p.start <= span.start and span.end <= p.end), None)
    lo, hi = (part.start, part.end) if part else (span.start, span.end)
    text = draft.text
    inside = [(s.start, s.end) for s in draft.fills]

    def boundary(i: int) -> bool:  # a stop at i ends a sentence
        return text[i] in ".!?" and not any(a <= i < b for a, b in inside)

    start = span.start
    while start > lo and not (start - 2 >= lo and text[start - 1] == " " and boundary(start - 2)):
        start -= 1
    end = span.end
    while end < hi and not boundary(end):
        end += 1
    sentence = text[start : min(end + 1, hi)].replace("\n", " ")
    return sentence, span.start - start, span.end - start


def fields_in_sentences(
    template: Template, offer: Offer, profile: Profile, fields: tuple[str, ...]
) -> dict[str, tuple[str, int, int] | None]:
    """The sentence each field is set in, as this template writes it, with the [start, end)
    of the field's words in it (its placeholder while empty); None when the template does
    not use the field.

    The Details form shows these under the fields as the person types, so it must stay
    cheap: one render of the template for all the fields, no checklist.
    """
    draft = render(template, offer, profile)
    drafts = [d for d in (draft, draft.followup) if d is not None]
    found: dict[str, tuple[str, int, int] | None] = {}
    for name in fields:
        found[name] = None
        for d in drafts:
            spans = _field_spans(d, name)
            if spans:
                found[name] = _sentence_around(d, spans[0])
                break
    return found
