"""Reading a workbook: the file's text to a checked Workbook, or an error that says where.

Values are read by one parser, the standard library's: tomli, the project tomllib was
taken from, compiled where a wheel exists, which reads a 1 MB workbook three times as fast
(60 ms against 170; bench/scale.py holds 1,000 offers to 1.5x one). tomlkit, which writes
the file, reads nothing here: it makes the document a save edits, and words a syntax error.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

try:
    import tomli as _toml
except ImportError:  # pragma: no cover - a dependency; the standard library's is the same parser
    import tomllib as _toml  # type: ignore[no-redef]

import tomlkit
from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import (
    REGISTERS,
    Contact,
    Ignored,
    Interaction,
    Offer,
    Overrules,
    Profile,
    Template,
    Terms,
    Workbook,
)
from decline_tui.core.store import schema
from decline_tui.core.store.errors import WorkbookError
from decline_tui.core.store.positions import locate
from decline_tui.core.store.schema import (
    CONTACT_STR,
    LOG_STR,
    MAX_CHECKIN_MONTHS,
    OFFER_BOOL,
    OFFER_DATE,
    OFFER_STR,
    OFFER_TERMS,
    TERMS_STR,
)
from decline_tui.core.templates import DEFAULT_FOR_MEDIUM, SCENARIO_TEMPLATES


def loads(text: str) -> dict[str, Any]:
    """The values of a TOML text as plain Python; raises TOMLDecodeError when it is not TOML."""
    return _toml.loads(text)


@dataclasses.dataclass
class ReadText:
    """A workbook file read: its workbook, the values it was made from, and whether the file
    says exactly that workbook."""

    wb: Workbook
    raw: dict[str, Any]
    # True: a save of `wb` unchanged would change nothing. False: the file is older (no
    # schema_version, an old spelling, offers without an id), and its first save brings it up.
    exact: bool
    # The document a save edits, when the file must change to say `wb`: upgraded by
    # MIGRATIONS, or given the ids its offers lacked. None: the file's own text will do.
    doc: TOMLDocument | None = None


def read_text(text: str, path: Path) -> ReadText:
    """A workbook file's text read and checked; WorkbookError says what is wrong, and where."""
    try:
        raw = loads(text)
    except Exception as exc:  # TOMLDecodeError, or a RecursionError on absurd nesting
        raise _syntax_error(text, path, exc) from None
    reader = Reader(path, text)
    stated = raw.get("schema_version")
    version = raw.get("schema_version", schema.SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise reader.fail(("schema_version",), "schema_version must be a whole number")
    if version > schema.SCHEMA_VERSION:
        raise reader.fail(
            ("schema_version",),
            f"schema_version {version} was written by a newer decline-tui "
            f"(this one reads up to {schema.SCHEMA_VERSION}); upgrade decline-tui to open it",
        )
    if version < 1:
        raise reader.fail(("schema_version",), f"schema_version {version} is not valid")
    doc = None
    if version < schema.SCHEMA_VERSION:
        doc = tomlkit.parse(text)
        while version < schema.SCHEMA_VERSION:
            migrate = schema.MIGRATIONS.get(version)
            if migrate is None:
                raise reader.fail(
                    ("schema_version",),
                    f"schema_version {version} has no upgrade to {version + 1}",
                )
            migrate(doc)
            version += 1
        raw = loads(doc.as_string())
    wb = reader.workbook(raw)
    if reader.assigned:
        doc = doc if doc is not None else tomlkit.parse(text)
        _give_ids(doc, wb)
    exact = (
        type(stated) is int
        and stated == schema.SCHEMA_VERSION
        and not (reader.assigned or reader.migrated)
    )
    return ReadText(wb, raw, exact, doc)


def _give_ids(doc: TOMLDocument, wb: Workbook) -> None:
    """Write the ids given while reading into the offers' tables, so the next save keeps them."""
    tables = doc.get("offers", [])
    for table, offer in zip(tables, wb.offers, strict=True):
        if not str(table.get("id", "")).strip():
            table["id"] = offer.id


def read_workbook(data: bytes, path: Path) -> Workbook:
    """Bytes of a workbook file to the Workbook that Store.load would give, or WorkbookError."""
    text = decode(data, path)
    with no_gc():
        return read_text(text, path).wb


def decode(data: bytes, path: Path) -> str:
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


_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def _syntax_error(text: str, path: Path, exc: Exception) -> WorkbookError:
    """A TOML syntax error, where the parser found it.

    tomlkit words it: "Key "name" already exists" says more than tomllib's "Cannot overwrite
    a value". It only words it: where the two disagree on what is valid, the reader decides.
    """
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)  # tomli 2.1+
    m = _POSITION.search(str(exc))
    if line is None and m:
        if m.group(1):
            line, col = int(m.group(1)), int(m.group(2))
        else:  # the end of the document
            line, col = text.count("\n") + 1, len(text) - text.rfind("\n")
    message = _POSITION.sub("", str(exc)) if m else str(exc)
    try:
        tomlkit.parse(text)
    except Exception as theirs:  # ParseError, and a few others on odd input
        message = str(theirs).split(" at line ")[0] or message
    return WorkbookError(path, f"is not valid TOML: {message}", line, col)


