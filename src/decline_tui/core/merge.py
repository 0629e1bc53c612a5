"""Three-way merge of workbooks, so a save never throws away what another program changed.

When the file changed on disk since the app read it (a second copy of the app, or the
person's text editor), the app holds three workbooks: `base`, the version both started from;
`mine`, what the app is about to save; and `theirs`, what is on disk now. `merge()` keeps every
change that only one side made and reports a `Collision` only where both sides changed the
same thing differently, so the person is asked about that one field instead of choosing
between two whole files.

Rules, from the outside in:

- Offers are matched by `id`; every field of an offer is merged on its own, dicts (`drafts`)
  per key, nested terms (`reconsider`, `counter`) per field. Templates are matched by name.
- An offer added on one side is added; deleted on one side and unchanged on the other, it is
  deleted; deleted on one side and edited on the other, it is a collision on the whole offer.
- Lists of records (contacts, log) merge when both sides only appended to them; otherwise the
  whole list collides. Other lists (check-in months, template paragraphs) are one value.
- The order of the offers is mine, unless only theirs was reordered; an offer added on one
  side goes next to the neighbours it has on that side.

Everything is found with `dataclasses.fields`, so a field added to the model later is merged
(and diffed) without a change here.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from decline_tui.core.display import visible
from decline_tui.core.model import Offer, Template, Workbook

__all__ = [
    "ABSENT",
    "Change",
    "Collision",
    "MergeResult",
    "describe",
    "diff",
    "merge",
    "resolve",
]

MINE = "mine"
THEIRS = "theirs"
TEXT_WIDTH = 60  # a rendering longer than this is cut with "…": one line of a dialog
SEP = " › "


class _Absent:
    """The value of something that is not there: a deleted offer, template or draft."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __copy__(self) -> _Absent:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Absent:
        return self

    def __reduce__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


# What `Collision.mine`/`.theirs` and `Change.before`/`.after` hold for an offer, template or
# draft that one side does not have (deleted there, or not yet added).
ABSENT: Any = _Absent()


@dataclass
class Change:
    """One thing one side changed: enough to tell the person in a line what it was.

    `kind` is "changed" (a field; `before`/`after` hold the values), "added" or "removed" (a
    whole offer or template; the other value is ABSENT) or "moved" (the offers' order).
    """

    path: tuple[str, ...]
    label: str
    kind: str
    before: Any = ABSENT
    after: Any = ABSENT
    before_text: str = ""
    after_text: str = ""


@dataclass
class Collision:
    """Both sides changed the same thing differently: the person picks one.

    `path` is the key `resolve()` takes, e.g. ("offers", "acme", "deadline"); a collision
    on a whole offer (deleted on one side, edited on the other) has path ("offers", "acme")
    and ABSENT on the deleting side. The texts are plain, one line, at most ~60 characters.
    """

    path: tuple[str, ...]
    label: str
    base: Any
    mine: Any
    theirs: Any
    mine_text: str
    theirs_text: str


@dataclass
class MergeResult:
    """The merged workbook, what collided, and what each side had changed since `base`.

    `merged` holds mine wherever a collision is unresolved; `resolve()` applies choices.
    `base`, `mine` and `theirs` are private copies kept so that `resolve()` can merge again.
    """

    merged: Workbook
    collisions: list[Collision]
    theirs_changes: list[Change]
    mine_changes: list[Change]
    base: Workbook = field(repr=False, compare=False)
    mine: Workbook = field(repr=False, compare=False)
    theirs: Workbook = field(repr=False, compare=False)


# --------------------------------------------------------------------------- public API


def merge(base: Workbook, mine: Workbook, theirs: Workbook) -> MergeResult:
    """Merge two workbooks that both started from `base`; collisions keep mine until resolved."""
    base, mine, theirs = copy.deepcopy((base, mine, theirs))
    merger = _Merger({})
    merged = merger.value((), (), base, mine, theirs)
    return MergeResult(
        merged=merged,
        collisions=merger.collisions,
        theirs_changes=diff(base, theirs),
        mine_changes=diff(base, mine),
        base=base,
        mine=mine,
        theirs=theirs,
    )


