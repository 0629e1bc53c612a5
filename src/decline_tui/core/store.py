"""The workbook file: TOML in, TOML out, without ever losing the person's words.

Reading keeps the tomlkit document so that a save edits it in place: comments, key
order and keys this version does not know survive. Saving is atomic and private (0600),
refuses to touch a file it could not read, and refuses to clobber changes another
program made since the last load.

The file stays what the person made it: a symlink is written through (the real file, in a
synced folder or a dotfiles repository, is the one that changes), a file with hard links is
written in place (a rename would split them), and a read-only file, or a file in a read-only
folder, is never written at all.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import hashlib
import itertools
import json
import os
import re
import shlex
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit import items as tomlkit_items
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import (
    AoT,
    Array,
    Bool,
    InlineTable,
    Table,
    Whitespace,
)
from tomlkit.toml_document import TOMLDocument

try:
    import tomllib as _tomllib
except ImportError:  # Python 3.10: tomlkit reads every file, more slowly
    _tomllib = None  # type: ignore[assignment]

from decline_tui.core import filelock
from decline_tui.core.model import (
    DEFAULT_CHECKIN_MONTHS,
    Contact,
    Interaction,
    Offer,
    Profile,
    Template,
    Terms,
    Workbook,
)
from decline_tui.core.safefile import (
    O_BINARY,
    TEMP_SUFFIX,
    atomic_write,
    keep_beside,
    read_all,
    remove_stale_temps,
    rewrite_in_place,
    sync_folder,
    write_new,
    write_target,
)
from decline_tui.core.templates import DEFAULT_FOR_MEDIUM, SCENARIO_TEMPLATES

APP_NAME = "decline-tui"
FILE_NAME = "workbook.toml"
ENV_DATA_DIR = "DECLINE_TUI_DATA_DIR"
SCHEMA_VERSION = 1
# A check-in further off than this (a century) is a typo, and past year 9999 no date exists.
MAX_CHECKIN_MONTHS = 1200

# Upgrades from version N to N + 1, applied in order to the document in place.
MIGRATIONS: dict[int, Callable[[TOMLDocument], None]] = {}


class WorkbookError(Exception):
    """The workbook cannot be used as it is; says where, so the person can fix it."""

    def __init__(self, path: Path, message: str, line: int | None = None, col: int | None = None):
        self.path = Path(path)
        self.message = message
        self.line = line
        self.col = col
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class ConflictError(WorkbookError):
    """Another program changed the file after we read it; saving would destroy its change."""


class ReadOnlyError(WorkbookError):
    """The file or its folder is read-only: the person made it so, and a save must not undo it.

    Raised before anything is written; the changes stay in the app, which may save a copy
    elsewhere (Store.save_copy).
    """


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the workbook lives: --data-dir, else $DECLINE_TUI_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def workbook_path(folder: str | os.PathLike[str] | None = None) -> Path:
    """The workbook file inside the data folder."""
    return data_dir(folder) / FILE_NAME


# --------------------------------------------------------------------------- reading

_OFFER_STR = (
    "company",
    "role",
    "contact_name",
    "contact_email",
    "channel",
    "reason",
    "admired",
    "project",
    "status",
    "template",
    "reply",
    "notes",
    "referrer",
    "referrer_email",
)
_OFFER_BOOL = ("future_open", "offer_referrals", "example", "firm")
_OFFER_DATE = ("received", "deadline", "counter_received", "declined_on")
_OFFER_DEFAULTS = Offer(id="")
# Sub-tables of an offer: [offers.reconsider] and [offers.counter] hold Terms.
_OFFER_TERMS = ("reconsider", "counter")
_TERMS_STR = ("remote", "title", "notes")
_TERMS_FIELDS = ("salary", "remote", "title", "start", "notes")
_TERMS_DEFAULTS = Terms()
_CONTACT_STR = ("name", "role", "email", "linkedin")
_CONTACT_DEFAULTS = Contact()
_LOG_STR = ("kind", "channel", "note")
_LOG_DEFAULTS = Interaction(date=date.min)


def _typename(value: Any) -> str:
    if isinstance(value, (bool, Bool)):  # an array holds tomlkit's Bool, not a bool
        return "a true/false value"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class _Reader:
    """Turns a parsed document into a Workbook, reporting the first wrong type precisely."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        self.assigned = False  # gave an offer an id: the document now says more than the file
        self.migrated = False  # read an old spelling: the next save writes the new one

    def fail(self, where: tuple[Any, ...], message: str) -> WorkbookError:
        line, col = _locate(self.text, where)
        return WorkbookError(self.path, message, line, col)

    def expect(self, where: tuple[Any, ...], value: Any, kind: type | tuple[type, ...], want: str):
        if type(value) is kind:  # the usual case, and the quick one
            return value
        if isinstance(value, bool) and kind is not bool and bool not in _as_tuple(kind):
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {_typename(value)}")
        if not isinstance(value, kind):
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {_typename(value)}")
        return value

    def workbook(self, doc: TOMLDocument) -> Workbook:
        wb = Workbook()
        raw_profile = doc.get("profile", {})
        self.expect(("profile",), raw_profile, dict, "a table ([profile])")
        wb.profile = Profile(
            name=self.string(("profile", "name"), raw_profile.get("name", "")),
            email=self.string(("profile", "email"), raw_profile.get("email", "")),
        )
        settings = doc.get("settings", {})
        self.expect(("settings",), settings, dict, "a table ([settings])")
        wb.theme = self.string(("settings", "theme"), settings.get("theme", ""))
        if "checkin_months" in settings:
            months = settings["checkin_months"]
            wb.checkin_months = self.months(("settings", "checkin_months"), months)

        offers = doc.get("offers", [])
        self.expect(("offers",), offers, list, "an array of tables ([[offers]])")
        seen: set[str] = set()
        for i, raw in enumerate(offers):
            self.expect(("offers", i), raw, dict, "a table ([[offers]])")
            offer = self.offer(i, raw)
            if offer.id in seen:
                raise self.fail(("offers", i, "id"), f'two offers share the id "{offer.id}"')
            if offer.id:
                seen.add(offer.id)
            wb.offers.append(offer)
        # Offers written by hand without an id get one only now, so it cannot take an id
        # a later offer states; it goes into the document too, so the next save keeps it.
        for raw, offer in zip(offers, wb.offers, strict=True):
            if not offer.id:
                offer.id = wb.new_id(offer.company)
                raw["id"] = offer.id
                self.assigned = True

        templates = doc.get("templates", {})
        self.expect(("templates",), templates, dict, "a table ([templates.NAME])")
        for name, raw in templates.items():
            wb.templates[name] = self.template(name, raw)
        return wb

    def string(self, where: tuple[Any, ...], value: Any) -> str:
        if type(value) is str:
            return value
        return str(self.expect(where, value, str, "a string in quotes"))

    def offer(self, i: int, raw: dict[str, Any]) -> Offer:
        values: dict[str, Any] = {}
        raw_id = raw.get("id", "")
        if isinstance(raw_id, int) and not isinstance(raw_id, bool):
            raw_id = str(raw_id)
        values["id"] = self.string(("offers", i, "id"), raw_id).strip()
        # The usual types are taken as they are, without a call: a thousand offers hold
        # some 30,000 values.
        for key in _OFFER_STR:
            if key in raw:
                value = raw[key]
                values[key] = (
                    value if type(value) is str else self.string(("offers", i, key), value)
                )
        if values.get("reply") or values.get("template") in SCENARIO_TEMPLATES:
            self.reply(i, values)
        for key in _OFFER_BOOL:
            if key in raw:
                value = raw[key]
                if type(value) is not bool:
                    value = self.expect(("offers", i, key), value, bool, "true or false")
                values[key] = value
        for key in _OFFER_DATE:
            if key in raw:
                value = raw[key]
                values[key] = value if type(value) is date else self.day(("offers", i, key), value)
        if "drafts" in raw:
            where = ("offers", i, "drafts")
            drafts = self.expect(where, raw["drafts"], dict, "a table ([offers.drafts])")
            values["drafts"] = {
                str(medium): self.string((*where, medium), text) for medium, text in drafts.items()
            }
        if "interviews" in raw:
            values["interviews"] = self.whole(
                ("offers", i, "interviews"), raw["interviews"], "a whole number of rounds", 0
            )
        if "send_at" in raw:
            values["send_at"] = self.moment(("offers", i, "send_at"), raw["send_at"])
        if "checkin_months" in raw:
            values["checkin_months"] = self.months(
                ("offers", i, "checkin_months"), raw["checkin_months"]
            )
        for key in _OFFER_TERMS:
            if key in raw:
                values[key] = self.terms(("offers", i, key), raw[key])
        if "contacts" in raw:
            where = ("offers", i, "contacts")
            values["contacts"] = [
                self.contact((*where, j), entry)
                for j, entry in enumerate(self.tables(where, raw["contacts"]))
            ]
        if "log" in raw:
            where = ("offers", i, "log")
            values["log"] = [
                self.interaction((*where, j), entry)
                for j, entry in enumerate(self.tables(where, raw["log"]))
            ]
        return Offer(**values)

    def reply(self, i: int, values: dict[str, Any]) -> None:
        """Check `reply`, and move a scenario reply out of `template`, where files written
        before replies had their own field kept it: the decline gets its medium's default."""
        reply = values.get("reply", "")
        if reply and reply not in SCENARIO_TEMPLATES:
            where = ("offers", i, "reply")
            names = ", ".join(SCENARIO_TEMPLATES)
            raise self.fail(
                where, f'{_dotted(where)} must be a scenario reply ({names}), not "{reply}"'
            )
        old = SCENARIO_TEMPLATES.get(values.get("template", ""))
        if old is not None:
            values["template"] = DEFAULT_FOR_MEDIUM[old.medium]
            values["reply"] = reply or old.name
            self.migrated = True

    def day(self, where: tuple[Any, ...], value: Any) -> date:
        """A TOML date; a date-time stands for its day."""
        if type(value) is date:
            return value
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            raise self.fail(
                where,
                f"{_dotted(where)} must be a TOML date like 2026-11-30 (no quotes), "
                f"not {_typename(value)}",
            )
        return date(value.year, value.month, value.day)

    def moment(self, where: tuple[Any, ...], value: Any) -> datetime:
        """A TOML local date-time: a day and a time of day, in the person's own time zone."""
        want = "a TOML date-time like 2026-11-30T09:00:00 (no quotes)"
        if not isinstance(value, datetime):
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {_typename(value)}")
        if value.tzinfo is not None:
            raise self.fail(
                where,
                f"{_dotted(where)} must be {want}, without a time zone: "
                "it is read as your own local time",
            )
        return datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )

    def whole(
        self,
        where: tuple[Any, ...],
        value: Any,
        want: str,
        minimum: int,
        maximum: int | None = None,
    ) -> int:
        """A whole number from `minimum` up to `maximum`, if there is one."""
        if isinstance(value, bool) or not isinstance(value, int):
            kind = "a number with a fraction" if isinstance(value, float) else _typename(value)
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {kind}")
        if value < minimum or (maximum is not None and value > maximum):
            span = f"{minimum} or more" if maximum is None else f"from {minimum} to {maximum}"
            raise self.fail(where, f"{_dotted(where)} must be {want}, {span}, not {int(value)}")
        return int(value)

    def months(self, where: tuple[Any, ...], value: Any) -> list[int]:
        """Check-in months such as [3, 6, 12]: whole numbers of months after a decline."""
        self.expect(where, value, list, "an array of months like [3, 6, 12]")
        return [
            self.whole((*where, j), _plain(m), "a whole number of months", 1, MAX_CHECKIN_MONTHS)
            for j, m in enumerate(value)
        ]

    def terms(self, where: tuple[Any, ...], raw: Any) -> Terms:
        header = f"[offers.{where[-1]}]"
        self.expect(where, raw, dict, f"a table ({header})")
        terms = Terms()
        if "salary" in raw:
            terms.salary = self.whole(
                (*where, "salary"), raw["salary"], "a whole number like 85000 (no quotes)", 0
            )
        for key in _TERMS_STR:
            if key in raw:
                setattr(terms, key, self.string((*where, key), raw[key]))
        if "start" in raw:
            terms.start = self.day((*where, "start"), raw["start"])
        return terms

    def tables(self, where: tuple[Any, ...], value: Any) -> list[Any]:
        """An array of tables such as [[offers.log]], checked to hold only tables."""
        header = f"[[offers.{where[-1]}]]"
        self.expect(where, value, list, f"an array of tables ({header})")
        for j, entry in enumerate(value):
            self.expect((*where, j), entry, dict, f"a table ({header})")
        return list(value)

    def contact(self, where: tuple[Any, ...], raw: dict[str, Any]) -> Contact:
        values = {}
        for key in _CONTACT_STR:
            if key in raw:
                value = raw[key]
                values[key] = value if type(value) is str else self.string((*where, key), value)
        return Contact(**values)

    def interaction(self, where: tuple[Any, ...], raw: dict[str, Any]) -> Interaction:
        if "date" not in raw:
            raise self.fail(
                where, f"{_dotted(where)} has no date: add one such as date = 2026-11-30"
            )
        values = {"date": self.day((*where, "date"), raw["date"])}
        for key in _LOG_STR:
            if key in raw:
                value = raw[key]
                values[key] = value if type(value) is str else self.string((*where, key), value)
        return Interaction(**values)

    def template(self, name: str, raw: Any) -> Template:
        where = ("templates", name)
        self.expect(where, raw, dict, "a table")
        tpl = Template(name=name)
        tpl.medium = self.string((*where, "medium"), raw.get("medium", "email"))
        tpl.subject = self.string((*where, "subject"), raw.get("subject", ""))
        tpl.description = self.string((*where, "description"), raw.get("description", ""))
        paragraphs = raw.get("paragraphs", [])
        self.expect((*where, "paragraphs"), paragraphs, list, "an array of tables")
        for j, para in enumerate(paragraphs):
            self.expect((*where, "paragraphs", j), para, dict, "a table of part = text")
            tpl.paragraphs.append(
                [
                    (part, self.string((*where, "paragraphs", j, part), text))
                    for part, text in para.items()
                ]
            )
        return tpl


