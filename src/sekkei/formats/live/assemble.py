"""Describe the tables read from a live database to the schema builder."""

from __future__ import annotations

from typing import Any

from sekkei.formats.live.inspect import type_text
from sekkei.formats.live.raw import Context, Draft, RawColumn, RawTable
from sekkei.model.schema import SqlExpr


def add_tables(ctx: Context, tables: list[RawTable]) -> None:
    """Every table, then what points between tables (which needs them all present)."""
    total = len(tables)
    ctx.progress("tables", 0, total)
    drafts: list[tuple[RawTable, Draft]] = []
    for done, table in enumerate(tables, 1):
        drafts.append((table, _add_table(ctx, table)))
        if done % 64 == 0 or done == total:
            ctx.progress("tables", done, total)
    for table, draft in drafts:
        _links(ctx, table, draft)


def _add_table(ctx: Context, table: RawTable) -> Draft:
    builder = ctx.builder
    draft = builder.add_table(table.namespace, table.name)
    pk_columns = set(table.primary_key.columns) if table.primary_key else set()
    for column in table.columns.values():
        _add_column(ctx, table, draft, column, column.name in pk_columns)
    if table.primary_key is not None:
        builder.set_primary_key(draft, table.primary_key.columns, table.primary_key.name)
        if table.primary_key.comment:
            draft["primary_key"]["comment"] = table.primary_key.comment
    for unique in table.uniques:
        builder.add_unique(draft, unique.columns, unique.name,
                           nulls_distinct=None if unique.nulls_distinct else False,
                           deferrable=unique.deferrable or None,
                           initially_deferred=unique.initially_deferred or None,
                           comment=unique.comment)
    for check in table.checks:
        builder.add_check(draft, check.sql, check.name, expression_columns=check.columns or None)
        if check.comment:
            draft["checks"][-1]["comment"] = check.comment
    for index in table.indexes:
        builder.add_index(draft, _clean(index))
    for name, sql in table.triggers:
        builder.add_trigger(draft, name, sql)
    for field, value in (("comment", table.comment), ("partition_by", table.partition_by),
                         ("charset", table.charset), ("collation", table.collation)):
        if value:
            draft[field] = value
    if table.options:
        draft["options"] = {_options_key(ctx): dict(table.options)}
    return draft


def _options_key(ctx: Context) -> str:
    """The family's name: ENGINE and ROW_FORMAT mean the same in MySQL and MariaDB, and
    the DDL readers and the normalisation contract keep them under ``mysql``."""
    return ctx.builder.family


def _add_column(ctx: Context, table: RawTable, draft: Draft, column: RawColumn, in_pk: bool) -> None:
    builder = ctx.builder
    if not column.type and column.sa_type is not None:
        column.type, collation = type_text(ctx, column.sa_type)
        column.collation = column.collation or collation
    native = column.type or _unknown_type(ctx, table, column)
    canonical, _ = builder.column_type(native, table.namespace)
    fields: dict[str, Any] = {
        "nullable": False if in_pk else column.nullable,
        "comment": column.comment,
        "collation": column.collation,
        "charset": column.charset,
    }
    if column.generated is not None:
        sql, stored = column.generated
        fields["generated"] = {"sql": sql, "stored": stored}
    elif column.default is not None:
        fields["default"] = builder.default(column.default, canonical)
    if column.identity is not None:
        fields["identity"] = dict(column.identity)
    if column.on_update:
        fields["on_update"] = SqlExpr(sql=column.on_update)
    if fields["nullable"] is True:
        del fields["nullable"]
    builder.add_column(draft, column.name, native, **fields)


def _unknown_type(ctx: Context, table: RawTable, column: RawColumn) -> str:
    """A column whose type could not be named: kept as the database's `any`, with a warning."""
    ctx.notes.warning("live-unknown-type",
                      f"the type of column {column.name} could not be read; recorded as {ctx.dialect}:any",
                      subject=f"table {ctx.table_key(table.schema, table.name)}")
    return f"{ctx.dialect}:any"


def _clean(index: Draft) -> Draft:
    """An index draft without fields that only repeat the model's defaults."""
    defaults: dict[str, Any] = {"unique": False, "nulls_distinct": True}
    return {k: v for k, v in index.items()
            if k == "columns" or (v not in (None, (), [], {}) and defaults.get(k, ...) != v)}


def _links(ctx: Context, table: RawTable, draft: Draft) -> None:
    """Foreign keys, partitions and parents, dropping those that leave the selection."""
    builder = ctx.builder
    key = ctx.table_key(table.schema, table.name)
    for fk in table.foreign_keys:
        # the inspector leaves the schema out when it is the connection's default one
        target_schema = fk.ref_schema if fk.ref_schema is not None else ctx.inspector.default_schema_name
        if not _selected(ctx, target_schema, fk.ref_table, f"table {key}: foreign key "
                         f"{fk.name or ', '.join(fk.columns)}"):
            continue
        builder.add_foreign_key(
            draft, fk.columns, ctx.model_namespace(target_schema), fk.ref_table, fk.ref_columns,
            name=fk.name, on_delete=fk.on_delete, on_update=fk.on_update, deferrable=fk.deferrable,
            initially_deferred=fk.initially_deferred, match=fk.match, comment=fk.comment)
    if table.partition_of is not None:
        schema, name, bound = table.partition_of
        if _selected(ctx, schema, name, f"table {key}: partition of"):
            draft["partition_of"] = {"parent": ctx.table_key(schema, name), "bound": bound}
    parents = [ctx.table_key(schema, name) for schema, name in table.inherits
               if _selected(ctx, schema, name, f"table {key}: inherits")]
    if parents:
        draft["inherits"] = parents


def _selected(ctx: Context, schema: str | None, name: str, what: str) -> bool:
    """True if the table was read; else a warning, since the schema must stand on its own."""
    if (schema, name) in ctx.tables:
        return True
    shown = f"{schema}.{name}" if schema else name
    ctx.notes.warning("live-outside-selection",
                      f"{what} {shown}, which is outside the namespaces read; left out",
                      hint="read that namespace too to keep the link")
    return False