def _typename(value: Any) -> str:
    if isinstance(value, bool):
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


class Reader:
    """Turns a parsed document into a Workbook, reporting the first wrong type precisely."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        self.assigned = False  # gave an offer an id: the document now says more than the file
        self.migrated = False  # read an old spelling: the next save writes the new one

    def fail(self, where: tuple[Any, ...], message: str) -> WorkbookError:
        line, col = locate(self.text, where)
        return WorkbookError(self.path, message, line, col)

    def expect(
        self, where: tuple[Any, ...], value: Any, kind: type | tuple[type, ...], want: str
    ) -> Any:
        if type(value) is kind:  # the usual case, and the quick one
            return value
        if isinstance(value, bool) and kind is not bool and bool not in _as_tuple(kind):
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {_typename(value)}")
        if not isinstance(value, kind):
            raise self.fail(where, f"{_dotted(where)} must be {want}, not {_typename(value)}")
        return value

    def workbook(self, doc: dict[str, Any]) -> Workbook:
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
        if "checklist" in settings:
            where = ("settings", "checklist")
            raw_checklist = self.expect(where, settings["checklist"], dict, "a table")
            if "disabled" in raw_checklist:
                wb.checklist_disabled = self.rules((*where, "disabled"), raw_checklist["disabled"])
        if "snoozed" in doc:
            raw_snoozed = self.expect(("snoozed",), doc["snoozed"], dict, "a table ([snoozed])")
            wb.snoozed = {
                str(key): self.day(("snoozed", key), value) for key, value in raw_snoozed.items()
            }

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
        # a later offer states; the next save writes it into the file (ReadText.doc).
        for offer in wb.offers:
            if not offer.id:
                offer.id = wb.new_id(offer.company)
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
        for key in OFFER_STR:
            if key in raw:
                value = raw[key]
                values[key] = (
                    value if type(value) is str else self.string(("offers", i, key), value)
                )
        if values.get("reply") or values.get("template") in SCENARIO_TEMPLATES:
            self.reply(i, values)
        if values.get("register", "") not in REGISTERS:
            where = ("offers", i, "register")
            raise self.fail(
                where,
                f'{_dotted(where)} must be "formal", "informal" or "" (the template\'s own '
                f'greeting), not "{values["register"]}"',
            )
        for key in OFFER_BOOL:
            if key in raw:
                value = raw[key]
                if type(value) is not bool:
                    value = self.expect(("offers", i, key), value, bool, "true or false")
                values[key] = value
        for key in OFFER_DATE:
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
        for key in OFFER_TERMS:
            if key in raw:
                values[key] = self.terms(("offers", i, key), raw[key])
        if "checklist" in raw:
            values["checklist"] = self.overrules(("offers", i, "checklist"), raw["checklist"])
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
            self.whole((*where, j), m, "a whole number of months", 1, MAX_CHECKIN_MONTHS)
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
        for key in TERMS_STR:
            if key in raw:
                setattr(terms, key, self.string((*where, key), raw[key]))
        if "start" in raw:
            terms.start = self.day((*where, "start"), raw["start"])
        return terms

    def rule(self, where: tuple[Any, ...], value: Any) -> str:
        """A checklist rule's name, one of those the checklist has."""
        from decline_tui.core.checklist.engine import RULES

        name = self.string(where, value)
        if name not in RULES:
            raise self.fail(
                where,
                f'{_dotted(where)}: "{name}" is not a checklist rule; the rules are: '
                + ", ".join(RULES),
            )
        return name

    def rules(self, where: tuple[Any, ...], value: Any) -> list[str]:
        """`disabled = ["spelling", …]`: rule names."""
        self.expect(where, value, list, 'an array of rule names like ["spelling"]')
        return [self.rule((*where, j), name) for j, name in enumerate(value)]

    def overrules(self, where: tuple[Any, ...], raw: Any) -> Overrules:
        """[offers.checklist]: rules switched off, and findings dismissed by their words."""
        self.expect(where, raw, dict, "a table ([offers.checklist])")
        out = Overrules()
        if "disabled" in raw:
            out.disabled = self.rules((*where, "disabled"), raw["disabled"])
        if "ignored" in raw:
            at = (*where, "ignored")
            want = 'an array like [{ rule = "spelling", text = "Zorblax" }]'
            self.expect(at, raw["ignored"], list, want)
            for j, entry in enumerate(raw["ignored"]):
                self.expect((*at, j), entry, dict, '{ rule = "…", text = "…" }')
                if "rule" not in entry:
                    raise self.fail((*at, j), f"{_dotted((*at, j))} has no rule")
                out.ignored.append(
                    Ignored(
                        self.rule((*at, j, "rule"), entry["rule"]),
                        self.string((*at, j, "text"), entry.get("text", "")),
                    )
                )
        return out

    def tables(self, where: tuple[Any, ...], value: Any) -> list[Any]:
        """An array of tables such as [[offers.log]], checked to hold only tables."""
        header = f"[[offers.{where[-1]}]]"
        self.expect(where, value, list, f"an array of tables ({header})")
        for j, entry in enumerate(value):
            self.expect((*where, j), entry, dict, f"a table ({header})")
        return list(value)

    def contact(self, where: tuple[Any, ...], raw: dict[str, Any]) -> Contact:
        values = {}
        for key in CONTACT_STR:
            if key in raw:
                value = raw[key]
                values[key] = value if type(value) is str else self.string((*where, key), value)
        return Contact(**values)

    def interaction(self, where: tuple[Any, ...], raw: dict[str, Any]) -> Interaction:
        if "date" not in raw:
            raise self.fail(
                where, f"{_dotted(where)} has no date: add one such as date = 2026-11-30"
            )
        values: dict[str, Any] = {"date": self.day((*where, "date"), raw["date"])}
        for key in LOG_STR:
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


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _dotted(where: tuple[Any, ...]) -> str:
    out = ""
    for part in where:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_ATOMS = frozenset((str, int, float, bool, type(None), date, datetime, time))


def copy_model(value: Any) -> Any:
    """A deep copy of model data, several times quicker than copy.deepcopy."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [v if type(v) in _ATOMS else copy_model(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _ATOMS else copy_model(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(v if type(v) in _ATOMS else copy_model(v) for v in value)
    if hasattr(kind, "__dataclass_fields__") and hasattr(value, "__dict__"):
        twin = object.__new__(kind)
        twin.__dict__.update(
            {k: v if type(v) in _ATOMS else copy_model(v) for k, v in value.__dict__.items()}
        )
        return twin
    return copy.deepcopy(value)


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
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
