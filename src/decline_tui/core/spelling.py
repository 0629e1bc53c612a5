"""Proofreading for the spelling rule. Importing this module loads the dictionary
(about 0.1-0.3 s), so only the rule imports it, when it first runs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from spellchecker import SpellChecker

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Things that are not words to check: addresses, links, handles, placeholders. The lengths
# are bounded (an address has at most 254 characters): unbounded, a long run without a
# space or a closing bracket is rescanned from each of its characters, and 100,000 "<"
# take half a minute.
_SKIP = re.compile(
    r"\S{1,254}@\S{1,254}|(?:https?://|www\.)\S+"
    r"|\b\S{1,254}\.(?:com|org|net|io|dev|co|uk|de|fr)\b\S*|[@#]\w+"
    r"|\[[^\]\n]{0,254}\]|\{[^}\n]{0,254}\}|<[^>\n]{0,254}>",
    re.IGNORECASE,
)
_SUFFIXES = ("'s", "'ve", "'re", "'ll", "'d", "'m", "n't")
# British spellings the dictionary lacks: try the American form before calling a word wrong.
_BRITISH = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("isational", "izational"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("ourites", "orites"),
    ("ourable", "orable"),
    ("ourful", "orful"),
    ("ourhood", "orhood"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("ence", "ense"),
    ("amme", "am"),
    ("ammes", "ams"),
)


@lru_cache(maxsize=1)
def _checker() -> SpellChecker:
    spell = SpellChecker(distance=1)
    extra = resources.files("decline_tui.core").joinpath("words.txt").read_text("utf-8")
    spell.word_frequency.load_words(
        w.strip().lower() for w in extra.splitlines() if w.strip() and not w.startswith("#")
    )
    return spell


def load() -> None:
    """Load the dictionary now (e.g. in a background worker) so the first check is quick."""
    _checker()


def loaded() -> bool:
    """Whether the dictionary is in memory: asking is free, loading is not."""
    return _checker.cache_info().currsize > 0


def _known(word: str, spell: SpellChecker) -> bool:
    if word in spell:
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and _known(word[: -len(suffix)], spell):
            return True
    for gb, us in _BRITISH:
        if word.endswith(gb) and word[: -len(gb)] + us in spell:
            return True
    if "-" in word:
        return all(_known(p, spell) for p in word.split("-") if p)
    return False


def is_word(word: str) -> bool:
    """True for an everyday word the dictionary knows ("square"), in any case."""
    return _known(word.lower(), _checker())


def misspelled(
    text: str, known_words: tuple[str, ...] = (), starts: Iterable[int] = ()
) -> list[tuple[int, int, str]]:
    """(start, end, suggestion) for each word that looks misspelled.

    Capitalised words (names, companies), all-caps acronyms, words with digits, non-Latin
    scripts, addresses and links are left alone. A capitalised word where a sentence starts
    (an offset in `starts`) is checked, so "Unfortunatly" and "Thankyou" are caught, but it
    passes when it looks like a name: it is known, capitalised mid-sentence elsewhere in the
    text ("Priya … thank you, Priya"), or close to no word ("Łukasz", "Aoife").
    """
    spell = _checker()
    known = {w.casefold() for name in known_words for w in _TOKEN.findall(name)}
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), text)
    opening = set(starts)
    out = []
    names: set[str] = set()  # capitalised mid-sentence: a name, wherever else it stands
    openers = []  # capitalised where a sentence starts: checked once the names are known
    for m in _WORDS.finditer(masked):
        word = m.group(0)
        if len(word) < 2 or any(ord(c) > 0x24F for c in word):
            continue
        if word[0].isupper():
            if m.start() in opening and word[1:] == word[1:].lower():
                openers.append(m)
            else:
                names.add(word.casefold())
            continue
        low = word.lower()
        if low in known or _known(low, spell):
            continue
        out.append((m.start(), m.end(), _suggest(low, spell)))
    for m in openers:
        low = m.group(0).lower()
        if low in known or low in names or _known(low, spell):
            continue
        suggestion = _suggest(low, spell)
        if suggestion:  # a word close to no other is a name: "Łukasz", "Aoife"
            out.append((m.start(), m.end(), suggestion[0].upper() + suggestion[1:]))
    return sorted(out) if openers else out


_WORDS = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _suggest(low: str, spell: SpellChecker) -> str:
    """The likeliest correction, or two words run together ("thankyou" → "thank you")."""
    if len(low) >= 20:  # a pasted token, not a word: no guess (and no cost per letter)
        return ""
    suggestion = spell.correction(low)
    if suggestion and suggestion != low:
        return suggestion
    for i in range(1, len(low) - 1):
        head, tail = low[:i], low[i:]
        if (len(head) > 1 or head in ("a", "i")) and head in spell and tail in spell:
            return f"{head} {tail}"
    return ""
