"""CREATE TABLE: columns with their type, identity, generated expression, default, NOT NULL.

The column clauses are built as named parts and joined in the order the
dialect's `column_order` lists, so a dialect changes the layout with data and
only overrides the parts whose spelling differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from sekkei.formats.sql.defaults import render_default
from sekkei.formats.sql.keywords import reserved_words
from sekkei.formats.sql.writer.constraints import ConstraintWriter
from sekkei.formats.sql.writer.core import ColumnType
from sekkei.formats.sql.writer.expressions import replace_word
from sekkei.formats.sql.writer.functions import KnownDefault, recognise
from sekkei.formats.sql.writer.script import Statement
from sekkei.model.dialects import family
from sekkei.model.schema import (
    Column,
    DefaultValue,
    Identity,
    SqlExpr,
    Table,
)


@dataclass(frozen=True)
class IdentityParts:
    """How a dialect writes an identity column."""

    clause: str | None = None
    """E.g. ``GENERATED ALWAYS AS IDENTITY``, ``AUTO_INCREMENT``."""
    type_text: str | None = None
    """A type that replaces the column's (PostgreSQL ``serial``, SQLite ``INTEGER``)."""
    inline_primary_key: bool = False
    """The primary key is written on the column (SQLite ``PRIMARY KEY AUTOINCREMENT``)."""


