"""IDX003: indexes have at most a few key columns."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    max_columns: int = Field(5, description="Most key columns (and expressions) one index may have.")
    count_include: bool = Field(False, description="Count INCLUDE columns too.")


class WideIndex(Rule):
    """Indexes have at most ``max_columns`` key columns (5 by default).

    Why:
        A query can use an index's columns only from the left, up to the first
        column it does not constrain by equality, so the trailing columns of a
        very wide index seldom help, while every one of them makes the index
        larger and every write to those columns slower.  Wide indexes are often
        an attempt to cover one query that a narrower index, or an ``INCLUDE``
        list, would serve.

    Instead:
        Keep the columns that queries filter and sort on, most selective
        equality columns first; move columns that are only read into
        ``INCLUDE`` (PostgreSQL, SQL Server), or split the index.
    """

    code = "IDX003"
    name = "wide-index"
    summary = "Indexes have at most a few key columns."
    summary_ja = "インデックスのキー列が多すぎないこと(既定は 5 列まで)。"
    doc_ja = """
    理由:
        クエリがインデックスの列を使えるのは左から、等値条件のない最初の列までなので、非常に幅の広い
        インデックスの後ろの列はほとんど役に立ちません。一方で列ごとにインデックスは大きくなり、その列への
        書き込みは遅くなります。幅の広いインデックスは、狭いインデックスや ``INCLUDE`` で足りる 1 つの
        クエリのために作られていることがよくあります。

    代わりに:
        絞り込みと並べ替えに使う列だけを、選択性の高い等値条件の列から順に残してください。読むだけの列は
        ``INCLUDE``(PostgreSQL・SQL Server)に移すか、インデックスを分けてください。
    """
    category = "indexes"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, index in enumerate(table.indexes):
                count = len(index.columns) + (len(index.include) if options.count_include else 0)
                if count <= options.max_columns:
                    continue
                yield self.finding(
                    Target("index", key, index.name, position, tuple(index.column_names())),
                    f"index has {count} columns (at most {options.max_columns})",
                    hint="keep the columns queries filter and sort on; move read-only columns to INCLUDE or "
                    "split the index",
                )
