"""KEY006: a foreign key references the primary key or a unique key of its target."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.schema import ForeignKey, Table


def _keys(table: Table) -> list[tuple[tuple[str, ...], bool]]:
    """(columns, deferrable) of every key a foreign key may reference."""
    found: list[tuple[tuple[str, ...], bool]] = []
    if table.primary_key is not None:
        found.append((table.primary_key.columns, False))
    found.extend((u.columns, u.deferrable) for u in table.uniques)
    for index in table.indexes:
        names = index.column_names()
        plain = all(isinstance(p, str) or p.length is None for p in index.columns)
        if index.unique and index.where is None and len(names) == len(index.columns) and plain:
            found.append((tuple(names), False))
    return found


def _index_prefixes(table: Table) -> list[tuple[str, ...]]:
    """Leading columns of every B-tree index (unique or not): what InnoDB accepts as a parent key."""
    found = [cols for cols, _ in _keys(table)]
    for index in table.indexes:
        if index.kind is None and index.where is None:
            found.append(tuple(index.column_names()))
    return found


class ForeignKeyTarget(Rule):
    """A foreign key references its target's primary key or a unique key, with as many columns.

    Why:
        A foreign key promises that each value names exactly one parent row;
        only a primary key or a unique constraint on exactly the referenced
        columns makes that true, and PostgreSQL, SQL Server, Oracle and MySQL
        8.4 refuse the constraint otherwise (``there is no unique constraint
        matching given keys``).  A foreign key that names no columns references
        the primary key, so the target needs one, with as many columns.
        PostgreSQL cannot use a ``DEFERRABLE`` unique constraint as a target.
        Older MySQL and MariaDB accept any index on the referenced columns, but
        then one child row matches several parents and cascades hit them all.

    Instead:
        Reference the primary key, or add a ``UNIQUE`` constraint on the
        referenced columns (``ALTER TABLE parent ADD UNIQUE (code)``).
    """

    code = "KEY006"
    name = "foreign-key-target"
    summary = "A foreign key references its target's primary key or a unique key."
    summary_ja = "外部キーが参照先の主キーまたは一意キーを参照していること。"
    doc_ja = """
    理由:
        外部キーは「各値がちょうど 1 つの親行を指す」ことを約束します。それが成り立つのは、参照する列
        ちょうどに主キーか一意制約がある場合だけで、PostgreSQL・SQL Server・Oracle・MySQL 8.4 はそれ以外の
        制約を拒否します(``there is no unique constraint matching given keys``)。列を指定しない外部キーは
        主キーを参照するので、参照先には同じ列数の主キーが必要です。PostgreSQL は ``DEFERRABLE`` な一意制約を
        参照先にできません。古い MySQL や MariaDB は参照列に任意のインデックスがあれば受け付けますが、
        子の 1 行が複数の親に一致し、カスケードはそのすべてに及びます。

    代わりに:
        主キーを参照するか、参照する列に ``UNIQUE`` 制約を追加してください
        (``ALTER TABLE parent ADD UNIQUE (code)``)。
    """
    category = "keys"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mysql = ctx.family == "mysql"
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue  # a partition carries its parent's foreign keys
            for position, fk in enumerate(table.foreign_keys):
                parent = ctx.referenced_table(fk)
                if parent is None:
                    continue  # a missing table is refused when the schema is read
                pk = parent.primary_key
                if (
                    pk is not None
                    and len(pk.columns) == len(fk.columns)
                    and fk.references.columns in {(), pk.columns}
                ):
                    continue  # the usual case: the primary key
                target = Target("foreign_key", key, fk.name, position, fk.columns)
                finding = self._check(ctx, fk, parent, target, mysql)
                if finding is not None:
                    yield finding

    def _check(
        self, ctx: LintContext, fk: ForeignKey, parent: Table, target: Target, mysql: bool
    ) -> Finding | None:
        if not fk.references.columns:
            if parent.primary_key is None:
                return self.finding(
                    target,
                    f"references {parent.key} without naming columns, but {parent.key} has no primary key",
                    hint=f"name the referenced columns, or give {parent.key} a primary key",
                )
            if len(parent.primary_key.columns) != len(fk.columns):
                pk = ", ".join(parent.primary_key.columns)
                return self.finding(
                    target,
                    f"has {len(fk.columns)} column(s) but the primary key of {parent.key} ({pk}) has "
                    f"{len(parent.primary_key.columns)}",
                    hint="name the referenced columns, or match the primary key",
                )
        referenced = ctx.referenced_columns(fk)
        if len(referenced) != len(fk.columns) or any(c not in parent.columns for c in referenced):
            return None  # refused when the schema is read
        wanted = set(referenced)
        keys = _keys(parent)
        exact = [deferrable for cols, deferrable in keys if cols == referenced]
        same_set = [
            deferrable for cols, deferrable in keys if set(cols) == wanted and len(cols) == len(wanted)
        ]
        columns = ", ".join(referenced)
        if (exact and not all(exact)) or (same_set and not all(same_set) and not mysql):
            return None
        if same_set and not all(same_set) and mysql:
            return self._graded(
                target,
                f"references ({columns}) of {parent.key}: its unique key has these columns in another order, "
                "and MySQL needs them in the same order",
                f"reference the columns in the key's order, or ALTER TABLE {parent.key} ADD UNIQUE "
                f"({columns})",
                "warning",
            )
        if same_set:
            return self.finding(
                target,
                f"references ({columns}) of {parent.key}, whose unique key is DEFERRABLE: PostgreSQL refuses "
                "a deferrable key as a foreign key target",
                hint=f"make the unique key on {parent.key} ({columns}) NOT DEFERRABLE",
            )
        key = f"the primary key ({', '.join(parent.primary_key.columns)})" if parent.primary_key else None
        hint = f"ALTER TABLE {parent.key} ADD UNIQUE ({columns})" + (f", or reference {key}" if key else "")
        if mysql and any(prefix[: len(referenced)] == referenced for prefix in _index_prefixes(parent)):
            return self._graded(
                target,
                f"references ({columns}) of {parent.key}, which only a non-unique index covers: MySQL 8.4 "
                "refuses it, older MySQL and MariaDB let one row reference several parents",
                hint,
                "warning",
            )
        return self.finding(
            target,
            f"references ({columns}) of {parent.key}, which is neither its primary key nor a unique key",
            hint=hint,
        )

    def _graded(self, target: Target, message: str, hint: str, level: str) -> Finding:
        """A finding at `level` unless the user chose this rule's severity."""
        finding = self.finding(target, message, hint=hint)
        return replace(finding, severity=level) if self.level == self.severity else finding