def resolve(result: MergeResult, choices: dict[tuple[str, ...], str]) -> Workbook:
    """The final workbook: each collision's path → "mine" or "theirs" (missing: "mine").

    It merges again with the choices applied rather than patching `merged`, so an offer
    brought back by "theirs" lands next to its neighbours, as an added offer would.
    """
    known = {c.path for c in result.collisions}
    for path, choice in choices.items():
        if choice not in (MINE, THEIRS):
            raise ValueError(f'choose "mine" or "theirs" for {path!r}, not {choice!r}')
        if tuple(path) not in known:
            raise ValueError(f"no collision at {path!r}")
    merger = _Merger({tuple(p): c for p, c in choices.items()})
    merged: Workbook = merger.value((), (), result.base, result.mine, result.theirs)
    return merged


def diff(a: Workbook, b: Workbook) -> list[Change]:
    """What changed from `a` to `b`, field by field, in the order the workbook shows them."""
    out: list[Change] = []
    _diff((), (), a, b, out)
    return out


def describe(changes: list[Change]) -> list[str]:
    """One plain line per change, e.g. "Acme Corp › notes: 'abc' → 'abcdef'"."""
    lines = []
    for change in changes:
        noun = _NOUNS.get(change.path[0], "") if change.path else ""
        noun = f"{noun} " if noun else ""
        if change.kind == "added":
            lines.append(f"Added {noun}{change.after_text}")
        elif change.kind == "removed":
            lines.append(f"Removed {noun}{change.before_text}")
        elif change.kind == "moved":
            lines.append(f"{change.label}: order changed")
        elif _extends(change.before, change.after):  # a log entry or a contact added
            added = _text(change.after[len(change.before) :])
            lines.append(f"{change.label}: added {added}")
        else:
            before = _quoted(change.before, change.before_text)
            after = _quoted(change.after, change.after_text)
            lines.append(f"{change.label}: {before} → {after}")
    return lines


# --------------------------------------------------------------------------- merging


class _Merger:
    """One pass over the three workbooks; collects collisions, applies the given choices."""

    def __init__(self, choices: dict[tuple[str, ...], str]):
        self.choices = choices
        self.collisions: list[Collision] = []

    def value(
        self, path: tuple[str, ...], label: tuple[str, ...], base: Any, mine: Any, theirs: Any
    ) -> Any:
        """The merged value at `path`: a fresh copy, never one of the inputs' objects."""
        if _same(mine, theirs):
            return copy.deepcopy(mine)
        if _same(base, mine):
            return copy.deepcopy(theirs)
        if _same(base, theirs):
            return copy.deepcopy(mine)
        # Both changed it, differently: look inside if it has parts, else it collides.
        if _is_record(mine) and type(mine) is type(theirs):
            inner = base if type(base) is type(mine) else _blank(type(mine))
            return self.record(path, label, inner, mine, theirs)
        if isinstance(mine, dict) and isinstance(theirs, dict):
            inner = base if isinstance(base, dict) else {}
            return self.mapping(path, label, inner, mine, theirs)
        if isinstance(mine, list) and isinstance(theirs, list):
            inner = base if isinstance(base, list) else []
            if _keyed(inner) and _keyed(mine) and _keyed(theirs):
                return self.keyed(path, label, inner, mine, theirs)
            appended = _appended(inner, mine, theirs)
            if appended is not None:
                return appended
        return self.collide(path, label, base, mine, theirs)

    def record(
        self, path: tuple[str, ...], label: tuple[str, ...], base: Any, mine: Any, theirs: Any
    ) -> Any:
        """A dataclass, field by field (a field missing from `base` has base ABSENT)."""
        out = copy.copy(mine)
        for f in dataclasses.fields(mine):
            sub_label = _field_label(mine, label, f.name)
            b = ABSENT if base is ABSENT else getattr(base, f.name)
            merged = self.value(
                (*path, f.name), sub_label, b, getattr(mine, f.name), getattr(theirs, f.name)
            )
            object.__setattr__(out, f.name, merged)
        return out

    def mapping(
        self,
        path: tuple[str, ...],
        label: tuple[str, ...],
        base: dict[Any, Any],
        mine: dict[Any, Any],
        theirs: dict[Any, Any],
    ) -> dict[Any, Any]:
        """A dict per key, in mine's order, theirs' new keys after."""
        out = {}
        keys = list(dict.fromkeys([*mine, *theirs, *base]))
        for key in keys:
            b, m, t = (side.get(key, ABSENT) for side in (base, mine, theirs))
            one = next(v for v in (m, t, b) if v is not ABSENT)
            merged = self.value((*path, key), _entry_label(label, key, one), b, m, t)
            if merged is not ABSENT:
                out[key] = merged
        return out

    def keyed(
        self,
        path: tuple[str, ...],
        label: tuple[str, ...],
        base: list[Any],
        mine: list[Any],
        theirs: list[Any],
    ) -> list[Any]:
        """Records matched by id (offers): each merged, then put in order."""
        by_id = [{r.id: r for r in side} for side in (base, mine, theirs)]
        ids = list(dict.fromkeys(r.id for side in (mine, theirs, base) for r in side))
        merged: dict[Any, Any] = {}
        for rid in ids:
            b, m, t = (side.get(rid, ABSENT) for side in by_id)
            one = next(v for v in (m, t, b) if v is not ABSENT)
            merged[rid] = self.value((*path, rid), (*label, _record_name(one)), b, m, t)
        kept = {rid for rid, v in merged.items() if v is not ABSENT}
        return [merged[rid] for rid in _order(base, mine, theirs, kept)]

    def collide(
        self, path: tuple[str, ...], label: tuple[str, ...], base: Any, mine: Any, theirs: Any
    ) -> Any:
        """Record the collision; the value is the one chosen for it, mine until then."""
        mine_text, theirs_text = _pair_texts(base, mine, theirs)
        self.collisions.append(
            Collision(
                path=path,
                label=SEP.join(label) or "Workbook",
                base=copy.deepcopy(base),
                mine=copy.deepcopy(mine),
                theirs=copy.deepcopy(theirs),
                mine_text=mine_text,
                theirs_text=theirs_text,
            )
        )
        chosen = theirs if self.choices.get(path, MINE) == THEIRS else mine
        return copy.deepcopy(chosen)


