"""Split a file into statements and parse them with libpg_query, fast and with exact offsets.

Measured on 10,000 tables: one ``parse_sql_json`` call over the whole file
plus ``json.loads`` takes 7 s; splitting with the scanner, parsing chunks of
about fifty statements and loading each chunk with orjson takes under 1 s.
Python's cyclic garbage collector is kept off meanwhile (the caller does
that): it would otherwise walk the millions of fresh dicts again and again.

Offsets are UTF-8 byte offsets throughout, as libpg_query reports them.
pglast's scanner split works on a Python string and reports positions in
characters (and its mapping from bytes to characters is a linear search per
statement, quadratic on text full of Japanese comments).  So the split runs
on an ASCII shadow of the bytes in which every non-ASCII byte is ``x``: the
scanner sees the same token boundaries (PostgreSQL treats any high byte as an
identifier character) and character offsets in the shadow are byte offsets in
the file.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import orjson
from pglast import parser as pg

from sekkei.formats.sql.postgres.lexer import scan, trimmed

CHUNK = 50
#: Inputs of at least this many chunks are parsed in a worker thread, this many chunks ahead.
_THREADED_FROM = 8
_AHEAD = 4

_SHADOW = bytes(range(128)) + b"x" * 128
_BEGIN_ATOMIC = re.compile(r"\bbegin\s+atomic\b", re.I)
#: How many statements a BEGIN ATOMIC body may hold (bounds the search for its END).
_ATOMIC_LOOKAHEAD = 10_000


@dataclass(slots=True)
class Statement:
    """One parsed statement: its node and where it is (absolute byte offsets)."""

    kind: str
    node: dict[str, Any]
    start: int
    end: int
    base: int
    """Offset that the node's ``location`` fields are relative to."""


@dataclass(slots=True)
class Failure:
    """A statement the PostgreSQL parser rejected."""

    start: int
    end: int
    message: str
    position: int


def spans(data: bytes | bytearray) -> tuple[list[tuple[int, int]], Failure | None]:
    """Byte spans of the statements, and a failure if the scanner stopped early.

    An unterminated string or comment swallows the rest of the file, as it
    would in PostgreSQL; the statements before it are still returned.
    """
    shadow = bytes(data).translate(_SHADOW).decode("ascii")
    failure: Failure | None = None
    try:
        result = _split(shadow)
    except pg.ParseError as exc:
        message, index = _error(exc)
        position = len(shadow) if index is None else index
        result = _split(shadow[:position])
        after = result[-1][1] if result else 0
        semicolon = shadow.find(";", after, position)
        if result and semicolon == -1:
            bad_start = result[-1][0]  # the bad statement is the last one split
            result = result[:-1]
        else:
            bad_start = (
                trimmed(data, semicolon + 1, position)[0] if semicolon >= 0 else trimmed(data, 0, position)[0]
            )
        failure = Failure(bad_start, len(shadow), message, position)
    if failure is None:
        # the scanner drops a last statement whose parentheses are never closed
        tail = result[-1][1] if result else 0
        for kind, start, _ in scan(data, tail, len(data)):
            if kind != "punct" or data[start] != ord(";"):
                result.append(trimmed(data, start, len(data)))
                break
    if b"atomic" in bytes(data).lower() and _BEGIN_ATOMIC.search(shadow):
        result = _join_atomic_bodies(shadow, result)
    return result, failure


