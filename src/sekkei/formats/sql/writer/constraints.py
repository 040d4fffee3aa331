"""Keys and checks: PRIMARY KEY, UNIQUE, CHECK inside CREATE TABLE; foreign keys after.

What a target lacks (NULLS NOT DISTINCT, DEFERRABLE, MATCH FULL, an ON DELETE
action, CHECK itself) is reported once per constraint and left out; a key
over a column the target cannot index (a LOB) is left out as a whole.
"""

from __future__ import annotations

from typing import ClassVar

from sekkei.formats.sql.writer.core import WriterCore
from sekkei.formats.sql.writer.script import Statement
from sekkei.model.schema import Check, ForeignKey, Table, Unique, View

ACTIONS = frozenset({"restrict", "cascade", "set null", "set default"})


class ConstraintWriter(WriterCore):
    """Primary keys, uniques, checks and foreign keys."""

    inline_foreign_keys: ClassVar[bool] = False
    deferrable_constraints: ClassVar[bool] = False
    match_clause: ClassVar[bool] = False
    delete_actions: ClassVar[frozenset[str]] = ACTIONS
    update_actions: ClassVar[frozenset[str]] = ACTIONS
    named_primary_keys: ClassVar[bool] = True
    unique_constraints: ClassVar[bool] = True
    constraint_suffix: ClassVar[str] = ""
    """Written after every key constraint (BigQuery's ``NOT ENFORCED``)."""
    set_null_needs_nullable: ClassVar[bool] = False
    """MySQL and SQL Server refuse ON DELETE SET NULL on a NOT NULL column."""

    def check_line(self, table: Table, check: Check) -> str | None:
        subject = f"table {table.key} check {check.name or check.sql}"
        if not self.checks_supported:
            self.warn("check-dropped", f"{self.title} has no CHECK constraints; "
                      f"CHECK ({check.sql}) is not written", subject=subject)
            return None
        text = self.expr(check.sql, "check", subject, condition=True)
        if text is None:
            return None
        self.constraints_written.add(id(check))
        return f"{self.constraint_name(check.name, subject)}CHECK ({text})"

    # -- keys ---------------------------------------------------------------------------

    def constraint_name(self, name: str | None, subject: str) -> str:
        return f"CONSTRAINT {self.ident(name, subject)} " if name else ""

    def key_columns(self, table: Table, names: tuple[str, ...], subject: str) -> str | None:
        """Columns of a primary key or unique constraint; None if one cannot be in a key."""
        parts: list[str] = []
        for name in names:
            part = self.key_column(table, name, subject)
            if part is None:
                return None
            parts.append(part)
        return ", ".join(parts)

    def key_column(self, table: Table, name: str, subject: str) -> str | None:
        written = self.written_type(table, name)
        if self.unindexable(written):
            self.warn("key-dropped", f"{self.title} cannot use {name} ({written}) in a key; the "
                      "constraint is not written", subject=subject,
                      hint="give the column a bounded type, e.g. varchar(255)")
            return None
        return self.ident(name)

    def unindexable(self, written_type: str) -> bool:
        """True for column types the target cannot put in an index or key (LOBs)."""
        return False

    def written_type(self, owner: Table | View, column: str) -> str:
        """The type a table's column is written with ("" for a view's)."""
        if isinstance(owner, Table) and column in owner.columns:
            return self.column_type(owner, owner.columns[column]).text
        return ""

    def constraint_lines(self, table: Table, inline_pk: bool, subject: str) -> list[str]:
        lines: list[str] = []
        pk = table.primary_key
        if pk is not None and not inline_pk:
            name = pk.name if self.named_primary_keys else None
            if pk.name and not self.named_primary_keys and self.once("pk-name", "all"):
                self.info("pk-name-dropped", f"{self.title} names every primary key itself; "
                          "primary key names are not written")
            columns = self.key_columns(table, pk.columns, f"{subject} primary key")
            if columns is not None:
                self.constraints_written.add(id(pk))
                lines.append(f"{self.constraint_name(name, subject)}PRIMARY KEY ({columns})"
                             f"{self.constraint_suffix}")
        for unique in table.uniques:
            line = self.unique_line(table, unique)
            if line:
                lines.append(line)
        for check in table.checks:
            line = self.check_line(table, check)
            if line:
                lines.append(line)
        if self.inline_foreign_keys:
            for fk in table.foreign_keys:
                clause = self.foreign_key_clause(table, fk)
                if clause:
                    lines.append(clause)
        return lines

    def unique_line(self, table: Table, unique: Unique) -> str | None:
        subject = f"table {table.key} unique {unique.name or ', '.join(unique.columns)}"
        if not self.unique_constraints:
            self.warn("unique-dropped", f"{self.title} has no unique constraints; UNIQUE "
                      f"({', '.join(unique.columns)}) is not written", subject=subject)
            return None
        nulls = self.nulls_not_distinct(unique.nulls_distinct, subject)
        columns = self.key_columns(table, unique.columns, subject)
        if columns is None:
            return None
        text = f"{self.constraint_name(unique.name, subject)}UNIQUE{nulls} ({columns})"
        text += self.deferrable(unique.deferrable, unique.initially_deferred, subject)
        self.constraints_written.add(id(unique))
        return text + self.constraint_suffix

    def nulls_not_distinct(self, distinct: bool, subject: str) -> str:
        if not distinct:
            self.warn("nulls-not-distinct-dropped", f"NULLS NOT DISTINCT (PostgreSQL 15+) is "
                      f"not available in {self.title}; rows with NULLs are not kept unique",
                      subject=subject)
        return ""

    def deferrable(self, deferrable: bool, initially_deferred: bool, subject: str) -> str:
        if not deferrable:
            return ""
        if not self.deferrable_constraints:
            self.warn("deferrable-dropped", f"DEFERRABLE constraints are not available in "
                      f"{self.title}; written as checked immediately", subject=subject)
            return ""
        return " DEFERRABLE INITIALLY DEFERRED" if initially_deferred else " DEFERRABLE"

    # -- foreign keys -----------------------------------------------------------------

    def foreign_key_clause(self, table: Table, fk: ForeignKey) -> str | None:
        subject = f"table {table.key} foreign key {fk.name or ', '.join(fk.columns)}"
        target = self.schema.table(fk.references.table)
        if target is None or target.key not in self.written_tables:
            self.warn("foreign-key-skipped", f"references {fk.references.table}, which is not "
                      f"written for {self.title}", subject=subject)
            return None
        columns = fk.references.columns or (target.primary_key.columns if target.primary_key else ())
        problem = self.foreign_key_problem(table, fk.columns, target, columns)
        if problem:
            self.warn("foreign-key-skipped", f"{problem}; not written", subject=subject)
            return None
        text = f"{self.constraint_name(fk.name, subject)}FOREIGN KEY ({self.columns(fk.columns)}) "
        text += f"REFERENCES {self.ref(target.key)}"
        if columns:
            text += f" ({self.columns(columns)})"
        if fk.match:
            if self.match_clause:
                text += f" MATCH {fk.match.upper()}"
            else:
                self.warn("match-dropped", f"MATCH {fk.match.upper()} is not available in "
                          f"{self.title}", subject=subject)
        not_null = [c for c in fk.columns if c in table.columns and not table.columns[c].nullable]
        for event, action, allowed in (("DELETE", fk.on_delete, self.delete_actions),
                                       ("UPDATE", fk.on_update, self.update_actions)):
            if action == "set null" and not_null and self.set_null_needs_nullable:
                self.warn("fk-action-dropped", f"ON {event} SET NULL on the NOT NULL column "
                          f"{not_null[0]} is refused by {self.title}; written as NO ACTION",
                          subject=subject)
                continue
            text += self.action(event, action, allowed, subject)
        text += self.deferrable(fk.deferrable, fk.initially_deferred, subject)
        self.constraints_written.add(id(fk))
        return text + self.constraint_suffix

    def foreign_key_problem(self, table: Table, columns: tuple[str, ...], target: Table,
                            referenced: tuple[str, ...]) -> str | None:
        """Why the target would refuse this foreign key (None: it would not)."""
        for owner, names in ((table, columns), (target, referenced)):
            for name in names:
                written = self.written_type(owner, name)
                if self.unindexable(written):
                    return f"{self.title} cannot use {owner.name}.{name} ({written}) in a key"
        return None

    def action(self, event: str, action: str | None, allowed: frozenset[str], subject: str) -> str:
        if action is None:
            return ""
        if action in allowed:
            return f" ON {event} {action.upper()}"
        if action == "restrict":
            self.info("fk-action-changed", f"ON {event} RESTRICT written as NO ACTION "
                      f"({self.title} has no RESTRICT; both refuse the change)", subject=subject)
        else:
            self.warn("fk-action-dropped", f"ON {event} {action.upper()} is not available in "
                      f"{self.title}; not written (NO ACTION)", subject=subject)
        return ""

    def foreign_key_statements(self, keys: list[str]) -> list[Statement]:
        """ALTER TABLE … ADD … FOREIGN KEY, once every table exists."""
        if self.inline_foreign_keys:
            return []
        found: list[Statement] = []
        for key in keys:
            table = self.schema.tables[key]
            if table.partition_of is not None:
                continue
            for fk in table.foreign_keys:
                clause = self.foreign_key_clause(table, fk)
                if clause:
                    found.append(Statement(f"ALTER TABLE {self.ref(key)} ADD {clause}"))
        return found


