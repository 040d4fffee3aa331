"""Table constraints and index parts, and the REFERENCES clause they share with columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.tokens import Span

#: Words that begin a table constraint (never a column name, unless quoted).
RESERVED_CONSTRAINT_WORDS = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK"})
#: … and, in MySQL and SQL Server, an index written inside CREATE TABLE.
CONSTRAINT_WORDS = RESERVED_CONSTRAINT_WORDS | {"KEY", "INDEX", "FULLTEXT", "SPATIAL"}

_ACTIONS = {"CASCADE": "cascade", "RESTRICT": "restrict", "SET NULL": "set null",
            "SET DEFAULT": "set default", "NO ACTION": None}


@dataclass
class Reference:
    """``REFERENCES table (columns) ON DELETE … ON UPDATE …``."""

    namespace: str | None
    table: str
    columns: list[str]
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Constraint:
    """A table-level constraint or index definition."""

    kind: str  # primary_key | unique | foreign_key | check | index
    offset: int
    name: str | None = None
    parts: list[str | dict[str, Any]] = field(default_factory=list)
    reference: Reference | None = None
    sql: str | None = None
    method: str | None = None
    index_kind: str | None = None
    unique: bool = False
    include: list[str] = field(default_factory=list)
    where: str | None = None
    clustered: bool | None = None
    autoincrement: bool = False
    """SQLite's ``PRIMARY KEY ("id" AUTOINCREMENT)``: the key column is an identity."""

    @property
    def columns(self) -> list[str]:
        """The parts that are plain columns (constraints have nothing else)."""
        return [p if isinstance(p, str) else p.get("column") or "" for p in self.parts]

    @property
    def simple(self) -> bool:
        """Every part is a bare column (no expression, order or prefix length)."""
        return all(isinstance(p, str) for p in self.parts)


# -- references -----------------------------------------------------------------


def read_reference(stmt: Statement, i: int, stop: int) -> tuple[Reference, int]:
    """``REFERENCES table [(cols)] [ON DELETE …] [ON UPDATE …] [MATCH …] [DEFERRABLE …]`` at `i`."""
    toks = stmt.tokens
    if toks.kw(i) != "REFERENCES":
        raise StatementError("expected REFERENCES", toks.start(i))
    namespace, table, j = stmt.qualified(i + 1)
    columns: list[str] = []
    if toks.kind(j) == TokenType.L_PAREN:
        group = toks.group(j)
        if group is not None:
            columns = stmt.column_list(group)
        j = toks.skip(j)
    ref = Reference(namespace, table, columns)
    while j < stop:
        word = toks.kw(j)
        if word == "ON" and toks.kw(j + 1) in {"DELETE", "UPDATE"}:
            which = "on_delete" if toks.kw(j + 1) == "DELETE" else "on_update"
            j += 2
            two = f"{toks.kw(j)} {toks.kw(j + 1)}"
            if two in _ACTIONS:
                ref.fields[which] = _ACTIONS[two]
                j += 2
            elif toks.kw(j) in _ACTIONS:
                ref.fields[which] = _ACTIONS[toks.kw(j) or ""]
                j += 1
            continue
        if word == "MATCH":
            kind = (toks.kw(j + 1) or "").lower()
            if kind in {"full", "partial"}:
                ref.fields["match"] = kind
            j += 2
            continue
        if word == "NOT" and toks.kw(j + 1) == "DEFERRABLE":
            j += 2
            continue
        if word == "DEFERRABLE":
            ref.fields["deferrable"] = True
            j += 1
            continue
        if word == "INITIALLY":
            if toks.kw(j + 1) == "DEFERRED":
                ref.fields["initially_deferred"] = True
            j += 2
            continue
        if word in {"ENABLE", "DISABLE", "VALIDATE", "NOVALIDATE", "RELY", "NORELY", "ENFORCED"}:
            j += 1
            continue
        if word == "NOT" and toks.kw(j + 1) in {"FOR", "ENFORCED"}:
            j += 2 if toks.kw(j + 1) == "ENFORCED" else 3  # NOT FOR REPLICATION
            continue
        break
    return ref, j


# -- table constraints ----------------------------------------------------------------


