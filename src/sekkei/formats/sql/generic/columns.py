"""Column definitions, read from tokens so that types and expressions stay as written.

sqlglot has already accepted the statement (see `tables`); here the tokens of
one column (``name TYPE NOT NULL DEFAULT …``) are walked once, the way the
database's own grammar reads them, keeping the original spelling of the type
and the original text of defaults and computed expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.generic.constraints import Reference, read_reference
from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.tokens import Span, Tokens

#: Words that end a column's type (where the constraints begin).
_TYPE_ENDS = frozenset({
    "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "FOREIGN",
    "AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY", "GENERATED", "AS", "ON", "COMMENT", "COLLATE",
    "CHARSET", "KEY", "OPTIONS", "ENCODE", "INVISIBLE", "VISIBLE", "COLUMN_FORMAT", "STORAGE",
    "ENABLE", "DISABLE", "ROWGUIDCOL", "SPARSE", "FILESTREAM", "MASKED", "ENCRYPTED", "INLINE",
    "IMPLICITLY", "LOGGED", "COMPACT", "HIDDEN", "PERSISTED", "STORED", "VIRTUAL", "MATERIALIZED",
    "ALIAS", "EPHEMERAL", "CODEC", "TTL", "SORT", "NOSORT", "ENCRYPT", "DECRYPT",
    "USING", "INDEX", "POLICY", "TAG", "PROJECTION", "COLLATION", "CONSTRAINTS",
})
#: Words that end a DEFAULT expression or an unparenthesised computed expression.
_EXPRESSION_ENDS = _TYPE_ENDS - {"AS", "INDEX", "KEY", "USING", "SORT"} | {"ON"}


@dataclass
class Column:
    """What a column definition says."""

    name: str
    offset: int
    type_text: str
    nullable: bool | None = None
    default: str | None = None
    default_name: str | None = None
    identity: dict[str, Any] | None = None
    generated: tuple[str, bool] | None = None
    on_update: str | None = None
    comment: str | None = None
    collation: str | None = None
    charset: str | None = None
    primary_key: bool = False
    primary_key_name: str | None = None
    autoincrement: bool = False
    uniques: list[str | None] = field(default_factory=list)
    checks: list[tuple[str | None, str, int]] = field(default_factory=list)
    references: list[tuple[str | None, Reference, int]] = field(default_factory=list)
    clustered: bool | None = None
    binary: bool = False  # MySQL's BINARY attribute after the character set


# -- columns ------------------------------------------------------------------


def read_column(stmt: Statement, span: Span, *, named: bool = True) -> Column:
    """A column definition: ``name type [constraints…]`` (the type and the rest if not `named`)."""
    toks = stmt.tokens
    name = stmt.ident(span.first) if named else ""
    end = type_end(toks, span.first + 1, span.stop)
    column = Column(name, toks.start(span.first), type_text(toks, span.first + 1, end))
    i = end
    pending: str | None = None
    while i < span.stop:
        word = toks.kw(i)
        if word == "CONSTRAINT":
            pending = stmt.ident(i + 1) if i + 1 < span.stop else None
            i += 2
            continue
        i = _column_clause(stmt, column, i, span.stop, pending)
        if word not in {"NOT", "NULL"}:
            pending = None
    return column


def type_end(toks: Tokens, first: int, stop: int) -> int:
    """Where a column's type ends: at the first word that starts a constraint."""
    i = first
    angles = 0  # BigQuery STRUCT<a INT64 NOT NULL>, ARRAY<…>
    while i < stop:
        kind = toks.kind(i)
        if kind == TokenType.LT:
            angles += 1
        elif kind == TokenType.GT and angles:
            angles -= 1
        elif not angles:
            word = toks.kw(i)
            if word == "CHARACTER":
                if i > first and toks.kw(i + 1) == "SET":
                    return i
            elif word == "WITH":
                if toks.kw(i + 1) not in {"TIME", "LOCAL"}:
                    return i
            elif word == "SERIAL":
                if i > first:
                    return i
            elif word in _TYPE_ENDS:
                return i
        i = toks.skip(i)
    return stop


