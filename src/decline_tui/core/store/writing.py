"""Writing a workbook into its tomlkit document, touching only what changed.

A save edits the document the file was parsed into, key by key: a value that did not
change keeps its line, and comments, key order and keys this version does not know stay.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any

import tomlkit
from tomlkit import items as tomlkit_items
from tomlkit.items import (
    AoT,
    Array,
    InlineTable,
    String,
    StringType,
    Table,
    Trivia,
    Whitespace,
)
from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import (
    DEFAULT_CHECKIN_MONTHS,
    Contact,
    Interaction,
    Offer,
    Overrules,
    Template,
    Terms,
    Workbook,
)
from decline_tui.core.store import schema
from decline_tui.core.store.reading import loads
from decline_tui.core.store.schema import (
    CHECKLIST_FIELDS,
    CONTACT_DEFAULTS,
    CONTACT_STR,
    LOG_DEFAULTS,
    MAX_CHECKIN_MONTHS,
    OFFER_DEFAULTS,
    OFFER_NULLABLE,
    OFFER_OPTIONAL,
    OFFER_ORDER,
    OFFER_TERMS,
    TERMS_DEFAULTS,
    TERMS_FIELDS,
)
from decline_tui.core.templates import SCENARIO_TEMPLATES

# TOML's escapes for basic strings (toml.io/en/v1.0.0#string), written the way tomlkit writes
# them (ESC as \u001b, which TOML 1.0 readers such as tomllib accept). tomlkit's own escaping
# (tomlkit._utils.escape_string) slices the rest of the string at every character: quadratic,
# so one 100,000-character note froze a save for minutes. String values are escaped here and
# handed to tomlkit as finished items (_string_item), through its public item classes.
_SHORT_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
    '"""': '""\\"',
}
_BASIC = re.compile(r'[\x00-\x1f\x7f"\\]')  # a "..." string: every control character
_MULTILINE = re.compile(r'[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f\\]|"""')  # """...""": \n stays


def _escaped(seq: str) -> str:
    return _SHORT_ESCAPES.get(seq) or "".join(f"\\u{ord(c):04x}" for c in seq)


def _escape(pattern: re.Pattern[str], value: str) -> str:
    return pattern.sub(lambda m: _escaped(m[0]), value)


# Keys are the one place the store cannot hand tomlkit finished text: tomlkit quotes a key
# again from its plain string at every lookup, and iterates tables by their plain keys (a
# nested table's values(), for one), so a 100,000-character template name, person or medium
# would go through the quadratic escaping on every save, many times. The store therefore
# replaces the name tomlkit.items calls, for the whole process, by a linear function giving
# the same output. It relies on tomlkit.items.escape_string(s, escape_sequences) existing
# with that meaning: tomlkit is pinned to the versions checked (pyproject.toml), and
# tests/test_store_pieces.py fails loudly when the name, its signature or its output change.
_BASIC_ESCAPES = frozenset(map(chr, range(0x20))) | {"\x7f", '"', "\\"}


def _linear_escape_string(s: str, escape_sequences: Collection[str] = _BASIC_ESCAPES) -> str:
    """tomlkit's escape_string, output for output, in linear time."""
    found = sorted({q for q in escape_sequences if q in s}, key=len, reverse=True)
    if not found:
        return s
    return re.sub("|".join(map(re.escape, found)), lambda m: _escaped(m[0]), s)


tomlkit_items.escape_string = _linear_escape_string


def _string_item(value: str, *, multiline: bool = True) -> String:
    """`value` as a TOML string item, escaped here (tomlkit's escaping is quadratic).

    Multi-line strings keep a long note readable in the file, but a carriage return in one
    would be read back as a plain line break by other TOML parsers: escape those. In a list
    each string stays on its line, as tomlkit writes it.
    """
    if multiline and "\n" in value and "\r" not in value:
        text = _escape(_MULTILINE, value)
        if text.startswith("\n"):  # a reader drops the newline right after the opening """
            text = "\n" + text
        return String(StringType.MLB, value, text, Trivia())
    return String(StringType.SLB, value, _escape(_BASIC, value), Trivia())


def _value(value: Any) -> Any:
    """What goes into a table: strings, and those inside a list, as _string_item makes them."""
    if isinstance(value, str):
        return _string_item(value)
    if isinstance(value, list) and any(isinstance(v, str) for v in value):
        array = tomlkit.array()
        for v in value:
            array.append(_string_item(v, multiline=False) if isinstance(v, str) else v)
        return array
    return value


def _same(current: Any, value: Any) -> bool:
    """Whether the file's item already says `value` (so its line can stay as it is)."""
    plain = current.unwrap() if hasattr(current, "unwrap") else current
    if isinstance(plain, datetime) and not isinstance(value, datetime):
        plain = plain.date()  # a date-time in the file stands for its day
    if type(plain) is type(value) and plain == value:
        return True
    if type(plain) is str and type(value) is str and "\r" in plain:
        # The reader turns a CRLF inside a multi-line string into LF; tomlkit keeps it.
        # What the reader makes of the item decides, so a CRLF file keeps its lines.
        try:
            return bool(loads(f"x = {current.as_string()}")["x"] == value)
        except Exception:  # not an item the reader can read alone: write it afresh
            return False
    return False


