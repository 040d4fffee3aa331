"""SQL DDL as a format: read through the dialect's reader, write through the DDL writer."""

from __future__ import annotations

from sekkei.formats.base import Format, ReadOptions, WriteOptions
from sekkei.formats.sql.detect import detect_dialect
from sekkei.model.diagnostics import Notes, UsageError
from sekkei.model.dialects import DIALECTS, family, normalize_dialect
from sekkei.model.schema import Schema


class SqlFormat(Format):
    """SQL DDL for PostgreSQL, MySQL, MariaDB, SQLite, SQL Server, Oracle, Snowflake, BigQuery."""

    name = "sql"
    extensions = (".sql", ".ddl", ".psql", ".pgsql", ".mysql")
    description = "SQL DDL (CREATE TABLE …) of one dialect"
    limitations = (
        "diagram layout, tags, owners and privacy classes are not SQL and are not written",
        "functions, procedures and triggers are carried as their own dialect's text only",
    )

    def read(self, text: str, options: ReadOptions, notes: Notes) -> Schema:
        dialect = options.dialect
        if dialect is None:
            dialect, confident = detect_dialect(text, name=options.source)
            if confident:
                notes.info(
                    "dialect-guessed",
                    f"reading as {dialect} (guessed from the file name or the SQL; use --dialect to choose)",
                    subject=options.source,
                )
            else:
                notes.info(
                    "dialect-guessed",
                    "no dialect-specific syntax seen; reading as postgres (use --dialect to choose)",
                    subject=options.source,
                )
        dialect = normalize_dialect(dialect)
        if family(dialect) == "postgres":
            from sekkei.formats.sql.postgres import read_postgres

            return read_postgres(text, options, notes, dialect)
        from sekkei.formats.sql.generic import read_generic

        return read_generic(text, options, notes, dialect)

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        dialect = options.dialect or schema.dialect
        if dialect is None:
            raise UsageError(f"choose the SQL dialect to write with --dialect ({', '.join(DIALECTS)})")
        dialect = normalize_dialect(dialect)
        if dialect not in DIALECTS:
            raise UsageError(
                f"SQL can be read as {dialect} but not written; write one of {', '.join(DIALECTS)}"
            )
        from sekkei.formats.sql.writer import write_sql

        return write_sql(schema, dialect, notes, options)
