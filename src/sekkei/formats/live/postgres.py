"""PostgreSQL: the inspector's tables made exact from pg_catalog, plus what only PostgreSQL has."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sekkei.formats.live import postgres_objects as objects
from sekkei.formats.live import postgres_sql as q
from sekkei.formats.live.postgres_others import KeptRoutine, dump_order, other_objects
from sekkei.formats.live.raw import Context, Draft, RawCheck, RawTable
from sekkei.formats.live.reader import DatabaseReader
from sekkei.formats.live.sqltext import (
    find_keyword,
    first_paren,
    leading_identifier,
    matching_paren,
    split_top_level,
)
from sekkei.model.diagnostics import InputError, Problem

#: pg_constraint.confmatchtype
_MATCH = {"f": "full", "p": "partial"}
#: generated columns (pg_attribute.attgenerated) arrived in PostgreSQL 12
_OLDEST = (12,)


class PostgresReader(DatabaseReader):
    """Columns, keys and comments come from the inspector; type spellings, defaults,
    check and index expressions, and what partitions inherit come from pg_catalog."""

    # index and check texts are re-read from the catalog in pg_dump's spelling
    inspector_kinds = frozenset({"columns", "primary keys", "foreign keys", "uniques", "comments"})

    def __init__(self) -> None:
        self._search_path: str | None = None
        self._session_wide = False
        self._relations: dict[tuple[str | None, str], dict[str, Any]] = {}
        self._view_indexes: dict[tuple[str, str], list[Draft]] = {}
        self._kept: list[KeptRoutine] = []

    def begin(self, ctx: Context) -> None:
        """An empty search path makes the server qualify every name, as pg_dump sees them."""
        conn = ctx.conn
        version = conn.dialect.server_version_info or (0,)
        if version < _OLDEST:
            shown = ".".join(str(part) for part in version)
            raise InputError(Problem(
                f"reading a live PostgreSQL database needs version 12 or newer; this server is {shown}",
                code="unsupported-version", hint="read a pg_dump --schema-only of it instead"))
        self._search_path = conn.execute(sa.text("select pg_catalog.current_setting('search_path')")).scalar()
        self._session_wide = bool(getattr(conn.connection.driver_connection, "autocommit", False))
        conn.execute(sa.text("select pg_catalog.set_config('search_path', '', :local)"),
                     {"local": not self._session_wide})

    def end(self, ctx: Context) -> None:
        if self._search_path is None:
            return
        try:
            ctx.conn.execute(sa.text("select pg_catalog.set_config('search_path', :path, :local)"),
                             {"path": self._search_path, "local": not self._session_wide})
        except sa.exc.DBAPIError:
            # the transaction failed already; ending it restores the setting
            pass

    def existing_namespaces(self, ctx: Context) -> set[str]:
        return {row.name for row in ctx.conn.execute(sa.text(q.NAMESPACES))}

    def default_namespaces(self, ctx: Context) -> list[str]:
        return [row.name for row in ctx.conn.execute(sa.text(q.NAMESPACES))]

    def before_tables(self, ctx: Context) -> None:
        objects.add_namespaces(ctx)
        objects.add_extensions(ctx)
        objects.add_types(ctx)
        for row in ctx.conn.execute(sa.text(q.RELATIONS), {"ns": ctx.namespaces}).mappings():
            if row["kind"] == "f":
                ctx.notes.warning("live-skipped", "foreign tables are not part of the model; left out",
                                  subject=f"foreign table {row['schema']}.{row['name']}")
                continue
            self._relations[(row["schema"], row["name"])] = dict(row)

    def table_names(self, ctx: Context, schema: str) -> list[str]:
        return [name for (space, name) in self._relations if space == schema]

    def refine(self, ctx: Context) -> None:
        for key, table in ctx.tables.items():
            _relation(table, self._relations[key])
        total = len(ctx.tables)
        ctx.progress("details", 0, total)
        _columns(ctx)
        _constraints(ctx)
        ctx.progress("details", total, total)
        ctx.progress("indexes", 0, total)
        self._view_indexes = _indexes(ctx)
        ctx.progress("indexes", total, total)
        ctx.progress("triggers", 0, total)
        self._kept = objects.add_rules(ctx) + objects.add_triggers(ctx)
        ctx.progress("triggers", total, total)

    def after_tables(self, ctx: Context) -> None:
        objects.add_sequences(ctx)
        objects.add_views(ctx, self._view_indexes)
        kept = self._kept + objects.routines(ctx) + other_objects(ctx)
        # in pg_dump's order, so that a schema read from its dump lists them alike
        for item in dump_order(kept):
            ctx.builder.add_routine(item.schema, item.name, item.sql, kind=item.kind,
                                    signature=item.signature)


def _relation(table: RawTable, row: dict[str, Any]) -> None:
    if row["partition_key"]:
        table.partition_by = row["partition_key"]
    parents = list(zip(row["parent_schemas"], row["parent_names"], strict=True))
    if row["is_partition"] and parents:
        schema, name = parents[0]
        table.partition_of = (schema, name, row["bound"])
    else:
        table.inherits = [(schema, name) for schema, name in parents]
    if row["options"]:
        table.options = dict(_option_pair(text) for text in row["options"])
    if row["persistence"] == "u":
        table.options["unlogged"] = "true"


def _option_pair(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name, value


def _columns(ctx: Context) -> None:
    """Type spelled by format_type, default as stored, NOT NULL of the column itself.

    The inspector folds a domain's NOT NULL and default into the column and
    qualifies nextval() arguments; a DDL file says neither, so neither does this.
    """
    rows = ctx.conn.execute(sa.text(q.COLUMNS), {"ns": ctx.namespaces}).all()
    tables = ctx.tables
    for schema, table_name, name, type_text, not_null, default, generated, collation in rows:
        table = tables.get((schema, table_name))
        if table is None:
            continue
        column = table.columns.get(name)
        if column is None:
            continue
        column.type = objects.local_name(ctx, type_text)
        column.nullable = not not_null
        column.collation = objects.local_name(ctx, collation) if collation else None
        if generated:
            column.generated = (default or "", generated == "s")
            column.default = None
        else:
            column.default = default


def _constraints(ctx: Context) -> None:
    """Checks in pg_dump's spelling, and details the inspector leaves out.

    A partition's copies of its parent's foreign keys and checks are stated on
    the parent only (pg_dump writes them there only); its primary key and
    unique constraints are its own, as pg_dump writes them.
    """
    version = ctx.conn.dialect.server_version_info or (0,)
    cloned = "k.conparentid <> 0" if version >= (11,) else "false"
    rows = ctx.conn.execute(sa.text(q.CONSTRAINTS.format(cloned=cloned)), {"ns": ctx.namespaces})
    by_table: dict[tuple[str | None, str], dict[str, Any]] = {}
    checks: dict[tuple[str | None, str], list[RawCheck]] = {}
    for row in rows.mappings():
        key = (row["schema"], row["table"])
        if key not in ctx.tables:
            continue
        by_table.setdefault(key, {})[row["name"]] = row
        if row["type"] == "c" and row["local"]:
            checks.setdefault(key, []).append(_check(row))
        elif row["type"] == "x":
            ctx.notes.warning("live-skipped", "exclusion constraints are not part of the model; left out",
                              subject=f"table {ctx.table_key(*key)} constraint {row['name']}")
    for key, table in ctx.tables.items():
        found = by_table.get(key, {})
        for unique in table.uniques:
            details = found.get(unique.name or "")
            if details is not None:
                unique.deferrable = details["deferrable"]
                unique.initially_deferred = details["deferred"]
        kept = []
        for fk in table.foreign_keys:
            details = found.get(fk.name or "")
            if details is not None:
                if details["cloned"]:
                    continue
                fk.ref_schema = details["ref_schema"]
                fk.match = _MATCH.get(details["match"])
                fk.deferrable = details["deferrable"]
                fk.initially_deferred = details["deferred"]
            kept.append(fk)
        table.foreign_keys = kept
        table.checks = checks.get(key, [])


def _check(row: Any) -> RawCheck:
    """The condition of a check, and the columns it names (PostgreSQL names checks after them)."""
    return RawCheck(row["name"], objects.check_condition(row["definition"]), list(row["columns"]),
                    row["comment"])


def _indexes(ctx: Context) -> dict[tuple[str, str], list[Draft]]:
    """Indexes from pg_index, expressions as pg_dump writes them; returns those of
    materialized views.

    Indexes that implement a constraint are that constraint; an index of a
    partition attached to its parent's index is the parent's index.
    """
    version = ctx.conn.dialect.server_version_info or (0,)
    nnd = "x.indnullsnotdistinct" if version >= (15,) else "false"
    params = {"ns": ctx.namespaces}
    parts: dict[int, list[Any]] = {}
    for part in ctx.conn.execute(sa.text(q.INDEX_PARTS), params).mappings():
        parts.setdefault(part["oid"], []).append(part)
    views: dict[tuple[str, str], list[Draft]] = {}
    for table in ctx.tables.values():
        table.indexes = []
    for row in ctx.conn.execute(sa.text(q.INDEXES.format(nulls_not_distinct=nnd)), params).mappings():
        if row["constraint_index"] or row["attached"]:
            continue
        key = (row["schema"], row["table"])
        draft = index_from_rows(ctx, row, parts.get(row["oid"], []))
        if row["table_kind"] == "m":
            views.setdefault(key, []).append(draft)
            continue
        owner = ctx.tables.get(key)
        if owner is not None:
            owner.indexes.append(draft)
    return views


def written_collation(definition: str, position: int) -> str | None:
    """The COLLATE given to key part `position` (1-based) in pg_get_indexdef's text."""
    start = first_paren(definition, max(0, definition.upper().find(" USING ")))
    end = matching_paren(definition, start) if start != -1 else -1
    if end == -1:
        return None
    parts = split_top_level(definition[start + 1:end])
    if position > len(parts):
        return None
    part = parts[position - 1]
    found = find_keyword(part, "collate")
    if found == -1:
        return None
    return leading_identifier(part[found + len("collate"):])[0] or None


