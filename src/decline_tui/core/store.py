"""The workbook file: TOML in, TOML out, without ever losing the person's words.

Reading keeps the tomlkit document so that a save edits it in place: comments, key
order and keys this version does not know survive. Saving is atomic and private (0600),
refuses to touch a file it could not read, and refuses to clobber changes another
program made since the last load.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import Offer, Profile, Template, Workbook

APP_NAME = "decline-tui"
FILE_NAME = "workbook.toml"
ENV_DATA_DIR = "DECLINE_TUI_DATA_DIR"
SCHEMA_VERSION = 1

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
    "notes",
)
_OFFER_BOOL = ("future_open", "offer_referrals", "example")
_OFFER_DATE = ("received", "deadline")
_OFFER_DEFAULTS = Offer(id="")


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

    def fail(self, where: tuple[Any, ...], message: str) -> WorkbookError:
        line, col = _locate(self.text, where)
        return WorkbookError(self.path, message, line, col)

    def expect(self, where: tuple[Any, ...], value: Any, kind: type | tuple[type, ...], want: str):
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

        offers = doc.get("offers", [])
        self.expect(("offers",), offers, list, "an array of tables ([[offers]])")
        seen: set[str] = set()
        for i, raw in enumerate(offers):
            self.expect(("offers", i), raw, dict, "a table ([[offers]])")
            offer = self.offer(i, raw)
            if not offer.id:
                offer.id = wb.new_id(offer.company)
            if offer.id in seen:
                raise self.fail(("offers", i, "id"), f'two offers share the id "{offer.id}"')
            seen.add(offer.id)
            wb.offers.append(offer)

        templates = doc.get("templates", {})
        self.expect(("templates",), templates, dict, "a table ([templates.NAME])")
        for name, raw in templates.items():
            wb.templates[name] = self.template(name, raw)
        return wb

    def string(self, where: tuple[Any, ...], value: Any) -> str:
        return str(self.expect(where, value, str, "a string in quotes"))

    def offer(self, i: int, raw: dict[str, Any]) -> Offer:
        values: dict[str, Any] = {}
        raw_id = raw.get("id", "")
        if isinstance(raw_id, int) and not isinstance(raw_id, bool):
            raw_id = str(raw_id)
        values["id"] = self.string(("offers", i, "id"), raw_id).strip()
        for key in _OFFER_STR:
            if key in raw:
                values[key] = self.string(("offers", i, key), raw[key])
        for key in _OFFER_BOOL:
            if key in raw:
                values[key] = self.expect(("offers", i, key), raw[key], bool, "true or false")
        for key in _OFFER_DATE:
            if key in raw:
                value = raw[key]
                if isinstance(value, datetime):
                    value = value.date()
                if not isinstance(value, date):
                    raise self.fail(
                        ("offers", i, key),
                        f"{_dotted(('offers', i, key))} must be a TOML date like 2026-11-30 "
                        f"(no quotes), not {_typename(value)}",
                    )
                values[key] = date(value.year, value.month, value.day)
        return Offer(**values)

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


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _locate(text: str, where: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column (1-based) of a key in the TOML text, as near as a line scan can tell.

    tomlkit keeps no positions, so we find the table header (counting [[offers]] for
    the n-th offer) and then the key's line inside it.
    """
    names = [p for p in where if not isinstance(p, int)]
    index = next((p for p in where if isinstance(p, int)), None)
    key = names[-1] if len(where) > 1 and not isinstance(where[-1], int) else None
    table = ".".join(str(n) for n in (names[:-1] if key else names))
    if where and where[0] == "templates" and len(names) >= 2:
        # [templates.NAME] or [[templates.NAME.paragraphs]]
        table = ".".join(str(n) for n in names[:2])
        if "paragraphs" in names:
            table += ".paragraphs"
    header_line: int | None = None
    current = ""
    seen_aot = -1
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m:
            current = re.sub(r"\s*\.\s*", ".", m.group(2)).replace('"', "")
            if current == table:
                if m.group(1) == "[[":
                    seen_aot += 1
                    if index is not None and seen_aot != index:
                        continue
                header_line = lineno
            continue
        in_table = (current == table and (index is None or seen_aot == index)) or (
            not table and not current
        )
        if key is not None and in_table:
            km = re.match(rf'^\s*"?{re.escape(str(key))}"?\s*=\s*', line)
            if km:
                return lineno, km.end() + 1
    if header_line is not None:
        return header_line, 1
    return None, None


# --------------------------------------------------------------------------- writing


def _string_item(value: str) -> Any:
    if "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def _update(table: Table | TOMLDocument, key: str, value: Any, *, keep_default: Any = None):
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
    current = table[key]
    if isinstance(current, datetime) or isinstance(value, datetime):
        same = current == value
    elif isinstance(current, date) and isinstance(value, date):
        same = (current.year, current.month, current.day) == (value.year, value.month, value.day)
    else:
        same = (
            type(current.unwrap() if hasattr(current, "unwrap") else current) is type(value)
            and current == value
        )
    if not same:
        table[key] = _string_item(value) if isinstance(value, str) else value


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
    "notes",
    "example",
)
_OFFER_OPTIONAL = ("received", "deadline", "notes", "example")


