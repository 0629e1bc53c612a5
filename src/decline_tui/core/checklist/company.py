"""Where a company's name occurs in a text, in full or by its distinctive part, and only
where it reads as the company: the no-other-company rule and the scenario helper use it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .message import _STRAIGHTEN, _capitalised


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


def _variant(form: str, name: str) -> _CompanyName:
    first = form.translate(_STRAIGHTEN).split()[0]
    clue = max(re.findall(r"[A-Za-z0-9]+", first), key=len, default="").lower()
    return _CompanyName(form, name, _company_key(form), clue)


@lru_cache(maxsize=16)
def _company_forms(
    names: tuple[str, ...],
) -> tuple[frozenset[str], tuple[_CompanyName, ...], tuple[tuple[str, _CompanyName], ...]]:
    """Each name once (by key): the keys, the full names, and each one's short form with its
    key. Kept apart from what to leave out: the names stay put while the person types, and
    a thousand of them take 13 ms to go through."""
    given: dict[str, str] = {}
    for name in names:
        if name.strip():
            given.setdefault(_company_key(name), name.strip())
    full = tuple(_variant(name, name) for name in given.values())
    shorts = []
    for name in given.values():
        short = _short_name(name)
        shorts.append((_company_key(short), _variant(short, name)))
    return frozenset(given), full, tuple(shorts)


@lru_cache(maxsize=16)
def _company_names(
    names: tuple[str, ...], exclude: tuple[str, ...] = ()
) -> tuple[_CompanyName, ...]:
    """Each name once (by key), full names first, then the short forms no other name has."""
    keys, full, shorts = _company_forms(names)
    taken = set(keys)
    own = {_company_key(n) for n in exclude if n.strip()}
    own |= {_company_key(_short_name(n)) for n in exclude if n.strip()}
    out = list(full)
    for key, variant in shorts:
        if key not in taken and key not in own and len(key) > 1:
            taken.add(key)
            out.append(variant)
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
    odd: dict[str, str | int | None] = {
        c: _as_ascii(c) for c in set(text) if ord(c) > 127 and _ASCII_LETTER.fullmatch(c)
    }
    return text.translate(str.maketrans(odd)).lower() if odd else text.lower()


@lru_cache(maxsize=64)
def _as_ascii(char: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return next((a for a in letters if re.fullmatch(a, char, re.IGNORECASE)), char)