def _split(shadow: str) -> list[tuple[int, int]]:
    """Statement spans from the scanner.

    pglast's ``only_slices`` maps byte offsets to characters with a Python
    loop over the whole text; the statements' text found again in the ASCII
    shadow gives the same spans at two thirds of the cost.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    find = shadow.find
    for statement in pg.split(shadow, with_parser=False, only_slices=False):
        if not statement:
            continue
        start = find(statement, position)
        position = start + len(statement)
        spans.append((start, position))
    return spans


def _join_atomic_bodies(shadow: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin ``BEGIN ATOMIC … END`` function bodies that the scanner cut at each ``;``."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(found):
        start, end = found[i]
        piece = shadow[start:end]
        if _BEGIN_ATOMIC.search(piece) and not re.search(r"\bend\s*$", piece, re.I):
            for j in range(i + 1, min(len(found), i + _ATOMIC_LOOKAHEAD)):
                if shadow[found[j][0] : found[j][1]].strip().upper() == "END":
                    out.append((start, found[j][1]))
                    i = j + 1
                    break
            else:
                out.append((start, end))
                i += 1
            continue
        out.append((start, end))
        i += 1
    return out


def _error(exc: Exception) -> tuple[str, int | None]:
    """(message, character index or None) of a pglast ParseError."""
    args: tuple[object, ...] = tuple(getattr(exc, "args", ()))
    message = str(args[0]) if args else str(exc)
    index = args[1] if len(args) > 1 else None
    return message, index if isinstance(index, int) else None


def parse_spans(data: bytes | bytearray, found: list[tuple[int, int]]) -> Iterator[Statement | Failure]:
    """Parse the statements at `found`, chunk by chunk, in order.

    libpg_query releases the GIL while it parses, so on big inputs a worker
    thread parses the next chunks while the caller reads the current one.
    """
    groups = [found[i : i + CHUNK] for i in range(0, len(found), CHUNK)]
    if len(groups) < _THREADED_FROM:
        for group in groups:
            yield from _chunk(data, group, _parse_text(data, group[0][0], group[-1][1]))
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sekkei-pg-parse") as pool:
        ahead: deque[Future[str | Exception]] = deque()
        submitted = 0
        for group in groups:
            while submitted < len(groups) and len(ahead) < _AHEAD:
                nxt = groups[submitted]
                ahead.append(pool.submit(_parse_text, data, nxt[0][0], nxt[-1][1]))
                submitted += 1
            yield from _chunk(data, group, ahead.popleft().result())


def _parse_text(data: bytes | bytearray, start: int, end: int) -> str | Exception:
    """libpg_query's JSON for ``data[start:end]``, or the error it raised."""
    try:
        return str(pg.parse_sql_json(bytes(data[start:end]).decode("utf-8")))
    except pg.ParseError as exc:
        return exc


def _chunk(
    data: bytes | bytearray, group: list[tuple[int, int]], parsed: str | Exception
) -> Iterator[Statement | Failure]:
    base = group[0][0]
    if not isinstance(parsed, Exception):
        try:
            tree = orjson.loads(parsed)
        except (orjson.JSONDecodeError, RecursionError):
            pass
        else:
            yield from _statements(tree, base, group[-1][1] - base)
            return
    for start, end in group:
        yield parse_one(data, start, end)


def parse_one(data: bytes | bytearray, start: int, end: int) -> Statement | Failure:
    """Parse one statement; a `Failure` with PostgreSQL's message if it does not parse."""
    piece = bytes(data[start:end]).decode("utf-8")
    try:
        tree = orjson.loads(pg.parse_sql_json(piece))
    except pg.ParseError as exc:
        message, index = _error(exc)
        position = end if index is None else start + len(piece[:index].encode("utf-8"))
        return Failure(start, end, message, position)
    except (orjson.JSONDecodeError, RecursionError):
        return Failure(start, end, "the statement is nested too deeply to be read", start)
    statements = list(_statements(tree, start, end - start))
    if len(statements) == 1:
        return statements[0]
    if not statements:
        return Failure(start, end, "empty statement", start)
    # a scanner span holding several statements cannot happen; keep the first
    return statements[0]


def _statements(tree: dict[str, Any], base: int, size: int) -> Iterator[Statement]:
    for raw in tree.get("stmts", ()):
        node = raw.get("stmt")
        if not node:
            continue
        kind, body = next(iter(node.items()))
        location = raw.get("stmt_location", 0)
        length = raw.get("stmt_len", 0) or size - location
        yield Statement(kind, body, base + location, base + location + length, base)