def _write_offer(table: Table, offer: Offer, *, new: bool) -> None:
    """Write an offer's fields; a new one gets every field, so the file shows what exists."""
    for key in _OFFER_ORDER:
        value = getattr(offer, key)
        if key in _OFFER_OPTIONAL:
            _update(table, key, value or None)
        else:
            _update(table, key, value, keep_default=None if new else getattr(_OFFER_DEFAULTS, key))


def _template_table(tpl: Template) -> Table:
    table = tomlkit.table()
    if tpl.description:
        table["description"] = tpl.description
    table["medium"] = tpl.medium
    table["subject"] = tpl.subject
    aot = tomlkit.aot()
    for para in tpl.paragraphs:
        p = tomlkit.table()
        for part, text in para:
            p[part] = _string_item(text)
        aot.append(p)
    table["paragraphs"] = aot
    return table


def apply(doc: TOMLDocument, wb: Workbook) -> TOMLDocument:
    """Write the workbook into an existing document, touching only what changed."""
    if doc.get("schema_version") != SCHEMA_VERSION:
        doc["schema_version"] = SCHEMA_VERSION
    if "profile" not in doc:
        doc["profile"] = tomlkit.table()
    _update(doc["profile"], "name", wb.profile.name)
    _update(doc["profile"], "email", wb.profile.email)
    if wb.theme or "settings" in doc:
        if "settings" not in doc:
            doc["settings"] = tomlkit.table()
        _update(doc["settings"], "theme", wb.theme or None)

    existing: dict[str, Table] = {}
    old = doc.get("offers")
    if isinstance(old, AoT):
        for table in old:
            existing[str(table.get("id", ""))] = table
    tables: list[Table] = []
    for offer in wb.offers:
        table = existing.get(offer.id)
        new = table is None
        if table is None:
            table = tomlkit.table()
        _write_offer(table, offer, new=new)
        if new:
            table.add(tomlkit.nl())
        tables.append(table)
    new_ids = [o.id for o in wb.offers]
    if isinstance(old, AoT):
        for i in reversed(range(len(old))):  # deletions in place keep neighbours' formatting
            if str(old[i].get("id", "")) not in new_ids:
                del old[i]
    old_ids = [str(t.get("id", "")) for t in old] if isinstance(old, AoT) else []
    if new_ids != old_ids:
        if isinstance(old, AoT) and old_ids and new_ids[: len(old_ids)] == old_ids:
            for table in tables[len(old_ids) :]:  # only additions: append, keep the rest as is
                old.append(table)
        else:
            if "offers" in doc:
                del doc["offers"]
            if tables:
                aot = tomlkit.aot()
                for table in tables:
                    aot.append(table)
                doc["offers"] = aot

    if wb.templates or "templates" in doc:
        if "templates" not in doc:
            doc["templates"] = tomlkit.table(is_super_table=True)
        templates = doc["templates"]
        for name in [n for n in templates if n not in wb.templates]:
            del templates[name]
        for name, tpl in wb.templates.items():
            current = templates.get(name)
            if current is not None:
                try:
                    if _Reader(Path(), "").template(name, current) == tpl:
                        continue
                except WorkbookError:
                    pass
            templates[name] = _template_table(tpl)
    return doc


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where we can
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


class Store:
    """One workbook file: load it, then save changes back without losing anything."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._doc: TOMLDocument | None = None
        self._seen: str | None = None  # fingerprint of the bytes last read or written

    @property
    def exists(self) -> bool:
        return self.path.exists()

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
        self._doc = None
        data = self._read_bytes()
        if data is None:
            self._doc = tomlkit.document()
            self._seen = None
            return Workbook()
        wb, doc = parse(data, self.path)
        self._doc = doc
        self._seen = _fingerprint(data)
        return wb

    def changed_on_disk(self) -> bool:
        """Whether someone else wrote the file since we last read or wrote it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError:
            return True
        return _fingerprint(data) != self._seen

    def save(self, wb: Workbook, *, force: bool = False) -> None:
        """Write the workbook atomically; refuses if the file was never read or changed since."""
        if self._doc is None:
            raise WorkbookError(self.path, "was not loaded successfully; refusing to overwrite it")
        if not force and self.changed_on_disk():
            raise ConflictError(
                self.path,
                "was changed by another program since it was loaded; reload it before saving",
            )
        doc = apply(self._doc, wb)
        data = doc.as_string().encode("utf-8")
        try:
            atomic_write(self.path, data)
        except OSError as exc:
            raise WorkbookError(self.path, f"could not be saved: {exc.strerror or exc}") from None
        self._seen = _fingerprint(data)


def parse(data: bytes, path: Path) -> tuple[Workbook, TOMLDocument]:
    """Bytes of a workbook file to a Workbook, or a WorkbookError saying where it is wrong."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise WorkbookError(path, "is not UTF-8 text", line, col) from None
    try:
        doc = tomlkit.parse(text)
    except ParseError as exc:
        message = str(exc).split(" at line ")[0]
        raise WorkbookError(path, f"is not valid TOML: {message}", exc.line, exc.col) from None
    except Exception as exc:  # tomlkit raises a few non-ParseError errors on odd input
        raise WorkbookError(path, f"is not valid TOML: {exc}") from None
    reader = _Reader(path, text)
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
        MIGRATIONS[version](doc)
        version += 1
    return reader.workbook(doc), doc
