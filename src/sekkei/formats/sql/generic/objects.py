"""CREATE INDEX, VIEW, SEQUENCE and SCHEMA, comments, and what DROP and RENAME take away."""

from __future__ import annotations

from typing import Any

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.generic.columns import number_at
from sekkei.formats.sql.generic.constraints import index_parts
from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.edits import (
    drop_index_anywhere,
    drop_named,
    rename_table,
)
from sekkei.formats.sql.generic.routines import drop_routine, drop_trigger
from sekkei.formats.sql.generic.tokens import Span

# -- CREATE INDEX ----------------------------------------------------------------------

_WHERE_ENDS = frozenset({"WITH", "ON", "TABLESPACE", "USING", "COMMENT", "INVISIBLE", "VISIBLE",
                         "LOCAL", "GLOBAL", "COMPRESS", "NOCOMPRESS", "LOGGING", "NOLOGGING",
                         "ONLINE", "PARALLEL", "NOPARALLEL", "ALGORITHM", "LOCK"})


def create_index(stmt: Statement) -> None:
    """``CREATE [UNIQUE|FULLTEXT|SPATIAL|CLUSTERED …] INDEX [name] ON table (parts) [options]``."""
    toks = stmt.tokens
    unique = False
    kind: str | None = None
    clustered: bool | None = None
    i = 1
    while i < len(toks) and toks.kw(i) != "INDEX":
        word = toks.kw(i)
        if word == "UNIQUE":
            unique = True
        elif word in {"FULLTEXT", "SPATIAL"}:
            kind = word.lower()
        elif word == "CLUSTERED":
            clustered = True
        elif word == "NONCLUSTERED":
            clustered = False
        i += 1
    i += 1
    while toks.kw(i) in {"CONCURRENTLY", "ONLINE", "OFFLINE"}:
        i += 1
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    name: str | None = None
    method: str | None = None
    loc = stmt.loc_of(i)
    if toks.kw(i) != "ON" or toks.kind(i + 1) == TokenType.L_PAREN:
        _, name, i = stmt.qualified(i)
    if toks.kw(i) == "USING":
        method = toks.value(i + 1).lower()
        i += 2
    if toks.kw(i) != "ON":
        raise StatementError("expected ON and the table of the index", toks.start(min(i, len(toks) - 1)))
    namespace, table_name, i = stmt.qualified(i + 1)
    if toks.kw(i) == "USING":
        method = toks.value(i + 1).lower()
        i += 2
    group = toks.group(i) if toks.kind(i) == TokenType.L_PAREN else None
    if group is None:
        raise StatementError("expected the indexed columns in parentheses",
                             toks.start(min(i, len(toks) - 1)))
    parts = index_parts(stmt, group)
    for part, span in zip(parts, toks.split(group), strict=True):
        if isinstance(part, dict) and "sql" in part:
            stmt.check_expression(span)
    index: Draft = {"columns": parts, "loc": loc}
    i = toks.skip(i)
    while i < len(toks):
        word = toks.kw(i)
        if word == "INCLUDE" and toks.kind(i + 1) == TokenType.L_PAREN:
            include = toks.group(i + 1)
            index["include"] = stmt.column_list(include) if include else []
            i = toks.skip(i + 1)
        elif word == "WHERE":
            end = toks.until(i + 1, len(toks), _WHERE_ENDS)
            stmt.check_expression(Span(i + 1, end))
            index["where"] = toks.slice(i + 1, end)
            i = end
        elif word in {"USING", "TYPE"} and i + 1 < len(toks):
            method = toks.value(i + 1).lower()
            i += 2
        elif word == "COMMENT" and toks.is_string(i + 1):
            index["comment"] = toks.value(i + 1)
            i += 2
        else:
            i = toks.skip(i)
    draft = stmt.builder.table(namespace, table_name, stmt.loc_of(0), what="CREATE INDEX")
    if draft is None:
        return
    if name:
        index["name"] = name
    if method:
        index["method"] = method
    if kind:
        index["kind"] = kind
    if clustered:
        index["options"] = {"clustered": "true"}
    plain = all(isinstance(p, str) for p in parts)
    if unique and stmt.rules.is_mysql and plain and "where" not in index:
        stmt.builder.add_unique(draft, list(parts), name, index["loc"])  # type: ignore[arg-type]
        return
    if unique:
        index["unique"] = True
    stmt.builder.add_index(draft, index)


# -- CREATE VIEW -------------------------------------------------------------------------------