def _update(
    table: Table | InlineTable | TOMLDocument,
    key: str,
    value: Any,
    *,
    keep_default: Any = None,
) -> None:
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
        table[key] = _value(value)
        return
    if not _same(table[key], value):
        table[key] = _value(value)


def _update_optional(table: Table | InlineTable, key: str, value: Any) -> None:
    """Like _update for a field whose empty value needs no line (a line saying it stays)."""
    if value or (key in table and not _same(table[key], value)):
        _update(table, key, value or None)


# The order fields take in a new [[offers]] table; optional ones appear only when set.


def table_id(table: Any) -> str:
    """The id an [[offers]] table states, as the reader understands it."""
    return str(table.get("id", "")).strip()


def _sub_table(parent: Any) -> Table | InlineTable:
    """A new table to go inside `parent`: inline inside an inline table, else a [header] one."""
    return tomlkit.inline_table() if isinstance(parent, InlineTable) else tomlkit.table()


def write_offer(table: Table | InlineTable, offer: Offer, *, new: bool) -> None:
    """Write an offer's fields; a new one gets every field, so the file shows what exists."""
    for key in OFFER_ORDER:
        value = getattr(offer, key)
        if key == "id" and "id" in table and table_id(table) == value:
            continue  # `id = 7` or `id = " acme "` already says it
        if key in OFFER_OPTIONAL:
            _update_optional(table, key, value)
        elif key in OFFER_NULLABLE:
            _update(table, key, value)
        else:
            _update(table, key, value, keep_default=None if new else getattr(OFFER_DEFAULTS, key))
    # Sub-tables new to a table of the file end with a blank line, which tomlkit leaves
    # out before whatever follows them; in a new table it spaces them itself.
    spaced = not new and isinstance(table, Table)
    _write_drafts(table, offer.drafts, spaced=spaced)
    for key in OFFER_TERMS:
        _write_terms(table, key, getattr(offer, key), spaced=spaced)
    _write_checklist(table, offer.checklist, spaced=spaced)
    _write_entries(table, "contacts", offer.contacts, _write_contact, CONTACT_DEFAULTS, spaced)
    _write_entries(table, "log", offer.log, _write_interaction, LOG_DEFAULTS, spaced)


def _write_drafts(table: Table | InlineTable, texts: dict[str, str], *, spaced: bool) -> None:
    """The person's own text for a medium: an [offers.drafts] table of medium = text."""
    drafts = table.get("drafts")
    if not texts:
        if drafts:
            del table["drafts"]
        return
    fresh = drafts is None
    if drafts is None:
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
    if current is None:
        table[key] = _sub_table(table)
        current = table[key]
    elif _matches(current, terms, TERMS_DEFAULTS):
        return
    elif terms.is_empty() and not _says_more_than(current, TERMS_FIELDS):
        del table[key]
        return
    _update(current, "salary", terms.salary)  # 0 is a salary, None is none
    for name in ("remote", "title", "start", "notes"):
        _update_optional(current, name, getattr(terms, name))
    if fresh and spaced:
        current.add(tomlkit.nl())


def _ignored_value(current: Any) -> list[tuple[str, str]] | None:
    """What an `ignored` array in the file says, as (rule, text) pairs; None: not that shape."""
    plain = current.unwrap() if hasattr(current, "unwrap") else current
    if not isinstance(plain, list) or not all(isinstance(e, dict) for e in plain):
        return None
    return [(str(e.get("rule", "")), str(e.get("text", ""))) for e in plain]


def _ignored_entry(rule: str, text: str) -> InlineTable:
    entry = tomlkit.inline_table()
    entry["rule"] = _string_item(rule)
    entry["text"] = _string_item(" ".join(text.split()))
    return entry


def _write_ignored(checklist: Any, old: Any, pairs: list[tuple[str, str]]) -> None:
    """`ignored`, edited in place where entries were only added or taken away, so the
    comments of the others stay; written afresh otherwise."""
    said = None if old is None else _ignored_value(old)
    if said == pairs:
        return
    if isinstance(old, Array) and said is not None and len(set(said)) == len(said):
        keep = [k for k, pair in enumerate(said) if pair in pairs]
        kept = [said[k] for k in keep]
        if kept == pairs[: len(kept)]:
            for k in reversed(range(len(said))):
                if k not in keep:
                    del old[k]
            for rule, text in pairs[len(kept) :]:
                old.append(_ignored_entry(rule, text))
            return
    array = tomlkit.array()
    for rule, text in pairs:
        array.append(_ignored_entry(rule, text))
    array.multiline(True)
    checklist["ignored"] = array


