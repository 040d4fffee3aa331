"""A small PostgreSQL tokenizer over UTF-8 bytes, to cut original expression text out of a file.

libpg_query gives every node the byte offset where it starts but not where it
ends, and it rewrites expressions when deparsing.  To keep defaults, checks,
index expressions and view bodies exactly as the author wrote them, the
reader slices the source bytes; this module finds the ends: matching
parentheses, the comma that closes a list element, the last token before a
comment.  It knows the lexical rules that matter for that (strings, E''
strings with backslash escapes, quoted identifiers, dollar quotes, nested
block comments) and is only ever run over short spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TOKEN = re.compile(
    rb"""
      (?P<ws>\s+)
    | (?P<comment>--[^\n]*)
    | (?P<block>/\*)
    | (?P<estring>[Ee]'(?:[^'\\]|''|\\.)*'?)
    | (?P<string>[BbXxNn]?'(?:[^']|'')*'?)
    | (?P<ident>"(?:[^"]|"")*"?)
    | (?P<dollar>\$(?:[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)?\$)
    | (?P<param>\$\d+)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<punct>[,;\[\]])
    | (?P<word>[A-Za-z_\x80-\xff][A-Za-z0-9_$\x80-\xff]*)
    | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    | (?P<op>::|.)
    """,
    re.X | re.S,
)
_BLOCK_EDGE = re.compile(rb"/\*|\*/")

# Fast paths: most spans hold no quotes, dollars or comments, and then a
# regular expression finds parentheses and commas without the tokenizer.
_COMMENT = re.compile(rb"--|/\*")
_GROUP = re.compile(rb"[()'\"$]|--|/\*")
_LIST = re.compile(rb"[(),;'\"$]|--|/\*")
_KEYWORDS: dict[str, re.Pattern[bytes]] = {}

#: A token: (kind, start, end) with byte offsets into the buffer.
Token = tuple[str, int, int]


def _block_end(data: bytes | bytearray, pos: int, end: int) -> int:
    """End of a block comment opened just before `pos` (PostgreSQL nests them)."""
    depth = 1
    while depth:
        match = _BLOCK_EDGE.search(data, pos, end)
        if match is None:
            return end
        depth += 1 if match.group() == b"/*" else -1
        pos = match.end()
    return pos


def scan(data: bytes | bytearray, start: int, end: int) -> Iterator[Token]:
    """Every significant token in ``data[start:end]`` (whitespace and comments left out)."""
    pos = start
    match_at = _TOKEN.match
    while pos < end:
        match = match_at(data, pos, end)
        if match is None:  # cannot happen: the last alternative matches any byte
            return
        kind = match.lastgroup or "op"
        stop = match.end()
        if kind in {"ws", "comment"}:
            pos = stop
            continue
        if kind == "block":
            pos = _block_end(data, stop, end)
            continue
        if kind == "estring":
            kind = "string"
        elif kind == "dollar":
            tag = match.group()
            close = data.find(tag, stop, end)
            stop = end if close == -1 else close + len(tag)
            kind = "string"
        yield kind, pos, stop
        pos = max(stop, pos + 1)


def word(data: bytes | bytearray, token: Token) -> str:
    """The upper-case text of a word token ('' for anything else)."""
    kind, start, end = token
    if kind != "word":
        return ""
    return bytes(data[start:end]).decode("utf-8", "replace").upper()


def text(data: bytes | bytearray, start: int, end: int) -> str:
    """The source text between two byte offsets."""
    return bytes(data[start:end]).decode("utf-8", "replace")


def trimmed(data: bytes | bytearray, start: int, end: int) -> tuple[int, int]:
    """The span from the first to the last significant token (edges' spaces and comments cut)."""
    if _COMMENT.search(data, start, end) is None:
        piece = bytes(data[start:end])
        stripped = piece.lstrip()
        if not stripped:
            return start, start
        first = start + len(piece) - len(stripped)
        return first, first + len(stripped.rstrip())
    first = last = -1
    for _, s, e in scan(data, start, end):
        if first < 0:
            first = s
        last = e
    if first < 0:
        return start, start
    return first, last


def group_end(data: bytes | bytearray, open_at: int, end: int) -> int:
    """The offset just after the parenthesis that closes the one at `open_at`."""
    depth = 0
    for match in _GROUP.finditer(data, open_at, end):
        char = match.group()
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                return match.end()
        else:
            break
    else:
        return end
    depth = 0
    for kind, _, e in scan(data, open_at, end):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return e
    return end


def first_group(data: bytes | bytearray, start: int, end: int) -> tuple[int, int] | None:
    """The inside of the first parenthesised group at or after `start`, trimmed."""
    match = _GROUP.search(data, start, end)
    if match is not None and match.group() == b"(":
        close = group_end(data, match.start(), end)
        inner_end = close - 1 if data[close - 1 : close] == b")" else close
        return trimmed(data, match.start() + 1, inner_end)
    for kind, s, _ in scan(data, start, end):
        if kind == "open":
            close = group_end(data, s, end)
            inner_end = close - 1 if close > s + 1 and data[close - 1 : close] == b")" else close
            return trimmed(data, s + 1, inner_end)
    return None


def element_end(data: bytes | bytearray, start: int, end: int) -> int:
    """Where a list element starting at `start` ends: before a top-level ``,``, ``)`` or ``;``."""
    depth = 0
    for match in _LIST.finditer(data, start, end):
        char = match.group()
        if char == b"(":
            depth += 1
        elif char == b")" and depth:
            depth -= 1
        elif char in {b")", b",", b";"}:
            if depth == 0:
                return start + len(bytes(data[start : match.start()]).rstrip())
        else:
            break
    else:
        return start + len(bytes(data[start:end]).rstrip())
    depth = 0
    last = start
    for kind, s, e in scan(data, start, end):
        if kind == "open":
            depth += 1
        elif kind == "close":
            if depth == 0:
                return last
            depth -= 1
        elif depth == 0 and kind == "punct" and data[s] in b",;":
            return last
        last = e
    return last


def after_word(data: bytes | bytearray, start: int, end: int, keyword: str) -> int | None:
    """The offset of the first token after the first top-level `keyword` at or after `start`."""
    pattern = _KEYWORDS.get(keyword)
    if pattern is None:
        pattern = _KEYWORDS[keyword] = re.compile(rb"(?i)" + keyword.encode() + rb"\b\s*")
    quick = pattern.match(data, start, end)
    if quick is not None and quick.end() < end and data[quick.end()] not in b"-/":
        return quick.end()
    depth = 0
    found = False
    for token in scan(data, start, end):
        kind = token[0]
        if found:
            return token[1]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif depth == 0 and kind == "word" and word(data, token) == keyword:
            found = True
    return None


def top_level(data: bytes | bytearray, start: int, end: int) -> Iterator[Token]:
    """The tokens of ``data[start:end]`` outside any parentheses (groups are left out)."""
    depth = 0
    for token in scan(data, start, end):
        kind = token[0]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif depth == 0:
            yield token


def split_top_level(data: bytes | bytearray, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the comma-separated parts of ``data[start:end]``, each trimmed."""
    parts: list[tuple[int, int]] = []
    depth = 0
    part_start = start
    for kind, s, e in scan(data, start, end):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif depth == 0 and kind == "punct" and data[s] == ord(","):
            parts.append(trimmed(data, part_start, s))
            part_start = e
    parts.append(trimmed(data, part_start, end))
    return parts
