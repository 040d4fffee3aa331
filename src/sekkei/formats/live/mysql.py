"""MySQL and MariaDB: exact types, defaults and keys from information_schema.

The inspector parses SHOW CREATE TABLE into SQLAlchemy types; information_schema
keeps the server's own spelling (``int(10) unsigned``, ``enum('a','b')``), says
which unique keys and indexes exist exactly (prefix lengths, order, FULLTEXT),
and tells MariaDB's ``json`` (a longtext with an automatic json_valid check)
from a real longtext.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from sekkei.formats.live import mysql_objects as objects
from sekkei.formats.live.raw import Context, Draft, RawCheck, RawColumn, RawKey, RawTable
from sekkei.formats.live.reader import DatabaseReader
from sekkei.formats.sql.defaults import strip_parens
from sekkei.formats.sql.typemap import mysql_character_set
from sekkei.model.diagnostics import InputError, Problem


def in_namespaces(sql: str) -> sa.TextClause:
    """A query whose ``:ns`` is the list of databases read."""
    return sa.text(sql).bindparams(sa.bindparam("ns", expanding=True))


_TABLES = in_namespaces("""
select t.TABLE_SCHEMA as db, t.TABLE_NAME as name, t.ENGINE as engine, t.CREATE_OPTIONS as create_options,
       t.TABLE_COLLATION as collation, c.CHARACTER_SET_NAME as charset, t.TABLE_COMMENT as comment
from information_schema.TABLES t
left join information_schema.COLLATIONS c on c.COLLATION_NAME = t.TABLE_COLLATION
where t.TABLE_SCHEMA in :ns and t.TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED')
order by t.TABLE_SCHEMA, t.TABLE_NAME
""")

_COLUMNS = in_namespaces("""
select TABLE_SCHEMA as db, TABLE_NAME as table_name, COLUMN_NAME as name, COLUMN_TYPE as type,
       DATA_TYPE as data_type, COLUMN_DEFAULT as default_value, IS_NULLABLE as nullable,
       EXTRA as extra, GENERATION_EXPRESSION as expression, CHARACTER_SET_NAME as charset,
       COLLATION_NAME as collation, COLUMN_COMMENT as comment
from information_schema.COLUMNS
where TABLE_SCHEMA in :ns
order by TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
""")

_DATABASE_DEFAULTS = in_namespaces("""
select SCHEMA_NAME as db, DEFAULT_CHARACTER_SET_NAME as charset, DEFAULT_COLLATION_NAME as collation
from information_schema.SCHEMATA
where SCHEMA_NAME in :ns
""")

_DEFAULT_COLLATIONS = sa.text("""
select CHARACTER_SET_NAME as charset, COLLATION_NAME as collation
from information_schema.COLLATIONS
where IS_DEFAULT = 'Yes'
""")

_CHECKS_MARIADB = in_namespaces("""
select * from information_schema.CHECK_CONSTRAINTS where CONSTRAINT_SCHEMA in :ns
""")

_CHECKS_MYSQL = in_namespaces("""
select tc.TABLE_SCHEMA as CONSTRAINT_SCHEMA, tc.TABLE_NAME as TABLE_NAME,
       cc.CONSTRAINT_NAME as CONSTRAINT_NAME, cc.CHECK_CLAUSE as CHECK_CLAUSE
from information_schema.TABLE_CONSTRAINTS tc
join information_schema.CHECK_CONSTRAINTS cc
  on cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
where tc.CONSTRAINT_TYPE = 'CHECK' and tc.TABLE_SCHEMA in :ns
""")

_STATISTICS = """
select TABLE_SCHEMA as db, TABLE_NAME as table_name, INDEX_NAME as name, NON_UNIQUE as non_unique,
       SEQ_IN_INDEX as position, COLUMN_NAME as column_name, SUB_PART as length,
       COLLATION as collation, INDEX_TYPE as index_type, INDEX_COMMENT as comment{expression}