def type_text(toks: Tokens, first: int, stop: int) -> str:
    """A type as written, with quoting around its name taken off (``[nvarchar](50)``)."""
    if stop <= first:
        return ""
    pieces: list[str] = []
    base = toks.start(first)
    cursor = base
    text = toks.text
    for i in range(first, stop):
        if toks.is_quoted(i):
            pieces.append(text[cursor:toks.start(i)])
            pieces.append(toks.value(i))
            cursor = toks.end(i)
    pieces.append(text[cursor:toks.end(stop - 1)])
    return " ".join("".join(pieces).split())


def expression_end(toks: Tokens, first: int, stop: int) -> int:
    """End of an expression that starts at `first` (a DEFAULT value, say)."""
    i = toks.skip(first)
    while i < stop:
        word = toks.kw(i)
        if word in _EXPRESSION_ENDS:
            if word == "ON" and toks.kw(i + 1) not in {"UPDATE", "DELETE", "NULL", "CONFLICT"}:
                i = toks.skip(i)
                continue
            if word == "WITH" and toks.kw(i + 1) in {"TIME", "LOCAL"}:
                i = toks.skip(i)
                continue
            return i
        if word == "CHARACTER" and toks.kw(i + 1) == "SET":
            return i
        if word == "WITH" and toks.kw(i + 1) not in {"TIME", "LOCAL"}:
            return i
        if word == "CASE":
            i = _case_end(toks, i, stop)
            continue
        i = toks.skip(i)
    return stop


def _case_end(toks: Tokens, first: int, stop: int) -> int:
    depth = 0
    i = first
    while i < stop:
        word = toks.kw(i)
        if word == "CASE":
            depth += 1
        elif word == "END":
            depth -= 1
            if depth == 0:
                return i + 1
        i = toks.skip(i)
    return stop