def _order(base: list[Any], mine: list[Any], theirs: list[Any], kept: set[Any]) -> list[Any]:
    """The ids to keep, in mine's order (theirs' if only they reordered), others by neighbours."""
    primary, secondary = mine, theirs
    if not _reordered(base, mine) and _reordered(base, theirs):
        primary, secondary = theirs, mine
    order = [r.id for r in primary if r.id in kept]
    placed = set(order)
    seq = [r.id for r in secondary]
    for i, rid in enumerate(seq):
        if rid in placed or rid not in kept:
            continue
        before = next((p for p in reversed(seq[:i]) if p in placed), None)
        after = next((n for n in seq[i + 1 :] if n in placed), None)
        if before is not None:
            order.insert(order.index(before) + 1, rid)
        elif after is not None:
            order.insert(order.index(after), rid)
        else:
            order.append(rid)
        placed.add(rid)
    # An offer only `base` had, brought back by a choice, would be lost: keep it at the end.
    order += [r.id for r in base if r.id in kept and r.id not in placed]
    return order


def _reordered(base: list[Any], side: list[Any]) -> bool:
    """Whether the records both lists hold are in a different order (moves, not adds)."""
    common = {r.id for r in base} & {r.id for r in side}
    return [r.id for r in base if r.id in common] != [r.id for r in side if r.id in common]


def _appended(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any] | None:
    """Base + mine's new records + theirs' new ones, when both only appended; else None."""
    n = len(base)
    if mine[:n] != base or theirs[:n] != base:
        return None
    mine_new, theirs_new = mine[n:], theirs[n:]
    if not all(_is_record(r) for r in (*base, *mine_new, *theirs_new)):
        return None
    unmatched = list(mine_new)
    out = copy.deepcopy(base + mine_new)
    for record in theirs_new:
        if record in unmatched:  # both added the same entry: keep it once
            unmatched.remove(record)
        else:
            out.append(copy.deepcopy(record))
    return out


# --------------------------------------------------------------------------- diffing


