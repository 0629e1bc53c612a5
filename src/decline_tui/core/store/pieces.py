"""Saving offer by offer: a save re-renders only the [[offers]] tables that changed.

tomlkit keeps every comment but is slow: a 1,000-offer workbook (1 MB) takes it 1.8 s to
parse and 0.6 s to write back, on every save, with the interpreter held the whole time.
So the file's text is cut into the part before the offers, one piece per [[offers]] table
and the part after; a save edits with tomlkit only the pieces whose offer changed, exactly
as a whole-document save (writing.py) would, and keeps every other byte: 15 ms. Every piece
it touches is read back to check it says what it should, and whatever looks unusual goes
the whole-document way (Store._render).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import Offer, Workbook
from decline_tui.core.store.positions import HEADER, key_parts
from decline_tui.core.store.reading import Reader, copy_model, loads, read_text
from decline_tui.core.store.schema import OFFER_TERMS
from decline_tui.core.store.writing import write_offer, write_templates, write_top


@dataclasses.dataclass
class Saved:
    """A save's result before it is written: the text, and what the store knows once it is."""

    text: str
    base: Workbook | None  # what the text says, when it says exactly that
    cut: Cut | None = None


def read_back(text: str) -> Workbook | None:
    """What a file written from a whole document says, read back: the model may hold more
    than the file (empty counter-offer terms need no table), and the next save compares
    with the file. None: the next save goes the whole-document way."""
    try:
        read = read_text(text, Path())
    except Exception:  # unreadable: the next save goes the whole-document way
        return None
    return read.wb if read.exact else None


@dataclasses.dataclass
class Cut:
    """A file's text cut around its offers: head + "".join(pieces) + tail is the text."""

    head: str
    pieces: list[str]
    tail: str


# Whatever may hide a line that looks like a header: strings, multi-line or not, and comments.
_SKIPS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{1,2})?'
    r"|'''(?:[^']|'(?!''))*'''(?:'{1,2})?"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.DOTALL,
)
_MULTI_LINE_QUOTES = re.compile(r'"""|\'\'\'')
_HEADER_LINE = re.compile(r"^[ \t]*\[.*$", re.MULTILINE)
# The one spelling a whole-document save keeps for every table of the array: [[offers]],
# [offers.drafts], [[offers.log]] and so on.
_PLAIN_OFFERS = re.compile(r"offers(?:\.[A-Za-z0-9_-]+)*")


def _multi_line_strings(text: str) -> list[tuple[int, int]]:
    """Where the multi-line strings are: a line inside one may look like a header."""
    spans = []
    pos = 0
    while (m := _MULTI_LINE_QUOTES.search(text, pos)) is not None:
        # Quotes inside a string or a comment open nothing: read the line up to them.
        start = max(pos, text.rfind("\n", 0, m.start()) + 1)
        for token in _SKIPS.finditer(text, start):
            if token.end() <= m.start():
                continue
            if token.start() == m.start() and "\n" in token.group(0):
                spans.append(token.span())
            pos = max(token.end(), m.end())
            break
        else:  # an unclosed string: not valid TOML, which was read already
            return spans
    return spans


def _header_kind(line: str) -> str | None:
    """What a line that starts with "[" is: offer, sub (of an offer), other, odd or None."""
    header = HEADER.match(line)
    if header is None:
        return None  # an array value on its own line, say
    names = key_parts(header.group(2))
    if names[0] != "offers":
        return "other"
    if not _PLAIN_OFFERS.fullmatch(header.group(2)):
        return "odd"  # spelled some other way: a whole-document save respells it
    if len(names) > 1:
        return "sub"
    return "offer" if header.group(1) == "[[" else "odd"


def cut_text(text: str, offers: int) -> Cut | None:
    """Cut the text around its [[offers]] tables; None when the layout is not the usual one.

    The usual one: every [[offers]] table (with its [offers.x] sub-tables) in one run that
    holds `offers` tables, nothing about offers elsewhere, and a final line break.
    """
    if offers == 0 or not text.endswith("\n"):
        return None
    hidden = _multi_line_strings(text)
    kinds: dict[str, str | None] = {}
    starts: list[int] = []  # where each [[offers]] table starts
    end = None  # where the run of offers ends
    h = 0
    for m in _HEADER_LINE.finditer(text):
        pos = m.start()
        while h < len(hidden) and hidden[h][1] <= pos:
            h += 1
        if h < len(hidden) and hidden[h][0] < pos:
            continue  # inside a multi-line string
        line = m.group(0)
        if line not in kinds:
            kinds[line] = _header_kind(line)
        kind = kinds[line]
        if kind == "other" and starts and end is None:
            end = pos
        elif kind == "odd" or (kind in ("offer", "sub") and end is not None):
            return None  # [offers] itself, or offers after other tables
        elif kind == "offer":
            starts.append(pos)
        elif kind == "sub" and not starts:
            return None  # a sub-table before the first offer
    if len(starts) != offers:
        return None
    bounds = [*starts, len(text) if end is None else end]
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
    return Cut(text[: starts[0]], pieces, text[bounds[-1] :])


def _reads_as(piece: str, offer: Offer) -> bool:
    """Whether a piece of the file is exactly one [[offers]] table saying `offer`.

    Empty terms need no table, so they read back as none.
    """
    try:
        raw = loads(piece)
        tables = raw.get("offers")
        if list(raw) != ["offers"] or not isinstance(tables, list) or len(tables) != 1:
            return False
        back = Reader(Path(), piece).offer(0, tables[0])
    except Exception:  # whatever it is, it is not that offer
        return False
    if back == offer:
        return True
    empty: dict[str, Any] = {}
    for key in OFFER_TERMS:
        terms = getattr(offer, key)
        if terms is not None and terms.is_empty() and getattr(back, key) is None:
            empty[key] = None
    return bool(empty) and back == dataclasses.replace(offer, **empty)


