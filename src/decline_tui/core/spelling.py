"""Proofreading for the spelling rule. Importing this module loads the dictionary
(about 0.1-0.3 s), so only the rule imports it, when it first runs."""

from __future__ import annotations

import re
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


def misspelled(text: str, known_words: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, suggestion) for each word that looks misspelled.

    Capitalised words (names, companies, the start of sentences), all-caps acronyms,
    words with digits, non-Latin scripts, addresses and links are left alone.
    """
    spell = _checker()
    known = {w.casefold() for name in known_words for w in _TOKEN.findall(name)}
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in re.finditer(r"[^\W\d_]+(?:['-][^\W\d_]+)*", masked):
        word = m.group(0)
        if len(word) < 2 or word[0].isupper() or any(ord(c) > 0x24F for c in word):
            continue
        low = word.lower()
        if low in known or _known(low, spell):
            continue
        suggestion = spell.correction(low) if len(low) < 20 else None
        out.append((m.start(), m.end(), suggestion if suggestion and suggestion != low else ""))
    return out