class TableWriter(ConstraintWriter):
    """CREATE TABLE: columns and their clauses; keys and checks come from `ConstraintWriter`."""

    column_order: ClassVar[tuple[str, ...]] = (
        "type", "collate", "identity", "generated", "default", "not_null", "check", "comment",
    )
    generated_kinds: ClassVar[frozenset[str]] = frozenset({"stored", "virtual"})
    generated_replaces_type: ClassVar[bool] = False
    """SQL Server's computed columns have no declared type."""

    # -- CREATE TABLE -----------------------------------------------------------

    def create_table(self, table: Table) -> Statement | None:
        subject = f"table {table.key}"
        head = self.table_head(table)
        if head is None:
            return None
        lines: list[str] = []
        inline_pk = False
        for column in table.columns.values():
            line, pk_here = self.column_definition(table, column)
            lines.append(line)
            inline_pk = inline_pk or pk_here
        lines.extend(self.constraint_lines(table, inline_pk, subject))
        body = ",\n".join("    " + line for line in lines)
        text = f"{head} (\n{body}\n)" if lines else f"{head} ()"
        suffix = self.table_suffix(table)
        if suffix:
            text += "\n" + "\n".join(suffix)
        return Statement(text)

    def table_head(self, table: Table) -> str | None:
        """``CREATE TABLE name``; None skips the table (after a warning)."""
        if table.partition_of is not None:
            self.warn("partition-skipped", f"partition of {table.partition_of.parent} is not "
                      f"written: {self.title} has no partitions as separate tables; its rows "
                      "belong in the parent table", subject=f"table {table.key}")
            return None
        if table.inherits:
            self.warn("inherits-dropped", f"inherits from {', '.join(table.inherits)} in "
                      f"PostgreSQL only; written as a standalone table for {self.title}",
                      subject=f"table {table.key}")
        return f"CREATE TABLE {self.ref(table.key)}"

    def table_suffix(self, table: Table) -> list[str]:
        """Clauses after the closing parenthesis (options, partitioning)."""
        if table.partition_by:
            self.warn("partitioning-dropped", f"PARTITION BY {table.partition_by} is not written "
                      f"for {self.title}", subject=f"table {table.key}")
        self.note_table_settings(table)
        return self.table_options(table, self.own_options(table))

    def own_options(self, table: Table) -> dict[str, str]:
        """The table options meant for the target (its dialect's or its family's)."""
        merged = dict(table.options.get(self.family, {}))
        merged.update(table.options.get(self.dialect, {}))
        return merged

    def note_table_settings(self, table: Table) -> None:
        """Options of other databases, charset and collation: say they are not written."""
        for dialect in sorted(table.options):
            if dialect in {self.dialect, self.family}:
                continue
            if self.once("options-other-dialect", dialect):
                count = sum(1 for t in self.schema.tables.values() if dialect in t.options)
                self.info("options-other-dialect", f"table options for {dialect} ({count} tables) "
                          f"are not written for {self.title}")
        if self.family != "mysql" and (table.charset or table.collation):
            self.warn("table-collation-dropped", "table character set / collation "
                      f"({table.charset or ''} {table.collation or ''}".rstrip() + ") is not "
                      f"written: {self.title} sets them per database or column",
                      subject=f"table {table.key}")

    def table_options(self, table: Table, options: dict[str, str]) -> list[str]:
        for key in sorted(options):
            self.warn("table-option-dropped", f"table option {key}={options[key]} is not "
                      f"understood for {self.title}; not written", subject=f"table {table.key}")
        return []

    # -- columns ------------------------------------------------------------------

    def column_definition(self, table: Table, column: Column) -> tuple[str, bool]:
        """The column's line, and whether it carries the primary key itself."""
        subject = f"table {table.key} column {column.name}"
        ctype = self.column_type(table, column)
        parts: dict[str, str] = {"type": ctype.text}
        inline_pk = False
        if column.identity is not None and column.generated is None:
            identity = self.identity(table, column, column.identity, ctype, subject)
            if identity is not None:
                if identity.type_text:
                    parts["type"] = identity.type_text
                if identity.clause:
                    parts["identity"] = identity.clause
                inline_pk = identity.inline_primary_key
        if column.generated is not None:
            generated = self.generated(column, subject)
            if generated is not None:
                parts["generated"] = generated
                if self.generated_replaces_type:
                    del parts["type"]
            if column.identity is not None:
                self.warn("identity-dropped", "a generated column cannot also be an identity",
                          subject=subject)
        collate = self.column_collation(column, subject)
        if collate:
            parts["collate"] = collate
        if not ("identity" in parts or "generated" in parts or inline_pk):
            default = self.column_default(table, column, ctype, subject)
            if default is not None:
                parts["default"] = f"DEFAULT {default}"
        elif column.default is not None:
            self.warn("default-dropped", "a default cannot be combined with an identity or "
                      "generated column; not written", subject=subject)
        if column.on_update is not None:
            on_update = self.on_update(column, ctype, subject)
            if on_update:
                parts["on_update"] = on_update
        not_null = not column.nullable or (ctype.domain is not None and not ctype.domain.nullable)
        if not_null and not inline_pk:
            parts["not_null"] = "NOT NULL"
        checks = self.column_checks(column, ctype, subject)
        if checks:
            parts["check"] = " ".join(checks)
        comment = self.inline_column_comment(column)
        if comment:
            parts["comment"] = comment
        words = [self.ident(column.name, subject)]
        words.extend(parts[name] for name in self.column_order if parts.get(name))
        if inline_pk:
            words.append(self.inline_primary_key_clause())
        return " ".join(words), inline_pk

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        self.warn("identity-dropped", f"{self.title} has no identity columns; the column is "
                  "written without generated values", subject=subject)
        return None

    def inline_primary_key_clause(self) -> str:
        return "PRIMARY KEY"

    def generated(self, column: Column, subject: str) -> str | None:
        assert column.generated is not None
        kind = "stored" if column.generated.stored else "virtual"
        if kind not in self.generated_kinds:
            if not self.generated_kinds:
                self.warn("generated-dropped", f"{self.title} has no generated columns; the "
                          "column is written as an ordinary column", subject=subject)
                return None
            wanted, kind = kind, next(iter(sorted(self.generated_kinds)))
            self.warn("generated-changed", f"{self.title} has no {wanted} generated columns; "
                      f"written as {kind}", subject=subject)
        text = self.expr(column.generated.sql, "generated column expression", subject)
        if text is None:
            return None
        return self.generated_clause(text, kind)

    def generated_clause(self, text: str, kind: str) -> str:
        return f"GENERATED ALWAYS AS ({text}) {kind.upper()}"

    def column_collation(self, column: Column, subject: str) -> str | None:
        if column.charset and self.family != "mysql" and self.once("charset", subject):
            self.info("charset-dropped", f"character set {column.charset} is a MySQL column "
                      f"setting; not written for {self.title}", subject=subject)
        if not column.collation:
            return None
        source = self.schema.dialect
        if source is not None and self.family != family(source):
            self.warn("collation-dropped", f"collation {column.collation} is a {source} "
                      f"collation; not written for {self.title}", subject=subject)
            return None
        return self.collate_clause(column.collation)

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {self.quoter.ident(collation)}"

    def inline_column_comment(self, column: Column) -> str | None:
        return None

    def on_update(self, column: Column, ctype: ColumnType, subject: str) -> str | None:
        assert column.on_update is not None
        self.warn("on-update-dropped", f"ON UPDATE {column.on_update.sql} exists in MySQL and "
                  f"MariaDB only; not written for {self.title}", subject=subject,
                  hint="use a trigger to set the value on update")
        return None

    # -- defaults -------------------------------------------------------------------

    def column_default(self, table: Table, column: Column, ctype: ColumnType,
                       subject: str) -> str | None:
        value: DefaultValue | None = column.default
        if value is None and ctype.domain is not None:
            value = ctype.domain.default
        if value is None:
            return None
        return self.default_sql(value, ctype, subject)

    def default_sql(self, value: DefaultValue, ctype: ColumnType, subject: str) -> str | None:
        """A default value as the target writes it (None: left out, after a warning)."""
        if isinstance(value, SqlExpr):
            return self.expression_default(value.sql, ctype, subject)
        return self.literal_default(value, ctype)

    def expression_default(self, sql: str, ctype: ColumnType, subject: str) -> str | None:
        known = recognise(sql)
        if known is not None and not self.exprs.same_family:
            text = self.known_default(known, ctype)
            if text is None:
                self.warn("default-dropped", f"default {sql} has no {self.title} equivalent for "
                          f"column type {ctype.text}; not written", subject=subject)
            return text
        text = self.expr(sql, "default", subject)
        return None if text is None else self.wrap_default(text, ctype)

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        """How the target spells a well-known default (None: it has none)."""
        return {"now": "CURRENT_TIMESTAMP", "today": "CURRENT_DATE",
                "time_of_day": "CURRENT_TIME"}.get(known.kind)

    def wrap_default(self, text: str, ctype: ColumnType) -> str:
        return text

    def literal_default(self, value: DefaultValue, ctype: ColumnType) -> str:
        return render_default(value, self.dialect, ctype.family)

    def sequence_for(self, name: str | None) -> str | None:
        """The schema key of the sequence a ``nextval`` default names."""
        if not name:
            return None
        if name in self.schema.sequences:
            return name
        bare = name.split(".")[-1]
        matches = [k for k, s in self.schema.sequences.items() if s.name == bare]
        return matches[0] if len(matches) == 1 else None

    # -- checks -----------------------------------------------------------------------

    def column_checks(self, column: Column, ctype: ColumnType, subject: str) -> list[str]:
        """CHECKs that stand in for an enum type or a domain's rules."""
        found: list[str] = []
        name = self.ident(column.name)
        if ctype.check_values:
            if self.checks_supported:
                values = ", ".join(self.string(v) for v in ctype.check_values)
                found.append(f"CHECK ({name} IN ({values}))")
            else:
                self.warn("check-dropped", f"{self.title} has no CHECK constraints; the enum "
                          "values of this column are not enforced", subject=subject)
        if ctype.domain is not None:
            for check in ctype.domain.checks:
                if not self.checks_supported:
                    self.warn("check-dropped", f"check of domain {ctype.domain.key} not written: "
                              f"{self.title} has no CHECK constraints", subject=subject)
                    continue
                sql = replace_word(check.sql, "value", self.source_identifier(column.name))
                text = self.expr(sql, f"check of domain {ctype.domain.key}", subject,
                                 condition=True)
                if text is not None:
                    found.append(f"CHECK ({text})")
        return found

    def source_identifier(self, name: str) -> str:
        """`name` as an identifier of the schema's own dialect (for text in that dialect)."""
        fam = family(self.schema.dialect) if self.schema.dialect else None
        if re.fullmatch(r"[a-z_][a-z0-9_]*", name) and name not in reserved_words(fam or ""):
            return name
        if fam == "mysql":
            return "`" + name.replace("`", "``") + "`"
        if fam == "mssql":
            return "[" + name.replace("]", "]]") + "]"
        return '"' + name.replace('"', '""') + '"'