def _one_offer(piece: str) -> tuple[TOMLDocument, Table] | None:
    doc = tomlkit.parse(piece)
    aot = doc.get("offers")
    if len(doc) != 1 or not isinstance(aot, AoT) or len(aot) != 1:
        return None
    return doc, aot[0]


def _edit_piece(piece: str, old: Offer, offer: Offer) -> str | None:
    """The piece rewritten as a whole-document save would rewrite its table."""
    if not _reads_as(piece, old):
        return None
    found = _one_offer(piece)
    if found is None:
        return None
    doc, table = found
    write_offer(table, offer, new=False)
    text = doc.as_string()
    return text if _reads_as(text, offer) else None


def _new_piece(host: str, offer: Offer) -> str | None:
    """A new offer's table as a whole-document save appends it to the array of offers."""
    found = _one_offer(host)
    if found is None:
        return None
    doc, _ = found
    table = tomlkit.table()
    write_offer(table, offer, new=True)
    table.add(tomlkit.nl())  # as _write_offers does for a table new to an array of the file
    doc["offers"].append(table)
    text = doc.as_string()
    if not text.startswith(host):
        return None
    piece = text[len(host) :]
    return piece if _reads_as(piece, offer) else None


_STAND_IN = '[[offers]]\nid = "decline-tui: the offers go here"\n'


def _ends_blank(piece: str) -> bool | None:
    """Whether tomlkit sees the piece's table end with white space (None: cannot tell).

    A table added right after the array of offers gets a blank line before it or not
    depending on that.
    """
    try:
        from tomlkit.container import ends_with_whitespace

        found = _one_offer(piece)
        return None if found is None else bool(ends_with_whitespace(found[1]))
    except Exception:  # another tomlkit: let the whole-document save decide
        return None


def _top(wb: Workbook) -> tuple[Any, ...]:
    """Everything of a workbook that lives outside its offers."""
    return (
        wb.profile,
        wb.theme,
        wb.checkin_months,
        wb.templates,
        wb.checklist_disabled,
        wb.snoozed,
    )


def _edit_top(cut: Cut, wb: Workbook, last: str, new_last: str) -> tuple[str, str] | None:
    """Head and tail rewritten for a changed profile, settings or templates.

    They are edited as one document with a stand-in for the offers (top-level changes never
    touch them), the way a whole-document save would edit them. `last` and `new_last` are
    the last offer's table before and after the save: a table added at the end of the file
    is spaced after them.
    """
    blank = _ends_blank(last) if not cut.tail else False
    stand_in = _STAND_IN + ("\n" if blank else "")
    if _STAND_IN in cut.head or _STAND_IN in cut.tail:
        return None
    doc = tomlkit.parse(cut.head + stand_in + cut.tail)
    keys = list(doc)
    write_top(doc, wb)
    write_templates(doc, wb)
    if list(doc) != keys and not cut.tail and (blank is None or _ends_blank(new_last) != blank):
        return None  # a table added after the offers, spaced as their end says
    text = doc.as_string()
    if text.count(stand_in) != 1:
        return None
    head, tail = text.split(stand_in)
    try:
        back = Reader(Path(), text).workbook(loads(text))
    except Exception:  # not what we meant to write: let the slow path do it
        return None
    return (head, tail) if _top(back) == _top(wb) else None


def save_pieces(text: str, cut: Cut | None, base: Workbook, wb: Workbook) -> Saved | None:
    """What the file becomes, computed from the pieces that changed; None: use the slow path."""
    if not wb.offers:
        return None  # how an emptied array looks is the whole document's business
    cut = cut or cut_text(text, len(base.offers))
    if cut is None:
        return None
    where = {offer.id: k for k, offer in enumerate(base.offers)}
    pieces: list[str] = []
    offers: list[Offer] = []  # the private copy of what the file will say
    kept: list[int] = []
    for offer in wb.offers:
        k = where.pop(offer.id, None)
        if k is None:
            piece = _new_piece(cut.pieces[0], offer)
            offer = copy_model(offer)
        else:
            kept.append(k)
            old = base.offers[k]
            if offer == old:
                piece, offer = cut.pieces[k], old
            else:
                piece, offer = _edit_piece(cut.pieces[k], old, offer), copy_model(offer)
        if piece is None:
            return None
        pieces.append(piece)
        offers.append(offer)
    for k in where.values():  # deleted: drop their pieces, once sure of what they hold
        if not _reads_as(cut.pieces[k], base.offers[k]):
            return None
    last = len(cut.pieces) - 1
    moved = len(pieces) != len(cut.pieces) or kept != list(range(len(cut.pieces)))
    if moved and not _reads_as(cut.pieces[last], base.offers[last]):
        return None  # tables come or go: the last piece must end where its table ends
    head, tail = cut.head, cut.tail
    new_cut: Cut | None = None
    if _top(wb) == _top(base):
        new_cut = Cut(head, pieces, tail)
    else:
        edited = _edit_top(cut, wb, cut.pieces[-1], pieces[-1])
        if edited is None:
            return None
        # Blank lines between the offers and what follows may now start the tail, where
        # a fresh read of the file would give them to the last offer: cut it afresh.
        head, tail = edited
    new_base = Workbook(offers=offers)
    (
        new_base.profile,
        new_base.theme,
        new_base.checkin_months,
        new_base.templates,
        new_base.checklist_disabled,
        new_base.snoozed,
    ) = copy_model(_top(wb))
    return Saved(head + "".join(pieces) + tail, new_base, new_cut)
