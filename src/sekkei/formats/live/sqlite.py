"""SQLite: declared types from the pragmas, and what only the stored CREATE text says."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from sekkei.formats.live.raw import Context, Draft, RawCheck, RawTable
from sekkei.formats.live.reader import DatabaseReader
from sekkei.formats.live.sqltext import (
    find_keyword,
    first_paren,
    leading_identifier,
    matching_paren,
    split_top_level,
    unquote,
)

_TABLE_CONSTRAINTS = ("constraint", "primary", "unique", "check", "foreign")
_ORDER_RE = re.compile(r"\s+(asc|desc)\s*$", re.I)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SQLiteReader(DatabaseReader):
    """Columns, keys and checks from the inspector; indexes, AUTOINCREMENT, generated
    columns, table options, views and triggers from sqlite_master."""

    inspector_kinds = frozenset({"columns", "primary keys", "foreign keys", "uniques", "checks"})

    def __init__(self) -> None:
        self._sql: dict[tuple[str | None, str], str] = {}
        #: pragma table_list rows by (schema, name): (type, without rowid, strict)
        self._listed: dict[tuple[str | None, str], tuple[str, bool, bool]] = {}

    def existing_namespaces(self, ctx: Context) -> set[str]:
        return {row[1] for row in ctx.conn.execute(sa.text("pragma database_list"))}

    def default_namespaces(self, ctx: Context) -> list[str]:
        return ["main"]

    def table_names(self, ctx: Context, schema: str) -> list[str]:
        """Ordinary tables; virtual tables (FTS, R-tree …) and the shadow tables
        that hold their data are not part of the model."""
        self._list_tables(ctx, schema)
        rows = ctx.conn.execute(sa.text(
            f"select name, sql from {_quote(schema)}.sqlite_master where type = 'table' "
            "and name not like 'sqlite\\_%' escape '\\' order by name"))
        names = []
        for name, sql in rows:
            kind = self._listed.get((schema, name), ("table", False, False))[0]
            if kind == "shadow":
                continue
            if kind == "virtual" or (sql or "").lstrip()[:20].upper().startswith("CREATE VIRTUAL"):
                ctx.notes.warning("live-skipped", "virtual tables are not part of the model; left out",
                                  subject=f"table {name}")
                continue
            self._sql[(schema, name)] = sql or ""
            names.append(name)
        return names

    def _list_tables(self, ctx: Context, schema: str) -> None:
        """Kind (table, virtual, shadow), WITHOUT ROWID and STRICT of each table
        (pragma table_list, SQLite 3.37+; older versions leave this empty)."""
        try:
            rows = ctx.conn.execute(sa.text(f"pragma {_quote(schema)}.table_list")).all()
        except sa.exc.DBAPIError:
            return
        for row in rows:
            self._listed[(row[0], row[1])] = (str(row[2]), bool(row[4]), bool(row[5]))

    def refine(self, ctx: Context) -> None:
        total = len(ctx.tables)
        ctx.progress("details", 0, total)
        declared = _per_table(ctx, "table_xinfo")
        references = _per_table(ctx, "foreign_key_list")
        for done, (key, table) in enumerate(ctx.tables.items(), 1):
            sql = self._sql.get(key, "")
            _columns(table, sql, declared.get(key, []))
            _sort_checks(table, sql)
            _foreign_key_actions(table, references.get(key, []))
            _constraint_names(table, sql)
            listed = self._listed.get(key)
            if listed is not None:
                _, without_rowid, strict = listed
            else:
                tail = sql[sql.rfind(")") + 1:] if ")" in sql else ""
                without_rowid = find_keyword(tail, "rowid") != -1
                strict = find_keyword(tail, "strict") != -1
            if without_rowid:
                table.options["without_rowid"] = "true"
            if strict:
                table.options["strict"] = "true"
            if done % 64 == 0:
                ctx.progress("details", done, total)
        self._indexes_and_triggers(ctx)
        ctx.progress("details", total, total)

    def _indexes_and_triggers(self, ctx: Context) -> None:
        for schema in ctx.namespaces:
            rows = ctx.conn.execute(sa.text(
                f"select type, name, tbl_name, sql from {_quote(schema)}.sqlite_master "
                "where type in ('index', 'trigger') and sql is not null order by rowid"))
            for kind, name, table_name, sql in rows:
                table = ctx.tables.get((schema, table_name))
                if table is None:
                    continue
                if kind == "trigger":
                    table.triggers.append((name, sql.strip().removesuffix(";").rstrip()))
                    continue
                index = index_from_sql(name, sql, table)
                if index is None:
                    ctx.notes.warning("live-skipped", "the index's definition could not be read; left out",
                                      subject=f"table {table_name} index {name}")
                else:
                    table.indexes.append(index)

    def after_tables(self, ctx: Context) -> None:
        """Views from their stored CREATE VIEW text, in the order they were created."""
        views = [(schema, name, sql) for schema in ctx.namespaces for name, sql in ctx.conn.execute(sa.text(
            f"select name, sql from {_quote(schema)}.sqlite_master where type = 'view' order by rowid"))]
        ctx.progress("views", 0, len(views))
        for done, (schema, name, sql) in enumerate(views, 1):
            ctx.progress("views", done, len(views))
            parsed = view_from_sql(sql or "")
            if parsed is None:
                ctx.notes.warning("live-skipped", "the view's definition could not be read; left out",
                                  subject=f"view {name}")
                continue
            body, columns = parsed
            ctx.builder.add_view(ctx.model_namespace(schema), name, body, columns=columns or None)


def _sort_checks(table: RawTable, sql: str) -> None:
    """Checks in the order the CREATE TABLE text has them (as a DDL reader finds them)."""
    def position(check: RawCheck) -> int:
        found = sql.find(check.sql)
        return found if found != -1 else len(sql)

    table.checks.sort(key=position)


def _per_table(ctx: Context, pragma: str) -> dict[tuple[str | None, str], list[Any]]:
    """A table-valued pragma for every table at once (one query, not one per table)."""
    found: dict[tuple[str | None, str], list[Any]] = {}
    for schema in ctx.namespaces:
        rows = ctx.conn.execute(sa.text(
            f"select m.name, p.* from {_quote(schema)}.sqlite_master m "
            f"join pragma_{pragma}(m.name, :schema) p where m.type = 'table'"), {"schema": schema})
        for row in rows:
            found.setdefault((schema, row[0]), []).append(tuple(row)[1:])
    return found


def _columns(table: RawTable, sql: str, rows: list[Any]) -> None:
    """Declared type text; collation; AUTOINCREMENT; generated columns' expressions."""
    definitions = _column_definitions(sql)
    for row in rows:
        name, declared, hidden = row[1], row[2] or "", row[6]
        column = table.columns.get(name)
        if column is None or hidden == 1:
            continue
        # an untyped column takes any value: SQLite's own name for that is ANY
        column.type = declared or "ANY"
        column.generated = None
        definition = definitions.get(name.lower(), "")
        collate = find_keyword(definition, "collate")
        if collate != -1:
            column.collation = leading_identifier(definition[collate + 7:])[0] or None
        if hidden in (2, 3):
            expression = _generated_expression(definition)
            column.generated = (expression, hidden == 3) if expression else None
            column.default = None
    if find_keyword(sql, "autoincrement", depth=1) != -1 and table.primary_key is not None \
            and len(table.primary_key.columns) == 1:
        column = table.columns.get(table.primary_key.columns[0])
        if column is not None:
            column.identity = {"generated": "by_default"}


