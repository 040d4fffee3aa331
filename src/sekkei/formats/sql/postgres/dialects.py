"""CockroachDB and YugabyteDB syntax that PostgreSQL's parser rejects, made readable.

Both databases speak PostgreSQL's dialect with a few clauses of their own.
When a statement from such a file does not parse, the clauses below are
blanked out (replaced by spaces, so every offset stays exact) and the
statement is parsed again; a warning names what was dropped.  CockroachDB's
``INDEX`` definitions inside CREATE TABLE are not dropped: they are read
here and become indexes of the table.

- YugabyteDB: ``CREATE INDEX NONCONCURRENTLY``; ``SPLIT INTO n TABLETS`` and
  ``SPLIT AT VALUES (…)``; ``HASH`` ordering in key columns; ``TABLEGROUP x``.
- CockroachDB: ``[UNIQUE|INVERTED] INDEX name (…)`` and ``FAMILY name (…)``
  inside CREATE TABLE; ``USING HASH [WITH (bucket_count = n)]``;
  ``INTERLEAVE IN PARENT t (…)``; ``STORING (…)`` (PostgreSQL's INCLUDE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.lexer import Token


@dataclass
class Tolerated:
    """What was blanked in a statement, and the indexes read from table elements."""

    dropped: list[str] = field(default_factory=list)
    indexes: list[dict[str, Any]] = field(default_factory=list)


def tolerate(data: bytearray, start: int, end: int, dialect: str) -> Tolerated | None:
    """Blank the dialect-only clauses of ``data[start:end]`` in place; None if there were none."""
    if dialect not in {"cockroachdb", "yugabytedb"}:
        return None
    tokens = list(lexer.scan(data, start, end))
    words = [lexer.word(data, t) for t in tokens]
    result = Tolerated()
    depth = 0
    i = 0
    while i < len(tokens):
        kind, s, e = tokens[i]
        w = words[i]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        if w == "NONCONCURRENTLY":
            _blank(data, s, e, result, "NONCONCURRENTLY")
        elif w == "SPLIT" and i + 1 < len(words) and words[i + 1] in {"INTO", "AT"}:
            stop = _clause_end(data, tokens, words, i, end)
            _blank(data, s, stop, result, "SPLIT …")
            i = _index_after(tokens, stop)
            continue
        elif w == "TABLEGROUP" and i + 1 < len(tokens):
            _blank(data, s, tokens[i + 1][2], result, "TABLEGROUP")
            i += 2
            continue
        elif (
            w == "HASH"
            and i > 0
            and (tokens[i - 1][0] in {"word", "ident"})
            and depth > 0
            and words[i - 1] not in {"USING", "BY"}
        ):
            _blank(data, s, e, result, "HASH key ordering")
        elif w == "USING" and i + 1 < len(words) and words[i + 1] == "HASH":
            stop = tokens[i + 1][2]
            if (
                i + 2 < len(words)
                and words[i + 2] == "WITH"
                and i + 3 < len(tokens)
                and tokens[i + 3][0] == "open"
            ):
                stop = lexer.group_end(data, tokens[i + 3][1], end)
            _blank(data, s, stop, result, "USING HASH")
            i = _index_after(tokens, stop)
            continue
        elif w == "INTERLEAVE" and i + 1 < len(words) and words[i + 1] == "IN":
            stop = _clause_end(data, tokens, words, i, end)
            _blank(data, s, stop, result, "INTERLEAVE IN PARENT")
            i = _index_after(tokens, stop)
            continue
        elif w == "STORING" and i + 1 < len(tokens) and tokens[i + 1][0] == "open":
            data[s:e] = b"INCLUDE"  # same length: offsets stay exact
            result.dropped.append("STORING (read as INCLUDE)")
        elif (
            depth == 1
            and w in {"INDEX", "UNIQUE", "INVERTED", "FAMILY"}
            and i > 0
            and tokens[i - 1][0] in {"open", "punct"}
            and _starts_element(words, i)
        ):
            stop = lexer.element_end(data, s, end)
            if w == "FAMILY":
                if not _is_family(tokens, i):
                    i += 1
                    continue
            else:
                index = _index_element(data, tokens, words, i, stop)
                if index is None:  # e.g. a column that is called "index"
                    i += 1
                    continue
                result.indexes.append(index)
            _blank_element(data, tokens, i, stop, result, "FAMILY" if w == "FAMILY" else "INDEX")
            i = _index_after(tokens, stop)
            continue
        i += 1
    return result if result.dropped else None


def _starts_element(words: list[str], i: int) -> bool:
    w = words[i]
    if w in {"INDEX", "FAMILY"}:
        return True
    return i + 1 < len(words) and words[i + 1] in {"INDEX", "INVERTED"}


def _is_family(tokens: list[Token], i: int) -> bool:
    """``FAMILY [name] (…)``, not a column called family."""
    rest = tokens[i + 1 : i + 3]
    return bool(rest) and (rest[0][0] == "open" or (len(rest) == 2 and rest[1][0] == "open"))


def _clause_end(data: bytearray, tokens: list[Token], words: list[str], i: int, end: int) -> int:
    """End of a clause made of words and at most a trailing group (``SPLIT INTO 4 TABLETS``)."""
    stop = tokens[i][2]
    for j in range(i + 1, len(tokens)):
        kind, s, e = tokens[j]
        if kind == "open":
            return lexer.group_end(data, s, end)
        if kind in {"punct", "close"} or words[j] in {"WITH", "TABLESPACE", "WHERE", "PARTITION"}:
            return stop
        stop = e
    return stop


def _index_after(tokens: list[Token], offset: int) -> int:
    for j, token in enumerate(tokens):
        if token[1] >= offset:
            return j
    return len(tokens)


def _blank(data: bytearray, start: int, end: int, result: Tolerated, label: str) -> None:
    data[start:end] = b" " * (end - start)
    if label not in result.dropped:
        result.dropped.append(label)


def _blank_element(
    data: bytearray, tokens: list[Token], i: int, stop: int, result: Tolerated, label: str
) -> None:
    """Blank a table element and the comma that separates it from its neighbour."""
    start = tokens[i][1]
    previous = tokens[i - 1]
    if previous[0] == "punct" and data[previous[1]] == ord(","):
        start = previous[1]
    else:
        following = [t for t in tokens if t[1] >= stop]
        if following and following[0][0] == "punct" and data[following[0][1]] == ord(","):
            stop = following[0][2]
    _blank(data, start, stop, result, label)


def _index_element(
    data: bytearray, tokens: list[Token], words: list[str], i: int, stop: int
) -> dict[str, Any] | None:
    """``[UNIQUE] [INVERTED] INDEX [name] (col [ASC|DESC], …) [STORING (…)]`` as an index draft."""
    draft: dict[str, Any] = {}
    j = i
    while j < len(tokens) and tokens[j][1] < stop and words[j] in {"UNIQUE", "INVERTED", "INDEX"}:
        if words[j] == "UNIQUE":
            draft["unique"] = True
        elif words[j] == "INVERTED":
            draft["method"] = "gin"
        j += 1
    if j < len(tokens) and tokens[j][0] in {"word", "ident"}:
        draft["name"] = _name(data, tokens[j])
        j += 1
    if j >= len(tokens) or tokens[j][0] != "open":
        return None
    close = lexer.group_end(data, tokens[j][1], stop)
    columns: list[Any] = []
    for part_start, part_end in lexer.split_top_level(data, tokens[j][1] + 1, close - 1):
        parts = list(lexer.scan(data, part_start, part_end))
        if not parts or parts[0][0] not in {"word", "ident"}:
            columns.append({"sql": lexer.text(data, part_start, part_end)})
            continue
        name = _name(data, parts[0])
        order = [lexer.word(data, p) for p in parts[1:]]
        if not order or order == ["ASC"]:
            columns.append(name)
        elif order == ["DESC"]:
            columns.append({"column": name, "order": "desc"})
        else:
            columns.append({"sql": lexer.text(data, part_start, part_end)})
    draft["columns"] = columns
    rest = [t for t in tokens if close <= t[1] < stop]
    if len(rest) >= 2 and lexer.word(data, rest[0]) in {"STORING", "INCLUDE"} and rest[1][0] == "open":
        inner_end = lexer.group_end(data, rest[1][1], stop) - 1
        draft["include"] = [
            lexer.text(data, *span).strip('"')
            for span in lexer.split_top_level(data, rest[1][1] + 1, inner_end)
        ]
    return draft


def _name(data: bytearray, token: Token) -> str:
    raw = lexer.text(data, token[1], token[2])
    if token[0] == "ident":
        return raw[1:-1].replace('""', '"')
    return raw.lower()
