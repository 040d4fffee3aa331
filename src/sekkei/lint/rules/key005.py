"""KEY005: auto-increment (identity) columns are integers the target database accepts."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key003 import native_spelling
from sekkei.model.schema import Table

#: Databases that allow one identity / auto-increment column per table.
_ONE_PER_TABLE = {"mysql": "MySQL", "mssql": "SQL Server", "oracle": "Oracle", "sqlite": "SQLite"}


class Options(RuleOptions):
    require_unsigned: bool = Field(
        False, description="MySQL/MariaDB: auto-increment columns must be UNSIGNED (twice the range)."
    )


def _leading_columns(table: Table) -> set[str]:
    """Columns that are the first column of the primary key, a unique key or an index."""
    found: set[str] = set()
    if table.primary_key is not None and table.primary_key.columns:
        found.add(table.primary_key.columns[0])
    found.update(u.columns[0] for u in table.uniques if u.columns)
    for index in table.indexes:
        if index.kind is None and index.columns:
            first = index.columns[0]
            if isinstance(first, str):
                found.add(first)
            elif first.column is not None:
                found.add(first.column)
    return found


class AutoIncrementColumn(Rule):
    """Auto-increment (identity) columns are integers, one per table, indexed where MySQL needs it.

    Why:
        Generated ids are whole numbers.  PostgreSQL refuses an identity on
        anything but ``smallint``/``integer``/``bigint``; MySQL deprecated
        ``AUTO_INCREMENT`` on ``float``/``double`` (whose ids stop being exact
        past 2^53).  MySQL, SQL Server, Oracle and SQLite allow one such column
        per table; MySQL also needs it to be the first column of an index
        (``there can be only one auto column and it must be defined as a key``)
        and SQLite allows ``AUTOINCREMENT`` only on the single-column
        ``INTEGER PRIMARY KEY``.  With ``require_unsigned``, MySQL
        auto-increment columns must be ``UNSIGNED``: negative ids are never
        generated, so the sign bit is wasted range.

    Instead:
        Make the column ``bigint`` (``BIGINT UNSIGNED`` on MySQL when
        required), keep one generated column per table, and make it the primary
        key (or the first column of an index).  Foreign key columns that
        reference it must change with it.
    """

    code = "KEY005"
    name = "auto-increment-column"
    summary = "Auto-increment (identity) columns are integers the database accepts."
    summary_ja = "自動採番(IDENTITY)列がデータベースの受け付ける整数列であること。"
    doc_ja = """
    理由:
        生成される ID は整数です。PostgreSQL は ``smallint``・``integer``・``bigint`` 以外の IDENTITY を
        拒否し、MySQL は ``float``・``double`` の ``AUTO_INCREMENT`` を非推奨にしています(2^53 を超えると
        正確でなくなります)。MySQL・SQL Server・Oracle・SQLite ではテーブルに 1 列だけで、MySQL ではさらに
        インデックスの先頭列でなければならず(``there can be only one auto column and it must be defined as
        a key``)、SQLite の ``AUTOINCREMENT`` は単一列の ``INTEGER PRIMARY KEY`` にしか付けられません。
        ``require_unsigned`` を有効にすると、MySQL の自動採番列は ``UNSIGNED`` でなければなりません
        (負の ID は生成されないので符号ビットの分の範囲が無駄になります)。

    代わりに:
        列を ``bigint``(必要なら MySQL では ``BIGINT UNSIGNED``)にし、生成列はテーブルに 1 つにして、
        主キー(またはインデックスの先頭列)にしてください。参照している外部キー列も一緒に変更が必要です。
    """
    category = "keys"
    severity = "error"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        fam = ctx.family
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            inherited = {name for parent in ctx.parents.get(key, ()) for name in parent.columns}
            generated = [
                c for c in table.columns.values() if c.identity is not None and c.name not in inherited
            ]
            if not generated:
                continue
            leading = _leading_columns(table) if fam == "mysql" else set()
            for number, column in enumerate(generated):
                info = ctx.column_info(key, column.name)
                if info is None or info.spec is None:
                    continue
                target = Target("column", key, column.name)
                problem = self._type_problem(info, fam)
                if problem is not None:
                    yield self.finding(target, problem, hint=f"make {column.name} bigint")
                    continue
                if number > 0 and fam in _ONE_PER_TABLE:
                    yield self.finding(
                        target,
                        f"{_ONE_PER_TABLE[fam]} allows one auto-increment column per table "
                        f"({generated[0].name} is one)",
                        hint=f"generate {column.name} another way (a sequence, or the application)",
                    )
                if fam == "mysql" and column.name not in leading:
                    yield self.finding(
                        target,
                        "MySQL needs an auto-increment column to be the first column of an index",
                        hint=f"make {column.name} the primary key, or ALTER TABLE {key} ADD KEY "
                        f"({column.name})",
                    )
                if fam == "sqlite" and (
                    table.primary_key is None or table.primary_key.columns != (column.name,)
                ):
                    yield self.finding(
                        target,
                        "SQLite allows AUTOINCREMENT only on the table's single-column INTEGER PRIMARY KEY",
                        hint=f"make {column.name} the primary key alone, or drop AUTOINCREMENT",
                    )
                if options.require_unsigned and fam == "mysql":
                    native = native_spelling(column, info.spec, ctx.dialect) or ""
                    if "unsigned" not in native.split():
                        wide = native.split()[0] if native else "bigint"
                        yield self.finding(
                            target,
                            f"auto-increment column is signed ({native or info.spec}): half its range is "
                            "never used",
                            hint=f"ALTER TABLE {key} MODIFY {column.name} {wide.upper()} UNSIGNED NOT NULL "
                            "AUTO_INCREMENT (and the foreign key columns that reference it)",
                        )

    @staticmethod
    def _type_problem(info: ColumnInfo, fam: str | None) -> str | None:
        spec = info.spec
        assert spec is not None
        if spec.kind == "canonical" and not spec.dims and spec.family == "integer":
            return None
        exact = spec.base == "numeric" and (len(spec.args) < 2 or spec.args[1] == 0)
        if exact and fam in {"mssql", "oracle"}:
            return None  # IDENTITY on numeric(p, 0) / NUMBER(p) is allowed there
        if spec.kind == "canonical" and spec.family == "float":
            return (
                f"auto-increment column has type {spec}: approximate numbers stop being exact ids "
                "(MySQL deprecates it, other databases refuse it)"
            )
        return f"auto-increment column has type {spec}: generated ids are integers"