def create_view(stmt: Statement) -> None:
    """``CREATE [OR REPLACE] [MATERIALIZED] VIEW name [(columns)] [options] AS query``."""
    toks = stmt.tokens
    at = 0
    materialized = False
    while at < len(toks) and toks.kw(at) not in {"VIEW", "SNAPSHOT"}:
        if toks.kw(at) == "MATERIALIZED":
            materialized = True
        at += 1
    i = at + 1
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    loc = stmt.loc_of(i)
    namespace, name, i = stmt.qualified(i)
    fields: dict[str, Any] = {"materialized": materialized}
    if toks.kind(i) == TokenType.L_PAREN:
        group = toks.group(i)
        if group is not None:
            fields["columns"] = [stmt.ident(part.first) for part in toks.split(group)]
        i = toks.skip(i)
    while i < len(toks) and toks.kw(i) != "AS":
        if toks.kw(i) == "COMMENT":
            j = i + 2 if toks.kind(i + 1) == TokenType.EQ else i + 1
            if toks.is_string(j):
                fields["comment"] = toks.value(j)
        i = toks.skip(i)
    if i >= len(toks):
        if toks.kw(0) == "ALTER":  # ALTER VIEW v SET SECURE, COMPILE …: no new definition
            stmt.reader.skip("ALTER VIEW", "changes no definition", stmt.loc())
            return
        raise StatementError(f"view {name}: expected AS and its query", toks.start(len(toks) - 1))
    first, stop = i + 1, len(toks)
    stop, check = _check_option(stmt, first, stop)
    if check:
        fields["check_option"] = check
    if stop <= first:
        raise StatementError(f"view {name}: the query is missing", toks.start(i))
    _check_query(stmt, name, first, stop)
    stmt.builder.add_view(namespace, name, toks.slice(first, stop), loc, **fields)


def _check_query(stmt: Statement, name: str, first: int, stop: int) -> None:
    """Let sqlglot check a view's query; one it cannot read is kept, with a warning."""
    toks = stmt.tokens
    if toks.kw(first) not in {"SELECT", "WITH", "VALUES", "TABLE"} and \
            toks.kind(first) != TokenType.L_PAREN:
        raise StatementError(f"view {name}: expected a query after AS", toks.start(first))
    start, end = toks.start(first), toks.end(stop - 1)
    try:
        stmt.parse(" " * start + stmt.prepared[start:end])
    except StatementError as error:
        stmt.warn("query-not-checked", f"view {name}: sqlglot cannot read this query ({error.message}); "
                  "it is kept as written without being checked", error.offset)


def _check_option(stmt: Statement, first: int, stop: int) -> tuple[int, str | None]:
    """A trailing ``WITH [LOCAL|CASCADED] CHECK OPTION`` or ``WITH READ ONLY``."""
    toks = stmt.tokens
    for i in range(max(first, stop - 6), stop):
        if toks.kw(i) != "WITH":
            continue
        if toks.seq(i + 1, "READ", "ONLY"):
            return i, None
        for j, mode in ((i + 1, None), (i + 2, toks.kw(i + 1))):
            if toks.seq(j, "CHECK", "OPTION"):
                return i, (mode or "cascaded").lower() if mode in {None, "LOCAL", "CASCADED"} else None
    return stop, None


# -- CREATE SEQUENCE / SCHEMA -------------------------------------------------------------------


def create_sequence(stmt: Statement) -> None:
    """``CREATE SEQUENCE name [AS type] [START WITH n] [INCREMENT BY n] [MIN/MAX …] [CACHE n] [CYCLE]``."""
    toks = stmt.tokens
    i = 1
    while i < len(toks) and toks.kw(i) != "SEQUENCE":
        i += 1
    i += 1
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    loc = stmt.loc_of(i)
    namespace, name, i = stmt.qualified(i)
    fields: dict[str, Any] = {}
    while i < len(toks):
        word = toks.kw(i)
        j = i + 1
        while toks.kw(j) in {"WITH", "BY"} or toks.kind(j) == TokenType.EQ:
            j += 1
        if word in {"START", "INCREMENT", "MINVALUE", "MAXVALUE", "CACHE"}:
            value, after = number_at(toks, j)
            if value is None:
                raise StatementError(f"sequence {name}: {word} needs a number", toks.start(j))
            key = {"START": "start", "INCREMENT": "increment", "MINVALUE": "min_value",
                   "MAXVALUE": "max_value", "CACHE": "cache"}[word]
            fields[key] = value
            i = after
        elif word == "CYCLE":
            fields["cycle"] = True
            i += 1
        elif word == "AS":
            end = toks.until(i + 1, len(toks), {"START", "INCREMENT", "MINVALUE", "MAXVALUE",
                                                "NO", "CACHE", "CYCLE", "NOCYCLE"})
            fields["type"] = stmt.builder.column_type(toks.slice(i + 1, end))[0]
            i = end
        elif word == "COMMENT" and toks.is_string(j):
            fields["comment"] = toks.value(j)
            i = j + 1
        else:
            i = toks.skip(i)
    if not isinstance(stmt.parse(), exp.Create):
        stmt.warn("not-checked", f"sqlglot cannot read sequence {name}; its options were read "
                  "without being checked")
    stmt.builder.add_sequence(namespace, name, loc, **fields)