def index_from_rows(ctx: Context, row: Any, parts: list[Any]) -> Draft:
    """One pg_index row and its parts in model form."""
    key_count = row["key_count"]
    ordered = row["method"] == "btree"
    columns: list[str | Draft] = []
    include: list[str] = []
    for part in parts:
        if part["position"] > key_count:
            include.append(part["element"])
            continue
        if part["is_expression"]:
            # pg_get_indexdef puts an expression that is not a function call in the
            # parentheses CREATE INDEX needs around it; a DDL reader drops those
            element: Draft = {"sql": objects.unwrap_once(part["element"])}
        else:
            element = {"column": part["element"]}
        bits = part["flags"] or 0
        if ordered:
            descending = bool(bits & 1)
            nulls_first = bool(bits & 2)
            if descending:
                element["order"] = "desc"
            if nulls_first != descending:
                element["nulls"] = "first" if nulls_first else "last"
        if part["opclass"]:
            element["opclass"] = objects.local_name(ctx, part["opclass"])
        collation = part["collation"]
        if collation and part["definition"]:
            collation = written_collation(part["definition"], part["position"])
        if collation:
            element["collation"] = objects.local_name(ctx, collation)
        columns.append(element["column"] if set(element) == {"column"} else element)
    draft: Draft = {"name": row["name"], "columns": columns}
    if row["is_unique"]:
        draft["unique"] = True
    if row["method"] != "btree":
        draft["method"] = row["method"]
    if row["predicate"]:
        draft["where"] = row["predicate"]
    if include:
        draft["include"] = include
    if row["nulls_not_distinct"]:
        draft["nulls_distinct"] = False
    if row["options"]:
        draft["options"] = dict(_option_pair(text) for text in row["options"])
    if row["comment"]:
        draft["comment"] = row["comment"]
    return draft
