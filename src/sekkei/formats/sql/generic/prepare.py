"""Make a statement readable for sqlglot without moving a single character.

Two things are done by overwriting text with spaces, so every offset still
points at the same place in the file: MySQL executable comments are opened
(``/*!40101 … */`` is code for MySQL), and clauses that a database accepts
but sqlglot does not know and the design does not need (SQL Server filegroups
and index options, Oracle ``USING INDEX`` storage, Db2 ``WITH DEFAULT``,
MySQL ``COLUMN_FORMAT`` …) are hidden from the parser.  What the design
needs from those clauses is read from the tokens of the original text.
"""

from __future__ import annotations

import re

from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.generic.columns import expression_end, type_end
from sekkei.formats.sql.generic.constraints import CONSTRAINT_WORDS, RESERVED_CONSTRAINT_WORDS
from sekkei.formats.sql.generic.tokens import Span, Tokens, blank

_IDENTITY_OPTIONS = frozenset({"START", "INCREMENT", "WITH", "BY", "ORDER", "NOORDER"})

_EXECUTABLE_RE = re.compile(r"/\*M?!\d*")


def _executable_markers(text: str) -> list[tuple[int, int]]:
    """Ranges of ``/*!NNNNN`` openers and the ``*/`` that closes each."""
    ranges: list[tuple[int, int]] = []
    if "/*" not in text:
        return ranges
    pos = 0
    for match in _EXECUTABLE_RE.finditer(text):
        if match.start() < pos:
            continue
        ranges.append((match.start(), match.end()))
        close = text.find("*/", match.end())
        if close == -1:
            pos = len(text)
        else:
            ranges.append((close, close + 2))
            pos = close + 2
    return ranges


def open_executable_comments(text: str) -> str:
    """``/*!50003 CREATE*/`` becomes ``         CREATE  `` (MySQL runs what is inside)."""
    ranges = _executable_markers(text)
    return blank(text, ranges) if ranges else text


def strip_executable_comments(text: str) -> str:
    """The statement without the markers of its executable comments (for keeping its text)."""
    ranges = _executable_markers(text)
    if not ranges:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, stop in ranges:
        pieces.append(text[cursor:start])
        cursor = stop
    pieces.append(text[cursor:])
    return "".join(pieces).strip()