def create_schema(stmt: Statement) -> None:
    """``CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION owner]`` (a namespace)."""
    toks = stmt.tokens
    i = 2
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    if toks.kw(i) == "AUTHORIZATION":
        i += 1
    parts, _ = stmt.name_parts(i)
    if not parts:
        raise StatementError("expected the schema's name", toks.start(min(i, len(toks) - 1)))
    stmt.builder.add_namespace(parts[-1], stmt.loc_of(0))


# -- comments --------------------------------------------------------------------------------


_COMMENT_KINDS = {"TABLE": "table", "COLUMN": "column", "VIEW": "view", "INDEX": "index",
                  "SEQUENCE": "sequence", "SCHEMA": "schema", "MATERIALIZED": "materialized view",
                  "TYPE": "type", "DOMAIN": "domain", "CONSTRAINT": "constraint"}


def comment_on(stmt: Statement) -> None:
    """``COMMENT [IF EXISTS] ON {TABLE|COLUMN|VIEW|…} name IS 'text'``."""
    toks = stmt.tokens
    i = 1
    if toks.seq(i, "IF", "EXISTS"):
        i += 2
    i += 1  # ON
    word = toks.kw(i) or ""
    kind = _COMMENT_KINDS.get(word)
    if kind is None:
        stmt.reader.skip(f"COMMENT ON {word}", "not kept by this reader", stmt.loc())
        return
    i += 2 if word == "MATERIALIZED" else 1
    parts, i = stmt.name_parts(i)
    if toks.kw(i) != "IS":
        raise StatementError("expected IS and the comment", toks.start(min(i, len(toks) - 1)))
    if toks.kw(i + 1) != "NULL" and not toks.is_string(i + 1):
        raise StatementError("expected the comment as a string after IS", toks.start(i))
    value = None if toks.kw(i + 1) == "NULL" else toks.value(i + 1)
    target: tuple[str | None, str, str | None]
    if kind == "column":
        if len(parts) < 2:
            raise StatementError("COMMENT ON COLUMN needs table.column", toks.start(i - 1))
        target = (parts[-3] if len(parts) >= 3 else None, parts[-2], parts[-1])
    else:
        target = (parts[-2] if len(parts) >= 2 else None, parts[-1], None)
    stmt.builder.set_comment(kind, target, value, stmt.loc())


_PROPERTY_ORDER = ("name", "value", "level0type", "level0name", "level1type", "level1name",
                   "level2type", "level2name")


def extended_property(stmt: Statement) -> None:
    """SQL Server ``EXEC sp_addextendedproperty 'MS_Description', 'text', …`` is a comment."""
    toks = stmt.tokens
    i = 1
    while i < len(toks) and "EXTENDEDPROPERTY" not in (toks.kw(i) or ""):
        i += 1
    args: dict[str, str | None] = {}
    position = 0
    for part in toks.split(Span(i + 1, len(toks))):
        j = part.first
        key: str | None = None
        if toks.kind(j) == TokenType.PARAMETER:
            key = toks.value(j + 1).lower()
            j += 3 if toks.kind(j + 2) == TokenType.EQ else 2
        elif position < len(_PROPERTY_ORDER):
            key = _PROPERTY_ORDER[position]
        position += 1
        if key is None:
            continue
        args[key] = None if toks.kw(j) == "NULL" else toks.value(j) if j < part.stop else None
    name = args.get("name") or ""
    if name.lower() != "ms_description":
        stmt.reader.skip(f"extended property {name}", "only MS_Description is a comment", stmt.loc())
        return
    schema = args.get("level0name")
    level1 = (args.get("level1type") or "").lower()
    level2 = (args.get("level2type") or "").lower()
    table = args.get("level1name")
    value = args.get("value")
    if not table:
        stmt.builder.set_comment("schema", (None, schema or "", None), value, stmt.loc())
        return
    if level2 == "column":
        stmt.builder.set_comment("column", (schema, table, args.get("level2name")), value, stmt.loc())
    elif level2:
        stmt.reader.skip(f"extended property on a {level2}", "not kept by this reader", stmt.loc())
    else:
        stmt.builder.set_comment("view" if level1 == "view" else "table", (schema, table, None), value,
                                 stmt.loc())