def _plain(value: Any) -> Any:
    """A value inside an array as Python has it (tomlkit's Bool is no bool)."""
    return value.unwrap() if isinstance(value, Bool) else value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _dotted(where: tuple[Any, ...]) -> str:
    out = ""
    for part in where:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_BARE_KEY = r"[A-Za-z0-9_-]+"
_BASIC_KEY = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL_KEY = r"'[^'\n]*'"
_SIMPLE_KEY = rf"(?:{_BARE_KEY}|{_BASIC_KEY}|{_LITERAL_KEY})"
_KEY_PATH = rf"{_SIMPLE_KEY}(?:\s*\.\s*{_SIMPLE_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY_PATH})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_KEY_PATH})\s*=\s*")


def _key_parts(path: str) -> tuple[str, ...]:
    """The names in a dotted key such as `templates."my one".paragraphs`."""
    parts = []
    for m in re.finditer(_SIMPLE_KEY, path):
        raw = m.group(0)
        if raw.startswith('"'):
            try:
                raw = json.loads(raw)
            except ValueError:  # a TOML-only escape such as \U0001F600: near enough
                raw = raw[1:-1]
        elif raw.startswith("'"):
            raw = raw[1:-1]
        parts.append(raw)
    return tuple(parts)


def _lines(text: str) -> list[str]:
    """Lines as TOML counts them: only LF ends one (str.splitlines also splits on U+2028)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _scan_value(line: str, i: int, open_string: str | None, depth: int) -> tuple[str | None, int]:
    """Follow a value from column i: is a multi-line string or bracket still open at the end?"""
    n = len(line)
    while i < n:
        if open_string:
            if open_string == '"""' and line[i] == "\\":
                i += 2
            elif line.startswith(open_string, i):
                i += 3
                while i < n and line[i] == open_string[0]:  # up to two quotes end the text
                    i += 1
                open_string = None
            else:
                i += 1
            continue
        c = line[i]
        if c == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            open_string = line[i : i + 3]
            i += 3
            continue
        if c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
        elif c == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return open_string, depth


