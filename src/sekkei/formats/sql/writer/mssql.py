"""SQL Server: IDENTITY(start, increment), computed columns, GO batches, MS_Description."""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.comments import CommentTarget
from sekkei.formats.sql.writer.core import ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.formats.sql.writer.script import Statement
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.schema import Column, ForeignKey, Identity, Sequence, Table, Unique
from sekkei.model.types import TypeSpec

_NOW = {"datetimeoffset": "SYSDATETIMEOFFSET()", "datetime2": "SYSDATETIME()",
        "datetime": "GETDATE()", "smalldatetime": "GETDATE()", "date": "CAST(GETDATE() AS date)",
        "time": "CAST(SYSDATETIME() AS time)"}


class MssqlWriter(DdlWriter):
    title = "SQL Server"
    quote_open = "["
    quote_close = "]"
    max_name_length = 128
    default_namespace = "dbo"
    batches = True
    namespace_kind = "batch"
    view_kind = "batch"
    routine_kind = "batch"
    trigger_kind = "batch"
    comment_style = "extended_property"
    comment_kinds: ClassVar[frozenset[str]] = frozenset({"schema", "table", "column", "view"})
    column_order: ClassVar[tuple[str, ...]] = (
        "type", "generated", "collate", "identity", "not_null", "default", "check",
    )
    generated_replaces_type = True
    delete_actions: ClassVar[frozenset[str]] = frozenset({"cascade", "set null", "set default"})
    update_actions: ClassVar[frozenset[str]] = frozenset({"cascade", "set null", "set default"})
    partial_indexes = True
    include_columns = True
    expression_indexes = False
    index_names_per_table = True
    sequences_supported = True
    check_options: ClassVar[frozenset[str]] = frozenset({"plain"})
    numeric_booleans = True
    set_null_needs_nullable = True
    unsupported_expressions: ClassVar[tuple[type[exp.Expression], ...]] = (
        exp.Interval, exp.Array, exp.ArrayAgg)
    unsupported_casts: ClassVar[frozenset[exp.DType]] = frozenset(
        {exp.DataType.Type.INTERVAL})

    def unindexable(self, written_type: str) -> bool:
        text = written_type.lower()
        return "(max)" in text or text in {"text", "ntext", "image", "xml"}

    def foreign_key_clause(self, table: Table, fk: ForeignKey) -> str | None:
        target = self.schema.table(fk.references.table)
        if target is not None and target.key == table.key and (fk.on_delete or fk.on_update):
            # SQL Server refuses cascading actions that could loop back to the same table
            self.warn("fk-action-dropped", "SQL Server refuses ON DELETE/ON UPDATE actions on a "
                      "foreign key to its own table (a possible cycle); written as NO ACTION",
                      subject=f"table {table.key} foreign key {fk.name or ', '.join(fk.columns)}")
            written = super().foreign_key_clause(
                table, fk.model_copy(update={"on_delete": None, "on_update": None}))
            if written is not None:
                self.constraints_written.add(id(fk))
            return written
        return super().foreign_key_clause(table, fk)

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        if identity.generated == "always":
            self.info("identity-always", "GENERATED ALWAYS written as IDENTITY (which refuses "
                      "explicit values unless IDENTITY_INSERT is on)", subject=subject)
        return IdentityParts(f"IDENTITY({identity.start or 1},{identity.increment or 1})")

    def generated_clause(self, text: str, kind: str) -> str:
        return f"AS ({text}) PERSISTED" if kind == "stored" else f"AS ({text})"

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {collation}"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        base = ctype.text.split("(")[0].strip().lower()
        if known.kind == "now":
            return _NOW.get(base, "SYSDATETIME()")
        if known.kind == "today":
            return "CAST(GETDATE() AS date)"
        if known.kind == "time_of_day":
            return "CAST(SYSDATETIME() AS time)"
        if known.kind == "uuid":
            return "NEWID()"
        if known.kind == "nextval":
            key = self.sequence_for(known.argument)
            return f"NEXT VALUE FOR {self.ref(key)}" if key else None
        return None

    def unique_line(self, table: Table, unique: Unique) -> str | None:
        nullable = [c for c in unique.columns if c in table.columns and table.columns[c].nullable]
        if nullable and unique.nulls_distinct:
            self.info("unique-nulls", "SQL Server allows only one NULL in a unique constraint "
                      f"(nullable: {', '.join(nullable)})",
                      subject=f"table {table.key} unique {unique.name or ', '.join(unique.columns)}")
        return super().unique_line(table, unique)

    def nulls_not_distinct(self, distinct: bool, subject: str) -> str:
        # SQL Server's unique constraints already treat NULLs as equal
        return ""

    def sequence_options(self, key: str, sequence: Sequence) -> list[str]:
        parts: list[str] = []
        if sequence.type:
            parts.append(f"AS {self.mapped_type(TypeSpec('canonical', sequence.type), key).text}")
        parts.extend(super().sequence_options(key, sequence))
        return parts

    def comment_statement(self, target: CommentTarget) -> Statement:
        namespace = self.default_namespace or "dbo"
        levels: list[tuple[str, str]]
        if target.kind == "schema":
            levels = [("SCHEMA", target.key or namespace)]
        else:
            found = self.names.get(target.key or "", (None, target.key or ""))
            levels = [("SCHEMA", found[0] or namespace),
                      ("VIEW" if target.kind == "view" else "TABLE", found[1])]
            if target.column:
                levels.append(("COLUMN", target.column))
        args = ["@name = N'MS_Description'", f"@value = {_nstring(target.text)}"]
        for level, (kind, name) in enumerate(levels):
            args.append(f"@level{level}type = N'{kind}'")
            args.append(f"@level{level}name = {_nstring(name)}")
        return Statement("EXEC sys.sp_addextendedproperty " + ", ".join(args))


def _nstring(text: str) -> str:
    return "N'" + text.replace("'", "''") + "'"