from information_schema.STATISTICS
where TABLE_SCHEMA in :ns
"""

_PARTITIONS = in_namespaces("""
select distinct TABLE_SCHEMA as db, TABLE_NAME as table_name, PARTITION_METHOD as method,
       PARTITION_EXPRESSION as expression
from information_schema.PARTITIONS
where TABLE_SCHEMA in :ns and PARTITION_NAME is not null
""")

_ROW_FORMAT_RE = re.compile(r"row_format=(\w+)", re.I)
_ON_UPDATE_RE = re.compile(r"\bon update (.+)$", re.I)
_GENERATED_RE = re.compile(r"\b(virtual|stored|persistent) generated\b", re.I)
_JSON_CHECK_RE = re.compile(r"^json_valid\(`((?:[^`]|``)+)`\)$", re.I)
_IDENTIFIER_RE = re.compile(r"`((?:[^`]|``)+)`")
_NOW_RE = re.compile(r"^(current_timestamp|now|localtime|localtimestamp)(\(\d*\))?$", re.I)
#: The engine a table gets when none is named: not part of a design.
DEFAULT_ENGINE = "innodb"
#: data types whose MySQL 8 default is shown bare but is written as a number
_NUMERIC = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric",
            "float", "double", "real", "bit", "year", "bool", "boolean"}


def mapping(row: Any) -> Mapping[str, Any]:
    """A row with upper-case keys (MySQL and MariaDB disagree on information_schema's case)."""
    return {str(k).upper(): v for k, v in dict(row).items()}


class MySQLReader(DatabaseReader):
    """Columns, primary and foreign keys and comments from the inspector; the rest
    from information_schema."""

    inspector_kinds = frozenset({"columns", "primary keys", "foreign keys", "comments"})

    def existing_namespaces(self, ctx: Context) -> set[str]:
        rows = ctx.conn.execute(sa.text("select SCHEMA_NAME from information_schema.SCHEMATA"))
        return {row[0] for row in rows}

    def default_namespaces(self, ctx: Context) -> list[str]:
        database = ctx.conn.execute(sa.text("select database()")).scalar()
        if not database:
            raise InputError(Problem(
                "the connection has no database selected", code="no-database",
                hint="put the database name in the URL, e.g. mysql+pymysql://user@host/shop"))
        return [str(database)]

    def table_names(self, ctx: Context, schema: str) -> list[str]:
        rows = ctx.conn.execute(sa.text(
            "select TABLE_NAME from information_schema.TABLES where TABLE_SCHEMA = :db "
            "and TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED') order by TABLE_NAME"), {"db": schema})
        return [row[0] for row in rows]

    def refine(self, ctx: Context) -> None:
        total = len(ctx.tables)
        ctx.progress("details", 0, total)
        params = {"ns": ctx.namespaces}
        for row in ctx.conn.execute(_TABLES, params).mappings():
            table = ctx.tables.get((row["db"], row["name"]))
            if table is not None:
                _table_options(table, row)
        checks = _checks(ctx)
        defaults = {row["charset"]: row["collation"]
                    for row in ctx.conn.execute(_DEFAULT_COLLATIONS).mappings()}
        _columns(ctx, checks, defaults)
        _table_character_sets(ctx, defaults)
        for key, table in ctx.tables.items():
            table.checks = _in_dump_order(table, checks.get(key, []))
        _indexes(ctx)
        for row in ctx.conn.execute(_PARTITIONS, params).mappings():
            table = ctx.tables.get((row["db"], row["table_name"]))
            if table is not None and row["method"]:
                table.partition_by = f"{row['method']} ({row['expression'] or ''})"
        objects.add_triggers(ctx)
        ctx.progress("details", total, total)

    def after_tables(self, ctx: Context) -> None:
        objects.add_views(ctx)
        objects.add_routines(ctx)


def _table_options(table: RawTable, row: Any) -> None:
    table.collation = row["collation"]
    table.charset = row["charset"]
    table.comment = row["comment"] or None
    if row["engine"] and str(row["engine"]).lower() != DEFAULT_ENGINE:
        table.options["engine"] = row["engine"]
    found = _ROW_FORMAT_RE.search(row["create_options"] or "")
    if found:
        table.options["row_format"] = found.group(1).upper()


def _is_mariadb(ctx: Context) -> bool:
    return ctx.dialect == "mariadb"


def _checks(ctx: Context) -> dict[tuple[str | None, str], list[RawCheck]]:
    """CHECK constraints (information_schema has them from MySQL 8.0.16 and MariaDB 10.2)."""
    query = _CHECKS_MARIADB if _is_mariadb(ctx) else _CHECKS_MYSQL
    found: dict[tuple[str | None, str], list[RawCheck]] = {}
    try:
        rows = ctx.conn.execute(query, {"ns": ctx.namespaces}).all()
    except sa.exc.DBAPIError as exc:
        if exc.connection_invalidated:
            raise
        ctx.notes.info("live-not-supported", "this server does not report CHECK constraints")
        return found
    for raw in rows:
        row = mapping(raw._mapping)
        key = (row["CONSTRAINT_SCHEMA"], row["TABLE_NAME"])
        table = ctx.tables.get(key)
        if table is None:
            continue
        text = str(row["CHECK_CLAUSE"] or "").strip()
        name = row["CONSTRAINT_NAME"]
        if str(row.get("LEVEL") or "").lower() == "column":
            columns = [name]
        else:
            columns = [c.replace("``", "`") for c in _IDENTIFIER_RE.findall(text)]
            columns = [c for c in dict.fromkeys(columns) if c in table.columns]
        found.setdefault(key, []).append(RawCheck(name, text, columns))
    return found


def _table_character_sets(ctx: Context, defaults: dict[str, str]) -> None:
    """A table's character set and collation, left out when they are its database's
    defaults (the table then simply inherits them), its collation when it is its
    character set's default (`typemap.mysql_character_set`)."""
    databases = {row["db"]: (row["charset"], row["collation"])
                 for row in ctx.conn.execute(_DATABASE_DEFAULTS, {"ns": ctx.namespaces}).mappings()}
    for (db, _), table in ctx.tables.items():
        if databases.get(db) == (table.charset, table.collation):
            table.charset = table.collation = None
        else:
            table.charset, table.collation = mysql_character_set(table.charset, table.collation, defaults)


def _columns(ctx: Context, checks: dict[tuple[str | None, str], list[RawCheck]],
             defaults: dict[str, str]) -> None:
    """Columns' exact types, defaults and generated values; a column's character set
    and collation only where they are not what it inherits from its table."""
    mariadb = _is_mariadb(ctx)
    for row in ctx.conn.execute(_COLUMNS, {"ns": ctx.namespaces}).mappings():
        key = (row["db"], row["table_name"])
        table = ctx.tables.get(key)
        if table is None:
            continue
        column = table.columns.get(row["name"])
        if column is None:
            column = table.columns[row["name"]] = RawColumn(row["name"])
        column.type = row["type"]
        column.nullable = row["nullable"] == "YES"
        column.comment = row["comment"] or None
        extra = str(row["extra"] or "")
        lowered = extra.lower()
        column.default = _default(row, mariadb)
        column.identity = {"generated": "by_default"} if "auto_increment" in lowered else None
        on_update = _ON_UPDATE_RE.search(extra)
        column.on_update = on_update.group(1).strip() if on_update else None
        generated = _GENERATED_RE.search(extra)
        if generated:
            stored = generated.group(1).lower() != "virtual"
            column.generated = (str(row["expression"] or "").strip(), stored)
            column.default = None
        else:
            column.generated = None
        column.charset, column.collation = mysql_character_set(
            row["charset"], row["collation"], defaults, (table.charset, table.collation))
        if mariadb and row["data_type"] == "longtext" and _drop_json_check(checks.get(key, []), column.name):
            column.type = "json"
            column.charset = column.collation = None


def _in_dump_order(table: RawTable, checks: list[RawCheck]) -> list[RawCheck]:
    """Checks as SHOW CREATE TABLE lists them: those written on a column (MariaDB keeps
    them there, named after the column) in column order, then the table's own in
    the server's order."""
    columns = list(table.columns)

    def key(check: RawCheck) -> tuple[int, int]:
        name = check.name or ""
        if name in table.columns and check.columns == [name]:
            return (0, columns.index(name))
        return (1, 0)

    return sorted(checks, key=key)


def _drop_json_check(checks: list[RawCheck], column: str) -> bool:
    """MariaDB's JSON is longtext plus CHECK (json_valid(col)) named after the column."""
    for check in checks:
        found = _JSON_CHECK_RE.match(check.sql)
        if check.name == column and found and found.group(1).replace("``", "`") == column:
            checks.remove(check)
            return True
    return False


def _default(row: Any, mariadb: bool) -> str | None:
    """The default as SQL text.

    MariaDB (10.2.7+) reports SQL: ``'abc'``, ``NULL``, ``current_timestamp()``.
    MySQL reports the bare value, and flags expressions with DEFAULT_GENERATED.
    """
    value = row["default_value"]
    if value is None:
        return None
    text = str(value)
    if mariadb:
        return None if text.upper() == "NULL" else text
    if "default_generated" in str(row["extra"] or "").lower():
        return text if _NOW_RE.match(text.strip()) else f"({text})"
    if str(row["data_type"]).lower() in _NUMERIC:
        return text
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _indexes(ctx: Context) -> None:
    """Unique keys become uniques, other keys indexes; the key MySQL made for a
    foreign key (same name, same columns) is the foreign key's, not the design's.

    information_schema lists keys in the server's own order, the order SHOW
    CREATE TABLE (and so a dump) writes them in; it is kept.
    """
    expression = ", EXPRESSION as expression" if _has_expression_column(ctx) else ""
    query = in_namespaces(_STATISTICS.format(expression=expression))
    grouped: dict[tuple[str | None, str, str], list[Any]] = {}
    for row in ctx.conn.execute(query, {"ns": ctx.namespaces}).mappings():
        grouped.setdefault((row["db"], row["table_name"], row["name"]), []).append(row)
    for table in ctx.tables.values():
        table.indexes = []
        table.uniques = []
    for (db, table_name, name), rows in grouped.items():
        owner = ctx.tables.get((db, table_name))
        if owner is not None and name != "PRIMARY":
            _add_key(owner, name, sorted(rows, key=lambda row: row["position"]))


def _has_expression_column(ctx: Context) -> bool:
    """Functional key parts exist in MySQL 8.0.13+ (MariaDB has none)."""
    if _is_mariadb(ctx):
        return False
    version = ctx.conn.dialect.server_version_info or (0,)
    return tuple(version) >= (8, 0, 13)


def _add_key(table: RawTable, name: str, rows: list[Any]) -> None:
    parts: list[str | Draft] = []
    for row in rows:
        element: Draft = {}
        if row["column_name"] is not None:
            element["column"] = row["column_name"]
        else:
            element["sql"] = strip_parens(str(row.get("expression") or ""))
        if row["length"]:
            element["length"] = int(row["length"])
        if row["collation"] == "D":
            element["order"] = "desc"
        parts.append(element["column"] if set(element) == {"column"} else element)
    first = rows[0]
    plain = all(isinstance(part, str) for part in parts)
    columns = [part for part in parts if isinstance(part, str)]
    comment = first["comment"] or None
    index_type = str(first["index_type"] or "").upper()
    if not int(first["non_unique"]) and plain and index_type in {"BTREE", ""}:
        table.uniques.append(RawKey(name, columns, comment))
        return
    if int(first["non_unique"]) and plain and any(
            fk.name == name and fk.columns == columns for fk in table.foreign_keys):
        return
    draft: Draft = {"name": name, "columns": parts}
    if not int(first["non_unique"]):
        draft["unique"] = True
    if index_type in {"FULLTEXT", "SPATIAL"}:
        draft["kind"] = index_type.lower()
    elif index_type and index_type != "BTREE":
        draft["method"] = index_type.lower()
    if comment:
        draft["comment"] = comment
    table.indexes.append(draft)