def _statements(text: str) -> Iterator[tuple[int, str]]:
    """Lines that start a header or key, skipping the inside of multi-line strings and arrays."""
    open_string: str | None = None
    depth = 0
    for lineno, line in enumerate(_lines(text), start=1):
        if open_string is None and depth == 0:
            yield lineno, line
            if _HEADER.match(line):
                continue
            key = _KEY.match(line)
            if key:
                open_string, depth = _scan_value(line, key.end(), None, 0)
        else:
            open_string, depth = _scan_value(line, 0, open_string, depth)


def _locate(text: str, where: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column (1-based) of a key or table in the TOML text.

    tomlkit keeps no positions, so we walk the statements, following which table each
    belongs to (counting [[offers]] for the n-th offer), and return the line that defines
    `where` itself, else the nearest enclosing table or key that was found.
    """
    where = tuple(where)
    best: tuple[int, int, int] | None = None  # (how much of `where` matched, line, col)
    current: tuple[Any, ...] = ()
    aot_index: dict[tuple[Any, ...], int] = {}

    def resolve(names: tuple[str, ...]) -> tuple[Any, ...]:
        path: tuple[Any, ...] = ()
        for name in names:
            path = (*path, name)
            if path in aot_index:
                path = (*path, aot_index[path])
        return path

    for lineno, line in _statements(text):
        header = _HEADER.match(line)
        if header:
            names = _key_parts(header.group(2))
            if header.group(1) == "[[":
                table = (*resolve(names[:-1]), names[-1])
                aot_index[table] = aot_index.get(table, -1) + 1
                current = (*table, aot_index[table])
            else:
                current = resolve(names)
            path, col = current, header.start(1) + 1
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path, col = (*current, *_key_parts(key.group(1))), key.end() + 1
        if where[: len(path)] == path and (best is None or len(path) > best[0]):
            best = (len(path), lineno, col)
            if len(path) == len(where):
                break
    return (best[1], best[2]) if best else (None, None)


# --------------------------------------------------------------------------- writing


def _linear_escape_string(s: str, escape_sequences: Any = None) -> str:
    """tomlkit's escape_string, output for output, in linear time.

    tomlkit's slices the rest of the string at every character; it also runs for every key
    looked up in a table, so one 100,000-character name or field froze a save for seconds.
    """
    from tomlkit import _utils

    sequences = _utils._basic_escapes if escape_sequences is None else escape_sequences
    found = sorted({q for q in sequences if q in s}, key=len, reverse=True)
    if not found:
        return s
    pattern = re.compile("|".join(re.escape(q) for q in found))
    table = {q: _utils._compact_escapes.get(q) or _utils._unicode_escape(q) for q in found}
    return pattern.sub(lambda m: table[m.group()], s)


tomlkit_items.escape_string = _linear_escape_string


def _string_item(value: str) -> Any:
    # Multi-line strings keep a long note readable in the file, but a carriage return in
    # one would be read back as a plain line break by other TOML parsers: escape those.
    if "\n" in value and "\r" not in value:
        return tomlkit.string(value, multiline=True)
    return tomlkit.string(value)


def _same(current: Any, value: Any) -> bool:
    """Whether the file's item already says `value` (so its line can stay as it is)."""
    plain = current.unwrap() if hasattr(current, "unwrap") else current
    if isinstance(plain, datetime) and not isinstance(value, datetime):
        plain = plain.date()  # a date-time in the file stands for its day
    return type(plain) is type(value) and plain == value


def _update(table: Table | InlineTable | TOMLDocument, key: str, value: Any, *, keep_default=None):
    """Set key only when its value changed, so untouched lines keep their formatting.

    `keep_default` is the value that needs no line in the file: a missing key holding
    it stays missing.
    """
    if value is None:
        if key in table:
            del table[key]
        return
    if key not in table:
        if keep_default is not None and value == keep_default:
            return
        table[key] = _string_item(value) if isinstance(value, str) else value
        return
    if not _same(table[key], value):
        table[key] = _string_item(value) if isinstance(value, str) else value


def _update_optional(table: Table | InlineTable, key: str, value: Any) -> None:
    """Like _update for a field whose empty value needs no line (a line saying it stays)."""
    if value or (key in table and not _same(table[key], value)):
        _update(table, key, value or None)


# The order fields take in a new [[offers]] table; optional ones appear only when set.
_OFFER_ORDER = (
    "id",
    "company",
    "role",
    "contact_name",
    "contact_email",
    "received",
    "deadline",
    "channel",
    "reason",
    "admired",
    "project",
    "future_open",
    "offer_referrals",
    "status",
    "template",
    "reply",
    "interviews",
    "referrer",
    "referrer_email",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
    "checkin_months",
    "notes",
    "example",
)
_OFFER_OPTIONAL = (
    "received",
    "deadline",
    "reply",
    "notes",
    "example",
    "interviews",
    "referrer",
    "referrer_email",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
)
# Keys whose absence means None, so that an empty value still gets its line.
_OFFER_NULLABLE = ("checkin_months",)


def _table_id(table: Any) -> str:
    """The id an [[offers]] table states, as the reader understands it."""
    return str(table.get("id", "")).strip()


def _sub_table(parent: Any) -> Table | InlineTable:
    """A new table to go inside `parent`: inline inside an inline table, else a [header] one."""
    return tomlkit.inline_table() if isinstance(parent, InlineTable) else tomlkit.table()


def _write_offer(table: Table | InlineTable, offer: Offer, *, new: bool) -> None:
    """Write an offer's fields; a new one gets every field, so the file shows what exists."""
    for key in _OFFER_ORDER:
        value = getattr(offer, key)
        if key == "id" and "id" in table and _table_id(table) == value:
            continue  # `id = 7` or `id = " acme "` already says it
        if key in _OFFER_OPTIONAL:
            _update_optional(table, key, value)
        elif key in _OFFER_NULLABLE:
            _update(table, key, value)
        else:
            _update(table, key, value, keep_default=None if new else getattr(_OFFER_DEFAULTS, key))
    # Sub-tables new to a table of the file end with a blank line, which tomlkit leaves
    # out before whatever follows them; in a new table it spaces them itself.
    spaced = not new and isinstance(table, Table)
    _write_drafts(table, offer.drafts, spaced=spaced)
    for key in _OFFER_TERMS:
        _write_terms(table, key, getattr(offer, key), spaced=spaced)
    _write_entries(table, "contacts", offer.contacts, _write_contact, _CONTACT_DEFAULTS, spaced)
    _write_entries(table, "log", offer.log, _write_interaction, _LOG_DEFAULTS, spaced)


def _write_drafts(table: Table | InlineTable, texts: dict[str, str], *, spaced: bool) -> None:
    """The person's own text for a medium: an [offers.drafts] table of medium = text."""
    drafts = table.get("drafts")
    if not texts:
        if drafts:
            del table["drafts"]
        return
    fresh = drafts is None
    if fresh:
        table["drafts"] = _sub_table(table)
        drafts = table["drafts"]
    for medium in [m for m in drafts if m not in texts]:
        del drafts[medium]
    for medium, text in texts.items():
        _update(drafts, medium, text)
    if fresh and spaced:
        drafts.add(tomlkit.nl())


def _says_more_than(table: Any, keys: tuple[str, ...]) -> bool:
    """Whether a table holds keys other than `keys`, or comments: words worth keeping."""
    if any(key not in keys for key in table):
        return True
    if not isinstance(table, (Table, InlineTable)):
        return False  # spread over the file (dotted keys): no comments of its own to keep
    if table.trivia.comment:
        return True
    return any(
        not isinstance(item, Whitespace) and item.trivia.comment for _, item in table.value.body
    )


def _matches(table: Any, entry: Any, defaults: Any) -> bool:
    """Whether a table already says everything `entry` holds (a missing key its default)."""
    for f in dataclasses.fields(entry):
        value = getattr(entry, f.name)
        if f.name in table:
            if not _same(table[f.name], value):
                return False
        elif value != getattr(defaults, f.name) or f.name == "date":
            return False
    return True


def _write_terms(
    table: Table | InlineTable, key: str, terms: Terms | None, *, spaced: bool
) -> None:
    """[offers.reconsider] or [offers.counter]: no table for no terms, else edited in place.

    Terms with every field empty need no table; emptying a table deletes it, unless it
    holds comments or keys of the person's own.
    """
    current = table.get(key)
    if terms is None or (terms.is_empty() and current is None):
        if current is not None:
            del table[key]
        return
    fresh = current is None
    if fresh:
        table[key] = _sub_table(table)
        current = table[key]
    elif _matches(current, terms, _TERMS_DEFAULTS):
        return
    elif terms.is_empty() and not _says_more_than(current, _TERMS_FIELDS):
        del table[key]
        return
    _update(current, "salary", terms.salary)  # 0 is a salary, None is none
    for name in ("remote", "title", "start", "notes"):
        _update_optional(current, name, getattr(terms, name))
    if fresh and spaced:
        current.add(tomlkit.nl())


def _write_contact(table: Table | InlineTable, contact: Contact, *, new: bool) -> None:
    """An [[offers.contacts]] table: a new one shows every field, like a new offer."""
    for name in _CONTACT_STR:
        _update(table, name, getattr(contact, name), keep_default=None if new else "")


def _write_interaction(table: Table | InlineTable, entry: Interaction, *, new: bool) -> None:
    """An [[offers.log]] table: date, kind and channel always, the note when there is one."""
    _update(table, "date", entry.date)
    _update(table, "kind", entry.kind, keep_default=None if new else _LOG_DEFAULTS.kind)
    _update(table, "channel", entry.channel, keep_default=None if new else _LOG_DEFAULTS.channel)
    _update_optional(table, "note", entry.note)


def _write_entries(
    table: Table | InlineTable,
    key: str,
    entries: list[Any],
    write: Callable[..., None],
    defaults: Any,
    spaced: bool,
) -> None:
    """Bring an array of tables ([[offers.log]], [[offers.contacts]]) in line with `entries`.

    Entries have no ids, so the tables are matched by position around the change: the
    tables before and after it that already say the same stay untouched, the ones in
    between are edited in place (keeping their comments and unknown keys), and only the
    surplus is inserted or deleted. Appending an entry appends a table.
    """
    old = table.get(key)
    if isinstance(old, Array) and not old:
        if not entries:
            return  # `log = []` already says it
        del table[key]  # write proper [[offers.log]] tables instead
        old = None
    if not entries:
        if old is not None:
            del table[key]
        return
    inline = isinstance(table, InlineTable) or isinstance(old, Array)
    if not isinstance(old, (AoT, Array)):
        fresh = tomlkit.array() if inline else tomlkit.aot()
        for entry in entries:
            t = tomlkit.inline_table() if inline else tomlkit.table()
            write(t, entry, new=True)
            fresh.append(t)
        if spaced and not inline:
            fresh[-1].add(tomlkit.nl())
        table[key] = fresh
        return
    n_old, n_new = len(old), len(entries)
    head = 0
    while head < min(n_old, n_new) and _matches(old[head], entries[head], defaults):
        head += 1
    tail = 0
    while tail < min(n_old, n_new) - head and _matches(
        old[n_old - 1 - tail], entries[n_new - 1 - tail], defaults
    ):
        tail += 1
    edited = min(n_old, n_new) - head - tail
    for k in range(head, head + edited):
        write(old[k], entries[k], new=False)
    for k in reversed(range(head + edited, n_old - tail)):
        del old[k]
    for k in range(head + edited, n_new - tail):
        t = tomlkit.inline_table() if inline else tomlkit.table()
        write(t, entries[k], new=True)
        if not inline:
            t.add(tomlkit.nl())  # a blank line before whatever follows, as in a fresh array
        old.insert(k, t)


def _paragraph_table(tpl: Template, j: int, para: list[tuple[str, str]]) -> Table:
    p = tomlkit.table()
    for part, text in para:
        if part in p:
            raise ValueError(
                f'template "{tpl.name}" paragraph {j + 1} has the part "{part}" twice; '
                "a paragraph is a table of part = text"
            )
        p[part] = _string_item(text)
    return p


def _paragraphs(tpl: Template, *, spaced: bool) -> AoT:
    """The [[templates.NAME.paragraphs]] tables.

    `spaced` ends them with a blank line, which tomlkit leaves out before whatever follows
    when the tables go into a file it parsed.
    """
    aot = tomlkit.aot()
    for j, para in enumerate(tpl.paragraphs):
        aot.append(_paragraph_table(tpl, j, para))
    if spaced and len(aot):
        aot[-1].add(tomlkit.nl())
    return aot


def _template_table(tpl: Template, *, spaced: bool) -> Table:
    table = tomlkit.table()
    if tpl.description:
        table["description"] = _string_item(tpl.description)
    table["medium"] = tpl.medium
    table["subject"] = _string_item(tpl.subject)
    table["paragraphs"] = _paragraphs(tpl, spaced=spaced)
    return table


def _write_template(table: Table, tpl: Template) -> None:
    """Update a [templates.NAME] table in place: its comments and unknown keys stay."""
    _update_optional(table, "description", tpl.description)
    _update(table, "medium", tpl.medium, keep_default="email")
    _update(table, "subject", tpl.subject, keep_default="")
    old = table.get("paragraphs")
    if not tpl.paragraphs:
        if old is not None and not (isinstance(old, (AoT, Array)) and not old):
            del table["paragraphs"]  # `paragraphs = []` already says it
        return
    wanted = [[part for part, _ in para] for para in tpl.paragraphs]
    if isinstance(old, AoT) and [list(p.keys()) for p in old] == wanted:
        # The same parts: only the words changed.
        for p, para in zip(old, tpl.paragraphs, strict=True):
            for part, text in para:
                _update(p, part, text)
        return
    table["paragraphs"] = _paragraphs(tpl, spaced=True)


def _check_months(owner: str, months: list[int]) -> None:
    for m in months:
        if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= MAX_CHECKIN_MONTHS:
            raise ValueError(
                f"{owner}: check-in months must be whole numbers from 1 to "
                f"{MAX_CHECKIN_MONTHS}, not {m!r}"
            )


def _check(wb: Workbook) -> None:
    """What the file cannot hold, or could not read back: raise ValueError before writing."""
    _check_months("settings", wb.checkin_months)
    seen: set[str] = set()
    for offer in wb.offers:
        if offer.id in seen:
            raise ValueError(f'two offers share the id "{offer.id}"')
        seen.add(offer.id)
        owner = f'offer "{offer.id}"'
        if offer.checkin_months is not None:
            _check_months(owner, offer.checkin_months)
        if offer.interviews < 0:
            raise ValueError(f"{owner}: interviews must be 0 or more, not {offer.interviews}")
        if offer.reply and offer.reply not in SCENARIO_TEMPLATES:
            raise ValueError(f'{owner}: "{offer.reply}" is not a scenario reply')
        if offer.send_at is not None and offer.send_at.tzinfo is not None:
            raise ValueError(f"{owner}: send_at must be a local time, without a time zone")
        for key in _OFFER_TERMS:
            terms = getattr(offer, key)
            if terms is not None and terms.salary is not None and terms.salary < 0:
                raise ValueError(f"{owner}: {key} salary must be 0 or more, not {terms.salary}")
        for n, entry in enumerate(offer.log, start=1):
            if not isinstance(entry.date, date):
                raise ValueError(f"{owner}: log entry {n} has no date")
    for tpl in wb.templates.values():
        for j, para in enumerate(tpl.paragraphs):
            _paragraph_table(tpl, j, para)


def _write_offers(doc: TOMLDocument, offers: list[Offer]) -> None:
    """Bring doc["offers"] in line with `offers`, reusing each offer's table where it has one.

    Reused tables keep their comments and unknown keys; deletions, additions and moves
    happen inside the existing array so that it keeps its place in the file.
    """
    old = doc.get("offers")
    if isinstance(old, Array) and not old:
        del doc["offers"]  # `offers = []`: write proper [[offers]] tables instead
        old = None
    container = old if isinstance(old, (AoT, Array)) else None
    inline = isinstance(container, Array)
    existing: dict[str, Any] = {}
    for table in container or []:
        existing.setdefault(_table_id(table), table)
    tables: list[Any] = []
    for offer in offers:
        table = existing.pop(offer.id, None)
        new = table is None
        if table is None:
            table = tomlkit.inline_table() if inline else tomlkit.table()
        _write_offer(table, offer, new=new)
        if new and isinstance(container, AoT):  # a fresh array spaces its tables itself
            table.add(tomlkit.nl())
        tables.append(table)
    if container is None:
        if tables:
            aot = tomlkit.aot()
            for table in tables:
                aot.append(table)
            doc["offers"] = aot
        return
    keep = {id(t) for t in tables}
    for i in reversed(range(len(container))):  # deletions in place keep neighbours' formatting
        if id(container[i]) not in keep:
            del container[i]
    order = [id(t) for t in container]
    if order == [id(t) for t in tables]:
        return
    if order != [id(t) for t in tables[: len(order)]]:
        while len(container):  # moved: re-seat every table, still inside the same array
            del container[0]
        order = []
    for table in tables[len(order) :]:
        container.append(table)


def apply(doc: TOMLDocument, wb: Workbook) -> TOMLDocument:
    """Write the workbook into an existing document, touching only what changed.

    Raises ValueError, before changing anything, for what the file cannot hold.
    """
    _check(wb)
    _write_top(doc, wb)
    _write_offers(doc, wb.offers)
    _write_templates(doc, wb)
    return doc


def _write_top(doc: TOMLDocument, wb: Workbook) -> None:
    """The schema version, [profile] and [settings]."""
    fresh = not doc
    if doc.get("schema_version") != SCHEMA_VERSION:
        doc["schema_version"] = SCHEMA_VERSION
    # A new file shows the profile's fields to fill in; an existing one gets no lines
    # (nor a [profile] table) that would only say "empty".
    keep = "" if "profile" in doc else None
    if "profile" in doc or fresh or wb.profile.name or wb.profile.email:
        if "profile" not in doc:
            doc["profile"] = tomlkit.table()
        _update(doc["profile"], "name", wb.profile.name, keep_default=keep)
        _update(doc["profile"], "email", wb.profile.email, keep_default=keep)
    default_months = list(DEFAULT_CHECKIN_MONTHS)
    if wb.theme or wb.checkin_months != default_months or "settings" in doc:
        if "settings" not in doc:
            doc["settings"] = tomlkit.table()
        _update_optional(doc["settings"], "theme", wb.theme)
        _update(doc["settings"], "checkin_months", wb.checkin_months, keep_default=default_months)


def _write_templates(doc: TOMLDocument, wb: Workbook) -> None:
    """The person's own templates, [templates.NAME]."""
    if wb.templates or "templates" in doc:
        spaced = "templates" in doc
        if not spaced:
            doc["templates"] = tomlkit.table(is_super_table=True)
        templates = doc["templates"]
        for name in [n for n in templates if n not in wb.templates]:
            del templates[name]
        for name, tpl in wb.templates.items():
            current = templates.get(name)
            if isinstance(current, Table):
                _write_template(current, tpl)
            else:
                templates[name] = _template_table(tpl, spaced=spaced)


def read_workbook(data: bytes, path: Path) -> Workbook:
    """Bytes of a workbook file to the Workbook that Store.load would give, or WorkbookError.

    The quick reader first, as a load does: a recovered copy of a 1 MB workbook is read in
    tens of milliseconds instead of the seconds tomlkit takes, and reads exactly the same.
    """
    text = _decode(data, path)
    with _no_gc():
        fast = _parse_fast(text, path)
    return fast[0] if fast is not None else _parse_doc(text, path)[0]


def _fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _writable(path: Path, st: os.stat_result, access: int) -> bool:
    """Whether its owner may write it. The mode bits decide first: root's os.access says yes
    to everything, and a chmod u-w is the person's wish whoever saves. os.access then covers
    other people's files and read-only mounts."""
    return bool(st.st_mode & stat.S_IWUSR) and os.access(path, access)


def _quote(path: Path) -> str:
    """A path as a shell command needs it written."""
    return shlex.quote(str(path)) if os.name != "nt" else f'"{path}"'


class _Watch:
    """The workbook file as it is at the last moment before a save writes it.

    Re-checking it there, after the slow part (the new text written to disk and synced),
    narrows the window in which another program's write could be lost from the whole save to
    a few system calls. The descriptor kept on the old file then shows a write into it that
    slipped even into those, after the new file took its place.
    """

    def __init__(self, store: Store, target: Path, check: bool):
        self.store, self.target, self.check = store, target, check
        self.fd: int | None = None
        self.before: bytes | None = None  # the old file, as re-checked

    def look(self, flags: int = os.O_RDONLY) -> int | None:
        """Read the file now; ConflictError if it is not what the store last read or wrote."""
        try:
            self.fd = os.open(self.target, flags | O_BINARY)
        except FileNotFoundError:
            self.fd, self.before = None, None
        else:
            self.before = read_all(self.fd)
        if self.check and _fingerprint(self.before) != self.store._seen:
            raise self.store._conflict()
        return self.fd

    def theirs(self) -> bytes | None:
        """What another program wrote into the old file after `look`, if anything."""
        if self.fd is None:
            return None
        try:
            now = read_all(self.fd)
        except OSError:
            return None
        return None if now == self.before else now

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


class Store:
    """One workbook file: load it, then save changes back without losing anything."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._text: str | None = None  # the file's text as last read or written; None: unread
        self._doc: TOMLDocument | None = None  # when it says more than _text (a migration)
        self._base: Workbook | None = None  # what _text says, when it says exactly that
        self._cut: _Cut | None = None  # _text cut around its offers, once a save needed it
        self._uncut = False  # _text was tried and cannot be cut: the slow way it is
        self._raw: dict[str, Any] | None = None  # _text read, until _base is made from it
        self._seen: str | None = None  # fingerprint of the bytes last read or written
        # What the person should hear about the last save, in one line (hard links kept,
        # another program's write just after ours); None when there is nothing to say.
        self.notice: str | None = None

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def read_only(self) -> bool:
        """Whether a save would be refused because the file, or the folder it is written in,
        is read-only (by its mode bits: a chmod u-w holds even for root)."""
        try:
            return self._read_only(write_target(self.path)) is not None
        except OSError:
            return False

    def _read_only(self, target: Path) -> ReadOnlyError | None:
        """Why a save may not write `target`, when the file or its folder is read-only."""
        advice = "or save a copy elsewhere; your changes are kept in the app"
        with contextlib.suppress(OSError):  # missing: its folder decides
            st = os.stat(target)
            if stat.S_ISREG(st.st_mode) and not _writable(target, st, os.W_OK):
                return ReadOnlyError(
                    self.path,
                    f"is read-only: make it writable with chmod u+w {_quote(self.path)}, {advice}",
                )
        folder = target.parent
        with contextlib.suppress(OSError):  # missing: a save makes it, or says why it cannot
            st = os.stat(folder)
            if stat.S_ISDIR(st.st_mode) and not _writable(folder, st, os.W_OK | os.X_OK):
                return ReadOnlyError(
                    self.path,
                    f"is in a read-only folder: make it writable with chmod u+w {_quote(folder)}, "
                    f"{advice}",
                )
        return None

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise WorkbookError(self.path, "is a folder, not a workbook file") from None
        except PermissionError:
            raise WorkbookError(self.path, "cannot be read: permission denied") from None
        except OSError as exc:
            raise WorkbookError(self.path, f"cannot be read: {exc.strerror or exc}") from None

    def load(self) -> Workbook:
        """Read the workbook (an empty one when the file does not exist yet)."""
        self._remember(None)
        data = self._read_bytes()
        if data is None:
            self._remember(_Saved("", None))
            self._seen = None
            return Workbook()
        text = _decode(data, self.path)
        with _no_gc():
            fast = _parse_fast(text, self.path)
        if fast is not None:
            wb, raw = fast
            self._remember(_Saved(text, None), raw=raw)
        else:
            wb, doc, exact = _parse_doc(text, self.path)
            self._remember(_Saved(text, _copy(wb) if exact else None), None if exact else doc)
        self._seen = _fingerprint(data)
        return wb

    def _remember(
        self,
        saved: _Saved | None,
        doc: TOMLDocument | None = None,
        raw: dict[str, Any] | None = None,
    ) -> None:
        """What the file now says; None: nothing read, so nothing may be written.

        `raw` is the file as read, kept to make the private copy of its workbook only when
        a save first needs it: opening does not wait for it.
        """
        self._text = None if saved is None else saved.text
        self._base = None if saved is None else saved.base
        self._cut = None if saved is None else saved.cut
        self._uncut = False
        self._doc = doc
        self._raw = raw

    def _base_from_raw(self) -> None:
        """The private copy of what the file says, made from the values read at load."""
        if self._base is None and self._raw is not None:
            with contextlib.suppress(WorkbookError), _no_gc():  # it read at load; else slowly
                self._base = _Reader(self.path, self._text or "").workbook(self._raw)
            self._raw = None

    def _render(self, wb: Workbook) -> _Saved:
        """The file's new text, without changing the store: a failed save changes nothing.

        Raises ValueError (or a tomlkit error) for what the file cannot hold.
        """
        _check(wb)
        self._base_from_raw()
        if self._base is not None:
            try:
                saved = _save_fast(self._text or "", self._cut_once(), self._base, wb)
            except Exception:  # whatever trips the quick way up, the whole document decides
                saved = None
            if saved is not None:
                return saved
        # The whole document, parsed afresh: edits to it never touch what the store holds.
        doc = tomlkit.parse(self._doc.as_string() if self._doc is not None else self._text or "")
        text = apply(doc, wb).as_string()
        return _Saved(text, _said(text, doc))

    def _cut_once(self) -> _Cut | None:
        """The file's text cut around its offers, kept until the text changes: render runs
        about once a second while the person types, and cutting 1 MB takes 30 ms."""
        if self._cut is None and not self._uncut and self._base is not None:
            with contextlib.suppress(Exception):  # an odd layout: the slow way decides
                self._cut = _cut_text(self._text or "", len(self._base.offers))
            self._uncut = self._cut is None
        return self._cut

    def _prepare(self, wb: Workbook) -> tuple[_Saved, bytes]:
        """What a save would write, as text and bytes; WorkbookError for what cannot be stored."""
        if self._text is None:
            raise WorkbookError(self.path, "was not loaded successfully; refusing to overwrite it")
        try:
            saved = self._render(wb)
            return saved, saved.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise WorkbookError(
                self.path,
                f"could not be saved: the text holds {bad!r}, which is not a Unicode "
                "character a file can store",
            ) from None
        except (ValueError, TOMLKitError) as exc:
            raise WorkbookError(self.path, f"could not be saved: {exc}") from None

    def render(self, wb: Workbook) -> str:
        """The text a save of `wb` would write now, without writing anything.

        For a recovery journal kept while the person types: it runs the save's own quick
        way, re-rendering only the offers that changed. WorkbookError as save raises it.
        """
        return self._prepare(wb)[0].text

    def last_known(self) -> Workbook | None:
        """A copy of the workbook as the file said when we last read or wrote it (None before
        a load): after a conflict, the version both sides started from, to merge them."""
        if self._text is None:
            return None
        self._base_from_raw()
        if self._base is not None:
            return _copy(self._base)
        if not self._text.strip():
            return Workbook()  # there was no file
        try:
            return _parse_doc(self._text, self.path)[0]
        except WorkbookError:  # pragma: no cover - it was read from this very text
            return None

    def changed_on_disk(self) -> bool:
        """Whether someone else wrote the file since we last read or wrote it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError:
            return True
        return _fingerprint(data) != self._seen

    def _conflict(self) -> ConflictError:
        return ConflictError(
            self.path, "was changed by another program since it was loaded; reload it before saving"
        )

    def save(self, wb: Workbook, *, force: bool = False) -> None:
        """Write the workbook atomically; refuses if the file was never read or changed since.

        Refuses a read-only file or folder too (ReadOnlyError), before writing anything.
        Afterwards `notice` says what the person should know about the save, else None.
        """
        self.notice = None
        saved, data = self._prepare(wb)
        try:
            target = write_target(self.path)
            problem = self._read_only(target)
            if problem is not None:
                raise problem
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.is_dir():  # a link into a drive not mounted: create nothing
                raise WorkbookError(
                    self.path,
                    f"could not be saved: it links to {target}, "
                    f"and the folder {target.parent} does not exist",
                )
            # Locked from the check to the replace: another save cannot slip in between.
            # The lock is the data folder's, wherever a link leads: that is the folder
            # every copy of decline-tui opening this workbook agrees on.
            with filelock.hold(self.path.parent) as locked:
                if not force and self.changed_on_disk():
                    raise self._conflict()
                for stale in {target, self.path}:
                    remove_stale_temps(stale, 0.0 if locked else 600.0)
                notes = self._write(target, data, check=not force)
        except OSError as exc:
            raise WorkbookError(self.path, f"could not be saved: {exc.strerror or exc}") from None
        self._remember(saved)
        self._seen = _fingerprint(data)
        self.notice = " ".join(notes) or None

    def _write(self, target: Path, data: bytes, *, check: bool) -> list[str]:
        """Put `data` into the file, keeping the links it has; returns notes for the person."""
        notes = []
        try:
            links = os.stat(target).st_nlink
        except FileNotFoundError:
            links = 1
        if links > 1:
            self._write_in_place(target, data, check=check)
            notes.append(f"{self.path.name} has {links} hard links: saved in place to keep them")
        else:
            watch = _Watch(self, target, check)

            def last_look() -> None:
                watch.look()
                if os.name == "nt":  # Windows cannot replace a file that is held open
                    watch.close()

            try:
                atomic_write(target, data, before_replace=last_look)
                theirs = watch.theirs()
            finally:
                watch.close()
            if theirs is not None:
                try:
                    kept = keep_beside(self.path, "theirs", theirs)
                except OSError as exc:
                    notes.append(
                        f"another program wrote {self.path.name} during this save, and its "
                        f"version could not be kept: {exc.strerror or exc}"
                    )
                else:
                    notes.append(
                        f"another program wrote {self.path.name} during this save; "
                        f"its version is kept in {kept}"
                    )
        try:
            back = self.path.read_bytes()
        except OSError:
            back = data
        if back != data:
            notes.append(
                f"another program changed {self.path.name} just after this save; "
                "the next save will ask which version to keep"
            )
        return notes

    def _write_in_place(self, target: Path, data: bytes, *, check: bool) -> None:
        """Write into the file itself, keeping its hard links: a rename would give this name a
        new file and leave every other name on the old one, no longer updated.

        A complete copy goes to a temp file first: a save killed while the file is half
        written leaves it, and the next launch offers it back (journal.leftovers). A write
        that fails midway puts the old text back; if even that fails, the copy stays.
        """
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        keep_copy = False
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            watch = _Watch(self, target, check)
            try:
                file = watch.look(os.O_RDWR)
                if file is None:  # gone meanwhile (only a forced save gets here): a new file
                    os.replace(tmp, target)
                    return
                try:
                    rewrite_in_place(file, data)
                except BaseException:
                    try:
                        rewrite_in_place(file, watch.before or b"")
                    except BaseException:
                        keep_copy = True
                    raise
                if stat.S_IMODE(os.fstat(file).st_mode) != 0o600:
                    os.chmod(target, 0o600)
            finally:
                watch.close()
        except OSError as exc:
            if keep_copy:
                raise WorkbookError(
                    self.path,
                    f"could not be saved: {exc.strerror or exc}; it may be half written, "
                    f"and a complete copy of your workbook is in {tmp}",
                ) from None
            raise
        finally:
            if not keep_copy:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        sync_folder(target.parent)

    def save_copy(
        self, wb: Workbook, dest: str | os.PathLike[str], *, overwrite: bool = False
    ) -> Path:
        """Write exactly what a save would write to another file; returns its path.

        For a workbook that cannot be saved where it is (read-only, its drive gone): the
        person's changes go somewhere safe, comments and all. Written whole or not at all,
        private (0600). An existing file is replaced only with `overwrite`, else
        FileExistsError, also for a file that appeared meanwhile. The store stays the
        original file's: later saves still go there.
        """
        _, data = self._prepare(wb)
        dest = Path(dest).expanduser()
        try:
            if _same_file(dest, self.path):
                raise WorkbookError(dest, "is the workbook itself; save it instead of a copy")
            if dest.is_dir():
                raise WorkbookError(dest, "is a folder; give a file name")
            if not dest.parent.is_dir():
                raise WorkbookError(
                    dest, f"could not be written: the folder {dest.parent} does not exist"
                )
            if overwrite:
                atomic_write(write_target(dest), data)
            else:
                write_new(dest, data)
        except FileExistsError:
            raise
        except PermissionError:
            raise WorkbookError(dest, "could not be written: permission denied") from None
        except OSError as exc:
            raise WorkbookError(dest, f"could not be written: {exc.strerror or exc}") from None
        return dest


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, also through links, also before it exists."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return os.path.abspath(write_target(a)) == os.path.abspath(write_target(b))
    except OSError:
        return False


def parse(data: bytes, path: Path) -> tuple[Workbook, TOMLDocument]:
    """Bytes of a workbook file to a Workbook, or a WorkbookError saying where it is wrong."""
    wb, doc, _ = _parse_doc(_decode(data, path), path)
    return wb, doc


def _decode(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise WorkbookError(path, "is not UTF-8 text", line, col) from None
    if not text.strip():
        raise WorkbookError(
            path, "is empty; restore it from a backup, or delete it to start afresh", 1, 1
        )
    return text


def _parse_doc(text: str, path: Path) -> tuple[Workbook, TOMLDocument, bool]:
    """The tomlkit way: exact error messages, and migrations.

    The flag says whether the document says exactly what the file does (nothing migrated,
    no id given, a schema_version stated).
    """
    try:
        doc = tomlkit.parse(text)
    except ParseError as exc:
        message = str(exc).split(" at line ")[0]
        line, col = _syntax_position(text, exc.line, exc.col + 1)
        raise WorkbookError(path, f"is not valid TOML: {message}", line, col) from None
    except Exception as exc:  # tomlkit raises a few non-ParseError errors on odd input
        line, col = _syntax_position(text, None, None)
        raise WorkbookError(path, f"is not valid TOML: {exc}", line, col) from None
    reader = _Reader(path, text)
    stated = doc.get("schema_version")
    version = doc.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise reader.fail(("schema_version",), "schema_version must be a whole number")
    if version > SCHEMA_VERSION:
        raise reader.fail(
            ("schema_version",),
            f"schema_version {version} was written by a newer decline-tui "
            f"(this one reads up to {SCHEMA_VERSION}); upgrade decline-tui to open it",
        )
    if version < 1:
        raise reader.fail(("schema_version",), f"schema_version {version} is not valid")
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise reader.fail(
                ("schema_version",), f"schema_version {version} has no upgrade to {version + 1}"
            )
        migrate(doc)
        version += 1
    wb = reader.workbook(doc)
    exact = not (reader.assigned or reader.migrated)
    return wb, doc, stated == SCHEMA_VERSION and type(stated) is not bool and exact


def _syntax_position(text: str, line: int | None, col: int | None) -> tuple[int | None, int | None]:
    """Where a TOML syntax error is, 1-based.

    tomlkit gives no position for some errors (a key defined twice) and the end of the
    file for others (a table defined twice), and counts U+2028 as a line break; the
    standard library's parser, where there is one, points at the offending line.
    """
    try:
        import tomllib
    except ImportError:  # Python 3.10
        return line, col
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if m:
            return int(m.group(1)), int(m.group(2))
    except Exception:  # only a better position was asked for
        return line, col
    return line, col


# --------------------------------------------------------------------------- fast path
#
# tomlkit keeps every comment but is slow: a thousand offers (1 MB) take it seconds to parse
# and a third of a second to write back. So a file is read without it (_plain_toml, else
# tomllib), and saved by cutting its text into the part before the offers, one piece per
# [[offers]] table and the part after: a save re-renders with tomlkit only the pieces whose
# offer changed, exactly as a whole-document save would, and keeps every other byte. Every
# piece it touches is read back to check it says what it should. Whatever looks unusual (and
# every error, for its exact message) goes the slow way, through a whole tomlkit document.


def _loads(text: str) -> dict[str, Any]:
    """Plain Python values of a TOML text, as tomlkit reads it; raises on invalid TOML.

    tomllib turns a CRLF inside a multi-line string into LF and tomlkit keeps it: text with
    a carriage return is left to tomlkit, so that the two ways never disagree.
    """
    if "\r" not in text:
        plain = _plain_toml(text)
        if plain is not None:
            return plain
        if _tomllib is not None:
            return _tomllib.loads(text)
    return tomlkit.parse(text).unwrap()


def _parse_fast(text: str, path: Path) -> tuple[Workbook, dict[str, Any]] | None:
    """The workbook and the values it was read from, when read quickly and the file already
    says exactly that; else None.

    None sends the caller to the tomlkit path: for errors (their messages and positions
    come from there), migrations, and offers that get an id only now.
    """
    if "\r" in text:
        return None
    try:
        raw = _plain_toml(text)
        if raw is None:
            if _tomllib is None:
                return None
            raw = _tomllib.loads(text)
    except Exception:  # the tomlkit path says what is wrong, and where
        return None
    version = raw.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        return None
    reader = _Reader(path, text)
    try:
        wb = reader.workbook(raw)
    except WorkbookError:
        return None
    return None if reader.assigned or reader.migrated else (wb, raw)


# The TOML that decline-tui writes, and most of what people write by hand, is a narrow part
# of TOML: one statement a line, bare keys, strings, dates, numbers and arrays of numbers.
# One regular expression a line reads it three times as fast as tomllib, and anything else
# (or anything invalid) is left to tomllib, so both always read the same.
_CTRL = r"\x00-\x08\x0a-\x1f\x7f"  # control characters: never raw in a string or comment
_INT = r"[+-]?(?:0|[1-9](?:_?[0-9])*)"
_ESCAPES = r'\\(?:["\\btnfr]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
_NAME = r"[A-Za-z0-9_-]+"


def _many(chars: str, *others: str) -> str:
    """Any number of `chars` or `others`: in runs of `chars` held atomically where Python's re
    can (3.11), which reads a long string several times faster and cannot backtrack badly."""
    if sys.version_info >= (3, 11):
        return rf"(?>(?:{chars}+|{'|'.join(others)})*)"
    return rf"(?:{chars}|{'|'.join(others)})*"


_BASIC = _many(rf'[^"\\{_CTRL}]', _ESCAPES)
_ML_BASIC = _many(r'[^"\\\x00-\x08\x0b-\x1f\x7f]', r"\\[\s\S]", r'"(?!"")')
_ML_LITERAL = _many(r"[^'\x00-\x08\x0b-\x1f\x7f]", r"'(?!'')")
_STATEMENT = re.compile(
    rf"[ \t]*(?:"
    rf"(?P<key>{_NAME})[ \t]*=[ \t]*(?:"
    rf'"(?P<basic>{_BASIC})"'
    rf"|'(?P<literal>[^'{_CTRL}]*)'"
    rf'|"""(?P<mlbasic>{_ML_BASIC}"{{0,2}})"""'
    rf"|'''(?P<mlliteral>{_ML_LITERAL}'{{0,2}})'''"
    rf"|(?P<bool>true|false)"
    rf"|(?P<date>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<datetime>\d{{4}}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}:\d{{2}})"
    rf"|(?P<int>{_INT})"
    rf"|\[(?P<ints>[ \t]*(?:{_INT}[ \t]*,[ \t]*)*(?:{_INT}[ \t]*,?[ \t]*)?)\]"
    rf")"
    rf"|\[\[(?P<aot>{_NAME}(?:\.{_NAME})*)\]\]"
    rf"|\[(?P<table>{_NAME}(?:\.{_NAME})*)\]"
    rf")?[ \t]*(?:#[^{_CTRL}]*)?\n"
)
_UNESCAPE = re.compile(
    r'\\(?:([ \t]*\n[ \t\n]*)|(["\\btnfr])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([\s\S]))'
)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(text: str, multiline: bool) -> str:
    """A basic string's escapes decoded; ValueError for what TOML does not allow."""

    def one(m: re.Match[str]) -> str:
        trimmed, simple, short, long, other = m.groups()
        if trimmed is not None and multiline:
            return ""  # a line-ending backslash takes the white space after it away
        if simple is not None:
            return _SIMPLE_ESCAPES[simple]
        if short or long:
            code = int(short or long, 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise ValueError("not a Unicode scalar value")
            return chr(code)
        raise ValueError(f"invalid escape {other!r}")

    return _UNESCAPE.sub(one, text) if "\\" in text else text


def _plain_toml(text: str) -> dict[str, Any] | None:
    """What tomllib would read from the text, when it is of the narrow kind; else None."""
    if not text.endswith("\n"):
        text += "\n"
    root: dict[str, Any] = {}
    table = root
    arrays: set[int] = set()  # arrays of tables, which a header may extend
    match, pos, end = _STATEMENT.match, 0, len(text)
    try:
        while pos < end:
            m = match(text, pos)
            if m is None:
                return None
            pos = m.end()
            kind = m.lastgroup
            if kind is None:
                continue  # a blank line or a comment
            if kind == "aot" or kind == "table":
                *parents, last = m.group(kind).split(".")
                parent = root
                for name in parents:
                    parent = parent.setdefault(name, {})
                    if id(parent) in arrays:
                        parent = parent[-1]
                    elif type(parent) is not dict:
                        return None
                current = parent.get(last)
                if kind == "table":
                    if current is not None:
                        return None  # made earlier, one way or another: tomllib decides
                    table = parent[last] = {}
                else:
                    if current is None:
                        current = parent[last] = []
                        arrays.add(id(current))
                    elif id(current) not in arrays:
                        return None
                    table = {}
                    current.append(table)
                continue
            key = m.group("key")
            if key in table:
                return None  # defined twice: an error tomllib words
            value = m.group(kind)
            if kind == "basic":
                table[key] = _unescape(value, False)
            elif kind == "literal":
                table[key] = value
            elif kind == "mlbasic":
                table[key] = _unescape(value.removeprefix("\n"), True)
            elif kind == "mlliteral":
                table[key] = value.removeprefix("\n")
            elif kind == "bool":
                table[key] = value == "true"
            elif kind == "date":
                table[key] = date.fromisoformat(value)
            elif kind == "datetime":
                table[key] = datetime.fromisoformat(value)
            elif kind == "int":
                table[key] = int(value)
            else:
                table[key] = [int(n) for n in value.split(",") if n.strip()]
    except ValueError:  # a date that does not exist, say
        return None
    return root


_ATOMS = frozenset((str, int, float, bool, type(None), date, datetime, time))


def _copy(value: Any) -> Any:
    """A deep copy of model data, several times quicker than copy.deepcopy."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [v if type(v) in _ATOMS else _copy(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _ATOMS else _copy(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(v if type(v) in _ATOMS else _copy(v) for v in value)
    if hasattr(kind, "__dataclass_fields__") and hasattr(value, "__dict__"):
        twin = object.__new__(kind)
        twin.__dict__.update(
            {k: v if type(v) in _ATOMS else _copy(v) for k, v in value.__dict__.items()}
        )
        return twin
    return copy.deepcopy(value)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Hold the cycle collector off while reading: a thousand offers make some 100,000
    objects, none in a cycle, and a full collection among an app's own (Textual's) took
    longer than reading them (20 ms of 60). Reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _said(text: str, doc: TOMLDocument) -> Workbook | None:
    """What a file written from `doc` says, read back: the model may hold more than the file
    (empty counter-offer terms need no table), and the next save compares with the file."""
    try:
        fast = _parse_fast(text, Path())
        return fast[0] if fast else _Reader(Path(), text).workbook(doc)
    except Exception:  # unreadable: the next save goes the whole-document way
        return None


@dataclasses.dataclass
class _Cut:
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
    header = _HEADER.match(line)
    if header is None:
        return None  # an array value on its own line, say
    names = _key_parts(header.group(2))
    if names[0] != "offers":
        return "other"
    if not _PLAIN_OFFERS.fullmatch(header.group(2)):
        return "odd"  # spelled some other way: a whole-document save respells it
    if len(names) > 1:
        return "sub"
    return "offer" if header.group(1) == "[[" else "odd"


def _cut_text(text: str, offers: int) -> _Cut | None:
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
    return _Cut(text[: starts[0]], pieces, text[bounds[-1] :])


def _reads_as(piece: str, offer: Offer) -> bool:
    """Whether a piece of the file is exactly one [[offers]] table saying `offer`.

    Empty terms need no table, so they read back as none.
    """
    try:
        raw = _loads(piece)
        tables = raw.get("offers")
        if list(raw) != ["offers"] or not isinstance(tables, list) or len(tables) != 1:
            return False
        back = _Reader(Path(), piece).offer(0, tables[0])
    except Exception:  # whatever it is, it is not that offer
        return False
    if back == offer:
        return True
    empty = {}
    for key in _OFFER_TERMS:
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
    _write_offer(table, offer, new=False)
    text = doc.as_string()
    return text if _reads_as(text, offer) else None


def _new_piece(host: str, offer: Offer) -> str | None:
    """A new offer's table as a whole-document save appends it to the array of offers."""
    found = _one_offer(host)
    if found is None:
        return None
    doc, _ = found
    table = tomlkit.table()
    _write_offer(table, offer, new=True)
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
    return wb.profile, wb.theme, wb.checkin_months, wb.templates


def _edit_top(cut: _Cut, wb: Workbook, last: str, new_last: str) -> tuple[str, str] | None:
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
    _write_top(doc, wb)
    _write_templates(doc, wb)
    if list(doc) != keys and not cut.tail and (blank is None or _ends_blank(new_last) != blank):
        return None  # a table added after the offers, spaced as their end says
    text = doc.as_string()
    if text.count(stand_in) != 1:
        return None
    head, tail = text.split(stand_in)
    try:
        back = _Reader(Path(), text).workbook(_loads(text))
    except Exception:  # not what we meant to write: let the slow path do it
        return None
    return (head, tail) if _top(back) == _top(wb) else None


def _save_fast(text: str, cut: _Cut | None, base: Workbook, wb: Workbook) -> _Saved | None:
    """What the file becomes, computed from the pieces that changed; None: use the slow path."""
    if not wb.offers:
        return None  # how an emptied array looks is the whole document's business
    cut = cut or _cut_text(text, len(base.offers))
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
            offer = _copy(offer)
        else:
            kept.append(k)
            old = base.offers[k]
            if offer == old:
                piece, offer = cut.pieces[k], old
            else:
                piece, offer = _edit_piece(cut.pieces[k], old, offer), _copy(offer)
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
    new_cut: _Cut | None = None
    if _top(wb) == _top(base):
        new_cut = _Cut(head, pieces, tail)
    else:
        edited = _edit_top(cut, wb, cut.pieces[-1], pieces[-1])
        if edited is None:
            return None
        # Blank lines between the offers and what follows may now start the tail, where
        # a fresh read of the file would give them to the last offer: cut it afresh.
        head, tail = edited
    new_base = Workbook(offers=offers)
    new_base.profile, new_base.theme, new_base.checkin_months, new_base.templates = _copy(_top(wb))
    return _Saved(head + "".join(pieces) + tail, new_base, new_cut)


@dataclasses.dataclass
class _Saved:
    """A save's result before it is written: the text, and what the store knows once it is."""

    text: str
    base: Workbook | None  # what the text says, when it says exactly that
    cut: _Cut | None = None