def _write_checklist(table: Table | InlineTable, checklist: Overrules, *, spaced: bool) -> None:
    """[offers.checklist]: `disabled` rules and `ignored` findings, edited in place.

    No table for no overrules; emptying it deletes it, unless it holds comments or keys of
    the person's own. `ignored` is an array of inline tables, one a line.
    """
    current = table.get("checklist")
    if checklist.is_empty() and (current is None or not _says_more_than(current, CHECKLIST_FIELDS)):
        if current is not None:
            del table["checklist"]
        return
    fresh = current is None
    if current is None:
        table["checklist"] = _sub_table(table)
        current = table["checklist"]
    _update_optional(current, "disabled", list(checklist.disabled))
    pairs = [(i.rule, i.text) for i in checklist.ignored]
    old = current.get("ignored")
    if not pairs:
        if old is not None:
            del current["ignored"]
    else:
        _write_ignored(current, old, pairs)
    if fresh and spaced:
        current.add(tomlkit.nl())


def _write_contact(table: Table | InlineTable, contact: Contact, *, new: bool) -> None:
    """An [[offers.contacts]] table: a new one shows every field, like a new offer."""
    for name in CONTACT_STR:
        if name == "note":  # optional: a line only once there is something to say
            _update_optional(table, name, contact.note)
        else:
            _update(table, name, getattr(contact, name), keep_default=None if new else "")


def _write_interaction(table: Table | InlineTable, entry: Interaction, *, new: bool) -> None:
    """An [[offers.log]] table: date, kind and channel always, the note when there is one."""
    _update(table, "date", entry.date)
    _update(table, "kind", entry.kind, keep_default=None if new else LOG_DEFAULTS.kind)
    _update(table, "channel", entry.channel, keep_default=None if new else LOG_DEFAULTS.channel)
    _update_optional(table, "note", entry.note)
    _update_optional(table, "contact", entry.contact)


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
    table["medium"] = _string_item(tpl.medium)
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


def check_storable(wb: Workbook) -> None:
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
        for key in OFFER_TERMS:
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
        existing.setdefault(table_id(table), table)
    tables: list[Any] = []
    for offer in offers:
        table = existing.pop(offer.id, None)
        new = table is None
        if table is None:
            table = tomlkit.inline_table() if inline else tomlkit.table()
        write_offer(table, offer, new=new)
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
    check_storable(wb)
    write_top(doc, wb)
    _write_offers(doc, wb.offers)
    write_templates(doc, wb)
    return doc


def write_top(doc: TOMLDocument, wb: Workbook) -> None:
    """The schema version, [profile] and [settings]."""
    fresh = not doc
    if doc.get("schema_version") != schema.SCHEMA_VERSION:
        doc["schema_version"] = schema.SCHEMA_VERSION
    # A new file shows the profile's fields to fill in; an existing one gets no lines
    # (nor a [profile] table) that would only say "empty".
    keep = "" if "profile" in doc else None
    if "profile" in doc or fresh or wb.profile.name or wb.profile.email:
        if "profile" not in doc:
            doc["profile"] = tomlkit.table()
        _update(doc["profile"], "name", wb.profile.name, keep_default=keep)
        _update(doc["profile"], "email", wb.profile.email, keep_default=keep)
    default_months = list(DEFAULT_CHECKIN_MONTHS)
    if (
        wb.theme
        or wb.checkin_months != default_months
        or "settings" in doc
        or (wb.checklist_disabled)
    ):
        if "settings" not in doc:
            doc["settings"] = tomlkit.table()
        _update_optional(doc["settings"], "theme", wb.theme)
        _update(doc["settings"], "checkin_months", wb.checkin_months, keep_default=default_months)
        _write_settings_checklist(doc["settings"], wb.checklist_disabled)
    _write_snoozed(doc, wb.snoozed)


def _write_snoozed(doc: TOMLDocument, snoozed: dict[str, date]) -> None:
    """[snoozed]: a person's key to the day their check-in is put off until."""
    current = doc.get("snoozed")
    if not snoozed:
        if current is not None:
            del doc["snoozed"]
        return
    if current is None:
        doc["snoozed"] = tomlkit.table()
        current = doc["snoozed"]
    for key in [k for k in current if k not in snoozed]:
        del current[key]
    for key, day in snoozed.items():
        if current.get(key) != day:
            current[key] = day


def _write_settings_checklist(settings: Any, disabled: list[str]) -> None:
    """[settings.checklist]: the rules switched off for every offer."""
    current = settings.get("checklist")
    if not disabled:
        if current is not None and not _says_more_than(current, ("disabled",)):
            del settings["checklist"]
        elif current is not None and "disabled" in current:
            del current["disabled"]
        return
    fresh = current is None
    if current is None:
        settings["checklist"] = _sub_table(settings)
        current = settings["checklist"]
    _update(current, "disabled", list(disabled))
    if fresh and isinstance(current, Table):
        current.add(tomlkit.nl())  # a blank line before the table that follows


def write_templates(doc: TOMLDocument, wb: Workbook) -> None:
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
