"""What was read about each table, before it is described to the schema builder.

The inspector fills these first; each database's module then corrects and
completes them from its own catalog.  Types and expressions stay in the
database's spelling here; `assemble` hands them to the builder, which owns the
normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Inspector

from sekkei.formats.live.session import Progress
from sekkei.formats.sql.builder import SchemaBuilder
from sekkei.model.diagnostics import Notes

Draft = dict[str, Any]


@dataclass
class RawColumn:
    name: str
    type: str = ""
    """Full type text as the database reports it (``int(10) unsigned``, ``numeric(5,2)``)."""
    nullable: bool = True
    default: str | None = None
    """The default as SQL text; the builder decides whether it is a literal."""
    identity: Draft | None = None
    """Model form: ``{"generated": "always", "start": 100}``."""
    generated: tuple[str, bool] | None = None
    """(expression, stored) of a computed column."""
    on_update: str | None = None
    collation: str | None = None
    charset: str | None = None
    comment: str | None = None
    sa_type: Any = None
    """The inspector's type, spelled out only where no catalog gave `type`."""


@dataclass
class RawKey:
    """A primary key or unique constraint."""

    name: str | None
    columns: list[str]
    comment: str | None = None
    nulls_distinct: bool = True
    deferrable: bool = False
    initially_deferred: bool = False


@dataclass
class RawForeignKey:
    name: str | None
    columns: list[str]
    ref_schema: str | None
    """The referenced table's schema as the database names it (None: the connection's default)."""
    ref_table: str
    ref_columns: list[str]
    on_delete: str | None = None
    on_update: str | None = None
    deferrable: bool = False
    initially_deferred: bool = False
    match: str | None = None
    comment: str | None = None


@dataclass
class RawCheck:
    name: str | None
    sql: str
    columns: list[str] = field(default_factory=list)
    """Columns the condition mentions, in order (the database names checks after them)."""
    comment: str | None = None


@dataclass
class RawTable:
    schema: str | None
    """The schema as the database names it (for queries)."""
    namespace: str | None
    """The namespace in the model (None where the database has just one)."""
    name: str
    columns: dict[str, RawColumn] = field(default_factory=dict)
    primary_key: RawKey | None = None
    foreign_keys: list[RawForeignKey] = field(default_factory=list)
    uniques: list[RawKey] = field(default_factory=list)
    checks: list[RawCheck] = field(default_factory=list)
    indexes: list[Draft] = field(default_factory=list)
    """Indexes in model form (name, columns as names or element dicts, unique, …)."""
    triggers: list[tuple[str, str]] = field(default_factory=list)
    comment: str | None = None
    partition_by: str | None = None
    partition_of: tuple[str | None, str, str] | None = None
    """(parent schema, parent name, bound)."""
    inherits: list[tuple[str | None, str]] = field(default_factory=list)
    charset: str | None = None
    collation: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    """Options of this database only (stored under the dialect's key)."""


@dataclass
class Context:
    """Everything one read needs, passed to each database's module."""

    conn: sa.Connection
    inspector: Inspector
    builder: SchemaBuilder
    notes: Notes
    progress: Progress
    dialect: str
    namespaces: list[str] = field(default_factory=list)
    """Schemas being read, as the database names them."""
    tables: dict[tuple[str | None, str], RawTable] = field(default_factory=dict)
    """Every table read, by (schema, name)."""

    def model_namespace(self, schema: str | None) -> str | None:
        """The model namespace of a database schema.

        Databases with a default namespace (public, dbo) keep their schema
        names and the builder drops the default one; elsewhere (MySQL, SQLite,
        Oracle) reading one schema gives a schema without namespaces.
        """
        if self.builder.default_namespace is not None or len(self.namespaces) > 1:
            return schema
        return None

    def table_key(self, schema: str | None, name: str) -> str:
        return self.builder.key(self.model_namespace(schema), name)