# -- DROP / RENAME ------------------------------------------------------------------------------


def drop(stmt: Statement) -> None:
    """DROP of a table, view, index, sequence, trigger or routine read earlier in the script."""
    toks = stmt.tokens
    what = toks.kw(1) or ""
    i = 2
    if what == "MATERIALIZED":
        what, i = "VIEW", 3
    if what in {"PACKAGE", "TYPE"} and toks.kw(i) == "BODY":
        i += 1
    if toks.seq(i, "IF", "EXISTS"):
        i += 2
    dropped = False
    for part in toks.split(Span(i, len(toks))):
        namespace, name, after = stmt.qualified(part.first)
        on_table = toks.kw(after) == "ON"
        dropped = _drop_one(stmt, what, namespace, name, part, after if on_table else None) or dropped
    if not dropped:
        stmt.reader.skip(f"DROP {what}", "nothing to drop: it did not exist at that point", stmt.loc())


def _drop_one(stmt: Statement, what: str, namespace: str | None, name: str, part: Span,
              on: int | None) -> bool:
    builder = stmt.builder
    key = builder.key(namespace, name)
    if what == "TABLE":
        return builder.tables.pop(key, None) is not None
    if what == "VIEW":
        return builder.views.pop(key, None) is not None
    if what == "SEQUENCE":
        return builder.sequences.pop(key, None) is not None
    if what == "INDEX":
        if on is not None:
            tns, tname, _ = stmt.qualified(on + 1)
            draft = builder.tables.get(builder.key(tns, tname))
            groups = ("indexes", "uniques") if stmt.rules.is_mysql else ("indexes",)
            return draft is not None and drop_named(draft, name, groups, primary_key=False)
        if namespace is not None and builder.key(None, namespace) in builder.tables:
            draft = builder.tables[builder.key(None, namespace)]  # old T-SQL: DROP INDEX table.index
            return drop_named(draft, name, ("indexes", "uniques"), primary_key=False)
        return drop_index_anywhere(builder, namespace, name)
    if what == "TRIGGER":
        return drop_trigger(builder, namespace, name)
    if what in {"FUNCTION", "PROCEDURE", "PROC", "PACKAGE", "TYPE"}:
        return drop_routine(builder, namespace, name) or builder.domains.pop(key, None) is not None
    if what == "DOMAIN":
        return builder.domains.pop(key, None) is not None
    if what == "SCHEMA":
        return builder.namespaces.pop(name, None) is not None
    return False


def rename(stmt: Statement) -> None:
    """``RENAME TABLE a TO b [, c TO d]`` (MySQL) and ``RENAME a TO b`` (Oracle)."""
    toks = stmt.tokens
    i = 1
    if toks.kw(i) == "TABLE":
        i += 1
    for part in toks.split(Span(i, len(toks))):
        namespace, name, after = stmt.qualified(part.first)
        if toks.kw(after) != "TO":
            raise StatementError("expected RENAME old TO new", toks.start(part.first))
        new_ns, new_name, _ = stmt.qualified(after + 1)
        draft = stmt.builder.table(namespace, name, stmt.loc_of(part.first), what="RENAME")
        if draft is not None:
            rename_table(stmt.builder, draft, new_ns, new_name)


def virtual_table(stmt: Statement) -> None:
    """SQLite ``CREATE VIRTUAL TABLE … USING fts5(…)``: not a table a design can describe."""
    toks = stmt.tokens
    i = 1
    while i < len(toks) and toks.kw(i) != "TABLE":
        i += 1
    i += 1
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    _, name, i = stmt.qualified(i)
    module = toks.value(i + 1) if toks.kw(i) == "USING" and i + 1 < len(toks) else "a module"
    stmt.warn("virtual-table-skipped", f"virtual table {name} (USING {module}) is not kept: "
              "Sekkei does not model SQLite virtual tables", 0, subject=f"table {name}")
