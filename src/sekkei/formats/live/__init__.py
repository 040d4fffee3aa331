"""Read a live database into the schema model, through SQLAlchemy's inspector and the catalogs.

The model of a live database equals the model the DDL readers give for the
same DDL: both describe what they find to the same `SchemaBuilder`, which
drops generated names, recognises serial columns and turns literal defaults
into values.
"""

from __future__ import annotations

import sqlalchemy as sa

from sekkei.formats.live.assemble import add_tables
from sekkei.formats.live.inspect import inspect_tables
from sekkei.formats.live.raw import Context
from sekkei.formats.live.reader import DatabaseReader
from sekkei.formats.live.redact import redact_url
from sekkei.formats.live.session import (
    Progress,
    ProgressCallback,
    dialect_of,
    open_connection,
    reading_errors,
)
from sekkei.formats.sql.builder import SchemaBuilder
from sekkei.model.diagnostics import Notes
from sekkei.model.dialects import family
from sekkei.model.schema import Schema

__all__ = ["dialect_of", "read_database", "redact_url"]


def _reader(dialect: str) -> DatabaseReader:
    fam = family(dialect)
    if fam == "postgres":
        from sekkei.formats.live.postgres import PostgresReader

        return PostgresReader()
    if fam == "mysql":
        from sekkei.formats.live.mysql import MySQLReader

        return MySQLReader()
    if fam == "sqlite":
        from sekkei.formats.live.sqlite import SQLiteReader

        return SQLiteReader()
    return DatabaseReader()


def read_database(
    bind: sa.Engine | sa.Connection,
    *,
    notes: Notes,
    namespaces: list[str] | None = None,
    progress: ProgressCallback | None = None,
    strict: bool = True,
) -> Schema:
    """The schema of the database behind `bind`.

    `namespaces` limits the read to those schemas (default: every schema that
    holds user objects; the connected database on MySQL; ``main`` on SQLite).
    `progress(stage, done, total)` is called as each stage advances.  Errors
    the user can fix (connection refused, unknown namespace, missing privilege)
    raise `InputError`, never showing the password.
    """
    report = Progress(progress)
    with open_connection(bind) as conn, reading_errors(bind):
        dialect = dialect_of(conn)
        reader = _reader(dialect)
        builder = SchemaBuilder(dialect, notes, strict=strict)
        ctx = Context(conn, sa.inspect(conn), builder, notes, report, dialect)
        reader.begin(ctx)
        try:
            _read(ctx, reader, namespaces)
        finally:
            reader.end(ctx)
    return builder.finish()


def _read(ctx: Context, reader: DatabaseReader, namespaces: list[str] | None) -> None:
    ctx.namespaces = reader.namespaces(ctx, namespaces)
    reader.before_tables(ctx)
    names = {schema: reader.table_names(ctx, schema) for schema in ctx.namespaces}
    total = sum(len(found) for found in names.values())
    done = 0
    for schema in ctx.namespaces:
        tables = inspect_tables(ctx, schema, names[schema], kinds=reader.inspector_kinds,
                                done=done, total=total)
        for table in tables.values():
            ctx.tables[(schema, table.name)] = table
        done += len(tables)
    reader.refine(ctx)
    add_tables(ctx, list(ctx.tables.values()))
    reader.after_tables(ctx)
