"""Where things are in a TOML text: its headers, keys and lines.

The parsers keep no positions, so a message about a wrong value finds its line here, and a
save that edits one offer finds where that offer's tables start.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_BARE_KEY = r"[A-Za-z0-9_-]+"
_BASIC_KEY = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL_KEY = r"'[^'\n]*'"
_SIMPLE_KEY = rf"(?:{_BARE_KEY}|{_BASIC_KEY}|{_LITERAL_KEY})"
_KEY_PATH = rf"{_SIMPLE_KEY}(?:\s*\.\s*{_SIMPLE_KEY})*"
HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY_PATH})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_KEY_PATH})\s*=\s*")


def key_parts(path: str) -> tuple[str, ...]:
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
            if HEADER.match(line):
                continue
            key = _KEY.match(line)
            if key:
                open_string, depth = _scan_value(line, key.end(), None, 0)
        else:
            open_string, depth = _scan_value(line, 0, open_string, depth)


def locate(text: str, where: tuple[Any, ...]) -> tuple[int | None, int | None]:
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
        header = HEADER.match(line)
        if header:
            names = key_parts(header.group(2))
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
            path, col = (*current, *key_parts(key.group(1))), key.end() + 1
        if where[: len(path)] == path and (best is None or len(path) > best[0]):
            best = (len(path), lineno, col)
            if len(path) == len(where):
                break
    return (best[1], best[2]) if best else (None, None)


# --------------------------------------------------------------------------- writing