def read_constraint(stmt: Statement, span: Span) -> Constraint:
    """A table-level constraint or index: PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, KEY/INDEX."""
    toks = stmt.tokens
    i = span.first
    name: str | None = None
    if toks.kw(i) == "CONSTRAINT":
        if toks.kw(i + 1) not in {"PRIMARY", "UNIQUE", "FOREIGN", "CHECK"}:
            name = stmt.ident(i + 1)
            i += 2
        else:
            i += 1
    word = toks.kw(i)
    offset = toks.start(span.first)
    if word == "PRIMARY":
        con = Constraint("primary_key", offset, name)
        return _keyed(stmt, con, i + 2, span.stop)
    if word == "UNIQUE":
        con = Constraint("unique", offset, name, unique=True)
        return _keyed(stmt, con, i + 1, span.stop)
    if word == "FOREIGN":
        con = Constraint("foreign_key", offset, name)
        j = i + 2
        if toks.kind(j) != TokenType.L_PAREN:  # MySQL: FOREIGN KEY index_name (cols)
            if name is None and stmt.rules.name != "mysql":
                # MariaDB names the constraint after the index; MySQL 8.0.16+ ignores the name
                con.name = stmt.ident(j)
            j += 1
        group = toks.group(j) if toks.kind(j) == TokenType.L_PAREN else None
        if group is None:
            raise StatementError("FOREIGN KEY needs its columns in parentheses", toks.start(j))
        con.parts = list(stmt.column_list(group))
        ref, _ = read_reference(stmt, toks.skip(j), span.stop)
        con.reference = ref
        return con
    if word == "CHECK":
        group = toks.group(i + 1) if toks.kind(i + 1) == TokenType.L_PAREN else None
        if group is None:
            raise StatementError("CHECK needs a condition in parentheses", toks.start(i))
        return Constraint("check", offset, name, sql=toks.span_text(group))
    if word in {"KEY", "INDEX", "FULLTEXT", "SPATIAL"}:
        con = Constraint("index", offset, name)
        if word in {"FULLTEXT", "SPATIAL"}:
            con.index_kind = word.lower()
        return _keyed(stmt, con, i + 1, span.stop)
    raise StatementError(f"cannot read this table element ({word or toks.raw(i)})", toks.start(i))


def _keyed(stmt: Statement, con: Constraint, i: int, stop: int) -> Constraint:
    """The rest of PRIMARY KEY / UNIQUE / KEY / INDEX: [name] [USING m] (parts) [options]."""
    toks = stmt.tokens
    while i < stop and toks.kind(i) != TokenType.L_PAREN:
        word = toks.kw(i)
        if word in {"KEY", "INDEX"}:
            pass
        elif word == "CLUSTERED":
            con.clustered = True
        elif word == "NONCLUSTERED":
            con.clustered = False
        elif word == "UNIQUE":
            con.unique = True
        elif word in {"USING", "TYPE"} and i + 1 < stop:
            con.method = (toks.value(i + 1) or "").lower()
            i += 1
        elif word in {"ASC", "DESC"}:
            pass
        elif con.kind == "index" and toks.kw(i) == "ON":
            break
        elif con.name is None:
            con.name = stmt.ident(i)
        i += 1
    group = toks.group(i) if toks.kind(i) == TokenType.L_PAREN else None
    if group is None:
        raise StatementError("expected the columns in parentheses", toks.start(min(i, len(toks) - 1)))
    con.parts = index_parts(stmt, group)
    i = toks.skip(i)
    while i < stop:
        word = toks.kw(i)
        if word in {"USING", "TYPE"} and i + 1 < stop:
            con.method = (toks.value(i + 1) or "").lower()
            i += 2
            continue
        if word == "INCLUDE" and toks.kind(i + 1) == TokenType.L_PAREN:
            group = toks.group(i + 1)
            con.include = stmt.column_list(group) if group else []
            i = toks.skip(i + 1)
            continue
        if word == "WHERE":
            con.where = toks.slice(i + 1, stop)
            break
        i = toks.skip(i)
    return con


def index_parts(stmt: Statement, group: Span) -> list[str | dict[str, Any]]:
    """Index elements in model form: a column name, or a dict with column/sql and options."""
    toks = stmt.tokens
    parts: list[str | dict[str, Any]] = []
    mysql = stmt.rules.is_mysql
    for part in toks.split(group):
        stop = part.stop
        element: dict[str, Any] = {}
        # trailing ASC / DESC / NULLS FIRST|LAST / COLLATE x
        while stop > part.first + 1:
            last = toks.kw(stop - 1)
            if last == "AUTOINCREMENT" and stmt.rules.family == "sqlite":
                element["autoincrement"] = True
                stop -= 1
            elif last in {"ASC", "DESC"}:
                if last == "DESC":  # ascending is the default order: nothing to record
                    element["order"] = "desc"
                stop -= 1
            elif last in {"FIRST", "LAST"} and toks.kw(stop - 2) == "NULLS":
                element["nulls"] = last.lower()
                stop -= 2
            elif toks.kw(stop - 2) == "COLLATE":
                element["collation"] = toks.value(stop - 1)
                stop -= 2
            else:
                break
        first = part.first
        length: int | None = None
        if (mysql and stop - first >= 2 and toks.kind(first + 1) == TokenType.L_PAREN
                and toks.close(first + 1) == stop - 1):
            inner = toks.group(first + 1)
            assert inner is not None
            length = _int(toks.span_text(inner))
            if length is not None:
                stop = first + 1
        if stop - first == 1 and toks.kind(first) not in {TokenType.NUMBER, TokenType.STRING}:
            element["column"] = stmt.ident(first)
        else:
            text = toks.slice(first, stop)
            if toks.kind(first) == TokenType.L_PAREN and toks.close(first) == stop - 1:
                inner = toks.group(first)
                assert inner is not None
                text = toks.span_text(inner)
            element["sql"] = text
        if length is not None:
            element["length"] = length
        if element.pop("autoincrement", False):
            parts.append({**element, "_autoincrement": True})
        elif set(element) == {"column"}:
            parts.append(element["column"])
        else:
            parts.append(element)
    return parts


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
