"""Blank out what psql handles itself (meta-commands, COPY data) before the SQL parser sees a file.

pg_dump output mixes SQL with psql commands (``\\connect``, ``\\restrict``) and
with table data after ``COPY … FROM stdin;``.  Neither is SQL, so both are
replaced by spaces, byte for byte, keeping every newline: offsets, line
numbers and columns of everything else stay exactly those of the file.
Quoted text, comments and dollar-quoted bodies are skipped, so a line of a
function body that starts with a backslash is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_INTERESTING = re.compile(
    rb"""
      (?<![A-Za-z0-9_\x80-\xff])[Ee]'(?:[^'\\]|\\.|'')*(?:'|\Z)
    | '(?:[^']|'')*(?:'|\Z)
    | "(?:[^"]|"")*(?:"|\Z)
    | --[^\n]*
    | (?P<block>/\*)
    | (?<![A-Za-z0-9_\x80-\xff$])(?P<dollar>\$(?:[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)?\$)
    | ^(?P<meta>\\[^\n]*)
    | ^(?P<copy>[Cc][Oo][Pp][Yy]\b)
    """,
    re.X | re.M | re.S,
)
_QUICK = re.compile(rb"^(?:\\|[Cc][Oo][Pp][Yy]\b)", re.M)
_COPY_STDIN = re.compile(rb"\bfrom\s+stdin\b", re.I)
_BLOCK_EDGE = re.compile(rb"/\*|\*/")
_META_NAME = re.compile(rb"\\([A-Za-z!?]*)")
_END_OF_DATA = re.compile(rb"^\\\.\r?$", re.M)

#: Every byte but the newline becomes a space.
_BLANK = bytes(b if b == 0x0A else 0x20 for b in range(256))


@dataclass
class Prepared:
    """The file with non-SQL parts blanked, and what was blanked."""

    data: bytearray
    meta_commands: Counter[str] = field(default_factory=Counter)
    copy_blocks: int = 0
    nul_bytes: int = 0


def prepare(raw: bytes) -> Prepared:
    """Blank psql meta-commands and COPY data in `raw` (UTF-8 bytes of the file)."""
    data = bytearray(raw)
    result = Prepared(data)
    if b"\x00" in raw:
        result.nul_bytes = raw.count(b"\x00")
        data[:] = data.replace(b"\x00", b" ")
    if b"\\" not in raw and b"stdin" not in raw.lower():
        return result  # neither psql commands nor COPY data: nothing to blank
    if _QUICK.search(data) is None:
        return result
    pos = 0
    size = len(data)
    search = _INTERESTING.search
    while pos < size:
        match = search(data, pos)
        if match is None:
            break
        kind = match.lastgroup
        stop = match.end()
        if kind == "block":
            stop = _block_end(data, stop)
        elif kind == "dollar":
            close = data.find(match.group("dollar"), stop)
            stop = size if close == -1 else close + len(match.group("dollar"))
        elif kind == "meta":
            name = _META_NAME.match(data, match.start())
            label = "\\" + (name.group(1).decode("ascii") if name else "")
            result.meta_commands[label] += 1
            line = bytes(data[match.start() : stop])
            _blank(data, match.start(), stop)
            if label.lower() == "\\copy" and _COPY_STDIN.search(line):
                stop = _copy_data(data, stop + 1, result)  # \copy … from stdin: data follows
        elif kind == "copy":
            stop = _copy(data, match.start(), result)
        pos = max(stop, pos + 1)
    return result


def _block_end(data: bytearray, pos: int) -> int:
    depth = 1
    while depth:
        edge = _BLOCK_EDGE.search(data, pos)
        if edge is None:
            return len(data)
        depth += 1 if edge.group() == b"/*" else -1
        pos = edge.end()
    return pos


def _copy(data: bytearray, start: int, result: Prepared) -> int:
    """Blank the data lines after ``COPY … FROM stdin;``; returns where to go on."""
    semicolon = data.find(b";", start)
    if semicolon == -1:
        return start + 4
    if _COPY_STDIN.search(data, start, semicolon) is None:
        return semicolon + 1
    line_end = data.find(b"\n", semicolon)
    if line_end == -1:
        return len(data)
    return _copy_data(data, line_end + 1, result)


def _copy_data(data: bytearray, begin: int, result: Prepared) -> int:
    """Blank the data lines from `begin` to the ``\\.`` line that ends them."""
    if begin >= len(data):
        return len(data)
    terminator = _END_OF_DATA.search(data, begin)
    finish = len(data) if terminator is None else terminator.end()
    _blank(data, begin, finish)
    result.copy_blocks += 1
    return finish


def _blank(data: bytearray, start: int, end: int) -> None:
    data[start:end] = bytes(data[start:end]).translate(_BLANK)