def _foreign_key_actions(table: RawTable, rows: list[Any]) -> None:
    """ON DELETE / ON UPDATE from pragma foreign_key_list (the inspector leaves them
    out), and the order the keys were declared in (the pragma numbers them backwards)."""
    by_id: dict[int, list[Any]] = {}
    for row in rows:
        by_id.setdefault(row[0], []).append(row)
    declared: dict[int, int] = {}
    for number, parts in by_id.items():
        parts.sort(key=lambda r: r[1])
        columns = [r[3] for r in parts]
        for position, fk in enumerate(table.foreign_keys):
            if position not in declared and fk.columns == columns and fk.ref_table == parts[0][2]:
                fk.on_update = _action(parts[0][5])
                fk.on_delete = _action(parts[0][6])
                declared[position] = number
                break
    order = sorted(range(len(table.foreign_keys)), key=lambda i: -declared.get(i, -1))
    table.foreign_keys = [table.foreign_keys[i] for i in order]


def _constraint_names(table: RawTable, sql: str) -> None:
    """Names of table constraints the inspector missed (it does not read ``[quoted]`` ones)."""
    start = first_paren(sql)
    end = matching_paren(sql, start) if start != -1 else -1
    if end == -1:
        return
    for part in split_top_level(sql[start + 1:end]):
        words = part.split(None, 1)
        if len(words) < 2 or words[0].lower() != "constraint":
            continue
        name, after = leading_identifier(words[1])
        rest = words[1][after:].lstrip()
        kind = rest.split(None, 1)[0].lower() if rest else ""
        opening = first_paren(rest)
        closing = matching_paren(rest, opening) if opening != -1 else -1
        if not name or closing == -1:
            continue
        inside = rest[opening + 1:closing]
        columns = [unquote(c) for c in split_top_level(inside)]
        if kind == "primary" and table.primary_key is not None and not table.primary_key.name:
            table.primary_key.name = name
        elif kind == "unique":
            for unique in table.uniques:
                if unique.name is None and unique.columns == columns:
                    unique.name = name
                    break
        elif kind == "foreign":
            for fk in table.foreign_keys:
                if fk.name is None and fk.columns == columns:
                    fk.name = name
                    break
        elif kind == "check":
            for check in table.checks:
                if check.name is None and check.sql == inside.strip():
                    check.name = name
                    break


