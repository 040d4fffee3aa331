"""IDX010: unique keys over nullable columns say what NULL means for uniqueness."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Table


class Options(RuleOptions):
    single_column: bool = Field(
        False,
        description="Also report single-column unique keys on a nullable column (usually meant: unique "
        "when present).",
    )


def _nullable(table: Table, columns: list[str] | tuple[str, ...], where: str | None) -> list[str]:
    """Columns that may hold NULL (a partial index's ``col IS NOT NULL`` rules that out)."""
    found = []
    for name in columns:
        column = table.columns.get(name)
        if column is None or not column.nullable:
            continue
        if where and re.search(rf"(?<![\w$]){re.escape(name)}\W*\s+is\s+not\s+null", where, re.I):
            continue
        found.append(name)
    return found


class NullableUniqueKey(Rule):
    """Unique keys over nullable columns do not silently allow duplicates.

    Why:
        In a unique key, NULL is not equal to anything, not even another NULL:
        with ``UNIQUE (parent_id, name)`` and ``parent_id`` nullable, any number
        of top-level rows may share a name, which is rarely what the key was
        meant to prevent.  (SQL Server and Oracle treat NULLs differently, so
        the rule does not apply there.)

    Instead:
        Make the columns ``NOT NULL`` (with a sentinel value if needed), use
        ``UNIQUE NULLS NOT DISTINCT`` (PostgreSQL 15+), or add a partial unique
        index for the NULL case (``CREATE UNIQUE INDEX ON t (name) WHERE
        parent_id IS NULL``).  Single-column keys on a nullable column usually
        mean "unique when present" and are reported only with
        ``single_column``.
    """

    code = "IDX010"
    name = "nullable-unique-key"
    summary = "Unique keys over nullable columns do not silently allow duplicates."
    summary_ja = "NULL を許す列を含む一意キーが、黙って重複を許していないこと。"
    doc_ja = """
    理由:
        一意キーでは NULL は何とも、ほかの NULL とさえも等しくありません。``UNIQUE (parent_id, name)`` で
        ``parent_id`` が NULL を許すと、最上位の行はいくつでも同じ名前を持てます。キーが防ぐはずだったことは
        たいていこれです。(SQL Server と Oracle は NULL の扱いが違うので、このルールは適用しません。)

    代わりに:
        列を ``NOT NULL`` にする(必要なら番兵値を使う)、``UNIQUE NULLS NOT DISTINCT``(PostgreSQL 15 以降)を
        使う、または NULL の場合の部分一意インデックスを追加してください(``CREATE UNIQUE INDEX ON t (name)
        WHERE parent_id IS NULL``)。NULL 許可の単一列の一意キーはふつう「値があるときは一意」の意味なので、
        ``single_column`` を有効にしたときだけ報告します。
    """
    category = "indexes"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family in {"mssql", "oracle"}:
            return
        minimum = 1 if options.single_column else 2
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, unique in enumerate(table.uniques):
                if unique.nulls_distinct and len(unique.columns) >= minimum:
                    nullable = _nullable(table, unique.columns, None)
                    if nullable:
                        target = Target("unique", key, unique.name, position, unique.columns)
                        yield self._finding(ctx, target, key, unique.columns, nullable)
            for position, index in enumerate(table.indexes):
                if not index.unique or not index.nulls_distinct or len(index.columns) < minimum:
                    continue
                names = index.column_names()
                nullable = _nullable(table, names, index.where)
                if nullable:
                    target = Target("index", key, index.name, position, tuple(names))
                    yield self._finding(ctx, target, key, tuple(names), nullable)

    def _finding(
        self, ctx: LintContext, target: Target, key: str, columns: tuple[str, ...], nullable: list[str]
    ) -> Finding:
        shown = ", ".join(nullable)
        verb = "is" if len(nullable) == 1 else "are"
        if ctx.family in {"postgres", None}:
            listed = ", ".join(columns)
            hint = f"make {shown} NOT NULL, or use UNIQUE NULLS NOT DISTINCT ({listed}) (PostgreSQL 15+)"
        else:
            hint = f"make {shown} NOT NULL, or add a unique index for the rows where {nullable[0]} IS NULL"
        return self.finding(
            target,
            f"{shown} {verb} nullable: rows with NULL there never conflict, so duplicates are allowed",
            hint=hint,
        )