def _diff(path: tuple[str, ...], label: tuple[str, ...], a: Any, b: Any, out: list[Change]) -> None:
    if _same(a, b):
        return
    start = len(out)
    if _is_record(a) and type(a) is type(b):
        for f in dataclasses.fields(a):
            sub_label = _field_label(a, label, f.name)
            _diff((*path, f.name), sub_label, getattr(a, f.name), getattr(b, f.name), out)
    elif _is_record(a) != _is_record(b) and _blank(type(a if _is_record(a) else b)) is not ABSENT:
        # Terms appearing or going (None ↔ Terms): as changes from or to empty terms.
        record = a if _is_record(a) else b
        blank = _blank(type(record))
        _diff(path, label, blank if record is b else a, b if record is b else blank, out)
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            x, y = a.get(key, ABSENT), b.get(key, ABSENT)
            one = y if y is not ABSENT else x
            sub_path, sub_label = (*path, key), _entry_label(label, key, one)
            if _is_record(one) and (x is ABSENT or y is ABSENT):
                out.append(_whole(sub_path, sub_label, x, y))
            else:
                _diff(sub_path, sub_label, x, y, out)
    elif isinstance(a, list) and isinstance(b, list) and _keyed(a) and _keyed(b) and (a or b):
        _diff_keyed(path, label, a, b, out)
    if len(out) == start:  # a plain value, or parts that differ only in kind (None vs empty)
        out.append(_changed(path, label, a, b))


def _diff_keyed(
    path: tuple[str, ...], label: tuple[str, ...], a: list[Any], b: list[Any], out: list[Change]
) -> None:
    """Offers: added, removed, then field changes, in b's order; a move said once."""
    a_by, b_by = {r.id: r for r in a}, {r.id: r for r in b}
    if _reordered(a, b):
        names = label or (_field_name(path[-1]).capitalize(),)
        out.append(
            Change(
                path=path,
                label=SEP.join(names),
                kind="moved",
                before=[r.id for r in a],
                after=[r.id for r in b],
                before_text=_text([_record_name(r) for r in a]),
                after_text=_text([_record_name(r) for r in b]),
            )
        )
    for rid in dict.fromkeys([*b_by, *a_by]):
        x, y = a_by.get(rid, ABSENT), b_by.get(rid, ABSENT)
        one = y if y is not ABSENT else x
        sub_path, sub_label = (*path, rid), (*label, _record_name(one))
        if x is ABSENT or y is ABSENT:
            out.append(_whole(sub_path, sub_label, x, y))
        else:
            _diff(sub_path, sub_label, x, y, out)


def _whole(path: tuple[str, ...], label: tuple[str, ...], before: Any, after: Any) -> Change:
    """A whole offer or template added or removed."""
    name = _record_name(after if after is not ABSENT else before)
    return Change(
        path=path,
        label=SEP.join(label),
        kind="added" if before is ABSENT else "removed",
        before=copy.deepcopy(before),
        after=copy.deepcopy(after),
        before_text="" if before is ABSENT else name,
        after_text="" if after is ABSENT else name,
    )


def _changed(path: tuple[str, ...], label: tuple[str, ...], before: Any, after: Any) -> Change:
    before_text, after_text = _pair_texts(ABSENT, before, after, absent="(empty)")
    return Change(
        path=path,
        label=SEP.join(label) or "Workbook",
        kind="changed",
        before=copy.deepcopy(before),
        after=copy.deepcopy(after),
        before_text=before_text,
        after_text=after_text,
    )


