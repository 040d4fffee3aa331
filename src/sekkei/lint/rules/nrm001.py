"""NRM001: tables have at most `max_columns` columns."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    max_columns: int = Field(50, ge=1, description="The most columns a table may have.")


class WideTable(Rule):
    """Tables have at most `max_columns` columns (50 by default).

    Why:
        A very wide table usually holds several things at once: optional
        attributes that apply to some rows only (mostly NULL), groups of columns
        that change together, or repeating groups (``phone1`` … ``phone5``).
        Every row pays for every column in width and in locking, every query
        that reads the row drags the unused ones along, and the table is hard
        to understand or change.

    Instead:
        Split it along its meaning: a side table for optional or rarely used
        attributes sharing the primary key (1:1), child tables for repeating
        groups, and separate tables for things with their own life cycle.  Raise
        ``max_columns`` if your wide tables are deliberate (reporting tables,
        denormalised read models).
    """

    code = "NRM001"
    name = "wide-table"
    summary = "Tables have at most `max_columns` columns."
    summary_ja = "テーブルの列数が `max_columns` 以下であること。"
    doc_ja = """
    理由:
        列が非常に多いテーブルは、たいてい複数のものを抱えています。一部の行にしか当てはまらない
        任意の属性(ほとんど NULL)、一緒に変わる列のまとまり、繰り返し項目(``phone1`` … ``phone5``)
        などです。すべての行がすべての列の幅とロックの負担を負い、行を読むクエリは使わない列まで
        読み込み、テーブルは理解も変更も難しくなります。

    代わりに:
        意味に沿って分割してください。任意・まれにしか使わない属性は主キーを共有する別テーブル(1 対 1)へ、
        繰り返し項目は子テーブルへ、独自のライフサイクルを持つものは別テーブルへ。集計用や非正規化した
        参照モデルなど意図的に幅広いテーブルなら ``max_columns`` を大きくしてください。
    """
    category = "design"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        limit = options.max_columns
        for key, table in ctx.schema.tables.items():
            # a partition repeats its parent's columns: the parent is reported once
            if table.partition_of is not None or len(table.columns) <= limit:
                continue
            yield self.finding(
                Target("table", key),
                f"table has {len(table.columns)} columns (more than {limit})",
                hint="move optional or rarely used columns to a 1:1 side table that shares the primary key, "
                "and repeating groups to child tables",
            )