#: Word sequences hidden from sqlglot inside table definitions, per dialect family.
#: ``*`` stands for any one token; ``()`` for an optional bracketed group.
_HIDDEN: dict[str, tuple[tuple[str, ...], ...]] = {
    "mssql": (
        ("CLUSTERED",), ("NONCLUSTERED",), ("ROWGUIDCOL",), ("SPARSE",), ("FILESTREAM",),
        ("NOT", "FOR", "REPLICATION"), ("TEXTIMAGE_ON", "*"), ("FILESTREAM_ON", "*"),
        ("WITH", "CHECK"), ("WITH", "NOCHECK"), ("WITH", "VALUES"),
        ("MASKED", "WITH", "()"), ("HIDDEN",),
    ),
    "oracle": (
        ("ENABLE",), ("DISABLE",), ("VALIDATE",), ("NOVALIDATE",), ("RELY",), ("NORELY",),
        ("VISIBLE",), ("INVISIBLE",), ("SORT",), ("NOSORT",), ("ENCRYPT",), ("DECRYPT",),
        ("NOT", "DEFERRABLE"), ("DEFERRABLE",), ("INITIALLY", "*"), ("ON", "NULL"),
    ),
    "db2": (
        ("FOR", "BIT", "DATA"), ("FOR", "SBCS", "DATA"), ("FOR", "MIXED", "DATA"),
        ("NOT", "LOGGED"), ("LOGGED",), ("NOT", "COMPACT"), ("COMPACT",),
        ("INLINE", "LENGTH", "*"), ("IMPLICITLY", "HIDDEN"), ("CCSID", "*"),
        ("NOT", "ENFORCED"), ("ENFORCED",), ("ENABLE", "QUERY", "OPTIMIZATION"),
        ("DISABLE", "QUERY", "OPTIMIZATION"), ("NOT", "DEFERRABLE"), ("DEFERRABLE",),
        ("INITIALLY", "*"),
        ("GENERATED", "ALWAYS", "FOR", "EACH", "ROW", "ON", "UPDATE", "AS", "ROW", "CHANGE", "TIMESTAMP"),
        ("GENERATED", "BY", "DEFAULT", "FOR", "EACH", "ROW", "ON", "UPDATE", "AS", "ROW", "CHANGE",
         "TIMESTAMP"),
    ),
    "mysql": (
        ("COLUMN_FORMAT", "*"), ("STORAGE", "DISK"), ("STORAGE", "MEMORY"), ("STORAGE", "DEFAULT"),
        ("SRID", "*"), ("SIGNED",), ("ZEROFILL",), ("USING", "*"), ("SERIAL", "DEFAULT", "VALUE"),
        ("VISIBLE",),
        ("INVISIBLE",), ("WITH", "PARSER", "*"), ("SECONDARY_ENGINE_ATTRIBUTE", "*"),
        ("ENGINE_ATTRIBUTE", "*"), ("KEY_BLOCK_SIZE", "*"), ("NOT", "ENFORCED"),
        ("ENFORCED",), ("WITH", "SYSTEM", "VERSIONING"), ("WITHOUT", "SYSTEM", "VERSIONING"),
    ),
    "snowflake": (
        ("WITH", "MASKING", "POLICY", "*"), ("MASKING", "POLICY", "*"), ("WITH", "TAG", "()"),
        ("TAG", "()"), ("USING", "()"), ("NOT", "ENFORCED"), ("ENFORCED",), ("RELY",),
        ("NORELY",), ("VALIDATE",), ("NOVALIDATE",), ("ENABLE",), ("DISABLE",),
        ("NOT", "DEFERRABLE"), ("DEFERRABLE",), ("INITIALLY", "*"),
    ),
    "sqlite": (("ON", "CONFLICT", "*"),),
    "bigquery": (("NOT", "ENFORCED"),),
    "generic": (("NOT", "ENFORCED"), ("ENFORCED",), ("NOT", "DEFERRABLE"), ("DEFERRABLE",),
                ("INITIALLY", "*")),
}