# --------------------------------------------------------------------------- shapes


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same kind: 1 and True, or None and ABSENT, are not the same value."""
    return a is b or (type(a) is type(b) and a == b)


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _blank(kind: type) -> Any:
    """An all-default record (empty Terms) to merge against when base had none; else ABSENT."""
    try:
        return kind()
    except TypeError:  # it needs an id or a name: two records added apart are not one
        return ABSENT


def _keyed(items: list[Any]) -> bool:
    """Records with unique ids (offers), which merge one by one rather than as a list."""
    if not all(_is_record(r) and any(f.name == "id" for f in dataclasses.fields(r)) for r in items):
        return False
    return len({r.id for r in items}) == len(items)


def _extends(before: Any, after: Any) -> bool:
    """Whether `after` is the list of records `before` with more appended."""
    if not (isinstance(before, list) and isinstance(after, list)):
        return False
    n = len(before)
    return len(after) > n and after[:n] == before and all(_is_record(r) for r in after)


# --------------------------------------------------------------------------- labels


_NOUNS = {"offers": "offer", "templates": "template"}
_FIELD_NAMES = {
    "checkin_months": "check-in months",
    "send_at": "send at",
    "reply": "scenario reply",
}
# Where the workbook's own fields are shown: offers and templates by their own names.
_TOP_LABELS: dict[str, tuple[str, ...]] = {"profile": ("Profile",), "offers": (), "templates": ()}


def _field_name(name: str) -> str:
    return _FIELD_NAMES.get(name, name.replace("_", " "))


def _field_label(owner: Any, label: tuple[str, ...], name: str) -> tuple[str, ...]:
    if isinstance(owner, Workbook):
        return _TOP_LABELS.get(name, ("Settings", _field_name(name)))
    return (*label, _field_name(name))


def _entry_label(label: tuple[str, ...], key: Any, value: Any) -> tuple[str, ...]:
    if isinstance(value, Template):
        return (*label, f"Template '{key}'")
    return (*label, str(key))


def _record_name(record: Any) -> str:
    """How the person knows an offer: "Acme Corp (Senior Designer)"."""
    if isinstance(record, Offer):
        company = record.company.strip() or "(no company)"
        name = f"{company} ({record.role.strip()})" if record.role.strip() else company
    elif isinstance(record, Template):
        name = f"'{record.name}'"
    else:
        name = str(getattr(record, "id", getattr(record, "name", record)))
    return _one_line(name)


# --------------------------------------------------------------------------- texts


def _text(value: Any, absent: str = "(deleted)") -> str:
    """A value as one short line of plain text, for a dialog."""
    return _cut(_full_text(value, absent))


def _full_text(value: Any, absent: str = "(deleted)") -> str:
    if value is ABSENT:
        return absent
    if value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value):
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        whole_minute = not (value.second or value.microsecond)
        return value.isoformat(sep=" ", timespec="minutes" if whole_minute else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, (Offer, Template)):
        return _record_name(value)
    if _is_record(value):
        parts = [_full_text(getattr(value, f.name)) for f in dataclasses.fields(value)]
        filled = [p for p in parts if p != "(empty)"]
        return ", ".join(filled) or "(empty)"
    if isinstance(value, dict):
        return "; ".join(f"{_one_line(str(k))}: {_full_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        joiner = "; " if any(_is_record(v) or isinstance(v, (list, tuple)) for v in value) else ", "
        return joiner.join(_full_text(v) for v in value)
    return _one_line(str(value))


def _pair_texts(base: Any, mine: Any, theirs: Any, absent: str = "(deleted)") -> tuple[str, str]:
    """Texts for two different values that never read the same (a later word changed)."""
    if _is_record(base) and _blank(type(base)) is ABSENT:  # an offer or template
        mine_text = _edited(base, mine) if _is_record(mine) else _text(mine, absent)
        theirs_text = _edited(base, theirs) if _is_record(theirs) else _text(theirs, absent)
        if mine_text != theirs_text:
            return mine_text, theirs_text
    full_mine, full_theirs = _full_text(mine, absent), _full_text(theirs, absent)
    mine_text, theirs_text = _cut(full_mine), _cut(full_theirs)
    if mine_text != theirs_text or _same(mine, theirs):
        return mine_text, theirs_text
    if full_mine != full_theirs:  # same first 60 characters: show where they part
        start = max(0, _common_prefix(full_mine, full_theirs) - 20)
        return _cut("…" + full_mine[start:]), _cut("…" + full_theirs[start:])
    return mine_text, _cut(theirs_text, TEXT_WIDTH - 21) + " (differs in spacing)"


def _edited(base: Any, value: Any) -> str:
    """An offer kept by one side and deleted by the other: what that side changed in it."""
    changes: list[Change] = []
    _diff((), (), base, value, changes)
    fields = list(dict.fromkeys(_field_name(str(c.path[0])) for c in changes if c.path))
    if not fields:
        return _text(value)
    return _cut("edited: " + ", ".join(fields))


def _quoted(value: Any, text: str) -> str:
    """Words in quotes, so "(empty)" and a person's text cannot be mistaken for each other."""
    return f"'{text}'" if isinstance(value, str) and value.strip() else text


def _one_line(text: str) -> str:
    """Whitespace runs (line breaks too) as one space; control characters shown, not obeyed."""
    return visible(" ".join(text.split()), one_line=True)


def _cut(text: str, width: int = TEXT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