def _column_clause(stmt: Statement, col: Column, i: int, stop: int, name: str | None) -> int:
    """Read one clause of a column definition at `i`; returns the index after it."""
    toks = stmt.tokens
    word = toks.kw(i)
    if word == "NOT" and toks.kw(i + 1) == "NULL":
        col.nullable = False
        return i + 2
    if word == "NULL":
        col.nullable = True
        return i + 1
    if word == "WITH" and toks.kw(i + 1) == "DEFAULT":  # Db2
        i += 1
        word = "DEFAULT"
    if word == "DEFAULT":
        first = i + 1
        if toks.seq(first, "ON", "NULL"):  # Oracle DEFAULT ON NULL
            first += 2
        if first >= stop or (toks.kw(first) in _EXPRESSION_ENDS and toks.kw(first) != "NULL"):
            return first  # Db2 WITH DEFAULT without a value: the type's own default
        end = expression_end(toks, first, stop)
        col.default = toks.slice(first, end)
        col.default_name = name
        return end
    if word == "PRIMARY" and toks.kw(i + 1) == "KEY":
        col.primary_key = True
        col.primary_key_name = name
        i += 2
        while i < stop and toks.kw(i) in {"ASC", "DESC", "CLUSTERED", "NONCLUSTERED", "AUTOINCREMENT",
                                          "ON"}:
            if toks.kw(i) == "AUTOINCREMENT":
                col.autoincrement = True
            if toks.kw(i) == "CLUSTERED":
                col.clustered = True
            if toks.kw(i) == "NONCLUSTERED":
                col.clustered = False
            if toks.seq(i, "ON", "CONFLICT"):
                i += 3
                continue
            if toks.kw(i) == "ON":
                break
            i += 1
        return i
    if word == "UNIQUE":
        col.uniques.append(name)
        i += 1
        while toks.kw(i) in {"KEY", "CLUSTERED", "NONCLUSTERED"}:
            i += 1
        if toks.seq(i, "ON", "CONFLICT"):
            i += 3
        return i
    if word == "CHECK" and toks.kind(i + 1) == TokenType.L_PAREN:
        group = toks.group(i + 1)
        if group is None:
            raise StatementError("CHECK needs a condition in parentheses", toks.start(i))
        col.checks.append((name, toks.span_text(group), toks.start(i)))
        return toks.skip(i + 1)
    if word in {"REFERENCES", "FOREIGN"}:
        if word == "FOREIGN":
            i += 2 if toks.kw(i + 1) == "KEY" else 1
        ref, after = read_reference(stmt, i, stop)
        col.references.append((name, ref, toks.start(i)))
        return after
    if word in {"AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY"}:
        return _identity_words(stmt, col, i, stop)
    if word == "SERIAL" and toks.seq(i + 1, "DEFAULT", "VALUE"):  # MySQL
        col.identity = {"generated": "by_default"}
        col.nullable = False
        col.uniques.append(name)
        return i + 3
    if word == "GENERATED":
        return _generated(stmt, col, i, stop)
    if word == "AS":
        return _computed(stmt, col, i, stop)
    if word == "ON" and toks.kw(i + 1) == "UPDATE":
        first = i + 2
        end = expression_end(toks, first, stop)
        col.on_update = toks.slice(first, end)
        return end
    if word == "COMMENT":
        j = i + 1
        if toks.kind(j) == TokenType.EQ:
            j += 1
        if toks.is_string(j):
            col.comment = toks.value(j)
            return j + 1
        return j
    if word == "COLLATE":
        col.collation = toks.value(i + 1) if i + 1 < stop else None
        return i + 2
    if word in {"CHARSET", "CHARACTER"}:
        j = i + 2 if word == "CHARACTER" else i + 1
        col.charset = toks.value(j) if j < stop else None
        return j + 1
    if word == "BINARY" and stmt.rules.is_mysql:  # CHAR(10) CHARACTER SET latin1 BINARY
        col.binary = True
        return i + 1
    if word == "OPTIONS" and toks.kind(i + 1) == TokenType.L_PAREN:  # BigQuery
        col.comment = _bigquery_description(toks, i + 1) or col.comment
        return toks.skip(i + 1)
    return toks.skip(i)


def _identity_words(stmt: Statement, col: Column, i: int, stop: int) -> int:
    """AUTO_INCREMENT, IDENTITY[(seed, step)], AUTOINCREMENT [START n INCREMENT m]."""
    toks = stmt.tokens
    word = toks.kw(i)
    if word == "AUTOINCREMENT" and stmt.rules.family == "sqlite":
        col.autoincrement = True
        return i + 1
    identity: dict[str, Any] = {"generated": "by_default"}
    i += 1
    group = toks.group(i) if toks.kind(i) == TokenType.L_PAREN else None
    if group is not None:
        numbers = [_int(toks.span_text(p)) for p in toks.split(group)]
        if len(numbers) >= 1:
            identity["start"] = numbers[0]
        if len(numbers) >= 2:
            identity["increment"] = numbers[1]
        i = toks.skip(i)
    while i < stop and toks.kw(i) in {"START", "INCREMENT", "WITH", "BY", "ORDER", "NOORDER"}:
        key = toks.kw(i)
        if key in {"START", "INCREMENT"}:
            j = i + 1
            while toks.kw(j) in {"WITH", "BY"} or toks.kind(j) == TokenType.EQ:
                j += 1
            value, i = number_at(toks, j)
            identity["start" if key == "START" else "increment"] = value
            continue
        i += 1
    col.identity = _clean_identity(identity)
    return i