def _action(value: Any) -> str | None:
    text = str(value or "").lower()
    return None if text in {"", "no action"} else text


def _column_definitions(sql: str) -> dict[str, str]:
    """Column name (lower case) → its definition text, from CREATE TABLE."""
    start = first_paren(sql)
    end = matching_paren(sql, start) if start != -1 else -1
    if end == -1:
        return {}
    found: dict[str, str] = {}
    for part in split_top_level(sql[start + 1:end]):
        word = part.split(None, 1)[0].lower() if part.split() else ""
        if word in _TABLE_CONSTRAINTS:
            continue
        name, after = leading_identifier(part)
        found[name.lower()] = part[after:]
    return found


def _generated_expression(definition: str) -> str | None:
    position = find_keyword(definition, "as")
    if position == -1:
        return None
    start = first_paren(definition, position)
    end = matching_paren(definition, start) if start != -1 else -1
    if end == -1:
        return None
    return definition[start + 1:end].strip()


def index_from_sql(name: str, sql: str, table: RawTable) -> Draft | None:
    """CREATE [UNIQUE] INDEX … ON t (parts) [WHERE …] in model form (None if unreadable)."""
    on = find_keyword(sql, "on")
    start = first_paren(sql, on) if on != -1 else -1
    end = matching_paren(sql, start) if start != -1 else -1
    if end == -1:
        return None
    head = sql[:on]
    columns = {c.lower(): c for c in table.columns}
    parts: list[str | Draft] = []
    for text in split_top_level(sql[start + 1:end]):
        parts.append(_index_part(text, columns))
    draft: Draft = {"name": name, "columns": parts}
    if find_keyword(head, "unique") != -1:
        draft["unique"] = True
    rest = sql[end + 1:]
    where = find_keyword(rest, "where")
    if where != -1:
        draft["where"] = rest[where + 5:].strip().removesuffix(";").rstrip()
    return draft


def _index_part(text: str, columns: dict[str, str]) -> str | Draft:
    element: Draft = {}
    order = _ORDER_RE.search(text)
    if order:
        if order.group(1).lower() == "desc":
            element["order"] = "desc"
        text = text[: order.start()]
    collate = find_keyword(text, "collate")
    if collate != -1:
        element["collation"] = unquote(text[collate + 7:].strip())
        text = text[:collate]
    text = text.strip()
    name, after = leading_identifier(text)
    if name and after == len(text) and name.lower() in columns:
        element["column"] = columns[name.lower()]
    else:
        element["sql"] = text
    return element["column"] if set(element) == {"column"} else element


def view_from_sql(sql: str) -> tuple[str, list[str]] | None:
    """(query, declared column names) of CREATE VIEW … AS query."""
    position = find_keyword(sql, "as")
    if position == -1:
        return None
    head = sql[:position]
    columns: list[str] = []
    start = first_paren(head)
    if start != -1:
        end = matching_paren(head, start)
        if end != -1:
            columns = [unquote(part) for part in split_top_level(head[start + 1:end])]
    body = sql[position + 2:].strip().removesuffix(";").rstrip()
    return body, columns


