"""TYP012: NOT NULL columns have a default (a policy rule, off by default)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    exclude: list[str] = Field(
        default_factory=list,
        description="Columns that need no default: globs on the column name or TABLE.COLUMN, e.g. "
        "['name', '*_code']. Keys, identity and computed columns are never reported.",
    )


class NotNullWithoutDefault(Rule):
    """NOT NULL columns have a default.

    Why:
        A NOT NULL column without a default must be given a value by every
        INSERT, and adding such a column to a table that already has rows
        fails (or, in MySQL without strict mode, quietly fills in 0 or '').
        Teams that evolve their schema with zero-downtime migrations often
        require a default on every NOT NULL column for that reason.  This is a
        policy: it is off until a team turns it on.  Primary and foreign key,
        identity and computed columns are never reported: a default would be
        wrong there.

    Instead:
        Give the column a default that is a valid "nothing yet" value (``0``,
        ``''``, ``false``, ``CURRENT_TIMESTAMP``), or list columns whose value
        must always be given explicitly in ``exclude``.
    """

    code = "TYP012"
    name = "not-null-without-default"
    summary = "NOT NULL columns have a default."
    summary_ja = "NOT NULL の列には既定値があること。"
    doc_ja = """
    理由:
        既定値のない NOT NULL 列には、すべての INSERT が値を渡さなければなりません。またそのような列を
        既に行のあるテーブルへ追加すると失敗します(厳格モードでない MySQL では黙って 0 や '' が
        入ります)。無停止のマイグレーションでスキーマを育てるチームは、そのため NOT NULL 列に必ず既定値を
        求めることがあります。これは方針のルールなので、チームが有効にするまでは無効です。主キー・
        外部キー・自動採番・計算列は、既定値が誤りになるため報告しません。

    代わりに:
        「まだ値がない」ことを表す妥当な既定値(``0``・``''``・``false``・``CURRENT_TIMESTAMP``)を
        付けるか、常に明示的に値を渡すべき列を ``exclude`` に列挙してください。
    """
    category = "types"
    severity = "off"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        patterns = options.exclude
        dotted = [p for p in patterns if "." in p]
        excluded: dict[str, bool] = {}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            keys: set[str] = set(table.primary_key.columns) if table.primary_key else set()
            for fk in table.foreign_keys:
                keys.update(fk.columns)
            for column in table.columns.values():
                if (
                    column.nullable
                    or column.default is not None
                    or column.identity is not None
                    or column.generated is not None
                    or column.name in keys
                ):
                    continue
                name = column.name
                skip = excluded.get(name)
                if skip is None:
                    skip = excluded[name] = any(fnmatch.fnmatchcase(name, p) for p in patterns)
                if skip or (dotted and any(fnmatch.fnmatchcase(f"{key}.{name}", p) for p in dotted)):
                    continue
                resolved = ctx.resolved(column.type, table.namespace)
                domain = resolved.domain if resolved is not None else None
                if domain is not None and domain.default is not None:
                    continue  # the domain's default applies
                yield self.finding(
                    Target("column", key, name),
                    "NOT NULL without a default: every INSERT must give a value, and adding the "
                    "column to a table with rows fails",
                    hint="add a default, or list the column in exclude",
                )