def _generated(stmt: Statement, col: Column, i: int, stop: int) -> int:
    """GENERATED {ALWAYS | BY DEFAULT [ON NULL]} AS {IDENTITY [(…)] | (expr) [STORED|VIRTUAL]}."""
    toks = stmt.tokens
    j = i + 1
    always = True
    if toks.kw(j) == "ALWAYS":
        j += 1
    elif toks.seq(j, "BY", "DEFAULT"):
        always = False
        j += 2
        if toks.seq(j, "ON", "NULL"):
            j += 2
    if toks.seq(j, "FOR", "EACH", "ROW", "ON", "UPDATE", "AS", "ROW", "CHANGE", "TIMESTAMP"):
        stmt.info("row-change-timestamp", f"column {col.name}: Db2's ROW CHANGE TIMESTAMP is not kept",
                  toks.start(i))
        return j + 9
    if toks.kw(j) != "AS":
        return j
    j += 1
    if toks.kw(j) == "IDENTITY":
        identity: dict[str, Any] = {"generated": "always" if always else "by_default"}
        j += 1
        group = toks.group(j) if toks.kind(j) == TokenType.L_PAREN else None
        if group is not None:
            identity.update(_sequence_numbers(toks, group))
            j = toks.skip(j)
        col.identity = _clean_identity(identity)
        return j
    if toks.kw(j) == "ROW":  # T-SQL temporal columns: GENERATED ALWAYS AS ROW START
        while j < stop and toks.kw(j) in {"ROW", "START", "END", "HIDDEN"}:
            j += 1
        return j
    return _computed(stmt, col, j - 1, stop)


def _computed(stmt: Statement, col: Column, i: int, stop: int) -> int:
    """AS (expr) [STORED | VIRTUAL | PERSISTED] — a computed column."""
    toks = stmt.tokens
    j = i + 1
    if toks.kind(j) == TokenType.L_PAREN and toks.close(j) is not None:
        group = toks.group(j)
        assert group is not None
        sql = toks.span_text(group)
        end = toks.skip(j)
    else:
        end = expression_end(toks, j, stop)
        sql = toks.slice(j, end)
    stored = toks.kw(end) in {"STORED", "PERSISTED", "MATERIALIZED"}
    if toks.kw(end) in {"STORED", "PERSISTED", "VIRTUAL", "MATERIALIZED"}:
        end += 1
    if sql.strip():
        col.generated = (sql, stored)
    return end


def _sequence_numbers(toks: Tokens, group: Span) -> dict[str, Any]:
    """START WITH n / INCREMENT BY n inside an identity's parentheses."""
    found: dict[str, Any] = {}
    i = group.first
    while i < group.stop:
        word = toks.kw(i)
        if word in {"START", "INCREMENT"}:
            j = i + 1
            while toks.kw(j) in {"WITH", "BY"} or toks.kind(j) == TokenType.EQ:
                j += 1
            value, i = number_at(toks, j)
            if value is not None:
                found["start" if word == "START" else "increment"] = value
            continue
        i += 1
    return found


def number_at(toks: Tokens, i: int) -> tuple[int | None, int]:
    """An integer literal (with its sign) at `i`, and the index after it."""
    sign = 1
    if toks.kind(i) in {TokenType.DASH, TokenType.PLUS}:
        sign = -1 if toks.kind(i) == TokenType.DASH else 1
        i += 1
    if toks.kind(i) != TokenType.NUMBER:
        return None, i
    value = _int(toks.value(i))
    return (sign * value if value is not None else None), i + 1


def _clean_identity(identity: dict[str, Any]) -> dict[str, Any]:
    """Leave out start and increment when they are the databases' default of 1."""
    return {k: v for k, v in identity.items() if not (k in {"start", "increment"} and v in (1, None))}


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _bigquery_description(toks: Tokens, paren: int) -> str | None:
    group = toks.group(paren)
    if group is None:
        return None
    for part in toks.split(group):
        if toks.kw(part.first) == "DESCRIPTION" and toks.is_string(part.stop - 1):
            return toks.value(part.stop - 1)
    return None
