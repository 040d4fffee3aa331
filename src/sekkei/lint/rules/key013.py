"""KEY013: composite primary keys have at most a few columns."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key002 import partition_columns


class Options(RuleOptions):
    max_columns: int = Field(
        3, description="Most columns a primary key may have (partition key columns are not counted)."
    )


class WidePrimaryKey(Rule):
    """Composite primary keys have at most ``max_columns`` columns (3 by default).

    Why:
        Every foreign key that references the table repeats all the key's
        columns, every join along it compares them all, and InnoDB copies the
        primary key into each secondary index.  Wide natural keys also tend to
        contain values that change (names, codes, dates), and a change ripples
        through every referencing row.

    Instead:
        Key the table by a surrogate (``id bigint GENERATED ALWAYS AS
        IDENTITY``) and keep the natural key as a ``UNIQUE`` constraint.
        Columns PostgreSQL requires in the key because the table is partitioned
        by them are not counted.
    """

    code = "KEY013"
    name = "wide-primary-key"
    summary = "Composite primary keys have at most a few columns."
    summary_ja = "複合主キーの列数が多すぎないこと(既定は 3 列まで)。"
    doc_ja = """
    理由:
        テーブルを参照するすべての外部キーがキーの全列を繰り返し、その結合はすべての列を比較し、InnoDB は
        主キーを各セカンダリインデックスに複製します。列の多い自然キーには変わりうる値(名前・コード・日付)が
        含まれがちで、変わると参照しているすべての行に波及します。

    代わりに:
        サロゲートキー(``id bigint GENERATED ALWAYS AS IDENTITY``)を主キーにし、自然キーは ``UNIQUE``
        制約として残してください。パーティションキーのため PostgreSQL が主キーに含めるよう求める列は
        数えません。
    """
    category = "keys"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            pk = table.primary_key
            if pk is None or table.partition_of is not None or len(pk.columns) <= options.max_columns:
                continue
            counted = [c for c in pk.columns if c not in partition_columns(table)]
            if len(counted) <= options.max_columns:
                continue
            references = len(ctx.incoming.get(key, ()))
            repeated = f"; {references} foreign key(s) repeat all of them" if references else ""
            yield self.finding(
                Target("primary_key", key, pk.name, None, pk.columns),
                f"primary key has {len(counted)} columns (at most {options.max_columns}){repeated}",
                hint=f"key the table by a bigint identity and keep ({', '.join(pk.columns)}) UNIQUE",
            )