def _by_first_word(patterns: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for pattern in patterns:
        index.setdefault(pattern[0], []).append(pattern)
    return {word: tuple(found) for word, found in index.items()}


_HIDDEN_BY_WORD = {family: _by_first_word(patterns) for family, patterns in _HIDDEN.items()}
#: Words (and the opening bracket) at which `_special` may find something.
_SPECIAL_WORDS = frozenset({"WITH", "ON", "USING", "START", "INCREMENT", "ORDER", "NOORDER", "("})


def hidden_ranges(toks: Tokens, element: Span, family: str) -> list[tuple[int, int]]:
    """Character ranges of a table element that sqlglot should not see (see `_HIDDEN`).

    The element's first token is its name or a keyword and is never hidden.  In
    SQLite any words make a type ("BLOB SUB_TYPE TEXT"), so a column's type is
    hidden whole: there is nothing in it to check.
    """
    by_word = _HIDDEN_BY_WORD.get(family, _HIDDEN_BY_WORD["generic"])
    ranges: list[tuple[int, int]] = []
    span = Span(element.first + 1, element.stop)
    ranges.extend(_key_orders(toks, element))
    if family == "sqlite" and toks.kw(element.first) not in RESERVED_CONSTRAINT_WORDS:
        end = type_end(toks, span.first, span.stop)
        if end > span.first:
            ranges.append((toks.start(span.first), toks.end(end - 1)))
            span = Span(end, span.stop)
    i = span.first
    while i < span.stop:
        word = toks.kw(i) or ""
        patterns = by_word.get(word)
        stop = _match_any(toks, i, span.stop, patterns) if patterns else None
        if stop is None and (word in _SPECIAL_WORDS or family == "mysql"):
            stop = _special(toks, i, span.stop, family)
        if stop is not None and stop > i:
            ranges.append((toks.start(i), toks.end(stop - 1)))
            i = stop
            continue
        i = toks.skip(i)
    return ranges


def _match_any(toks: Tokens, i: int, stop: int,
               patterns: tuple[tuple[str, ...], ...]) -> int | None:
    for pattern in patterns:
        j = i
        for item in pattern:
            if j >= stop:
                break
            if item == "*":
                j += 1
            elif item == "()":
                if toks.kind(j) in (TokenType.L_PAREN, TokenType.L_BRACKET):
                    j = toks.skip(j)
            elif toks.kw(j) == item:
                j += 1
            else:
                break
        else:
            return j
    return None


def _special(toks: Tokens, i: int, stop: int, family: str) -> int | None:
    """Clauses that need a look around: index options and filegroups, Oracle USING INDEX."""
    word = toks.kw(i)
    if family == "mssql":
        if word == "WITH" and toks.kind(i + 1) == TokenType.L_PAREN and i > 0 \
                and toks.kind(i - 1) == TokenType.R_PAREN:
            return toks.skip(i + 1)  # WITH (PAD_INDEX = OFF, …) after a key's columns
        if word == "ON" and i + 1 < stop and toks.kw(i + 1) not in {"DELETE", "UPDATE"}:
            j = i + 2  # ON [PRIMARY], ON ps_scheme(col)
            if toks.kind(j) == TokenType.L_PAREN:
                j = toks.skip(j)
            return j
    if family == "mysql":
        if word == "ON" and toks.kw(i + 1) == "UPDATE" and \
                toks.kw(i + 2) not in {"CASCADE", "RESTRICT", "SET", "NO"}:
            return expression_end(toks, i + 2, stop)  # ON UPDATE CURRENT_TIMESTAMP: read from tokens
        if toks.kw(i - 2) == "PRIMARY" and toks.kw(i - 1) == "KEY" and word != "USING" \
                and (toks.kind(i + 1) == TokenType.L_PAREN or toks.kw(i + 1) == "USING"):
            return i + 1  # PRIMARY KEY name (…): MySQL allows the name and ignores it
    if family == "snowflake" and word in _IDENTITY_OPTIONS and \
            toks.kw(i - 1) in {"IDENTITY", "AUTOINCREMENT"}:
        j = i
        while j < stop and (toks.kw(j) in _IDENTITY_OPTIONS or
                            toks.kind(j) in (TokenType.NUMBER, TokenType.EQ, TokenType.DASH)):
            j += 1
        return j  # Snowflake IDENTITY START [WITH] [=] n INCREMENT [BY] [=] m [NO]ORDER
    if toks.kind(i) == TokenType.L_PAREN and toks.kw(i - 1) == "IDENTITY" and toks.kw(i - 2) == "AS":
        return toks.skip(i)  # identity options (Db2 separates them with commas): read from tokens
    if family == "oracle" and word == "USING" and toks.kw(i + 1) == "INDEX":
        j = i + 2
        while j < stop and toks.kw(j) not in {"ENABLE", "DISABLE", "CONSTRAINT"} \
                and toks.kind(j) != TokenType.COMMA:
            j = toks.skip(j)
        return j
    if family == "db2" and word == "WITH" and toks.kw(i + 1) == "DEFAULT":
        j = i + 2
        if j >= stop or toks.kind(j) in (TokenType.COMMA, TokenType.R_PAREN) or \
                toks.kw(j) in {"NOT", "NULL", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "CONSTRAINT"}:
            return j  # WITH DEFAULT without a value: hidden whole
        return i + 1  # WITH DEFAULT value: hide WITH only
    return None


def _key_orders(toks: Tokens, element: Span) -> list[tuple[int, int]]:
    """ASC/DESC in the column list of a key (``UNIQUE (a ASC)``): read from tokens, not by sqlglot."""
    if toks.kw(element.first) not in CONSTRAINT_WORDS or toks.find(element, "CHECK") is not None:
        return []
    i = element.first
    while i < element.stop and toks.kind(i) != TokenType.L_PAREN:
        i += 1
    group = toks.group(i) if i < element.stop else None
    if group is None:
        return []
    # SQLite also accepts PRIMARY KEY ("id" AUTOINCREMENT) (DB Browser for SQLite writes it)
    return [(toks.start(part.stop - 1), toks.end(part.stop - 1)) for part in toks.split(group)
            if part.stop - part.first > 1 and toks.kw(part.stop - 1) in {"ASC", "DESC", "AUTOINCREMENT"}]
